/* test_justify.c - justify_spread: how a line's slack is shared among its
 * gaps (src/text/justify.c): the stages, the weights, the caps, the exact
 * sum and what is left when the caps bind. */
#include "text/justify.h"
#include "testhelp.h"

#include <stdio.h>
#include <stdlib.h>

#define EM 16000 /* 16 pt in mpt */

/* A line of 10 gaps inside words, 3 at word boundaries, 2 after spaces and
 * 1 before a space, in a mixed order. */
static const rg_gap_kind LINE[] = {
    RG_GAP_CLUSTER, RG_GAP_CLUSTER, RG_GAP_WORD,  RG_GAP_CLUSTER, RG_GAP_NONE,  RG_GAP_SPACE,
    RG_GAP_CLUSTER, RG_GAP_CLUSTER, RG_GAP_WORD,  RG_GAP_CLUSTER, RG_GAP_CLUSTER, RG_GAP_SPACE,
    RG_GAP_CLUSTER, RG_GAP_CLUSTER, RG_GAP_WORD,  RG_GAP_CLUSTER,
};
#define N (sizeof LINE / sizeof *LINE)

static rg_gap g[N];

static int32_t spread(rg_align a, int32_t slack)
{
    for (size_t i = 0; i < N; i++)
        g[i] = (rg_gap){LINE[i], EM, -1, i};
    return justify_spread(g, N, a, slack);
}

/* Sum of the extras, and the least and largest extra of a kind. */
static int64_t sum(void)
{
    int64_t s = 0;
    for (size_t i = 0; i < N; i++)
        s += g[i].extra;
    return s;
}

static void range(rg_gap_kind k, int32_t *lo, int32_t *hi)
{
    *lo = INT32_MAX;
    *hi = INT32_MIN;
    for (size_t i = 0; i < N; i++)
        if (g[i].kind == k) {
            *lo = g[i].extra < *lo ? g[i].extra : *lo;
            *hi = g[i].extra > *hi ? g[i].extra : *hi;
        }
}

