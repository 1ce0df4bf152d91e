/* shapecache.c - per-thread cache of shaped segments (see shapecache.h),
 * kept in a memo (util/memo.h) under (font, script, bytes). */
#include "text/shapecache.h"
#include "util/memo.h"

#include <string.h>

enum {
    MAX_BYTES = 8 << 20,   /* segment text and glyphs kept per thread */
    MAX_SEGMENT = 4096     /* longer segments are shaped, not kept */
};

struct rg_shapecache {
    rg_context *ctx;
    rg_memo *memo;
    rg_glyph *scratch;     /* a segment's glyphs before they are kept */
    size_t cap;
};

rg_shapecache *shapecache_new(rg_context *ctx)
{
    rg_shapecache *c = rg_calloc(ctx, 1, sizeof *c);
    if (!c)
        return NULL;
    c->ctx = ctx;
    c->memo = memo_new(ctx, MAX_BYTES);
    if (!c->memo) {
        rg_free(ctx, c);
        return NULL;
    }
    return c;
}

void shapecache_free(rg_shapecache *c)
{
    if (!c)
        return;
    memo_free(c->memo);
    rg_free(c->ctx, c->scratch);
    rg_free(c->ctx, c);
}

int shapecache_shape(rg_shapecache *c, hb_buffer_t *buf, hb_font_t *font, hb_script_t script,
                     hb_language_t lang, const char *text, size_t len, const rg_glyph **glyphs,
                     size_t *n)
{
    size_t vlen;
    const void *v = len <= MAX_SEGMENT ? memo_get(c->memo, font, script, text, len, &vlen) : NULL;
    if (v) {
        *glyphs = v;
        *n = vlen / sizeof(rg_glyph);
        return 0;
    }
    hb_buffer_clear_contents(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, script);
    hb_buffer_set_language(buf, lang);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
    hb_shape(font, buf, NULL, 0);
    unsigned count;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &count);
    if (rg_grow(c->ctx, (void **)&c->scratch, &c->cap, count ? count : 1, sizeof *c->scratch))
        return -1;
    for (unsigned i = 0; i < count; i++)
        c->scratch[i] = (rg_glyph){
            gi[i].codepoint, gp[i].x_advance, gp[i].x_offset, gp[i].y_offset, gi[i].cluster,
            (hb_glyph_info_get_glyph_flags(&gi[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
    *glyphs = c->scratch;
    *n = count;
    if (len <= MAX_SEGMENT) {
        const void *kept = memo_put(c->memo, font, script, text, len, c->scratch,
                                    count * sizeof *c->scratch);
        if (!kept)
            return -1;
        *glyphs = kept;
    }
    return 0;
}
