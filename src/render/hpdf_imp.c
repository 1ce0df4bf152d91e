/* hpdf_imp.c - the one file that reads and writes libharu's struct fields
 * (see hpdf_imp.h for why and what). */
#include "render/hpdf_imp.h"

#include <hpdf_catalog.h>
#include <hpdf_doc.h>
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
