/* test_thaitype.c - Thai typography over several fonts: line metrics as
 * the font asks, no ink collisions between lines (checked with FreeType's
 * outline boxes, not the engine's HarfBuzz extents), an even pitch where
 * nothing collides, no line starting with ๆ or ฯ, truncated fonts refused,
 * the word list's lookup cost and its line ends. */
#define _POSIX_C_SOURCE 200809L
#include "api/engine.h"
#include "layout/plain.h"
#include "testhelp.h"
#include "testfile.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The fonts: Sarabun (the default), Debian's TLWG and Noto Thai, and TH
 * Sarabun New from npm (scripts/install-deps.sh puts it in tests/thaifonts). */
static const char *FONTS[] = {
    RG_SOURCE_DIR "/fonts/Sarabun-Regular.ttf",
    "/usr/share/fonts/truetype/tlwg/Laksaman.ttf",
    "/usr/share/fonts/truetype/tlwg/Garuda.ttf",
    "/usr/share/fonts/truetype/tlwg/Loma.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf",
    RG_SOURCE_DIR "/tests/thaifonts/node_modules/font-th-sarabun-new/fonts/THSarabunNew-webfont.ttf",
};

/* Deep descenders and below vowels over stacked tone marks, and ordinary
 * words between them. */
static const char *TEXT =
    "ปฏิบัติ ขึ้น ปฏู ฟื้น ฎีกา ฐาน ที่นั่น กุ้ง ญี่ปุ่น ปู่ ฏ ฐู ผู้ ปั้น ฤๅษี "
    "การ ทำ งาน ใน วัน นี้ ของ เรา ดี มาก ปฏิ นี้ ปฏิบัติราชการ ขึ้นทะเบียน "
    "ตัวชี้วัด ฎุ ฟ้ื ปู้ ญู ฐุ ที่ ปั่น ฝั่ง ป้อง ฟ้า";

static uint16_t be16(const unsigned char *p) { return (uint16_t)(p[0] << 8 | p[1]); }

/* The line metrics read straight from the file's tables: USE_TYPO_METRICS
 * -> OS/2 typo, else hhea; returns ascender - descender + gap, and upem. */
static int file_line_height(const char *path, int *upem)
{
    size_t len;
    unsigned char *d = (unsigned char *)test_slurp(path, &len);
    if (!d)
        return -1;
    int n = be16(d + 4), os2 = -1, hhea = -1, head = -1;
    for (int i = 0; i < n; i++) {
        const unsigned char *r = d + 12 + 16 * i;
        int off = (int)((uint32_t)r[8] << 24 | (uint32_t)r[9] << 16 | r[10] << 8 | r[11]);
        if (!memcmp(r, "OS/2", 4))
            os2 = off;
        else if (!memcmp(r, "hhea", 4))
            hhea = off;
        else if (!memcmp(r, "head", 4))
            head = off;
    }
    *upem = be16(d + head + 18);
    int h;
    if (be16(d + os2 + 62) & 0x80)
        h = (int16_t)be16(d + os2 + 68) - (int16_t)be16(d + os2 + 70) + (int16_t)be16(d + os2 + 72);
    else
        h = (int16_t)be16(d + hhea + 4) - (int16_t)be16(d + hhea + 6) + (int16_t)be16(d + hhea + 8);
    free(d);
    return h;
}

/* A glyph's ink box in points on the page (y down), from FreeType. */
typedef struct inkbox {
    double x0, y0, x1, y1;
} inkbox;

typedef struct pline {
    double base;   /* baseline, pt from the top */
    inkbox *g;     /* ink boxes */
    size_t n;
    int first_ch;  /* first character of its text */
    const char *text; /* its paragraph's text */
} pline;

/* FreeType faces of the fonts met (the fallback's too). */
static FT_Library ft;
static struct {
    const rg_font *font;
    FT_Face face;
} faces[8];
static int nfaces;

static FT_Face face_of(const rg_font *f)
{
    for (int i = 0; i < nfaces; i++)
        if (faces[i].font == f)
            return faces[i].face;
    if (nfaces == 8 || FT_New_Face(ft, font_path(f), 0, &faces[nfaces].face))
        return NULL;
    faces[nfaces].font = f;
    return faces[nfaces++].face;
}

static void faces_free(void)
{
    for (int i = 0; i < nfaces; i++)
        FT_Done_Face(faces[i].face);
    nfaces = 0;
}

