/* pdf.c - writing the page list as PDF with libharu.
 *
 * libharu's own text path draws by code point in simple encodings and
 * cannot show HarfBuzz's glyphs.  Its object API can: for every font the
 * pages use, this module builds a Type0 font dictionary with Identity-H
 * encoding over a CIDFontType2 descendant (cidfont.c chooses the codes and
 * builds the subset, CIDToGIDMap and ToUnicode bytes), registers it in each
 * page's Font resources - the same dictionary libharu uses for its own
 * fonts, so both can live side by side - and writes the text operators to
 * the page's content stream itself.  All of a page's operators (text,
 * rules, rectangles, check marks, outline glyphs) are written by this
 * module into one buffer and handed to libharu deflated when the page is
 * complete; links are libharu annotations.
 *
 * Glyph placement honours every HarfBuzz advance and offset: the pen is
 * tracked in glyph space (1/1000 em) and a TJ adjustment is written only
 * where the position HarfBuzz wants differs from where the font's width
 * would leave it; vertical offsets become a text rise (Ts).  So the PDF
 * shows exactly the shaping that layout measured.
 *
 * Compression: libharu would keep every page's content stream
 * uncompressed in memory until HPDF_SaveToStream and then deflate it at
 * zlib's default level, which made a 1,000-form archive hold hundreds of
 * MiB and spend a quarter of its time in deflate.  So this module deflates
 * each stream itself as soon as it is complete (a page when its boxes are
 * drawn, the font data when built) with libdeflate at DEFLATE_LEVEL, gives
 * libharu only the compressed bytes, and lets the stream dictionary's
 * write hook add /Filter /FlateDecode (libharu writes a Filter only for
 * streams it compresses itself, so its own compression is switched off).
 *
 * Errors: libharu reports through an error handler that records the first
 * error; every stage checks it, and nothing is written to disk here. */
#define _POSIX_C_SOURCE 200809L
#include "render/pdf.h"

#include <stdio.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_catalog.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <time.h>

#include "render/cidfont.h"

typedef struct used_font {
    rg_cidfont *cf;     /* codes and subset data */
    HPDF_Dict type0;    /* the font dictionary pages refer to */
    char name[16];      /* resource name, e.g. RG1 */
} used_font;

/* A glyph drawn as an outline (one that can carry no text: see
 * cidfont.h), made once per document as a Form XObject in font units and
 * placed with `cm … Do` wherever it occurs.  The ring of sara am alone is
 * some 1,000 bytes of curves that compress badly; written at each
 * occurrence it was a third of a Thai page's content stream and most of
 * its deflated size. */
typedef struct outline_glyph {
    rg_font *font;
    uint32_t gid;
    HPDF_Dict xobj;     /* the form, or NULL when the glyph has no outline */
    char name[16];      /* resource name, e.g. G3 */
} outline_glyph;

struct rg_pdf_writer {
    rg_context *ctx;
    HPDF_Doc pdf;
    HPDF_STATUS error;   /* first libharu error */
    HPDF_STATUS detail;
    used_font *fonts;
    size_t nfonts, capfonts;
    rg_buf paths;        /* scratch: outlines drawn after the run */
    outline_glyph *outlines; /* forms of the outline glyphs drawn so far */
    size_t noutlines, capoutlines;
    uint16_t *cids;      /* scratch */
    size_t capcids;
    int pdfa;            /* PDF/A-3b output: annotations must print */
    HPDF_Page *plist;    /* the pages made so far, for outline destinations */
    size_t nplist, capplist;
    long long epoch;     /* the options' epoch, for document extras */
    rg_buf z;            /* scratch: one deflated stream */
    struct libdeflate_compressor *zc; /* made on first use, reused for every stream */
    rg_buf page;         /* the operators of the page being drawn */
    size_t npages;       /* pages added */
};
typedef struct rg_pdf_writer writer;

/* libdeflate level for every stream.  On the sample's 22 pages of content
 * (565 KB, deflated page by page): libdeflate level 1 gives 103 KB in
 * 1.8 ms, where zlib's level 3 (used before, state reused) gave 107 KB in
 * 3.8 ms; libdeflate's level 4 gives 96 KB in 3.2 ms, level 6 88 KB in
 * 4.5 ms.  Speed wins: the pages stay near 5 KB each. */
enum { DEFLATE_LEVEL = 1 };

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user)
{
    writer *w = user;
    if (!w->error) {
        w->error = error_no;
        w->detail = detail_no;
    }
}

/* Shortest decimal for v with at most 3 decimals ("12", "-0.5", "3.125"). */
static void put_num(rg_buf *b, double v) { buf_put_dec3(b, v); }

/* ---- fonts ----------------------------------------------------------------- */

static used_font *font_entry(writer *w, rg_font *font)
{
    for (size_t i = 0; i < w->nfonts; i++)
        if (cidfont_font(w->fonts[i].cf) == font)
            return &w->fonts[i];
    if (rg_grow(w->ctx, (void **)&w->fonts, &w->capfonts, w->nfonts + 1, sizeof *w->fonts))
        return NULL;
    used_font *u = &w->fonts[w->nfonts];
    memset(u, 0, sizeof *u);
    u->cf = cidfont_new(w->ctx, font);
    if (!u->cf)
        return NULL;
    snprintf(u->name, sizeof u->name, "RG%zu", w->nfonts + 1);
    u->type0 = HPDF_Dict_New(w->pdf->mmgr);
    if (!u->type0 || HPDF_Xref_Add(w->pdf->xref, u->type0) != HPDF_OK) {
        cidfont_free(u->cf);
        return NULL;
    }
    HPDF_Dict_AddName(u->type0, "Type", "Font");
    HPDF_Dict_AddName(u->type0, "Subtype", "Type0");
    HPDF_Dict_AddName(u->type0, "Encoding", "Identity-H");
    w->nfonts++;
    return u;
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

/* Make the font known to the page under its resource name. */
static int page_use_font(HPDF_Page page, used_font *u)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return page_use_resource(page, &attr->fonts, "Font", u->name, u->type0);
}

