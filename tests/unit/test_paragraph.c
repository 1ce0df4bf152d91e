/* test_paragraph.c - paragraph_layout: widths, alignments, indent, empty
 * text, missing glyphs and the fallback font. */
#include "api/engine.h"
#include "testhelp.h"
#include "testfile.h"
#include "util/fileio.h"

#include <stdlib.h>
#include <string.h>

static rg_engine *eng;
static rg_textstate *ts;
static rg_arena arena;

static rg_para_out lay(rg_context *ctx, const char *text, double width, rg_align align,
                       double indent, rg_span *sp)
{
    *sp = (rg_span){0, strlen(text), {engine_face(eng, FACE_REGULAR), RG_PT(16), 0, 0, NULL, 0}};
    rg_para_in in = {text, strlen(text), sp, 1, textres_fallback(eng->text), RG_PT(width), RG_PT(indent),
                     align, "t.txt", 1};
    rg_para_out out = {NULL, 0};
    if (paragraph_layout(ts, ctx, &arena, &in, &out))
        out.nlines = 0;
    return out;
}

/* Left edge and right edge (mpt) of a line's runs including extra spacing. */
static void extent(const rg_line *l, rg_mpt *x0, rg_mpt *x1)
{
    *x0 = l->nruns ? l->runs[0].x : 0;
    *x1 = l->nruns ? l->runs[l->nruns - 1].x + l->runs[l->nruns - 1].width : 0;
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    eng = test_engine(ctx);
    test_cond("the engine loads its fonts", eng != NULL);
    if (!eng)
        return test_report();
    ts = engine_textstate(eng, ctx);
    arena_init(&arena, ctx, 0);
    char *text;
    size_t len;
    test_cond("the seed paragraphs load",
              file_read_all(ctx, RG_TEST_DATA "/text/seeds.txt", 1 << 20, &text, &len) == RG_OK);
    char *nl = strchr(text, '\n');
    *nl = 0; /* the first paragraph: URL, digits, parentheses, ศปก.จ. */
    rg_span sp;

    for (int w = 120; w <= 453; w += 333) {
        rg_para_out L = lay(ctx, text, w, RG_ALIGN_LEFT, 0, &sp);
        int fits = L.nlines > 3;
        for (size_t i = 0; i < L.nlines; i++)
            fits &= L.lines[i].width <= RG_PT(w) ||
                    L.lines[i].nruns == 1; /* a single unbreakable token (the URL) */
        char d[200];
        snprintf(d, sizeof d, "at %d pt no line is wider than the measure", w);
        test_cond(d, fits);

        rg_para_out J = lay(ctx, text, w, RG_ALIGN_JUSTIFY, 0, &sp);
        int flush = J.nlines == L.nlines;
        for (size_t i = 0; flush && i + 1 < J.nlines; i++) {
            rg_mpt x0, x1;
            extent(&J.lines[i], &x0, &x1);
            int has_space = memchr(text + J.lines[i].start, ' ', J.lines[i].end - J.lines[i].start) != NULL;
            flush &= !has_space || (x0 == 0 && x1 == RG_PT(w));
        }
        snprintf(d, sizeof d, "at %d pt justify makes every non-last line exactly the width", w);
        test_cond(d, flush);

        rg_para_out D = lay(ctx, text, w, RG_ALIGN_THAI_DISTRIBUTED, 0, &sp);
        int even = D.nlines == L.nlines, same = even, flushd = even;
        for (size_t i = 0; even && i < D.nlines; i++) {
            const rg_line *dl = &D.lines[i], *ll = &L.lines[i];
            rg_mpt lo = 1 << 30, hi = -1, smax = 0;
            size_t ng = 0, points = 0, nzero = 0;
            for (size_t r = 0; r < dl->nruns; r++) {
                const rg_line_run *run = &dl->runs[r];
                for (size_t k = 0; k < run->n; k++, ng++) {
                    /* glyphs unchanged */
                    size_t rr = 0, kk = ng;
                    while (rr < ll->nruns && kk >= ll->runs[rr].n)
                        kk -= ll->runs[rr++].n;
                    same &= rr < ll->nruns && ll->runs[rr].glyphs[kk].gid == run->glyphs[k].gid &&
                            ll->runs[rr].glyphs[kk].x_adv == run->glyphs[k].x_adv;
                    rg_mpt e = run->extra ? run->extra[k] : 0;
                    int boundary = k + 1 < run->n ? run->glyphs[k + 1].cluster != run->glyphs[k].cluster
                                                  : r + 1 < dl->nruns;
                    int at_space = text[run->glyphs[k].cluster] == ' ';
                    if (boundary && !at_space) {
                        points++;
                        lo = e < lo ? e : lo;
                        hi = e > hi ? e : hi;
                    } else if (!boundary) {
                        nzero += e != 0;
                    } else if (e > smax) {
                        smax = e;
                    }
                }
            }
            if (i + 1 < D.nlines) {
                /* Even spread, at most 1/20 em (800 mpt at 16 pt) per
                 * boundary between clusters of a word; spaces take the rest. */
                even &= points == 0 || (hi - lo <= 1 && nzero == 0 && hi <= 801);
                rg_mpt x0, x1;
                extent(dl, &x0, &x1);
                int has_space = memchr(text + dl->start, ' ', dl->end - dl->start) != NULL;
                /* Short only when the caps bind: 1/20 em per cluster
                 * boundary, 1 em per space. */
                flushd &= points == 0 || x1 == RG_PT(w) ||
                          (hi >= 799 && (!has_space || smax >= RG_PT(16) - 1));
            } else {
                even &= hi <= 0; /* the last line is not stretched */
            }
        }
        snprintf(d, sizeof d, "at %d pt thai-distributed spreads slack evenly (1 mpt, at most 1/20 em) over cluster boundaries, last line unstretched", w);
        test_cond(d, even);
        snprintf(d, sizeof d, "at %d pt thai-distributed keeps every glyph and advance of the left layout", w);
        test_cond(d, same);
        snprintf(d, sizeof d, "at %d pt thai-distributed lines end flush unless the cap leaves slack on a line without spaces", w);
        test_cond(d, flushd);

        rg_para_out R = lay(ctx, text, w, RG_ALIGN_RIGHT, 0, &sp);
        rg_para_out C = lay(ctx, text, w, RG_ALIGN_CENTER, 0, &sp);
        int off = R.nlines == L.nlines && C.nlines == L.nlines;
        for (size_t i = 0; off && i < L.nlines; i++) {
            rg_mpt slack = RG_PT(w) - L.lines[i].width;
            if (slack < 0)
                slack = 0;
            off &= R.lines[i].runs[0].x == slack && C.lines[i].runs[0].x == slack / 2;
        }
        snprintf(d, sizeof d, "at %d pt right and center offset each line by its slack and half of it", w);
        test_cond(d, off);
    }

    rg_para_out I = lay(ctx, text, 200, RG_ALIGN_LEFT, 32, &sp);
    test_cond("a first-line indent moves the first line and shortens its measure",
              I.nlines > 1 && I.lines[0].runs[0].x == RG_PT(32) && I.lines[0].width <= RG_PT(168) &&
                  I.lines[1].runs[0].x == 0);

    rg_para_out E = lay(ctx, "", 200, RG_ALIGN_LEFT, 0, &sp);
    test_cond("an empty paragraph gives one line with height", E.nlines == 1 && E.lines[0].ascent > 0);

    rg_para_out K = lay(ctx, "กำ", 5, RG_ALIGN_LEFT, 0, &sp);
    test_cond("a single cluster wider than the line stays whole on one line",
              K.nlines == 1 && K.lines[0].width > RG_PT(5) && K.lines[0].end == strlen("กำ"));

    rg_context_clear_diagnostics(ctx);
    const char *miss = "ก \xf4\x8f\xbf\xbd ข"; /* U+10FFFD, in no font */
    rg_para_out M = lay(ctx, miss, 200, RG_ALIGN_LEFT, 0, &sp);
    int warned = 0;
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *dg = rg_context_diagnostic(ctx, i);
        warned |= dg->severity == RG_WARNING && !strcmp(dg->code, "missing-glyph");
    }
    test_cond("a character no font has gives a missing-glyph warning", warned);
    int kept = 0;
    for (size_t r = 0; M.nlines && r < M.lines[0].nruns; r++)
        for (size_t k = 0; k < M.lines[0].runs[r].n; k++)
            kept |= M.lines[0].runs[r].glyphs[k].cluster == 4 && M.lines[0].runs[r].glyphs[k].gid == 0;
    test_cond("that character is not dropped: it is drawn as .notdef", kept);

    rg_para_out F = lay(ctx, "ผ่าน ✓ แล้ว", 300, RG_ALIGN_LEFT, 0, &sp);
    int fb = 0;
    for (size_t r = 0; F.nlines && r < F.lines[0].nruns; r++)
        fb |= F.lines[0].runs[r].font == textres_fallback(eng->text) && F.lines[0].runs[r].text_start == strlen("ผ่าน ");
    test_cond("✓ (U+2713) is set in the fallback font (DejaVu)", textres_fallback(eng->text) && fb);

    rg_free(ctx, text);
    arena_free(&arena);
    rg_engine_free(eng);
    rg_context_free(ctx);
    return test_report();
}
