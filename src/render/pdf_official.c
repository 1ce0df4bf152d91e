/* pdf_official.c - the PDF side of what makes a report official: image
 * XObjects for pictures, named destinations for evidence items and the
 * links to them, and attachment icons for evidence files.
 *
 * Pictures: one image XObject per distinct (file, shown size), made on
 * first use (content_image_same is the key, so content_dump names them the
 * same), at RG_IMAGE_PPI for the size shown: a JPEG stays a JPEG
 * (/DCTDecode), a PNG's flattened pixels are deflated.  DeviceRGB or
 * DeviceGray, 8 bits, no /SMask: PDF/A-3b's colour rules are met through
 * the archive's sRGB OutputIntent.
 *
 * Destinations: each BOX_ANCHOR records (name, page, x, y); at the end
 * they become the catalog's /Names /Dests name tree (sorted, as name trees
 * must be), so a link (/Dest (name)) made before its target's page exists
 * still resolves, in document order or not (an archive's front matter is
 * inserted before the forms after they are drawn).
 *
 * Attachment icons: in PDF/A output (the archive, which embeds the
 * evidence files) a BOX_ATTACH becomes a /FileAttachment annotation with
 * a printable appearance (PDF/A wants one) whose /FS is filled in when
 * the files are embedded (pdfw_attach_files); elsewhere nothing is drawn. */
#define _POSIX_C_SOURCE 200809L
#include "render/image.h"
#include "render/pdf_imp.h"
#include "model/model.h"
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pictures ------------------------------------------------------------------------ */

const char *pdfw_image(rg_pdf_writer *w, const rg_box *b)
{
    const rg_file *f = b->u.image.file;
    if (!f)
        return "";
    for (size_t i = 0; i < w->nimages; i++) {
        pdf_image *im = &w->images[i];
        if (im->w == b->u.image.w && im->h == b->u.image.h && !strcmp(im->path, f->path))
            return hx_page_use_xobject(w->cur, im->name, im->xobj) ? NULL : im->name;
    }
    if (rg_grow(w->ctx, (void **)&w->images, &w->capimages, w->nimages + 1, sizeof *w->images))
        return NULL;
    pdf_image *im = &w->images[w->nimages];
    memset(im, 0, sizeof *im);
    /* The pixels the shown size needs at RG_IMAGE_PPI (mpt -> inches). */
    int max_w = (int)ceil(b->u.image.w / 72000.0 * RG_IMAGE_PPI);
    int max_h = (int)ceil(b->u.image.h / 72000.0 * RG_IMAGE_PPI);
    char what[512];
    snprintf(what, sizeof what, rg_context_translate(w->ctx, N_("picture '%s'")), f->written);
    rg_image_data d;
    if (image_load(w->ctx, f->path, f->data, (size_t)f->size, max_w, max_h, what,
                   b->u.image.source, b->u.image.line,
                   b->u.image.col, &d)) {
        w->reported = 1;
        return NULL;
    }
    HPDF_Dict x = d.dct ? hx_stream_new_filtered(w->pdf, d.data, d.len, "DCTDecode")
                        : pdfw_stream(w, d.data, d.len);
    int dw = d.width, dh = d.height, gray = d.components == 1;
    image_data_free(w->ctx, &d);
    im->path = x ? rg_malloc(w->ctx, strlen(f->path) + 1) : NULL;
    if (!im->path)
        return NULL;
    strcpy(im->path, f->path);
    im->w = b->u.image.w;
    im->h = b->u.image.h;
    im->xobj = x;
    snprintf(im->name, sizeof im->name, "Im%zu", w->nimages + 1);
    w->nimages++;
    HPDF_Dict_AddName(x, "Type", "XObject");
    HPDF_Dict_AddName(x, "Subtype", "Image");
    HPDF_Dict_AddNumber(x, "Width", dw);
    HPDF_Dict_AddNumber(x, "Height", dh);
    HPDF_Dict_AddName(x, "ColorSpace", gray ? "DeviceGray" : "DeviceRGB");
    HPDF_Dict_AddNumber(x, "BitsPerComponent", 8);
    if (w->error)
        return NULL;
    return hx_page_use_xobject(w->cur, im->name, im->xobj) ? NULL : im->name;
}

/* ---- annotations ------------------------------------------------------------------------ */

/* A new annotation of subtype on page over box (x, y, w, h) in mpt,
 * printable, borderless; NULL when out of memory. */