/* Make an outline glyph's form known to the page. */
static int page_use_xobject(HPDF_Page page, const outline_glyph *og)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    return page_use_resource(page, &attr->xobjects, "XObject", og->name, og->xobj);
}

static HPDF_Dict new_stream(writer *w, const void *data, size_t len);

/* The form of glyph gid of font: its index in w->outlines, made on first
 * use; -1 when out of memory. */
static long outline_entry(writer *w, rg_font *font, uint32_t gid)
{
    for (size_t i = 0; i < w->noutlines; i++)
        if (w->outlines[i].font == font && w->outlines[i].gid == gid)
            return (long)i;
    if (rg_grow(w->ctx, (void **)&w->outlines, &w->capoutlines, w->noutlines + 1,
                sizeof *w->outlines))
        return -1;
    outline_glyph *og = &w->outlines[w->noutlines];
    memset(og, 0, sizeof *og);
    og->font = font;
    og->gid = gid;
    snprintf(og->name, sizeof og->name, "G%zu", w->noutlines + 1);
    rg_buf path;
    buf_init(&path, w->ctx);
    if (font_outline_pdf(font, gid, 1.0, 0, 0, &path) == 0 && path.len) {
        buf_puts(&path, "f\n");
        int bbox[4];
        font_bbox(font, bbox);
        HPDF_Dict x = path.failed ? NULL : new_stream(w, path.data, path.len);
        HPDF_Array box = x ? HPDF_Array_New(w->pdf->mmgr) : NULL;
        HPDF_Dict res = box ? HPDF_Dict_New(w->pdf->mmgr) : NULL;
        if (!res || HPDF_Dict_AddName(x, "Type", "XObject") != HPDF_OK ||
            HPDF_Dict_AddName(x, "Subtype", "Form") != HPDF_OK ||
            HPDF_Dict_Add(x, "BBox", box) != HPDF_OK ||
            HPDF_Dict_Add(x, "Resources", res) != HPDF_OK) {
            buf_free(&path);
            return -1;
        }
        for (int i = 0; i < 4; i++)
            HPDF_Array_AddNumber(box, bbox[i]);
        og->xobj = x;
    }
    buf_free(&path);
    w->noutlines++;
    return (long)(w->noutlines - 1);
}

/* ---- compression (see the design note) ------------------------------------ */

/* The dictionary write hook of a stream this module deflated: libharu
 * removes any Filter entry of a stream it does not compress itself. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Deflate data (zlib format, as /FlateDecode reads it) into w->z.  0 or -1. */
static int deflate_buf(writer *w, const void *data, size_t len)
{
    if (!w->zc && !(w->zc = libdeflate_alloc_compressor(DEFLATE_LEVEL)))
        return -1;
    size_t bound = libdeflate_zlib_compress_bound(w->zc, len);
    buf_clear(&w->z);
    if (rg_grow(w->ctx, (void **)&w->z.data, &w->z.cap, bound, 1))
        return -1;
    w->z.len = libdeflate_zlib_compress(w->zc, data, len, w->z.data, bound);
    return w->z.len ? 0 : -1;
}

/* Put the page's operators, deflated, into its content stream. */
static int flush_page(writer *w, HPDF_Page page)
{
    HPDF_Dict dict = ((HPDF_PageAttr)page->attr)->contents;
    if (w->page.failed || deflate_buf(w, w->page.data ? w->page.data : "", w->page.len) ||
        HPDF_Stream_Write(dict->stream, (const HPDF_BYTE *)w->z.data, (HPDF_UINT)w->z.len) !=
            HPDF_OK)
        return -1;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    buf_clear(&w->page);
    return 0;
}

static HPDF_Dict new_stream(writer *w, const void *data, size_t len)
{
    HPDF_Dict s = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!s)
        return NULL;
    if (deflate_buf(w, data, len) ||
        HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)w->z.data, (HPDF_UINT)w->z.len) != HPDF_OK)
        return NULL;
    s->filter = HPDF_STREAM_FILTER_NONE;
    s->write_fn = write_flate_filter;
    return s;
}