/* The lines of page p (glyph boxes grouped by baseline), ink from FreeType. */
static size_t page_lines(const rg_page *pg, pline *lines, size_t max)
{
    size_t nl = 0;
    for (size_t b = 0; b < pg->nboxes; b++) {
        const rg_box *bx = &pg->boxes[b];
        if (bx->kind != BOX_GLYPHS)
            continue;
        const rg_box_glyphs *r = &bx->u.glyphs;
        double base = r->y / 1000.0;
        pline *l = nl && lines[nl - 1].base == base ? &lines[nl - 1] : NULL;
        if (!l) {
            if (nl == max)
                break;
            l = &lines[nl++];
            memset(l, 0, sizeof *l);
            l->base = base;
            uint32_t c;
            utf8_decode(r->text + r->text_start, r->text_end - r->text_start, &c);
            l->first_ch = (int)c;
            l->text = r->text;
        }
        FT_Face face = face_of(r->font);
        double k = r->size / 1000.0 / font_upem(r->font), pen = r->x / 1000.0;
        l->g = realloc(l->g, (l->n + r->n) * sizeof *l->g);
        for (size_t i = 0; i < r->n; i++) {
            const rg_glyph *g = &r->glyphs[i];
            if (face && !FT_Load_Glyph(face, g->gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) &&
                face->glyph->outline.n_points) {
                FT_BBox cb;
                FT_Outline_Get_CBox(&face->glyph->outline, &cb);
                double ox = pen + g->x_off * k, oy = base - g->y_off * k;
                l->g[l->n++] = (inkbox){ox + cb.xMin * k, oy - cb.yMax * k, ox + cb.xMax * k,
                                        oy - cb.yMin * k};
            }
            pen += g->x_adv * k + (r->extra ? r->extra[i] / 1000.0 : 0);
        }
    }
    return nl;
}

/* The least vertical gap (pt) between the ink of two lines where it comes
 * within margin horizontally; 1e9 when nothing does. */
static double ink_gap(const pline *a, const pline *b, double margin)
{
    double best = 1e9;
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++) {
            const inkbox *u = &a->g[i], *v = &b->g[j];
            if (v->x0 >= u->x1 + margin || u->x0 >= v->x1 + margin)
                continue;
            double gap = v->y0 - u->y1;
            if (gap < best)
                best = gap;
        }
    return best;
}