static HPDF_Dict annot_new(rg_pdf_writer *w, HPDF_Page page, const char *subtype, rg_mpt x,
                           rg_mpt y, rg_mpt bw, rg_mpt bh, double page_h)
{
    HPDF_Dict a = hx_dict_new(w->pdf);
    HPDF_Array r = hx_array_new(w->pdf);
    HPDF_Array border = hx_array_new(w->pdf);
    if (!a || !r || !border || hx_indirect(w->pdf, a))
        return NULL;
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    if (!annots) {
        annots = hx_array_new(w->pdf);
        if (!annots || HPDF_Dict_Add(page, "Annots", annots) != HPDF_OK)
            return NULL;
    }
    HPDF_Array_AddReal(r, (HPDF_REAL)(x / 1000.0));
    HPDF_Array_AddReal(r, (HPDF_REAL)(page_h - (y + bh) / 1000.0));
    HPDF_Array_AddReal(r, (HPDF_REAL)((x + bw) / 1000.0));
    HPDF_Array_AddReal(r, (HPDF_REAL)(page_h - y / 1000.0));
    for (int i = 0; i < 3; i++)
        HPDF_Array_AddNumber(border, 0);
    HPDF_Dict_AddName(a, "Type", "Annot");
    HPDF_Dict_AddName(a, "Subtype", subtype);
    HPDF_Dict_Add(a, "Rect", r);
    HPDF_Dict_Add(a, "Border", border);
    HPDF_Dict_AddNumber(a, "F", 4); /* Print (PDF/A wants it; harmless elsewhere) */
    HPDF_Array_Add(annots, a);
    return w->error ? NULL : a;
}

int pdfw_link_dest(rg_pdf_writer *w, HPDF_Page page, const rg_box *b, double page_h)
{
    HPDF_Dict a = annot_new(w, page, "Link", b->u.link.x, b->u.link.y, b->u.link.w, b->u.link.h,
                            page_h);
    if (!a)
        return -1;
    HPDF_Dict_Add(a, "Dest", hx_string_new(w->pdf, b->u.link.uri + 1));
    return w->error ? -1 : 0;
}

int pdfw_anchor(rg_pdf_writer *w, HPDF_Page page, const rg_box *b, double page_h)
{
    if (rg_grow(w->ctx, (void **)&w->anchors, &w->capanchors, w->nanchors + 1,
                sizeof *w->anchors))
        return -1;
    pdf_anchor *an = &w->anchors[w->nanchors];
    an->name = rg_malloc(w->ctx, strlen(b->u.anchor.name) + 1);
    if (!an->name)
        return -1;
    strcpy(an->name, b->u.anchor.name);
    an->title = NULL;
    if (b->u.anchor.title) {
        an->title = rg_malloc(w->ctx, strlen(b->u.anchor.title) + 1);
        if (!an->title) {
            rg_free(w->ctx, an->name);
            return -1;
        }
        strcpy(an->title, b->u.anchor.title);
    }
    an->page = page;
    an->x = b->u.anchor.x / 1000.0;
    an->y = page_h - b->u.anchor.y / 1000.0;
    w->nanchors++;
    return 0;
}

/* The attachment icon's appearance: a paperclip in a 9 x 12 pt box, one
 * Form XObject shared by every icon. */
static HPDF_Dict clip_appearance(rg_pdf_writer *w)
{
    if (w->clip)
        return w->clip;
    static const char ops[] = "q 0.1 0.3 0.65 RG 0.9 w 1 J 1 j\n"
                              "6.5 3.5 m 6.5 9.5 l 6.5 11 4.5 11 4.5 9.5 c 4.5 2.5 l\n"
                              "4.5 1.2 2.2 1.2 2.2 2.5 c 2.2 8.5 l S Q\n";
    HPDF_Dict x = pdfw_stream(w, ops, sizeof ops - 1);
    HPDF_Array box = hx_array_new(w->pdf);
    HPDF_Dict res = hx_dict_new(w->pdf);
    if (!x || !box || !res)
        return NULL;
    HPDF_Dict_AddName(x, "Type", "XObject");
    HPDF_Dict_AddName(x, "Subtype", "Form");
    HPDF_Array_AddNumber(box, 0);
    HPDF_Array_AddNumber(box, 0);
    HPDF_Array_AddNumber(box, 9);
    HPDF_Array_AddNumber(box, 12);
    HPDF_Dict_Add(x, "BBox", box);
    HPDF_Dict_Add(x, "Resources", res);
    return w->error ? NULL : (w->clip = x);
}

