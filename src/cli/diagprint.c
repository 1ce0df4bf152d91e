/* diagprint.c - how the CLI shows diagnostics: the language, the line,
 * and on a terminal the source line with a caret under the column.
 *
 * Design: the library formats the line ("file:line:col: error: message
 * [code]", rg_diagnostic_format_ex, in the context's language); this file
 * adds what only a terminal user wants, the way good compilers do:
 *
 *   report.xml:10:5: error: unknown element <supervisior>; did you mean ... [schema]
 *      10 |     <supervisior>
 *         |     ^
 *
 * Every command prints through here, preview --watch too (each line after
 * its time stamp: cli_print_diagnostics_prefixed), so the severity words
 * are the same everywhere.
 * The excerpt and colours appear only when stderr is a terminal; colours
 * not when NO_COLOR is set (https://no-color.org).  The source line is
 * read again from the file (diagnostics carry positions, not text), at
 * most once per file per batch of diagnostics.  The caret's column counts
 * display cells: Thai above and below marks take none, East Asian wide
 * characters two; tabs and control characters are shown as one space.
 *
 * The language: --lang LANG on the command line (any command), else the
 * first of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set; Thai ("th",
 * "th_TH.UTF-8") or English.  It is the program's setting, passed to every
 * context the CLI makes (the library has no global language), and the
 * language of the program's own words: help, usage errors, "wrote ..."
 * (cli_tr, cli_say: the same catalogue, po/th.po). */
#define _POSIX_C_SOURCE 200809L
#include "cli/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The language of the program's contexts ("th", "en"); NULL: English. */
static const char *cli_lang;
/* The same as a catalogue language (RG_LANG_EN, RG_LANG_TH): set once by
 * cli_lang_init before any thread starts, read only afterwards. */
static int cli_lang_id = RG_LANG_EN;

int cli_lang_init(int *argc, char **argv)
{
    int k = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            while (i < *argc)
                argv[k++] = argv[i++];
            break;
        }
        if (!strcmp(a, "--lang") || !strncmp(a, "--lang=", 7)) {
            const char *v = a[6] == '=' ? a + 7 : i + 1 < *argc ? argv[++i] : NULL;
            if (!v || rg_context_set_language(NULL, v) != 0) {
                fprintf(stderr, "raingan: --lang wants th or en, not '%s'\n", v ? v : "");
                return -1;
            }
            cli_lang = v;
            continue;
        }
        argv[k++] = argv[i];
    }
    *argc = k;
    argv[k] = NULL;
    if (!cli_lang) {
        static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
        for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !cli_lang; i++) {
            const char *v = getenv(vars[i]);
            if (v && *v)
                cli_lang = v;
        }
    }
    int id = i18n_language_from_name(cli_lang);
    cli_lang_id = id < 0 ? RG_LANG_EN : id;
    return 0;
}

const char *cli_tr(const char *msgid) { return i18n_lookup(cli_lang_id, msgid); }

const char *cli_strerror(int e) { return i18n_strerror(cli_lang_id, e); }

void cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, cli_tr(fmt), ap);
    va_end(ap);
}

void cli_help(FILE *f, const char *part, ...)
{
    va_list ap;
    va_start(ap, part);
    for (const char *s = part; s; s = va_arg(ap, const char *))
        fputs(cli_tr(s), f);
    va_end(ap);
}

void cli_count(char *out, size_t size, size_t n, const char *one, const char *many)
{
    char fmt[128];
    snprintf(fmt, sizeof fmt, "%s", cli_tr(n == 1 ? one : many));
    snprintf(out, size, fmt, n);
}

rg_context *cli_context_new(void)
{
    rg_context *ctx = rg_context_new();
    if (ctx && cli_lang)
        rg_context_set_language(ctx, cli_lang); /* unknown languages: English */
    return ctx;
}

/* ==== the excerpt ======================================================= */

/* The code point at s (*n receives its length, 1 for an invalid byte). */
static unsigned decode(const unsigned char *s, size_t avail, size_t *n)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (!k || k > avail) {
        *n = 1;
        return 0xFFFD;
    }
    unsigned v = k == 1 ? c : c & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *n = 1;
            return 0xFFFD;
        }
        v = v << 6 | (s[i] & 0x3F);
    }
    *n = k;
    return v;
}

/* Terminal cells of code point c: 0 for Thai above/below marks and
 * combining marks, 2 for East Asian wide ones, else 1. */
