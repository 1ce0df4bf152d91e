/* flow.h - block layout: model blocks -> vertical lists -> pages.
 *
 * The model (TeX's vertical list, simplified):
 *
 *   - A strip is an unbreakable horizontal slice of content (one line of
 *     a paragraph, a formula, a list label with its first line) holding
 *     boxes positioned relative to its top-left corner.
 *   - A vlist is a sequence of items: strips, and at the top level tables.
 *     Items carry the space above them (dropped at the top of a page) and
 *     whether they must stay on the page of the next item (headings with
 *     what follows, first two and last two lines of a paragraph).
 *   - A table is columns plus cells; every cell's content is itself a
 *     vlist of strips (a table nested in a cell is flattened into strips,
 *     one per nested row).  Rows split between strips of their cells, so
 *     a cell taller than a page continues on the next, and header rows are
 *     drawn again on every page the table continues on.
 *
 * Building (flow_*.c) needs the text resources, a text state and the template; pagination
 * (paginate.c) only moves finished boxes onto pages. */
#ifndef RG_LAYOUT_FLOW_H
#define RG_LAYOUT_FLOW_H

#include "layout/page.h"
#include "layout/template.h"
#include "model/model.h"
#include "text/textres.h"

typedef struct rg_table_layout rg_table_layout;

/* One unbreakable slice. */
typedef struct rg_strip {
    rg_mpt h;          /* height */
    rg_box *boxes;     /* positioned relative to the strip's top-left, in the arena */
    size_t n, cap;
} rg_strip;

/* An item of a vertical list. */
typedef struct rg_vitem {
    rg_mpt before;           /* space above, dropped at the top of a page */
    int keep_next;           /* no page break between this and the next item */
    rg_strip strip;          /* when table is NULL */
    rg_table_layout *table;  /* a table (top-level lists only) */
    rg_mpt x;                /* horizontal offset of the item within its list */
} rg_vitem;

typedef struct rg_vlist {
    rg_vitem *items;  /* in the arena (grown by copying; arenas do not free) */
    size_t n, cap;
} rg_vlist;

/* One cell of a laid-out table. */
typedef struct rg_tcell {
    int row, col;        /* top-left grid position */
    int rowspan, colspan;
    int valign;          /* 0 top, 1 middle, 2 bottom */
    rg_vlist content;    /* strips only */
    rg_mpt content_h;    /* sum of the strips and their spacing */
} rg_tcell;

struct rg_table_layout {
    size_t ncols, nrows;
    rg_mpt *col_x;        /* ncols + 1 edges, relative to the table's left */
    rg_mpt width;         /* col_x[ncols] */
    rg_tcell *cells;      /* in row order */
    size_t ncells;
    size_t *by_row;       /* cell indices sorted by top row (stable): the cells starting
                             in rows [r0, r1) are by_row[row_first[r0] .. row_first[r1]) */
    size_t *row_first;    /* nrows + 1 offsets into by_row, so every walk over a row's
                             cells costs that row's cells, not the table's (pagination
                             was O(rows x cells): 99,000 rows took 40 s) */
    rg_mpt *row_h;        /* natural height of each row */
    int header_rows;      /* repeated on every page */
    rg_mpt pad_x, pad_y;  /* cell padding */
    rg_mpt border;        /* border line width; 0 for none */
};

/* Everything a builder needs. */
typedef struct rg_lctx {
    const rg_textres *text; /* fonts (shared, read-only) */
    rg_context *ctx;
    rg_textstate *ts;       /* this thread's text state */
    rg_arena *arena;        /* where strips, boxes and texts live (the pages' arena) */
    const rg_template *tpl;
    const char *file;       /* the source, for diagnostics */
    rg_mpt size;            /* current font size */
    unsigned style;         /* RG_STYLE_* added to all text (bold in header cells) */
    size_t *work_left;      /* layout work still allowed, shared by every copy of this
                               context (layout_charge); NULL: unbounded */
    const char *scope;      /* prefix that makes the form's named destinations ("#evidence-3")
                               unique in the PDF; NULL: none */
} rg_lctx;

/* Layout-only style flags beside the model's RG_STYLE_*: no line break
 * inside the run (phone numbers), or only at its spaces (names). */
enum { RG_STYLE_NOBREAK = 8, RG_STYLE_NAME = 16 };

