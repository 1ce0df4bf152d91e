/* paginate.c - moving finished strips and tables onto pages.
 *
 * Strips: a strip goes on the current page when it and the strips chained
 * to it by keep_next fit; otherwise a new page starts (unless the page is
 * still empty, in which case the content is placed anyway rather than
 * looping).  Space above a strip is dropped at the top of a page.
 *
 * Tables: a table starts on a new page unless its header and first body
 * group (or that group's first lines) fit.  Header rows are drawn at the
 * table's start and again at the top of every page it continues on.  A
 * body row (or a group of rows joined by a row span or keep_with_next)
 * goes whole when it fits; a kept group taller than what is left of a
 * fresh page breaks between its rows, and a group ending in a tall row
 * needs only that row's first lines beside the rows before it.  A table
 * item with keep_next (a target table before its conclusion line) places
 * its last group only where what it is kept with fits after it, so the
 * conclusion never opens a page.  A single row that does not fit is
 * split: every cell takes as many of its remaining strips as fit in the
 * space left (only rows taller than a third of the frame are split; shorter
 * ones move to the next page whole), the piece is drawn with full borders,
 * and the rest of each
 * cell continues on the next page under the repeated headers.  So a cell
 * taller than a page runs over as many pages as it needs, and no strip is
 * ever cut.  Each row is placed or split once per page, so the work is
 * linear in the table's size. */
#include "layout/pager.h"
#include "layout/table.h"

#include <string.h>

int pager_new_page(rg_pager *p)
{
    p->page = pages_add(p->pages, p->page_w, p->page_h);
    p->y = p->top;
    return p->page ? 0 : -1;
}

int place_strip(rg_pager *p, const rg_strip *s, rg_mpt x, rg_mpt y)
{
    for (size_t b = 0; b < s->n; b++) {
        rg_box *d = page_add_box(p->pages, p->page, s->boxes[b].kind);
        if (!d)
            return -1;
        *d = s->boxes[b];
        box_shift(d, x, y);
    }
    return 0;
}

/* ---- tables ------------------------------------------------------------------ */

static int draw_border(rg_pager *p, const rg_table_layout *t, rg_mpt x, rg_mpt y, rg_mpt w,
                       rg_mpt h)
{
    if (!t->border)
        return 0;
    rg_box *b = page_add_box(p->pages, p->page, BOX_RECT);
    if (!b)
        return -1;
    box_frame(b, x, y, w, h, t->border);
    return 0;
}

/* Draw strips [from, to) of a cell's content starting at y. */
static int draw_content(rg_pager *p, const rg_tcell *c, size_t from, size_t to, rg_mpt x,
                        rg_mpt y)
{
    for (size_t i = from; i < to; i++) {
        const rg_vitem *it = &c->content.items[i];
        if (i > from)
            y += it->before;
        if (place_strip(p, &it->strip, x, y))
            return -1;
        y += it->strip.h;
    }
    return 0;
}

/* Height of strips [from, to) of a cell, spacing between them included. */
static rg_mpt content_span(const rg_tcell *c, size_t from, size_t to)
{
    rg_mpt h = 0;
    for (size_t i = from; i < to; i++)
        h += (i > from ? c->content.items[i].before : 0) + c->content.items[i].strip.h;
    return h;
}

/* Draw rows [r0, r1) whole at y (fresh cells, natural heights). */
static int draw_rows(rg_pager *p, const rg_table_layout *t, size_t r0, size_t r1, rg_mpt x,
                     rg_mpt y)
{
    for (size_t k = t->row_first[r0]; k < t->row_first[r1]; k++) {
        const rg_tcell *c = &t->cells[t->by_row[k]];
        rg_mpt cy = y;
        for (int r = (int)r0; r < c->row; r++)
            cy += t->row_h[r];
        rg_mpt h = 0;
        for (int r = c->row; r < c->row + c->rowspan; r++)
            h += t->row_h[r];
        rg_mpt cx = x + t->col_x[c->col], cw = t->col_x[c->col + c->colspan] - t->col_x[c->col];
        if (draw_border(p, t, cx, cy, cw, h))
            return -1;
        rg_mpt ty = cy + t->pad_y;
        if (c->valign == 1)
            ty += (h - 2 * t->pad_y - c->content_h) / 2;
        else if (c->valign == 2)
            ty += h - 2 * t->pad_y - c->content_h;
        if (draw_content(p, c, 0, c->content.n, cx + t->pad_x, ty))
            return -1;
    }
    return 0;
}

static rg_mpt rows_height(const rg_table_layout *t, size_t r0, size_t r1)
{
    rg_mpt h = 0;
    for (size_t r = r0; r < r1; r++)
        h += t->row_h[r];
    return h;
}

