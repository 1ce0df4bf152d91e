/* cidfont.c - CIDs, ToUnicode and subsetting for one font of one PDF.
 *
 * The problem: HarfBuzz turns Thai text into glyphs that have no Unicode
 * character of their own (uni0E48.small, yoYingthai.less, the nikhahit +
 * mai tho ligature) and splits one character into two glyphs (sara am ำ
 * becomes nikhahit + sara aa, and that sara aa is the same glyph as า's).
 * A ToUnicode map keyed by glyph id cannot be right: the same glyph must
 * read as า in one place and as ำ in another.
 *
 * The model: codes are not glyph ids.  Every distinct pair (glyph, text it
 * stands for here) gets its own CID; the CIDToGIDMap stream sends the CID
 * to the glyph and the ToUnicode CMap sends it to the text.  So one glyph
 * may have several CIDs, and every CID's text is exact.
 *
 * Spreading a cluster's text over its glyphs: each glyph that shows text
 * must map to at least one character (MuPDF prints U+FFFD for a code that
 * maps to nothing), characters stay in logical order, and a glyph should
 * get the character it stands for (found through its name, see font.c).
 * A small dynamic programme over (glyphs, characters) minimises first the
 * glyphs left without text, then maximises natural matches.  A glyph left
 * without text only happens when a cluster has more glyphs than
 * characters (sara am), and, for a font that cannot take width aliases
 * (CFF), when a mark's offset is so large that extractors, which advance
 * by the font's own widths, would see a gap and print a space.  Such a
 * glyph is drawn as an outline path (CID_AS_PATH), which no extractor
 * reads.
 *
 * Three readers, three rules.  poppler reads /ActualText (content.c puts
 * it around stacked clusters); MuPDF ignores it and reads the codes in
 * content order, advancing by the embedded font's widths; pdf.js
 * (Firefox) reads codes too, but treats a code whose text contains a
 * nonspacing mark (Mn) as zero-width and skips one whose text ends with a
 * format character (Cf).  So a tone mark carries its own character on its
 * own code (were it on its base's code, pdf.js would not advance over the
 * base and read the gap as a space: "ฟ้ า"), which needs the code's width
 * to be the embedded glyph's: true for TrueType subsets, which get width
 * aliases (sfnt.c); and a ZWJ or soft hyphen is moved to the start of the
 * next code's text ("ก" + ZWJ on one code lost the ก in pdf.js).
 *
 * Subsetting: hb-subset keeps only the used glyphs (renumbered; the
 * CIDToGIDMap uses the new numbers) and drops layout and hinting tables,
 * which a PDF viewer does not need. */
#include "render/cidfont.h"

#include "render/sfnt.h"

#include <hb-subset.h>
#include <string.h>

typedef struct cid_entry {
    uint32_t gid;      /* glyph in the original font */
    int32_t adv;       /* width written to /W (font units): HarfBuzz's advance
                          minus its x offset, so the pen lands where the next
                          glyph starts even for a mark moved back over its base */
    size_t text_off;   /* text in the pool */
    size_t text_len;
} cid_entry;

struct rg_cidfont {
    rg_context *ctx;     /* allocator */
    rg_font *font;       /* kept */
    cid_entry *cids;     /* index = CID; entry 0 is .notdef */
    size_t ncids, capcids;
    uint32_t *slots;     /* hash table of CIDs (0 = empty) */
    size_t nslots;       /* power of two */
    char *pool;          /* texts of all CIDs */
    size_t poollen, poolcap;
    int aliases;         /* the subset can take width aliases (sfnt.c: TrueType
                            outlines, no CFF, not variable), so every code's
                            embedded advance is its /W */
};

/* 1 when the font has the table tag. */
static int has_table(rg_font *font, const char *tag)
{
    hb_blob_t *b = hb_face_reference_table(font_hb_face(font), hb_tag_from_string(tag, 4));
    int has = hb_blob_get_length(b) > 0;
    hb_blob_destroy(b);
    return has;
}

