/* vlist.h - the layout stage's intermediate data: strips and vertical
 * lists (TeX's vertical list, simplified).
 *
 *   - A strip is an unbreakable horizontal slice of content (one line of
 *     a paragraph, a formula, a list label with its first line) holding
 *     boxes positioned relative to its top-left corner.
 *   - A vlist is a sequence of items: strips, and at the top level tables
 *     (table.h).  Items carry the space above them (dropped at the top of
 *     a page) and whether they must stay on the page of the next item
 *     (headings with what follows, first two and last two lines of a
 *     paragraph).
 *
 * Builders (flow.h, table.h, the forms) make them; the pager (pager.h)
 * moves their finished boxes onto pages. */
#ifndef RG_LAYOUT_VLIST_H
#define RG_LAYOUT_VLIST_H

#include "layout/page.h"

typedef struct rg_table_layout rg_table_layout;
typedef struct rg_lctx rg_lctx;

/* One unbreakable slice. */
typedef struct rg_strip {
    rg_mpt h;          /* height */
    rg_box *boxes;     /* positioned relative to the strip's top-left, in the arena */
    size_t n, cap;
} rg_strip;

/* An item of a vertical list. */
typedef struct rg_vitem {
    rg_mpt before;           /* space above, dropped at the top of a page */
    int keep_next;           /* no page break between this and the next item (a
                                table: between its last row and the next item) */
    int page_break;          /* an empty item: what follows starts a new page
                                (<page-break/>); nothing on a page still empty */
    rg_strip strip;          /* when table is NULL */
    rg_table_layout *table;  /* a table (top-level lists only) */
    rg_mpt x;                /* horizontal offset of the item within its list */
} rg_vitem;

typedef struct rg_vlist {
    rg_vitem *items;  /* in the arena (grown by copying; arenas do not free) */
    size_t n, cap;
} rg_vlist;

/* Append an item with a fresh empty strip; NULL when out of memory. */
rg_vitem *vlist_push(rg_lctx *lc, rg_vlist *v);
/* Add a box to a strip. */
rg_box *strip_add(rg_lctx *lc, rg_strip *s, rg_box_kind kind);
/* Total height of a vlist (strips, spacing and tables), counting the
 * first item's space. */
rg_mpt vlist_height(const rg_vlist *v);

#endif
