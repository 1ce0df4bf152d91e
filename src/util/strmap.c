/* strmap.c - string -> size_t hash map (see strmap.h).
 *
 * Open addressing with linear probing over a power-of-two table kept at
 * most half full, so a probe run stays short and a lookup is O(1) on
 * average.  Each slot keeps its key's hash: growing rehashes without
 * reading the keys again, and a probe compares strings only when the
 * hashes agree.  Keys are copied into an arena (one lifetime: the map's),
 * so there is no per-key free.  Nothing is ever removed, which is all the
 * callers need and keeps probing simple (no tombstones). */
#include "util/strmap.h"

#include <stdint.h>
#include <string.h>

struct rg_strmap_slot {
    const char *key; /* in the map's arena; NULL for an empty slot */
    size_t hash;     /* hash of key */
    size_t value;    /* the caller's */
};

/* FNV-1a, 64-bit: short keys, no adversary (names the program made). */
static size_t hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

void strmap_init(rg_strmap *m, rg_context *ctx)
{
    m->ctx = ctx;
    arena_init(&m->keys, ctx, 4096);
    m->slots = NULL;
    m->nslots = 0;
    m->len = 0;
}

void strmap_free(rg_strmap *m)
{
    arena_free(&m->keys);
    rg_free(m->ctx, m->slots);
    m->slots = NULL;
    m->nslots = 0;
    m->len = 0;
}

/* The slot holding key, or the empty slot where it would go.  The table
 * must have at least one empty slot (it is never more than half full). */
static rg_strmap_slot *probe(const rg_strmap *m, const char *key, size_t hash)
{
    size_t mask = m->nslots - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        rg_strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == hash && !strcmp(s->key, key)))
            return s;
    }
}

size_t *strmap_lookup(const rg_strmap *m, const char *key)
{
    if (m->nslots == 0)
        return NULL;
    rg_strmap_slot *s = probe(m, key, hash_str(key));
    return s->key ? &s->value : NULL;
}

/* Double the table (16 slots at first) and put every key back.  -1 when
 * out of memory, the old table kept. */
static int grow(rg_strmap *m)
{
    size_t n = m->nslots ? m->nslots * 2 : 16;
    rg_strmap_slot *old = m->slots;
    size_t nold = m->nslots;
    rg_strmap_slot *slots = rg_calloc(m->ctx, n, sizeof *slots);
    if (!slots)
        return -1;
    m->slots = slots;
    m->nslots = n;
    for (size_t i = 0; i < nold; i++)
        if (old[i].key)
            *probe(m, old[i].key, old[i].hash) = old[i];
    rg_free(m->ctx, old);
    return 0;
}

size_t *strmap_insert(rg_strmap *m, const char *key, int *added)
{
    size_t hash = hash_str(key);
    rg_strmap_slot *s = m->nslots ? probe(m, key, hash) : NULL;
    if (added)
        *added = 0;
    if (s && s->key)
        return &s->value;
    if ((m->len + 1) * 2 >= m->nslots) {
        if (grow(m))
            return NULL;
        s = probe(m, key, hash);
    }
    const char *copy = arena_strdup(&m->keys, key);
    if (!copy)
        return NULL;
    *s = (rg_strmap_slot){copy, hash, 0};
    m->len++;
    if (added)
        *added = 1;
    return &s->value;
}
