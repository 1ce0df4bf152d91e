/* document.c - laying out a whole report.
 *
 * Each form (indicator or summary) starts on a new page, is built into a
 * vlist by its form module using its template, and paginated into the
 * frame the template's margins leave.  Then its page numbers are added in
 * the template's style ("- ๒ -" centred at the top by default, not on the
 * form's first page; "หน้า ๑/๓" and "1/3" know the form's page count,
 * because numbering runs after the form's pagination).  Templates are
 * loaded once per document and name.  A caller writing a PDF passes a sink
 * and gets the pages form by form, so a 1,000-form archive holds one
 * form's layout at a time instead of all of them. */
#include "layout/document.h"
#include "layout/form.h"

#include <string.h>

typedef struct tcache {
    rg_template *t[8];
    size_t n;
} tcache;

static const rg_template *get_template(const rg_engine *eng, rg_context *ctx, tcache *tc,
                                       const char *name, const char *file, rg_pos pos)
{
    for (size_t i = 0; i < tc->n; i++)
        if (!strcmp(tc->t[i]->name, name))
            return tc->t[i];
    rg_template *t = template_load(ctx, rg_engine_data_dir(eng), name);
    if (!t) {
        rg_diag(ctx, RG_ERROR, "unknown-template", file, pos.line, pos.col,
                "the standard templates are 'indicator' and 'summary'",
                "template '%s' could not be used", name);
        return NULL;
    }
    if (tc->n < sizeof tc->t / sizeof tc->t[0])
        tc->t[tc->n++] = t;
    return t;
}

static const char *page_label(rg_lctx *lc, rg_pagenum_style style, size_t n, size_t total,
                              rg_digits digits)
{
    char *a = model_format_number(lc->arena, (double)n, 0, digits);
    char *b = model_format_number(lc->arena, (double)total, 0, digits);
    rg_buf buf;
    buf_init(&buf, lc->ctx);
    if (style == PAGENUM_DASH)
        buf_printf(&buf, "- %s -", a);
    else if (style == PAGENUM_PAGE_OF)
        buf_printf(&buf, "หน้า %s/%s", a, b);
    else
        buf_printf(&buf, "%s/%s", a, b);
    char *s = arena_strdup(lc->arena, buf.data ? buf.data : "");
    buf_free(&buf);
    return s;
}

/* Add page numbers to pages [first, pages->npages). */
static int number_pages(rg_lctx *lc, rg_pages *pages, size_t first, rg_digits digits)
{
    const rg_template *t = lc->tpl;
    if (t->pagenum == PAGENUM_NONE)
        return 0;
    size_t total = pages->npages - first;
    for (size_t i = first; i < pages->npages; i++) {
        size_t n = i - first + 1;
        if (n == 1 && !t->pagenum_first)
            continue;
        rg_vlist v = {0};
        rg_mpt w = t->page_w - t->margin_l - t->margin_r;
        rg_align al = t->pagenum_pos == PAGENUM_BOTTOM_RIGHT ? RG_ALIGN_RIGHT : RG_ALIGN_CENTER;
        rg_textstyle st = {t->body_size, 0, al, 0};
        if (flow_text(lc, &v, page_label(lc, t->pagenum, n, total, digits), &st, 0, w, 0))
            return -1;
        rg_mpt y = t->pagenum_pos == PAGENUM_TOP_CENTER
                       ? (t->margin_t - v.items[0].strip.h) / 2
                       : t->page_h - t->margin_b + (t->margin_b - v.items[0].strip.h) / 2;
        rg_pager p = {pages, &pages->pages[i], t->page_w, t->page_h, t->margin_l, 0, 0, 0, 0};
        if (place_strip(&p, &v.items[0].strip, t->margin_l, y))
            return -1;
    }
    return 0;
}

static rg_status layout_all(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                            const char *only, rg_pages *pages, size_t *part_first,
                            rg_form_sink sink, void *user);

rg_status document_layout(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                          const char *only, rg_pages *pages, rg_form_sink sink, void *user)
{
    return layout_all(eng, ctx, doc, only, pages, NULL, sink, user);
}

rg_status document_layout_parts(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                                const char *only, rg_pages *pages, size_t *part_first,
                                rg_form_sink sink, void *user)
{
    return layout_all(eng, ctx, doc, only, pages, part_first, sink, user);
}

/* The one loop behind both: forms in order, each handed to the sink when
 * there is one; part_first (may be NULL) gets each part's first page index
 * counted over all pages, emitted or kept. */