/* Build the descendant font, descriptor and streams of one used font. */
static int font_finish(writer *w, used_font *u)
{
    rg_context *ctx = w->ctx;
    HPDF_MMgr mm = w->pdf->mmgr;
    rg_font *font = cidfont_font(u->cf);
    rg_buf ff, c2g, tu;
    buf_init(&ff, ctx);
    buf_init(&c2g, ctx);
    buf_init(&tu, ctx);
    char tag[7];
    int rc = -1;
    if (cidfont_build(u->cf, ctx, &ff, &c2g, &tu, tag))
        goto done;

    char base[160];
    snprintf(base, sizeof base, "%s+%s", tag, font_postscript_name(font));
    double k = 1000.0 / font_upem(font);

    HPDF_Dict file = new_stream(w, ff.data, ff.len);
    HPDF_Dict map = new_stream(w, c2g.data, c2g.len);
    HPDF_Dict tounicode = new_stream(w, tu.data, tu.len);
    HPDF_Dict desc = HPDF_Dict_New(mm);
    HPDF_Dict cid = HPDF_Dict_New(mm);
    HPDF_Dict info = HPDF_Dict_New(mm);
    HPDF_Array bbox = HPDF_Array_New(mm);
    HPDF_Array wid = HPDF_Array_New(mm);
    HPDF_Array wrun = HPDF_Array_New(mm);
    HPDF_Array desc_arr = HPDF_Array_New(mm);
    if (!file || !map || !tounicode || !desc || !cid || !info || !bbox || !wid || !wrun ||
        !desc_arr)
        goto done;
    if (HPDF_Xref_Add(w->pdf->xref, desc) != HPDF_OK || HPDF_Xref_Add(w->pdf->xref, cid) != HPDF_OK)
        goto done;
    HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)ff.len);

    int bb[4];
    font_bbox(font, bb);
    for (int i = 0; i < 4; i++)
        HPDF_Array_AddNumber(bbox, (HPDF_INT32)lround(bb[i] * k));
    HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    HPDF_Dict_AddName(desc, "FontName", base);
    HPDF_Dict_AddNumber(desc, "Flags", 4 | (font_italic_angle(font) ? 64 : 0));
    HPDF_Dict_Add(desc, "FontBBox", bbox);
    HPDF_Dict_AddNumber(desc, "ItalicAngle", font_italic_angle(font));
    HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)lround(font_ascender(font) * k));
    HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)lround(font_descender(font) * k));
    HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)lround(font_cap_height(font) * k));
    HPDF_Dict_AddNumber(desc, "StemV", font_is_bold(font) ? 140 : 80);
    HPDF_Dict_Add(desc, "FontFile2", file);

    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);

    HPDF_Array_AddNumber(wid, 0);
    for (unsigned c = 0; c < cidfont_count(u->cf); c++)
        HPDF_Array_AddReal(wrun, (HPDF_REAL)cidfont_width(u->cf, (uint16_t)c));
    HPDF_Array_Add(wid, wrun);

    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", base);
    HPDF_Dict_Add(cid, "CIDSystemInfo", info);
    HPDF_Dict_Add(cid, "FontDescriptor", desc);
    HPDF_Dict_AddNumber(cid, "DW", 0);
    HPDF_Dict_Add(cid, "W", wid);
    HPDF_Dict_Add(cid, "CIDToGIDMap", map);

    HPDF_Dict_AddName(u->type0, "BaseFont", base);
    HPDF_Array_Add(desc_arr, cid);
    HPDF_Dict_Add(u->type0, "DescendantFonts", desc_arr);
    HPDF_Dict_Add(u->type0, "ToUnicode", tounicode);
    rc = w->error ? -1 : 0;
done:
    buf_free(&ff);
    buf_free(&c2g);
    buf_free(&tu);
    return rc;
}

/* ---- drawing ----------------------------------------------------------------- */

static void put_color(rg_buf *b, uint32_t rgb, const char *op)
{
    put_num(b, ((rgb >> 16) & 255) / 255.0);
    buf_putc(b, ' ');
    put_num(b, ((rgb >> 8) & 255) / 255.0);
    buf_putc(b, ' ');
    put_num(b, (rgb & 255) / 255.0);
    buf_printf(b, " %s\n", op);
}

/* A cluster whose glyphs stack (a base with marks placed by offsets):
 * poppler orders such glyphs by position and can print a tone mark before
 * its vowel, so those clusters carry /ActualText.  MuPDF ignores
 * /ActualText and reads the ToUnicode codes in content order, which
 * cidfont.c makes exact.  end receives the cluster's end glyph. */
static int cluster_needs_span(const rg_box_glyphs *g, size_t i, size_t *end)
{
    size_t j = i;
    int stacked = 0;
    while (j < g->n && g->glyphs[j].cluster == g->glyphs[i].cluster) {
        const rg_glyph *gl = &g->glyphs[j];
        if (j > i && (gl->x_adv == 0 || gl->x_off || gl->y_off))
            stacked = 1;
        j++;
    }
    *end = j;
    return stacked;
}

/* Open a span whose /ActualText is the text of the consecutive stacked
 * clusters starting at glyph i. */
static void open_span(rg_buf *b, const rg_box_glyphs *g, size_t i)
{
    size_t j = i, end;
    while (j < g->n && cluster_needs_span(g, j, &end))
        j = end;
    size_t from = g->glyphs[i].cluster;
    size_t to = j < g->n ? g->glyphs[j].cluster : g->text_end;
    buf_puts(b, "/Span <</ActualText <FEFF");
    for (size_t p = from; p < to;) {
        uint32_t c;
        p += (size_t)utf8_decode(g->text + p, to - p, &c);
        if (c >= 0x10000) {
            c -= 0x10000;
            buf_put_hex4(b, 0xD800 + (c >> 10));
            buf_put_hex4(b, 0xDC00 + (c & 0x3FF));
        } else {
            buf_put_hex4(b, c);
        }
    }
    buf_puts(b, ">>> BDC\n");
}

