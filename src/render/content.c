/* content.c - the operators of a page's content stream (see content.h).
 *
 * Glyph placement honours every HarfBuzz advance and offset: the pen is
 * tracked in glyph space (1/1000 em) and a TJ adjustment is written only
 * where the position HarfBuzz wants differs from where the font's width
 * would leave it; vertical offsets become a text rise (Ts).  So the PDF
 * shows exactly the shaping that layout measured.  Glyphs that carry no
 * text (CID_AS_PATH) are placed as Form XObjects after the text object.
 * Numbers have at most three decimals (buf_put_dec3): a thousandth of a
 * point, finer than any device, and short. */
#include "render/content.h"
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Shortest decimal for v with at most 3 decimals ("12", "-0.5", "3.125"). */
static void put_num(rg_buf *b, double v) { buf_put_dec3(b, v); }

static void put_color(rg_buf *b, uint32_t rgb, const char *op)
{
    put_num(b, ((rgb >> 16) & 255) / 255.0);
    buf_putc(b, ' ');
    put_num(b, ((rgb >> 8) & 255) / 255.0);
    buf_putc(b, ' ');
    put_num(b, (rgb & 255) / 255.0);
    buf_printf(b, " %s\n", op);
}

/* Whether the text of glyph i's cluster starts with a no-break space. */
static int nbsp_at(const rg_box_glyphs *g, size_t i)
{
    size_t c = g->glyphs[i].cluster;
    return c + 1 < g->text_end && (unsigned char)g->text[c] == 0xC2 &&
           (unsigned char)g->text[c + 1] == 0xA0;
}

/* A cluster whose glyphs stack (a base with marks placed by offsets):
 * poppler orders such glyphs by position and can print a tone mark before
 * its vowel, so those clusters carry /ActualText.  MuPDF ignores
 * /ActualText and reads the ToUnicode codes in content order, which
 * cidfont.c makes exact.  So do a no-break space and the cluster after it:
 * poppler reads any lone whitespace character as a space, but keeps a
 * no-break space within a text of two characters ("\u00A0B"); MuPDF and
 * pdf.js read U+00A0 as a space whatever is done.  end receives the
 * cluster's end glyph. */