/* Bound on the layout work of one document, in units of one byte of text
 * laid out (a paragraph or a table cell costs LAYOUT_ITEM_COST more).
 * Layout is linear except that auto-width table columns lay their cells
 * out twice (to measure, then at the final width), so tables nested in
 * auto columns cost 2^depth: 60 nested tables of one word ran for minutes
 * and took 24 GB.  The bound is 4 times the largest text a source may
 * hold: a source within its own bounds (4 MiB of text, 200,000 elements)
 * laid out with one level of auto tables stays below it. */
#define RG_MAX_LAYOUT_WORK ((size_t)16 << 20)
/* Added to a document's budget for each of its forms: a form's template
 * labels are laid out for every form (a plain indicator form costs about
 * 2,700 units), so 10,000 plain indicators, within every bound of their
 * source, were refused at form 6,321 by a budget meant for nested tables. */
#define RG_LAYOUT_WORK_PER_FORM ((size_t)4 << 10)
#define LAYOUT_ITEM_COST 16

/* Take n units of work from lc's budget.  Returns 0, or -1 once the budget
 * is spent (the caller fails; document_layout reports too-complex). */
int layout_charge(rg_lctx *lc, size_t n);

/* Text look for a run of inline content. */
typedef struct rg_textstyle {
    rg_mpt size;
    unsigned style;  /* RG_STYLE_* */
    rg_align align;
    rg_mpt indent;   /* first-line indent */
} rg_textstyle;

/* ---- building --------------------------------------------------------------- */

/* Append an item with a fresh empty strip; NULL when out of memory. */
rg_vitem *vlist_push(rg_lctx *lc, rg_vlist *v);
/* Add a box to a strip. */
rg_box *strip_add(rg_lctx *lc, rg_strip *s, rg_box_kind kind);
/* Total height of a vlist (strips, spacing and tables), counting the
 * first item's space. */
rg_mpt vlist_height(const rg_vlist *v);

/* Lay out inline content as a paragraph of width w; one strip per line,
 * appended to v at x.  Fractions make a single-line formula instead. */
int flow_inlines(rg_lctx *lc, rg_vlist *v, const rg_inlines *in, const rg_textstyle *ts,
                 rg_mpt x, rg_mpt w, rg_mpt before);
/* Lay out a plain UTF-8 string (labels, captions, computed values). */
int flow_text(rg_lctx *lc, rg_vlist *v, const char *text, const rg_textstyle *ts, rg_mpt x,
              rg_mpt w, rg_mpt before);
/* Lay out blocks.  nested: tables become strips (inside table cells). */
int flow_blocks(rg_lctx *lc, rg_vlist *v, const rg_blocks *b, rg_mpt x, rg_mpt w, int nested,
                rg_mpt before);

/* Lay out a list; firsts (NULL, or l->count entries) receives the index in
 * v of each item's first strip. */
int flow_list(rg_lctx *lc, rg_vlist *v, const rg_list *l, rg_mpt x, rg_mpt w, int nested,
              rg_mpt before, size_t *firsts);

/* ---- tables ------------------------------------------------------------------ */

/* Spec of a table to build from parts (forms use this for their fixed
 * tables; model tables go through flow_table). */
typedef struct rg_tspec_cell {
    int row, col, rowspan, colspan;
    int align;             /* rg_align for the cell's paragraphs, -1 default */
    int valign;            /* 0 top, 1 middle, 2 bottom */
    int bold;              /* header look */
    const rg_blocks *blocks;   /* content: one of blocks, inl, text, mark */
    const rg_inlines *inl;
    const char *text;
    int mark;              /* 1: a ✓ centred in the cell */
    const rg_vlist *content; /* prebuilt strips (laid out at the cell's width) */
} rg_tspec_cell;

/* Build a table of ncols columns whose widths come from specs (format.md
 * syntax, e.g. "2.6cm 1*"; NULL: auto), total width w. */
rg_table_layout *table_build(rg_lctx *lc, const char *widths, const rg_width *wspec,
                             size_t nwspec, size_t ncols, size_t nrows,
                             const rg_tspec_cell *cells, size_t ncells, int header_rows,
                             rg_mpt w);
/* A model table. */
rg_table_layout *flow_table(rg_lctx *lc, const rg_table *t, rg_mpt w);
/* Append a table to v: as one item (top level) or flattened into strips,
 * one per row (nested). */
int vlist_add_table(rg_lctx *lc, rg_vlist *v, rg_table_layout *t, rg_mpt x, int nested,
                    rg_mpt before);

/* ---- pagination ------------------------------------------------------------ */

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
