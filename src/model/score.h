/* score.h - the scoring methods agencies use, as pure functions on decimals.
 *
 * Each method takes the numbers of one indicator (or one calculation row,
 * or one target table) and gives the score, rounded by `rnd` (the
 * document's decimals= and rounding=: 4 places, half up by default), and
 * the working as a planning officer writes it in the calculation table ("3 + (87.5 − 80) / (90 − 80) = 3.7500").  The working
 * uses ASCII digits; the caller converts them to the document's digits.
 * Nothing here reports diagnostics: a method returns a SCORE_* status and
 * the caller (check.c) words the message with the source position.
 * docs/format.md gives every formula with an example. */
#ifndef RG_MODEL_SCORE_H
#define RG_MODEL_SCORE_H

#include "model/decimal.h"

/* How a score is reached. */
typedef enum rg_method {
    RG_METHOD_STATED = 0,   /* the source's own figure, checked against nothing */
    RG_METHOD_FIVE_LEVEL,   /* thresholds v1..v5, k + (x − vk)/(vk+1 − vk) */
    RG_METHOD_MILESTONE,    /* the highest step completed, a whole level */
    RG_METHOD_DISCRETE,     /* target levels: the points of the level reached */
    RG_METHOD_INTERPOLATED, /* target levels: linear between the thresholds' points */
    RG_METHOD_RATIO,        /* target levels: x / advanced threshold × 100, at most 100 */
    RG_METHOD_NONE,         /* no score (N/A, ไม่ได้รายงาน): counted in no total */
    RG_METHOD_SUB           /* the sub-indicators' scores rolled up by their weights */
} rg_method;

/* Status of the methods. */
enum {
    SCORE_OK = 0,
    SCORE_ORDER = -1,    /* thresholds not strictly in order for the direction */
    SCORE_OVERFLOW = -2, /* a value too large to compute with */
    SCORE_RANGE = -3     /* milestone steps outside 0..5 or not whole */
};

/* The method's name as written in sources ("five-level", ...); NULL for an
 * out-of-range value. */
const char *score_method_name(rg_method m);

/* The method named s, or -1 when s names none. */
int score_method_from_name(const char *s);

/* Five-level interpolated score of x against thresholds v[0..4] (the values
 * scoring 1..5).  Higher is better: v strictly increasing; x >= v5 scores
 * 5, x < v1 scores `below` (the floor, usually 0), else k + (x − vk) /
 * (vk+1 − vk) for vk <= x < vk+1.  Lower is better (lower=1): v strictly
 * decreasing and the comparisons mirrored, k + (vk − x) / (vk − vk+1).
 * On success *score is rounded by rnd and the working written to work. */
int score_five_level(const rg_dec v[5], int lower, rg_dec below, rg_dec x, rg_rounding rnd,
                     rg_dec *score, char *work, size_t size);

/* Milestone: steps completed (a whole number 0..5) is the score. */
int score_milestone(rg_dec steps, rg_dec *score, char *work, size_t size);

/* Target levels (ขั้นต้น / มาตรฐาน / ขั้นสูง): th[0..2] thresholds, pts[0..2]
 * points, x the result.  *level gets 0 (below basic) .. 3 (advanced).
 *   DISCRETE:     pts of the level reached, `below` under basic;
 *   INTERPOLATED: pts[k] + (x − th[k]) / (th[k+1] − th[k]) × (pts[k+1] −
 *                 pts[k]) between thresholds, pts[2] at or above advanced,
 *                 `below` under basic;
 *   RATIO:        x / th[2] × 100 (lower is better: th[2] / x × 100),
 *                 at most 100.
 * Thresholds must be strictly in order for the direction (equal ones are
 * allowed for DISCRETE, as tables with "-" levels have). */
int score_targets(rg_method m, const rg_dec th[3], const rg_dec pts[3], int lower, rg_dec below,
                  rg_dec x, rg_rounding rnd, rg_dec *score, int *level, char *work, size_t size);

/* weight × score / 100 rounded by rnd. */
int score_weighted(rg_dec weight, rg_dec score, rg_rounding rnd, rg_dec *out);

/* Σ weighted × 100 / Σ weight, rounded by rnd: the total of the round,
 * renormalised to the weights counted.  -1 when sum_weight is zero. */
int score_renormalise(rg_dec sum_weight, rg_dec sum_weighted, rg_rounding rnd, rg_dec *out);

#endif
