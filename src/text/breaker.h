/* breaker.h - line-break opportunities for mixed Thai/Latin text.
 *
 * UAX #14 opportunities come from ICU's line BreakIterator; inside runs of
 * Thai letters they are replaced by libthai's dictionary word breaks, then
 * corrected with the project word list (agency abbreviations and KPI terms
 * such as ศปก.ต., กคอ., ตัวชี้วัด, plus the user's own words) and the list
 * of titles (นายแพทย์ stays with the name after it).  Nothing is
 * ever inserted into the text: the result is a per-byte table.
 *
 * rg_wordlist and rg_thaidict (libthai's dictionary) are built once and
 * shared read-only; rg_breaker holds one thread's ICU iterator and scratch
 * space and must not be shared. */
#ifndef RG_TEXT_BREAKER_H
#define RG_TEXT_BREAKER_H

#include "util/context.h"
#include <stdint.h>

enum {
    BRK_NONE = 0,  /* no break before this byte */
    BRK_ALLOW = 1, /* a line may break before this byte */
    BRK_MUST = 2   /* a line must break before this byte (hard break) */
};

typedef struct rg_wordlist rg_wordlist;
typedef struct rg_breaker rg_breaker;

rg_wordlist *wordlist_new(rg_context *ctx);
void wordlist_free(rg_wordlist *wl);
/* Add one word (UTF-8, surrounding whitespace ignored; empty and '#'
 * comment lines are skipped).  Returns 0, or -1 when out of memory. */
int wordlist_add(rg_wordlist *wl, const char *word, size_t len);
/* Add every line of a UTF-8 file (lines end at LF, CRLF or CR).  Errors
 * name the file. */
rg_status wordlist_add_file(rg_wordlist *wl, rg_context *ctx, const char *path);
/* Titles written before a name (data/titles.txt: นาย, ดร., พ.ต.อ. ...),
 * which no line break separates from the name (breaker.c, keep_titles);
 * same rules as wordlist_add and wordlist_add_file. */
int wordlist_add_title(rg_wordlist *wl, const char *title, size_t len);
rg_status wordlist_add_title_file(rg_wordlist *wl, rg_context *ctx, const char *path);
/* Sort for lookup; call once after the last add, before sharing. */
void wordlist_seal(rg_wordlist *wl);
/* Words (not titles) in the list; titles. */
size_t wordlist_count(const rg_wordlist *wl);
size_t wordlist_title_count(const rg_wordlist *wl);

/* libthai's dictionary, shared by every thread.  Loading it costs about
 * 31 million instructions (8 ms), so thaidict_start begins the load on a
 * thread of its own and returns at once (the engine starts it first and
 * loads fonts meanwhile); the first breaker made with it waits for the
 * load.  NULL only when out of memory; a dictionary that failed to load is
 * reported by breaker_new. */
typedef struct rg_thaidict rg_thaidict;
rg_thaidict *thaidict_start(rg_context *ctx);
void thaidict_free(rg_thaidict *d);

/* A per-thread breaker using the shared word list and dictionary
 * (borrowed; both must outlive the breaker).  NULL on failure with a
 * diagnostic. */
rg_breaker *breaker_new(rg_context *ctx, const rg_wordlist *wl, rg_thaidict *dict);
void breaker_free(rg_breaker *b);
/* Word-list comparisons this breaker has made (a lookup costs about
 * 2 x length x log2(words); the tests bound it). */
size_t breaker_probes(const rg_breaker *b);

/* Fill out[0..len] (len + 1 entries) with BRK_* for the UTF-8 text: out[i]
 * says whether a line may or must break before byte i.  out[0] is always
 * BRK_NONE and out[len] BRK_MUST.  Entries inside a multi-byte character
 * are BRK_NONE.  Returns 0, or -1 on failure (diagnostic in ctx).  Empty
 * text gives out[0] = BRK_MUST. */
int breaker_run(rg_breaker *b, rg_context *ctx, const char *text, size_t len, uint8_t *out);

/* Decode one UTF-8 character at s (n bytes available) into *cp; returns its
 * length (1..4), or 1 with *cp = U+FFFD for an invalid byte. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

#endif