rg_cidfont *cidfont_new(rg_context *ctx, rg_font *font)
{
    rg_cidfont *cf = rg_calloc(ctx, 1, sizeof *cf);
    if (!cf)
        return NULL;
    cf->ctx = ctx;
    cf->font = font_keep(font);
    cf->nslots = 256;
    cf->slots = rg_calloc(ctx, cf->nslots, sizeof *cf->slots);
    if (!cf->slots || rg_grow(ctx, (void **)&cf->cids, &cf->capcids, 1, sizeof *cf->cids)) {
        cidfont_free(cf);
        return NULL;
    }
    cf->cids[0] = (cid_entry){0, font_advance(font, 0), 0, 0};
    cf->ncids = 1;
    cf->aliases = has_table(font, "glyf") && !has_table(font, "CFF ") && !has_table(font, "gvar");
    return cf;
}

void cidfont_free(rg_cidfont *cf)
{
    if (!cf)
        return;
    font_drop(cf->font);
    rg_free(cf->ctx, cf->cids);
    rg_free(cf->ctx, cf->slots);
    rg_free(cf->ctx, cf->pool);
    rg_free(cf->ctx, cf);
}

rg_font *cidfont_font(const rg_cidfont *cf) { return cf->font; }
unsigned cidfont_count(const rg_cidfont *cf) { return (unsigned)cf->ncids; }

double cidfont_width(const rg_cidfont *cf, uint16_t cid)
{
    if (cid >= cf->ncids)
        return 0;
    return cf->cids[cid].adv * 1000.0 / font_upem(cf->font);
}

/* ---- the (glyph, text) -> CID table ---------------------------------------- */

static uint32_t hash_key(uint32_t gid, int32_t adv, const char *t, size_t n)
{
    uint32_t h = (2166136261u ^ gid) * 16777619u ^ (uint32_t)adv;
    h *= 16777619u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)t[i];
        h *= 16777619u;
    }
    return h;
}

static int rehash(rg_cidfont *cf)
{
    size_t n = cf->nslots * 2;
    uint32_t *slots = rg_calloc(cf->ctx, n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t c = 1; c < cf->ncids; c++) {
        const cid_entry *e = &cf->cids[c];
        size_t i = hash_key(e->gid, e->adv, cf->pool + e->text_off, e->text_len) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)c;
    }
    rg_free(cf->ctx, cf->slots);
    cf->slots = slots;
    cf->nslots = n;
    return 0;
}

/* The CID for (gid, width, text), allocated on first use; 0 on failure.
 * The width is part of the key: a mark HarfBuzz placed with an offset gets
 * a code whose /W width brings the pen back to where the next glyph
 * starts.  Text extractors then see no gap after the mark (a gap made by a
 * TJ adjustment reads as a space in both poppler and MuPDF). */
static uint16_t cid_for(rg_cidfont *cf, uint32_t gid, int32_t adv, const char *t, size_t n)
{
    size_t mask = cf->nslots - 1;
    if (adv < 0)
        adv = 0;
    size_t i = hash_key(gid, adv, t, n) & mask;
    while (cf->slots[i]) {
        const cid_entry *e = &cf->cids[cf->slots[i]];
        if (e->gid == gid && e->adv == adv && e->text_len == n &&
            !memcmp(cf->pool + e->text_off, t, n))
            return (uint16_t)cf->slots[i];
        i = (i + 1) & mask;
    }
    if (cf->ncids >= 0xFFFE) {
        rg_diag(cf->ctx, RG_ERROR, "too-many-glyphs", NULL, 0, 0, NULL,
                "font %s needs more than 65534 distinct glyph/text codes",
                font_postscript_name(cf->font));
        return 0;
    }
    if (rg_grow(cf->ctx, (void **)&cf->cids, &cf->capcids, cf->ncids + 1, sizeof *cf->cids) ||
        rg_grow(cf->ctx, (void **)&cf->pool, &cf->poolcap, cf->poollen + n + 1, 1))
        return 0;
    memcpy(cf->pool + cf->poollen, t, n);
    cf->cids[cf->ncids] = (cid_entry){gid, adv, cf->poollen, n};
    cf->poollen += n;
    uint16_t cid = (uint16_t)cf->ncids++;
    cf->slots[i] = cid;
    if (cf->ncids * 2 > cf->nslots && rehash(cf))
        return 0;
    return cid;
}

