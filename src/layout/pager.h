/* pager.h - pagination: finished vlists onto pages.  The pager only
 * moves boxes (strips, table rows with their borders and repeated
 * headers); it decides page breaks, never a line or a width. */
#ifndef RG_LAYOUT_PAGER_H
#define RG_LAYOUT_PAGER_H

#include "layout/vlist.h"

/* Where content goes: the page list and the frame on the current page. */
typedef struct rg_pager {
    rg_pages *pages;
    rg_page *page;         /* current page, NULL before the first */
    rg_mpt page_w, page_h;
    rg_mpt left, top, bottom; /* frame: content from top to bottom at x = left */
    rg_mpt y;              /* next free y on the current page */
    size_t first_page;     /* index of the form's first page */
    size_t *work_left;     /* the form's layout work budget (layout_charge): placing a
                              table row costs 1 + its cells; NULL: unbounded */
} rg_pager;

/* Start a new page. */
int pager_new_page(rg_pager *p);
/* Place a vlist, breaking pages as needed. */
int pager_place(rg_pager *p, const rg_vlist *v);

/* Copy a strip's boxes onto the current page at (x, y). */
int place_strip(rg_pager *p, const rg_strip *s, rg_mpt x, rg_mpt y);

#endif
