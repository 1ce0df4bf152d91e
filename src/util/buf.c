/* buf.c - growable byte buffer.  Appends never fail loudly: on allocation
 * failure the buffer is marked failed and later appends are ignored, so
 * callers check once at the end. */
#include "util/buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void buf_init(rg_buf *b, rg_context *ctx)
{
    memset(b, 0, sizeof *b);
    b->ctx = ctx;
}

void buf_free(rg_buf *b)
{
    rg_free(b->ctx, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_clear(rg_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = 0;
}

static int reserve(rg_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (rg_grow(b->ctx, (void **)&b->data, &b->cap, b->len + extra + 1, 1)) {
        b->failed = 1;
        return -1;
    }
    return 0;
}

void buf_append(rg_buf *b, const void *data, size_t n)
{
    if (reserve(b, n))
        return;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(rg_buf *b, const char *s) { buf_append(b, s, strlen(s)); }
void buf_putc(rg_buf *b, char c) { buf_append(b, &c, 1); }

void buf_put_subst(rg_buf *b, const char *pattern, const char *const *kv)
{
    for (const char *p = pattern; *p;) {
        size_t i = 0, kl = 0;
        for (; kv[i]; i += 2)
            if (!strncmp(p, kv[i], kl = strlen(kv[i])))
                break;
        if (kv[i]) {
            buf_puts(b, kv[i + 1] ? kv[i + 1] : "");
            p += kl;
        } else {
            buf_putc(b, *p++);
        }
    }
}

void buf_printf(rg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        buf_append(b, tmp, (size_t)n);
        return;
    }
    if (reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* PDF writing appends hundreds of numbers per glyph run and outline;
 * through vsnprintf (and glibc's multi-precision float printing) that was
 * a fifth of a render.  These two format by hand into a small array and
 * append once. */

void buf_put_dec3(rg_buf *b, double v)
{
    long long m = llround(v * 1000);
    char tmp[32], *e = tmp + sizeof tmp, *p = e;
    int neg = m < 0;
    unsigned long long u = neg ? 0ULL - (unsigned long long)m : (unsigned long long)m;
    unsigned frac = (unsigned)(u % 1000);
    u /= 1000;
    if (frac) {
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        while (digits--) {
            *--p = (char)('0' + frac % 10);
            frac /= 10;
        }
        *--p = '.';
    }
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    buf_append(b, p, (size_t)(e - p));
}

void buf_put_hex4(rg_buf *b, unsigned v)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
    buf_append(b, t, 4);
}
