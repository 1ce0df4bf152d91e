/* test_score.c - decimal arithmetic and the scoring methods (issue #12).
 *
 * Table-driven: each row is an input and the exact expected result as a
 * string (the decimal printed with its places), written from the
 * formulas of docs/format.md by hand, never by running the code.  The
 * methods' cases are tests/data/scores/cases.tsv, the one table that
 * scores.sh also renders through the CLI (so the two levels do not keep
 * two copies of the same figures), run here under each rounding mode.  Then
 * properties over generated values: the five-level and interpolated
 * target scores never decrease as the result improves, jump at no
 * threshold (continuity: the score just below a threshold is within one
 * unit in the last place of the score at it), and stay within
 * [floor, 5] / [floor, top points]. */
#include "model/decimal.h"
#include "model/score.h"
#include "testhelp.h"

#include <string.h>

static rg_dec D(const char *s)
{
    rg_dec d = {0, 0};
    if (dec_parse(s, &d) != DEC_OK)
        printf("  (bad literal %s)\n", s);
    return d;
}

/* places decimals, half up: the default rounding of a report. */
static rg_rounding P(int places)
{
    return (rg_rounding){places, RG_ROUND_HALF_UP};
}
#define R4 P(4)

static const char *F(rg_dec d, int places)
{
    static char buf[8][64]; /* test-only rotation of buffers */
    static int i;
    i = (i + 1) % 8;
    return dec_format(d, P(places), 0, buf[i], sizeof buf[i]);
}

static void test_decimal(void)
{
    char b[64];
    /* parse + shortest form */
    static const struct { const char *in, *out; int status; } parse[] = {
        {"0.6", "0.6", DEC_OK},
        {"-0", "0", DEC_OK},
        {"+1.50", "1.5", DEC_OK},
        {".5", "0.5", DEC_OK},
        {"5.", "5", DEC_OK},
        {"007", "7", DEC_OK},
        {"1234567890123456789012345", "1234567890123456789012345", DEC_OK},
        {"123456789012345678901234567890123456", "123456789012345678901234567890123456", DEC_OK},
        {"1234567890123456789012345678901234567", "", DEC_TOO_LARGE},
        {"0.123456789012345678905", "0.12345678901234567891", DEC_OK},
        {"1e5", "", DEC_SYNTAX},
        {"NaN", "", DEC_SYNTAX},
        {"", "", DEC_SYNTAX},
        {".", "", DEC_SYNTAX},
        {"1 ", "", DEC_SYNTAX},
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof parse / sizeof parse[0]; i++) {
        rg_dec d;
        int st = dec_parse(parse[i].in, &d);
        if (st != parse[i].status || (st == DEC_OK && strcmp(dec_str(d, b, sizeof b), parse[i].out))) {
            printf("  parse %s: status %d, got %s\n", parse[i].in, st, st ? "" : b);
            bad++;
        }
    }
    test_cond("decimals parse exactly, up to 36 digits, and refuse non-decimals", bad == 0);

    /* rounding half up (in magnitude) */
    static const struct { const char *in; int places; const char *out; } round[] = {
        {"2.5", 0, "3"},        {"3.5", 0, "4"},        {"-2.5", 0, "-3"},
        {"2.4999", 0, "2"},     {"0.00005", 4, "0.0001"}, {"0.00004", 4, "0.0000"},
        {"95.73811", 4, "95.7381"}, {"1.5", 4, "1.5000"}, {"-0.00001", 4, "0.0000"},
        {"-0", 0, "0"},         {"123", 2, "123.00"},   {"0.6", 20, "0.60000000000000000000"},
    };
    bad = 0;
    for (size_t i = 0; i < sizeof round / sizeof round[0]; i++)
        if (strcmp(F(D(round[i].in), round[i].places), round[i].out)) {
            printf("  round %s to %d: got %s\n", round[i].in, round[i].places,
                   F(D(round[i].in), round[i].places));
            bad++;
        }
    test_cond("formatting rounds half up and never prints -0", bad == 0);

    rg_dec r;
    test_cond("0.1 + 0.2 is exactly 0.3", dec_add(D("0.1"), D("0.2"), &r) == 0 &&
                                               dec_cmp(r, D("0.3")) == 0);
    test_cond("20 x 3 / 100 is 0.6, printed 0.6",
              score_weighted(D("20"), D("3"), R4, &r) == 0 &&
                  !strcmp(dec_format(r, R4, 1, b, sizeof b), "0.6"));
    test_cond("30 x 5 / 100 is 1.5", score_weighted(D("30"), D("5"), R4, &r) == 0 &&
                                         !strcmp(F(r, 4), "1.5000"));
    test_cond("5 x 5 / 100 is 0.25", score_weighted(D("5"), D("5"), R4, &r) == 0 &&
                                         !strcmp(F(r, 4), "0.2500"));
    test_cond("2 / 3 to 4 places is 0.6667", dec_div(D("2"), D("3"), R4, &r) == 0 &&
                                                 !strcmp(F(r, 4), "0.6667"));
    test_cond("-2 / 3 to 4 places is -0.6667", dec_div(D("-2"), D("3"), R4, &r) == 0 &&
                                                   !strcmp(F(r, 4), "-0.6667"));
    test_cond("division by zero fails", dec_div(D("1"), D("0"), R4, &r) == -1);
    test_cond("a sum past 36 digits fails instead of wrapping",
              dec_add(D("999999999999999999999999999999999999"), D("1"), &r) == -1);
    test_cond("a product past 36 digits fails instead of wrapping",
              dec_mul(D("100000000000000000000"), D("100000000000000000000"), &r) == -1);
    test_cond("compare orders 0.6 < 0.60001 < 1", dec_cmp(D("0.6"), D("0.60001")) < 0 &&
                                                      dec_cmp(D("0.60001"), D("1")) < 0 &&
                                                      dec_cmp(D("1.0"), D("1")) == 0);
}

