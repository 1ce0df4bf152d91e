/* arena.h - a bump allocator for data that lives and dies together.
 *
 * One arena per lifetime (a document model, one page's layout, one
 * paragraph's scratch).  Nothing is freed piece by piece: arena_free (or
 * arena_reset) releases everything at once. */
#ifndef RG_UTIL_ARENA_H
#define RG_UTIL_ARENA_H

#include "util/context.h"

typedef struct rg_arena_chunk rg_arena_chunk;

typedef struct rg_arena {
    rg_context *ctx;        /* allocator for the chunks; not owned */
    rg_arena_chunk *head;   /* newest chunk first */
    size_t chunk_size;      /* default size of a new chunk */
    size_t total;           /* bytes handed out, for resource bounds */
} rg_arena;

/* Set up an arena whose chunks come from ctx; chunk_size 0 means 64 KiB. */
void arena_init(rg_arena *a, rg_context *ctx, size_t chunk_size);
/* Release all chunks; the arena can be used again afterwards. */
void arena_free(rg_arena *a);
/* Forget all allocations but keep the newest chunk for reuse. */
void arena_reset(rg_arena *a);
/* size bytes aligned for any type, zeroed.  NULL when out of memory. */
void *arena_alloc(rg_arena *a, size_t size);
/* Copies; NULL in gives NULL out. n is a byte count; the copy is NUL-ended. */
char *arena_strdup(rg_arena *a, const char *s);
char *arena_strndup(rg_arena *a, const char *s, size_t n);
void *arena_memdup(rg_arena *a, const void *p, size_t n);

#endif
