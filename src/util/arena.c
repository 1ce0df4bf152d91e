/* arena.c - chunked bump allocation (MuPDF's fz_pool, Typst's arenas).
 *
 * Chunks form a singly linked list, newest first.  A request larger than a
 * quarter of the chunk size gets a chunk of its own, so big text nodes do
 * not waste the rest of a chunk.  All memory is zeroed on hand-out, which
 * keeps model structs free of uninitialised fields. */
#include "util/arena.h"

#include <string.h>

struct rg_arena_chunk {
    rg_arena_chunk *next; /* older chunk */
    size_t size;          /* usable bytes in data */
    size_t used;          /* bytes handed out */
    _Alignas(16) unsigned char data[];
};

void arena_init(rg_arena *a, rg_context *ctx, size_t chunk_size)
{
    a->ctx = ctx;
    a->head = NULL;
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    a->total = 0;
}

void arena_free(rg_arena *a)
{
    rg_arena_chunk *c = a->head;
    while (c) {
        rg_arena_chunk *next = c->next;
        rg_free(a->ctx, c);
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}

void arena_reset(rg_arena *a)
{
    if (!a->head)
        return;
    rg_arena_chunk *keep = a->head;
    a->head = keep->next;
    arena_free(a);
    keep->next = NULL;
    keep->used = 0;
    a->head = keep;
}

void *arena_alloc(rg_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (size == 0)
        size = 16;
    rg_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t csize = size > a->chunk_size / 4 ? size : a->chunk_size;
        rg_arena_chunk *n = rg_malloc(a->ctx, sizeof *n + csize);
        if (!n)
            return NULL;
        n->size = csize;
        n->used = 0;
        if (c && size > a->chunk_size / 4) {
            /* A private chunk goes behind the current one, which still has room. */
            n->next = c->next;
            c->next = n;
        } else {
            n->next = c;
            a->head = n;
        }
        c = n;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

void *arena_memdup(rg_arena *a, const void *p, size_t n)
{
    void *d = arena_alloc(a, n);
    if (d && n)
        memcpy(d, p, n);
    return d;
}

char *arena_strndup(rg_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = arena_alloc(a, n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = 0;
    }
    return d;
}

char *arena_strdup(rg_arena *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }
