/* table.c - table layout: column widths, cells, row heights.
 *
 * Column widths: fixed widths are taken first; relative columns ("3*")
 * share what is left in proportion; auto columns get their content's
 * natural width when everything fits, else a share in proportion to it.
 * A table never exceeds the frame it is given.
 *
 * Cells: each cell's blocks are laid out at its columns' width minus the
 * padding into a vlist of strips (tables inside cells are flattened, see
 * vlist_add_table).  A row is as tall as its tallest single-row cell; a
 * cell spanning rows adds what it still needs to the last row it spans.
 *
 * The grid: cells are placed in source order into the first free slot of
 * their row, skipping slots taken by row spans from above (as HTML does). */
#include "layout/table.h"
#include "load/width.h"

#include <stdlib.h>
#include <string.h>

enum { PAD_X = 5000, PAD_Y = 2000, BORDER = 600 };

/* Natural (unwrapped) width of a vlist's content: the rightmost glyph end. */
static rg_mpt vlist_natural_width(const rg_vlist *v, rg_mpt x0)
{
    rg_mpt w = 0;
    for (size_t i = 0; i < v->n; i++) {
        const rg_strip *s = &v->items[i].strip;
        for (size_t b = 0; b < s->n; b++) {
            if (s->boxes[b].kind != BOX_GLYPHS)
                continue;
            const rg_box_glyphs *g = &s->boxes[b].u.glyphs;
            int64_t fu = 0;
            for (size_t k = 0; k < g->n; k++)
                fu += g->glyphs[k].x_adv;
            rg_mpt end = g->x - x0 + (rg_mpt)(fu * g->size / font_upem(g->font));
            if (end > w)
                w = end;
        }
        if (v->items[i].table && v->items[i].table->width > w)
            w = v->items[i].table->width;
    }
    return w;
}

/* Parse a widths list ("2.6cm 1* auto") into specs with the one parser
 * (load/width.h); returns the count, or -1 with an error.  The strings
 * reaching here are the forms' own and templates' (checked when the
 * template loaded), so a failure is a bug, still reported.  Fixed widths
 * are rounded to whole millipoints, as lengths of templates are. */
static long parse_widths(rg_lctx *lc, const char *s, rg_width **out)
{
    size_t n = widths_count(s), off = 0, len = 0;
    rg_width *w = arena_alloc(lc->arena, (n ? n : 1) * sizeof *w);
    if (!w)
        return -1;
    long got = widths_parse(s, w, n, &off, &len);
    if (got < 0) {
        rg_diag(lc->ctx, RG_ERROR, "bad-width", lc->file, 0, 0, NULL,
                "column width \"%.*s\" is not understood", (int)len, s + off);
        return -1;
    }
    for (long i = 0; i < got; i++)
        if (w[i].kind == RG_WIDTH_FIXED)
            w[i].value = (rg_mpt)(w[i].value * 1000 + 0.5) / 1000.0;
    *out = w;
    return got;
}

