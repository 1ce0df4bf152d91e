/* breaker.c - UAX #14 + Thai dictionary line-break opportunities.
 *
 * The model: one pass of ICU's line BreakIterator over the whole paragraph
 * (UTF-8 through UText, so positions are byte offsets) gives the Unicode
 * line-break opportunities and hard breaks for Latin, digits, punctuation
 * and URLs.  ICU would also break Thai with its own dictionary; raingan uses
 * libthai instead (the brief's choice, and the dictionary Thai desktop
 * software shares), so inside every maximal run of Thai characters ICU's
 * opportunities are dropped and libthai's are used.  The run's edges keep
 * ICU's decision, which already forbids breaks before closing punctuation.
 *
 * Then the project word list: listed words are protected (no break inside
 * them), and their edges become break opportunities where they touch Thai
 * letters (so ศปก.ต.ทำ may break after the abbreviation, which UAX #14
 * alone forbids after a full stop).  Matching takes the longest listed word
 * at each position and, of those, the non-overlapping set that covers most
 * of the text, the leftmost on a tie (ประจำ|ปีงบประมาณ, not
 * ประจำปี|งบประมาณ).  Last, Thai rules that neither library applies: no
 * line starts with ๆ (mai yamok) or ฯ (paiyannoi), even after a space
 * (ต่างๆ, เด็ก ๆ, ศูนย์ฯ), and ฯลฯ is never split.
 *
 * Trade-offs: libthai's maximal-matching dictionary is good on running
 * text but splits unknown abbreviations; the word list is the cure users
 * control.  The breaker is per thread because a UBreakIterator may not be
 * used from two threads at once; libthai's dictionary (rg_thaidict) is
 * shared by all of them. */
#define _POSIX_C_SOURCE 200809L /* access */
#include "text/breaker.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <wchar.h>

#include "util/fileio.h"
#include "util/memo.h"

/* ---- UTF-8 --------------------------------------------------------------- */

int utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
    if (len == 0 || (size_t)len > n || u[0] > 0xF4) {
        *cp = 0xFFFD;
        return 1;
    }
    uint32_t c = u[0] & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return len;
}

static int is_thai(uint32_t c) { return c >= 0x0E01 && c <= 0x0E5B; }
static int is_thai_letter(uint32_t c) { return c >= 0x0E01 && c <= 0x0E4E && c != 0x0E3F; }

/* ---- word list ----------------------------------------------------------- */

typedef struct word {
    uint32_t *cps; /* code points */
    size_t n;      /* their number */
} word;

/* A sorted list of words. */
typedef struct wlist {
    word *words;     /* sorted by code points after seal */
    size_t n, cap;
} wlist;

struct rg_wordlist {
    rg_context *ctx; /* allocator; must outlive the list */
    wlist words;     /* never split (data/words.txt, --words) */
    wlist titles;    /* written before a name (data/titles.txt) */
};

rg_wordlist *wordlist_new(rg_context *ctx)
{
    rg_wordlist *wl = rg_calloc(ctx, 1, sizeof *wl);
    if (wl)
        wl->ctx = ctx;
    return wl;
}

void wordlist_free(rg_wordlist *wl)
{
    if (!wl)
        return;
    wlist *lists[2] = {&wl->words, &wl->titles};
    for (int k = 0; k < 2; k++) {
        for (size_t i = 0; i < lists[k]->n; i++)
            rg_free(wl->ctx, lists[k]->words[i].cps);
        rg_free(wl->ctx, lists[k]->words);
    }
    rg_free(wl->ctx, wl);
}

