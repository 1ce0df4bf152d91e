/* shapecache.c - per-thread cache of shaped segments (see shapecache.h),
 * kept in a memo (util/memo.h) under (font, script, bytes); and shaping
 * itself, with the dotted circles that Thai marks without a base get. */
#include "text/shapecache.h"
#include "util/memo.h"

#include <string.h>

/* A Thai combining mark (Mn): ั ิ ี ึ ื ุ ู ฺ ็ ่ ้ ๊ ๋ ์ ํ ๎. */
static int is_thai_mark(uint32_t c)
{
    return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

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

int shapecache_shape(rg_shapecache *c, hb_buffer_t *buf, rg_font *font, hb_script_t script,
                     hb_language_t lang, const char *text, size_t len, int state,
                     const rg_glyph **glyphs, size_t *n)
{
    /* A segment that starts with a mark shapes differently after a base
     * (a text split between two styles inside a cluster): not kept. */
    uint32_t c0 = 0;
    if (len)
        utf8_decode(text, len, &c0);
    int keep = len <= MAX_SEGMENT && (state == 0 || !is_thai_mark(c0));
    size_t vlen;
    const void *v = keep ? memo_get(c->memo, font_hb(font), script, text, len, &vlen) : NULL;
    if (v) {
        *glyphs = v;
        *n = vlen / sizeof(rg_glyph);
        return 0;
    }
    size_t count = 0;
    if (shape_text(c->ctx, buf, font, script, lang, text, len, 0, len, state, &c->scratch,
                   &count, &c->cap))
        return -1;
    *glyphs = c->scratch;
    *n = count;
    if (keep) {
        const void *kept = memo_put(c->memo, font_hb(font), script, text, len, c->scratch,
                                    count * sizeof *c->scratch);
        if (!kept)
            return -1;
        *glyphs = kept;
    }
    return 0;
}

/* ---- marks without a base ------------------------------------------------ */

/* What a text has before the next character: nothing to carry a mark, a
 * consonant, a consonant with an upper or lower vowel, or a full stack. */
enum { BASE_NONE, BASE_CONS, BASE_VOWEL, BASE_FULL };

int thai_mark_step(int *state, uint32_t c)
{
    int st = *state, need, after;
    if (c >= 0x0E01 && c <= 0x0E2E) {
        *state = BASE_CONS;
        return MARK_OK;
    }
    if (c == 0x200C || c == 0x200D)
        return MARK_OK; /* joiners: transparent */
    if (c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A)) {
        need = 1 << BASE_CONS;
        after = BASE_VOWEL;
    } else if (c == 0x0E47 || c == 0x0E4E) {
        need = 1 << BASE_CONS;
        after = BASE_FULL;
    } else if (c >= 0x0E48 && c <= 0x0E4C) {
        need = 1 << BASE_CONS | 1 << BASE_VOWEL;
        after = BASE_FULL;
    } else if (c == 0x0E4D) {
        need = 1 << BASE_CONS | 1 << BASE_VOWEL | 1 << BASE_FULL;
        after = BASE_FULL;
    } else {
        /* Any other character: a base only for marks of its own script. */
        if (!(c >= 0x0300 && c < 0x0370))
            *state = BASE_NONE;
        return MARK_OK;
    }
    *state = after;
    if (need & (1 << st))
        return MARK_OK;
    return st == BASE_NONE ? MARK_ORPHAN : MARK_MISPLACED;
}

int thai_mark_state(const char *text, size_t at)
{
    size_t p = at;
    for (int back = 0; p > 0 && back < 32; back++) {
        size_t q = p - 1;
        while (q > 0 && ((unsigned char)text[q] & 0xC0) == 0x80)
            q--;
        uint32_t c;
        utf8_decode(text + q, p - q, &c);
        p = q;
        if (!is_thai_mark(c) && c != 0x200C && c != 0x200D)
            break; /* the base (or what stands in its place) */
    }
    int state = BASE_NONE;
    for (size_t i = p; i < at;) {
        uint32_t c;
        i += (size_t)utf8_decode(text + i, at - i, &c);
        thai_mark_step(&state, c);
    }
    return state;
}

int shape_text(rg_context *ctx, hb_buffer_t *buf, rg_font *font, hb_script_t script,
               hb_language_t lang, const char *text, size_t len, size_t s, size_t e, int state,
               rg_glyph **out, size_t *n, size_t *cap)
{
    hb_buffer_clear_contents(buf);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, script);
    hb_buffer_set_language(buf, lang);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_GRAPHEMES);
    int virt = font_circle_is_virtual(font), circles = 0;
    size_t from = s;
    for (size_t i = s; i < e;) {
        uint32_t c = (unsigned char)text[i];
        int k = c < 0x80 ? 1 : utf8_decode(text + i, e - i, &c);
        if (thai_mark_step(&state, c) != MARK_OK) {
            /* The text before it (the first call also sets the context
             * before s), then the circle, in the mark's cluster. */
            hb_buffer_add_utf8(buf, text, (int)len, (unsigned)from, (int)(i - from));
            hb_buffer_add(buf, virt ? 0x00A0 : 0x25CC, (unsigned)i);
            from = i;
            circles = 1;
        }
        i += (size_t)k;
    }
    hb_buffer_add_utf8(buf, text, (int)len, (unsigned)from, (int)(e - from));
    hb_shape(font_hb(font), buf, NULL, 0);
    unsigned count;
    hb_glyph_info_t *gi = hb_buffer_get_glyph_infos(buf, &count);
    hb_glyph_position_t *gp = hb_buffer_get_glyph_positions(buf, &count);
    if (rg_grow(ctx, (void **)out, cap, *n + count + 1, sizeof **out))
        return -1;
    rg_glyph *g = *out + *n;
    for (unsigned i = 0; i < count; i++) {
        g[i] = (rg_glyph){gi[i].codepoint, gp[i].x_advance, gp[i].x_offset, gp[i].y_offset,
                          gi[i].cluster,
                          (hb_glyph_info_get_glyph_flags(&gi[i]) & HB_GLYPH_FLAG_UNSAFE_TO_BREAK) != 0};
        /* The first glyph of a cluster that starts at a mark is the
         * inserted base; a font without a circle gets its virtual one. */
        if (circles && virt && (i == 0 || gi[i - 1].cluster != gi[i].cluster)) {
            uint32_t c = 0;
            utf8_decode(text + gi[i].cluster, len - gi[i].cluster, &c);
            if (is_thai_mark(c)) {
                g[i].gid = font_dotted_circle(font);
                g[i].x_adv = font_advance(font, g[i].gid);
            }
        }
    }
    *n += count;
    return 0;
}
