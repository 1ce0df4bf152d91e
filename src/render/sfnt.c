/* sfnt.c - adding width aliases (composite glyphs) to a TrueType subset.
 *
 * Why: PDF/A (ISO 19005-3 6.2.11.5) requires that the width /W gives a
 * code equals the advance of the glyph it selects in the embedded font
 * program.  raingan's codes carry HarfBuzz's shaped advances (a Thai mark
 * with a small advance, a kerned Latin letter), which differ from the
 * glyph's hmtx advance.  Moving the difference into TJ adjustments would
 * break text extraction (a gap inside a word reads as a space), so
 * instead the font gets one more glyph per (glyph, advance) pair that
 * needs it: a composite glyph whose single component is the original glyph
 * at (0, 0) and whose hmtx advance is the shaped one.  It draws exactly
 * the same outline, and the code points at it through CIDToGIDMap.
 *
 * The rewrite is table-level and keeps every table it does not need to
 * change byte for byte: glyf gets the new glyphs appended, loca is written
 * in the long format, hmtx is written with one full metric per glyph,
 * hhea's numberOfHMetrics and advanceWidthMax, maxp's numGlyphs and
 * component limits follow, post drops its glyph names (version 3, whose
 * names would otherwise have to grow too), and head's indexToLocFormat and
 * checkSumAdjustment are set.  The tables are written in the input's
 * (sorted) order, each on a 4-byte boundary with its checksum. */
#include "render/sfnt.h"

#include <string.h>

static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void wr16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}
static void wr32(unsigned char *p, uint32_t v)
{
    wr16(p, v >> 16);
    wr16(p + 2, v);
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i += 4) {
        unsigned char w[4] = {0, 0, 0, 0};
        memcpy(w, p + i, n - i < 4 ? n - i : 4);
        sum += rd32(w);
    }
    return sum;
}

enum { T_HEAD, T_HHEA, T_HMTX, T_MAXP, T_LOCA, T_GLYF, T_POST, T_NEEDED };

typedef struct table {
    uint32_t tag;
    const unsigned char *data; /* in the input, or a replacement */
    size_t len;
} table;

/* Build the new glyf, loca (long) and hmtx into g, l and h. */
static int build_glyphs(const table *t, uint32_t nglyphs, int long_loca, uint32_t nhm,
                        const sfnt_alias *aliases, size_t n, rg_buf *g, rg_buf *l, rg_buf *h,
                        uint16_t *max_adv)
{
    const table *loca = &t[T_LOCA], *glyf = &t[T_GLYF], *hmtx = &t[T_HMTX];
    size_t need_loca = (size_t)(nglyphs + 1) * (long_loca ? 4 : 2);
    if (loca->len < need_loca || nhm == 0 || nhm > nglyphs ||
        hmtx->len < (size_t)nhm * 4 + (size_t)(nglyphs - nhm) * 2)
        return -1;
#define LOCA(i) (long_loca ? rd32(loca->data + 4 * (size_t)(i)) : 2u * rd16(loca->data + 2 * (size_t)(i)))
    for (uint32_t i = 0; i <= nglyphs; i++)
        if (LOCA(i) > glyf->len || (i && LOCA(i) < LOCA(i - 1)))
            return -1;
    buf_append(g, glyf->data, LOCA(nglyphs));
    while (g->len % 4)
        buf_putc(g, 0);
    unsigned char w[20];
    /* The last glyph ends where the first alias starts: after the padding
     * (ending it at LOCA(nglyphs) made the first alias start inside the
     * padding, read as an empty glyph, whenever glyf's length was not a
     * multiple of 4). */
    for (uint32_t i = 0; i <= nglyphs; i++) {
        wr32(w, i < nglyphs ? LOCA(i) : (uint32_t)g->len);
        buf_append(l, w, 4);
    }
    *max_adv = 0;
    for (uint32_t i = 0; i < nglyphs; i++) {
        const unsigned char *m = hmtx->data + 4 * (size_t)(i < nhm ? i : nhm - 1);
        const unsigned char *lsb = i < nhm ? m + 2 : hmtx->data + 4 * (size_t)nhm + 2 * (i - nhm);
        if (rd16(m) > *max_adv)
            *max_adv = rd16(m);
        buf_append(h, m, 2);
        buf_append(h, lsb, 2);
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t c = aliases[i].gid;
        if (c >= nglyphs)
            return -1;
        uint32_t from = LOCA(c), to = LOCA(c + 1);
        int16_t lsb = 0;
        if (to - from >= 10) {
            /* numberOfContours -1, the component's bounding box, then one
             * component: ARG_1_AND_2_ARE_WORDS | ARGS_ARE_XY_VALUES, the
             * glyph, dx = dy = 0.  No USE_MY_METRICS: the advance is ours. */
            wr16(w, 0xFFFF);
            memcpy(w + 2, glyf->data + from + 2, 8);
            wr16(w + 10, 0x0003);
            wr16(w + 12, c);
            wr32(w + 14, 0);
            wr16(w + 18, 0);
            buf_append(g, w, 20);
            lsb = (int16_t)rd16(glyf->data + from + 2);
        }
        wr32(w, (uint32_t)g->len);
        buf_append(l, w, 4);
        wr16(w, aliases[i].adv);
        wr16(w + 2, (uint16_t)lsb);
        buf_append(h, w, 4);
        if (aliases[i].adv > *max_adv)
            *max_adv = aliases[i].adv;
    }
#undef LOCA
    return 0;
}