/* ---- rounding modes (rounding="half-up" | "half-even" | "down") --------------------- */

static const rg_round_mode modes[3] = {RG_ROUND_HALF_UP, RG_ROUND_HALF_EVEN, RG_ROUND_DOWN};

/* Each value at its edge, rounded under the three modes: what dec_round,
 * dec_format and a division by 1 and by -1 (the quotient path) give. */
static void test_rounding(void)
{
    static const struct {
        const char *in;
        int places;
        const char *out[3]; /* half-up, half-even, down */
    } cases[] = {
        /* exactly half a unit: the modes part */
        {"2.34565", 4, {"2.3457", "2.3456", "2.3456"}},
        {"2.34575", 4, {"2.3458", "2.3458", "2.3457"}},
        {"95.73815", 4, {"95.7382", "95.7382", "95.7381"}},
        {"95.73825", 4, {"95.7383", "95.7382", "95.7382"}},
        {"0.00005", 4, {"0.0001", "0.0000", "0.0000"}},
        {"0.00015", 4, {"0.0002", "0.0002", "0.0001"}},
        {"9.99995", 4, {"10.0000", "10.0000", "9.9999"}},
        {"2.5", 0, {"3", "2", "2"}},
        {"3.5", 0, {"4", "4", "3"}},
        {"0.5", 0, {"1", "0", "0"}},
        /* just under and just over half: the half modes agree */
        {"2.345649999", 4, {"2.3456", "2.3456", "2.3456"}},
        {"2.3456500001", 4, {"2.3457", "2.3457", "2.3456"}},
        {"2.34569", 4, {"2.3457", "2.3457", "2.3456"}},
        {"2.34561", 4, {"2.3456", "2.3456", "2.3456"}},
        /* negatives (differences, a floor below zero): mirrored, toward zero for down */
        {"-2.34565", 4, {"-2.3457", "-2.3456", "-2.3456"}},
        {"-2.34575", 4, {"-2.3458", "-2.3458", "-2.3457"}},
        {"-2.34569", 4, {"-2.3457", "-2.3457", "-2.3456"}},
        {"-2.5", 0, {"-3", "-2", "-2"}},
        {"-0.00005", 4, {"-0.0001", "0.0000", "0.0000"}},
        {"-0.00004", 4, {"0.0000", "0.0000", "0.0000"}},
        /* nothing to drop: unchanged under every mode */
        {"1.5", 4, {"1.5000", "1.5000", "1.5000"}},
        {"-7", 2, {"-7.00", "-7.00", "-7.00"}},
    };
    int bad = 0;
    char b[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int m = 0; m < 3; m++) {
            rg_rounding r = {cases[i].places, modes[m]};
            rg_dec x = D(cases[i].in), q1, q2, neg;
            const char *want = cases[i].out[m];
            char got[4][64];
            dec_format(x, r, 0, got[0], sizeof got[0]);
            dec_format(dec_round(x, r), r, 0, got[1], sizeof got[1]);
            dec_sub(dec_from_int(0), x, &neg);
            if (dec_div(x, dec_from_int(1), r, &q1) || dec_div(neg, dec_from_int(-1), r, &q2)) {
                bad++;
                continue;
            }
            dec_format(q1, r, 0, got[2], sizeof got[2]);
            dec_format(q2, r, 0, got[3], sizeof got[3]);
            for (int k = 0; k < 4; k++)
                if (strcmp(got[k], want)) {
                    printf("  %s to %d, %s (path %d): got %s, want %s\n", cases[i].in,
                           cases[i].places, dec_round_mode_name(modes[m]), k, got[k], want);
                    bad++;
                }
        }
    test_cond("each mode rounds the .xxxx5 edges, both signs, by rounding, formatting and "
              "dividing", bad == 0);
    test_cond("the modes are named half-up, half-even, down, and read back",
              !strcmp(dec_round_mode_name(RG_ROUND_HALF_UP), "half-up") &&
                  !strcmp(dec_round_mode_name(RG_ROUND_HALF_EVEN), "half-even") &&
                  !strcmp(dec_round_mode_name(RG_ROUND_DOWN), "down") &&
                  dec_round_mode_from_name("half-even") == RG_ROUND_HALF_EVEN &&
                  dec_round_mode_from_name("down") == RG_ROUND_DOWN &&
                  dec_round_mode_from_name("truncate") == -1 &&
                  dec_round_mode_from_name(NULL) == -1 && dec_round_mode_name(3) == NULL);

    /* the scoring functions round by the mode they are given */
    static const struct {
        const char *what, *out[3];
    } scored[] = {
        {"five-level 87.3445 on 60..100 = 3.73445", {"3.7345", "3.7344", "3.7344"}},
        {"weight 50 x score 1.2345 / 100 = 0.61725", {"0.6173", "0.6172", "0.6172"}},
        {"total 1.23458 x 100 / 40 = 3.08645", {"3.0865", "3.0864", "3.0864"}},
        {"ratio 384.58 / 401.70 x 100 = 95.73811...", {"95.7381", "95.7381", "95.7381"}},
        {"ratio 2 / 3 x 100 = 66.666...", {"66.6667", "66.6667", "66.6666"}},
    };
    rg_dec v[5] = {D("60"), D("70"), D("80"), D("90"), D("100")};
    rg_dec th[3] = {D("325.00"), D("371.94"), D("401.70")}, pts[3] = {D("50"), D("75"), D("100")};
    rg_dec th3[3] = {D("1"), D("2"), D("3")};
    bad = 0;
    for (int m = 0; m < 3; m++) {
        rg_rounding r = {4, modes[m]};
        rg_dec got[5];
        int level;
        char w[256];
        int st = score_five_level(v, 0, D("0"), D("87.3445"), r, &got[0], w, sizeof w) |
                 score_weighted(D("50"), D("1.2345"), r, &got[1]) |
                 score_renormalise(D("40"), D("1.23458"), r, &got[2]) |
                 score_targets(RG_METHOD_RATIO, th, pts, 0, D("0"), D("384.58"), r, &got[3],
                               &level, w, sizeof w) |
                 score_targets(RG_METHOD_RATIO, th3, pts, 0, D("0"), D("2"), r, &got[4], &level,
                               w, sizeof w);
        for (int k = 0; k < 5; k++)
            if (st || strcmp(dec_format(got[k], r, 0, b, sizeof b), scored[k].out[m])) {
                printf("  %s, %s: got %s\n", scored[k].what, dec_round_mode_name(modes[m]), b);
                bad++;
            }
    }
    test_cond("five-level, weighted, renormalised total and ratio round by the mode; the "
              "seed's 95.7381 under all three", bad == 0);

    /* properties over generated values with 8 decimals, rounded to 4 */
    unsigned long long seed = 0x2545f4914f6cdd1dull;
    int far = 0, ties = 0, parted = 0, down_out = 0;
    for (int t = 0; t < 20000; t++) {
        unsigned long long u = seed ^= seed << 13, k;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        k = u % 100000000ull;
        if (t % 4 == 0)
            k = k / 10000 * 10000 + 5000; /* an exact half */
        rg_dec x = {(rg_i128)k * (t % 2 ? -1 : 1), 8}, r[3], d;
        for (int m = 0; m < 3; m++)
            r[m] = dec_round(x, (rg_rounding){4, modes[m]});
        /* the half modes are within half a unit, down within one, toward zero */
        for (int m = 0; m < 2; m++) {
            dec_sub(x, r[m], &d);
            if (dec_cmp(d, D("0.00005")) > 0 || dec_cmp(d, D("-0.00005")) < 0)
                far++;
        }
        dec_sub(x, r[2], &d);
        if ((x.coef < 0 ? dec_cmp(d, D("0")) > 0 : dec_cmp(d, D("0")) < 0) ||
            dec_cmp(d, D("0.0001")) >= 0 || dec_cmp(d, D("-0.0001")) <= 0)
            down_out++;
        /* they part only at a tie, where half-even's last digit is even */
        int tie = k % 10000 == 5000;
        ties += tie;
        if (dec_cmp(r[0], r[1]) != 0 && (!tie || r[1].coef % 2 != 0))
            parted++;
    }
    printf("  (20000 generated values, %d exact halves)\n", ties);
    test_cond("property: half-up and half-even are within half a unit", far == 0);
    test_cond("property: down drops the digits toward zero, less than a unit", down_out == 0);
    test_cond("property: half-up and half-even part only at exact halves, half-even to even",
              parted == 0 && ties >= 5000);
}

