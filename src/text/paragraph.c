/* paragraph.c - itemize, shape, break and align one paragraph.
 *
 * The model (libraqm's, narrowed to left-to-right Thai and Latin):
 *
 *   1. Itemize the styled spans into items of one font and one script.
 *      A character goes to its span's font when that font has it, else to
 *      the first font of the font's companion chain that has it (font_next:
 *      Noto Sans for Noto Sans Thai's Latin, quietly), else to the
 *      fallback font; combining marks follow their base; a character
 *      no font has is reported (once per file and character) and drawn as
 *      .notdef; one the fallback fills in is reported too, naming both fonts.
 *   2. Shape every item with HarfBuzz, passing the whole paragraph as
 *      context, so cluster values are byte offsets into the paragraph.
 *   3. Ask the breaker for opportunities (UAX #14 + libthai + word list).
 *   4. Greedy fill: take the longest prefix that fits up to an
 *      opportunity; trailing spaces hang outside the measure.  Justified
 *      paragraphs are broken by total fit instead (plan_breaks: the breaks
 *      that leave the fewest lines short of what the justification caps
 *      can fill, slack shared evenly), unless a token is wider than the
 *      measure; a soft hyphen's break adds the hyphen it draws.  When not
 *      even one word fits, break the word at the last grapheme-cluster
 *      boundary that fits (an emergency break; HarfBuzz clusters are
 *      grapheme clusters for Thai, so marks never leave their base).
 *   5. A line whose edges fall where HarfBuzz flagged "unsafe to break" is
 *      reshaped on its own, so kerning and contextual forms match what a
 *      line holding just that text would show.
 *   6. Align: left, right, center; justify and Thai distributed share
 *      the slack among the gaps between visible clusters (inside words,
 *      at word boundaries, after spaces), glyph advances unchanged, by
 *      justify.c's rule, each kind of gap capped so that no text
 *      extractor reads a space that is not in the text; a line whose
 *      gaps are all capped is left short.  The last line of a paragraph
 *      and lines ending in a hard break are not stretched.
 *
 * Widths are measured from shaped advances only, summed in font units per
 * run and converted to millipoints once. */
#include "text/text.h"
#include "text/justify.h"
#include "text/shapecache.h"

#include <hb.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>

struct rg_textstate {
    rg_context *ctx;      /* allocator for scratch */
    rg_breaker *brk;      /* line-break opportunities */
    hb_buffer_t *buf;     /* reused HarfBuzz buffer */
    uint8_t *brks;        /* scratch: BRK_* per byte */
    size_t brkcap;
    rg_glyph *glyphs;     /* scratch: shaped glyphs of the paragraph */
    size_t nglyphs, gcap;
    int *gitem;           /* scratch: item index of each glyph */
    size_t gicap;
    struct item *items;   /* scratch: items of the paragraph */
    size_t nitems, icap;
    rg_gap *gaps;         /* scratch: the gaps of the line being justified */
    size_t gapcap;
    rg_shapecache *cache; /* shaped segments; NULL: shape every paragraph whole */
    hb_language_t th;     /* HarfBuzz's language for "th", looked up once: the
                             first lookup in a process adds it to HarfBuzz's
                             global list, done here before any worker starts */
};

/* One item: a byte range shaped with one font. */
typedef struct item {
    size_t start, end;       /* byte range */
    rg_font *font;           /* font used */
    const rg_style *style;   /* style of the span it came from */
    hb_script_t script;      /* for HarfBuzz */
} item;

rg_textstate *textstate_new(rg_context *ctx, const rg_wordlist *wl, rg_thaidict *dict)
{
    rg_textstate *ts = rg_calloc(ctx, 1, sizeof *ts);
    if (!ts)
        return NULL;
    ts->ctx = ctx;
    ts->brk = breaker_new(ctx, wl, dict);
    ts->buf = hb_buffer_create();
    ts->th = hb_language_from_string("th", 2);
    ts->cache = shapecache_new(ctx);
    if (!ts->brk || !ts->cache || !hb_buffer_allocation_successful(ts->buf)) {
        textstate_free(ts);
        return NULL;
    }
    return ts;
}

void textstate_free(rg_textstate *ts)
{
    if (!ts)
        return;
    breaker_free(ts->brk);
    shapecache_free(ts->cache);
    if (ts->buf)
        hb_buffer_destroy(ts->buf);
    rg_free(ts->ctx, ts->brks);
    rg_free(ts->ctx, ts->glyphs);
    rg_free(ts->ctx, ts->gitem);
    rg_free(ts->ctx, ts->items);
    rg_free(ts->ctx, ts->gaps);
    rg_free(ts->ctx, ts);
}

rg_breaker *textstate_breaker(rg_textstate *ts) { return ts->brk; }

void textstate_use_cache(rg_textstate *ts, int on)
{
    if (!on) {
        shapecache_free(ts->cache);
        ts->cache = NULL;
    } else if (!ts->cache) {
        ts->cache = shapecache_new(ts->ctx);
    }
}

/* ---- itemize --------------------------------------------------------------- */

static int is_mark(uint32_t c)
{
    int8_t t = u_charType((UChar32)c);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK ||
           c == 0x200D || c == 0x200C || (c >= 0xFE00 && c <= 0xFE0F);
}

