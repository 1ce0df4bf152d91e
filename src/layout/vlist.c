/* vlist.c - growing strips and vertical lists in the layout arena.
 *
 * Arenas do not free: a list grows by copying into a block twice the size
 * (the old block is reclaimed with the arena), so a list of n items costs
 * at most 2n items of arena. */
#include "layout/table.h"

#include <string.h>

rg_vitem *vlist_push(rg_lctx *lc, rg_vlist *v)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 2;
        rg_vitem *items = arena_alloc(lc->arena, cap * sizeof *items);
        if (!items)
            return NULL;
        if (v->n)
            memcpy(items, v->items, v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    rg_vitem *it = &v->items[v->n++];
    memset(it, 0, sizeof *it);
    return it;
}

rg_box *strip_add(rg_lctx *lc, rg_strip *s, rg_box_kind kind)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 2;
        rg_box *b = arena_alloc(lc->arena, cap * sizeof *b);
        if (!b)
            return NULL;
        if (s->n)
            memcpy(b, s->boxes, s->n * sizeof *b);
        s->boxes = b;
        s->cap = cap;
    }
    rg_box *b = &s->boxes[s->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

rg_mpt vlist_height(const rg_vlist *v)
{
    rg_mpt h = 0;
    for (size_t i = 0; i < v->n; i++) {
        const rg_vitem *it = &v->items[i];
        h += it->before;
        if (it->table)
            for (size_t r = 0; r < it->table->nrows; r++)
                h += it->table->row_h[r];
        else
            h += it->strip.h;
    }
    return h;
}
