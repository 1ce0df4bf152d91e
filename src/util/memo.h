/* memo.h - a bounded, per-thread map from (tag, number, bytes) to bytes.
 *
 * For results that are pure functions of a short text and are asked for
 * again and again: HarfBuzz's glyphs of a segment (text/shapecache.c),
 * libthai's word breaks of a Thai run (text/breaker.c).  Keys and values
 * are copied into two pools; when they pass the bound everything is
 * dropped at once and the cache fills again (simpler than LRU, and a
 * batch's vocabulary comes back within a few forms).  Not thread-safe:
 * one per thread. */
#ifndef RG_UTIL_MEMO_H
#define RG_UTIL_MEMO_H

#include "util/context.h"

typedef struct rg_memo rg_memo;

/* A memo keeping at most about max_bytes of keys and values. */
rg_memo *memo_new(rg_context *ctx, size_t max_bytes);
void memo_free(rg_memo *m);

/* The value kept under (tag, num, key[0, klen)), with its length in
 * *vlen, or NULL.  Valid until the next memo_put. */
const void *memo_get(rg_memo *m, const void *tag, uint32_t num, const void *key, size_t klen,
                     size_t *vlen);
/* Keep a copy of val[0, vlen) under the key (which must not be kept
 * yet); returns the copy, aligned for any type and valid until the next
 * memo_put, or NULL when out of memory. */
const void *memo_put(rg_memo *m, const void *tag, uint32_t num, const void *key, size_t klen,
                     const void *val, size_t vlen);

/* Lookups that found a value, and values kept. */
void memo_stats(const rg_memo *m, size_t *hits, size_t *puts);

#endif
