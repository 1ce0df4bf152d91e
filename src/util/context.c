/* context.c - allocator seam and diagnostics list.
 *
 * Design: the context is the only mutable object a thread owns.  Keeping the
 * allocator here (not in globals) lets tests count or fail allocations, and
 * lets batch mode run one context per worker with nothing shared.
 * Diagnostics are appended to a growable array; their strings are copied so
 * the reporting stage can free its own buffers at once. */
#include "util/context.h"
#include "util/i18n.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static void *libc_malloc(void *user, size_t size) { (void)user; return malloc(size); }
static void *libc_realloc(void *user, void *p, size_t size) { (void)user; return realloc(p, size); }
static void libc_free(void *user, void *p) { (void)user; free(p); }

rg_context *rg_context_new_with_allocator(const rg_allocator *alloc)
{
    rg_allocator a = {libc_malloc, libc_realloc, libc_free, NULL};
    if (alloc && alloc->malloc_fn && alloc->realloc_fn && alloc->free_fn)
        a = *alloc;
    rg_context *ctx = a.malloc_fn(a.user, sizeof *ctx);
    if (!ctx)
        return NULL;
    memset(ctx, 0, sizeof *ctx);
    ctx->alloc = a;
    return ctx;
}

rg_context *rg_context_new(void) { return rg_context_new_with_allocator(NULL); }

rg_context *context_new_child(const rg_context *parent)
{
    rg_context *ctx = rg_context_new_with_allocator(&parent->alloc);
    if (ctx)
        ctx->lang = parent->lang;
    return ctx;
}

int rg_context_set_language(rg_context *ctx, const char *lang)
{
    int l = i18n_language_from_name(lang);
    if (ctx)
        ctx->lang = l < 0 ? RG_LANG_EN : l;
    return l < 0 ? -1 : 0;
}

const char *rg_context_language(const rg_context *ctx)
{
    return ctx && ctx->lang == RG_LANG_TH ? "th" : "en";
}

const char *rg_context_translate(const rg_context *ctx, const char *msgid)
{
    return i18n_lookup(ctx ? ctx->lang : RG_LANG_EN, msgid);
}

const char *rg_strerror(const rg_context *ctx, int e)
{
    return i18n_strerror(ctx ? ctx->lang : RG_LANG_EN, e);
}

int rg_context_uses_libc(const rg_context *ctx) { return ctx->alloc.free_fn == libc_free; }

static void free_diag_strings(rg_context *ctx, rg_diagnostic *d)
{
    rg_free(ctx, (char *)d->code);
    rg_free(ctx, (char *)d->file);
    rg_free(ctx, (char *)d->message);
    rg_free(ctx, (char *)d->hint);
}

void rg_context_clear_diagnostics(rg_context *ctx)
{
    if (!ctx)
        return;
    for (size_t i = 0; i < ctx->ndiags; i++)
        free_diag_strings(ctx, &ctx->diags[i]);
    ctx->ndiags = 0;
}

void rg_context_free(rg_context *ctx)
{
    if (!ctx)
        return;
    rg_context_clear_diagnostics(ctx);
    if (ctx->cache && ctx->cache_free)
        ctx->cache_free(ctx->cache);
    if (ctx->schema && ctx->schema_free)
        ctx->schema_free(ctx->schema);
    rg_free(ctx, ctx->diags);
    rg_allocator a = ctx->alloc;
    a.free_fn(a.user, ctx);
}

void *rg_malloc(rg_context *ctx, size_t size)
{
    void *p = ctx->alloc.malloc_fn(ctx->alloc.user, size ? size : 1);
    if (!p)
        ctx->out_of_memory = 1;
    return p;
}

void *rg_calloc(rg_context *ctx, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        ctx->out_of_memory = 1;
        return NULL;
    }
    void *p = rg_malloc(ctx, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *rg_realloc(rg_context *ctx, void *ptr, size_t size)
{
    void *p = ctx->alloc.realloc_fn(ctx->alloc.user, ptr, size ? size : 1);
    if (!p)
        ctx->out_of_memory = 1;
    return p;
}

void rg_ctx_free(rg_context *ctx, void *ptr)
{
    if (ptr)
        ctx->alloc.free_fn(ctx->alloc.user, ptr);
}

void (rg_free)(void *ptr) { free(ptr); }

char *rg_strdup(rg_context *ctx, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = rg_malloc(ctx, n);
    if (d)
        memcpy(d, s, n);
    return d;
}

int rg_grow(rg_context *ctx, void **arr, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elsize)
            return ctx->out_of_memory = 1, -1;
        ncap *= 2;
    }
    void *p = rg_realloc(ctx, *arr, ncap * elsize);
    if (!p)
        return -1;
    *arr = p;
    *cap = ncap;
    return 0;
}