/* Lay out one spec cell's content at width w into c->content. */
static int cell_content(rg_lctx *lc, const rg_tspec_cell *sc, rg_tcell *c, rg_mpt w)
{
    rg_textstyle st = {lc->size, sc->bold ? RG_STYLE_BOLD : 0u,
                       sc->align >= 0 ? (rg_align)sc->align : RG_ALIGN_LEFT, 0};
    if (layout_charge(lc, LAYOUT_ITEM_COST))
        return -1;
    if (sc->mark) {
        rg_vitem *it = vlist_push(lc, &c->content);
        if (!it)
            return -1;
        rg_mpt size = lc->size;
        it->strip.h = size * 13 / 10;
        rg_box *b = strip_add(lc, &it->strip, BOX_MARK);
        if (!b)
            return -1;
        b->u.mark.kind = MARK_CHECK;
        b->u.mark.size = size;
        b->u.mark.x = (w - size) / 2;
        b->u.mark.y = (it->strip.h - size) / 2;
        return 0;
    }
    if (sc->content) {
        c->content = *sc->content;
        return 0;
    }
    if (sc->text)
        return flow_text(lc, &c->content, sc->text, &st, 0, w, 0);
    if (sc->inl)
        return flow_inlines(lc, &c->content, sc->inl, &st, 0, w, 0);
    if (sc->blocks) {
        /* Paragraphs inherit the cell's alignment unless they set one. */
        rg_blocks copy = *sc->blocks;
        if (sc->align >= 0 || sc->bold) {
            rg_block *items = arena_memdup(lc->arena, copy.items, copy.count * sizeof *items);
            if (copy.count && !items)
                return -1;
            for (size_t i = 0; i < copy.count; i++)
                if (items[i].kind == RG_BLOCK_PARA && items[i].u.para.align < 0)
                    items[i].u.para.align = sc->align >= 0 ? sc->align : RG_ALIGN_LEFT;
            copy.items = items;
        }
        unsigned saved = lc->style;
        if (sc->bold)
            lc->style |= RG_STYLE_BOLD;
        int rc = flow_blocks(lc, &c->content, &copy, 0, w, 1, 0);
        lc->style = saved;
        if (rc)
            return rc;
    }
    return 0;
}

static rg_mpt *column_widths(rg_lctx *lc, const rg_width *spec, size_t nspec, size_t ncols,
                             const rg_tspec_cell *cells, size_t ncells, rg_mpt w)
{
    rg_mpt *cw = arena_alloc(lc->arena, ncols * sizeof *cw);
    double *share = arena_alloc(lc->arena, ncols * sizeof *share);
    rg_mpt *natural = arena_alloc(lc->arena, ncols * sizeof *natural);
    if (!cw || !share || !natural)
        return NULL;
    rg_mpt fixed = 0;
    double rel = 0;
    int any_auto = 0;
    for (size_t c = 0; c < ncols; c++) {
        rg_width s = c < nspec ? spec[c] : (rg_width){nspec ? RG_WIDTH_RELATIVE : RG_WIDTH_AUTO, 1};
        if (s.kind == RG_WIDTH_FIXED) {
            /* Clamp before converting: widths="99999999999cm" overflowed
             * int32 millipoints (UB); over the frame it is scaled down anyway. */
            cw[c] = s.value * 1000 >= w ? w : (rg_mpt)(s.value * 1000);
            fixed += cw[c];
        } else if (s.kind == RG_WIDTH_RELATIVE) {
            share[c] = s.value > 0 ? s.value : 1;
            rel += share[c];
        } else {
            any_auto = 1;
            share[c] = -1;
        }
    }
    if (fixed > w) {
        /* Scale fixed columns down to fit the frame. */
        for (size_t c = 0; c < ncols; c++)
            if (cw[c])
                cw[c] = (rg_mpt)((int64_t)cw[c] * w / fixed);
        fixed = w;
    }
    rg_mpt rest = w - fixed;
    if (any_auto) {
        /* Natural widths of single-column cells of auto columns. */
        rg_mpt total_nat = 0;
        for (size_t c = 0; c < ncols; c++) {
            natural[c] = 0;
            if (share[c] >= 0)
                continue;
            for (size_t i = 0; i < ncells; i++) {
                if (cells[i].col != (int)c || cells[i].colspan > 1)
                    continue;
                /* Measure in a scratch arena: the trial layout is dropped at
                 * once, so nested auto tables cost time, not memory. */
                rg_tcell tmp;
                memset(&tmp, 0, sizeof tmp);
                rg_lctx mlc = *lc;
                rg_arena scratch;
                arena_init(&scratch, lc->ctx, 8192);
                mlc.arena = &scratch;
                int failed = cell_content(&mlc, &cells[i], &tmp, RG_PT(5000));
                rg_mpt nw = failed ? 0 : vlist_natural_width(&tmp.content, 0) + 2 * PAD_X + BORDER;
                arena_free(&scratch);
                if (failed)
                    return NULL;
                if (nw > natural[c])
                    natural[c] = nw;
            }
            if (natural[c] < RG_PT(24))
                natural[c] = RG_PT(24);
            total_nat += natural[c];
        }
        rg_mpt auto_room = rel > 0 ? rest / 2 : rest;
        if (total_nat <= auto_room) {
            for (size_t c = 0; c < ncols; c++)
                if (share[c] < 0)
                    cw[c] = natural[c];
            rest -= total_nat;
            if (rel == 0) {
                /* Spread the remainder over auto columns by their size. */
                rg_mpt given = 0;
                for (size_t c = 0; c < ncols; c++)
                    if (share[c] < 0) {
                        rg_mpt add = (rg_mpt)((int64_t)rest * natural[c] / total_nat);
                        cw[c] += add;
                        given += add;
                    }
                rest -= given;
            }
        } else {
            for (size_t c = 0; c < ncols; c++)
                if (share[c] < 0)
                    cw[c] = (rg_mpt)((int64_t)auto_room * natural[c] / total_nat);
            rest -= auto_room;
        }
    }
    for (size_t c = 0; c < ncols; c++)
        if (share[c] > 0)
            cw[c] = (rg_mpt)(rest * share[c] / rel);
    return cw;
}

