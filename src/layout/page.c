/* page.c - building and dumping the page list.
 *
 * Pages grow by doubling; boxes of a page likewise.  Text of glyph runs is
 * borrowed from the paragraph that produced it (which lives in the same
 * arena), so adding a line copies only box headers. */
#include "layout/page.h"
#include "model/model.h"

#include <string.h>

void pages_init(rg_pages *p, rg_context *ctx)
{
    memset(p, 0, sizeof *p);
    p->ctx = ctx;
    arena_init(&p->arena, ctx, 0);
}

void pages_free(rg_pages *p)
{
    for (size_t i = 0; i < p->npages; i++)
        rg_free(p->ctx, p->pages[i].boxes);
    rg_free(p->ctx, p->pages);
    arena_free(&p->arena);
    p->pages = NULL;
    p->npages = p->cap = 0;
}

void pages_reset(rg_pages *p)
{
    for (size_t i = 0; i < p->npages; i++)
        rg_free(p->ctx, p->pages[i].boxes);
    p->base += p->npages;
    p->npages = 0;
    arena_free(&p->arena);
    arena_init(&p->arena, p->ctx, 0);
}

size_t pages_limit(const rg_pages *p) { return p->max_pages ? p->max_pages : RG_MAX_PAGES; }

rg_page *pages_add(rg_pages *p, rg_mpt width, rg_mpt height)
{
    if (p->base + p->npages >= pages_limit(p) ||
        rg_grow(p->ctx, (void **)&p->pages, &p->cap, p->npages + 1, sizeof *p->pages))
        return NULL;
    rg_page *pg = &p->pages[p->npages++];
    memset(pg, 0, sizeof *pg);
    pg->width = width;
    pg->height = height;
    return pg;
}

void box_frame(rg_box *b, rg_mpt x, rg_mpt y, rg_mpt w, rg_mpt h, rg_mpt width)
{
    b->u.rect.x = x;
    b->u.rect.y = y;
    b->u.rect.w = w;
    b->u.rect.h = h;
    b->u.rect.stroke = 1;
    b->u.rect.width = width;
}

void box_shift(rg_box *d, rg_mpt dx, rg_mpt dy)
{
    switch (d->kind) {
    case BOX_GLYPHS: d->u.glyphs.x += dx; d->u.glyphs.y += dy; break;
    case BOX_RULE:
        d->u.rule.x0 += dx; d->u.rule.x1 += dx; d->u.rule.y0 += dy; d->u.rule.y1 += dy;
        break;
    case BOX_RECT: d->u.rect.x += dx; d->u.rect.y += dy; break;
    case BOX_MARK: d->u.mark.x += dx; d->u.mark.y += dy; break;
    case BOX_LINK: d->u.link.x += dx; d->u.link.y += dy; break;
    case BOX_IMAGE: d->u.image.x += dx; d->u.image.y += dy; break;
    case BOX_ANCHOR: d->u.anchor.x += dx; d->u.anchor.y += dy; break;
    case BOX_ATTACH: d->u.attach.x += dx; d->u.attach.y += dy; break;
    }
}

