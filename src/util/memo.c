/* memo.c - bounded map from (tag, number, bytes) to bytes (see memo.h).
 *
 * Open addressing over entry indices (a power-of-two table at most half
 * full); keys and values live in one byte pool, each value 8-aligned. */
#include "util/memo.h"

#include <string.h>

typedef struct entry {
    uint64_t hash;
    const void *tag;
    uint32_t num;
    size_t key_off, klen;   /* in the pool */
    size_t val_off, vlen;   /* in the pool, 8-aligned */
} entry;

struct rg_memo {
    rg_context *ctx;
    size_t max;
    entry *entries;
    size_t nentries, capentries;
    uint32_t *slots;        /* entry index + 1; 0 = empty */
    size_t nslots;
    unsigned char *pool;
    size_t npool, cappool;
    size_t hits, puts;
};

rg_memo *memo_new(rg_context *ctx, size_t max_bytes)
{
    rg_memo *m = rg_calloc(ctx, 1, sizeof *m);
    if (!m)
        return NULL;
    m->ctx = ctx;
    m->max = max_bytes;
    m->nslots = 1024;
    m->slots = rg_calloc(ctx, m->nslots, sizeof *m->slots);
    if (!m->slots) {
        rg_free(ctx, m);
        return NULL;
    }
    return m;
}

void memo_free(rg_memo *m)
{
    if (!m)
        return;
    rg_free(m->ctx, m->entries);
    rg_free(m->ctx, m->slots);
    rg_free(m->ctx, m->pool);
    rg_free(m->ctx, m);
}

void memo_stats(const rg_memo *m, size_t *hits, size_t *puts)
{
    *hits = m->hits;
    *puts = m->puts;
}

static uint64_t hash_of(const void *tag, uint32_t num, const unsigned char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)tag ^ ((uint64_t)num << 40);
    for (size_t i = 0; i < n; i++)
        h = (h ^ k[i]) * 1099511628211ull;
    return h ? h : 1;
}

/* The slot holding the key, or the empty slot where it would go. */
static size_t find(const rg_memo *m, uint64_t h, const void *tag, uint32_t num, const void *key,
                   size_t klen)
{
    size_t mask = m->nslots - 1, i = h & mask;
    for (; m->slots[i]; i = (i + 1) & mask) {
        const entry *e = &m->entries[m->slots[i] - 1];
        if (e->hash == h && e->tag == tag && e->num == num && e->klen == klen &&
            !memcmp(m->pool + e->key_off, key, klen))
            break;
    }
    return i;
}

const void *memo_get(rg_memo *m, const void *tag, uint32_t num, const void *key, size_t klen,
                     size_t *vlen)
{
    size_t i = find(m, hash_of(tag, num, key, klen), tag, num, key, klen);
    if (!m->slots[i])
        return NULL;
    const entry *e = &m->entries[m->slots[i] - 1];
    m->hits++;
    *vlen = e->vlen;
    return m->pool + e->val_off;
}

/* Double the slot table and re-enter every entry.  0 or -1. */
static int grow_slots(rg_memo *m)
{
    size_t n = m->nslots * 2;
    uint32_t *s = rg_calloc(m->ctx, n, sizeof *s);
    if (!s)
        return -1;
    for (size_t e = 0; e < m->nentries; e++) {
        size_t i = m->entries[e].hash & (n - 1);
        while (s[i])
            i = (i + 1) & (n - 1);
        s[i] = (uint32_t)e + 1;
    }
    rg_free(m->ctx, m->slots);
    m->slots = s;
    m->nslots = n;
    return 0;
}

const void *memo_put(rg_memo *m, const void *tag, uint32_t num, const void *key, size_t klen,
                     const void *val, size_t vlen)
{
    size_t key_off = m->npool, val_off = (key_off + klen + 7) & ~(size_t)7;
    if (val_off + vlen > m->max) { /* full: start again */
        m->nentries = m->npool = 0;
        memset(m->slots, 0, m->nslots * sizeof *m->slots);
        key_off = 0;
        val_off = (klen + 7) & ~(size_t)7;
    }
    uint64_t h = hash_of(tag, num, key, klen);
    if (rg_grow(m->ctx, (void **)&m->pool, &m->cappool, val_off + vlen + 8, 1) ||
        rg_grow(m->ctx, (void **)&m->entries, &m->capentries, m->nentries + 1, sizeof *m->entries))
        return NULL;
    memcpy(m->pool + key_off, key, klen);
    memcpy(m->pool + val_off, val, vlen);
    m->npool = val_off + vlen;
    m->entries[m->nentries] = (entry){h, tag, num, key_off, klen, val_off, vlen};
    m->slots[find(m, h, tag, num, key, klen)] = (uint32_t)++m->nentries;
    m->puts++;
    if (m->nentries * 2 > m->nslots && grow_slots(m))
        return NULL;
    return m->pool + val_off;
}