int pdfw_attach(rg_pdf_writer *w, HPDF_Page page, const rg_box *b, double page_h)
{
    if (!w->pdfa || !b->u.attach.file)
        return 0; /* only where the files are embedded */
    HPDF_Dict ap = clip_appearance(w);
    HPDF_Dict apd = ap ? hx_dict_new(w->pdf) : NULL;
    HPDF_Dict a = apd ? annot_new(w, page, "FileAttachment", b->u.attach.x, b->u.attach.y,
                                  b->u.attach.w, b->u.attach.h, page_h)
                      : NULL;
    if (!a || rg_grow(w->ctx, (void **)&w->attaches, &w->capattaches, w->nattaches + 1,
                      sizeof *w->attaches))
        return -1;
    HPDF_Dict_Add(apd, "N", ap);
    HPDF_Dict_Add(a, "AP", apd);
    HPDF_Dict_AddName(a, "Name", "Paperclip");
    char desc[600];
    snprintf(desc, sizeof desc, "%s %s", b->u.attach.desc ? b->u.attach.desc : "",
             b->u.attach.file->name);
    HPDF_Dict_Add(a, "Contents", pdfw_text(w, desc));
    pdf_attach *at = &w->attaches[w->nattaches];
    at->annot = a;
    at->path = rg_malloc(w->ctx, strlen(b->u.attach.file->path) + 1);
    if (!at->path)
        return -1;
    strcpy(at->path, b->u.attach.file->path);
    w->nattaches++;
    return w->error ? -1 : 0;
}

int pdfw_attach_files(rg_pdf_writer *w, const rg_pdf_file *files, const HPDF_Dict *specs,
                      size_t n)
{
    for (size_t i = 0; i < w->nattaches; i++) {
        size_t k = 0;
        while (k < n && !(files[k].key && !strcmp(files[k].key, w->attaches[i].path)))
            k++;
        if (k == n) { /* not embedded: the icon would lead nowhere */
            rg_diag(w->ctx, RG_ERROR, "pdf", NULL, 0, 0, NULL,
                    "internal: the evidence file %s was not embedded", w->attaches[i].path);
            w->reported = 1;
            return -1;
        }
        HPDF_Dict_Add(w->attaches[i].annot, "FS", specs[k]);
    }
    return w->error ? -1 : 0;
}

/* ---- the destinations' name tree -------------------------------------------------------- */

static int anchor_cmp(const void *a, const void *b)
{
    return strcmp(((const pdf_anchor *)a)->name, ((const pdf_anchor *)b)->name);
}

int pdfw_dests(rg_pdf_writer *w)
{
    if (!w->nanchors)
        return 0;
    qsort(w->anchors, w->nanchors, sizeof *w->anchors, anchor_cmp);
    HPDF_Dict cat = hx_catalog(w->pdf);
    HPDF_Dict names = HPDF_Dict_GetItem(cat, "Names", HPDF_OCLASS_DICT);
    if (!names) {
        names = hx_dict_new(w->pdf);
        if (!names || HPDF_Dict_Add(cat, "Names", names) != HPDF_OK)
            return -1;
    }
    HPDF_Dict tree = hx_dict_new(w->pdf);
    HPDF_Array arr = hx_array_new(w->pdf);
    if (!tree || !arr)
        return -1;
    for (size_t i = 0; i < w->nanchors; i++) {
        const pdf_anchor *an = &w->anchors[i];
        if (i && !strcmp(an->name, w->anchors[i - 1].name))
            continue; /* the first of equal names wins (one destination each) */
        HPDF_Array d = hx_array_new(w->pdf);
        if (!d)
            return -1;
        HPDF_Array_Add(d, an->page);
        HPDF_Array_AddName(d, "XYZ");
        HPDF_Array_AddReal(d, (HPDF_REAL)an->x);
        HPDF_Array_AddReal(d, (HPDF_REAL)an->y);
        HPDF_Array_AddNumber(d, 0); /* zoom 0: as it is (null's meaning) */
        HPDF_Array_Add(arr, hx_string_new(w->pdf, an->name));
        HPDF_Array_Add(arr, d);
    }
    HPDF_Dict_Add(tree, "Names", arr);
    HPDF_Dict_Add(names, "Dests", tree);
    return w->error ? -1 : 0;
}

void pdfw_official_free(rg_pdf_writer *w)
{
    for (size_t i = 0; i < w->nimages; i++)
        rg_free(w->ctx, w->images[i].path);
    rg_free(w->ctx, w->images);
    for (size_t i = 0; i < w->nanchors; i++) {
        rg_free(w->ctx, w->anchors[i].name);
        rg_free(w->ctx, w->anchors[i].title);
    }
    rg_free(w->ctx, w->anchors);
    for (size_t i = 0; i < w->nattaches; i++)
        rg_free(w->ctx, w->attaches[i].path);
    rg_free(w->ctx, w->attaches);
}