/* ---- spreading a cluster's text over its glyphs ------------------------------- */

enum { MAXC = 32 };

static int matches(uint32_t c, uint32_t natural)
{
    return natural == c || (c == 0x0E33 && natural == 0x0E32);
}

/* Assign chars [0, k) to glyphs [0, m) monotonically; first[j] receives
 * the first char index of glyph j and cnt[j] how many (0 = surplus). */
static void spread(const uint32_t *nat, const int *can, size_t m, const uint32_t *chars, size_t k,
                   size_t *first, size_t *cnt)
{
    if (m > MAXC || k > MAXC) {
        /* Pathological cluster: one char each, the last glyph the rest. */
        for (size_t j = 0; j < m; j++) {
            first[j] = j < k ? j : k;
            cnt[j] = j < k ? 1 : 0;
        }
        if (m <= k)
            cnt[m - 1] = k - (m - 1);
        return;
    }
    /* cost[j][i]: best (surplus * 1000 - matches) placing chars [0,i) on
     * glyphs [0,j); choice[j][i] = chars given to glyph j-1. */
    int cost[MAXC + 1][MAXC + 1];
    unsigned char choice[MAXC + 1][MAXC + 1];
    const int INF = 1 << 28;
    for (size_t j = 0; j <= m; j++)
        for (size_t i = 0; i <= k; i++)
            cost[j][i] = INF;
    cost[0][0] = 0;
    for (size_t j = 1; j <= m; j++) {
        for (size_t i = 0; i <= k; i++) {
            for (size_t t = 0; t <= i; t++) {
                int prev = cost[j - 1][i - t];
                if (prev >= INF)
                    continue;
                int c = prev;
                if (t > 0 && !can[j - 1])
                    continue;
                if (t == 0) {
                    c += can[j - 1] ? 1000 : 0;
                } else {
                    for (size_t q = i - t; q < i; q++)
                        if (matches(chars[q], nat[j - 1])) {
                            c -= 1;
                            break;
                        }
                }
                if (c < cost[j][i]) {
                    cost[j][i] = c;
                    choice[j][i] = (unsigned char)t;
                }
            }
        }
    }
    size_t i = k;
    for (size_t j = m; j > 0; j--) {
        size_t t = choice[j][i];
        cnt[j - 1] = t;
        first[j - 1] = i - t;
        i -= t;
    }
}

/* Spread the text of the cluster of glyphs [g, h), bytes [cl, end) of
 * the run's text, over its glyphs: texts[j] receives glyph j's byte range,
 * empty (from == to) for a glyph left without text. */