int sfnt_add_aliases(rg_context *ctx, const char *path, const unsigned char *font, size_t len,
                     const sfnt_alias *aliases, size_t n, rg_buf *out)
{
    static const char tags[T_NEEDED][5] = {"head", "hhea", "hmtx", "maxp", "loca", "glyf", "post"};
    if (len < 12)
        goto bad;
    size_t ntables = rd16(font + 4);
    if (len < 12 + ntables * 16 || ntables > 64)
        goto bad;
    table all[64], t[T_NEEDED];
    int idx[T_NEEDED];
    for (int k = 0; k < T_NEEDED; k++)
        idx[k] = -1;
    for (size_t i = 0; i < ntables; i++) {
        const unsigned char *r = font + 12 + 16 * i;
        uint32_t off = rd32(r + 8), tl = rd32(r + 12);
        if (off > len || tl > len - off)
            goto bad;
        all[i] = (table){rd32(r), font + off, tl};
        for (int k = 0; k < T_NEEDED; k++)
            if (all[i].tag == rd32((const unsigned char *)tags[k]))
                idx[k] = (int)i;
        if (all[i].tag == rd32((const unsigned char *)"gvar") ||
            all[i].tag == rd32((const unsigned char *)"CFF "))
            return 1;
    }
    for (int k = 0; k < T_POST; k++)
        if (idx[k] < 0)
            return 1;
    for (int k = 0; k < T_NEEDED; k++)
        t[k] = idx[k] >= 0 ? all[idx[k]] : (table){0, NULL, 0};
    if (t[T_HEAD].len < 54 || t[T_HHEA].len < 36 || t[T_MAXP].len < 6)
        goto bad;
    uint32_t nglyphs = rd16(t[T_MAXP].data + 4);
    if (nglyphs + n > 65535)
        return 1;
    int long_loca = rd16(t[T_HEAD].data + 50) != 0;
    uint32_t nhm = rd16(t[T_HHEA].data + 34);

    rg_buf g, l, h;
    buf_init(&g, ctx);
    buf_init(&l, ctx);
    buf_init(&h, ctx);
    uint16_t max_adv;
    int rc = build_glyphs(t, nglyphs, long_loca, nhm, aliases, n, &g, &l, &h, &max_adv);
    unsigned char head[64], hhea[64], maxp[64], post[32];
    size_t maxp_len = t[T_MAXP].len < sizeof maxp ? t[T_MAXP].len : sizeof maxp;
    if (rc == 0 && !g.failed && !l.failed && !h.failed) {
        uint32_t total = nglyphs + (uint32_t)n;
        memcpy(head, t[T_HEAD].data, 54);
        wr32(head + 8, 0);  /* checkSumAdjustment: set below */
        wr16(head + 50, 1); /* indexToLocFormat: long */
        memcpy(hhea, t[T_HHEA].data, 36);
        wr16(hhea + 10, max_adv);
        wr16(hhea + 34, total);
        memcpy(maxp, t[T_MAXP].data, maxp_len);
        wr16(maxp + 4, total);
        if (rd32(maxp) == 0x00010000 && maxp_len >= 32) {
            /* maxCompositePoints/Contours at least the simple maxima (an
             * alias has its component's points), one element, one level. */
            for (int o = 0; o < 4; o += 2)
                if (rd16(maxp + 6 + o) > rd16(maxp + 10 + o))
                    wr16(maxp + 10 + o, rd16(maxp + 6 + o));
            if (rd16(maxp + 28) < 1)
                wr16(maxp + 28, 1);
            wr16(maxp + 30, rd16(maxp + 30) + 1u);
        }
        t[T_HEAD] = (table){t[T_HEAD].tag, head, 54};
        t[T_HHEA] = (table){t[T_HHEA].tag, hhea, 36};
        t[T_MAXP] = (table){t[T_MAXP].tag, maxp, maxp_len};
        t[T_GLYF] = (table){t[T_GLYF].tag, (unsigned char *)g.data, g.len};
        t[T_LOCA] = (table){t[T_LOCA].tag, (unsigned char *)l.data, l.len};
        t[T_HMTX] = (table){t[T_HMTX].tag, (unsigned char *)h.data, h.len};
        if (idx[T_POST] >= 0 && t[T_POST].len >= 32) {
            memcpy(post, t[T_POST].data, 32);
            wr32(post, 0x00030000);
            t[T_POST] = (table){t[T_POST].tag, post, 32};
        }
        for (int k = 0; k < T_NEEDED; k++)
            if (idx[k] >= 0)
                all[idx[k]] = t[k];

        /* The file: offset table, records, tables (4-aligned). */
        size_t start = out->len, off = 12 + 16 * ntables;
        unsigned char hdr[16];
        buf_append(out, font, 12);
        for (size_t i = 0; i < ntables; i++) {
            wr32(hdr, all[i].tag);
            wr32(hdr + 4, checksum(all[i].data, all[i].len));
            wr32(hdr + 8, (uint32_t)off);
            wr32(hdr + 12, (uint32_t)all[i].len);
            buf_append(out, hdr, 16);
            off += (all[i].len + 3) & ~(size_t)3;
        }
        size_t head_off = 0;
        for (size_t i = 0; i < ntables; i++) {
            if (all[i].data == head)
                head_off = out->len - start;
            buf_append(out, all[i].data, all[i].len);
            while ((out->len - start) % 4)
                buf_putc(out, 0);
        }
        if (!out->failed)
            wr32((unsigned char *)out->data + start + head_off + 8,
                 0xB1B0AFBAu - checksum((unsigned char *)out->data + start, out->len - start));
    }
    int failed = g.failed || l.failed || h.failed || out->failed;
    buf_free(&g);
    buf_free(&l);
    buf_free(&h);
    if (rc == 0 && !failed)
        return 0;
    if (rc == 0)
        return -1; /* out of memory: the buffers said so */
bad:
    rg_diag(ctx, RG_ERROR, "bad-font", path, 0, 0, NULL,
            "the font's glyph tables are malformed; they cannot be subset for PDF/A");
    return -1;
}