/* Write one glyph run's operators to the page's content stream. */
static int draw_glyphs(writer *w, HPDF_Page page, const rg_box_glyphs *g, double page_h)
{
    used_font *u = font_entry(w, g->font);
    if (!u || page_use_font(page, u))
        return -1;
    if (rg_grow(w->ctx, (void **)&w->cids, &w->capcids, g->n, sizeof *w->cids))
        return -1;
    if (cidfont_encode(u->cf, g, w->cids))
        return -1;

    rg_font *font = g->font;
    double upem = font_upem(font);
    double size = g->size / 1000.0;
    double k = 1000.0 / upem;                   /* font units -> glyph space */
    double x0 = g->x / 1000.0, y0 = page_h - g->y / 1000.0;
    rg_buf *b = &w->page;
    buf_clear(&w->paths);
    buf_puts(b, "q\n");
    put_color(b, g->color, "rg");
    buf_printf(b, "BT\n/%s ", u->name);
    put_num(b, size);
    buf_puts(b, " Tf\n1 0 0 1 ");
    put_num(b, x0);
    buf_putc(b, ' ');
    put_num(b, y0);
    buf_puts(b, " Tm\n[");

    double pen = 0, cur = 0, rise = 0; /* pen and cur in glyph space */
    int hex_open = 0, in_span = 0;
    for (size_t i = 0; i < g->n; i++) {
        const rg_glyph *gl = &g->glyphs[i];
        if (i == 0 || gl->cluster != g->glyphs[i - 1].cluster) {
            /* A new cluster: open or close an /ActualText span around
             * runs of stacked clusters (see cluster_needs_span). */
            size_t end_glyph;
            int need = cluster_needs_span(g, i, &end_glyph);
            if (need != in_span) {
                if (hex_open)
                    buf_putc(b, '>');
                hex_open = 0;
                buf_puts(b, "]TJ\n");
                if (in_span)
                    buf_puts(b, "EMC\n");
                else
                    open_span(b, g, i);
                buf_putc(b, '[');
                in_span = need;
            }
        }
        double extra = g->extra ? g->extra[i] / 1000.0 / size * 1000.0 : 0; /* glyph space */
        uint16_t cid = w->cids[i];
        if (cid == CID_AS_PATH) {
            double gx = x0 + (pen + gl->x_off * k) * size / 1000.0;
            double gy = y0 + gl->y_off * size / upem;
            long oi = outline_entry(w, font, gl->gid);
            if (oi < 0)
                return -1;
            const outline_glyph *og = &w->outlines[oi];
            if (og->xobj) { /* the form is in font units: scale by size/upem */
                if (page_use_xobject(page, og))
                    return -1;
                buf_printf(&w->paths, "q %.9g 0 0 %.9g ", size / upem, size / upem);
                put_num(&w->paths, gx);
                buf_putc(&w->paths, ' ');
                put_num(&w->paths, gy);
                buf_printf(&w->paths, " cm /%s Do Q\n", og->name);
            }
            pen += gl->x_adv * k + extra;
            continue;
        }
        double target = pen + gl->x_off * k;
        double want_rise = gl->y_off * size / upem;
        if (fabs(want_rise - rise) > 0.0005) {
            if (hex_open)
                buf_putc(b, '>');
            hex_open = 0;
            buf_puts(b, "]TJ\n");
            put_num(b, want_rise);
            buf_puts(b, " Ts\n[");
            rise = want_rise;
        }
        double diff = target - cur;
        if (fabs(diff) > 0.0005) {
            if (hex_open)
                buf_putc(b, '>');
            hex_open = 0;
            put_num(b, -diff);
            cur = target;
        }
        if (!hex_open)
            buf_putc(b, '<');
        hex_open = 1;
        buf_put_hex4(b, cid);
        cur += cidfont_width(u->cf, cid);
        pen += gl->x_adv * k + extra;
    }
    if (hex_open)
        buf_putc(b, '>');
    buf_puts(b, "]TJ\n");
    if (in_span)
        buf_puts(b, "EMC\n");
    if (rise != 0)
        buf_puts(b, "0 Ts\n");
    buf_puts(b, "ET\n");
    if (w->paths.len) /* after ET: Do is not allowed in a text object */
        buf_append(b, w->paths.data, w->paths.len);
    buf_puts(b, "Q\n");
    return b->failed ? -1 : 0;
}

/* Append the numbers of n, space-separated, then op and a newline. */
static void put_op(rg_buf *b, const double *n, int count, const char *op)
{
    for (int i = 0; i < count; i++) {
        put_num(b, n[i]);
        buf_putc(b, ' ');
    }
    buf_puts(b, op);
    buf_putc(b, '\n');
}

/* ✓, ☐ and ☑ as strokes: Sarabun has none of them. */
static void draw_mark(rg_buf *b, const rg_box *m, double page_h)
{
    double s = m->u.mark.size / 1000.0;
    double x = m->u.mark.x / 1000.0, y = page_h - m->u.mark.y / 1000.0 - s;
    buf_puts(b, "q\n0 0 0 RG\n1 J\n1 j\n");
    if (m->u.mark.kind != MARK_CHECK) {
        put_op(b, (double[]){s * 0.07}, 1, "w");
        put_op(b, (double[]){x + s * 0.1, y + s * 0.1, s * 0.8, s * 0.8}, 4, "re");
        buf_puts(b, "S\n");
    }
    if (m->u.mark.kind != MARK_BOX) {
        put_op(b, (double[]){s * 0.11}, 1, "w");
        put_op(b, (double[]){x + s * 0.22, y + s * 0.5}, 2, "m");
        put_op(b, (double[]){x + s * 0.42, y + s * 0.26}, 2, "l");
        put_op(b, (double[]){x + s * 0.82, y + s * 0.82}, 2, "l");
        buf_puts(b, "S\n");
    }
    buf_puts(b, "Q\n");
}

static int draw_box(writer *w, HPDF_Page page, const rg_box *b, double page_h)
{
    rg_buf *o = &w->page;
    switch (b->kind) {
    case BOX_GLYPHS:
        return draw_glyphs(w, page, &b->u.glyphs, page_h);
    case BOX_RULE:
        buf_puts(o, "q\n");
        put_op(o, (double[]){b->u.rule.width / 1000.0}, 1, "w");
        put_color(o, b->u.rule.color, "RG");
        put_op(o, (double[]){b->u.rule.x0 / 1000.0, page_h - b->u.rule.y0 / 1000.0}, 2, "m");
        put_op(o, (double[]){b->u.rule.x1 / 1000.0, page_h - b->u.rule.y1 / 1000.0}, 2, "l");
        buf_puts(o, "S\nQ\n");
        return o->failed ? -1 : 0;
    case BOX_RECT: {
        buf_puts(o, "q\n");
        if (b->u.rect.fill)
            put_color(o, b->u.rect.fill_color, "rg");
        if (b->u.rect.stroke) {
            put_color(o, b->u.rect.stroke_color, "RG");
            put_op(o, (double[]){b->u.rect.width / 1000.0}, 1, "w");
        }
        put_op(o,
               (double[]){b->u.rect.x / 1000.0, page_h - (b->u.rect.y + b->u.rect.h) / 1000.0,
                          b->u.rect.w / 1000.0, b->u.rect.h / 1000.0},
               4, "re");
        buf_puts(o, b->u.rect.fill && b->u.rect.stroke ? "B\n" : b->u.rect.fill ? "f\n" : "S\n");
        buf_puts(o, "Q\n");
        return o->failed ? -1 : 0;
    }
    case BOX_MARK:
        draw_mark(o, b, page_h);
        return o->failed ? -1 : 0;
    case BOX_LINK: {
        if (b->u.link.uri && b->u.link.uri[0] == '#')
            return 0; /* a named destination: drawn once the writer has them */
        HPDF_Rect r = {(HPDF_REAL)(b->u.link.x / 1000.0),
                       (HPDF_REAL)(page_h - (b->u.link.y + b->u.link.h) / 1000.0),
                       (HPDF_REAL)((b->u.link.x + b->u.link.w) / 1000.0),
                       (HPDF_REAL)(page_h - b->u.link.y / 1000.0)};
        HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(page, r, b->u.link.uri);
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        if (a && w->pdfa)
            HPDF_Dict_AddNumber(a, "F", 4); /* Print: PDF/A wants annotations printable */
        return 0;
    }
    case BOX_IMAGE:
    case BOX_ANCHOR:
    case BOX_ATTACH:
        return 0; /* drawn once the writer has pictures and destinations */
    }
    return 0;
}

