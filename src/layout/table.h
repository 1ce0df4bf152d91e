/* table.h - tables: columns plus cells whose content is a vlist of
 * strips (a table nested in a cell is flattened into strips, one per
 * nested row).  Rows split between strips of their cells, so a cell taller
 * than a page continues on the next, and header rows are drawn again on
 * every page the table continues on (pager.h). */
#ifndef RG_LAYOUT_TABLE_H
#define RG_LAYOUT_TABLE_H

#include "layout/flow.h"

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
    unsigned char *keep_with_next; /* NULL, or per row: 1 = never a page break between
                                      this row and the next (a group's heading row) */
    int together;         /* keep="together": the whole table on one page when it fits */
    rg_mpt pad_x, pad_y;  /* cell padding */
    rg_mpt border;        /* border line width; 0 for none */
};

/* Spec of a table to build from parts (forms use this for their fixed
 * tables; model tables go through flow_table).  Written with designated
 * initializers, naming only what differs from zero:
 *   (rg_tspec_cell){.row = 0, .col = 1, .align = RG_ALIGN_CENTER,
 *                   .valign = RG_CELL_MIDDLE, .bold = 1, .text = cap}
 * (a rowspan or colspan of 0 is 1). */
enum { RG_CELL_ALIGN_DEFAULT = -1 };  /* align: the paragraphs' own, else left */
enum { RG_CELL_TOP = 0, RG_CELL_MIDDLE = 1, RG_CELL_BOTTOM = 2 };
typedef struct rg_tspec_cell {
    int row, col, rowspan, colspan; /* spans: 0 or 1 is one row or column */
    int align;             /* rg_align for the cell's paragraphs, or RG_CELL_ALIGN_DEFAULT */
    int valign;            /* RG_CELL_TOP (0), RG_CELL_MIDDLE or RG_CELL_BOTTOM */
    int bold;              /* header look */
    const rg_blocks *blocks;   /* content: one of blocks, inl, text, mark */
    const rg_inlines *inl;
    const char *text;
    int mark;              /* 1: a ✓ centred in the cell */
    const rg_vlist *content; /* prebuilt strips (laid out at the cell's width) */
} rg_tspec_cell;

/* The two cells the forms use most: a header cell (bold text centred both
 * ways) and a value cell (text centred both ways). */
static inline rg_tspec_cell tcell_head(int row, int col, const char *text)
{
    return (rg_tspec_cell){.row = row, .col = col, .align = RG_ALIGN_CENTER,
                           .valign = RG_CELL_MIDDLE, .bold = 1, .text = text};
}
static inline rg_tspec_cell tcell_centred(int row, int col, const char *text)
{
    return (rg_tspec_cell){.row = row, .col = col, .align = RG_ALIGN_CENTER,
                           .valign = RG_CELL_MIDDLE, .text = text};
}

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

#endif