void rg_vdiag(rg_context *ctx, rg_severity sev, const char *code, const char *file, int line,
              int col, const char *hint, const char *fmt, va_list ap)
{
    if (rg_grow(ctx, (void **)&ctx->diags, &ctx->capdiags, ctx->ndiags + 1, sizeof *ctx->diags))
        return;
    char msg[2048];
    fmt = i18n_lookup(ctx->lang, fmt);
    hint = i18n_lookup(ctx->lang, hint);
    vsnprintf(msg, sizeof msg, fmt, ap);
    rg_diagnostic *d = &ctx->diags[ctx->ndiags++];
    d->severity = sev;
    d->code = rg_strdup(ctx, code ? code : "");
    d->file = rg_strdup(ctx, file);
    d->line = line;
    d->col = col;
    d->message = rg_strdup(ctx, msg);
    d->hint = rg_strdup(ctx, hint);
    if (!d->code || !d->message) {
        /* out of memory (ctx->out_of_memory is set): no half diagnostic,
         * whose NULL code or message every reader would trip on */
        free_diag_strings(ctx, d);
        ctx->ndiags--;
    }
}

void rg_diag(rg_context *ctx, rg_severity sev, const char *code, const char *file, int line,
             int col, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_vdiag(ctx, sev, code, file, line, col, hint, fmt, ap);
    va_end(ap);
}

size_t rg_context_diagnostic_count(const rg_context *ctx) { return ctx ? ctx->ndiags : 0; }

static int same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

size_t context_count_like(const rg_context *ctx, const char *code, const char *file,
                          const char *message)
{
    size_t n = 0;
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const rg_diagnostic *d = &ctx->diags[i];
        if (!strcmp(d->code, code) && same_str(d->file, file)) {
            if (message && !strcmp(d->message, message))
                return SIZE_MAX;
            n++;
        }
    }
    return n;
}

int context_has_at(const rg_context *ctx, const char *code, const char *file, int line)
{
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const rg_diagnostic *d = &ctx->diags[i];
        if (d->line == line && !strcmp(d->code, code) && same_str(d->file, file))
            return 1;
    }
    return 0;
}

/* Codes reported once per source line (see context_has_at). */
static int once_per_line(const char *code)
{
    return !strcmp(code, "orphan-mark") || !strcmp(code, "misplaced-mark");
}

/* Codes reported once per file and message (per character: a document
 * set in a font without Thai has thousands of occurrences). */
static int once_per_file(const char *code)
{
    return !strcmp(code, "missing-glyph") || !strcmp(code, "fallback-glyph");
}

void context_move_diagnostics(rg_context *dst, rg_context *src)
{
    for (size_t i = 0; i < src->ndiags; i++) {
        const rg_diagnostic *d = &src->diags[i];
        if (once_per_file(d->code) &&
            context_count_like(dst, d->code, d->file, d->message) == SIZE_MAX)
            continue;
        if (once_per_line(d->code) && context_has_at(dst, d->code, d->file, d->line))
            continue;
        rg_diag(dst, d->severity, d->code, d->file, d->line, d->col, d->hint, "%s", d->message);
    }
    rg_context_clear_diagnostics(src);
    if (src->out_of_memory)
        dst->out_of_memory = 1;
}

const rg_diagnostic *rg_context_diagnostic(const rg_context *ctx, size_t i)
{
    return ctx && i < ctx->ndiags ? &ctx->diags[i] : NULL;
}

size_t rg_context_count_at_least(const rg_context *ctx, rg_severity severity)
{
    size_t n = 0;
    for (size_t i = 0; ctx && i < ctx->ndiags; i++)
        n += ctx->diags[i].severity >= severity;
    return n;
}

/* ==== formatting ======================================================== */

/* Output of the formatter: bytes go to buf while they fit (whole
 * characters or escapes only, so a cut never splits a UTF-8 sequence);
 * len counts all, like snprintf. */
