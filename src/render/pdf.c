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
 * rules, rectangles, check marks, outline glyphs) are written by
 * content.c (no libharu there) into one buffer, naming the resources this
 * module gives it, and handed to libharu deflated when the page is
 * complete; links are libharu annotations.  The outline, page labels,
 * attachments and PDF/A parts are pdf_extras.c's; the fields of libharu's
 * structs are touched only in hpdf_imp.c.
 *
 * Dates: the options' epoch is used as given; api/ resolved it
 * (SOURCE_DATE_EPOCH, else the clock) once for the whole output.
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
 * Output: a page leaves memory once drawn; pdf_output.c writes it (and
 * at the end everything else, the xref table and trailer) to the file
 * given by pdf_writer_to_file, or to a buffer.
 *
 * Errors: libharu reports through an error handler that records the first
 * error; every stage checks it.  Output errors (a full disk) are kept as
 * HPDF_FILE_IO_ERROR with errno (pdf_writer_io_error). */
#define _POSIX_C_SOURCE 200809L
#include "render/pdf_imp.h"
#include "util/i18n.h"

#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
        /* libharu's file stream reports a failed fwrite as FILE_IO_ERROR
         * right after it: errno still says why (ENOSPC, EIO ...). */
        w->sys_errno = error_no == HPDF_FILE_IO_ERROR ? errno : 0;
    }
}

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
    u->type0 = hx_dict_new(w->pdf);
    if (!u->type0 || hx_indirect(w->pdf, u->type0)) {
        cidfont_free(u->cf);
        return NULL;
    }
    HPDF_Dict_AddName(u->type0, "Type", "Font");
    HPDF_Dict_AddName(u->type0, "Subtype", "Type0");
    HPDF_Dict_AddName(u->type0, "Encoding", "Identity-H");
    w->nfonts++;
    return u;
}

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
        HPDF_Dict x = path.failed ? NULL : pdfw_stream(w, path.data, path.len);
        HPDF_Array box = x ? hx_array_new(w->pdf) : NULL;
        HPDF_Dict res = box ? hx_dict_new(w->pdf) : NULL;
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
    rg_sha256_update(&w->digest, w->z.data, w->z.len);
    return w->z.len ? 0 : -1;
}

/* Put the page's operators, deflated, into its content stream. */
static int flush_page(writer *w, HPDF_Page page)
{
    if (w->page.failed || deflate_buf(w, w->page.data ? w->page.data : "", w->page.len) ||
        hx_page_put_deflated(page, w->z.data, w->z.len))
        return -1;
    buf_clear(&w->page);
    return 0;
}

HPDF_Dict pdfw_stream(writer *w, const void *data, size_t len)
{
    if (deflate_buf(w, data, len))
        return NULL;
    return hx_stream_new(w->pdf, w->z.data, w->z.len, 1);
}