/* Add one entry to l (wordlist_add's rules). */
static int list_add(rg_wordlist *wl, wlist *l, const char *s, size_t len)
{
    while (len && (s[0] == ' ' || s[0] == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        len--;
    if (len == 0 || s[0] == '#')
        return 0;
    uint32_t *cps = rg_malloc(wl->ctx, len * sizeof *cps);
    if (!cps || rg_grow(wl->ctx, (void **)&l->words, &l->cap, l->n + 1, sizeof *l->words)) {
        rg_free(wl->ctx, cps);
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += (size_t)utf8_decode(s + i, len - i, &c);
        cps[n++] = c;
    }
    l->words[l->n++] = (word){cps, n};
    return 0;
}

int wordlist_add(rg_wordlist *wl, const char *s, size_t len)
{
    return list_add(wl, &wl->words, s, len);
}

int wordlist_add_title(rg_wordlist *wl, const char *s, size_t len)
{
    return list_add(wl, &wl->titles, s, len);
}

/* Add every line of a file to l. */
static rg_status list_add_file(rg_wordlist *wl, wlist *l, rg_context *ctx, const char *path)
{
    char *data;
    size_t len;
    rg_status st = file_read_all(ctx, path, 16u << 20, &data, &len);
    if (st)
        return st;
    /* Lines end at LF, CRLF or a lone CR (old Mac editors' lists). */
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && data[j] != '\n' && data[j] != '\r')
            j++;
        if (list_add(wl, l, data + i, j - i)) {
            rg_free(ctx, data);
            return RG_ERR_NOMEM;
        }
        i = j + 1 + (j + 1 < len && data[j] == '\r' && data[j + 1] == '\n');
    }
    rg_free(ctx, data);
    return RG_OK;
}

rg_status wordlist_add_file(rg_wordlist *wl, rg_context *ctx, const char *path)
{
    return list_add_file(wl, &wl->words, ctx, path);
}

rg_status wordlist_add_title_file(rg_wordlist *wl, rg_context *ctx, const char *path)
{
    return list_add_file(wl, &wl->titles, ctx, path);
}

static int word_cmp(const void *a, const void *b)
{
    const word *x = a, *y = b;
    size_t n = x->n < y->n ? x->n : y->n;
    for (size_t i = 0; i < n; i++)
        if (x->cps[i] != y->cps[i])
            return x->cps[i] < y->cps[i] ? -1 : 1;
    return (x->n > y->n) - (x->n < y->n);
}

void wordlist_seal(rg_wordlist *wl)
{
    if (wl->words.n)
        qsort(wl->words.words, wl->words.n, sizeof *wl->words.words, word_cmp);
    if (wl->titles.n)
        qsort(wl->titles.words, wl->titles.n, sizeof *wl->titles.words, word_cmp);
}

size_t wordlist_count(const rg_wordlist *wl) { return wl ? wl->words.n : 0; }

size_t wordlist_title_count(const rg_wordlist *wl) { return wl ? wl->titles.n : 0; }

/* Length (in code points) of the longest listed word that starts at t[0];
 * 0 when none.  The words sharing the prefix t[0..k) are a range of the
 * sorted list, narrowed by two binary searches per code point; a word of
 * exactly k code points is the range's first (shorter sorts first).  So a
 * lookup costs O(length x log words), however many words share a first
 * character (a linear scan over them took 51 s for a million words all
 * starting with ก).  *probes counts the comparisons (for the tests). */
static size_t longest_word(const wlist *wl, const uint32_t *t, size_t n, size_t *probes)
{
    if (!wl->n || !n)
        return 0;
    size_t lo = 0, hi = wl->n, best = 0;
    for (size_t k = 0; k < n && lo < hi; k++) {
        /* Within [lo, hi) every word has t[0..k) as prefix; keep those
         * whose code point k is t[k] (a word of length k sorts first). */
        size_t a = lo, b = hi;
        while (a < b) {
            size_t mid = a + (b - a) / 2;
            const word *w = &wl->words[mid];
            (*probes)++;
            if (w->n <= k || w->cps[k] < t[k])
                a = mid + 1;
            else
                b = mid;
        }
        size_t c = a, e = hi;
        while (c < e) {
            size_t mid = c + (e - c) / 2;
            (*probes)++;
            if (wl->words[mid].cps[k] <= t[k])
                c = mid + 1;
            else
                e = mid;
        }
        lo = a;
        hi = c;
        if (lo < hi && wl->words[lo].n == k + 1)
            best = k + 1;
    }
    return best;
}

