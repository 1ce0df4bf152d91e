/* strmap.h - a hash map from strings to size_t, also used as a set of
 * strings (open addressing, linear probing; keys copied into an arena).
 *
 * For bookkeeping that must stay O(1) per item over thousands of items:
 * batch keeps the output names it has given (a set) and, per name stem,
 * the next "-N" suffix to try (a map). */
#ifndef RG_UTIL_STRMAP_H
#define RG_UTIL_STRMAP_H

#include "util/arena.h"

typedef struct rg_strmap_slot rg_strmap_slot;

typedef struct rg_strmap {
    rg_context *ctx;       /* allocator for the slots; not owned */
    rg_arena keys;         /* copies of the keys */
    rg_strmap_slot *slots; /* nslots slots, an empty one has key NULL */
    size_t nslots;         /* 0 or a power of two; always more than twice len */
    size_t len;            /* keys held */
} rg_strmap;

/* An empty map; nothing is allocated until the first insert. */
void strmap_init(rg_strmap *m, rg_context *ctx);
/* Release slots and keys; the map is empty and usable afterwards. */
void strmap_free(rg_strmap *m);

/* The value of key (owned by the map, valid until the next insert), or
 * NULL when key is absent.  An empty map has no keys. */
size_t *strmap_lookup(const rg_strmap *m, const char *key);

/* The value of key, first adding key (copied) with value 0 when absent;
 * *added (if not NULL) says which.  The pointer is valid until the next
 * insert.  NULL when out of memory (the map is unchanged). */
size_t *strmap_insert(rg_strmap *m, const char *key, int *added);

#endif