static int index_rows(rg_lctx *lc, rg_table_layout *t);
static rg_table_layout *table_build_sized(rg_lctx *lc, rg_table_layout *t, const char *widths,
                                          const rg_width *wspec, size_t nwspec, size_t ncols,
                                          size_t nrows, const rg_tspec_cell *cells, size_t ncells,
                                          int header_rows, rg_mpt w);

rg_table_layout *table_build(rg_lctx *lc, const char *widths, const rg_width *wspec,
                             size_t nwspec, size_t ncols, size_t nrows,
                             const rg_tspec_cell *cells, size_t ncells, int header_rows, rg_mpt w)
{
    rg_table_layout *t = arena_alloc(lc->arena, sizeof *t);
    if (!t || ncols == 0 || nrows == 0)
        return NULL;
    /* Tables use the template's table size (restored on return). */
    rg_mpt saved_size = lc->size;
    if (lc->tpl)
        lc->size = lc->tpl->table_size;
    t = table_build_sized(lc, t, widths, wspec, nwspec, ncols, nrows, cells, ncells, header_rows, w);
    lc->size = saved_size;
    return t;
}

static rg_table_layout *table_build_sized(rg_lctx *lc, rg_table_layout *t, const char *widths,
                                          const rg_width *wspec, size_t nwspec, size_t ncols,
                                          size_t nrows, const rg_tspec_cell *cells, size_t ncells,
                                          int header_rows, rg_mpt w)
{
    rg_width *parsed = NULL;
    if (widths) {
        long got = parse_widths(lc, widths, &parsed);
        if (got < 0)
            return NULL;
        nwspec = (size_t)got;
        wspec = parsed;
    }
    t->ncols = ncols;
    t->nrows = nrows;
    t->keep_with_next = NULL;
    t->together = 0;
    t->header_rows = header_rows < (int)nrows ? header_rows : 0;
    t->pad_x = PAD_X;
    t->pad_y = PAD_Y;
    t->border = BORDER;
    rg_mpt *cw = column_widths(lc, wspec, nwspec, ncols, cells, ncells, w);
    t->col_x = arena_alloc(lc->arena, (ncols + 1) * sizeof *t->col_x);
    t->row_h = arena_alloc(lc->arena, nrows * sizeof *t->row_h);
    t->cells = arena_alloc(lc->arena, (ncells ? ncells : 1) * sizeof *t->cells);
    if (!cw || !t->col_x || !t->row_h || !t->cells)
        return NULL;
    for (size_t c = 0; c < ncols; c++)
        t->col_x[c + 1] = t->col_x[c] + cw[c];
    t->width = t->col_x[ncols];
    t->ncells = ncells;
    for (size_t i = 0; i < ncells; i++) {
        const rg_tspec_cell *sc = &cells[i];
        rg_tcell *c = &t->cells[i];
        c->row = sc->row;
        c->col = sc->col;
        c->rowspan = sc->rowspan > 0 ? sc->rowspan : 1;
        c->colspan = sc->colspan > 0 ? sc->colspan : 1;
        if (c->col + c->colspan > (int)ncols)
            c->colspan = (int)ncols - c->col;
        if (c->row + c->rowspan > (int)nrows)
            c->rowspan = (int)nrows - c->row;
        c->valign = sc->valign;
        rg_mpt cwid = t->col_x[c->col + c->colspan] - t->col_x[c->col] - 2 * PAD_X;
        if (cwid < RG_PT(6))
            cwid = RG_PT(6);
        if (cell_content(lc, sc, c, cwid))
            return NULL;
        c->content_h = vlist_height(&c->content);
        if (c->content.n)
            c->content_h -= c->content.items[0].before;
        if (c->rowspan == 1 && c->content_h + 2 * PAD_Y > t->row_h[c->row])
            t->row_h[c->row] = c->content_h + 2 * PAD_Y;
    }
    for (size_t r = 0; r < nrows; r++)
        if (t->row_h[r] == 0)
            t->row_h[r] = lc->size + 2 * PAD_Y;
    if (index_rows(lc, t))
        return NULL;
    for (size_t i = 0; i < ncells; i++) {
        rg_tcell *c = &t->cells[i];
        if (c->rowspan == 1)
            continue;
        rg_mpt have = 0;
        for (int r = c->row; r < c->row + c->rowspan; r++)
            have += t->row_h[r];
        if (c->content_h + 2 * PAD_Y > have)
            t->row_h[c->row + c->rowspan - 1] += c->content_h + 2 * PAD_Y - have;
    }
    return t;
}

