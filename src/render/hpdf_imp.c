/* hpdf_imp.c - the one file that reads and writes libharu's struct fields
 * (see hpdf_imp.h for why and what). */
#include "render/hpdf_imp.h"

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_gstate.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <string.h>

HPDF_Dict hx_dict_new(HPDF_Doc pdf) { return HPDF_Dict_New(pdf->mmgr); }

HPDF_Array hx_array_new(HPDF_Doc pdf) { return HPDF_Array_New(pdf->mmgr); }

HPDF_String hx_string_new(HPDF_Doc pdf, const char *s) { return HPDF_String_New(pdf->mmgr, s, NULL); }

HPDF_Binary hx_binary_new(HPDF_Doc pdf, const void *data, size_t len)
{
    return HPDF_Binary_New(pdf->mmgr, (HPDF_BYTE *)data, (HPDF_UINT)len);
}

int hx_indirect(HPDF_Doc pdf, void *obj)
{
    return HPDF_Xref_Add(pdf->xref, obj) == HPDF_OK ? 0 : -1;
}

/* The dictionary write hook of a stream deflated by raingan: libharu
 * removes any Filter entry of a stream it does not compress itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

HPDF_Dict hx_stream_new(HPDF_Doc pdf, const void *data, size_t len, int deflated)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s || HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK)
        return NULL;
    if (deflated) {
        s->filter = HPDF_STREAM_FILTER_NONE;
        s->write_fn = write_flate_filter;
    }
    return s;
}

static HPDF_STATUS write_dct_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /DCTDecode\012");
}

HPDF_Dict hx_stream_new_filtered(HPDF_Doc pdf, const void *data, size_t len, const char *filter)
{
    if (strcmp(filter, "DCTDecode"))
        return NULL; /* the one filter raingan passes through */
    HPDF_Dict s = hx_stream_new(pdf, data, len, 0);
    if (s) {
        s->filter = HPDF_STREAM_FILTER_NONE;
        s->write_fn = write_dct_filter;
    }
    return s;
}

HPDF_Dict hx_catalog(HPDF_Doc pdf) { return pdf->catalog; }

HPDF_Dict hx_trailer(HPDF_Doc pdf) { return pdf->trailer; }

HPDF_Dict hx_info(HPDF_Doc pdf) { return pdf->info; }

void hx_set_pdf17(HPDF_Doc pdf) { pdf->pdf_version = HPDF_VER_17; }

int hx_pdf_minor(HPDF_Doc pdf) { return 2 + (int)(pdf->pdf_version - HPDF_VER_12); }

/* ---- writing objects ---- */

static HPDF_STATUS sink_write(HPDF_Stream s, const HPDF_BYTE *data, HPDF_UINT len)
{
    hx_sink *k = s->attr;
    return k->write(k->user, data, len) ? HPDF_FILE_IO_ERROR : HPDF_OK;
}

HPDF_Stream hx_writer_new(HPDF_Doc pdf, hx_sink *sink)
{
    return HPDF_CallbackWriter_New(pdf->mmgr, sink_write, sink);
}

void hx_writer_free(HPDF_Stream s)
{
    if (s)
        HPDF_Stream_Free(s);
}

size_t hx_object_count(HPDF_Doc pdf) { return pdf->xref->entries->count; }

void *hx_object(HPDF_Doc pdf, size_t id)
{
    HPDF_XrefEntry e = id < pdf->xref->entries->count ? HPDF_Xref_GetEntry(pdf->xref, (HPDF_UINT)id)
                                                     : NULL;
    return e ? e->obj : NULL;
}

unsigned hx_object_id(const void *obj)
{
    const HPDF_Obj_Header *h = obj;
    return h && (h->obj_id & HPDF_OTYPE_INDIRECT) ? (unsigned)(h->obj_id & 0x00FFFFFF) : 0;
}

int hx_write_value(void *obj, HPDF_Stream out)
{
    return HPDF_Obj_WriteValue(obj, out, NULL) == HPDF_OK ? 0 : -1;
}

static int is_dict(const void *obj)
{
    return (((const HPDF_Obj_Header *)obj)->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT;
}

void *hx_stream_length(void *obj)
{
    if (!obj || !is_dict(obj) || !((HPDF_Dict)obj)->stream)
        return NULL;
    return HPDF_Dict_GetItem(obj, "Length", HPDF_OCLASS_NUMBER);
}

void hx_release(void *obj)
{
    if (!obj || !is_dict(obj))
        return;
    HPDF_Dict d = obj;
    while (d->list->count) {
        HPDF_DictElement e = HPDF_List_ItemAt(d->list, 0);
        if (HPDF_Dict_RemoveElement(d, e->key) != HPDF_OK)
            break;
    }
    HPDF_List_Clear(d->list); /* its array of entries too */
    if (d->stream) {
        HPDF_Stream_Free(d->stream);
        d->stream = NULL;
    }
    if (d->header.obj_class == (HPDF_OCLASS_DICT | HPDF_OSUBCLASS_PAGE) && d->attr) {
        /* fonts, xobjects: entries of the page's /Resources, freed above;
         * stream: its content stream's, freed when that was released.
         * Only parent stays (a page inserted before this one needs it). */
        HPDF_PageAttr attr = d->attr;
        attr->fonts = attr->xobjects = attr->ext_gstates = NULL;
        attr->contents = NULL;
        attr->stream = NULL;
        if (attr->gstate)
            HPDF_GState_Free(d->mmgr, attr->gstate);
        attr->gstate = NULL;
    }
}

int hx_trailer_prepare(HPDF_Doc pdf)
{
    return HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog) == HPDF_OK &&
                   (!pdf->info || HPDF_Dict_Add(pdf->trailer, "Info", pdf->info) == HPDF_OK)
               ? 0
               : -1;
}

/* Enter obj in the page's resource category `kind` ("Font", "XObject")
 * under name.  *slot is the page attr's own dictionary of that category
 * (attr->fonts, attr->xobjects), so libharu's own fonts and images land
 * beside ours. */
static int page_use_resource(HPDF_Page page, HPDF_Dict *slot, const char *kind,
                             const char *name, HPDF_Dict obj)
{
    if (!*slot) {
        HPDF_Dict res = HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT);
        HPDF_Dict d = HPDF_Dict_New(page->mmgr);
        if (!res || !d || HPDF_Dict_Add(res, kind, d) != HPDF_OK)
            return -1;
        *slot = d;
    }
    if (HPDF_Dict_GetItem(*slot, name, HPDF_OCLASS_DICT))
        return 0;
    return HPDF_Dict_Add(*slot, name, obj) == HPDF_OK ? 0 : -1;
}

int hx_page_use_font(HPDF_Page page, const char *name, HPDF_Dict obj)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return page_use_resource(page, &attr->fonts, "Font", name, obj);
}

int hx_page_use_xobject(HPDF_Page page, const char *name, HPDF_Dict obj)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return page_use_resource(page, &attr->xobjects, "XObject", name, obj);
}

int hx_page_put_deflated(HPDF_Page page, const void *data, size_t len)
{
    HPDF_Dict dict = ((HPDF_PageAttr)page->attr)->contents;
    if (HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len) != HPDF_OK)
        return -1;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    return 0;
}