/* ---- document info -------------------------------------------------------------- */

/* A PDF text string in UTF-16BE with BOM, as libharu's info strings only
 * know single-byte encodings.  NULL when out of memory. */
static HPDF_Binary text_obj(writer *w, const char *utf8)
{
    rg_buf b;
    buf_init(&b, w->ctx);
    buf_append(&b, "\xFE\xFF", 2);
    size_t n = strlen(utf8);
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += (size_t)utf8_decode(utf8 + i, n - i, &c);
        if (c >= 0x10000) {
            c -= 0x10000;
            uint32_t hi = 0xD800 + (c >> 10), lo = 0xDC00 + (c & 0x3FF);
            unsigned char u[4] = {(unsigned char)(hi >> 8), (unsigned char)hi,
                                  (unsigned char)(lo >> 8), (unsigned char)lo};
            buf_append(&b, u, 4);
        } else {
            unsigned char u[2] = {(unsigned char)(c >> 8), (unsigned char)c};
            buf_append(&b, u, 2);
        }
    }
    HPDF_Binary o = b.failed ? NULL
                             : HPDF_Binary_New(w->pdf->mmgr, (HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
    buf_free(&b);
    return o;
}

static void info_text(writer *w, const char *key, const char *utf8)
{
    if (utf8 && w->pdf->info)
        HPDF_Dict_Add(w->pdf->info, key, text_obj(w, utf8));
}

/* The effective epoch: the given one, else SOURCE_DATE_EPOCH, else now. */
static long long resolve_epoch(long long epoch)
{
    if (epoch < 0) {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        epoch = sde && *sde ? atoll(sde) : (long long)time(NULL);
    }
    return epoch;
}

static void set_dates(writer *w, long long epoch)
{
    time_t t = (time_t)resolve_epoch(epoch);
    struct tm tm;
    gmtime_r(&t, &tm);
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, d);
}

/* ---- outline, page labels, attachments, PDF/A ---------------------------------- */

/* The outline is written with the object API rather than HPDF_CreateOutline,
 * whose titles go through single-byte encoders: each entry is a dictionary
 * with a UTF-16 /Title, a /Dest to its page shown whole, /Parent, /Prev,
 * /Next, /First, /Last, and an open /Count of its descendants (PDF 32000-1,
 * 12.3.3).  Entries arrive in preorder with levels; a stack of the open
 * ancestors gives each entry its parent and the previous sibling, so the
 * whole tree is built in one pass. */
static int add_outline(writer *w, const rg_pdf_extras *o)
{
    enum { MAXDEPTH = 16 };
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict root = HPDF_Dict_New(mm);
    if (!root || HPDF_Xref_Add(w->pdf->xref, root) != HPDF_OK)
        return -1;
    HPDF_Dict_AddName(root, "Type", "Outlines");
    HPDF_Dict stack[MAXDEPTH + 1] = {root}; /* stack[d]: the open entry at depth d */
    HPDF_Dict last[MAXDEPTH + 1] = {0};     /* last[d]: last child of stack[d] so far */
    int count[MAXDEPTH + 1] = {0};          /* descendants of stack[d] so far */
    int depth = 0;                          /* depth of stack's top (root is 0) */
    for (size_t i = 0; i < o->noutline; i++) {
        const rg_pdf_bookmark *b = &o->outline[i];
        int d = b->level + 1;
        if (d > depth + 1)
            d = depth + 1;
        if (d < 1)
            d = 1;
        if (d > MAXDEPTH)
            d = MAXDEPTH;
        /* Close the entries deeper than the new one's parent. */
        for (; depth >= d; depth--) {
            if (depth > 0 && count[depth])
                HPDF_Dict_AddNumber(stack[depth], "Count", count[depth]);
        }
        HPDF_Dict e = HPDF_Dict_New(mm);
        HPDF_Array dest = HPDF_Array_New(mm);
        if (!e || !dest || HPDF_Xref_Add(w->pdf->xref, e) != HPDF_OK)
            return -1;
        size_t pg = b->page < w->nplist ? b->page : w->nplist - 1;
        HPDF_Array_Add(dest, w->plist[pg]);
        HPDF_Array_AddName(dest, "Fit");
        HPDF_Dict_Add(e, "Title", text_obj(w, b->title ? b->title : ""));
        HPDF_Dict_Add(e, "Dest", dest);
        HPDF_Dict parent = stack[d - 1];
        HPDF_Dict_Add(e, "Parent", parent);
        if (last[d - 1]) {
            HPDF_Dict_Add(last[d - 1], "Next", e);
            HPDF_Dict_Add(e, "Prev", last[d - 1]);
        } else {
            HPDF_Dict_Add(parent, "First", e);
        }
        HPDF_Dict_Add(parent, "Last", e);
        last[d - 1] = e;
        for (int k = 0; k < d; k++)
            count[k]++;
        stack[d] = e;
        last[d] = NULL;
        count[d] = 0;
        depth = d;
    }
    for (; depth >= 1; depth--)
        if (count[depth])
            HPDF_Dict_AddNumber(stack[depth], "Count", count[depth]);
    HPDF_Dict_AddNumber(root, "Count", count[0]);
    HPDF_Dict_Add(w->pdf->catalog, "Outlines", root);
    HPDF_Catalog_SetPageMode(w->pdf->catalog, HPDF_PAGE_MODE_USE_OUTLINE);
    return w->error ? -1 : 0;
}