typedef struct fmt_out {
    char *buf;
    size_t size, len;
    size_t wrote; /* bytes in buf */
    int full;     /* something did not fit: write nothing more */
} fmt_out;

static void out_bytes(fmt_out *o, const char *s, size_t n)
{
    if (!o->full && o->wrote + n < o->size) {
        memcpy(o->buf + o->wrote, s, n);
        o->wrote += n;
    } else
        o->full = 1;
    o->len += n;
}

static void out_str(fmt_out *o, const char *s) { out_bytes(o, s, strlen(s)); }

/* s with control characters (C0, DEL, C1) written as \n, \t, \xHH, so a
 * file name or quoted value can never start a line of its own; other
 * characters whole, invalid bytes as \xHH. */
static void out_escaped(fmt_out *o, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        char esc[8];
        unsigned c = *p;
        size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
        for (size_t i = 1; i < n; i++)
            if ((p[i] & 0xC0) != 0x80)
                n = 0;
        if (n == 2 && c == 0xC2 && p[1] < 0xA0)
            n = 0; /* U+0080..U+009F: C1 controls */
        if (c == '\n' || c == '\t' || c == '\r') {
            snprintf(esc, sizeof esc, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' : 'r');
            out_str(o, esc);
            p++;
        } else if (c < 0x20 || c == 0x7F || !n) {
            size_t k = n ? n : 1;
            for (size_t i = 0; i < k; i++) {
                snprintf(esc, sizeof esc, "\\x%02X", p[i]);
                out_str(o, esc);
            }
            p += k;
        } else {
            out_bytes(o, (const char *)p, n);
            p += n;
        }
    }
}

int rg_diagnostic_format_ex(const rg_context *ctx, const rg_diagnostic *d, int flags, char *buf,
                            size_t size)
{
    static const char *const names[] = {N_("note"), N_("warning"), N_("error")};
    static const char *const colors[] = {"\033[1;36m", "\033[1;35m", "\033[1;31m"};
    int sev = d->severity <= RG_ERROR ? (int)d->severity : RG_ERROR;
    int color = flags & RG_FORMAT_COLOR;
    fmt_out o = {buf, size, 0, 0, 0};
    if (d->file) {
        char num[48] = "";
        if (color)
            out_str(&o, "\033[1m");
        out_escaped(&o, d->file);
        if (d->line > 0)
            snprintf(num, sizeof num, ":%d:%d", d->line, d->col > 0 ? d->col : 1);
        out_str(&o, num);
        out_str(&o, color ? ":\033[0m " : ": ");
    }
    if (color)
        out_str(&o, colors[sev]);
    out_str(&o, rg_context_translate(ctx, names[sev]));
    out_str(&o, color ? ":\033[0m " : ": ");
    out_escaped(&o, d->message ? d->message : "");
    if (d->code && *d->code) {
        out_str(&o, color ? " \033[2m[" : " [");
        out_escaped(&o, d->code);
        out_str(&o, color ? "]\033[0m" : "]");
    }
    if (d->hint && *d->hint) {
        out_str(&o, "\n  ");
        if (color)
            out_str(&o, "\033[1;32m");
        out_str(&o, rg_context_translate(ctx, N_("hint")));
        out_str(&o, color ? ":\033[0m " : ": ");
        out_escaped(&o, d->hint);
    }
    if (size)
        buf[o.wrote] = 0;
    return o.len > INT_MAX ? INT_MAX : (int)o.len;
}

int rg_diagnostic_format(const rg_diagnostic *d, char *buf, size_t size)
{
    return rg_diagnostic_format_ex(NULL, d, 0, buf, size);
}

const char *rg_status_name(rg_status status)
{
    switch (status) {
    case RG_OK: return "ok";
    case RG_ERR_IO: return "io";
    case RG_ERR_PARSE: return "parse";
    case RG_ERR_INVALID: return "invalid";
    case RG_ERR_FONT: return "font";
    case RG_ERR_TEMPLATE: return "template";
    case RG_ERR_LIMIT: return "limit";
    case RG_ERR_NOMEM: return "nomem";
    case RG_ERR_RENDER: return "render";
    case RG_ERR_USAGE: return "usage";
    }
    return "unknown";
}