/* ---- the Thai dictionary -------------------------------------------------- */

/* libthai documents (since 0.1.25) that th_brk_new and th_brk_delete must
 * be serialized, and that one ThBrk may then be used from several threads
 * at once (each call works in an environment of its own).  This lock is
 * the serialization, process-wide because libthai's requirement is. */
static pthread_mutex_t thbrk_lock = PTHREAD_MUTEX_INITIALIZER;

struct rg_thaidict {
    rg_context *ctx;       /* allocator of this struct */
    pthread_t loader;      /* the loading thread, until joined */
    pthread_mutex_t lock;  /* guards joined */
    int joined;            /* no loader to wait for: brk is final */
    ThBrk *brk;            /* the dictionary, or NULL when it failed to load */
};

static ThBrk *load_thbrk(void)
{
    pthread_mutex_lock(&thbrk_lock);
    ThBrk *brk = th_brk_new(NULL);
    pthread_mutex_unlock(&thbrk_lock);
    return brk;
}

static void *loader_main(void *p)
{
    rg_thaidict *d = p;
    d->brk = load_thbrk();
    return NULL;
}

rg_thaidict *thaidict_start(rg_context *ctx)
{
    rg_thaidict *d = rg_calloc(ctx, 1, sizeof *d);
    if (!d)
        return NULL;
    d->ctx = ctx;
    pthread_mutex_init(&d->lock, NULL);
    /* Without a thread (resource limits), load now. */
    if (pthread_create(&d->loader, NULL, loader_main, d) != 0) {
        d->brk = load_thbrk();
        d->joined = 1;
    }
    return d;
}

/* The loaded dictionary, waiting for the loader the first time. */
static ThBrk *thaidict_get(rg_thaidict *d)
{
    pthread_mutex_lock(&d->lock);
    if (!d->joined) {
        pthread_join(d->loader, NULL);
        d->joined = 1;
    }
    pthread_mutex_unlock(&d->lock);
    return d->brk;
}

void thaidict_free(rg_thaidict *d)
{
    if (!d)
        return;
    ThBrk *brk = thaidict_get(d);
    if (brk) {
        pthread_mutex_lock(&thbrk_lock);
        th_brk_delete(brk);
        pthread_mutex_unlock(&thbrk_lock);
    }
    pthread_mutex_destroy(&d->lock);
    rg_free(d->ctx, d);
}

/* ---- breaker -------------------------------------------------------------- */

struct rg_breaker {
    rg_context *ctx;          /* allocator for scratch */
    const rg_wordlist *wl;    /* borrowed */
    UBreakIterator *line;     /* ICU line iterator, Thai locale */
    ThBrk *thbrk;             /* libthai dictionary breaker, borrowed (shared) */
    uint32_t *cps;            /* scratch: code points of the text */
    size_t *offs;             /* scratch: byte offset of each code point (+1 for end) */
    size_t cap;               /* capacity of cps/offs */
    wchar_t *wbuf;            /* scratch for libthai */
    int *pos;                 /* scratch for libthai positions */
    char *masked;             /* scratch: the text as ICU sees it (Thai masked) */
    size_t maskcap;
    size_t wcap;              /* capacity of wbuf/pos */
    rg_memo *runs;            /* libthai's breaks of Thai runs already broken */
    size_t probes;            /* word-list comparisons so far (breaker_probes) */
    uint16_t *found;          /* scratch: one run's breaks */
    size_t foundcap;
    uint32_t *wlen;           /* scratch: per code point, the listed word chosen to start
                                 there (its length), or 0 (project_words) */
    uint32_t *wbest;          /* scratch: code points of listed words chosen from here on */
    size_t wlcap;             /* capacity of wlen/wbest */
};

