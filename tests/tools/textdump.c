/* textdump.c - what the text engine says a `raingan typeset` PDF must
 * contain, for the tool tests to compare with what poppler and MuPDF read.
 *
 *   rg_textdump FILE.txt [--width PT] [--size PT] [--align MODE] [--words FILE] [--font FILE]
 *
 * It splits the file into paragraphs with layout/plain.c's own
 * plain_next_paragraph, runs paragraph_layout on each and places the lines
 * on plain.c's page (PLAIN_* in layout/plain.h: each line at its ascent +
 * descent, moved down where line_distance says the ink needs it,
 * PLAIN_PARA_GAP between paragraphs), so it predicts, without
 * copying, where `raingan typeset` puts each glyph.  The golden dumps of
 * the text stage itself are tests/data/layout/NAME.txt (test_expect).
 *
 * Output, one record a line, offsets are byte offsets into the whole file,
 * lengths in points, y measured upwards from the page's bottom edge (PDF
 * user space, as `mutool trace` prints):
 *
 *   width W                       the line width asked for
 *   font I NAME UPEM              fonts by index
 *   para START END                a paragraph's byte range
 *   brk OFF KIND                  A: breaker allows a break before OFF,
 *                                 M: breaker demands one, E: OFF is a
 *                                 grapheme boundary (ICU) inside a segment
 *                                 between two opportunities that is wider
 *                                 than the line (emergency break allowed)
 *   line PAGE START END X0 X1 HARD  a line's text range and the left and
 *                                 right edge of its ink box (natural width
 *                                 plus justification)
 *   g PAGE X Y FONT GID PATH CLUSTER  one glyph's origin; PATH is 1 when the
 *                                 PDF writer draws it as an outline
 *                                 (CID_AS_PATH) rather than as text */
#define _POSIX_C_SOURCE 200809L
#include "api/engine.h"
#include "layout/plain.h"
#include "render/cidfont.h"
#include "util/fileio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

static rg_font *fonts[8];
static rg_cidfont *cfs[8];
static int nfonts;

static int font_index(rg_context *ctx, rg_font *f)
{
    for (int i = 0; i < nfonts; i++)
        if (fonts[i] == f)
            return i;
    fonts[nfonts] = f;
    cfs[nfonts] = cidfont_new(ctx, f);
    printf("font %d %s %u\n", nfonts, font_postscript_name(f), font_upem(f));
    return nfonts++;
}

/* Breaks and emergency positions of one paragraph text[0, len) that starts
 * at file offset base. */
static void dump_breaks(rg_textstate *ts, rg_context *ctx, const char *text, size_t len,
                        size_t base, const rg_style *style, rg_font *fallback, rg_mpt avail)
{
    uint8_t *brk = malloc(len + 1);
    char *kind = calloc(len + 1, 1);
    if (!brk || !kind || breaker_run(textstate_breaker(ts), ctx, text, len, brk))
        exit(4);
    for (size_t i = 0; i <= len; i++)
        kind[i] = brk[i] == BRK_ALLOW ? 'A' : brk[i] == BRK_MUST ? 'M' : 0;
    /* Grapheme boundaries from ICU, independent of HarfBuzz's clusters. */
    char *grapheme = calloc(len + 1, 1);
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
    UBreakIterator *ch = ubrk_open(UBRK_CHARACTER, "th", NULL, 0, &err);
    ubrk_setUText(ch, ut, &err);
    if (U_FAILURE(err) || !grapheme)
        exit(4);
    for (int32_t p = ubrk_first(ch); p != UBRK_DONE; p = ubrk_next(ch))
        grapheme[p] = 1;
    ubrk_close(ch);
    utext_close(ut);
    size_t p = 0;
    while (p < len) {
        size_t q = p + 1;
        while (q < len && !brk[q])
            q++;
        size_t te = q;
        while (te > p && (text[te - 1] == ' ' || text[te - 1] == '\n' || text[te - 1] == '\t'))
            te--;
        rg_mpt w = text_measure(ts, ctx, text + p, te - p, style, fallback);
        if (w > avail - RG_PT(0.5))
            for (size_t i = p + 1; i < te; i++)
                if (grapheme[i] && !kind[i])
                    kind[i] = 'E';
        p = q;
    }
    for (size_t i = 1; i <= len; i++)
        if (kind[i])
            printf("brk %zu %c\n", base + i, kind[i]);
    free(brk);
    free(kind);
    free(grapheme);
}

