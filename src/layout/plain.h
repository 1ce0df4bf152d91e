/* plain.h - plain-text layout: paragraphs flowed down A4 pages.  The text
 * engine's workbench (raingan typeset) and the simplest user of the stage. */
#ifndef RG_LAYOUT_PLAIN_H
#define RG_LAYOUT_PLAIN_H

#include "layout/page.h"
#include "text/textres.h"

/* The page plain_layout uses (official Thai norm: A4, margins left 3 cm,
 * right 2 cm, top 2.5 cm, bottom 2 cm), in millipoints, and the gap it
 * leaves between paragraphs set at size.  Tools that predict where
 * plain_layout puts a glyph (tests/tools/textdump.c) read them here
 * rather than copying them. */
#define PLAIN_PAGE_W RG_PT(595.276)
#define PLAIN_PAGE_H RG_PT(841.89)
#define PLAIN_MARGIN_L RG_PT(85.039)
#define PLAIN_MARGIN_R RG_PT(56.693)
#define PLAIN_MARGIN_T RG_PT(70.866)
#define PLAIN_MARGIN_B RG_PT(56.693)
#define PLAIN_PARA_GAP(size) ((size) / 2)

/* A walk over the paragraphs of a text; start it as {0, 1}. */
typedef struct plain_para {
    size_t pos;      /* where the next search starts (the last paragraph's end) */
    int line;        /* the line number (1-based) of text[pos] */
    size_t start;    /* the paragraph found: bytes [start, end) */
    size_t end;
    int start_line;  /* the line number of text[start] */
} plain_para;

/* Find the next paragraph of text[0, len) from it->pos: blank lines are
 * skipped; a paragraph ends before a newline followed by a line of only
 * spaces, tabs and CRs, or at the end of the text (a single newline stays
 * inside, as a hard break).  Returns 0 when no paragraph is left. */
int plain_next_paragraph(const char *text, size_t len, plain_para *it);

/* Lay out UTF-8 text (paragraphs separated by blank lines; a single
 * newline is a hard line break) onto A4 pages appended to pages.  The text
 * is copied into the pages' arena.  Returns 0 or -1 (diagnostic in ctx). */
int plain_layout(const rg_textres *tr, rg_textstate *ts, rg_context *ctx, const char *file,
                 const char *text, size_t len, const rg_typeset_options *opts, rg_pages *pages);

#endif