static void one_font(rg_context *ctx, const char *path)
{
    const char *name = strrchr(path, '/') + 1;
    char d[300];
    snprintf(d, sizeof d, "%s: the font is there (scripts/install-deps.sh fetches TH Sarabun New)",
             name);
    test_cond(d, access(path, R_OK) == 0);
    if (access(path, R_OK))
        return;
    rg_engine_options o;
    memset(&o, 0, sizeof o);
    o.data_dir = RG_SOURCE_DIR;
    o.font_regular = path;
    rg_engine *eng = rg_engine_new(ctx, &o);
    if (!eng) {
        test_cond("the engine loads the font", 0);
        return;
    }
    /* 1. The pitch is the font's own line height. */
    int upem, fh = file_line_height(path, &upem);
    size_t slen;
    char *seeds = test_slurp(RG_TEST_DATA "/text/seeds.txt", &slen);
    for (int run = 0; run < 3; run++) {
        /* The hard text at 30 and 120 pt, the seed paragraphs at 453. */
        int w = run == 0 ? 30 : run == 1 ? 120 : 453;
        const char *text = run < 2 ? TEXT : seeds ? seeds : "";
        rg_typeset_options to;
        memset(&to, 0, sizeof to);
        to.width_pt = w;
        to.size_pt = 16;
        to.align = RG_ALIGN_LEFT;
        rg_pages pages;
        pages_init(&pages, ctx);
        size_t len = strlen(text);
        if (plain_layout(eng->text, engine_textstate(eng, ctx), ctx, "t.txt", text, len, &to,
                         &pages)) {
            test_cond("plain_layout lays the text out", 0);
            pages_free(&pages);
            continue;
        }
        double pitch = fh * 16.0 / upem;
        size_t total = 0, even = 0, moved = 0, tight = 0, touching = 0, yamok = 0;
        double worst = 1e9, min_d = 1e9;
        for (size_t p = 0; p < pages.npages; p++) {
            pline lines[200];
            size_t nl = page_lines(&pages.pages[p], lines, 200);
            for (size_t i = 0; i < nl; i++) {
                yamok += lines[i].first_ch == 0x0E46 || lines[i].first_ch == 0x0E2F;
                if (i == 0)
                    continue;
                total++;
                int same = lines[i].text == lines[i - 1].text; /* one paragraph */
                double dist = lines[i].base - lines[i - 1].base;
                double gap = ink_gap(&lines[i - 1], &lines[i], 0);
                double near = ink_gap(&lines[i - 1], &lines[i], 16.0 / 40);
                if (same && dist < min_d)
                    min_d = dist;
                if (gap < worst)
                    worst = gap;
                touching += gap <= 0;
                if (!same) {
                    total--;
                } else if (dist < pitch + 0.002) {
                    even++;
                } else {
                    moved++;
                    /* moved just enough: the clearance, 1/40 em */
                    tight += near > 16.0 / 40 - 0.01 && near < 16.0 / 40 + 0.01;
                }
            }
            for (size_t i = 0; i < nl; i++)
                free(lines[i].g);
        }
        snprintf(d, sizeof d, "%s at %d pt: no two lines' ink touches (%zu line pairs, least gap %.2f pt)",
                 name, w, total, worst);
        test_cond(d, total >= 5 && touching == 0 && worst >= 16.0 / 40 - 0.01);
        snprintf(d, sizeof d, "%s at %d pt: the pitch is the font's line height %.2f pt (least %.2f)",
                 name, w, pitch, min_d);
        test_cond(d, min_d > pitch - 0.002 && min_d < pitch + 0.002);
        snprintf(d, sizeof d, "%s at %d pt: lines moved apart moved just enough (%zu of %zu)",
                 name, w, tight, moved);
        test_cond(d, tight == moved);
        if (run == 2) {
            snprintf(d, sizeof d, "%s, seed paragraphs: most lines keep the even pitch (%zu of %zu)",
                     name, even, total);
            test_cond(d, even * 4 > total * 3);
        }
        snprintf(d, sizeof d, "%s at %d pt: no line starts with ๆ or ฯ", name, w);
        test_cond(d, yamok == 0);
        pages_free(&pages);
    }
    free(seeds);
    faces_free();
    rg_engine_free(eng);
    rg_context_clear_diagnostics(ctx);
}

