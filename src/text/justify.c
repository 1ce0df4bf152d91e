/* justify.c - share a justified line's slack among its gaps.
 *
 * The model is Word's "Thai Distributed": a Thai line has few spaces (they
 * end phrases and sentences, not words), so stretching only the spaces
 * tears a line apart and leaves lines without a space ragged; instead the
 * slack goes to every gap between grapheme clusters, a base and its marks
 * always staying one cluster.  Unlike Word, the gaps are capped so that
 * copying the text out of the PDF gives back the source exactly: text
 * extractors have no word spacing to read, they guess a space from the
 * distance between two characters (pdftotext from 0.1 em, MuPDF and
 * `pdftotext -raw` from about 0.12 em, pdf.js from 0.102 em), so a gap
 * inside or between Thai words stays below 0.08 em.  Spaces are real
 * characters and may grow more, by up to half an em: a space gap of
 * 1.25 em already made pdftotext's default reading order take a short
 * line for two columns and print its halves apart.  When every gap
 * is at its cap the line is left short (flush left) rather than opened
 * into false spaces or columns.
 *
 * The rule.  Each gap has a kind (justify.h) and a cap; slack is given in
 * stages, each "water-filling" its gaps: every gap of the stage grows in
 * proportion to its weight until it reaches its cap, and what a capped
 * gap cannot take goes to the others.
 *
 *   thai-distributed, one stage:   cluster 1 (cap 0.06 em), word boundary
 *                                  2 (0.08 em), space 2 (+0.5 em)
 *   justify, first stage:          space 1 (cap 0.33 em)
 *            then:                 as thai-distributed
 *
 * So distributed text spaces its words twice as much as its letters (a
 * word boundary of 0.08 em where the letters get 0.04 em), and justify
 * keeps the look of stretched spaces until a space has grown by a third
 * of an em, then spreads the rest like distributed text.
 *
 * Each gap's share is computed in floating point (the stages' levels
 * found by bisection, O(n) per stage, no allocation) and rounded along
 * the line with the error carried, so the shares sum to the total given
 * exactly and the line ends flush to the millipoint. */
#include "text/justify.h"

#include <math.h>

/* One stage: each kind's weight (0: not in this stage) and cap
 * (thousandths of an em, cumulative: what the gap may have in all after
 * this stage). */
typedef struct stage {
    int weight[RG_GAP_KINDS];
    int cap[RG_GAP_KINDS];
} stage;

static const stage DISTRIBUTED[] = {
    {{0, 1, 2, 2}, {0, RG_GAP_CAP_CLUSTER, RG_GAP_CAP_WORD, RG_GAP_CAP_SPACE}},
};

static const stage JUSTIFY[] = {
    {{0, 0, 0, 1}, {0, 0, 0, RG_GAP_CAP_SPACE_SOFT}},
    {{0, 1, 2, 2}, {0, RG_GAP_CAP_CLUSTER, RG_GAP_CAP_WORD, RG_GAP_CAP_SPACE}},
};

int justify_cap(rg_gap_kind kind)
{
    return kind < RG_GAP_KINDS ? DISTRIBUTED[0].cap[kind] : 0;
}

/* What a gap has after stages [0, done) at levels t (mpt per unit of
 * weight); a level of INFINITY fills its stage to the caps. */
static double give(const rg_gap *g, const stage *st, const double *t, size_t done)
{
    double have = 0;
    for (size_t s = 0; s < done; s++) {
        int w = st[s].weight[g->kind];
        if (!w)
            continue;
        double cap = (double)st[s].cap[g->kind] * g->em / 1000.0;
        double want = have + t[s] * w;
        have = want < cap ? want : cap;
    }
    return have;
}

/* Sum of all gaps' shares after stages [0, done). */
static double total(const rg_gap *gaps, size_t n, const stage *st, const double *t, size_t done)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += give(&gaps[i], st, t, done);
    return sum;
}

int32_t justify_spread(rg_gap *gaps, size_t n, rg_align align, int32_t slack)
{
    const stage *st = align == RG_ALIGN_JUSTIFY            ? JUSTIFY
                      : align == RG_ALIGN_THAI_DISTRIBUTED ? DISTRIBUTED
                                                           : NULL;
    size_t nst = align == RG_ALIGN_JUSTIFY ? sizeof JUSTIFY / sizeof *JUSTIFY
                                           : sizeof DISTRIBUTED / sizeof *DISTRIBUTED;
    for (size_t i = 0; i < n; i++)
        gaps[i].extra = 0;
    if (!st || slack <= 0 || n == 0)
        return 0;
    double t[2] = {0, 0};
    for (size_t s = 0; s < nst; s++) {
        t[s] = INFINITY;
        if (total(gaps, n, st, t, s + 1) <= slack)
            continue; /* every gap of the stage reaches its cap */
        /* The level lies between 0 and the largest cap of the stage. */
        double lo = 0, hi = 0;
        for (size_t i = 0; i < n; i++) {
            double c = (double)st[s].cap[gaps[i].kind] * gaps[i].em / 1000.0;
            hi = c > hi ? c : hi;
        }
        for (int k = 0; k < 60 && hi - lo > 1e-9; k++) {
            t[s] = (lo + hi) / 2;
            if (total(gaps, n, st, t, s + 1) <= slack)
                lo = t[s];
            else
                hi = t[s];
        }
        t[s] = lo;
        break; /* the slack is used up: later stages give nothing */
    }
    double cum = 0;
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        cum += give(&gaps[i], st, t, nst);
        int64_t upto = llround(cum);
        if (upto > slack)
            upto = slack;
        gaps[i].extra = (int32_t)(upto - given);
        given = upto;
    }
    return (int32_t)given;
}