/* Build the descendant font, descriptor and streams of one used font. */
static int font_finish(writer *w, used_font *u)
{
    rg_context *ctx = w->ctx;
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

    HPDF_Dict file = pdfw_stream(w, ff.data, ff.len);
    HPDF_Dict map = pdfw_stream(w, c2g.data, c2g.len);
    HPDF_Dict tounicode = pdfw_stream(w, tu.data, tu.len);
    HPDF_Dict desc = hx_dict_new(w->pdf);
    HPDF_Dict cid = hx_dict_new(w->pdf);
    HPDF_Dict info = hx_dict_new(w->pdf);
    HPDF_Array bbox = hx_array_new(w->pdf);
    HPDF_Array wid = hx_array_new(w->pdf);
    HPDF_Array wrun = hx_array_new(w->pdf);
    HPDF_Array desc_arr = hx_array_new(w->pdf);
    if (!file || !map || !tounicode || !desc || !cid || !info || !bbox || !wid || !wrun ||
        !desc_arr)
        goto done;
    if (hx_indirect(w->pdf, desc) || hx_indirect(w->pdf, cid))
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

    HPDF_Dict_Add(info, "Registry", hx_string_new(w->pdf, "Adobe"));
    HPDF_Dict_Add(info, "Ordering", hx_string_new(w->pdf, "Identity"));
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

/* ---- drawing (operators by content.c, resources here) --------------------------- */

/* content.c asks for a font: its cidfont, entered in the current page's
 * resources. */
static rg_cidfont *res_font(void *user, rg_font *font, const char **name)
{
    writer *w = user;
    used_font *u = font_entry(w, font);
    if (!u || hx_page_use_font(w->cur, u->name, u->type0))
        return NULL;
    *name = u->name;
    return u->cf;
}

/* content.c asks for an outline glyph's form, likewise. */
static const char *res_glyph(void *user, rg_font *font, uint32_t gid)
{
    writer *w = user;
    long oi = outline_entry(w, font, gid);
    if (oi < 0)
        return NULL;
    const outline_glyph *og = &w->outlines[oi];
    if (!og->xobj)
        return "";
    return hx_page_use_xobject(w->cur, og->name, og->xobj) ? NULL : og->name;
}

/* content.c asks for a picture's image XObject (pdf_official.c). */
static const char *res_image(void *user, const rg_box *b) { return pdfw_image(user, b); }

/* Draw one box on page: operators through content.c, a link as an
 * annotation. */
static int draw_box(writer *w, HPDF_Page page, const rg_box *b, double page_h)
{
    if (b->kind == BOX_ANCHOR)
        return pdfw_anchor(w, page, b, page_h);
    if (b->kind == BOX_ATTACH)
        return pdfw_attach(w, page, b, page_h);
    if (b->kind != BOX_LINK) {
        w->cur = page;
        return content_box(&w->content, b, page_h);
    }
    if (b->u.link.uri && b->u.link.uri[0] == '#')
        return pdfw_link_dest(w, page, b, page_h);
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

/* ---- document info -------------------------------------------------------------- */

size_t pdfw_fit(const char *utf8, size_t *chars)
{
    size_t n = strlen(utf8), bytes = 2, i = 0, k = 0; /* 2: the BOM */
    while (i < n) {
        uint32_t c;
        int len = utf8_decode(utf8 + i, n - i, &c);
        size_t units = c >= 0x10000 ? 4 : 2;
        if (bytes + units > PDF_STRING_MAX)
            break;
        bytes += units;
        i += (size_t)len;
        k++;
    }
    if (chars)
        *chars = k;
    return i;
}

HPDF_Binary pdfw_text_named(writer *w, const char *utf8, const char *what)
{
    size_t k, fit = pdfw_fit(utf8, &k), n = strlen(utf8);
    if (fit < n && what) {
        size_t all = k;
        for (size_t i = fit; i < n; all++) {
            uint32_t c;
            i += (size_t)utf8_decode(utf8 + i, n - i, &c);
        }
        rg_diag(w->ctx, RG_WARNING, "pdf-string-limit", NULL, 0, 0,
                "PDF/A allows text strings of at most 32,767 bytes (16,383 Thai characters)",
                "%s is %zu characters long; the PDF keeps its first %zu",
                rg_context_translate(w->ctx, what), all, k);
    }
    rg_buf b;
    buf_init(&b, w->ctx);
    buf_append(&b, "\xFE\xFF", 2);
    for (size_t i = 0; i < fit;) {
        uint32_t c;
        i += (size_t)utf8_decode(utf8 + i, fit - i, &c);
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
                             : hx_binary_new(w->pdf, b.data, b.len);
    buf_free(&b);
    return o;
}

HPDF_Binary pdfw_text(writer *w, const char *utf8) { return pdfw_text_named(w, utf8, NULL); }

static void info_text(writer *w, const char *key, const char *utf8, const char *what)
{
    if (utf8 && hx_info(w->pdf))
        HPDF_Dict_Add(hx_info(w->pdf), key, pdfw_text_named(w, utf8, what));
}

/* Info's dates as PDF date strings ending in Z (UTC), which is what PDF/A
 * validators compare with XMP's; libharu's HPDF_Date would add 00'00'. */
static void set_dates(writer *w, long long epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    char d[32];
    gmtime_r(&t, &tm);
    strftime(d, sizeof d, "D:%Y%m%d%H%M%SZ", &tm);
    if (hx_info(w->pdf)) {
        HPDF_Dict_Add(hx_info(w->pdf), "CreationDate", hx_string_new(w->pdf, d));
        HPDF_Dict_Add(hx_info(w->pdf), "ModDate", hx_string_new(w->pdf, d));
    }
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
    rg_free(w->ctx, w->plist);
    content_free(&w->content);
    rg_free(w->ctx, w->outlines);
    pdfw_official_free(w);
    buf_free(&w->z);
    if (w->zc)
        libdeflate_free_compressor(w->zc);
    buf_free(&w->page);
    pdfw_output_free(w);
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
    rg_sha256_init(&w->digest);
    buf_init(&w->z, ctx);
    buf_init(&w->page, ctx);
    buf_init(&w->out, ctx);
    rg_content_res res = {w, res_font, res_glyph, res_image};
    content_init(&w->content, ctx, &res, &w->page);
    w->pdf = HPDF_New(on_error, w);
    if (!w->pdf) {
        rg_diag(ctx, RG_ERROR, "pdf", NULL, 0, 0, NULL, "libharu could not create a document");
        writer_release(w);
        return NULL;
    }
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_NONE); /* deflated here, see flush_page */
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "raingan " RG_VERSION);
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "raingan " RG_VERSION " with libharu");
    info_text(w, "Title", info->title, N_("the document title (Info /Title, XMP dc:title)"));
    info_text(w, "Author", info->author, N_("the author (Info /Author, XMP dc:creator)"));
    info_text(w, "Subject", info->subject, N_("the subject (Info /Subject, XMP dc:description)"));
    info_text(w, "Keywords", info->keywords, N_("the keywords (Info /Keywords)"));
    w->epoch = opts && opts->epoch >= 0 ? opts->epoch : 0;
    set_dates(w, w->epoch);
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
        /* The page is complete: its deflated content, then the page goes
         * out to the output and leaves memory (pdf_output.c). */
        if (!w->error && flush_page(w, page))
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
        if (!w->error && pdfw_emit_page(w, page) && !w->error)
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
        w->npages++;
    }
    return w->error ? -1 : 0;
}

