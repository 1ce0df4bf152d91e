/* context.h - the per-thread context: allocator seam and diagnostics.
 *
 * Every stage receives an rg_context and reports problems into it with
 * rg_diag(); stages never print.  The context owns the strings of its
 * diagnostics (copied on report), so callers may pass temporaries. */
#ifndef RG_UTIL_CONTEXT_H
#define RG_UTIL_CONTEXT_H

#include "raingan.h"
#include <stdarg.h>

struct rg_context {
    rg_allocator alloc;      /* the allocation seam; fields never NULL */
    rg_diagnostic *diags;    /* reported problems, in order */
    size_t ndiags;           /* number used */
    size_t capdiags;         /* number allocated */
    int out_of_memory;       /* set once an allocation failed */
    void *cache;             /* per-thread state a later stage keeps here (the text
                                state: ICU and libthai breakers, HarfBuzz buffer) */
    const void *cache_owner; /* who made cache (an engine); another owner replaces it */
    void (*cache_free)(void *cache); /* releases cache with the context */
    void *schema;            /* the loader's compiled RELAX NG schema, parsed on this
                                thread's first load and reused (libxml2's compiled
                                schema is not shared between threads); or NULL */
    void (*schema_free)(void *schema); /* releases schema with the context */
    size_t pos_steps;        /* bytes the loader scanned to turn offsets into columns
                                (tests bound it: positions are linear in the source) */
    int lang;                /* language of messages (RG_LANG_EN, RG_LANG_TH: util/i18n.h) */
};

/* A new context for work done on behalf of parent (another thread, a
 * cache): parent's allocator and language.  NULL when out of memory. */
rg_context *context_new_child(const rg_context *parent);

/* Append src's diagnostics to dst in order and clear them from src; an
 * allocation failure remembered by src is remembered by dst too.  (Work
 * done on another thread reports through a context of its own, moved into
 * the caller's in a fixed order.) */
void context_move_diagnostics(rg_context *dst, rg_context *src);

/* How many diagnostics of ctx have this code and file, or SIZE_MAX when
 * one of them also has this message (message NULL: just count).  Warnings
 * given once per file and message (missing-glyph, fallback-glyph) are
 * looked up with it before they are reported, and context_move_diagnostics
 * drops their repeats. */
size_t context_count_like(const rg_context *ctx, const char *code, const char *file,
                          const char *message);

/* 1 when ctx already has a diagnostic with this code, file and line.
 * Warnings given once per source line (orphan-mark: a paragraph laid out
 * twice, to measure and to set, finds the same mark twice) look it up
 * before they are reported, and context_move_diagnostics drops repeats. */
int context_has_at(const rg_context *ctx, const char *code, const char *file, int line);

/* Allocate through the context's allocator.  Return NULL (and remember it)
 * on failure; rg_free(NULL) is a no-op. */
void *rg_malloc(rg_context *ctx, size_t size);
void *rg_calloc(rg_context *ctx, size_t n, size_t size);
void *rg_realloc(rg_context *ctx, void *ptr, size_t size);
void rg_ctx_free(rg_context *ctx, void *ptr);
/* Inside the library rg_free(ctx, ptr) frees through the context; the
 * public one-argument rg_free of raingan.h is called as (rg_free)(ptr). */
#define rg_free(ctx, ptr) rg_ctx_free(ctx, ptr)
char *rg_strdup(rg_context *ctx, const char *s);

/* Report a problem.  file may be NULL, line/col 0 when unknown, hint NULL
 * when there is nothing to add.  The message is printf-formatted.  fmt and
 * hint are English msgids of the catalogue (docs/messages.md): they are
 * translated into the context's language here, so pass the literal
 * format, not a message formatted beforehand, and mark hints with N_(). */
void rg_diag(rg_context *ctx, rg_severity sev, const char *code, const char *file, int line,
             int col, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
void rg_vdiag(rg_context *ctx, rg_severity sev, const char *code, const char *file, int line,
              int col, const char *hint, const char *fmt, va_list ap);

/* The text of errno value e (strerror) in the context's language: Thai
 * for the errors a user meets (a missing file, a full disk, no
 * permission ...), strerror's English otherwise (i18n_strerror). */
const char *rg_strerror(const rg_context *ctx, int e);

/* 1 when the context allocates with libc's malloc/free, so a buffer it
 * made can be handed to a caller that will call free(). */
int rg_context_uses_libc(const rg_context *ctx);

/* Grow *arr (elements of elsize) so that it holds at least need elements;
 * *cap is updated.  Doubles, so appends are amortised O(1). Returns 0 on
 * success, -1 when out of memory (the array is left as it was). */
int rg_grow(rg_context *ctx, void **arr, size_t *cap, size_t need, size_t elsize);

#endif
