/* score.c - scoring methods (score.h) with their working.
 *
 * Design: every method is a pure function of decimals: no model, no
 * diagnostics, no allocation, so the unit tests drive them with tables of
 * cases and generated values, and the loader's checks (check.c), the
 * layout and the API all read the same numbers.  Each intermediate value
 * is exact (decimal.c); the only rounding is the last division, to the
 * places and by the mode the document asks for (rnd: 4 places, half up by
 * default), so a score printed
 * with 4 decimals is the exact value rounded once, as on paper.
 *
 * The working is written the way agencies write it in the calculation
 * table: the level reached plus the fraction of the way to the next one,
 * with the numbers as given (shortest form) and the result with all its
 * decimals: "3 + (87.5 − 80) / (90 − 80) = 3.7500".  Signs are the
 * typographic ones (− U+2212, × U+00D7, ≥ U+2265, ≤ U+2264). */
#include "model/score.h"

#include <stdio.h>
#include <string.h>

static const char *const method_names[] = {"stated", "five-level", "milestone", "discrete",
                                           "interpolated", "ratio", "none",
                                           "sub-indicators"};

const char *score_method_name(rg_method m)
{
    if ((int)m < 0 || (size_t)m >= sizeof method_names / sizeof method_names[0])
        return NULL;
    return method_names[m];
}

int score_method_from_name(const char *s)
{
    for (size_t i = 0; s && i < sizeof method_names / sizeof method_names[0]; i++)
        if (!strcmp(s, method_names[i]))
            return (int)i;
    return -1;
}

#define MINUS "\xe2\x88\x92" /* − */
#define TIMES "\xc3\x97"     /* × */
#define GEQ "\xe2\x89\xa5"   /* ≥ */
#define LEQ "\xe2\x89\xa4"   /* ≤ */

/* a as the source wrote it (its own decimals: "401.70"). */
#define S(a, buf) dec_written((a), (buf), sizeof(buf))

/* 1 when v[0..n-1] is strictly increasing (lower=0) or decreasing. */
static int in_order(const rg_dec *v, int n, int lower, int strict)
{
    for (int i = 0; i + 1 < n; i++) {
        int c = dec_cmp(v[i], v[i + 1]);
        if (lower)
            c = -c;
        if (c > 0 || (strict && c == 0))
            return 0;
    }
    return 1;
}

/* base + (x − a) / (b − a) × span, rounded once by rnd: the division
 * is the last operation ((base × (b − a) + (x − a) × span) / (b − a)), so
 * no intermediate rounding can show.  Lower-is-better passes the same
 * arguments: (a − x) / (a − b) is the same fraction. */
static int between(rg_dec base, rg_dec x, rg_dec a, rg_dec b, rg_dec span, rg_rounding rnd,
                   rg_dec *out)
{
    rg_dec num, den, t, u;
    if (dec_sub(x, a, &num) || dec_sub(b, a, &den) || dec_mul(num, span, &t) ||
        dec_mul(base, den, &u) || dec_add(u, t, &num) || dec_div(num, den, rnd, out))
        return SCORE_OVERFLOW;
    return SCORE_OK;
}

int score_five_level(const rg_dec v[5], int lower, rg_dec below, rg_dec x, rg_rounding rnd,
                     rg_dec *score, char *work, size_t size)
{
    char a[64], b[64], c[64], r[64];
    if (!in_order(v, 5, lower, 1))
        return SCORE_ORDER;
    const char *ge = lower ? LEQ : GEQ, *lt = lower ? ">" : "<";
    if (lower ? dec_cmp(x, v[4]) <= 0 : dec_cmp(x, v[4]) >= 0) {
        *score = dec_round(dec_from_int(5), rnd);
        snprintf(work, size, "%s %s %s = %s", S(x, a), ge, S(v[4], b),
                 dec_format(*score, rnd, 0, r, sizeof r));
        return SCORE_OK;
    }
    if (lower ? dec_cmp(x, v[0]) > 0 : dec_cmp(x, v[0]) < 0) {
        *score = dec_round(below, rnd);
        snprintf(work, size, "%s %s %s = %s", S(x, a), lt, S(v[0], b),
                 dec_format(*score, rnd, 0, r, sizeof r));
        return SCORE_OK;
    }
    int k = 0; /* v[k] reached, v[k+1] not */
    while (k < 3 && (lower ? dec_cmp(x, v[k + 1]) <= 0 : dec_cmp(x, v[k + 1]) >= 0))
        k++;
    if (between(dec_from_int(k + 1), x, v[k], v[k + 1], dec_from_int(1), rnd, score))
        return SCORE_OVERFLOW;
    char d[64];
    if (lower)
        snprintf(work, size, "%d + (%s " MINUS " %s) / (%s " MINUS " %s) = %s", k + 1,
                 S(v[k], a), S(x, b), S(v[k], c), S(v[k + 1], d),
                 dec_format(*score, rnd, 0, r, sizeof r));
    else
        snprintf(work, size, "%d + (%s " MINUS " %s) / (%s " MINUS " %s) = %s", k + 1, S(x, a),
                 S(v[k], b), S(v[k + 1], c), S(v[k], d),
                 dec_format(*score, rnd, 0, r, sizeof r));
    return SCORE_OK;
}