int pdf_writer_add(rg_pdf_writer *w, const rg_pages *pages) { return add_pages(w, pages, 0); }

int pdf_writer_add_front(rg_pdf_writer *w, const rg_pages *pages) { return add_pages(w, pages, 1); }

size_t pdf_writer_page_count(const rg_pdf_writer *w) { return w->npages; }

int pdf_writer_input_error(const rg_pdf_writer *w) { return w && w->reported; }

int pdf_writer_io_error(rg_pdf_writer *w, const char *shown)
{
    if (!w || w->error != HPDF_FILE_IO_ERROR)
        return 0;
    /* The file, not the writer: said as render says it (exit 3). */
    rg_diag(w->ctx, RG_ERROR, "io-write", shown, 0, 0, NULL, "cannot write output file: %s",
            rg_strerror(w->ctx, w->sys_errno ? w->sys_errno : EIO));
    return 1;
}

void pdf_writer_set_pdfa(rg_pdf_writer *w, int pdfa)
{
    w->pdfa = pdfa;
    if (pdfa)
        hx_set_pdf17(w->pdf); /* the header goes out with the first page */
}

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
    if (!w->error && extras && info && pdfw_extras(w, info, extras) &&
        !w->error)
        w->error = HPDF_FAILD_TO_ALLOC_MEM;
    if (!w->error && pdfw_dests(w) && !w->error)
        w->error = HPDF_FAILD_TO_ALLOC_MEM;
}

rg_status pdf_writer_finish_file(rg_pdf_writer *w, const rg_pages *info,
                                 const rg_pdf_extras *extras, const char *path, const char *shown)
{
    if (!w->error)
        pdf_writer_to_file(w, path);
    finish_objects(w, info, extras);
    rg_status st = !w->error && pdfw_output_finish(w) == 0 ? RG_OK : RG_ERR_RENDER;
    if (st != RG_OK && pdf_writer_io_error(w, shown ? shown : path)) {
        st = RG_ERR_IO;
    } else if (st != RG_OK && w->reported) {
        st = RG_ERR_INVALID; /* a damaged picture, reported at its source line */
    } else if (st != RG_OK) {
        rg_diag(w->ctx, RG_ERROR, "pdf", shown ? shown : path, 0, 0, NULL,
                "the PDF writer failed (libharu error 0x%04X, detail %u)", (unsigned)w->error,
                (unsigned)w->detail);
    }
    writer_release(w);
    return st;
}

rg_status pdf_writer_finish_with(rg_pdf_writer *w, const rg_pages *info,
                                 const rg_pdf_extras *extras, rg_buf *out)
{
    rg_status st = RG_ERR_RENDER;
    finish_objects(w, info, extras);
    if (!w->error && !w->fp && pdfw_output_finish(w) == 0) {
        if (!out->data && out->ctx == w->out.ctx) {
            /* Hand the buffer over: no copy of the whole PDF. */
            *out = w->out;
            buf_init(&w->out, w->ctx);
        } else {
            buf_append(out, w->out.data, w->out.len);
        }
        if (!out->failed)
            st = RG_OK;
    }
    if (st != RG_OK && w->reported)
        st = RG_ERR_INVALID; /* a damaged picture, reported at its source line */
    else if (st != RG_OK)
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