static void spread_cluster(const rg_cidfont *cf, const rg_box_glyphs *run, size_t g, size_t h,
                           size_t cl, size_t end, cid_text *texts)
{
    const char *text = run->text;
    size_t m = h - g;
    for (size_t j = g; j < h; j++)
        texts[j] = (cid_text){cl, cl};
    if (end <= cl)
        return; /* a glyph with no text (should not happen): drawn as a path */
    if (m == 1 || m > MAXC) {
        /* One glyph (most clusters) carries the cluster's text; so does
         * the first glyph of a huge cluster (a base with dozens of marks). */
        texts[g] = (cid_text){cl, end};
        return;
    }
    /* Its characters and their byte offsets. */
    uint32_t chars[MAXC + 1];
    size_t offs[MAXC + 2];
    size_t k = 0;
    for (size_t p = cl; p < end && k <= MAXC;) {
        offs[k] = p;
        p += (size_t)utf8_decode(text + p, end - p, &chars[k]);
        k++;
    }
    if (k > MAXC) {
        /* Too long to spread: the first glyph carries all the text. */
        texts[g] = (cid_text){cl, end};
        return;
    }
    offs[k] = end;
    uint32_t nat[MAXC];
    size_t first[MAXC], cnt[MAXC];
    int can[MAXC], circle[MAXC], typed_circle = 0;
    for (size_t i = 0; i < k; i++)
        typed_circle |= chars[i] == 0x25CC;
    int32_t tol = (int32_t)font_upem(cf->font) / 10;
    for (size_t j = 0; j < m; j++) {
        const rg_glyph *gl = &run->glyphs[g + j];
        nat[j] = font_natural_char(cf->font, gl->gid);
        /* Extractors advance by the embedded font's own width (MuPDF reads
         * hmtx, not /W).  Where the subset gets width aliases (a TrueType
         * font, see sfnt.c) that width is the code's; otherwise a glyph
         * whose font width would end far from where HarfBuzz puts the next
         * glyph reads as a gap, i.e. a space, so it carries no text and is
         * drawn as a path. */
        int32_t reach = gl->x_off + font_advance(cf->font, gl->gid);
        can[j] = j == 0 || cf->aliases ||
                 (reach - gl->x_adv <= tol && gl->x_adv - reach <= tol);
        circle[j] = nat[j] == 0x25CC && !typed_circle;
    }
    /* A cluster on an inserted dotted circle (a mark without a base):
     * the circle carries the marks' text and the marks are drawn as
     * paths, so the text advances by the circle, as it is drawn (a mark
     * carrying it after the circle's gap read as a space in MuPDF). */
    for (size_t j = 0; j < m; j++)
        if (circle[j]) {
            texts[g + j] = (cid_text){cl, end};
            return;
        }
    spread(nat, can, m, chars, k, first, cnt);
    for (size_t j = 0; j < m; j++) {
        if (cnt[j] == 0) {
            size_t at = offs[first[j]];
            texts[g + j] = (cid_text){at, at};
            continue;
        }
        size_t a = offs[first[j]], b = offs[first[j] + cnt[j]];
        if (first[j] + cnt[j] >= k)
            b = end;
        texts[g + j] = (cid_text){a, b};
    }
}

/* Unicode format characters (general category Cf) of the BMP: ZWJ,
 * ZWNJ, ZWSP, the soft hyphen, word joiner, bidi controls, BOM. */
static int is_format(uint32_t c)
{
    return c == 0x00AD || (c >= 0x0600 && c <= 0x0605) || c == 0x061C || c == 0x06DD ||
           c == 0x070F || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
           (c >= 0x2066 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB);
}

/* Where a glyph's text ends with format characters, move them to the
 * start of the next glyph that carries text, within the run.  pdf.js
 * (Firefox) skips a glyph whose text ends with a Cf character as an
 * invisible format mark, text and all: "ก" + ZWJ on one code lost the ก.
 * At the start of a text the same characters are read.  A glyph left
 * without text (the ZWJ's own, empty glyph) is drawn as a path. */
static void move_format_chars(const rg_box_glyphs *run, cid_text *texts)
{
    for (size_t g = 0; g < run->n; g++) {
        cid_text *t = &texts[g];
        size_t cut = t->to;
        while (cut > t->from) {
            size_t p = cut - 1;
            while (p > t->from && ((unsigned char)run->text[p] & 0xC0) == 0x80)
                p--;
            uint32_t c;
            utf8_decode(run->text + p, cut - p, &c);
            if (!is_format(c))
                break;
            cut = p;
        }
        if (cut == t->to)
            continue;
        size_t h = g + 1;
        while (h < run->n && texts[h].from == texts[h].to)
            h++;
        if (h == run->n || texts[h].from != t->to)
            continue; /* the run's last text: nothing to carry them */
        texts[h].from = cut;
        t->to = cut;
        if (t->from == t->to)
            t->from = t->to = cut;
    }
}