int main(int argc, char **argv)
{
    const char *path = NULL, *font = NULL, *words[4];
    size_t nwords = 0;
    double width_pt = 453.544, size_pt = 16;
    int align = RG_ALIGN_LEFT;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--width") && i + 1 < argc)
            width_pt = atof(argv[++i]);
        else if (!strcmp(argv[i], "--size") && i + 1 < argc)
            size_pt = atof(argv[++i]);
        else if (!strcmp(argv[i], "--align") && i + 1 < argc)
            align = rg_align_from_name(argv[++i]);
        else if (!strcmp(argv[i], "--font") && i + 1 < argc)
            font = argv[++i];
        else if (!strcmp(argv[i], "--words") && i + 1 < argc && nwords < 4)
            words[nwords++] = argv[++i];
        else
            path = argv[i];
    }
    if (!path || align < 0) {
        fprintf(stderr, "usage: rg_textdump FILE [--width PT] [--size PT] [--align MODE] [--font FILE]\n");
        return 2;
    }
    rg_context *ctx = rg_context_new();
    rg_engine_options eo;
    memset(&eo, 0, sizeof eo);
    eo.font_regular = font;
    eo.word_files = words;
    eo.word_file_count = nwords;
    rg_engine *eng = rg_engine_new(ctx, &eo);
    char *text;
    size_t len;
    if (!eng || file_read_all(ctx, path, 64u << 20, &text, &len)) {
        fprintf(stderr, "rg_textdump: cannot start\n");
        return 4;
    }
    rg_textstate *ts = engine_textstate(eng, ctx);
    rg_mpt width = RG_PT(width_pt);
    rg_style style = {engine_face(eng, FACE_REGULAR), RG_PT(size_pt), 0, 0, NULL, 0};
    printf("width %.3f\n", width_pt);

    int page = 0;
    rg_mpt y = 0; /* from the page's top */
    rg_arena arena;
    arena_init(&arena, ctx, 0);
    const rg_line *prev = NULL;
    rg_mpt prev_base = 0;
    uint16_t *cids = NULL;
    cid_text *texts = NULL;
    plain_para it = {0, 1, 0, 0, 0};
    while (plain_next_paragraph(text, len, &it)) {
        size_t start = it.start, end = it.end;
        printf("para %zu %zu\n", start, end);
        rg_span span = {0, end - start, style};
        rg_para_in in = {text + start, end - start, &span, 1, textres_fallback(eng->text), width, 0,
                         (rg_align)align, path, 0};
        rg_para_out out;
        if (paragraph_layout(ts, ctx, &arena, &in, &out))
            return 4;
        for (size_t l = 0; l < out.nlines; l++) {
            const rg_line *line = &out.lines[l];
            rg_mpt h = line->ascent + line->descent;
            if (prev) {
                rg_mpt d = y + line->ascent - prev_base;
                y += line_distance(prev, line, d, RG_INK_CLEARANCE(style.size)) - d;
            }
            if (page == 0 || y + h > PLAIN_PAGE_H - PLAIN_MARGIN_B) {
                page++;
                y = PLAIN_MARGIN_T;
            }
            prev = line;
            prev_base = y + line->ascent;
            double base_y = PLAIN_PAGE_H / 1000.0 - (y + line->ascent) / 1000.0;
            double x0 = 1e9, x1 = -1e9;
            for (size_t r = 0; r < line->nruns; r++) {
                const rg_line_run *run = &line->runs[r];
                if (run->n == 0)
                    continue;
                int fi = font_index(ctx, run->font);
                double size = run->style->size / 1000.0, upem = font_upem(run->font);
                rg_box_glyphs bg = {run->x, 0, run->font, run->style->size, 0, run->glyphs,
                                    run->extra, run->n, text + start, run->text_start,
                                    run->text_end};
                cids = realloc(cids, run->n * sizeof *cids);
                texts = realloc(texts, run->n * sizeof *texts);
                if (!cids || !texts || cidfont_encode(cfs[fi], &bg, cids, texts))
                    return 4;
                double pen = (PLAIN_MARGIN_L + run->x) / 1000.0;
                if (pen < x0)
                    x0 = pen;
                for (size_t k = 0; k < run->n; k++) {
                    const rg_glyph *g = &run->glyphs[k];
                    printf("g %d %.4f %.4f %d %u %d %zu\n", page, pen + g->x_off * size / upem,
                           base_y + g->y_off * size / upem, fi, (unsigned)g->gid,
                           cids[k] == CID_AS_PATH, start + g->cluster);
                    pen += g->x_adv * size / upem + (run->extra ? run->extra[k] / 1000.0 : 0);
                }
                if (pen > x1)
                    x1 = pen;
            }
            if (x1 < x0)
                x0 = x1 = PLAIN_MARGIN_L / 1000.0;
            printf("line %d %zu %zu %.4f %.4f %d\n", page, start + line->start, start + line->end,
                   x0, x1, line->hard);
            y += h;
        }
        y += PLAIN_PARA_GAP(style.size);
        dump_breaks(ts, ctx, text + start, end - start, start, &style, textres_fallback(eng->text),
                    width);
    }
    arena_free(&arena);
    for (int f = 0; f < nfonts; f++)
        cidfont_free(cfs[f]);
    free(cids);
    free(texts);
    rg_free(ctx, text);
    for (size_t d = 0; d < rg_context_diagnostic_count(ctx); d++) {
        char buf[512];
        rg_diagnostic_format(rg_context_diagnostic(ctx, d), buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    rg_engine_free(eng);
    rg_context_free(ctx);
    return 0;
}
