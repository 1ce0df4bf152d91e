/* justify.h - how a justified line's slack is shared among its gaps.
 *
 * The text stage classifies the gap after each visible cluster of a line
 * (justify.c explains the rule and its caps); justify_spread() then says
 * how much each gap grows.  Pure arithmetic, no state: tests and the
 * benchmark read the same caps. */
#ifndef RG_TEXT_JUSTIFY_H
#define RG_TEXT_JUSTIFY_H

#include "raingan.h"

#include <stddef.h>
#include <stdint.h>

/* What lies between two visible clusters of a line. */
typedef enum rg_gap_kind {
    RG_GAP_NONE,    /* never stretched: before a space, after a leading space */
    RG_GAP_CLUSTER, /* between grapheme clusters inside a word (never between
                       a base and its marks: those share a cluster) */
    RG_GAP_WORD,    /* at a break opportunity without a space: a Thai word
                       boundary, after "/" or "-" */
    RG_GAP_SPACE,   /* after a space (the space itself grows) */
    RG_GAP_KINDS
} rg_gap_kind;

/* One gap of a line, in line order. */
typedef struct rg_gap {
    rg_gap_kind kind;  /* in */
    int32_t em;        /* in: the font size (mpt) its caps are measured in:
                          the smaller of its two neighbours' */
    int32_t extra;     /* out: mpt added after the cluster before it */
    size_t at;         /* the caller's: the glyph the extra follows */
} rg_gap;

/* The caps, in thousandths of an em of the gap's size.  Poppler's
 * pdftotext (default mode) reads a gap of 0.1 em between two characters
 * as a space, MuPDF and `pdftotext -raw` from about 0.12 em, pdf.js from
 * 0.102 em: the gaps inside and between Thai words stay below 0.08 em,
 * so no extractor sees a space that is not in the text. */
#define RG_GAP_CAP_CLUSTER 60    /* 0.06 em inside a word */
#define RG_GAP_CAP_WORD 80       /* 0.08 em at a word boundary without space */
#define RG_GAP_CAP_SPACE_SOFT 330 /* justify: spaces first grow to +0.33 em */
#define RG_GAP_CAP_SPACE 500     /* a space grows by 0.5 em at most: a gap of
                                    1.25 em made pdftotext (default mode)
                                    read a short line as two columns */

/* The cap of a kind of gap, in thousandths of an em (0 for RG_GAP_NONE). */
int justify_cap(rg_gap_kind kind);

/* Share slack (mpt, > 0) among the n gaps for align (RG_ALIGN_JUSTIFY or
 * RG_ALIGN_THAI_DISTRIBUTED; any other alignment gives nothing) and set
 * each gap's extra.  Returns the total given: slack itself when the caps
 * allow, else less (the line is left short).  The extras sum exactly to
 * the total (rounding is carried along the line), and none exceeds its
 * gap's cap by more than 1 mpt.  O(n), no allocation. */
int32_t justify_spread(rg_gap *gaps, size_t n, rg_align align, int32_t slack);

#endif