int cidfont_encode(rg_cidfont *cf, const rg_box_glyphs *run, uint16_t *cids, cid_text *texts)
{
    for (size_t g = 0; g < run->n;) {
        /* The cluster: glyphs [g, h) sharing one cluster value. */
        uint32_t cl = run->glyphs[g].cluster;
        size_t h = g;
        while (h < run->n && run->glyphs[h].cluster == cl)
            h++;
        size_t end = h < run->n ? run->glyphs[h].cluster : run->text_end;
        if (end < cl)
            end = cl;
        spread_cluster(cf, run, g, h, cl, end, texts);
        g = h;
    }
    move_format_chars(run, texts);
    for (size_t g = 0; g < run->n; g++) {
        const rg_glyph *gl = &run->glyphs[g];
        if (texts[g].from == texts[g].to) {
            cids[g] = CID_AS_PATH;
            continue;
        }
        /* A glyph the font lacks (the virtual dotted circle) is drawn as a
         * path by the writer; its text goes on the font's space glyph,
         * which draws nothing, with the same advance. */
        uint32_t gid = gl->gid;
        if (gid >= font_glyph_count(cf->font) &&
            (!hb_font_get_nominal_glyph(font_hb(cf->font), ' ', &gid) || !gid))
            gid = 0;
        cids[g] = cid_for(cf, gid, gl->x_adv - gl->x_off, run->text + texts[g].from,
                          texts[g].to - texts[g].from);
        if (!cids[g])
            return -1;
    }
    return 0;
}

/* ---- the embedded objects ---------------------------------------------------- */

static void utf16_hex(rg_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c;
        i += (size_t)utf8_decode(s + i, n - i, &c);
        if (c >= 0x10000) {
            c -= 0x10000;
            buf_printf(out, "%04X%04X", 0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
        } else {
            buf_printf(out, "%04X", c);
        }
    }
}

/* Where a CID's width differs from its glyph's advance, give the CID a
 * width alias (see sfnt.c): gids[c] (subset glyph numbers on entry)
 * becomes the alias's number, numbered from nglyphs in order of first use,
 * one per distinct (glyph, width), and aliases[] (room for every CID)
 * receives them.  Returns how many (0 when every width is its glyph's
 * own), or -1 when out of memory. */
static long alias_widths(const rg_cidfont *cf, rg_context *ctx, uint16_t *gids,
                         sfnt_alias *aliases, unsigned nglyphs)
{
    size_t nslots = 16;
    while (nslots < cf->ncids * 2)
        nslots *= 2;
    uint32_t *slots = rg_calloc(ctx, nslots, sizeof *slots); /* alias index + 1 */
    if (!slots)
        return -1;
    size_t n = 0;
    for (size_t c = 1; c < cf->ncids; c++) {
        const cid_entry *e = &cf->cids[c];
        if (e->adv == font_advance(cf->font, e->gid))
            continue;
        uint16_t adv = e->adv > 0xFFFF ? 0xFFFF : (uint16_t)e->adv;
        size_t i = ((uint32_t)gids[c] * 2654435761u ^ adv * 40503u) & (nslots - 1);
        while (slots[i] && (aliases[slots[i] - 1].gid != gids[c] || aliases[slots[i] - 1].adv != adv))
            i = (i + 1) & (nslots - 1);
        if (!slots[i]) {
            if (nglyphs + n >= 0xFFFF)
                continue; /* no room: keeps its glyph (sfnt_add_aliases would refuse) */
            aliases[n++] = (sfnt_alias){gids[c], adv};
            slots[i] = (uint32_t)n;
        }
        gids[c] = (uint16_t)(nglyphs + slots[i] - 1);
    }
    rg_free(ctx, slots);
    return (long)n;
}

