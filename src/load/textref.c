/* textref.c - evidence references written as plain text.
 *
 * Design: agencies cite their evidence in running text, "(ตามหลักฐาน
 * อ้างอิง ข้อ ๒๕ และ ๒๖)", long before anyone marks it up.  The loader
 * turns such citations into links to the numbered items (<evidence><item>)
 * without changing a byte of the text, so this scanner only reports where
 * the numbers are.  It is deliberately narrow: a number counts only after
 * the word หลักฐาน and ข้อ/ที่ (so "หลักฐาน 3 ชิ้น", three pieces of
 * evidence, is not a reference, nor is any bare "ข้อ 3", which in Thai
 * reports mostly names a clause), and a list goes on only over explicit
 * separators (",", และ, หรือ, ถึง, dashes).  Sub-numbers ("ข้อ 7.1",
 * "๒.๑") name parts of an item list the source does not number; they are
 * left alone rather than guessed.  One pass, no backtracking beyond a
 * keyword's length: linear in the text. */
#define _GNU_SOURCE /* memmem */
#include "load/textref.h"

#include <string.h>

/* Length of the literal lit when s[i..n) starts with it, else 0. */
static size_t lit_at(const char *s, size_t n, size_t i, const char *lit)
{
    size_t k = strlen(lit);
    return i <= n && n - i >= k && !memcmp(s + i, lit, k) ? k : 0;
}

/* The value 0-9 of the digit at s[i] (Arabic, or Thai ๐-๙: E0 B9 90-99)
 * and its length in *len, or -1. */
static int digit_at(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s;
    if (i < n && u[i] >= '0' && u[i] <= '9') {
        *len = 1;
        return u[i] - '0';
    }
    if (i + 2 < n && u[i] == 0xE0 && u[i + 1] == 0xB9 && u[i + 2] >= 0x90 && u[i + 2] <= 0x99) {
        *len = 3;
        return u[i + 2] - 0x90;
    }
    return -1;
}

/* Past the spaces at i (ASCII white space and NBSP). */
static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    for (;;) {
        if (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        else if (lit_at(s, n, i, "\xC2\xA0"))
            i += 2;
        else
            return i;
    }
}

/* The first of the literals lits (NULL-ended) at i: its length, or 0. */
static size_t any_at(const char *s, size_t n, size_t i, const char *const *lits)
{
    for (; *lits; lits++) {
        size_t k = lit_at(s, n, i, *lits);
        if (k)
            return k;
    }
    return 0;
}

/* Read the number at i: its digits' end in *end and value in *v; 0 when
 * there is none, or it is a sub-number ("7.1") or grouped ("1,000"). */
static int number_at(const char *s, size_t n, size_t i, size_t *end, long *v)
{
    size_t len, count = 0;
    int d;
    *v = 0;
    while ((d = digit_at(s, n, i, &len)) >= 0) {
        if (++count > 9)
            return 0;
        *v = *v * 10 + d;
        i += len;
    }
    if (!count)
        return 0;
    *end = i;
    if (i < n && s[i] == '.' && digit_at(s, n, i + 1, &len) >= 0)
        return 0; /* 7.1: a sub-item */
    if (i < n && s[i] == ',') { /* 1,000: exactly three digits then no digit */
        size_t j = i + 1, k = 0;
        while (k < 4 && digit_at(s, n, j, &len) >= 0) {
            j += len;
            k++;
        }
        if (k == 3)
            return 0;
    }
    return 1;
}

void textref_scan(const char *s, size_t n, textref_fn fn, void *user)
{
    static const char *const kw = "หลักฐาน";
    static const char *const more[] = {"อ้างอิง", "ประกอบ", NULL};
    static const char *const lead[] = {"ข้อที่", "ข้อ", "ลำดับที่", "ที่", NULL};
    static const char *const item_word[] = {"ข้อที่", "ข้อ", NULL};
    static const char *const sep[] = {",", "และ", "หรือ", "ถึง", "-", "\xE2\x80\x93",
                                      "\xE2\x80\x94", NULL}; /* - – — */
    size_t kwlen = strlen(kw);
    for (size_t i = 0; i + kwlen <= n;) {
        const char *hit = memmem(s + i, n - i, kw, kwlen);
        if (!hit)
            return;
        size_t j = (size_t)(hit - s) + kwlen;
        i = j;
        j += any_at(s, n, j, more);
        j = skip_spaces(s, n, j);
        size_t k = any_at(s, n, j, lead);
        if (!k)
            continue;
        j = skip_spaces(s, n, j + k);
        size_t end;
        long v;
        while (number_at(s, n, j, &end, &v)) {
            textref r = {j, end, v};
            fn(user, &r);
            i = end;
            /* a separator, then optionally ข้อ, then the next number */
            size_t t = end, m;
            int seen = 0;
            for (;;) {
                t = skip_spaces(s, n, t);
                if (!(m = any_at(s, n, t, sep)))
                    break;
                t += m;
                seen = 1;
            }
            if (!seen)
                break;
            t += any_at(s, n, t, item_word);
            j = skip_spaces(s, n, t);
        }
    }
}