static int is_space(uint32_t c) { return c == ' ' || c == '\t' || c == 0x00A0 || c == 0x3000; }
static int is_newline(uint32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

/* Script class for splitting: Thai, other strong scripts, or common
 * (digits, punctuation, spaces, which join their neighbours). */
static hb_script_t script_of(uint32_t c)
{
    hb_script_t s = hb_unicode_script(hb_unicode_funcs_get_default(), c);
    if (s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN)
        return HB_SCRIPT_COMMON;
    return s;
}

static int add_item(rg_textstate *ts, size_t start, size_t end, rg_font *font,
                    const rg_style *style, hb_script_t script)
{
    if (end <= start)
        return 0;
    if (ts->nitems) {
        item *last = &ts->items[ts->nitems - 1];
        if (last->end == start && last->font == font && last->style == style &&
            (last->script == script || script == HB_SCRIPT_COMMON)) {
            last->end = end;
            return 0;
        }
        if (last->end == start && last->font == font && last->style == style &&
            last->script == HB_SCRIPT_COMMON) {
            last->end = end;
            last->script = script;
            return 0;
        }
    }
    if (rg_grow(ts->ctx, (void **)&ts->items, &ts->icap, ts->nitems + 1, sizeof *ts->items))
        return -1;
    ts->items[ts->nitems++] = (item){start, end, font, style, script};
    return 0;
}

/* Report a character a font lacks, once per file and character (and at
 * most 100 characters per file and code: past that the lookup would cost
 * more than it tells). */
static void glyph_warning(rg_context *ctx, const rg_para_in *in, const char *code,
                          const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void glyph_warning(rg_context *ctx, const rg_para_in *in, const char *code,
                          const char *hint, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t seen = context_count_like(ctx, code, in->src_file, msg);
    if (seen < 100)
        rg_diag(ctx, RG_WARNING, code, in->src_file, in->src_line, 0, hint, "%s", msg);
}

/* Report the Thai marks that get a dotted circle (shape_text): one
 * warning per source line and kind, naming the first such mark. */
static void mark_warnings(rg_context *ctx, const rg_para_in *in)
{
    int state = 0, told = 0;
    for (size_t i = 0; i < in->len && told != 3;) {
        uint32_t c = (unsigned char)in->text[i];
        int n = c < 0x80 ? 1 : utf8_decode(in->text + i, in->len - i, &c);
        int bad = thai_mark_step(&state, c);
        char shown[8] = {0}; /* the mark on a dotted circle, as it is drawn */
        memcpy(shown, "\xE2\x97\x8C", 3);
        memcpy(shown + 3, in->text + i, (size_t)n < 4 ? (size_t)n : 4);
        if (bad == MARK_ORPHAN && !(told & 1)) {
            told |= 1;
            if (!context_has_at(ctx, "orphan-mark", in->src_file, in->src_line))
                rg_diag(ctx, RG_WARNING, "orphan-mark", in->src_file, in->src_line, 0,
                        "type the mark after its consonant, or delete it",
                        "the Thai mark U+%04X (%s) has no consonant to sit on; it is drawn on a "
                        "dotted circle",
                        (unsigned)c, shown);
        } else if (bad == MARK_MISPLACED && !(told & 2)) {
            told |= 2;
            if (!context_has_at(ctx, "misplaced-mark", in->src_file, in->src_line))
                rg_diag(ctx, RG_WARNING, "misplaced-mark", in->src_file, in->src_line, 0,
                        "a syllable takes one tone mark and one upper or lower vowel: delete "
                        "the extra mark",
                        "the Thai mark U+%04X (%s) cannot follow the mark before it (typed "
                        "twice?); it is drawn on a dotted circle of its own",
                        (unsigned)c, shown);
        }
        i += (size_t)n;
    }
}

/* The font of f's companion chain (font_next) that has c, or NULL. */
static rg_font *companion_for(const rg_font *f, uint32_t c)
{
    for (rg_font *n = font_next(f); n; n = font_next(n))
        if (font_has_char(n, c))
            return n;
    return NULL;
}

/* 1 when g is one of the fonts of f's companion chain. */
static int in_chain(const rg_font *f, const rg_font *g)
{
    for (rg_font *n = font_next(f); n; n = font_next(n))
        if (n == g)
            return 1;
    return 0;
}

static int itemize(rg_textstate *ts, rg_context *ctx, const rg_para_in *in)
{
    ts->nitems = 0;
    mark_warnings(ctx, in);
    for (size_t s = 0; s < in->nspans; s++) {
        const rg_span *sp = &in->spans[s];
        rg_font *prev_font = sp->style.font;
        hb_script_t run_script = HB_SCRIPT_COMMON;
        size_t run_start = sp->start;
        rg_font *run_font = NULL;
        for (size_t i = sp->start; i < sp->end;) {
            uint32_t c;
            int n = utf8_decode(in->text + i, sp->end - i, &c);
            rg_font *f = sp->style.font;
            if (is_mark(c) || is_newline(c) || c < 0x20 || c == 0xAD)
                f = prev_font; /* (a soft hyphen draws nothing: it stays in its word's run) */
            else if (is_space(c) && prev_font != f && in_chain(f, prev_font) &&
                     font_has_char(prev_font, c))
                f = prev_font; /* a space after Latin set in the companion stays with it */
            else if (!font_has_char(f, c) && companion_for(f, c))
                f = companion_for(f, c); /* the family's own companion: by design, quietly */
            else if (!font_has_char(f, c) && !is_space(c)) {
                if (in->fallback && font_has_char(in->fallback, c)) {
                    f = in->fallback;
                    glyph_warning(ctx, in, "fallback-glyph",
                                  "use a font that covers it (--font), or --fallback to choose "
                                  "the font that fills in",
                                  "%s has no glyph for U+%04X; it is set in %s",
                                  font_postscript_name(sp->style.font), (unsigned)c,
                                  font_postscript_name(in->fallback));
                } else {
                    glyph_warning(ctx, in, "missing-glyph",
                                  "use a font that covers it (--font) or replace the character",
                                  "no font has a glyph for U+%04X; it is drawn as a "
                                  "missing-glyph box",
                                  (unsigned)c);
                }
            } else if (!font_has_char(f, c) && in->fallback && font_has_char(in->fallback, c)) {
                f = in->fallback; /* a space: quietly */
            }
            hb_script_t sc = script_of(c);
            if (is_mark(c))
                sc = HB_SCRIPT_COMMON;
            if (run_font && (f != run_font || (sc != HB_SCRIPT_COMMON &&
                                               run_script != HB_SCRIPT_COMMON && sc != run_script))) {
                if (add_item(ts, run_start, i, run_font, &sp->style, run_script))
                    return -1;
                run_start = i;
                run_script = HB_SCRIPT_COMMON;
            }
            run_font = f;
            if (sc != HB_SCRIPT_COMMON)
                run_script = sc;
            prev_font = f;
            i += (size_t)n;
        }
        if (run_font && add_item(ts, run_start, sp->end, run_font, &sp->style, run_script))
            return -1;
    }
    return 0;
}

/* ---- shaping --------------------------------------------------------------- */

/* Append n glyphs to the paragraph's, their clusters moved by base. */
static int append_glyphs(rg_textstate *ts, const rg_glyph *g, size_t n, size_t base,
                         int item_index)
{
    size_t need = ts->nglyphs + n;
    if (rg_grow(ts->ctx, (void **)&ts->glyphs, &ts->gcap, need, sizeof *ts->glyphs) ||
        rg_grow(ts->ctx, (void **)&ts->gitem, &ts->gicap, need, sizeof *ts->gitem))
        return -1;
    for (size_t i = 0; i < n; i++) {
        ts->glyphs[ts->nglyphs] = g[i];
        ts->glyphs[ts->nglyphs].cluster += (uint32_t)base;
        ts->gitem[ts->nglyphs] = item_index;
        ts->nglyphs++;
    }
    return 0;
}

/* Most combining marks shaped in one cluster.  A base followed by
 * thousands of marks is one grapheme cluster, which HarfBuzz shapes in
 * time quadratic in its length (its mark positioning looks back over the
 * cluster); after 30 marks in a row (the bound of Unicode's stream-safe
 * format, UAX #15) the rest start a new piece, shaped on its own. */
enum { MAX_MARKS = 30 };

/* End of the piece of text[s, end) shaped at once: end, or the start of
 * the 31st combining mark in a row. */
static size_t piece_end(const char *text, size_t s, size_t end)
{
    int marks = 0;
    for (size_t i = s; i < end;) {
        uint32_t c = (unsigned char)text[i];
        int n = c < 0x80 ? 1 : utf8_decode(text + i, end - i, &c);
        if (c >= 0x300 && is_mark(c)) {
            if (++marks > MAX_MARKS)
                return i;
        } else {
            marks = 0;
        }
        i += (size_t)n;
    }
    return end;
}

/* Shape text[start, end) of item it and append the glyphs to ts->glyphs:
 * piece by piece (piece_end), each segment by segment through the cache
 * (a segment ends after a space; see shapecache.h), or, without a cache,
 * in one piece with the whole text as context.  Returns 0 or -1. */
static int shape_range(rg_textstate *ts, const char *text, size_t len, size_t start, size_t end,
                       const item *it, int item_index)
{
    hb_script_t script = it->script == HB_SCRIPT_COMMON ? HB_SCRIPT_LATIN : it->script;
    for (size_t ps = start; ps < end;) {
        size_t pe = piece_end(text, ps, end);
        if (ts->cache) {
            for (size_t s = ps; s < pe;) {
                const char *sp = memchr(text + s, ' ', pe - s);
                size_t e = sp ? (size_t)(sp - text) + 1 : pe;
                const rg_glyph *g;
                size_t n;
                if (shapecache_shape(ts->cache, ts->buf, it->font, script, ts->th, text + s,
                                     e - s, thai_mark_state(text, s), &g, &n) ||
                    append_glyphs(ts, g, n, s, item_index))
                    return -1;
                s = e;
            }
            ps = pe;
            continue;
        }
        size_t first = ts->nglyphs, n = first;
        if (shape_text(ts->ctx, ts->buf, it->font, script, ts->th, text, len, ps, pe,
                       thai_mark_state(text, ps), &ts->glyphs, &n, &ts->gcap) ||
            rg_grow(ts->ctx, (void **)&ts->gitem, &ts->gicap, n, sizeof *ts->gitem))
            return -1;
        for (size_t i = first; i < n; i++)
            ts->gitem[i] = item_index;
        ts->nglyphs = n;
        ps = pe;
    }
    return 0;
}

static rg_mpt to_mpt(int64_t fu, const item *it)
{
    int64_t v = fu * it->style->size;
    unsigned upem = font_upem(it->font);
    return (rg_mpt)(v >= 0 ? (v + upem / 2) / upem : -((-v + upem / 2) / upem));
}

/* ---- line building ---------------------------------------------------------- */

/* Width in mpt of glyphs [g0, g1) of the paragraph array. */
static rg_mpt glyph_span_width(const rg_textstate *ts, size_t g0, size_t g1)
{
    rg_mpt w = 0;
    size_t i = g0;
    while (i < g1) {
        int it = ts->gitem[i];
        int64_t fu = 0;
        while (i < g1 && ts->gitem[i] == it)
            fu += ts->glyphs[i++].x_adv;
        w += to_mpt(fu, &ts->items[it]);
    }
    return w;
}

/* First glyph whose cluster is >= off (glyphs are in cluster order). */
static size_t glyph_at(const rg_textstate *ts, size_t from, size_t off)
{
    size_t lo = from, hi = ts->nglyphs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ts->glyphs[mid].cluster < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* End of [start, end) without trailing spaces and newlines. */
static size_t trim_end(const char *text, size_t start, size_t end)
{
    while (end > start) {
        size_t p = end - 1;
        while (p > start && ((unsigned char)text[p] & 0xC0) == 0x80)
            p--;
        uint32_t c;
        utf8_decode(text + p, end - p, &c);
        if (!is_space(c) && !is_newline(c))
            break;
        end = p;
    }
    return end;
}

typedef struct line_glyphs {
    rg_glyph *g;  /* glyphs of the line */
    int *it;      /* item of each */
    size_t n;
} line_glyphs;

/* Collect the glyphs showing text[a, b): from the paragraph shaping, or
 * reshaped when the edges are unsafe to break. */
static int line_collect(rg_textstate *ts, rg_arena *arena, const rg_para_in *in, size_t a,
                        size_t b, line_glyphs *out)
{
    size_t g0 = glyph_at(ts, 0, a), g1 = glyph_at(ts, g0, b);
    int unsafe = (g0 < ts->nglyphs && g0 > 0 && ts->glyphs[g0].unsafe) ||
                 (g1 < ts->nglyphs && g1 > g0 && ts->glyphs[g1].unsafe);
    if (!unsafe) {
        out->n = g1 - g0;
        out->g = arena_memdup(arena, ts->glyphs + g0, out->n * sizeof *out->g);
        out->it = arena_memdup(arena, ts->gitem + g0, out->n * sizeof *out->it);
        return (out->n && (!out->g || !out->it)) ? -1 : 0;
    }
    /* Reshape the items overlapping [a, b), clipped to it, after the
     * paragraph's glyphs (the scratch array grows; the paragraph part is
     * left intact). */
    size_t base = ts->nglyphs;
    for (size_t i = 0; i < ts->nitems; i++) {
        item *it = &ts->items[i];
        size_t s = it->start > a ? it->start : a, e = it->end < b ? it->end : b;
        if (s < e && shape_range(ts, in->text, in->len, s, e, it, (int)i))
            return -1;
    }
    out->n = ts->nglyphs - base;
    out->g = arena_memdup(arena, ts->glyphs + base, out->n * sizeof *out->g);
    out->it = arena_memdup(arena, ts->gitem + base, out->n * sizeof *out->it);
    ts->nglyphs = base;
    return (out->n && (!out->g || !out->it)) ? -1 : 0;
}

static rg_mpt line_glyphs_width(const rg_textstate *ts, const line_glyphs *lg)
{
    rg_mpt w = 0;
    size_t i = 0;
    while (i < lg->n) {
        int it = lg->it[i];
        int64_t fu = 0;
        while (i < lg->n && lg->it[i] == it)
            fu += lg->g[i++].x_adv;
        w += to_mpt(fu, &ts->items[it]);
    }
    return w;
}

/* Grow the line's ascent and descent to those of an item's fonts (the one
 * it is set in and its span's, so a line set all in the fallback keeps
 * the pitch of its own font): ascender and descender, the line gap split
 * between the two.  A companion of the span's font (Noto Sans's Latin in
 * Noto Sans Thai text) is part of that font's design and sets no pitch of
 * its own: the lines keep the family's even pitch (ink that would touch
 * still moves lines apart, line_distance). */
static void line_extent(rg_line *line, const item *it)
{
    rg_font *fonts[2] = {it->font, it->style->font};
    for (int i = in_chain(it->style->font, it->font); i < 2; i++) {
        rg_font *f = fonts[i];
        int gap = font_line_gap(f);
        int64_t s = it->style->size, upem = font_upem(f);
        rg_mpt asc = (rg_mpt)(((font_ascender(f) + gap / 2) * s + upem / 2) / upem);
        rg_mpt desc = (rg_mpt)(((-font_descender(f) + (gap - gap / 2)) * s + upem / 2) / upem);
        if (asc > line->ascent)
            line->ascent = asc;
        if (desc > line->descent)
            line->descent = desc;
    }
}

/* A walk over visible clusters (those with an advance), classifying the
 * gap before each one for justify.c; line_gaps and plan_breaks share it. */
typedef struct gap_walk {
    int have_prev;         /* a visible cluster came before */
    int prev_space, prev_circle, seen_word;
    rg_mpt prev_size;
    const rg_font *prev_font;
    uint32_t prev_start;   /* byte offset of the previous visible cluster */
} gap_walk;

/* The cluster of glyphs [i, j) of g (items git): 0 when it has no advance
 * (a zero-width character joins the gaps beside it), else 1 with *gap the
 * kind and em of the gap before it (RG_GAP_NONE for the first), the walk
 * moving on.  *space receives whether the cluster is a space. */
static int gap_next(const rg_textstate *ts, const rg_para_in *in, gap_walk *w, const rg_glyph *g,
                    const int *git, size_t i, size_t j, rg_gap *gap, int *space)
{
    int64_t adv = 0;
    for (size_t k = i; k < j; k++)
        adv += g[k].x_adv;
    if (adv <= 0)
        return 0;
    uint32_t start = g[i].cluster, c;
    utf8_decode(in->text + start, in->len - start, &c);
    *space = is_space(c);
    rg_mpt size = ts->items[git[i]].style->size;
    const rg_font *font = ts->items[git[i]].font;
    int circle = 0;
    for (size_t k = i; k < j; k++)
        circle |= g[k].gid == font_dotted_circle(ts->items[git[k]].font);
    rg_gap_kind kind = RG_GAP_CLUSTER;
    if (!w->have_prev || *space || circle || w->prev_circle ||
        (font != w->prev_font && !w->prev_space))
        kind = RG_GAP_NONE;
    else if (w->prev_space)
        kind = w->seen_word ? RG_GAP_SPACE : RG_GAP_NONE;
    else
        for (uint32_t p = w->prev_start + 1; p <= start; p++)
            if (ts->brks[p] != BRK_NONE)
                kind = RG_GAP_WORD;
    *gap = (rg_gap){kind, size < w->prev_size ? size : w->prev_size, 0, 0};
    w->have_prev = 1;
    w->seen_word |= !*space;
    w->prev_space = *space;
    w->prev_circle = circle;
    w->prev_size = size;
    w->prev_font = font;
    w->prev_start = start;
    return 1;
}

/* Fill ts->gaps with the gaps between the visible clusters of a line
 * (those with an advance: a zero-width space or soft hyphen between two
 * clusters leaves one gap, not two that together would read as a space),
 * classified for justify.c: after a space (but not a space that starts
 * the line), at a break opportunity, inside a word; the gap before a space
 * takes nothing, the space does, and so does a gap where the font changes
 * (pdf.js reads even 0.06 em there as a space: "ศปก." with the full stop
 * from the fallback font copied as "ศปก ."), and so do the gaps beside a
 * dotted circle (a mark without a base: "ก้้า" copied as "ก้้ า" in
 * pdf.js when the circle's cluster moved away from า). Returns the count,
 * (size_t)-1 when out of memory. */
static size_t line_gaps(rg_textstate *ts, const rg_para_in *in, const line_glyphs *lg)
{
    size_t n = 0;
    size_t prev = (size_t)-1; /* last glyph of the previous visible cluster */
    gap_walk w = {0};
    for (size_t i = 0; i < lg->n;) {
        size_t j = i;
        while (j < lg->n && lg->g[j].cluster == lg->g[i].cluster)
            j++;
        rg_gap gap;
        int space;
        if (gap_next(ts, in, &w, lg->g, lg->it, i, j, &gap, &space)) {
            if (prev != (size_t)-1) {
                if (rg_grow(ts->ctx, (void **)&ts->gaps, &ts->gapcap, n + 1, sizeof *ts->gaps))
                    return (size_t)-1;
                gap.at = prev;
                ts->gaps[n++] = gap;
            }
            prev = j - 1;
        }
        i = j;
    }
    return n;
}

/* Turn collected glyphs into runs, apply alignment.  avail is the line's
 * width, indent its left offset, stretch whether justification applies. */
static int line_finish(rg_textstate *ts, rg_arena *arena, const rg_para_in *in,
                       const line_glyphs *lg, rg_line *line, rg_mpt indent, rg_mpt avail,
                       int stretch)
{
    rg_mpt natural = line_glyphs_width(ts, lg);
    line->width = natural;
    rg_mpt slack = avail - natural;
    rg_mpt x0 = indent;
    if (slack > 0) {
        if (in->align == RG_ALIGN_RIGHT)
            x0 += slack;
        else if (in->align == RG_ALIGN_CENTER)
            x0 += slack / 2;
    }
    /* Justify: the gaps between the line's visible clusters share the
     * slack by justify.c's rule; each gap's extra follows the last glyph
     * of the cluster before it. */
    rg_mpt *extra = NULL;
    if (stretch && slack > 0 &&
        (in->align == RG_ALIGN_JUSTIFY || in->align == RG_ALIGN_THAI_DISTRIBUTED)) {
        size_t ngaps = line_gaps(ts, in, lg);
        if (ngaps == (size_t)-1)
            return -1;
        if (ngaps && justify_spread(ts->gaps, ngaps, in->align, slack) > 0) {
            extra = arena_alloc(arena, lg->n * sizeof *extra);
            if (!extra)
                return -1;
            memset(extra, 0, lg->n * sizeof *extra);
            for (size_t i = 0; i < ngaps; i++)
                extra[ts->gaps[i].at] += ts->gaps[i].extra;
        }
    }

    /* Count runs. */
    size_t nruns = 0;
    for (size_t i = 0; i < lg->n; i++)
        nruns += i == 0 || lg->it[i] != lg->it[i - 1];
    line->runs = nruns ? arena_alloc(arena, nruns * sizeof *line->runs) : NULL;
    if (nruns && !line->runs)
        return -1;
    line->nruns = nruns;
    line->ascent = line->descent = line->ink_top = line->ink_bottom = 0;

    rg_mpt x = x0;
    size_t r = 0;
    for (size_t i = 0; i < lg->n;) {
        size_t j = i;
        while (j < lg->n && lg->it[j] == lg->it[i])
            j++;
        const item *it = &ts->items[lg->it[i]];
        rg_line_run *run = &line->runs[r++];
        run->font = it->font;
        run->style = it->style;
        run->x = x;
        run->glyphs = lg->g + i;
        run->n = j - i;
        run->text_start = lg->g[i].cluster;
        run->text_end = j < lg->n ? lg->g[j].cluster : line->end;
        if (run->text_end < run->text_start)
            run->text_end = run->text_start;
        run->extra = extra ? extra + i : NULL;
        int64_t fu = 0;
        for (size_t k = i; k < j; k++)
            fu += lg->g[k].x_adv;
        rg_mpt w = to_mpt(fu, it);
        for (size_t k = i; extra && k < j; k++)
            w += extra[k];
        run->width = w;
        x += w;
        line_extent(line, it);
        for (size_t k = i; k < j; k++) {
            int box[4];
            font_ink(it->font, lg->g[k].gid, box);
            if (box[1] == box[3])
                continue;
            rg_mpt top = to_mpt(box[3] + lg->g[k].y_off, it);
            rg_mpt bottom = to_mpt(-(box[1] + lg->g[k].y_off), it);
            if (top > line->ink_top)
                line->ink_top = top;
            if (bottom > line->ink_bottom)
                line->ink_bottom = bottom;
        }
        i = j;
    }
    if (lg->n == 0 && in->nspans) {
        /* An empty line keeps the height of its paragraph's first style. */
        item tmp = {0, 0, in->spans[0].style.font, &in->spans[0].style, HB_SCRIPT_COMMON};
        line_extent(line, &tmp);
    }
    return 0;
}

/* ---- soft hyphens ------------------------------------------------------------- */

/* Whether text[a, e) ends with a soft hyphen (U+00AD). */
static int ends_with_shy(const char *text, size_t a, size_t e)
{
    return e >= a + 2 && (unsigned char)text[e - 2] == 0xC2 && (unsigned char)text[e - 1] == 0xAD;
}

/* The hyphen drawn where a line breaks at the soft hyphen at byte shy: in
 * the font of the glyph before it, U+2010 HYPHEN or else U+002D.  Fills
 * *g (cluster shy, no offsets) and *it (that glyph's item) and returns its
 * width in mpt; 0 (and *g left with no advance) when nothing is drawn:
 * after a Thai character (Thai breaks its words without a hyphen, as
 * Word does), with no glyph before it, or in a font with neither hyphen. */
static rg_mpt shy_hyphen(const rg_textstate *ts, const char *text, size_t shy, rg_glyph *g,
                         int *it)
{
    size_t gi = glyph_at(ts, 0, shy), p = shy;
    while (p > 0 && ((unsigned char)text[p - 1] & 0xC0) == 0x80)
        p--;
    uint32_t before = 0;
    if (p > 0)
        utf8_decode(text + p - 1, shy - p + 1, &before);
    if (gi == 0 || (before >= 0x0E00 && before <= 0x0E7F))
        return 0;
    *it = ts->gitem[gi - 1];
    const item *im = &ts->items[*it];
    hb_codepoint_t gid = 0;
    if (!hb_font_get_nominal_glyph(font_hb(im->font), 0x2010, &gid) &&
        !hb_font_get_nominal_glyph(font_hb(im->font), '-', &gid))
        return 0;
    *g = (rg_glyph){gid, font_advance(im->font, gid), 0, 0, (uint32_t)shy, 0};
    return to_mpt(g->x_adv, im);
}

/* Append the soft hyphen's glyph to a line's glyphs (copied into the
 * arena one longer).  Returns 0, or -1 when out of memory. */
static int append_hyphen(rg_arena *arena, line_glyphs *lg, const rg_glyph *g, int it)
{
    rg_glyph *ng = arena_alloc(arena, (lg->n + 1) * sizeof *ng);
    int *nit = arena_alloc(arena, (lg->n + 1) * sizeof *nit);
    if (!ng || !nit)
        return -1;
    if (lg->n) {
        memcpy(ng, lg->g, lg->n * sizeof *ng);
        memcpy(nit, lg->it, lg->n * sizeof *nit);
    }
    ng[lg->n] = *g;
    nit[lg->n] = it;
    lg->g = ng;
    lg->it = nit;
    lg->n++;
    return 0;
}

/* ---- total fit for justified paragraphs ------------------------------------------ */

/* Most break opportunities a paragraph may have for total fit; a longer
 * one (a pathological text) is broken greedily. */
enum { PLAN_MAX_OPPS = 20000 };
/* Most opportunities one line may hold for total fit (a line of 453 pt
 * holds some 40 Thai words; zero-width breaks could make thousands). */
enum { PLAN_MAX_LINE = 1000 };

/* One break opportunity as total fit sees it. */
typedef struct plan_opp {
    size_t at;      /* byte offset: a line may end here (trailing spaces hang) */
    size_t te;      /* at without trailing spaces */
    double x_start; /* pen (mpt, from the paragraph's start) where a line
                       starting here begins: its first visible cluster */
    double x_end;   /* pen where a line ending here ends (trailing spaces out) */
    double c_start; /* stretch (mpt) of the gaps before the first visible
                       cluster of a line starting here, summed from the start */
    double c_end;   /* the same up to the last visible cluster of a line
                       ending here */
    rg_mpt hyphen;  /* width of the hyphen drawn when a line ends here, at a
                       soft hyphen */
    int hard;       /* a mandatory break (or the end) */
    double cost;    /* least total demerits of the lines up to here */
    size_t from;    /* the opportunity the last of those lines starts at */
} plan_opp;

/* The demerits of a line of natural width w and stretch c on a measure of
 * avail at font size em (all mpt): a line the caps can fill costs its
 * stretch ratio cubed (TeX's badness, so slack is shared evenly between
 * lines); one they cannot fill costs far more: 10000 when it ends more
 * than 5 % of the measure short, 3000 more than 1 %, plus the square of
 * how short it ends in em, so total fit first leaves as few lines visibly
 * short as it can, then as few slightly short, then makes them as little
 * short as it can; every line costs 1 (fewer lines).  (Tried on the
 * corpus of bench/justify.sh: one step at 1 % left more lines 5 % short,
 * bench/README.md.) */
static double line_demerits(double w, double c, double avail, double em)
{
    double slack = avail - w;
    if (slack <= 0)
        return 1;
    if (slack <= c) {
        double r = slack / c;
        return 1 + 100 * r * r * r;
    }
    double s = (slack - c) / em; /* short, in em */
    return 101 + (slack - c > avail / 20 ? 10000 : 0) + (slack - c > avail / 100 ? 3000 : 0) +
           1000 * s * s;
}

/* Choose the line breaks of a justified paragraph by total fit (Knuth and
 * Plass's idea, over raingan's break opportunities): the breaks that
 * minimise the summed demerits of the lines (line_demerits), the last
 * line and those ending at a hard break costing nothing, where the greedy
 * fill would leave a line short that a different choice earlier could
 * fill.  The stretch of a line is what justify.c may give it: the caps of
 * its gaps, classified as line_gaps does.  Fills *plan (heap, the break
 * byte offsets in order, the last = in->len) and returns how many, 0 when
 * the paragraph is left to the greedy fill (a token wider than the
 * measure, too many opportunities) or -1 when out of memory.  O(opps x
 * opportunities per line). */
static size_t plan_breaks(rg_textstate *ts, rg_context *ctx, const rg_para_in *in,
                          size_t **plan)
{
    *plan = NULL;
    size_t nopp = 1;
    for (size_t p = 1; p <= in->len; p++)
        nopp += ts->brks[p] != BRK_NONE;
    if (nopp > PLAN_MAX_OPPS || ts->nglyphs == 0)
        return 0;
    plan_opp *o = rg_calloc(ctx, nopp, sizeof *o);
    if (!o)
        return (size_t)-1;
    /* One pass over the visible clusters: pen and summed stretch, noting
     * them at every opportunity. */
    size_t k = 0;
    o[0].at = o[0].te = 0;
    for (size_t p = 1; p <= in->len; p++)
        if (ts->brks[p] != BRK_NONE) {
            k++;
            o[k].at = p;
            o[k].te = trim_end(in->text, 0, p);
            o[k].hard = ts->brks[p] == BRK_MUST;
        }
    double pen = 0, cap = 0;
    size_t next_start = 0, next_end = 1; /* opportunities still to note */
    gap_walk gw = {0};
    for (size_t i = 0; i < ts->nglyphs;) {
        size_t j = i;
        uint32_t cl = ts->glyphs[i].cluster;
        while (j < ts->nglyphs && ts->glyphs[j].cluster == cl)
            j++;
        /* A line whose text ends at or before this cluster ends here. */
        for (; next_end < nopp && o[next_end].te <= cl; next_end++) {
            o[next_end].x_end = pen;
            o[next_end].c_end = cap;
        }
        rg_gap gap;
        int space;
        if (!gap_next(ts, in, &gw, ts->glyphs, ts->gitem, i, j, &gap, &space)) {
            i = j;
            continue;
        }
        cap += (double)justify_cap(gap.kind) * gap.em / 1000.0;
        /* A line starting at or before this cluster starts with it: the
         * gap before it is not the line's. */
        for (; next_start < nopp && o[next_start].at <= cl; next_start++) {
            o[next_start].x_start = pen;
            o[next_start].c_start = cap;
        }
        const item *it = &ts->items[ts->gitem[i]];
        int64_t adv = 0;
        for (size_t q = i; q < j; q++)
            adv += ts->glyphs[q].x_adv;
        pen += (double)adv * it->style->size / font_upem(it->font);
        i = j;
    }
    for (; next_start < nopp; next_start++) {
        o[next_start].x_start = pen;
        o[next_start].c_start = cap;
    }
    for (; next_end < nopp; next_end++) {
        o[next_end].x_end = pen;
        o[next_end].c_end = cap;
    }
    /* Hyphens at soft hyphens. */
    for (k = 1; k < nopp; k++) {
        rg_glyph g;
        int git;
        if (!o[k].hard && o[k].te == o[k].at && ends_with_shy(in->text, 0, o[k].te))
            o[k].hyphen = shy_hyphen(ts, in->text, o[k].te - 2, &g, &git);
    }

    /* The programme: best cost of lines up to each opportunity. */
    double em = in->spans[0].style.size;
    for (k = 1; k < nopp; k++) {
        o[k].cost = INFINITY;
        for (size_t i = k; i-- > 0 && k - i <= PLAN_MAX_LINE;) {
            if (i + 1 < k && o[i + 1].hard)
                break; /* a line never runs over a hard break */
            if (!o[k].hard && o[k].te <= o[i].at)
                continue; /* an empty line */
            if (o[i].cost == INFINITY)
                continue;
            double avail = (double)in->width - (i == 0 ? in->first_indent : 0);
            double w = o[k].x_end - o[i].x_start + o[k].hyphen;
            if (w > avail)
                break; /* and longer lines neither */
            double c = o[k].c_end - o[i].c_start;
            if (c < 0)
                c = 0;
            double d = o[k].hard ? 1 : line_demerits(w, c, avail, em);
            if (o[i].cost + d < o[k].cost) {
                o[k].cost = o[i].cost + d;
                o[k].from = i;
            }
        }
        if (o[k].cost == INFINITY && !o[k].hard)
            continue;
        if (o[k].cost == INFINITY) {
            rg_free(ctx, o);
            return 0; /* a token wider than the measure: greedy */
        }
    }
    /* Walk back from the end. */
    size_t n = 0;
    for (k = nopp - 1; k > 0; k = o[k].from)
        n++;
    *plan = rg_malloc(ctx, n * sizeof **plan);
    if (!*plan) {
        rg_free(ctx, o);
        return (size_t)-1;
    }
    size_t m = n;
    for (k = nopp - 1; k > 0; k = o[k].from)
        (*plan)[--m] = o[k].at;
    rg_free(ctx, o);
    return n;
}

/* ---- the paragraph ------------------------------------------------------------ */

/* Whether a line may start at byte p: not with ๆ or ฯ, nor with the
 * spaces before one, nor inside ฯลฯ (breaker.c keeps these rules for
 * break opportunities; this keeps them for emergency breaks). */
static int may_start_line(const char *text, size_t len, size_t p)
{
    while (p < len && text[p] == ' ')
        p++;
    uint32_t c = 0;
    if (p < len)
        utf8_decode(text + p, len - p, &c);
    if (c == 0x0E46 || c == 0x0E2F)
        return 0;
    return !(c == 0x0E25 && p >= 3 && !memcmp(text + p - 3, "\xE0\xB8\xAF", 3) &&
             p + 6 <= len && !memcmp(text + p + 3, "\xE0\xB8\xAF", 3));
}

/* Last cluster boundary b in (a, limit] such that text[a, b) fits avail;
 * at least one cluster, and after "/", "." or "@" when such a boundary
 * fits (a URL: opdc.go.th/ rather than opdc.go.t|h).  Used for emergency
 * breaks inside a long token.
 * A boundary where no line may start is skipped; when the last one that
 * fits is such a boundary, the line runs on to the next good one (ๆ hangs
 * past the measure rather than start a line, as punctuation may). */
static size_t emergency_break(const rg_textstate *ts, const char *text, size_t len, size_t a,
                              size_t limit, rg_mpt avail)
{
    size_t g0 = glyph_at(ts, 0, a);
    size_t best = 0, sep = 0; /* sep: the last that fits after / . or @ */
    int hang = 0; /* the last boundary that fits may not start a line */
    int over = 0; /* the token does not fit whole */
    rg_mpt w = 0;
    for (size_t i = g0; i < ts->nglyphs && ts->glyphs[i].cluster < limit;) {
        size_t j = i;
        uint32_t cl = ts->glyphs[i].cluster;
        while (j < ts->nglyphs && ts->glyphs[j].cluster == cl)
            j++;
        w += glyph_span_width(ts, i, j);
        size_t next = j < ts->nglyphs ? ts->glyphs[j].cluster : limit;
        if (next > limit)
            next = limit;
        i = j;
        int ok = next >= limit || may_start_line(text, len, next), fits = w <= avail;
        over |= !fits;
        if (!fits && best && !hang)
            break;
        if (ok) {
            best = next;
            if (!fits)
                break;
            hang = 0;
            char before = text[next - 1];
            if ((before == '/' || before == '.' || before == '@') && next < limit &&
                text[next] != '/' && text[next] != '.' &&
                !(next + 1 < len && text[next] == '\xC2' && text[next + 1] == '\xA0'))
                sep = next; /* (not before a no-break space: ดร.\u00A0สมชาย) */
        } else if (fits) {
            hang = 1;
        }
    }
    /* A URL or e-mail address breaks after a separator when one fits (the
     * usual tailoring of UAX #14 for URLs), else at a grapheme cluster. */
    if (over && sep > a && sep < best)
        best = sep;
    return best > a ? best : limit;
}

int paragraph_layout(rg_textstate *ts, rg_context *ctx, rg_arena *arena, const rg_para_in *in,
                     rg_para_out *out)
{
    out->lines = NULL;
    out->nlines = 0;
    ts->nglyphs = 0;
    if (itemize(ts, ctx, in))
        return -1;
    for (size_t i = 0; i < ts->nitems; i++)
        if (shape_range(ts, in->text, in->len, ts->items[i].start, ts->items[i].end,
                        &ts->items[i], (int)i))
            return -1;
    if (rg_grow(ctx, (void **)&ts->brks, &ts->brkcap, in->len + 1, 1))
        return -1;
    if (breaker_run(ts->brk, ctx, in->text, in->len, ts->brks))
        return -1;
    for (size_t i = 0; i < in->nspans; i++) {
        const rg_span *sp = &in->spans[i];
        if (sp->style.nobreak == 1) {
            for (size_t p = sp->start + 1; p < sp->end; p++)
                if (ts->brks[p] == BRK_ALLOW)
                    ts->brks[p] = BRK_NONE;
        } else if (sp->style.nobreak == 2) {
            /* Names: a whole name (title, given name, surname) that fits
             * on a line of the measure goes on one line; one that does not
             * breaks only between its parts, each kept whole when it is of
             * a name's length (24 characters); a longer part (a position
             * written out, an agency) keeps its word breaks. */
            size_t g0 = glyph_at(ts, 0, sp->start);
            size_t g1 = glyph_at(ts, g0, trim_end(in->text, sp->start, sp->end));
            if (glyph_span_width(ts, g0, g1) <= in->width) {
                for (size_t p = sp->start + 1; p < sp->end; p++)
                    if (ts->brks[p] == BRK_ALLOW)
                        ts->brks[p] = BRK_NONE;
                continue;
            }
            for (size_t a = sp->start; a < sp->end;) {
                size_t b = a, nch = 0;
                while (b < sp->end && in->text[b] != ' ') {
                    nch += ((unsigned char)in->text[b] & 0xC0) != 0x80;
                    b++;
                }
                if (nch <= 24)
                    for (size_t p = a + 1; p < b; p++)
                        if (ts->brks[p] == BRK_ALLOW)
                            ts->brks[p] = BRK_NONE;
                a = b + 1;
            }
        }
    }

    /* Justified text: total fit, where it can (plan_breaks). */
    size_t *plan = NULL, nplan = 0, iplan = 0;
    if (in->align == RG_ALIGN_JUSTIFY || in->align == RG_ALIGN_THAI_DISTRIBUTED) {
        nplan = plan_breaks(ts, ctx, in, &plan);
        if (nplan == (size_t)-1)
            return -1;
    }
    size_t cap = 0;
    size_t a = 0;
    int first = 1;
    do {
        rg_mpt indent = first ? in->first_indent : 0;
        rg_mpt avail = in->width - indent;
        size_t best = 0, p, checked = a;
        int hard = 0, hyphen = 0; /* hyphen: best is a soft hyphen's break */
        rg_glyph hy = {0};
        int hy_item = 0, planned = 0;
        if (iplan < nplan) {
            /* The planned break, when the line fits as measured exactly
             * (else the rest of the paragraph is filled greedily). */
            p = plan[iplan++];
            size_t te = trim_end(in->text, a, p);
            int shy = ts->brks[p] == BRK_ALLOW && te == p && te - 2 > a &&
                      ends_with_shy(in->text, a, te);
            rg_mpt hw = shy ? shy_hyphen(ts, in->text, te - 2, &hy, &hy_item) : 0;
            if (p > a && glyph_span_width(ts, glyph_at(ts, 0, a), glyph_at(ts, 0, te)) + hw <= avail) {
                best = p;
                hard = ts->brks[p] == BRK_MUST && p < in->len;
                hyphen = shy;
                planned = 1;
            } else {
                nplan = 0;
                hy = (rg_glyph){0};
            }
        }
        /* Greedy: the furthest opportunity whose trimmed text fits. */
        for (p = a + 1; !planned && p <= in->len; p++) {
            uint8_t k = ts->brks[p];
            if (k == BRK_NONE) {
                /* Inside a token with no opportunity yet, look every 256
                 * bytes whether it already overflows: scanning to the end
                 * of a 200,000-character word for each of its lines made
                 * emergency breaking quadratic (2.8 s, 4 MiB: minutes). */
                if (!best && p - checked >= 256) {
                    checked = p;
                    if (glyph_span_width(ts, glyph_at(ts, 0, a), glyph_at(ts, 0, p)) > avail) {
                        best = emergency_break(ts, in->text, in->len, a, p, avail);
                        break;
                    }
                }
                continue;
            }
            size_t te = trim_end(in->text, a, p);
            rg_mpt w = glyph_span_width(ts, glyph_at(ts, 0, a), glyph_at(ts, 0, te));
            /* A break at a soft hyphen draws a hyphen, which must fit too. */
            rg_glyph g = {0};
            int git = 0;
            int shy = k == BRK_ALLOW && te == p && ends_with_shy(in->text, a, te);
            if (shy && te - 2 == a)
                continue; /* a line of nothing but the soft hyphen it starts with */
            rg_mpt hw = shy ? shy_hyphen(ts, in->text, te - 2, &g, &git) : 0;
            w += hw;
            if (w > avail && best)
                break;
            if (w > avail) {
                /* Not even one token fits: break inside it. */
                best = emergency_break(ts, in->text, in->len, a, te > a ? te : p, avail);
                if (best >= te)
                    best = p;
                hyphen = 0;
                break;
            }
            best = p;
            hyphen = shy;
            hy = g;
            hy_item = git;
            if (k == BRK_MUST) {
                hard = p < in->len;
                break;
            }
        }
        if (!best)
            best = in->len;
        if (rg_grow(ctx, (void **)&out->lines, &cap, out->nlines + 1, sizeof *out->lines))
            goto fail;
        rg_line *line = &out->lines[out->nlines++];
        memset(line, 0, sizeof *line);
        line->start = a;
        line->end = trim_end(in->text, a, best);
        line->hard = hard;
        if (hyphen) {
            /* The soft hyphen moves to the next line, where its character
             * starts the text of that line's first glyph (cidfont.c moves
             * a format character forward; pdf.js skips a code whose text
             * ends in one), and this line ends with a drawn hyphen that
             * carries no text: every extractor gives back the source. */
            line->end -= 2;
            best = line->end;
        }
        line_glyphs lg;
        if (line_collect(ts, arena, in, a, line->end, &lg) ||
            (hyphen && hy.x_adv > 0 && append_hyphen(arena, &lg, &hy, hy_item)))
            goto fail;
        int last = best >= in->len;
        if (line_finish(ts, arena, in, &lg, line, indent, avail, !last && !hard))
            goto fail;
        a = best;
        first = 0;
    } while (a < in->len);

    rg_free(ctx, plan);
    /* Move the lines into the arena so the caller owns nothing. */
    rg_line *lines = arena_memdup(arena, out->lines, out->nlines * sizeof *lines);
    rg_free(ctx, out->lines);
    out->lines = lines;
    return lines ? 0 : -1;

fail: /* out of memory mid-paragraph: the line array is heap, not arena */
    rg_free(ctx, plan);
    rg_free(ctx, out->lines);
    out->lines = NULL;
    out->nlines = 0;
    return -1;
}

/* ---- ink between lines ---------------------------------------------------------- */

/* Walks a line's glyphs with their ink boxes in mpt (y up from the
 * baseline). */
typedef struct ink_walk {
    const rg_line *line;
    size_t r, k;       /* next run and glyph */
    rg_mpt pen;        /* pen of glyph k, from the line's left edge */
} ink_walk;

/* The next glyph with ink: box = x0, y0 (bottom), x1, y1 (top).  0 at the end. */
static int ink_next(ink_walk *w, rg_mpt box[4])
{
    while (w->r < w->line->nruns) {
        const rg_line_run *run = &w->line->runs[w->r];
        if (w->k == 0)
            w->pen = run->x;
        if (w->k >= run->n) {
            w->r++;
            w->k = 0;
            continue;
        }
        const rg_glyph *g = &run->glyphs[w->k];
        double k = (double)run->style->size / font_upem(run->font);
        int ink[4];
        font_ink(run->font, g->gid, ink);
        rg_mpt pen = w->pen;
        w->pen += (rg_mpt)(g->x_adv * k + 0.5) + (run->extra ? run->extra[w->k] : 0);
        w->k++;
        if (ink[1] == ink[3])
            continue;
        box[0] = pen + (rg_mpt)((g->x_off + ink[0]) * k);
        box[1] = (rg_mpt)((g->y_off + ink[1]) * k);
        box[2] = pen + (rg_mpt)((g->x_off + ink[2]) * k + 0.999);
        box[3] = (rg_mpt)((g->y_off + ink[3]) * k + 0.999);
        return 1;
    }
    return 0;
}

rg_mpt line_distance(const rg_line *upper, const rg_line *lower, rg_mpt pitch, rg_mpt gap)
{
    if (upper->ink_bottom + lower->ink_top + gap <= pitch)
        return pitch; /* the common case: even the extremes stay apart */
    /* Only glyphs that reach further than the other line's extreme
     * allows can meet: deep ones above, tall ones below. */
    rg_mpt deep = pitch - lower->ink_top - gap, tall = pitch - upper->ink_bottom - gap;
    rg_mpt need = pitch;
    ink_walk wu = {upper, 0, 0, 0};
    rg_mpt a[4], b[4];
    while (ink_next(&wu, a)) {
        if (-a[1] <= deep)
            continue;
        ink_walk wl = {lower, 0, 0, 0};
        while (ink_next(&wl, b)) {
            if (b[3] <= tall || b[0] >= a[2] + gap || b[2] + gap <= a[0])
                continue;
            rg_mpt d = -a[1] + b[3] + gap;
            if (d > need)
                need = d;
        }
    }
    return need;
}

rg_mpt text_measure(rg_textstate *ts, rg_context *ctx, const char *text, size_t len,
                    const rg_style *style, rg_font *fallback)
{
    rg_span sp = {0, len, *style};
    rg_para_in in = {text, len, &sp, 1, fallback, 0, 0, RG_ALIGN_LEFT, NULL, 0};
    ts->nglyphs = 0;
    if (itemize(ts, ctx, &in))
        return 0;
    for (size_t i = 0; i < ts->nitems; i++)
        if (shape_range(ts, text, len, ts->items[i].start, ts->items[i].end, &ts->items[i],
                        (int)i))
            return 0;
    return glyph_span_width(ts, 0, ts->nglyphs);
}