int cidfont_build(rg_cidfont *cf, rg_context *ctx, rg_buf *fontfile, rg_buf *cidtogid,
                  rg_buf *tounicode, char tag[7])
{
    /* Subset. */
    hb_subset_input_t *input = hb_subset_input_create_or_fail();
    if (!input)
        return -1;
    hb_set_t *glyphs = hb_subset_input_glyph_set(input);
    hb_set_add(glyphs, 0);
    uint32_t h = 2166136261u;
    for (size_t c = 1; c < cf->ncids; c++)
        hb_set_add(glyphs, cf->cids[c].gid);
    for (hb_codepoint_t g = HB_SET_VALUE_INVALID; hb_set_next(glyphs, &g);)
        h = (h ^ g) * 16777619u;
    hb_set_t *unicodes = hb_subset_input_unicode_set(input);
    hb_set_clear(unicodes);
    hb_set_t *drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *dropped[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern",
                                    "DSIG", "hdmx", "LTSH", "VDMX", "fpgm", "prep", "cvt ",
                                    "gasp", "meta", "STAT", "morx", "feat"};
    for (size_t i = 0; i < sizeof dropped / sizeof dropped[0]; i++)
        hb_set_add(drop, hb_tag_from_string(dropped[i], 4));
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);

    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(font_hb_face(cf->font), input);
    hb_face_t *sub = plan ? hb_subset_plan_execute_or_fail(plan) : NULL;
    if (!sub) {
        if (plan)
            hb_subset_plan_destroy(plan);
        hb_subset_input_destroy(input);
        rg_diag(ctx, RG_ERROR, "subset-failed", font_path(cf->font), 0, 0, NULL,
                "HarfBuzz could not subset the font");
        return -1;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    unsigned blen;
    const char *bdata = hb_blob_get_data(blob, &blen);
    const hb_map_t *old2new = hb_subset_plan_old_to_new_glyph_mapping(plan);

    /* CIDToGIDMap: two big-endian bytes per CID; a CID whose width is not
     * its glyph's advance goes to the glyph's width alias. */
    uint16_t *gids = rg_malloc(ctx, cf->ncids * sizeof *gids);
    sfnt_alias *aliases = rg_malloc(ctx, cf->ncids * sizeof *aliases);
    long naliases = 0;
    int rc = gids && aliases ? 0 : -1, written = 0;
    for (size_t c = 0; c < cf->ncids && rc == 0; c++) {
        hb_codepoint_t ng = hb_map_get(old2new, cf->cids[c].gid);
        if (ng == HB_MAP_VALUE_INVALID)
            ng = 0;
        gids[c] = (uint16_t)ng;
    }
    if (rc == 0)
        naliases = alias_widths(cf, ctx, gids, aliases, hb_face_get_glyph_count(sub));
    if (naliases < 0)
        rc = -1;
    if (rc == 0 && naliases > 0) {
        rc = sfnt_add_aliases(ctx, font_path(cf->font), (const unsigned char *)bdata, blen,
                              aliases, (size_t)naliases, fontfile);
        written = rc == 0;
        if (rc == 1) { /* the font cannot take them: its own glyphs */
            for (size_t c = 0; c < cf->ncids; c++)
                gids[c] = (uint16_t)hb_map_get(old2new, cf->cids[c].gid);
            rc = 0;
        }
    }
    if (rc == 0 && !written)
        buf_append(fontfile, bdata, blen);
    for (size_t c = 0; c < cf->ncids && rc == 0; c++) {
        unsigned char be[2] = {(unsigned char)(gids[c] >> 8), (unsigned char)gids[c]};
        buf_append(cidtogid, be, 2);
    }
    rg_free(ctx, gids);
    rg_free(ctx, aliases);
    hb_blob_destroy(blob);
    hb_face_destroy(sub);
    hb_subset_plan_destroy(plan);
    hb_subset_input_destroy(input);
    if (rc)
        return -1;

    /* ToUnicode CMap. */
    buf_puts(tounicode, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t c = 1; c < cf->ncids;) {
        size_t n = cf->ncids - c < 100 ? cf->ncids - c : 100;
        buf_printf(tounicode, "%zu beginbfchar\n", n);
        for (size_t i = 0; i < n; i++, c++) {
            buf_printf(tounicode, "<%04zX> <", c);
            utf16_hex(tounicode, cf->pool + cf->cids[c].text_off, cf->cids[c].text_len);
            buf_puts(tounicode, ">\n");
        }
        buf_puts(tounicode, "endbfchar\n");
    }
    buf_puts(tounicode, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");

    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
    }
    tag[6] = 0;
    return fontfile->failed || cidtogid->failed || tounicode->failed ? -1 : 0;
}