/* Fill t->by_row and t->row_first: a counting sort of the cells by their
 * top row, linear in rows + cells. */
static int index_rows(rg_lctx *lc, rg_table_layout *t)
{
    t->row_first = arena_alloc(lc->arena, (t->nrows + 1) * sizeof *t->row_first);
    t->by_row = arena_alloc(lc->arena, (t->ncells ? t->ncells : 1) * sizeof *t->by_row);
    if (!t->row_first || !t->by_row)
        return -1;
    memset(t->row_first, 0, (t->nrows + 1) * sizeof *t->row_first);
    for (size_t i = 0; i < t->ncells; i++)
        t->row_first[t->cells[i].row + 1]++;
    for (size_t r = 0; r < t->nrows; r++)
        t->row_first[r + 1] += t->row_first[r];
    /* Place each cell at its row's next free slot (row_first[r] walks up
     * to row_first[r + 1] and is then restored). */
    for (size_t i = 0; i < t->ncells; i++)
        t->by_row[t->row_first[t->cells[i].row]++] = i;
    for (size_t r = t->nrows; r > 0; r--)
        t->row_first[r] = t->row_first[r - 1];
    t->row_first[0] = 0;
    return 0;
}

rg_table_layout *flow_table(rg_lctx *lc, const rg_table *tb, rg_mpt w)
{
    /* Place cells on the grid, skipping slots taken by row spans. */
    size_t ncells = 0, ncols = 0;
    for (size_t r = 0; r < tb->nrows; r++)
        ncells += tb->rows[r].count;
    rg_tspec_cell *spec = arena_alloc(lc->arena, (ncells ? ncells : 1) * sizeof *spec);
    size_t nrows = tb->nrows;
    /* taken[r] is a bitmap row of width up to 64 columns. */
    uint64_t *taken = arena_alloc(lc->arena, (nrows ? nrows : 1) * sizeof *taken);
    if (!spec || !taken)
        return NULL;
    size_t k = 0;
    for (size_t r = 0; r < nrows; r++) {
        int col = 0;
        for (size_t i = 0; i < tb->rows[r].count; i++) {
            const rg_cell *c = &tb->rows[r].cells[i];
            while (col < 64 && (taken[r] >> col & 1))
                col++;
            if (col >= 64) {
                rg_diag(lc->ctx, RG_ERROR, "table-too-wide", lc->file, c->pos.line, c->pos.col,
                        NULL, "a table may have at most 64 columns");
                return NULL;
            }
            int cs = c->colspan, rs = c->rowspan;
            for (int rr = (int)r; rr < (int)r + rs && rr < (int)nrows; rr++)
                for (int cc = col; cc < col + cs && cc < 64; cc++)
                    taken[rr] |= (uint64_t)1 << cc;
            spec[k++] = (rg_tspec_cell){
                .row = (int)r,
                .col = col,
                .rowspan = rs,
                .colspan = cs,
                .align = c->align >= 0 ? c->align
                                       : (c->header ? RG_ALIGN_CENTER : RG_CELL_ALIGN_DEFAULT),
                .valign = c->valign >= 0 ? c->valign : (c->header ? RG_CELL_MIDDLE : RG_CELL_TOP),
                .bold = c->header,
                .blocks = &c->blocks};
            col += cs;
            if ((size_t)col > ncols)
                ncols = (size_t)col;
        }
    }
    rg_mpt tw = w;
    if (tb->width_pct > 0 && tb->width_pct < 100)
        tw = (rg_mpt)(w * tb->width_pct / 100);
    return table_build(lc, NULL, tb->widths, tb->nwidths, ncols, nrows, spec, k,
                       tb->header_rows, tw);
}