/* ---- five-level ------------------------------------------------------------------- */

/* The value of each space-separated number of s into v (at most n);
 * returns how many. */
static int numbers(const char *s, rg_dec *v, int n)
{
    char tmp[64];
    int k = 0;
    while (*s && k < n) {
        size_t len = strcspn(s, " ");
        snprintf(tmp, sizeof tmp, "%.*s", (int)len, s);
        v[k++] = D(tmp);
        s += len;
        s += *s == ' ';
    }
    return k;
}

/* Every case of tests/data/scores/cases.tsv (the table scores.sh also
 * renders through the CLI) under each mode: the score, the level of a
 * target table, and half-up's working.  Returns the cases that failed;
 * *count gets how many were run. */
static int table_cases(int *count)
{
    FILE *f = fopen(RG_TEST_DATA "/scores/cases.tsv", "r");
    char line[1024];
    int bad = 0;
    *count = 0;
    if (!f)
        return 1;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = 0;
        const char *col[12];
        int n = 0;
        for (char *p = line; n < 12; n++) {
            col[n] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                n++;
                break;
            }
            *tab = 0;
            p = tab + 1;
        }
        if (n < 11) {
            printf("  a line of cases.tsv has %d columns\n", n);
            bad++;
            continue;
        }
        int method = score_method_from_name(col[0]), lower = !strcmp(col[3], "no");
        for (int m = 0; m < 3; m++) {
            rg_rounding r = {4, modes[m]};
            rg_dec s = {0, 0}, th[5], pts[3];
            char w[256] = "";
            int st, level = -1;
            if (method == RG_METHOD_FIVE_LEVEL && numbers(col[1], th, 5) == 5)
                st = score_five_level(th, lower, D(col[4]), D(col[5]), r, &s, w, sizeof w);
            else if (method == RG_METHOD_MILESTONE)
                st = score_milestone(D(col[5]), &s, w, sizeof w);
            else if (numbers(col[1], th, 3) == 3 && numbers(col[2], pts, 3) == 3)
                st = score_targets((rg_method)method, th, pts, lower, D(col[4]), D(col[5]), r, &s,
                                   &level, w, sizeof w);
            else
                st = -9;
            int want_level = col[9][0] == '-' ? -1 : col[9][0] - '0';
            if (st || dec_cmp(s, D(col[6 + m])) != 0 || level != want_level ||
                (m == 0 && strcmp(w, col[10]))) {
                printf("  %s %s value %s, %s: status %d, score %s (want %s), level %d, work %s\n",
                       col[0], col[1], col[5], dec_round_mode_name(modes[m]), st, F(s, 4),
                       col[6 + m], level, w);
                bad++;
            }
            (*count)++;
        }
    }
    fclose(f);
    return bad;
}