/* Lines of text at width w as "a|b|c" into out. */
static void lines_of(rg_engine *eng, rg_context *ctx, const char *text, int w, char *out,
                     size_t cap)
{
    rg_textstate *ts = engine_textstate(eng, ctx);
    rg_arena arena;
    arena_init(&arena, ctx, 0);
    rg_span sp = {0, strlen(text), {engine_face(eng, FACE_REGULAR), RG_PT(16), 0, 0, NULL, 0}};
    rg_para_in in = {text, strlen(text), &sp, 1, textres_fallback(eng->text), RG_PT(w), 0, RG_ALIGN_LEFT,
                     "t", 1};
    rg_para_out po;
    size_t o = 0;
    out[0] = 0;
    if (!paragraph_layout(ts, ctx, &arena, &in, &po))
        for (size_t l = 0; l < po.nlines && o + 2 < cap; l++)
            o += (size_t)snprintf(out + o, cap - o, "%s%.*s", l ? "|" : "",
                                  (int)(po.lines[l].end - po.lines[l].start),
                                  text + po.lines[l].start);
    arena_free(&arena);
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    FT_Init_FreeType(&ft);
    for (size_t f = 0; f < sizeof FONTS / sizeof *FONTS; f++)
        one_font(ctx, FONTS[f]);
    FT_Done_FreeType(ft);

    rg_engine *eng = test_engine(ctx);
    test_cond("the default engine loads", eng != NULL);
    if (!eng)
        return test_report();

    /* ๆ and ฯ never start a line, at every width. */
    static const char *rep[] = {"เด็ก ๆ ไป", "ผัก ผลไม้ ฯลฯ และ ศูนย์ฯ ต่างๆ กัน", "มาก ๆ ฯลฯ"};
    int bad = 0, n = 0;
    char buf[4096], first[256] = "";
    for (size_t t = 0; t < 3; t++)
        for (int w = 10; w <= 200; w += 2) {
            lines_of(eng, ctx, rep[t], w, buf, sizeof buf);
            n++;
            for (char *p = buf; p; p = strchr(p, '|')) {
                p += *p == '|';
                if (!strncmp(p, "ๆ", strlen("ๆ")) || !strncmp(p, "ฯ", strlen("ฯ")) ||
                    !strncmp(p, " ", 1) || !strncmp(p, "ลฯ", strlen("ลฯ"))) {
                    bad++;
                    if (!*first)
                        snprintf(first, sizeof first, "%.200s at %d", buf, w);
                }
            }
        }
    snprintf(buf, sizeof buf, "no line starts with ๆ, ฯ or inside ฯลฯ (%d layouts; first bad: %.250s)",
             n, first);
    test_cond(buf, bad == 0 && n > 200);
    lines_of(eng, ctx, "เด็ก ๆ ไป", 32, buf, sizeof buf);
    test_cond("\"เด็ก ๆ ไป\" at 32 pt: ๆ stays on the line of its word", !strcmp(buf, "เด็ก ๆ|ไป"));

    /* URLs and e-mail addresses break after a separator, not inside a name. */
    {
        const char *url = "ดู https://www.opdc.go.th/content/kpi/report.pdf หรือ saraban@opdc.go.th ครับ";
        int bad_url = 0, layouts = 0;
        char first_bad[300] = "";
        for (int w = 70; w <= 200; w += 5) {
            lines_of(eng, ctx, url, w, buf, sizeof buf);
            layouts++;
            for (char *p = strchr(buf, '|'); p; p = strchr(p + 1, '|')) {
                char before = p[-1], after = p[1];
                if (before == ' ' || after == ' ' || (unsigned char)before >= 0x80 ||
                    (unsigned char)after >= 0x80)
                    continue; /* a word boundary, or Thai */
                if (before != '/' && before != '.' && before != '@' && after != '/') {
                    bad_url++;
                    if (!*first_bad)
                        snprintf(first_bad, sizeof first_bad, "%.200s at %d", buf, w);
                }
            }
        }
        snprintf(buf, sizeof buf,
                 "a URL and an e-mail address break only after / . or @ (%d widths; first bad: %s)",
                 layouts, first_bad);
        test_cond(buf, bad_url == 0);
    }

    /* 20,000 marks on one base: shaped in pieces of at most 30 marks, so
     * no cluster (what HarfBuzz shapes in quadratic time) holds more than
     * 31 characters; every mark still gets a glyph. */
    {
        size_t nm = 20000, tlen = 3 + nm * 3;
        char *hostile = malloc(tlen + 1);
        memcpy(hostile, "ก", 3);
        for (size_t i = 0; i < nm; i++)
            memcpy(hostile + 3 + 3 * i, "ิ", 3);
        hostile[tlen] = 0;
        rg_textstate *hts = engine_textstate(eng, ctx);
        rg_arena ha;
        arena_init(&ha, ctx, 0);
        rg_span hs = {0, tlen, {textres_face(eng->text, FACE_REGULAR), RG_PT(16), 0, 0, NULL, 0}};
        rg_para_in hin = {hostile, tlen, &hs, 1, textres_fallback(eng->text), RG_PT(300), 0,
                          RG_ALIGN_LEFT, "h", 1};
        rg_para_out ho;
        size_t glyphs = 0, longest = 0;
        int hok = !paragraph_layout(hts, ctx, &ha, &hin, &ho);
        for (size_t l = 0; hok && l < ho.nlines; l++)
            for (size_t r = 0; r < ho.lines[l].nruns; r++) {
                const rg_line_run *run = &ho.lines[l].runs[r];
                for (size_t k = 0; k < run->n; k++) {
                    glyphs++;
                    size_t next = k + 1 < run->n ? run->glyphs[k + 1].cluster : run->text_end;
                    if (next > run->glyphs[k].cluster &&
                        (next - run->glyphs[k].cluster) / 3 > longest)
                        longest = (next - run->glyphs[k].cluster) / 3;
                }
            }
        snprintf(buf, sizeof buf,
                 "ก + 20,000 marks: %zu glyphs, the longest cluster %zu characters (at most 31)",
                 glyphs, longest);
        test_cond(buf, hok && glyphs >= nm && longest <= 31);
        arena_free(&ha);
        free(hostile);
        rg_context_clear_diagnostics(ctx);
    }

    /* A font without Thai: one warning per character, not per occurrence. */
    {
        rg_engine_options o;
        memset(&o, 0, sizeof o);
        o.data_dir = RG_SOURCE_DIR;
        o.font_regular = RG_SOURCE_DIR "/fonts/DejaVuSans.ttf";
        rg_engine *dv = rg_engine_new(ctx, &o);
        const char *t = "กขค กขค กขค\n\nกขค ok กขค\n\nค ข ก";
        rg_typeset_options to;
        memset(&to, 0, sizeof to);
        to.width_pt = 200;
        rg_pages pages;
        pages_init(&pages, ctx);
        rg_context_clear_diagnostics(ctx);
        int lok = dv && !plain_layout(dv->text, engine_textstate(dv, ctx), ctx, "t.txt", t,
                                      strlen(t), &to, &pages);
        size_t nw = rg_context_diagnostic_count(ctx);
        snprintf(buf, sizeof buf,
                 "DejaVu Sans (no Thai): 3 Thai characters in 21 places give 3 warnings (%zu)", nw);
        test_cond(buf, lok && nw == 3 && context_count_like(ctx, "missing-glyph", "t.txt", NULL) == 3);
        pages_free(&pages);
        rg_engine_free(dv);
        rg_context_clear_diagnostics(ctx);
    }

    /* A truncated font is an error, not a PDF of blank glyphs. */
    size_t flen;
    char *font = test_slurp(RG_SOURCE_DIR "/fonts/Sarabun-Regular.ttf", &flen);
    char tpath[1024];
    int fd = mkstemp(test_scratch(tpath, sizeof tpath, "rg_trunc"));
    int wrote = font && fd >= 0 && write(fd, font, 40000) == 40000;
    if (fd >= 0)
        close(fd);
    rg_context_clear_diagnostics(ctx);
    rg_font *tf = wrote ? font_load(ctx, tpath) : NULL;
    const rg_diagnostic *dg = rg_context_diagnostic_count(ctx) ? rg_context_diagnostic(ctx, 0) : NULL;
    char msg[512] = "";
    if (dg)
        rg_diagnostic_format(dg, msg, sizeof msg);
    printf("# %s\n", msg);
    test_cond("Sarabun cut at 40,000 of its bytes does not load, and the error says it is truncated",
              wrote && !tf && strstr(msg, "truncated") && strstr(msg, "40000 bytes"));
    font_drop(tf);
    unlink(tpath);
    free(font);
    rg_context_clear_diagnostics(ctx);

    /* The word list: a lookup costs about length x log(words), however
     * many words share a first character; and CR-only files split. */
    rg_wordlist *wl = wordlist_new(ctx);
    char w[64];
    for (int i = 0; i < 200000; i++) {
        int k = snprintf(w, sizeof w, "ก%d", i);
        wordlist_add(wl, w, (size_t)k);
    }
    wordlist_add(wl, "กขค", strlen("กขค"));
    wordlist_seal(wl);
    rg_thaidict *dict = thaidict_start(ctx);
    rg_breaker *br = breaker_new(ctx, wl, dict);
    const char *txt = "กขคกขคกขค ก12345 กขคกขค ก199999ก";
    size_t tl = strlen(txt);
    uint8_t *brk = malloc(tl + 1);
    int ok = br && !breaker_run(br, ctx, txt, tl, brk);
    size_t probes = br ? breaker_probes(br) : 0;
    snprintf(buf, sizeof buf,
             "200,001 words starting with ก: the lookups of a 30-character text make %zu "
             "comparisons (a scan per first character would make millions)",
             probes);
    test_cond(buf, ok && probes < 30 * 2 * 20 * 4);
    test_cond("the listed word กขค is kept whole and its edges may break",
              ok && brk[3] == BRK_NONE && brk[6] == BRK_NONE && brk[9] == BRK_ALLOW);
    free(brk);
    breaker_free(br);
    thaidict_free(dict);
    wordlist_free(wl);

    char cpath[1024];
    fd = mkstemp(test_scratch(cpath, sizeof cpath, "rg_cr"));
    const char *cr = "หนึ่ง\rสอง\r\nสาม\rสี่";
    wrote = fd >= 0 && write(fd, cr, strlen(cr)) == (ssize_t)strlen(cr);
    if (fd >= 0)
        close(fd);
    wl = wordlist_new(ctx);
    rg_status st = wrote ? wordlist_add_file(wl, ctx, cpath) : RG_ERR_IO;
    test_cond("a word list with CR, CRLF and CR line ends has its four words",
              st == RG_OK && wordlist_count(wl) == 4);
    wordlist_free(wl);
    unlink(cpath);

    rg_engine_free(eng);
    rg_context_free(ctx);
    return test_report();
}