int main(void)
{
    int32_t lo, hi, wlo, whi, slo, shi, nlo, nhi;
    const int32_t cc = RG_GAP_CAP_CLUSTER * EM / 1000, cw = RG_GAP_CAP_WORD * EM / 1000,
                  cs = RG_GAP_CAP_SPACE * EM / 1000, soft = RG_GAP_CAP_SPACE_SOFT * EM / 1000;

    /* thai-distributed, slack well under the caps: weights 1 : 2 : 2. */
    int32_t got = spread(RG_ALIGN_THAI_DISTRIBUTED, 3001);
    range(RG_GAP_CLUSTER, &lo, &hi);
    range(RG_GAP_WORD, &wlo, &whi);
    range(RG_GAP_SPACE, &slo, &shi);
    range(RG_GAP_NONE, &nlo, &nhi);
    test_cond("distributed: all the slack is given, the extras sum to it exactly",
              got == 3001 && sum() == 3001);
    test_cond("distributed: gaps inside words get one share each (within 1 mpt)", hi - lo <= 1);
    /* 10 x 1 + 3 x 2 + 2 x 2 = 20 shares of 150.05 mpt */
    test_cond("distributed: word boundaries and spaces get two shares each",
              lo >= 149 && hi <= 151 && wlo >= 299 && whi <= 301 && slo >= 299 && shi <= 301);
    test_cond("a gap before a space gets nothing (the space takes it)", nlo == 0 && nhi == 0);

    /* Past the word cap: words stop at 0.08 em, letters reach 0.05, spaces take the rest. */
    got = spread(RG_ALIGN_THAI_DISTRIBUTED, 10 * cc + 3 * cw + 2 * 5000);
    range(RG_GAP_CLUSTER, &lo, &hi);
    range(RG_GAP_WORD, &wlo, &whi);
    range(RG_GAP_SPACE, &slo, &shi);
    test_cond("distributed: capped kinds stop at their caps and the spaces take the rest",
              got == 10 * cc + 3 * cw + 2 * 5000 && lo >= cc - 1 && hi <= cc + 1 &&
                  wlo >= cw - 1 && whi <= cw + 1 && slo >= 4999 && shi <= 5001);

    /* More slack than every cap allows: the line is left short. */
    int32_t cap = 10 * cc + 3 * cw + 2 * cs;
    got = spread(RG_ALIGN_THAI_DISTRIBUTED, cap + 7777);
    range(RG_GAP_CLUSTER, &lo, &hi);
    range(RG_GAP_SPACE, &slo, &shi);
    test_cond("distributed: past every cap each gap stays at its cap and the rest is not given",
              got == cap && sum() == cap && hi <= cc + 1 && shi <= cs + 1);
    char d[200];
    snprintf(d, sizeof d,
             "the caps: %.3f em inside words, %.3f em at word boundaries (pdftotext reads 0.1 em "
             "as a space), %.2f em more per space",
             RG_GAP_CAP_CLUSTER / 1000.0, RG_GAP_CAP_WORD / 1000.0, RG_GAP_CAP_SPACE / 1000.0);
    test_cond(d, RG_GAP_CAP_CLUSTER < RG_GAP_CAP_WORD && RG_GAP_CAP_WORD <= 85 &&
                     justify_cap(RG_GAP_NONE) == 0 && justify_cap(RG_GAP_WORD) == RG_GAP_CAP_WORD);

    /* justify: the spaces first, up to a third of an em. */
    got = spread(RG_ALIGN_JUSTIFY, 2 * soft - 10);
    range(RG_GAP_CLUSTER, &lo, &hi);
    range(RG_GAP_WORD, &wlo, &whi);
    range(RG_GAP_SPACE, &slo, &shi);
    test_cond("justify: a little slack goes to the spaces only",
              got == 2 * soft - 10 && hi == 0 && whi == 0 && slo >= soft - 6 && shi <= soft - 4);
    got = spread(RG_ALIGN_JUSTIFY, 2 * soft + 2000);
    range(RG_GAP_CLUSTER, &lo, &hi);
    range(RG_GAP_WORD, &wlo, &whi);
    range(RG_GAP_SPACE, &slo, &shi);
    /* the 2000 beyond: 20 shares of 100 */
    test_cond("justify: past a third of an em per space the rest spreads as distributed does",
              got == 2 * soft + 2000 && lo >= 99 && hi <= 101 && wlo >= 199 && whi <= 201 &&
                  slo >= soft + 199 && shi <= soft + 201);
    got = spread(RG_ALIGN_JUSTIFY, cap + 1);
    test_cond("justify: the same caps bind in the end", got == cap && sum() == cap);

    /* No spaces at all (a Thai line): the letters and words fill it. */
    rg_gap t[4] = {{RG_GAP_CLUSTER, EM, 0, 0}, {RG_GAP_WORD, EM, 0, 1}, {RG_GAP_CLUSTER, EM, 0, 2},
                   {RG_GAP_CLUSTER, 8000, 0, 3}};
    got = justify_spread(t, 4, RG_ALIGN_JUSTIFY, 1000);
    test_cond("justify: a line without spaces is still filled, by its letters and words",
              got == 1000 && t[0].extra + t[1].extra + t[2].extra + t[3].extra == 1000 &&
                  t[1].extra > t[0].extra);
    got = justify_spread(t, 4, RG_ALIGN_JUSTIFY, 100000);
    test_cond("a gap's caps are in its own em (8 pt: half those of 16 pt)",
              got == 2 * cc + cw + cc / 2 && t[3].extra <= cc / 2 + 1);
    test_cond("left, right and center give nothing",
              justify_spread(t, 4, RG_ALIGN_LEFT, 1000) == 0 && t[0].extra == 0 &&
                  justify_spread(t, 4, RG_ALIGN_CENTER, 1000) == 0);
    test_cond("no gaps or no slack give nothing",
              justify_spread(t, 0, RG_ALIGN_JUSTIFY, 1000) == 0 &&
                  justify_spread(t, 4, RG_ALIGN_JUSTIFY, 0) == 0 && t[1].extra == 0);
    return test_report();
}