static int add_labels(writer *w, const rg_pdf_extras *o)
{
    for (size_t i = 0; i < o->nlabels; i++) {
        const rg_pdf_label *l = &o->labels[i];
        HPDF_PageNumStyle st = l->style == PDF_LABEL_ROMAN_LOWER ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                                                                 : HPDF_PAGE_NUM_STYLE_DECIMAL;
        if (HPDF_AddPageLabel(w->pdf, (HPDF_UINT)l->first_page, st,
                              (HPDF_UINT)(l->start > 0 ? l->start : 1), NULL) != HPDF_OK)
            return -1;
    }
    return 0;
}

/* "D:YYYYMMDDHHmmSSZ" (Info, file params) or ISO 8601 (XMP) of an epoch. */
static void format_date(long long epoch, int iso, char *out, size_t size)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, iso ? "%Y-%m-%dT%H:%M:%SZ" : "D:%Y%m%d%H%M%SZ", &tm);
}

/* Embedded files: a name tree under /Names /EmbeddedFiles (keys sorted, as
 * name trees require) and the catalog's /AF array, each file spec carrying
 * /AFRelationship as PDF/A-3 (ISO 19005-3, 6.8) asks, with the MIME type as
 * the stream's /Subtype and its size and date in /Params. */
static int add_files(writer *w, const rg_pdf_extras *o, long long epoch)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Array af = HPDF_Array_New(mm);
    HPDF_Array names = HPDF_Array_New(mm);
    HPDF_Dict tree = HPDF_Dict_New(mm);
    HPDF_Dict nd = HPDF_Dict_New(mm);
    size_t *order = rg_malloc(w->ctx, o->nfiles * sizeof *order);
    if (!af || !names || !tree || !nd || !order)
        goto fail;
    /* Insertion sort by name bytes: a handful of files. */
    for (size_t i = 0; i < o->nfiles; i++) {
        size_t j = i;
        while (j > 0 && strcmp(o->files[order[j - 1]].name, o->files[i].name) > 0) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    char date[32];
    format_date(epoch, 0, date, sizeof date);
    HPDF_Dict *specs = rg_malloc(w->ctx, o->nfiles * sizeof *specs);
    if (!specs)
        goto fail;
    for (size_t i = 0; i < o->nfiles; i++) {
        const rg_pdf_file *f = &o->files[i];
        HPDF_Dict ef = new_stream(w, f->data, f->len);
        HPDF_Dict params = HPDF_Dict_New(mm);
        HPDF_Dict efd = HPDF_Dict_New(mm);
        HPDF_Dict spec = HPDF_Dict_New(mm);
        if (!ef || !params || !efd || !spec || HPDF_Xref_Add(w->pdf->xref, spec) != HPDF_OK) {
            rg_free(w->ctx, specs);
            goto fail;
        }
        HPDF_Dict_AddName(ef, "Type", "EmbeddedFile");
        HPDF_Dict_AddName(ef, "Subtype", f->mime ? f->mime : "application/octet-stream");
        HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)f->len);
        HPDF_Dict_Add(params, "ModDate", HPDF_String_New(mm, date, NULL));
        HPDF_Dict_Add(ef, "Params", params);
        HPDF_Dict_Add(efd, "F", ef);
        HPDF_Dict_Add(efd, "UF", ef);
        HPDF_Dict_AddName(spec, "Type", "Filespec");
        HPDF_Dict_Add(spec, "F", HPDF_String_New(mm, f->name, NULL));
        HPDF_Dict_Add(spec, "UF", text_obj(w, f->name));
        if (f->desc)
            HPDF_Dict_Add(spec, "Desc", text_obj(w, f->desc));
        HPDF_Dict_Add(spec, "EF", efd);
        HPDF_Dict_AddName(spec, "AFRelationship", f->relationship ? f->relationship : "Source");
        specs[i] = spec;
        HPDF_Array_Add(af, spec);
    }
    for (size_t i = 0; i < o->nfiles; i++) {
        HPDF_Array_Add(names, HPDF_String_New(mm, o->files[order[i]].name, NULL));
        HPDF_Array_Add(names, specs[order[i]]);
    }
    rg_free(w->ctx, specs);
    rg_free(w->ctx, order);
    HPDF_Dict_Add(tree, "Names", names);
    HPDF_Dict_Add(nd, "EmbeddedFiles", tree);
    HPDF_Dict_Add(w->pdf->catalog, "Names", nd);
    HPDF_Dict_Add(w->pdf->catalog, "AF", af);
    return w->error ? -1 : 0;
fail:
    rg_free(w->ctx, order);
    return -1;
}

/* Append s to b with XML's five special characters escaped. */
static void put_xml(rg_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '&': buf_puts(b, "&amp;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&apos;"); break;
        default: buf_putc(b, *s);
        }
    }
}