rg_breaker *breaker_new(rg_context *ctx, const rg_wordlist *wl, rg_thaidict *dict)
{
    rg_breaker *b = rg_calloc(ctx, 1, sizeof *b);
    if (!b)
        return NULL;
    b->ctx = ctx;
    b->wl = wl;
    UErrorCode err = U_ZERO_ERROR;
    b->line = ubrk_open(UBRK_LINE, "th", NULL, 0, &err);
    if (U_FAILURE(err)) {
        rg_diag(ctx, RG_ERROR, "icu", NULL, 0, 0, NULL, "ICU line break iterator: %s",
                u_errorName(err));
        breaker_free(b);
        return NULL;
    }
    b->runs = memo_new(ctx, 2u << 20);
    if (!b->runs) {
        breaker_free(b);
        return NULL;
    }
    b->thbrk = dict ? thaidict_get(dict) : NULL;
    if (!b->thbrk) {
        /* libthai says only NULL: a dictionary file that is there and
         * readable failed for memory (or is damaged), not for a missing
         * package (under ulimit -v the message used to say "install"). */
        const char *dir = getenv("LIBTHAI_DICTDIR");
        char path[4096];
        snprintf(path, sizeof path, "%s/thbrk.tri", dir && *dir ? dir : "/usr/share/libthai");
        if (access(path, R_OK) == 0) {
            rg_diag(ctx, RG_ERROR, "out-of-memory", path, 0, 0,
                    "free memory or raise the memory limit (ulimit -v)",
                    "libthai could not load its dictionary: out of memory, or the file is "
                    "damaged");
            ctx->out_of_memory = 1;
        } else {
            rg_diag(ctx, RG_ERROR, "libthai", path, 0, 0, "install libthai-data",
                    "libthai could not load its dictionary: the file is missing");
        }
        breaker_free(b);
        return NULL;
    }
    return b;
}

size_t breaker_probes(const rg_breaker *b) { return b->probes; }

void breaker_free(rg_breaker *b)
{
    if (!b)
        return;
    if (b->line)
        ubrk_close(b->line);
    rg_free(b->ctx, b->cps);
    rg_free(b->ctx, b->offs);
    rg_free(b->ctx, b->wbuf);
    rg_free(b->ctx, b->pos);
    rg_free(b->ctx, b->masked);
    memo_free(b->runs);
    rg_free(b->ctx, b->found);
    rg_free(b->ctx, b->wlen);
    rg_free(b->ctx, b->wbest);
    rg_free(b->ctx, b);
}

/* Longest stretch handed to libthai at once.  libthai's cost per call
 * grows with the run (it reallocates its work space as it goes), so a
 * pathological run of thousands of letters with no space is cut into
 * windows; each window after the first restarts at the last break found in
 * the one before, so only a "word" longer than a window is affected. */
enum { THAI_WINDOW = 1024 };

/* Replace opportunities strictly inside the Thai run cps[s..e) with
 * libthai's dictionary breaks. */
static int thai_run(rg_breaker *b, size_t s, size_t e, uint8_t *out);

/* thai_run through the memo: a run within one window is a pure function
 * of its text, and reports repeat their phrases (libthai's breaking was a
 * sixth of a render).  The memo keeps, per run text, the code-point
 * indices inside it where libthai allows a break. */
static int thai_run_memo(rg_breaker *b, const char *text, size_t s, size_t e, uint8_t *out)
{
    if (e - s > THAI_WINDOW)
        return thai_run(b, s, e, out);
    const char *key = text + b->offs[s];
    size_t klen = b->offs[e] - b->offs[s], vlen;
    const uint16_t *at = memo_get(b->runs, b->thbrk, 0, key, klen, &vlen);
    if (at) {
        for (size_t i = s + 1; i < e; i++)
            out[b->offs[i]] = BRK_NONE;
        for (size_t k = 0; k < vlen / sizeof *at; k++)
            out[b->offs[s + at[k]]] = BRK_ALLOW;
        return 0;
    }
    if (thai_run(b, s, e, out) ||
        rg_grow(b->ctx, (void **)&b->found, &b->foundcap, e - s, sizeof *b->found))
        return -1;
    size_t n = 0;
    for (size_t i = s + 1; i < e; i++)
        if (out[b->offs[i]] == BRK_ALLOW)
            b->found[n++] = (uint16_t)(i - s);
    return memo_put(b->runs, b->thbrk, 0, key, klen, b->found, n * sizeof *b->found) ? 0 : -1;
}

