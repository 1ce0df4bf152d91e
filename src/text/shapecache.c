/* shapecache.c - per-thread cache of shaped segments (see shapecache.h).
 *
 * Open addressing over entry indices; entry text and glyphs live in two
 * growable pools.  When a pool passes its limit, everything is dropped at
 * once (the capacity is kept): simpler than LRU, and a batch's vocabulary
 * fills the cache again within a few forms. */
#include "text/shapecache.h"

#include <string.h>

enum {
    MAX_TEXT = 2 << 20,      /* bytes of segment text kept */
    MAX_GLYPHS = 256 << 10,  /* glyphs kept (24 bytes each) */
    MAX_SEGMENT = 4096       /* longer segments are shaped, not kept */
};

typedef struct entry {
    uint64_t hash;
    const void *font;
    hb_script_t script;
    size_t text_off, len;    /* in the text pool */
    size_t glyph_off, n;     /* in the glyph pool */
} entry;

struct rg_shapecache {
    rg_context *ctx;
    entry *entries;
    size_t nentries, capentries;
    uint32_t *slots;         /* entry index + 1, 0 = empty; nslots a power of two */
    size_t nslots;
    char *text;
    size_t ntext, captext;
    rg_glyph *glyphs;        /* the pool, and scratch for segments not kept */
    size_t nglyphs, capglyphs;
    size_t hits, misses;
};

rg_shapecache *shapecache_new(rg_context *ctx)
{
    rg_shapecache *c = rg_calloc(ctx, 1, sizeof *c);
    if (!c)
        return NULL;
    c->ctx = ctx;
    c->nslots = 1024;
    c->slots = rg_calloc(ctx, c->nslots, sizeof *c->slots);
    if (!c->slots) {
        rg_free(ctx, c);
        return NULL;
    }
    return c;
}

void shapecache_free(rg_shapecache *c)
{
    if (!c)
        return;
    rg_free(c->ctx, c->entries);
    rg_free(c->ctx, c->slots);
    rg_free(c->ctx, c->text);
    rg_free(c->ctx, c->glyphs);
    rg_free(c->ctx, c);
}

void shapecache_stats(const rg_shapecache *c, size_t *hits, size_t *misses)
{
    *hits = c->hits;
    *misses = c->misses;
}

static uint64_t hash_of(const void *font, hb_script_t script, const char *t, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)font ^ ((uint64_t)script << 32);
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)t[i]) * 1099511628211ull;
    return h ? h : 1;
}

static void clear(rg_shapecache *c)
{
    c->nentries = c->ntext = c->nglyphs = 0;
    memset(c->slots, 0, c->nslots * sizeof *c->slots);
}

/* Double the slot table and re-enter every entry.  0 or -1. */
static int grow_slots(rg_shapecache *c)
{
    size_t n = c->nslots * 2;
    uint32_t *s = rg_calloc(c->ctx, n, sizeof *s);
    if (!s)
        return -1;
    for (size_t e = 0; e < c->nentries; e++) {
        size_t i = c->entries[e].hash & (n - 1);
        while (s[i])
            i = (i + 1) & (n - 1);
        s[i] = (uint32_t)e + 1;
    }
    rg_free(c->ctx, c->slots);
    c->slots = s;
    c->nslots = n;
    return 0;
}

/* Shape text[0, len) with buf into c->glyphs[at ...].  Returns the glyph
 * count, or -1 when out of memory. */
static long shape_into(rg_shapecache *c, size_t at, hb_buffer_t *buf, hb_font_t *font,
                       hb_script_t script, hb_language_t lang, const char *text, size_t len)
{
    hb_buffer_clear_contents(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, script);
    hb_buffer_set_language(buf, lang);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_shape(font, buf, NULL, 0);
    unsigned n;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &n);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &n);
    if (rg_grow(c->ctx, (void **)&c->glyphs, &c->capglyphs, at + n, sizeof *c->glyphs))
        return -1;
    for (unsigned i = 0; i < n; i++)
        c->glyphs[at + i] = (rg_glyph){
            gi[i].codepoint, gp[i].x_advance, gp[i].x_offset, gp[i].y_offset, gi[i].cluster,
            (hb_glyph_info_get_glyph_flags(&gi[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
    return (long)n;
}

int shapecache_shape(rg_shapecache *c, hb_buffer_t *buf, hb_font_t *font, hb_script_t script,
                     hb_language_t lang, const char *text, size_t len, const rg_glyph **glyphs,
                     size_t *n)
{
    uint64_t h = hash_of(font, script, text, len);
    size_t mask = c->nslots - 1, i = h & mask;
    for (; c->slots[i]; i = (i + 1) & mask) {
        const entry *e = &c->entries[c->slots[i] - 1];
        if (e->hash == h && e->font == font && e->script == script && e->len == len &&
            !memcmp(c->text + e->text_off, text, len)) {
            c->hits++;
            *glyphs = c->glyphs + e->glyph_off;
            *n = e->n;
            return 0;
        }
    }
    c->misses++;
    if (len > MAX_SEGMENT) { /* shaped past the kept glyphs, not kept */
        long g = shape_into(c, c->nglyphs, buf, font, script, lang, text, len);
        if (g < 0)
            return -1;
        *glyphs = c->glyphs + c->nglyphs;
        *n = (size_t)g;
        return 0;
    }
    if (c->ntext + len > MAX_TEXT || c->nglyphs + 4 * len > MAX_GLYPHS) {
        clear(c);
        i = h & mask;
    }
    long g = shape_into(c, c->nglyphs, buf, font, script, lang, text, len);
    if (g < 0 || rg_grow(c->ctx, (void **)&c->text, &c->captext, c->ntext + len + 1, 1) ||
        rg_grow(c->ctx, (void **)&c->entries, &c->capentries, c->nentries + 1, sizeof *c->entries))
        return -1;
    memcpy(c->text + c->ntext, text, len);
    c->entries[c->nentries] = (entry){h, font, script, c->ntext, len, c->nglyphs, (size_t)g};
    *glyphs = c->glyphs + c->nglyphs;
    *n = (size_t)g;
    c->ntext += len;
    c->nglyphs += (size_t)g;
    c->slots[i] = (uint32_t)++c->nentries;
    if (c->nentries * 2 > c->nslots && grow_slots(c))
        return -1;
    return 0;
}