/* The XMP packet PDF/A identifies itself by (ISO 19005-3, 6.6), repeating
 * the Info dictionary's entries in the properties they map to (title ->
 * dc:title, author -> dc:creator, subject -> dc:description, keywords ->
 * pdf:Keywords, creator -> xmp:CreatorTool, producer -> pdf:Producer,
 * dates -> xmp:CreateDate/ModifyDate), so a validator finds them equal. */
static void xmp_packet(rg_buf *b, const rg_pages *pages, long long epoch)
{
    char date[32];
    format_date(epoch, 1, date, sizeof date);
    buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                "<pdfaid:part>3</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                "</rdf:Description>\n"
                "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                "<dc:format>application/pdf</dc:format>\n");
    if (pages->title) {
        buf_puts(b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(b, pages->title);
        buf_puts(b, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (pages->author) {
        buf_puts(b, "<dc:creator><rdf:Seq><rdf:li>");
        put_xml(b, pages->author);
        buf_puts(b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (pages->subject) {
        buf_puts(b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        put_xml(b, pages->subject);
        buf_puts(b, "</rdf:li></rdf:Alt></dc:description>\n");
    }
    buf_printf(b, "</rdf:Description>\n"
                  "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                  "<xmp:CreatorTool>raingan %s</xmp:CreatorTool>\n"
                  "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                  "<xmp:MetadataDate>%s</xmp:MetadataDate>\n</rdf:Description>\n"
                  "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                  "<pdf:Producer>raingan %s with libharu</pdf:Producer>\n",
               RG_VERSION, date, date, date, RG_VERSION);
    if (pages->keywords) {
        buf_puts(b, "<pdf:Keywords>");
        put_xml(b, pages->keywords);
        buf_puts(b, "</pdf:Keywords>\n");
    }
    buf_puts(b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* PDF/A-3b's document-level parts: PDF 1.7, the XMP metadata stream
 * (unfiltered, so any tool can find it), and the sRGB OutputIntent that
 * gives the pages' DeviceRGB colours a meaning. */
static int add_pdfa(writer *w, const rg_pages *pages, const rg_pdf_extras *o, long long epoch)
{
    HPDF_MMgr mm = w->pdf->mmgr;
    w->pdf->pdf_version = HPDF_VER_17;
    rg_buf x;
    buf_init(&x, w->ctx);
    xmp_packet(&x, pages, epoch);
    HPDF_Dict meta = HPDF_DictStream_New(mm, w->pdf->xref);
    int rc = -1;
    if (x.failed || !meta ||
        HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)x.data, (HPDF_UINT)x.len) != HPDF_OK)
        goto done;
    HPDF_Dict_AddName(meta, "Type", "Metadata");
    HPDF_Dict_AddName(meta, "Subtype", "XML");
    HPDF_Dict_Add(w->pdf->catalog, "Metadata", meta);
    HPDF_Dict_Add(w->pdf->catalog, "Lang", HPDF_String_New(mm, "th", NULL));

    HPDF_Dict icc = new_stream(w, o->icc, o->icc_len);
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Array ois = HPDF_Array_New(mm);
    if (!icc || !oi || !ois)
        goto done;
    HPDF_Dict_AddNumber(icc, "N", 3);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", icc);
    HPDF_Array_Add(ois, oi);
    HPDF_Dict_Add(w->pdf->catalog, "OutputIntents", ois);
    rc = w->error ? -1 : 0;
done:
    buf_free(&x);
    return rc;
}

/* Everything beyond the pages the options ask for.  The trailer /ID is the
 * caller's 16 bytes twice (original and current: one version), so equal
 * inputs give equal files. */
static int doc_extras(writer *w, const rg_pages *pages, const rg_pdf_extras *o, long long epoch)
{
    if (o->noutline && w->nplist && add_outline(w, o))
        return -1;
    if (o->nlabels && add_labels(w, o))
        return -1;
    if (o->nfiles && add_files(w, o, epoch))
        return -1;
    if (w->pdfa && (!o->icc || add_pdfa(w, pages, o, epoch)))
        return -1;
    if (o->id) {
        HPDF_Array id = HPDF_Array_New(w->pdf->mmgr);
        if (!id)
            return -1;
        HPDF_Array_Add(id, HPDF_Binary_New(w->pdf->mmgr, (HPDF_BYTE *)o->id, 16));
        HPDF_Array_Add(id, HPDF_Binary_New(w->pdf->mmgr, (HPDF_BYTE *)o->id, 16));
        HPDF_Dict_Add(w->pdf->trailer, "ID", id);
    }
    return w->error ? -1 : 0;
}

/* ---- the document ------------------------------------------------------------------ */

/* The writer takes pages a batch at a time (pdf_writer_add) so a long
 * document never holds more than one form's layout: each page is drawn,
 * deflated and its layout may be freed by the caller right after. */

static void writer_release(writer *w)
{
    for (size_t i = 0; i < w->nfonts; i++)
        cidfont_free(w->fonts[i].cf);
    rg_free(w->ctx, w->fonts);
    rg_free(w->ctx, w->cids);
    rg_free(w->ctx, w->plist);
    buf_free(&w->paths);
    rg_free(w->ctx, w->outlines);
    buf_free(&w->z);
    if (w->zc)
        libdeflate_free_compressor(w->zc);
    buf_free(&w->page);
    if (w->pdf)
        HPDF_Free(w->pdf);
    rg_free(w->ctx, w);
}

rg_pdf_writer *pdf_writer_new(rg_context *ctx, const rg_pages *info, const rg_pdf_options *opts)
{
    writer *w = rg_calloc(ctx, 1, sizeof *w);
    if (!w)
        return NULL;
    w->ctx = ctx;
    buf_init(&w->paths, ctx);
    buf_init(&w->z, ctx);
    buf_init(&w->page, ctx);
    w->pdf = HPDF_New(on_error, w);
    if (!w->pdf) {
        rg_diag(ctx, RG_ERROR, "pdf", NULL, 0, 0, NULL, "libharu could not create a document");
        writer_release(w);
        return NULL;
    }
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_NONE); /* deflated here, see flush_page */
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "raingan " RG_VERSION);
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "raingan " RG_VERSION " with libharu");
    info_text(w, "Title", info->title);
    info_text(w, "Author", info->author);
    info_text(w, "Subject", info->subject);
    info_text(w, "Keywords", info->keywords);
    set_dates(w, opts ? opts->epoch : -1);
    w->epoch = opts ? opts->epoch : -1;
    return w;
}

/* Draw every page of pages into new PDF pages; with front, the new pages
 * go before the first page added so far (in their own order), else after
 * the last. */
static int add_pages(rg_pdf_writer *w, const rg_pages *pages, int front)
{
    HPDF_Page target = front && w->nplist ? w->plist[0] : NULL;
    for (size_t i = 0; i < pages->npages && !w->error; i++) {
        const rg_page *pg = &pages->pages[i];
        HPDF_Page page = target ? HPDF_InsertPage(w->pdf, target) : HPDF_AddPage(w->pdf);
        if (!page ||
            rg_grow(w->ctx, (void **)&w->plist, &w->capplist, w->nplist + 1, sizeof *w->plist)) {
            if (!w->error)
                w->error = HPDF_FAILD_TO_ALLOC_MEM;
            break;
        }
        /* plist follows the document's page order (outline destinations). */
        size_t at = target ? i : w->nplist;
        memmove(w->plist + at + 1, w->plist + at, (w->nplist - at) * sizeof *w->plist);
        w->plist[at] = page;
        w->nplist++;
        HPDF_Page_SetWidth(page, (HPDF_REAL)(pg->width / 1000.0));
        HPDF_Page_SetHeight(page, (HPDF_REAL)(pg->height / 1000.0));
        for (size_t j = 0; j < pg->nboxes; j++)
            if (draw_box(w, page, &pg->boxes[j], pg->height / 1000.0)) {
                if (!w->error)
                    w->error = HPDF_FAILD_TO_ALLOC_MEM;
                break;
            }
        /* The page is complete: libharu gets its deflated content. */
        if (!w->error && flush_page(w, page))
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
        w->npages++;
    }
    return w->error ? -1 : 0;
}

int pdf_writer_add(rg_pdf_writer *w, const rg_pages *pages) { return add_pages(w, pages, 0); }

int pdf_writer_add_front(rg_pdf_writer *w, const rg_pages *pages) { return add_pages(w, pages, 1); }

size_t pdf_writer_page_count(const rg_pdf_writer *w) { return w->npages; }

void pdf_writer_set_pdfa(rg_pdf_writer *w, int pdfa) { w->pdfa = pdfa; }

rg_status pdf_writer_finish(rg_pdf_writer *w, rg_buf *out)
{
    return pdf_writer_finish_with(w, NULL, NULL, out);
}

/* Everything written at the end: the fonts' subsets and maps, then the
 * document extras.  Errors are left in w->error. */
static void finish_objects(rg_pdf_writer *w, const rg_pages *info, const rg_pdf_extras *extras)
{
    for (size_t i = 0; i < w->nfonts && !w->error; i++)
        if (font_finish(w, &w->fonts[i]) && !w->error)
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
    if (!w->error && extras && info && doc_extras(w, info, extras, resolve_epoch(w->epoch)) &&
        !w->error)
        w->error = HPDF_FAILD_TO_ALLOC_MEM;
}

rg_status pdf_writer_finish_file(rg_pdf_writer *w, const rg_pages *info,
                                 const rg_pdf_extras *extras, const char *path)
{
    finish_objects(w, info, extras);
    rg_status st = !w->error && HPDF_SaveToFile(w->pdf, path) == HPDF_OK && !w->error
                       ? RG_OK
                       : RG_ERR_RENDER;
    if (st != RG_OK)
        rg_diag(w->ctx, RG_ERROR, "pdf", path, 0, 0, NULL,
                "the PDF writer failed (libharu error 0x%04X, detail %u)", (unsigned)w->error,
                (unsigned)w->detail);
    writer_release(w);
    return st;
}

rg_status pdf_writer_finish_with(rg_pdf_writer *w, const rg_pages *info,
                                 const rg_pdf_extras *extras, rg_buf *out)
{
    rg_status st = RG_ERR_RENDER;
    finish_objects(w, info, extras);
    if (!w->error && HPDF_SaveToStream(w->pdf) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(w->pdf);
        HPDF_ResetStream(w->pdf);
        /* Read straight into out: no bounce buffer, one reservation. */
        if (!rg_grow(out->ctx, (void **)&out->data, &out->cap, out->len + size + 1, 1)) {
            while (size > 0) {
                HPDF_UINT32 n = size;
                if (HPDF_ReadFromStream(w->pdf, (HPDF_BYTE *)out->data + out->len, &n) !=
                        HPDF_OK &&
                    n == 0)
                    break;
                out->len += n;
                size -= n;
            }
            out->data[out->len] = 0;
        }
        if (size == 0 && !out->failed)
            st = RG_OK;
    }
    if (st != RG_OK)
        rg_diag(w->ctx, RG_ERROR, "pdf", NULL, 0, 0, NULL,
                "the PDF writer failed (libharu error 0x%04X, detail %u)", (unsigned)w->error,
                (unsigned)w->detail);
    writer_release(w);
    return st;
}

void pdf_writer_free(rg_pdf_writer *w)
{
    if (w)
        writer_release(w);
}

rg_status pdf_render(rg_context *ctx, const rg_pages *pages, const rg_pdf_options *opts,
                     rg_buf *out)
{
    rg_pdf_writer *w = pdf_writer_new(ctx, pages, opts);
    if (!w)
        return RG_ERR_RENDER;
    pdf_writer_add(w, pages);
    return pdf_writer_finish(w, out);
}
