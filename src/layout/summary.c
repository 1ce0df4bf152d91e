/* summary.c - the summary table form (second seed).
 *
 * A centred bold title and subtitle (the subtitle from the template's
 * pattern with the fiscal year and round in the summary's digits, unless
 * the source gives one), then one bordered table: the template's three
 * column captions as a header row repeated on every page, a full-width
 * row for each group heading, and for each item its number and name, its
 * result (paragraphs, target tables, formulas) and its problems.  Long
 * cells split across pages (paginate.c); a group's heading row is kept
 * with the group's first row (keep_with_next), so it never ends a page. */
#include "layout/form.h"
#include "layout/table.h"

#include <string.h>

int form_summary(rg_lctx *lc, const rg_document *doc, const rg_summary *sum, rg_vlist *v,
                 rg_mpt w)
{
    const rg_section *sec = template_section(lc->tpl, "table");
    rg_textstyle title = {lc->tpl->title_size, RG_STYLE_BOLD, RG_ALIGN_CENTER, 0};
    if (sum->title.count) {
        if (flow_inlines(lc, v, &sum->title, &title, 0, w, 0))
            return -1;
    } else if (lc->tpl->title && flow_text(lc, v, lc->tpl->title, &title, 0, w, 0)) {
        return -1;
    }
    if (sum->has_subtitle) {
        if (flow_inlines(lc, v, &sum->subtitle, &title, 0, w, 0))
            return -1;
    } else if (lc->tpl->subtitle) {
        char *y = model_format_number(lc->arena, doc->fiscal_year, 0, sum->digits);
        char *r = model_format_number(lc->arena, doc->round, 0, sum->digits);
        char *s = form_subst(lc, form_subst(lc, lc->tpl->subtitle, "{year}", y ? y : ""),
                             "{round}", r ? r : "");
        if (flow_text(lc, v, s, &title, 0, w, 0))
            return -1;
    }
    for (size_t i = 0; i < v->n; i++)
        v->items[i].keep_next = 1;

    size_t ncells = 3 + sum->nrows * 3;
    rg_tspec_cell *cells = arena_alloc(lc->arena, ncells * sizeof *cells);
    if (!cells)
        return -1;
    size_t nc = form_header_row(sec, 3, cells); /* three, checked when the template loaded */
    for (size_t r = 0; r < sum->nrows; r++) {
        const rg_summary_row *row = &sum->rows[r];
        int rr = (int)r + 1;
        rg_inlines *name = form_labelled(lc, NULL, row->number, &row->name);
        if (!name)
            return -1;
        if (row->kind == RG_SUMMARY_GROUP) {
            rg_inline *items = arena_memdup(lc->arena, name->items, name->count * sizeof *items);
            if (!items)
                return -1;
            for (size_t i = 0; i < name->count; i++)
                items[i].style |= RG_STYLE_BOLD;
            name->items = items;
            cells[nc++] = (rg_tspec_cell){
                .row = rr, .col = 0, .colspan = 3, .align = RG_ALIGN_LEFT, .inl = name};
            continue;
        }
        cells[nc++] = (rg_tspec_cell){.row = rr, .col = 0, .align = RG_ALIGN_LEFT, .inl = name};
        cells[nc++] = (rg_tspec_cell){
            .row = rr, .col = 1, .align = RG_CELL_ALIGN_DEFAULT, .blocks = &row->result};
        cells[nc++] = (rg_tspec_cell){
            .row = rr, .col = 2, .align = RG_CELL_ALIGN_DEFAULT, .blocks = &row->problems};
    }
    const rg_width *ws = sec ? sec->wspec : NULL;
    rg_table_layout *t = table_build(lc, ws ? NULL : "1* 2* 1.3*", ws, ws ? sec->nwspec : 0, 3,
                                     sum->nrows + 1, cells, nc, 1, w);
    if (!t)
        return -1;
    /* A group's heading row stays on the page of the group's first row. */
    unsigned char *keep = arena_alloc(lc->arena, sum->nrows + 1);
    if (!keep)
        return -1;
    memset(keep, 0, sum->nrows + 1);
    for (size_t r = 0; r < sum->nrows; r++)
        keep[r + 1] = sum->rows[r].kind == RG_SUMMARY_GROUP && r + 1 < sum->nrows;
    t->keep_with_next = keep;
    return vlist_add_table(lc, v, t, 0, 0, 6000);
}
