/* strdist.h - "did you mean": the nearest of some names to a word. */
#ifndef RG_UTIL_STRDIST_H
#define RG_UTIL_STRDIST_H

/* Damerau-Levenshtein distance (optimal string alignment) of a and b,
 * byte-wise, capped at 9 (and 9 for words over 40 bytes). */
int str_distance(const char *a, const char *b);

/* The candidate closest to word: the same but for ASCII case first, else
 * the nearest within an edit distance of 1 (2 from 5 letters on), less
 * than half the candidate's length; NULL when none is that close. */
const char *str_closest(const char *word, const char *const *cand, int n);

#endif