static void test_five_level(void)
{
    int count, bad = table_cases(&count);
    printf("  (%d cases of cases.tsv under the three modes)\n", count);
    test_cond("cases.tsv: five-level, milestone, discrete, interpolated and ratio on, between, "
              "above and below their thresholds, both directions, each mode", bad == 0 &&
              count >= 3 * 45);
    rg_dec v[5] = {D("60"), D("70"), D("70"), D("90"), D("100")}, s;
    char w[128];
    test_cond("five-level: equal thresholds are out of order",
              score_five_level(v, 0, D("0"), D("75"), R4, &s, w, sizeof w) == SCORE_ORDER);
    rg_dec up[5] = {D("1"), D("2"), D("3"), D("4"), D("5")};
    test_cond("five-level: increasing thresholds for lower-is-better are out of order",
              score_five_level(up, 1, D("0"), D("3"), R4, &s, w, sizeof w) == SCORE_ORDER);
    test_cond("five-level: 2 decimals when the document asks for 2",
              score_five_level(up, 0, D("0"), D("2.555"), P(2), &s, w, sizeof w) == 0 &&
                  !strcmp(F(s, 2), "2.56") && !strcmp(w, "2 + (2.555 − 2) / (3 − 2) = 2.56"));
}

/* ---- milestone and targets ------------------------------------------------------- */