static int thai_run(rg_breaker *b, size_t s, size_t e, uint8_t *out)
{
    size_t need = (e - s < THAI_WINDOW ? e - s : THAI_WINDOW) + 1;
    if (need > b->wcap) {
        size_t cap = b->wcap;
        if (rg_grow(b->ctx, (void **)&b->wbuf, &cap, need, sizeof *b->wbuf))
            return -1;
        cap = b->wcap;
        if (rg_grow(b->ctx, (void **)&b->pos, &cap, need, sizeof *b->pos))
            return -1;
        b->wcap = cap;
    }
    for (size_t i = s + 1; i < e; i++)
        out[b->offs[i]] = BRK_NONE;
    size_t start = s;
    while (start < e) {
        size_t n = e - start < THAI_WINDOW ? e - start : THAI_WINDOW;
        for (size_t i = 0; i < n; i++)
            b->wbuf[i] = (wchar_t)b->cps[start + i];
        b->wbuf[n] = 0;
        int np = th_brk_wc_find_breaks(b->thbrk, b->wbuf, b->pos, n + 1);
        size_t last = 0;
        for (int i = 0; i < np; i++)
            if (b->pos[i] > 0 && (size_t)b->pos[i] < n) {
                out[b->offs[start + (size_t)b->pos[i]]] = BRK_ALLOW;
                last = (size_t)b->pos[i];
            }
        if (start + n >= e)
            break;
        /* Continue from the last break, or, in a window with none, after
         * it (the window boundary is then no break opportunity). */
        start += last > n / 2 ? last : n;
    }
    return 0;
}

/* ---- titles before names ---------------------------------------------------- */

/* Longest name kept whole after a title, in code points: a Thai given name
 * rarely passes 15; a longer run without a space is the name followed by
 * more text, which keeps its word breaks. */
enum { NAME_MAX = 24 };

static int is_blank(uint32_t c) { return c == ' ' || c == 0x00A0; }
/* Where a name ends: a blank or a line break. */
static int ends_name(uint32_t c) { return is_blank(c) || c < 0x20 || c == 0x2028 || c == 0x2029; }
static int is_opening(uint32_t c)
{
    return c == '(' || c == '[' || c == '"' || c == '\'' || c == 0x201C || c == 0x2018;
}

/* Forbid an allowed break before code point i (a hard break stays). */
static void no_break(const rg_breaker *b, uint8_t *out, size_t i)
{
    if (out[b->offs[i]] == BRK_ALLOW)
        out[b->offs[i]] = BRK_NONE;
}

/* A title (data/titles.txt) is never separated from the name after it,
 * and the name is not broken inside: libthai splits นายแพทย์สม|ชาย, and a
 * narrow column would print นายแพทย์ at one line's end and the name on
 * the next.  A title starts a word: at the start of the text, after a
 * blank or an opening bracket or quote, or where a Thai word begins
 * (libthai breaks before it); it ends a word when it ends in a full stop
 * or where libthai ends one (นาย|สมชาย, but not นายก), and it is the
 * longest listed title there.  Titles may follow one another (ผศ.ดร.),
 * each perhaps after one blank.  The name is what follows up to the next
 * blank or line break and starts with a letter; it is kept whole when it
 * has at most NAME_MAX code points, else only the break before it is
 * taken away.  Breaks before the title are left as they are. */
