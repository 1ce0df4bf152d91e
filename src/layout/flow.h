/* flow.h - building: model blocks and inline content -> vertical lists.
 *
 * A builder works in an rg_lctx: the text resources and this thread's
 * text state, the arena the strips live in, the form's template and the
 * work budget.  Paragraphs become one strip per line (flow.c), formulas
 * one strip (formula.c), tables a table item or, nested, one strip per
 * row (table.h).  The data is vlist.h's; pagination is pager.h's. */
#ifndef RG_LAYOUT_FLOW_H
#define RG_LAYOUT_FLOW_H

#include "load/template.h"
#include "layout/vlist.h"
#include "layout/words.h"
#include "model/model.h"
#include "text/textres.h"

/* Everything a builder needs. */
struct rg_lctx {
    const rg_textres *text; /* fonts (shared, read-only) */
    rg_context *ctx;
    rg_textstate *ts;       /* this thread's text state */
    rg_arena *arena;        /* where strips, boxes and texts live (the pages' arena) */
    const rg_template *tpl;
    const char *file;       /* the source, for diagnostics */
    rg_rounding rounding;   /* the source's (a working says how its result was rounded) */
    rg_mpt size;            /* current font size */
    unsigned style;         /* RG_STYLE_* added to all text (bold in header cells) */
    size_t *work_left;      /* layout work still allowed, shared by every copy of this
                               context (layout_charge); NULL: unbounded */
    const char *scope;      /* prefix that makes the form's named destinations ("#evidence-3")
                               unique in the PDF; NULL: none */
};

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

/* The frame height of the template's pages: what one page holds (a
 * picture may fill it; a kept block taller than it cannot be kept). */
rg_mpt flow_frame_height(const rg_lctx *lc);


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

/* ---- shared by the builders of layout/ ------------------------------------- */

/* Flatten the TEXT and BREAK items [from, to) of items into one string
 * with styled spans (at size, with extra_style added), in the arena. */
int flow_inline_text(rg_lctx *lc, const rg_inline *items, size_t from, size_t to, rg_mpt size,
                     unsigned extra_style, char **text, size_t *len, rg_span **spans,
                     size_t *nspans);
/* Ascent, descent and line height (times the template's line spacing) of
 * the regular face at size. */
void flow_line_metrics(const rg_lctx *lc, rg_mpt size, rg_mpt *asc, rg_mpt *desc, rg_mpt *h);

#endif