/* A new page with the table's first hr rows (its repeated header) on top. */
static int table_new_page(rg_pager *p, const rg_table_layout *t, size_t hr, rg_mpt x)
{
    if (pager_new_page(p))
        return -1;
    if (hr) {
        if (draw_rows(p, t, 0, hr, x, p->y))
            return -1;
        p->y += rows_height(t, 0, hr);
    }
    return 0;
}

/* Draw a piece of row r at the pager's y, h tall: every cell of the row
 * with its border and its strips [next[i], take[i]); next[i] advances to
 * take[i]. */
static int draw_piece(rg_pager *p, const rg_table_layout *t, size_t r, rg_mpt x, size_t *next,
                      const size_t *take, rg_mpt h)
{
    for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++) {
        size_t i = t->by_row[k];
        const rg_tcell *c = &t->cells[i];
        rg_mpt cx = x + t->col_x[c->col];
        if (draw_border(p, t, cx, p->y, t->col_x[c->col + c->colspan] - t->col_x[c->col], h) ||
            draw_content(p, c, next[i], take[i], cx + t->pad_x, p->y + t->pad_y))
            return -1;
        next[i] = take[i];
    }
    return 0;
}

/* Header rows are repeated only while they take at most half the frame:
 * taller ones (header-rows="5000") would cost header x pages of work and
 * memory and leave no room for the body (a header taller than the page put
 * the body rows below the page's edge).  Such a table prints its header rows
 * once, as body rows that may split like any other. */
static size_t repeated_header_rows(const rg_pager *p, const rg_table_layout *t)
{
    size_t hr = (size_t)t->header_rows;
    rg_mpt head = 0;
    for (size_t r = 0; r < hr; r++) {
        head += t->row_h[r];
        if (head > (p->bottom - p->top) / 2)
            return 0;
    }
    return hr;
}

/* The end of the group of rows that starts at row r: rows joined to it by
 * row spans and, when keep, rows kept with the next (keep_with_next). */
static size_t group_end(const rg_table_layout *t, size_t r, int keep)
{
    if (keep && t->together)
        return t->nrows; /* keep="together": the rest is one group */
    size_t r2 = r + 1;
    for (size_t k = t->row_first[r];;) {
        for (; k < t->row_first[r2]; k++) {
            const rg_tcell *c = &t->cells[t->by_row[k]];
            if ((size_t)(c->row + c->rowspan) > r2)
                r2 = (size_t)(c->row + c->rowspan); /* the walk extends with r2 */
        }
        if (!keep || !t->keep_with_next || r2 >= t->nrows || !t->keep_with_next[r2 - 1])
            break;
        r2++;
    }
    return r2;
}

/* Where a kept group [r, r2) may break: when it ends with a single row
 * taller than a third of room (a row that splits rather than moves, such
 * as a summary item under its group's heading row), the rows before it
 * need only come with that row's first lines.  Returns that row, or r2
 * when the group goes whole. */
static size_t group_split(const rg_table_layout *t, size_t r, size_t r2, rg_mpt room)
{
    size_t last = r2 - 1;
    if (t->together || last <= r || t->row_h[last] <= room / 3 || group_end(t, last, 0) != r2)
        return r2;
    size_t s = r;
    while (s < last)
        s = group_end(t, s, 0);
    return s == last ? last : r2;
}

/* What a table needs on the page it starts on: its repeated header and its
 * first body group (a group of kept rows whole when it fits a frame under
 * the header; a single row, or its first 60 pt when it is taller, since
 * tall rows split).  *whole: the table ends with that group, so what the
 * table is kept with must fit beside it too. */
static rg_mpt table_start(const rg_pager *p, const rg_table_layout *t, int *whole)
{
    size_t hr = repeated_header_rows(p, t);
    rg_mpt head = rows_height(t, 0, hr);
    *whole = 1;
    if (hr >= t->nrows)
        return head;
    if (t->together) /* kept together (flow.c checked that it fits a page) */
        return rows_height(t, 0, t->nrows);
    size_t r2 = group_end(t, hr, 1);
    rg_mpt group = rows_height(t, hr, r2), frame = p->bottom - p->top;
    size_t sp = r2 - hr > 1 ? group_split(t, hr, r2, frame - head) : r2;
    if (sp < r2) {
        *whole = 0;
        return head + rows_height(t, hr, sp) + (t->row_h[sp] > RG_PT(60) ? RG_PT(60) : t->row_h[sp]);
    }
    if (r2 - hr > 1 && head + group <= frame) {
        *whole = r2 == t->nrows;
        return head + group;
    }
    rg_mpt first = t->row_h[hr];
    *whole = r2 == t->nrows && first <= RG_PT(60);
    return head + (first > RG_PT(60) ? RG_PT(60) : first);
}