static void keep_titles(rg_breaker *b, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t before = i ? b->cps[i - 1] : ' ';
        if (!(is_blank(before) || is_opening(before) ||
              (is_thai_letter(before) && out[b->offs[i]] == BRK_ALLOW)))
            continue;
        /* The chain of titles: [i, p), a blank after each allowed. */
        size_t p = i;
        for (int titles = 0; titles < 8; titles++) {
            size_t w = longest_word(&b->wl->titles, b->cps + p, n - p, &b->probes);
            size_t e = p + w;
            if (!w || !(b->cps[e - 1] == '.' || e == n || is_blank(b->cps[e]) ||
                        out[b->offs[e]] != BRK_NONE))
                break; /* none, or นาย in นายก: not a word of its own */
            p = e + (e + 1 < n && is_blank(b->cps[e]) && !is_blank(b->cps[e + 1]));
        }
        /* The name: from a letter up to the next blank or line break. */
        size_t q = p;
        while (q < n && !ends_name(b->cps[q]))
            q++;
        if (p == i || q == p || !u_isalpha((UChar32)b->cps[p]))
            continue;
        for (size_t k = i + 1; k <= p; k++)
            no_break(b, out, k);
        if (q - p <= NAME_MAX)
            for (size_t k = p + 1; k < q; k++)
                no_break(b, out, k);
        i = p - 1;
    }
}

/* Choose the listed words to protect in the n code points of b->cps:
 * b->wlen[i] becomes the length of the word chosen to start at i, or 0.
 * Of the longest listed word at each position, the non-overlapping set
 * covering most code points is chosen (a dynamic programme from the end,
 * linear in n); on a tie the leftmost word is kept, so words that do not
 * overlap are all chosen, as leftmost-longest matching chose them.
 * Leftmost-longest alone turned ประจำปีงบประมาณ into ประจำปี|งบประมาณ
 * when both ประจำปี and ปีงบประมาณ are listed; covering most keeps
 * ปีงบประมาณ whole and breaks ประจำ|ปีงบประมาณ.  Returns -1 when out of
 * memory; empty text chooses nothing. */
static int project_words(rg_breaker *b, size_t n)
{
    if (n + 1 > b->wlcap) {
        size_t cap = b->wlcap;
        if (rg_grow(b->ctx, (void **)&b->wlen, &cap, n + 1, sizeof *b->wlen))
            return -1;
        cap = b->wlcap;
        if (rg_grow(b->ctx, (void **)&b->wbest, &cap, n + 1, sizeof *b->wbest))
            return -1;
        b->wlcap = cap;
    }
    b->wbest[n] = 0;
    for (size_t i = n; i-- > 0;) {
        size_t w = longest_word(&b->wl->words, b->cps + i, n - i, &b->probes);
        uint32_t skip = b->wbest[i + 1];
        uint32_t take = w ? (uint32_t)w + b->wbest[i + w] : 0;
        b->wlen[i] = w && take >= skip ? (uint32_t)w : 0;
        b->wbest[i] = b->wlen[i] ? take : skip;
    }
    return 0;
}