static void test_targets(void)
{
    rg_dec s;
    char w[256];
    test_cond("milestone: 3.5 steps is refused", score_milestone(D("3.5"), &s, w, sizeof w) ==
                                                     SCORE_RANGE);
    test_cond("milestone: 6 steps is refused", score_milestone(D("6"), &s, w, sizeof w) ==
                                                   SCORE_RANGE);

    rg_dec th[3] = {D("70"), D("60"), D("80")}, pts[3] = {D("50"), D("75"), D("100")};
    int level;
    test_cond("targets: thresholds out of order are refused",
              score_targets(RG_METHOD_INTERPOLATED, th, pts, 0, D("0"), D("65"), R4, &s, &level, w,
                            sizeof w) == SCORE_ORDER);
    rg_dec z[3] = {D("-2"), D("-1"), D("0")};
    test_cond("targets: a ratio against a zero threshold fails",
              score_targets(RG_METHOD_RATIO, z, pts, 0, D("0"), D("65"), R4, &s, &level, w,
                            sizeof w) == SCORE_OVERFLOW);
    rg_dec tw, tot;
    test_cond("renormalised total: weights 30+20 of 100 counted, weighted 1.5+0.6 gives 4.2",
              dec_add(D("1.5"), D("0.6"), &tw) == 0 &&
                  score_renormalise(D("50"), tw, R4, &tot) == 0 && !strcmp(F(tot, 4), "4.2000"));
    test_cond("renormalised total: no weight counted fails",
              score_renormalise(D("0"), D("0"), R4, &tot) == -1);
}

/* ---- properties ----------------------------------------------------------------- */