rg_box *page_add_box(rg_pages *p, rg_page *page, rg_box_kind kind)
{
    if (rg_grow(p->ctx, (void **)&page->boxes, &page->cap, page->nboxes + 1, sizeof *page->boxes))
        return NULL;
    rg_box *b = &page->boxes[page->nboxes++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

int page_add_line(rg_pages *p, rg_page *page, const rg_line *line, const char *text, rg_mpt x,
                  rg_mpt baseline)
{
    for (size_t r = 0; r < line->nruns; r++) {
        const rg_line_run *run = &line->runs[r];
        if (run->n == 0)
            continue;
        rg_box *b = page_add_box(p, page, BOX_GLYPHS);
        if (!b)
            return -1;
        b->u.glyphs = (rg_box_glyphs){x + run->x, baseline, run->font, run->style->size,
                                      run->style->color, run->glyphs, run->extra, run->n, text,
                                      run->text_start, run->text_end};
        if (run->style->underline) {
            rg_box *u = page_add_box(p, page, BOX_RULE);
            if (!u)
                return -1;
            rg_mpt y = baseline + run->style->size / 10;
            u->u.rule.x0 = x + run->x;
            u->u.rule.x1 = x + run->x + run->width;
            u->u.rule.y0 = u->u.rule.y1 = y;
            u->u.rule.width = run->style->size / 20;
            u->u.rule.color = run->style->color;
        }
        if (run->style->href) {
            rg_box *l = page_add_box(p, page, BOX_LINK);
            if (!l)
                return -1;
            l->u.link.x = x + run->x;
            l->u.link.y = baseline - line->ascent;
            l->u.link.w = run->width;
            l->u.link.h = line->ascent + line->descent;
            l->u.link.uri = run->style->href;
        }
    }
    return 0;
}

static double pt(rg_mpt v) { return v / 1000.0; }

/* A file as its source wrote it (the dump shows no machine's paths). */
static const char *file_written(const struct rg_file *f) { return f ? f->written : ""; }

void pages_dump(const rg_pages *p, rg_buf *out)
{
    for (size_t i = 0; i < p->npages; i++) {
        const rg_page *pg = &p->pages[i];
        buf_printf(out, "page %zu %.1fx%.1f\n", i + 1, pt(pg->width), pt(pg->height));
        for (size_t j = 0; j < pg->nboxes; j++) {
            const rg_box *b = &pg->boxes[j];
            switch (b->kind) {
            case BOX_GLYPHS: {
                const rg_box_glyphs *g = &b->u.glyphs;
                int64_t fu = 0;
                rg_mpt extra = 0;
                for (size_t k = 0; k < g->n; k++) {
                    fu += g->glyphs[k].x_adv;
                    extra += g->extra ? g->extra[k] : 0;
                }
                rg_mpt w = (rg_mpt)(fu * g->size / font_upem(g->font)) + extra;
                buf_printf(out, "  glyphs %.2f,%.2f w=%.2f %s %.1fpt n=%zu \"", pt(g->x), pt(g->y),
                           pt(w), font_postscript_name(g->font), pt(g->size), g->n);
                buf_append(out, g->text + g->text_start, g->text_end - g->text_start);
                buf_puts(out, "\"\n");
                break;
            }
            case BOX_RULE:
                buf_printf(out, "  rule %.2f,%.2f-%.2f,%.2f w=%.2f\n", pt(b->u.rule.x0),
                           pt(b->u.rule.y0), pt(b->u.rule.x1), pt(b->u.rule.y1),
                           pt(b->u.rule.width));
                break;
            case BOX_RECT:
                buf_printf(out, "  rect %.2f,%.2f %.2fx%.2f%s%s\n", pt(b->u.rect.x),
                           pt(b->u.rect.y), pt(b->u.rect.w), pt(b->u.rect.h),
                           b->u.rect.fill ? " fill" : "", b->u.rect.stroke ? " stroke" : "");
                break;
            case BOX_MARK:
                buf_printf(out, "  mark %s %.2f,%.2f size=%.2f\n",
                           b->u.mark.kind == MARK_CHECK ? "check"
                           : b->u.mark.kind == MARK_BOX ? "box"
                                                        : "box-checked",
                           pt(b->u.mark.x), pt(b->u.mark.y), pt(b->u.mark.size));
                break;
            case BOX_LINK:
                buf_printf(out, "  link %.2f,%.2f %.2fx%.2f %s\n", pt(b->u.link.x),
                           pt(b->u.link.y), pt(b->u.link.w), pt(b->u.link.h), b->u.link.uri);
                break;
            case BOX_IMAGE:
                buf_printf(out, "  image %.2f,%.2f %.2fx%.2f %s\n", pt(b->u.image.x),
                           pt(b->u.image.y), pt(b->u.image.w), pt(b->u.image.h),
                           file_written(b->u.image.file));
                break;
            case BOX_ANCHOR:
                buf_printf(out, "  anchor %.2f,%.2f %s\n", pt(b->u.anchor.x), pt(b->u.anchor.y),
                           b->u.anchor.name);
                break;
            case BOX_ATTACH:
                buf_printf(out, "  attach %.2f,%.2f %.2fx%.2f %s\n", pt(b->u.attach.x),
                           pt(b->u.attach.y), pt(b->u.attach.w), pt(b->u.attach.h),
                           file_written(b->u.attach.file));
                break;
            }
        }
    }
}
