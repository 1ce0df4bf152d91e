/* text.h - the text stage's plain data: styled spans in, shaped lines out.
 *
 * Units: every length here is in millipoints (mpt, 1/1000 pt), the one
 * layout unit of raingan, as int32_t, except glyph advances and offsets,
 * which stay in the font's units exactly as HarfBuzz returned them (the
 * PDF writer places them without rounding).  A glyph run's extent in mpt is
 * advance * size / upem. */
#ifndef RG_TEXT_TEXT_H
#define RG_TEXT_TEXT_H

#include "raingan.h"
#include "text/breaker.h"
#include "text/font.h"
#include "util/arena.h"
#include "util/units.h"

/* How a stretch of text looks.  Fonts and strings are borrowed. */
typedef struct rg_style {
    rg_font *font;     /* primary font for this span */
    rg_mpt size;       /* font size */
    uint32_t color;    /* 0xRRGGBB */
    int underline;     /* draw an underline */
    const char *href;  /* link target, or NULL */
    int nobreak;       /* 1: no line break inside this span (phone numbers);
                          2: personal names: no break inside the name when it
                          fits the measure, else none inside a space-separated
                          part of up to 24 characters */
} rg_style;

/* A byte range of the paragraph text with one style.  Spans are in order
 * and cover the text without gaps. */
typedef struct rg_span {
    size_t start, end;  /* byte range [start, end) */
    rg_style style;     /* look of the range */
} rg_span;

/* One shaped glyph.  cluster is the byte offset of the first character of
 * its cluster in the paragraph text; glyphs of one cluster are adjacent. */
typedef struct rg_glyph {
    uint32_t gid;      /* glyph id in its run's font */
    int32_t x_adv;     /* advance, font units */
    int32_t x_off;     /* offset from the pen, font units */
    int32_t y_off;     /* offset, font units, y up */
    uint32_t cluster;  /* byte offset into the paragraph text */
    int unsafe;        /* HarfBuzz: unsafe to break before this glyph */
} rg_glyph;

/* A run of glyphs in one font and style, placed on a line. */
typedef struct rg_line_run {
    rg_font *font;        /* borrowed */
    const rg_style *style;/* borrowed from the input spans */
    rg_mpt x;             /* pen start, from the line's left edge */
    rg_mpt width;         /* advance of the run including extra spacing */
    rg_glyph *glyphs;     /* n glyphs, in the layout arena */
    rg_mpt *extra;        /* n extra spacings after each glyph (justification), or NULL */
    size_t n;             /* number of glyphs */
    size_t text_start;    /* byte range of the paragraph text the run shows */
    size_t text_end;
} rg_line_run;

/* One line of a paragraph. */
typedef struct rg_line {
    rg_line_run *runs;  /* in visual (= logical, LTR) order */
    size_t nruns;
    rg_mpt width;       /* natural width of the content, without trailing spaces */
    rg_mpt ascent;      /* above the baseline, max over runs, with half the
                           font's line gap */
    rg_mpt descent;     /* below the baseline (positive), max over runs, with
                           the other half of the line gap */
    rg_mpt ink_top;     /* highest ink above the baseline, max over glyphs */
    rg_mpt ink_bottom;  /* lowest ink below the baseline (positive) */
    size_t start, end;  /* byte range of the text on this line (end excludes
                           trailing spaces and the hard break) */
    int hard;           /* the line ended at a hard break */
} rg_line;

/* What to typeset. */
typedef struct rg_para_in {
    const char *text;      /* UTF-8, borrowed */
    size_t len;            /* bytes */
    const rg_span *spans;  /* cover [0, len) in order */
    size_t nspans;
    rg_font *fallback;     /* for characters the span font lacks; may be NULL */
    rg_mpt width;          /* line width */
    rg_mpt first_indent;   /* extra indent of the first line */
    rg_align align;
    const char *src_file;  /* for diagnostics, may be NULL */
    int src_line;
} rg_para_in;

typedef struct rg_para_out {
    rg_line *lines;   /* in the arena */
    size_t nlines;
} rg_para_out;

/* Per-thread text state: HarfBuzz buffer, breaker and scratch arrays. */
typedef struct rg_textstate rg_textstate;

rg_textstate *textstate_new(rg_context *ctx, const rg_wordlist *wl, rg_thaidict *dict);
void textstate_free(rg_textstate *ts);
/* The breaker of this state (borrowed). */
rg_breaker *textstate_breaker(rg_textstate *ts);
/* Shape through the segment cache (on, the default) or every paragraph
 * whole (off; tests compare the two). */
void textstate_use_cache(rg_textstate *ts, int on);

/* Shape and break one paragraph into lines allocated in arena.  Empty text
 * gives one empty line (so blank paragraphs keep their height).  Returns 0,
 * or -1 on failure (diagnostic in ctx).  Characters no font has produce a
 * warning naming them, and are drawn with the font's .notdef glyph. */
int paragraph_layout(rg_textstate *ts, rg_context *ctx, rg_arena *arena, const rg_para_in *in,
                     rg_para_out *out);

/* The baseline-to-baseline distance at which lower may follow upper:
 * pitch, unless some glyph of upper would come within gap of a glyph of
 * lower that overlaps it horizontally (a deep ฏ or ุ over a tone mark
 * stacked on an upper vowel), then the least distance that keeps them gap
 * apart.  Both lines are placed from the same left edge.  Measured from
 * the ink of the glyphs actually set, so ordinary lines keep the even
 * pitch and only lines whose ink would touch move apart. */
rg_mpt line_distance(const rg_line *upper, const rg_line *lower, rg_mpt pitch, rg_mpt gap);

/* The least gap between the ink of two lines of a size: 1/40 em, 0.4 pt
 * at 16 pt (visibly apart at print resolution; 1/20 em moved a fifth of
 * the sample's lines, this a tenth). */
#define RG_INK_CLEARANCE(size) ((size) / 40)

/* Natural width in mpt of a single-line string in one style (labels, table
 * cells measured for auto widths).  No breaking. */
rg_mpt text_measure(rg_textstate *ts, rg_context *ctx, const char *text, size_t len,
                    const rg_style *style, rg_font *fallback);

#endif