/* Draw a cell's border and full content into strip s at row top y. */
static int cell_into_strip(rg_lctx *lc, rg_strip *s, const rg_table_layout *t, const rg_tcell *c,
                           rg_mpt x, rg_mpt y, rg_mpt h)
{
    rg_mpt cx = x + t->col_x[c->col], cw = t->col_x[c->col + c->colspan] - t->col_x[c->col];
    if (t->border) {
        rg_box *b = strip_add(lc, s, BOX_RECT);
        if (!b)
            return -1;
        box_frame(b, cx, y, cw, h, t->border);
    }
    rg_mpt cy = y + t->pad_y;
    if (c->valign == 1)
        cy += (h - 2 * t->pad_y - c->content_h) / 2;
    else if (c->valign == 2)
        cy += h - 2 * t->pad_y - c->content_h;
    for (size_t i = 0; i < c->content.n; i++) {
        const rg_vitem *it = &c->content.items[i];
        if (i)
            cy += it->before;
        for (size_t b = 0; b < it->strip.n; b++) {
            rg_box *d = strip_add(lc, s, it->strip.boxes[b].kind);
            if (!d)
                return -1;
            *d = it->strip.boxes[b];
            box_shift(d, cx + t->pad_x, cy);
        }
        cy += it->strip.h;
    }
    return 0;
}

int vlist_add_table(rg_lctx *lc, rg_vlist *v, rg_table_layout *t, rg_mpt x, int nested,
                    rg_mpt before)
{
    if (!nested) {
        rg_vitem *it = vlist_push(lc, v);
        if (!it)
            return -1;
        it->before = before;
        it->table = t;
        it->x = x;
        return 0;
    }
    /* Flattened: one strip per row; rows joined by a row span stay
     * together. */
    int span_until = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        rg_vitem *it = vlist_push(lc, v);
        if (!it)
            return -1;
        it->before = r == 0 ? before : 0;
        it->strip.h = t->row_h[r];
        for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++) {
            const rg_tcell *c = &t->cells[t->by_row[k]];
            rg_mpt h = 0;
            for (int rr = c->row; rr < c->row + c->rowspan; rr++)
                h += t->row_h[rr];
            if (c->row + c->rowspan > span_until)
                span_until = c->row + c->rowspan;
            if (cell_into_strip(lc, &it->strip, t, c, x, 0, h))
                return -1;
        }
        it->keep_next = (int)r + 1 < span_until || (int)r < t->header_rows ||
                        (t->keep_with_next && t->keep_with_next[r]);
    }
    return 0;
}