int breaker_run(rg_breaker *b, rg_context *ctx, const char *text, size_t len, uint8_t *out)
{
    memset(out, BRK_NONE, len + 1);
    out[len] = BRK_MUST;
    if (len == 0)
        return 0;

    /* 1. ICU over the whole text, with Thai masked: every Thai letter is
     * shown to ICU as a letter of the same UTF-8 length in class AL and
     * every Thai mark as a combining mark (CM), which is how UAX #14 LB1
     * resolves SA without a dictionary.  Offsets stay the same, ICU skips
     * its own Thai dictionary pass (libthai replaces those breaks anyway;
     * it was a tenth of a render), and the decisions at Thai edges are
     * unchanged. */
    if (rg_grow(ctx, (void **)&b->masked, &b->maskcap, len + 1, 1))
        return -1;
    memcpy(b->masked, text, len);
    for (size_t i = 0; i + 2 < len; i++) {
        unsigned char *u = (unsigned char *)b->masked + i;
        if (u[0] != 0xE0 || (u[1] != 0xB8 && u[1] != 0xB9))
            continue;
        uint32_t c = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        int mark = c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
        int letter = (c >= 0x0E01 && c <= 0x0E30) || c == 0x0E32 || c == 0x0E33 ||
                     (c >= 0x0E40 && c <= 0x0E46);
        if (mark) { /* U+20D0, a combining mark */
            u[0] = 0xE2, u[1] = 0x83, u[2] = 0x90;
        } else if (letter) { /* U+0800, class AL */
            u[0] = 0xE0, u[1] = 0xA0, u[2] = 0x80;
        }
        i += 2;
    }
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, b->masked, (int64_t)len, &err);
    ubrk_setUText(b->line, ut, &err);
    if (U_FAILURE(err)) {
        utext_close(ut);
        rg_diag(ctx, RG_ERROR, "icu", NULL, 0, 0, NULL, "ICU could not read the text: %s",
                u_errorName(err));
        return -1;
    }
    for (int32_t p = ubrk_following(b->line, 0); p != UBRK_DONE && (size_t)p < len;
         p = ubrk_next(b->line)) {
        int32_t status = ubrk_getRuleStatus(b->line);
        out[p] = (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT) ? BRK_MUST : BRK_ALLOW;
    }
    /* Keep the iterator from pointing at our text after we return. */
    ubrk_setText(b->line, NULL, 0, &err);
    utext_close(ut);

    /* 2. Decode once into code points with their byte offsets. */
    if (len + 1 > b->cap) {
        size_t cap = b->cap;
        if (rg_grow(ctx, (void **)&b->cps, &cap, len + 1, sizeof *b->cps))
            return -1;
        cap = b->cap;
        if (rg_grow(ctx, (void **)&b->offs, &cap, len + 1, sizeof *b->offs))
            return -1;
        b->cap = cap;
    }
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        b->offs[n] = i;
        i += (size_t)utf8_decode(text + i, len - i, &b->cps[n]);
        n++;
    }
    b->offs[n] = len;

    /* 3. Thai runs through libthai. */
    for (size_t i = 0; i < n;) {
        if (!is_thai(b->cps[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_thai(b->cps[j]))
            j++;
        if (j - i > 1 && thai_run_memo(b, text, i, j, out))
            return -1;
        i = j;
    }

    /* 4. Project words: protect their insides, open their Thai edges.
     * Where listed words overlap, the choice that covers most of the text
     * wins, the leftmost on a tie (project_words). */
    if (b->wl && b->wl->words.n && project_words(b, n))
        return -1;
    for (size_t i = 0; i < n;) {
        size_t w = b->wl && b->wl->words.n ? b->wlen[i] : 0;
        if (w == 0) {
            i++;
            continue;
        }
        for (size_t k = i + 1; k < i + w; k++)
            if (out[b->offs[k]] == BRK_ALLOW)
                out[b->offs[k]] = BRK_NONE;
        if (i > 0 && is_thai_letter(b->cps[i - 1]) && is_thai_letter(b->cps[i]))
            out[b->offs[i]] = BRK_ALLOW;
        if (i + w < n && is_thai_letter(b->cps[i + w]))
            out[b->offs[i + w]] = BRK_ALLOW;
        i += w;
    }

    /* 5. Titles stay with their names. */
    if (b->wl)
        keep_titles(b, n, out);

    /* 6. No line starts with ๆ (mai yamok) or ฯ (paiyannoi), whether
     * written against their word (ต่างๆ, ศูนย์ฯ) or, as the Royal
     * Institute prefers, after a space (เด็ก ๆ): the break moves after
     * them.  ฯลฯ is one sign. */
    for (size_t i = 1; i < n; i++) {
        uint32_t c = b->cps[i];
        if ((c == 0x0E46 || c == 0x0E2F) && out[b->offs[i]] == BRK_ALLOW)
            out[b->offs[i]] = BRK_NONE;
        if (c == 0x0E25 && b->cps[i - 1] == 0x0E2F && i + 1 < n && b->cps[i + 1] == 0x0E2F &&
            out[b->offs[i]] == BRK_ALLOW)
            out[b->offs[i]] = BRK_NONE;
    }
    out[0] = BRK_NONE;
    return 0;
}