static rg_status layout_all(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                            const char *only, rg_pages *pages, size_t *part_first,
                            rg_form_sink sink, void *user)
{
    size_t emitted = 0; /* pages handed to the sink */
    rg_textstate *ts = engine_textstate(eng, ctx);
    if (!ts)
        return RG_ERR_NOMEM;
    tcache tc = {{0}, 0};
    rg_status st = RG_OK;
    size_t work_left = RG_MAX_LAYOUT_WORK; /* for the whole document */
    int found = 0;
    for (size_t i = 0; i < doc->nparts && st == RG_OK; i++) {
        const rg_part *part = &doc->parts[i];
        if (part_first)
            part_first[i] = (size_t)-1;
        if (only && (part->kind != RG_PART_INDICATOR || strcmp(part->indicator->number, only)))
            continue;
        if (part_first)
            part_first[i] = pages->base + pages->npages;
        found = 1;
        const char *tname = part->kind == RG_PART_INDICATOR ? part->indicator->template_name
                                                             : part->summary->template_name;
        rg_pos pos = part->kind == RG_PART_INDICATOR ? part->indicator->pos : part->summary->pos;
        const rg_template *t = get_template(eng, ctx, &tc, tname, doc->file, pos);
        if (!t) {
            st = RG_ERR_TEMPLATE;
            break;
        }
        rg_form_kind want = part->kind == RG_PART_INDICATOR ? FORM_INDICATOR : FORM_SUMMARY;
        if (t->form != want) {
            rg_diag(ctx, RG_ERROR, "wrong-template", doc->file, pos.line, pos.col, NULL,
                    "template '%s' is for %s forms", tname,
                    t->form == FORM_SUMMARY ? "summary" : "indicator");
            st = RG_ERR_TEMPLATE;
            break;
        }
        rg_lctx lc = {eng, ctx, ts, &pages->arena, t, doc->file, t->body_size, 0, &work_left};
        rg_vlist v = {0};
        rg_mpt w = t->page_w - t->margin_l - t->margin_r;
        int rc;
        rg_digits digits;
        if (part->kind == RG_PART_INDICATOR) {
            lc.size = t->body_size;
            rc = form_indicator(&lc, doc, part->indicator, &v, w);
            digits = part->indicator->digits;
        } else {
            lc.size = t->table_size;
            rc = form_summary(&lc, doc, part->summary, &v, w);
            digits = part->summary->digits;
        }
        size_t first = pages->npages;
        rg_pager p = {pages, NULL, t->page_w, t->page_h, t->margin_l, t->margin_t,
                      t->page_h - t->margin_b, 0, first};
        if (rc || pager_place(&p, &v) || number_pages(&lc, pages, first, digits)) {
            /* Layout fails only for memory or for the input (a table over
             * 64 columns ...): an input error, exit 1, not an internal one. */
            st = ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_INVALID;
            if (pages->base + pages->npages >= pages_limit(pages)) {
                rg_diag(ctx, RG_ERROR, "too-many-pages", doc->file, pos.line, pos.col,
                        "split the report into several files",
                        "the PDF would have more than %zu pages (the limit)", pages_limit(pages));
                st = RG_ERR_LIMIT;
            } else if (work_left == 0) {
                rg_diag(ctx, RG_ERROR, "too-complex", doc->file, pos.line, pos.col,
                        "give nested tables fixed column widths (widths=\"3cm 2*\"), or "
                        "nest fewer tables",
                        "laying out this form needs too much work (tables nested in "
                        "auto-width columns are laid out twice per level)");
                st = RG_ERR_LIMIT;
            }
        }
        if (st == RG_OK && sink) {
            if (sink(user, pages))
                st = ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_RENDER;
            emitted += pages->npages;
            pages_reset(pages);
        }
    }
    if (st == RG_OK && only && !found) {
        rg_diag(ctx, RG_ERROR, "no-such-indicator", doc->file, 0, 0, NULL,
                "the document has no indicator numbered '%s'", only);
        st = RG_ERR_USAGE;
    }
    for (size_t i = 0; i < tc.n; i++)
        template_free(tc.t[i]);
    if (st == RG_OK && pages->npages == 0 && emitted == 0) {
        if (!pages_add(pages, RG_PT(595.276), RG_PT(841.89)))
            st = RG_ERR_NOMEM;
        else if (sink && sink(user, pages))
            st = RG_ERR_RENDER;
    }
    return st;
}