static int cells(unsigned c)
{
    if (c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E) ||
        (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200C || c == 0x200D)
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
        (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int cli_display_width(const char *s)
{
    int w = 0;
    size_t len = strlen(s);
    for (size_t i = 0, n; i < len; i += n)
        w += cells(decode((const unsigned char *)s + i, len - i, &n));
    return w;
}

/* A file's bytes, read once for all its diagnostics. */
typedef struct source_cache {
    char *path;
    char *data;
    size_t len;
} source_cache;

/* The bytes of path (NULL when it cannot be read or is not a regular
 * file of at most 64 MiB). */
static const char *cached_source(source_cache *sc, const char *path, size_t *len)
{
    if (!sc->path || strcmp(sc->path, path)) {
        free(sc->path);
        free(sc->data);
        sc->path = strdup(path);
        sc->data = NULL;
        sc->len = 0;
        FILE *f = fopen(path, "rb");
        if (f && fseek(f, 0, SEEK_END) == 0) {
            long n = ftell(f);
            if (n >= 0 && n <= (64L << 20) && fseek(f, 0, SEEK_SET) == 0 &&
                (sc->data = malloc((size_t)n + 1)) &&
                fread(sc->data, 1, (size_t)n, f) == (size_t)n) {
                sc->len = (size_t)n;
            } else {
                free(sc->data);
                sc->data = NULL;
            }
        }
        if (f)
            fclose(f);
    }
    *len = sc->len;
    return sc->data;
}

/* Print line `line` of data with a caret under code point `col` (1-based)
 * to f, each of the two lines after prefix: at most about 70 cells around
 * the caret on long lines. */
static void print_excerpt(FILE *f, const char *prefix, const char *data, size_t len, int line,
                          int col, int color)
{
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        i = 3;
    for (int l = 1; l < line && i < len; i++)
        if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n')))
            l++;
    if (i >= len && line > 1)
        return;
    size_t end = i;
    while (end < len && data[end] != '\n' && data[end] != '\r')
        end++;
    /* The window: from up to 40 code points before the column to 70 cells. */
    size_t start = i, at = i;
    for (int c = 1; c < col && at < end; c++) {
        size_t n;
        decode((const unsigned char *)data + at, end - at, &n);
        at += n;
    }
    int before = 0;
    for (size_t p = i; p < at; before++) {
        size_t n;
        decode((const unsigned char *)data + p, end - p, &n);
        p += n;
    }
    for (int skip = before - 40; skip > 0; skip--) {
        size_t n;
        decode((const unsigned char *)data + start, end - start, &n);
        start += n;
    }
    char text[1024], caret[512];
    size_t tn = 0, cn = 0;
    int width = 0;
    if (start > i) {
        tn += (size_t)snprintf(text, sizeof text, "…");
        cn += (size_t)snprintf(caret, sizeof caret, " ");
        width = 1;
    }
    size_t p = start;
    while (p < end && width < 70 + (p < at ? 1000 : 0) && tn + 8 < sizeof text) {
        size_t n;
        unsigned c = decode((const unsigned char *)data + p, end - p, &n);
        int w = c < 0x20 || c == 0x7F ? 1 : cells(c);
        if (c < 0x20 || c == 0x7F || c == 0xFFFD || (c >= 0x80 && c < 0xA0))
            text[tn++] = ' ';
        else {
            memcpy(text + tn, data + p, n);
            tn += n;
        }
        if (p < at)
            for (int k = 0; k < w && cn + 2 < sizeof caret; k++)
                caret[cn++] = ' ';
        width += w;
        p += n;
    }
    if (p < end && tn + 4 < sizeof text)
        tn += (size_t)snprintf(text + tn, sizeof text - tn, "…");
    text[tn] = 0;
    caret[cn] = 0;
    char num[16];
    int gutter = snprintf(num, sizeof num, "%d", line);
    const char *blue = color ? "\033[1;34m" : "", *off = color ? "\033[0m" : "";
    const char *green = color ? "\033[1;32m" : "";
    fprintf(f, "%s%s %s |%s %s\n", prefix, blue, num, off, text);
    fprintf(f, "%s%s %*s |%s %s%s^%s\n", prefix, blue, gutter, "", off, caret, green, off);
}

/* ==== printing ========================================================== */

/* A diagnostic's place in the printed order. */
typedef struct placed {
    int line, col;
    size_t i; /* its index in the context: ties keep the order of finding */
} placed;

static int by_place(const void *a, const void *b)
{
    const placed *x = a, *y = b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

/* The order to print ctx's diagnostics in: each run of one file's in
 * source order (line, column), as a reader fixes them top down; the runs
 * (a template's mistakes, then the form naming it) stay as found.  NULL
 * when out of memory (then the order of finding). */
static placed *print_order(const rg_context *ctx, size_t n)
{
    placed *o = n ? malloc(n * sizeof *o) : NULL;
    for (size_t i = 0; o && i < n; i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        o[i] = (placed){d->line, d->col, i};
    }
    for (size_t s = 0, e; o && s < n; s = e) {
        const char *file = rg_context_diagnostic(ctx, s)->file;
        for (e = s + 1; e < n; e++) {
            const char *g = rg_context_diagnostic(ctx, e)->file;
            if (!file != !g || (file && strcmp(file, g)))
                break;
        }
        qsort(o + s, e - s, sizeof *o, by_place);
    }
    return o;
}

void cli_print_diagnostics_prefixed(FILE *f, const rg_context *ctx, const char *prefix)
{
    int tty = isatty(fileno(f));
    const char *nc = getenv("NO_COLOR");
    int color = tty && !(nc && *nc);
    source_cache sc = {NULL, NULL, 0};
    size_t n = rg_context_diagnostic_count(ctx);
    placed *order = print_order(ctx, n);
    for (size_t k = 0; k < n; k++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, order ? order[k].i : k);
        char line[8192];
        rg_diagnostic_format_ex(ctx, d, color ? RG_FORMAT_COLOR : 0, line, sizeof line);
        char *hint = strstr(line, "\n  ");
        if (hint)
            *hint = 0;
        fprintf(f, "%s%s\n", prefix, line);
        size_t len;
        const char *data = tty && d->file && d->line > 0 ? cached_source(&sc, d->file, &len) : NULL;
        if (data)
            print_excerpt(f, prefix, data, len, d->line, d->col > 0 ? d->col : 1, color);
        if (hint)
            fprintf(f, "%s%s\n", prefix, hint + 1);
    }
    free(order);
    free(sc.path);
    free(sc.data);
}

void cli_print_diagnostics_to(FILE *f, const rg_context *ctx)
{
    cli_print_diagnostics_prefixed(f, ctx, "");
}

void cli_print_diagnostics(rg_context *ctx) { cli_print_diagnostics_to(stderr, ctx); }
