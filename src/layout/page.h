/* page.h - the layout stage's output: finished pages of positioned boxes.
 *
 * This is the only thing the PDF writer sees (like Typst's frames or a
 * MuPDF device's calls): glyph runs, rules, rectangles, check marks and
 * links, each at an absolute position.  The writer decides nothing about
 * placement; layout never calls libharu.
 *
 * Coordinates: millipoints, origin at the page's top-left corner, y grows
 * downwards.  A glyph run's y is its baseline.  All memory (boxes, glyph
 * copies, strings) lives in the page list's arena. */
#ifndef RG_LAYOUT_PAGE_H
#define RG_LAYOUT_PAGE_H

#include "text/text.h"

typedef enum rg_box_kind {
    BOX_GLYPHS, /* a run of shaped glyphs in one font */
    BOX_RULE,   /* a straight line */
    BOX_RECT,   /* a filled and/or stroked rectangle */
    BOX_MARK,   /* a vector symbol: ✓, ☐, ☑ */
    BOX_LINK,   /* a clickable area with a URI, or "#name": a named destination */
    BOX_IMAGE,  /* a picture scaled into a rectangle */
    BOX_ANCHOR, /* a named destination (an evidence item); draws nothing */
    BOX_ATTACH  /* a file's attachment icon (drawn where the PDF embeds files) */
} rg_box_kind;

struct rg_file; /* model.h: a file a source names */

typedef enum rg_mark_kind { MARK_CHECK, MARK_BOX, MARK_BOX_CHECKED } rg_mark_kind;

typedef struct rg_box_glyphs {
    rg_mpt x, y;            /* pen start on the baseline */
    rg_font *font;          /* borrowed; the engine keeps it alive */
    rg_mpt size;            /* font size */
    uint32_t color;         /* 0xRRGGBB */
    const rg_glyph *glyphs; /* n glyphs; clusters are byte offsets into text */
    const rg_mpt *extra;    /* n extra advances (justification), or NULL */
    size_t n;
    const char *text;       /* the source text the clusters index into */
    size_t text_start;      /* byte range of text shown by this run */
    size_t text_end;
} rg_box_glyphs;

typedef struct rg_box {
    rg_box_kind kind;
    union {
        rg_box_glyphs glyphs;
        struct {
            rg_mpt x0, y0, x1, y1; /* end points */
            rg_mpt width;          /* line width */
            uint32_t color;
        } rule;
        struct {
            rg_mpt x, y, w, h;     /* top-left corner and size */
            int fill, stroke;      /* what to paint */
            uint32_t fill_color, stroke_color;
            rg_mpt width;          /* stroke width */
        } rect;
        struct {
            rg_mpt x, y, size;     /* top-left corner of the symbol's square */
            rg_mark_kind kind;
        } mark;
        struct {
            rg_mpt x, y, w, h;
            const char *uri;
        } link;
        struct {
            rg_mpt x, y, w, h;           /* where the picture goes (top-left, size) */
            const struct rg_file *file;  /* the picture, owned by its document */
            const char *source;          /* the source naming it, for diagnostics */
            int line, col;               /* the <figure> or <sign> there */
        } image;
        struct {
            rg_mpt x, y;                 /* the destination's top-left */
            const char *name;            /* unique in the PDF */
            const char *title;           /* its outline entry where files are embedded
                                            (an evidence file), or NULL */
        } anchor;
        struct {
            rg_mpt x, y, w, h;           /* the icon's rectangle */
            const struct rg_file *file;  /* the file, owned by its document */
            const char *desc;            /* what it is (the evidence title) */
        } attach;
    } u;
} rg_box;

typedef struct rg_page {
    rg_mpt width, height; /* media box */
    rg_box *boxes;        /* in painting order */
    size_t nboxes, cap;
} rg_page;

/* The document's pages and metadata, owned by one arena. */
typedef struct rg_pages {
    rg_context *ctx;      /* allocator for the growable arrays */
    rg_arena arena;       /* boxes' glyph copies and strings */
    rg_page *pages;
    size_t npages, cap;
    const char *title, *author, *subject, *keywords; /* document info, may be NULL */
    size_t base;          /* pages already handed on and dropped (pages_reset) */
    size_t max_pages;     /* bound on base + npages; 0: RG_MAX_PAGES */
} rg_pages;

/* Most pages one PDF may have unless the caller sets a lower bound: a
 * backstop on output size and render time whatever the input (README
 * "Guarantees").  Official reports have tens; a year's archive of a
 * thousand forms some five thousand. */
#define RG_MAX_PAGES 100000

/* The page bound in force for p. */
size_t pages_limit(const rg_pages *p);

void pages_init(rg_pages *p, rg_context *ctx);
void pages_free(rg_pages *p);
/* Drop every page and the arena's contents, keeping the document info and
 * the page array's storage (for writing a long document form by form). */
void pages_reset(rg_pages *p);
/* Append a blank page; returns it, or NULL when out of memory or when
 * pages_limit() pages (counting those dropped by pages_reset) are there (callers tell the two apart by npages and
 * report the limit with their position).  The pointer is valid until the
 * next pages_add. */
rg_page *pages_add(rg_pages *p, rg_mpt width, rg_mpt height);
/* Make b (a BOX_RECT) the outline of the rectangle at (x, y), w by h,
 * stroked at width: a table cell's border. */
void box_frame(rg_box *b, rg_mpt x, rg_mpt y, rg_mpt w, rg_mpt h, rg_mpt width);
/* Move a box by (dx, dy), whatever its kind. */
void box_shift(rg_box *b, rg_mpt dx, rg_mpt dy);
/* Append a box to a page; returns it zeroed except kind, or NULL. */
rg_box *page_add_box(rg_pages *p, rg_page *page, rg_box_kind kind);
/* Place a typeset line's runs at (x, baseline) on a page, copying nothing
 * (the line must live in p's arena or longer). */
int page_add_line(rg_pages *p, rg_page *page, const rg_line *line, const char *text, rg_mpt x,
                  rg_mpt baseline);
/* Text dump of all pages and boxes (for tests and debugging). */
void pages_dump(const rg_pages *p, rg_buf *out);

#endif
