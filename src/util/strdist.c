/* strdist.c - edit distance for "did you mean" (see strdist.h).  Names
 * here are short (element, attribute, value, template names), so the
 * quadratic table on the stack is cheap. */
#include "util/strdist.h"

#include <string.h>
#include <strings.h>

/* Damerau-Levenshtein distance of a and b (optimal string alignment),
 * capped at 9; byte-wise (element names are ASCII). */
int str_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 40 || m > 40)
        return 9;
    int d[42][42];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[n][m] > 9 ? 9 : d[n][m];
}

/* The candidate closest to word: the same but for case first, else the
 * nearest within an edit distance of 1 for short words, 2 from 5 letters
 * (and less than half the word); NULL when none is close. */
const char *str_closest(const char *word, const char *const *cand, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcasecmp(word, cand[i]))
            return cand[i];
    const char *best = NULL;
    int bestd = strlen(word) >= 5 ? 3 : 2;
    for (int i = 0; i < n; i++) {
        int d = str_distance(word, cand[i]);
        if (d < bestd && (size_t)d * 2 < strlen(cand[i])) {
            bestd = d;
            best = cand[i];
        }
    }
    return best;
}