int score_milestone(rg_dec steps, rg_dec *score, char *work, size_t size)
{
    rg_dec whole = dec_round(steps, (rg_rounding){0, RG_ROUND_DOWN});
    if (dec_cmp(whole, steps) != 0 || dec_cmp(steps, dec_from_int(0)) < 0 ||
        dec_cmp(steps, dec_from_int(5)) > 0)
        return SCORE_RANGE;
    *score = whole;
    char a[64];
    snprintf(work, size, "%s", S(whole, a));
    return SCORE_OK;
}

int score_targets(rg_method m, const rg_dec th[3], const rg_dec pts[3], int lower, rg_dec below,
                  rg_dec x, rg_rounding rnd, rg_dec *score, int *level, char *work, size_t size)
{
    char a[64], b[64], c[64], d[64], e[64], r[64];
    if (!in_order(th, 3, lower, m != RG_METHOD_DISCRETE))
        return SCORE_ORDER;
    int k = 0;
    for (int i = 0; i < 3; i++)
        if (lower ? dec_cmp(x, th[i]) <= 0 : dec_cmp(x, th[i]) >= 0)
            k = i + 1;
    *level = k;
    const char *ge = lower ? LEQ : GEQ, *lt = lower ? ">" : "<";
    if (m == RG_METHOD_RATIO) {
        rg_dec q, s;
        rg_dec num = lower ? th[2] : x, den = lower ? x : th[2];
        if (dec_is_zero(den))
            return SCORE_OVERFLOW;
        if (dec_mul(num, dec_from_int(100), &num) || dec_div(num, den, rnd, &s))
            return SCORE_OVERFLOW;
        q = s;
        int capped = dec_cmp(q, dec_from_int(100)) > 0;
        *score = capped ? dec_round(dec_from_int(100), rnd) : q;
        int n = snprintf(work, size, "%s / %s " TIMES " 100 = %s", S(lower ? th[2] : x, a),
                         S(lower ? x : th[2], b), dec_format(q, rnd, 0, r, sizeof r));
        if (capped && n > 0 && (size_t)n < size)
            snprintf(work + n, size - (size_t)n, " > 100: 100");
        return SCORE_OK;
    }
    if (k == 0) {
        *score = dec_round(below, rnd);
        snprintf(work, size, "%s %s %s = %s", S(x, a), lt, S(th[0], b),
                 dec_format(*score, rnd, 0, r, sizeof r));
        return SCORE_OK;
    }
    if (m == RG_METHOD_DISCRETE || k == 3) {
        *score = dec_round(pts[k - 1], rnd);
        snprintf(work, size, "%s %s %s = %s", S(x, a), ge, S(th[k - 1], b),
                 dec_format(*score, rnd, 0, r, sizeof r));
        return SCORE_OK;
    }
    /* INTERPOLATED between th[k-1] and th[k] */
    rg_dec span;
    char g[64];
    if (dec_sub(pts[k], pts[k - 1], &span) ||
        between(pts[k - 1], x, th[k - 1], th[k], span, rnd, score))
        return SCORE_OVERFLOW;
    if (lower)
        snprintf(work, size, "%s + (%s " MINUS " %s) / (%s " MINUS " %s) " TIMES " %s = %s",
                 S(pts[k - 1], a), S(th[k - 1], b), S(x, c), S(th[k - 1], d), S(th[k], e),
                 S(span, g), dec_format(*score, rnd, 0, r, sizeof r));
    else
        snprintf(work, size, "%s + (%s " MINUS " %s) / (%s " MINUS " %s) " TIMES " %s = %s",
                 S(pts[k - 1], a), S(x, b), S(th[k - 1], c), S(th[k], d), S(th[k - 1], e),
                 S(span, g), dec_format(*score, rnd, 0, r, sizeof r));
    return SCORE_OK;
}

int score_weighted(rg_dec weight, rg_dec score, rg_rounding rnd, rg_dec *out)
{
    rg_dec p;
    if (dec_mul(weight, score, &p) || dec_div(p, dec_from_int(100), rnd, out))
        return -1;
    return 0;
}

int score_renormalise(rg_dec sum_weight, rg_dec sum_weighted, rg_rounding rnd, rg_dec *out)
{
    rg_dec p;
    if (dec_is_zero(sum_weight) || dec_mul(sum_weighted, dec_from_int(100), &p) ||
        dec_div(p, sum_weight, rnd, out))
        return -1;
    return 0;
}