/* Place a table at x.  tail: the height of what the table is kept with
 * (its conclusion line), which must go on the page of its last rows; 0
 * for none. */
static int place_table(rg_pager *p, const rg_table_layout *t, rg_mpt x, rg_mpt before,
                       rg_mpt tail)
{
    size_t hr = repeated_header_rows(p, t);
    rg_mpt head = rows_height(t, 0, hr);
    int whole;
    rg_mpt start = table_start(p, t, &whole);
    if (whole && start + tail <= p->bottom - p->top)
        start += tail;
    else if (whole)
        tail = 0; /* the table and its tail do not fit one page: break normally */
    /* Start on a new page when not even the header and the first group
     * (or its first lines) fit. */
    rg_mpt y0 = p->y == p->top ? p->y : p->y + before;
    if (!p->page || (y0 + start > p->bottom && p->y > p->top)) {
        if (pager_new_page(p))
            return -1;
        y0 = p->y;
    }
    p->y = y0;
    if (hr) {
        if (draw_rows(p, t, 0, hr, x, p->y))
            return -1;
        p->y += head;
    }
    rg_mpt fresh = p->y; /* y right under the header on this page */

    /* Per-cell progress for split rows: index of the next strip. */
    size_t *next = NULL, *take = NULL;
    size_t cap = 0, cap2 = 0;
    rg_context *ctx = p->pages->ctx;
    if (rg_grow(ctx, (void **)&next, &cap, t->ncells ? t->ncells : 1, sizeof *next) ||
        rg_grow(ctx, (void **)&take, &cap2, t->ncells ? t->ncells : 1, sizeof *take)) {
        rg_free(ctx, next);
        return -1;
    }
    memset(next, 0, t->ncells * sizeof *next);

    size_t r = hr;
    int rc = -1;
    while (r < t->nrows) {
        /* Every step places or splits row r (or starts a page, then the
         * next step places): 1 + its cells, so the bound sees the pager's
         * work too and a walk over the whole table per row cannot hide. */
        if (p->work_left) {
            size_t cost = 1 + t->row_first[r + 1] - t->row_first[r];
            if (*p->work_left < cost) {
                *p->work_left = 0;
                goto done;
            }
            *p->work_left -= cost;
        }
        /* The group of rows joined by row spans or kept with the next. */
        size_t r2 = group_end(t, r, 1);
        int started = 0;
        for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++)
            if (next[t->by_row[k]])
                started = 1;
        rg_mpt avail = p->bottom - p->y;
        if (!started) {
            rg_mpt h = rows_height(t, r, r2);
            /* The last group goes with the table's tail, when the two fit
             * under the header of a page. */
            rg_mpt kept = r2 == t->nrows && h + tail <= p->bottom - p->top - head ? tail : 0;
            if (h + kept <= avail) {
                if (draw_rows(p, t, r, r2, x, p->y))
                    goto done;
                p->y += h;
                r = r2;
                continue;
            }
            /* A group ending with a row that splits: the rows before it
             * go here when that row's first lines fit beside them. */
            size_t sp = r2 - r > 1 ? group_split(t, r, r2, p->bottom - fresh) : r2;
            if (sp < r2 && rows_height(t, r, sp) + (t->row_h[sp] > RG_PT(60) ? RG_PT(60)
                                                                          : t->row_h[sp]) <= avail) {
                if (draw_rows(p, t, r, sp, x, p->y))
                    goto done;
                p->y += rows_height(t, r, sp);
                r = sp;
                continue;
            }
            /* Groups of rows, rows short enough to move whole (at most a
             * third of the frame), and the last rows that fit but not with
             * the tail go to the next page rather than split; at the top
             * of a page, where moving would not help, groups and those last
             * rows are drawn whole. */
            int at_top = p->y == fresh;
            if (!at_top && (r2 - r > 1 || h <= (p->bottom - fresh) / 3 || (kept && h <= avail) ||
                            t->together)) {
                if (table_new_page(p, t, hr, x))
                    goto done;
                fresh = p->y;
                continue;
            }
            /* A kept group taller than the page breaks normally; rows
             * joined by a row span stay whole. */
            size_t r1 = r2 - r > 1 ? group_end(t, r, 0) : r2;
            if (r1 < r2) {
                r2 = r1;
                h = rows_height(t, r, r2);
            }
            if (r2 - r > 1 || h <= avail) {
                if (draw_rows(p, t, r, r2, x, p->y))
                    goto done;
                p->y += h;
                r = r2;
                continue;
            }
        }
        /* A single row, split or continuing: what is left of each cell. */
        rg_mpt need = 0;
        for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++) {
            size_t i = t->by_row[k];
            const rg_tcell *c = &t->cells[i];
            rg_mpt h = content_span(c, next[i], c->content.n) + 2 * t->pad_y;
            if (h > need)
                need = h;
        }
        if (started && need <= avail) {
            for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++)
                take[t->by_row[k]] = t->cells[t->by_row[k]].content.n;
            if (draw_piece(p, t, r, x, next, take, need))
                goto done;
            p->y += need;
            r++;
            continue;
        }
        /* Split: each cell takes the strips that fit (take[i]). */
        rg_mpt room = avail - 2 * t->pad_y;
        rg_mpt piece = 0;
        int progress = 0;
        for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++) {
            size_t i = t->by_row[k];
            const rg_tcell *c = &t->cells[i];
            size_t j = next[i];
            while (j < c->content.n && content_span(c, next[i], j + 1) <= room)
                j++;
            /* Do not leave a strip kept with the next at the bottom: the
             * chain (a heading and its first line, a target table's rows
             * and its conclusion) goes on together, as long as the piece
             * keeps a strip. */
            while (j > next[i] + 1 && j < c->content.n && c->content.items[j - 1].keep_next)
                j--;
            take[i] = j;
            progress |= j > next[i];
        }
        if (!progress && p->y != fresh) {
            if (table_new_page(p, t, hr, x))
                goto done;
            fresh = p->y;
            continue;
        }
        for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++) {
            size_t i = t->by_row[k];
            const rg_tcell *c = &t->cells[i];
            if (!progress && take[i] == next[i] && take[i] < c->content.n)
                take[i]++; /* a strip taller than a page: place it anyway */
            rg_mpt h = content_span(c, next[i], take[i]);
            if (h > piece)
                piece = h;
        }
        piece += 2 * t->pad_y;
        if (piece < avail && progress)
            piece = avail; /* the piece fills the page, borders to the bottom */
        if (draw_piece(p, t, r, x, next, take, piece))
            goto done;
        p->y += piece;
        int finished = 1;
        for (size_t k = t->row_first[r]; k < t->row_first[r + 1]; k++)
            if (next[t->by_row[k]] < t->cells[t->by_row[k]].content.n)
                finished = 0;
        if (finished) {
            r++;
            continue;
        }
        if (table_new_page(p, t, hr, x))
            goto done;
        fresh = p->y;
    }
    rc = 0;
