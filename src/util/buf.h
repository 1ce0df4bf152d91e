/* buf.h - a growable byte buffer (linenoise's abuf): build output in memory,
 * write it once. */
#ifndef RG_UTIL_BUF_H
#define RG_UTIL_BUF_H

#include "util/context.h"

typedef struct rg_buf {
    rg_context *ctx; /* allocator; not owned */
    char *data;      /* always NUL-terminated when len > 0 or after buf_init */
    size_t len;      /* bytes used, excluding the terminator */
    size_t cap;      /* bytes allocated */
    int failed;      /* an append ran out of memory; contents are truncated */
} rg_buf;

void buf_init(rg_buf *b, rg_context *ctx);
void buf_free(rg_buf *b);
void buf_clear(rg_buf *b);
void buf_append(rg_buf *b, const void *data, size_t n);
void buf_puts(rg_buf *b, const char *s);
void buf_putc(rg_buf *b, char c);
void buf_printf(rg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* v rounded to 3 decimals in its shortest form: "12", "-0.5", "3.125"; a
 * value that rounds to zero is "0" (never "-0"). */
void buf_put_dec3(rg_buf *b, double v);
/* A template's pattern ("รวม {name}") with every key of the NULL-ended
 * pairs kv ({"{name}", value, ..., NULL}) replaced by its value (NULL: "");
 * the text between is copied as it is.  Empty pattern: nothing. */
void buf_put_subst(rg_buf *b, const char *pattern, const char *const *kv);
/* The low 16 bits of v as exactly four upper-case hex digits ("00A3"). */
void buf_put_hex4(rg_buf *b, unsigned v);

#endif