static int cluster_needs_span(const rg_box_glyphs *g, size_t i, size_t *end)
{
    size_t j = i;
    int stacked = nbsp_at(g, i) || (i > 0 && nbsp_at(g, i - 1));
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
 * clusters starting at glyph i: the texts of their glyphs' codes. */
static void open_span(rg_buf *b, const rg_box_glyphs *g, const cid_text *texts, size_t i)
{
    size_t j = i, end;
    while (j < g->n && cluster_needs_span(g, j, &end))
        j = end;
    size_t from = 0, to = 0;
    for (size_t k = i; k < j; k++)
        if (texts[k].from < texts[k].to) {
            if (from == to)
                from = texts[k].from;
            to = texts[k].to;
        }
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

/* Write one glyph run's operators. */
static int draw_glyphs(rg_content *w, const rg_box_glyphs *g, double page_h)
{
    const char *font_name;
    rg_cidfont *cf = w->res.font(w->res.user, g->font, &font_name);
    if (!cf)
        return -1;
    if (rg_grow(w->ctx, (void **)&w->cids, &w->capcids, g->n, sizeof *w->cids) ||
        rg_grow(w->ctx, (void **)&w->texts, &w->captexts, g->n, sizeof *w->texts))
        return -1;
    if (cidfont_encode(cf, g, w->cids, w->texts))
        return -1;

    rg_font *font = g->font;
    double upem = font_upem(font);
    double size = g->size / 1000.0;
    double k = 1000.0 / upem;                   /* font units -> glyph space */
    double x0 = g->x / 1000.0, y0 = page_h - g->y / 1000.0;
    rg_buf *b = w->out;
    buf_clear(&w->paths);
    buf_puts(b, "q\n");
    put_color(b, g->color, "rg");
    buf_printf(b, "BT\n/%s ", font_name);
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
                    open_span(b, g, w->texts, i);
                buf_putc(b, '[');
                in_span = need;
            }
        }
        double extra = g->extra ? g->extra[i] / 1000.0 / size * 1000.0 : 0; /* glyph space */
        uint16_t cid = w->cids[i];
        /* A glyph the font does not have (its virtual dotted circle, see
         * font.h) is drawn as a path; its text, if any, rides on an
         * invisible code (cidfont.c). */
        if (cid == CID_AS_PATH || gl->gid >= font_glyph_count(font)) {
            double gx = x0 + (pen + gl->x_off * k) * size / 1000.0;
            double gy = y0 + gl->y_off * size / upem;
            const char *form = w->res.glyph(w->res.user, font, gl->gid);
            if (!form)
                return -1;
            if (*form) { /* the form is in font units: scale by size/upem */
                buf_printf(&w->paths, "q %.9g 0 0 %.9g ", size / upem, size / upem);
                put_num(&w->paths, gx);
                buf_putc(&w->paths, ' ');
                put_num(&w->paths, gy);
                buf_printf(&w->paths, " cm /%s Do Q\n", form);
            }
            if (cid == CID_AS_PATH) {
                pen += gl->x_adv * k + extra;
                continue;
            }
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
        cur += cidfont_width(cf, cid);
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

int content_box(rg_content *w, const rg_box *b, double page_h)
{
    rg_buf *o = w->out;
    switch (b->kind) {
    case BOX_GLYPHS:
        return draw_glyphs(w, &b->u.glyphs, page_h);
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
    case BOX_LINK:   /* an annotation: the writer's */
    case BOX_ANCHOR: /* a destination: the writer's */
    case BOX_ATTACH: /* an annotation: the writer's */
        return 0;
    case BOX_IMAGE: {
        /* The picture's unit square scaled onto its rectangle. */
        const char *name = w->res.image ? w->res.image(w->res.user, b) : "";
        if (!name)
            return -1;
        if (!*name)
            return 0;
        buf_puts(o, "q\n");
        put_op(o,
               (double[]){b->u.image.w / 1000.0, 0, 0, b->u.image.h / 1000.0,
                          b->u.image.x / 1000.0, page_h - (b->u.image.y + b->u.image.h) / 1000.0},
               6, "cm");
        buf_printf(o, "/%s Do\nQ\n", name);
        return o->failed ? -1 : 0;
    }
    }
    return 0;
}

void content_init(rg_content *c, rg_context *ctx, const rg_content_res *res, rg_buf *out)
{
    memset(c, 0, sizeof *c);
    c->ctx = ctx;
    c->res = *res;
    c->out = out;
    buf_init(&c->paths, ctx);
}

void content_free(rg_content *c)
{
    buf_free(&c->paths);
    rg_free(c->ctx, c->cids);
    rg_free(c->ctx, c->texts);
    c->cids = NULL;
    c->texts = NULL;
    c->capcids = c->captexts = 0;
}

/* ---- the dump ---------------------------------------------------------------- */

/* Resource names as the writer gives them: in order of first use. */
typedef struct dump_res {
    rg_context *ctx;
    rg_cidfont **fonts;
    size_t nfonts, capfonts;
    struct dump_glyph {
        rg_font *font;
        uint32_t gid;
        int has_outline;
    } *glyphs;
    size_t nglyphs, capglyphs;
    const rg_box **images;  /* the first box of each distinct picture (content_image_same) */
    size_t nimages, capimages;
    char name[16];
} dump_res;

static rg_cidfont *dump_font(void *user, rg_font *font, const char **name)
{
    dump_res *r = user;
    size_t i = 0;
    while (i < r->nfonts && cidfont_font(r->fonts[i]) != font)
        i++;
    if (i == r->nfonts) {
        if (rg_grow(r->ctx, (void **)&r->fonts, &r->capfonts, r->nfonts + 1, sizeof *r->fonts) ||
            !(r->fonts[i] = cidfont_new(r->ctx, font)))
            return NULL;
        r->nfonts++;
    }
    snprintf(r->name, sizeof r->name, "RG%zu", i + 1);
    *name = r->name;
    return r->fonts[i];
}

static const char *dump_glyph(void *user, rg_font *font, uint32_t gid)
{
    dump_res *r = user;
    size_t i = 0;
    while (i < r->nglyphs && (r->glyphs[i].font != font || r->glyphs[i].gid != gid))
        i++;
    if (i == r->nglyphs) {
        if (rg_grow(r->ctx, (void **)&r->glyphs, &r->capglyphs, r->nglyphs + 1,
                    sizeof *r->glyphs))
            return NULL;
        rg_buf path;
        buf_init(&path, r->ctx);
        r->glyphs[i].font = font;
        r->glyphs[i].gid = gid;
        r->glyphs[i].has_outline = font_outline_pdf(font, gid, 1.0, 0, 0, &path) == 0 && path.len;
        buf_free(&path);
        r->nglyphs++;
    }
    if (!r->glyphs[i].has_outline)
        return "";
    snprintf(r->name, sizeof r->name, "G%zu", i + 1);
    return r->name;
}

int content_image_same(const rg_box *a, const rg_box *b)
{
    return a->u.image.w == b->u.image.w && a->u.image.h == b->u.image.h &&
           a->u.image.file && b->u.image.file &&
           !strcmp(a->u.image.file->path, b->u.image.file->path);
}

/* Pictures are named Im1, Im2 … in order of first use, one per distinct
 * (file, size), as the writer names them. */
static const char *dump_image(void *user, const rg_box *b)
{
    dump_res *r = user;
    size_t i = 0;
    while (i < r->nimages && !content_image_same(r->images[i], b))
        i++;
    if (i == r->nimages) {
        if (rg_grow(r->ctx, (void **)&r->images, &r->capimages, r->nimages + 1,
                    sizeof *r->images))
            return NULL;
        r->images[r->nimages++] = b;
    }
    snprintf(r->name, sizeof r->name, "Im%zu", i + 1);
    return r->name;
}

int content_dump(rg_context *ctx, const rg_pages *pages, rg_buf *out)
{
    dump_res r = {ctx, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, {0}};
    rg_content_res res = {&r, dump_font, dump_glyph, dump_image};
    rg_content c;
    content_init(&c, ctx, &res, out);
    int rc = 0;
    for (size_t i = 0; i < pages->npages && !rc; i++) {
        const rg_page *pg = &pages->pages[i];
        buf_printf(out, "%%%% page %zu\n", pages->base + i + 1);
        for (size_t j = 0; j < pg->nboxes && !rc; j++)
            rc = content_box(&c, &pg->boxes[j], pg->height / 1000.0);
    }
    content_free(&c);
    for (size_t i = 0; i < r.nfonts; i++)
        cidfont_free(r.fonts[i]);
    rg_free(ctx, r.fonts);
    rg_free(ctx, r.images);
    rg_free(ctx, r.glyphs);
    return rc || out->failed ? -1 : 0;
}