done:
    rg_free(ctx, next);
    rg_free(ctx, take);
    return rc;
}

/* ---- vlists ------------------------------------------------------------------- */

/* The height items i, i+1, ... chained by keep_next need on one page: each
 * item's space above (but i's) and its strip, or for a table what it needs
 * where it starts (table_start) and, when that is the whole table and the
 * table is kept with the next, what follows it.  The walk stops once the
 * chain is taller than the frame (the keep cannot be honoured then), so it
 * costs at most a frame's worth of items. */
static rg_mpt chain_height(const rg_pager *p, const rg_vlist *v, size_t i)
{
    rg_mpt h = 0, frame = p->bottom - p->top;
    for (size_t j = i; j < v->n; j++) {
        const rg_vitem *it = &v->items[j];
        if (it->page_break)
            break;
        if (j > i)
            h += it->before;
        int whole = 1;
        h += it->table ? table_start(p, it->table, &whole) : it->strip.h;
        if (!whole || !it->keep_next || h > frame)
            break;
    }
    return h;
}

int pager_place(rg_pager *p, const rg_vlist *v)
{
    if (!p->page && pager_new_page(p))
        return -1;
    for (size_t i = 0; i < v->n; i++) {
        const rg_vitem *it = &v->items[i];
        if (it->page_break) {
            /* <page-break/>: a new page, unless this one is still empty */
            if (p->y > p->top && pager_new_page(p))
                return -1;
            continue;
        }
        if (it->table) {
            rg_mpt tail = it->keep_next && i + 1 < v->n
                              ? v->items[i + 1].before + chain_height(p, v, i + 1)
                              : 0;
            if (place_table(p, it->table, p->left + it->x, it->before, tail))
                return -1;
            continue;
        }
        /* The chain of items kept with this one. */
        rg_mpt chain = chain_height(p, v, i);
        rg_mpt before = p->y == p->top ? 0 : it->before;
        if (p->y + before + chain > p->bottom && p->y > p->top) {
            if (pager_new_page(p))
                return -1;
            before = 0;
        }
        p->y += before;
        if (place_strip(p, &it->strip, p->left, p->y))
            return -1;
        p->y += it->strip.h;
    }
    return 0;
}