/* A deterministic generator (xorshift), so failures reproduce. */
static unsigned long long rng_next(unsigned long long *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_properties(void)
{
    unsigned long long seed = 0x9e3779b97f4a7c15ull;
    int nonmono = 0, jumps = 0, outside = 0, runs = 0;
    for (int t = 0; t < 200; t++) {
        /* five strictly increasing thresholds in hundredths */
        rg_dec v[5], rv[5];
        long long at = (long long)(rng_next(&seed) % 10000);
        for (int k = 0; k < 5; k++) {
            at += 1 + (long long)(rng_next(&seed) % 3000);
            v[k] = (rg_dec){at, 2};
            rv[k] = (rg_dec){-at, 2};
        }
        int lower = t % 2;
        const rg_dec *th = lower ? rv : v; /* mirrored: negative thresholds, decreasing */
        rg_dec prev = {0, 0};
        int have = 0;
        /* walk x across the whole range in steps of 0.01 (lower: descending) */
        long long lo = v[0].coef - 500, hi = v[4].coef + 500;
        for (long long c = lo; c <= hi; c += 1 + (long long)(rng_next(&seed) % 7)) {
            rg_dec x = {lower ? -c : c, 2}, s;
            char w[256];
            if (score_five_level(th, lower, (rg_dec){0, 0}, x, R4, &s, w, sizeof w)) {
                outside++;
                break;
            }
            runs++;
            if (dec_cmp(s, (rg_dec){0, 0}) < 0 || dec_cmp(s, (rg_dec){5, 0}) > 0)
                outside++;
            if (have && dec_cmp(s, prev) < 0)
                nonmono++;
            prev = s;
            have = 1;
        }
        /* continuity: just below each threshold k >= 2 the score is within
         * 0.0001 x (1 + 1/gap) of k */
        for (int k = 1; k < 5; k++) {
            rg_dec below = {v[k].coef - 1, 2}, s, kk = dec_from_int(k + 1), d;
            char w[256];
            if (lower)
                below.coef = -below.coef;
            score_five_level(th, lower, (rg_dec){0, 0}, below, R4, &s, w, sizeof w);
            dec_sub(kk, s, &d);
            /* one hundredth of a gap of at least 0.01 is at most one unit */
            rg_dec gap;
            dec_sub(v[k], v[k - 1], &gap);
            rg_dec bound;
            dec_div((rg_dec){1, 2}, gap, R4, &bound);
            dec_add(bound, (rg_dec){1, 4}, &bound);
            if (dec_cmp(d, (rg_dec){0, 0}) < 0 || dec_cmp(d, bound) > 0)
                jumps++;
        }
    }
    printf("  (%d generated five-level results)\n", runs);
    test_cond("property: five-level scores never decrease as the result improves", nonmono == 0);
    test_cond("property: five-level scores stay within [floor, 5]", outside == 0);
    test_cond("property: five-level scores are continuous at every inner threshold", jumps == 0);
    test_cond("property: enough values were generated", runs > 20000);

    nonmono = outside = 0;
    for (int t = 0; t < 200; t++) {
        long long a = (long long)(rng_next(&seed) % 10000);
        long long b = a + 1 + (long long)(rng_next(&seed) % 2000);
        long long c = b + 1 + (long long)(rng_next(&seed) % 2000);
        rg_dec th[3] = {{a, 2}, {b, 2}, {c, 2}}, pts[3] = {{50, 0}, {75, 0}, {100, 0}};
        rg_dec prev = {0, 0};
        for (long long x = a - 100; x <= c + 100; x += 3) {
            rg_dec s;
            int level;
            char w[256];
            for (int m = RG_METHOD_DISCRETE; m <= RG_METHOD_INTERPOLATED; m++) {
                if (score_targets((rg_method)m, th, pts, 0, (rg_dec){0, 0}, (rg_dec){x, 2}, R4, &s,
                                  &level, w, sizeof w) ||
                    dec_cmp(s, (rg_dec){100, 0}) > 0)
                    outside++;
                if (m == RG_METHOD_INTERPOLATED) {
                    if (x > a - 100 && dec_cmp(s, prev) < 0)
                        nonmono++;
                    prev = s;
                }
            }
        }
    }
    test_cond("property: interpolated target scores never decrease, never exceed the top",
              nonmono == 0 && outside == 0);
}

int main(void)
{
    test_decimal();
    test_rounding();
    test_five_level();
    test_targets();
    test_properties();
    return test_report();
}
