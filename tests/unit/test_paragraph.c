/* test_paragraph.c - paragraph_layout: widths, alignments, indent, empty
 * text, missing glyphs and the fallback font. */
#include "testtext.h"
#include "text/justify.h"
#include "util/fileio.h"

#include <hb.h>
#include <stdlib.h>
#include <string.h>

static test_text T; /* what every check shapes with */

static rg_para_out lay(rg_context *ctx, const char *text, double width, rg_align align,
                       double indent, rg_span *sp)
{
    *sp = (rg_span){0, strlen(text), {engine_face(T.eng, FACE_REGULAR), RG_PT(16), 0, 0, NULL, 0}};
    rg_para_in in = {text, strlen(text), sp, 1, textres_fallback(T.eng->text), RG_PT(width), RG_PT(indent),
                     align, "t.txt", 1};
    rg_para_out out = {NULL, 0};
    if (paragraph_layout(T.ts, ctx, &T.arena, &in, &out))
        out.nlines = 0;
    return out;
}

/* Checks of one justified line j against the same line set left (l), at
 * 16 pt, into ok[]: 0 the same glyphs and advances; 1 extras only at the
 * last glyph of a cluster, none on the last line; 2 each under its cap;
 * 3 flush, or short with every gap at its cap; 4 the mode's shares
 * (distributed: two sizes of gap inside a line, the larger twice the
 * smaller or capped; justify: letters stretched only once every space has
 * its first third of an em). */
static void check_line(const char *text, const rg_line *j, const rg_line *l, rg_mpt w,
                       int distributed, int last, int ok[5])
{
    const rg_mpt cc = RG_GAP_CAP_CLUSTER * 16, cw = RG_GAP_CAP_WORD * 16,
                 cs = RG_GAP_CAP_SPACE * 16, soft = RG_GAP_CAP_SPACE_SOFT * 16;
    /* l is the whole paragraph on one line: the justified line's glyphs
     * are those of l from its first cluster on. */
    size_t ng = 0;
    uint32_t first = j->nruns && j->runs[0].n ? j->runs[0].glyphs[0].cluster : 0;
    for (size_t r = 0; r < l->nruns; r++)
        for (size_t k = 0; k < l->runs[r].n && l->runs[r].glyphs[k].cluster < first; k++)
            ng++;
    rg_mpt lo = 1 << 30, hi = 0, smin = 1 << 30, total = 0;
    int capped = 1;
    for (size_t r = 0; r < j->nruns; r++) {
        const rg_line_run *run = &j->runs[r];
        for (size_t k = 0; k < run->n; k++, ng++) {
            size_t rr = 0, kk = ng;
            while (rr < l->nruns && kk >= l->runs[rr].n)
                kk -= l->runs[rr++].n;
            ok[0] &= rr < l->nruns && l->runs[rr].glyphs[kk].gid == run->glyphs[k].gid &&
                     l->runs[rr].glyphs[kk].x_adv == run->glyphs[k].x_adv;
            rg_mpt e = run->extra ? run->extra[k] : 0;
            total += e;
            const rg_glyph *next = k + 1 < run->n ? &run->glyphs[k + 1]
                                   : r + 1 < j->nruns ? &j->runs[r + 1].glyphs[0] : NULL;
            int boundary = next && next->cluster != run->glyphs[k].cluster;
            int at_space = text[run->glyphs[k].cluster] == ' ';
            ok[1] &= e == 0 || (boundary && !last);
            ok[2] &= e <= (at_space ? cs + 1 : cw + 1);
            if (!boundary)
                continue;
            if (at_space) {
                smin = e < smin ? e : smin;
                capped &= e >= cs - 1 || k == 0;
            } else if (text[next->cluster] != ' ') {
                lo = e < lo ? e : lo;
                hi = e > hi ? e : hi;
                capped &= (e >= cc - 1 && e <= cc + 1) || e >= cw - 1;
                /* distributed: one share or two (capped at the word cap) */
                if (distributed && e > 0 && lo > 0)
                    ok[4] &= e <= lo + 1 || (e >= 2 * lo - 2 && e <= 2 * lo + 2) ||
                             (e >= cw - 1 && e <= cw + 1) || (e >= cc - 1 && lo >= cc - 1);
            }
        }
    }
    if (last)
        return;
    rg_mpt x1 = j->nruns ? j->runs[j->nruns - 1].x + j->runs[j->nruns - 1].width : 0;
    ok[3] &= x1 == w || (x1 < w && capped) || j->width >= w;
    if (!distributed && hi > 0 && smin != 1 << 30)
        ok[4] &= smin >= soft - 1;
    (void)total;
}

/* The lines of a layout as text, joined by '|' (trailing spaces left
 * out, as lines end). */
static const char *split(const char *text, const rg_para_out *o, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = 0;
    for (size_t i = 0; i < o->nlines && n < cap; i++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%.*s", i ? "|" : "",
                              (int)(o->lines[i].end - o->lines[i].start), text + o->lines[i].start);
    return buf;
}

/* Titles stay with the names after them (data/titles.txt): the exact
 * lines at two measures where libthai alone gave นาย|แพทย์สมชาย and
 * ผศ.ดร.สม|ศรี, and at every measure from 130 to 400 pt no line ends
 * with a title or inside a name. */
static void test_titles(rg_context *ctx)
{
    const char *t = "ผู้อำนวยการโรงพยาบาลคือนายแพทย์สมชาย ใจดี และผศ.ดร.สมศรี มีสุข "
                    "กับ พ.ต.อ. ประเสริฐ";
    static const struct {
        int width;
        const char *want;
    } exact[] = {
        {150, "ผู้อำนวยการ|โรงพยาบาลคือ|นายแพทย์สมชาย ใจดี|และผศ.ดร.สมศรี มีสุข|กับ พ.ต.อ. ประเสริฐ"},
        {210, "ผู้อำนวยการโรงพยาบาลคือ|นายแพทย์สมชาย ใจดี และ|ผศ.ดร.สมศรี มีสุข กับ|พ.ต.อ. ประเสริฐ"},
    };
    rg_span sp;
    char got[1024], d[1400];
    for (size_t i = 0; i < sizeof exact / sizeof *exact; i++) {
        rg_para_out o = lay(ctx, t, exact[i].width, RG_ALIGN_LEFT, 0, &sp);
        split(t, &o, got, sizeof got);
        snprintf(d, sizeof d, "titles at %d pt: lines are exactly %s (got %s)", exact[i].width,
                 exact[i].want, got);
        test_cond(d, !strcmp(got, exact[i].want));
    }
    static const char *bad[] = {"นาย|", "นายแพทย์|", "ดร.|", "ผศ.|", "พ.ต.อ.|", "|สมชาย",
                                "|สมศรี", "|ประเสริฐ", "สม|", "ประ|"};
    int ok = 1, seen = 0;
    for (int w = 130; w <= 400 && ok; w += 5) {
        rg_para_out o = lay(ctx, t, w, RG_ALIGN_LEFT, 0, &sp);
        split(t, &o, got, sizeof got);
        seen += o.nlines > 1;
        for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
            if (strstr(got, bad[k])) {
                snprintf(d, sizeof d, "titles: at %d pt %s has %s", w, got, bad[k]);
                test_cond(d, 0);
                ok = 0;
            }
    }
    test_cond("titles: from 130 to 400 pt no line ends with a title or breaks a given name",
              ok && seen > 20);
}

/* A person's name (the style of <person><name> and sign-off names) goes
 * on one line whole when it fits the measure: from 80 to 400 pt no line
 * breaks between นายสมชาย and ใจดี unless the name alone is wider than the
 * measure, and then only there, never inside a part. */
static void test_names(rg_context *ctx)
{
    const char *t = "ผู้รายงาน นายสมชาย ใจดี ผู้อำนวยการกองยุทธศาสตร์และแผนงาน";
    const char *name = "นายสมชาย ใจดี";
    size_t a = (size_t)(strstr(t, name) - t), b = a + strlen(name);
    rg_font *f = engine_face(T.eng, FACE_REGULAR);
    rg_span sp[3] = {{0, a, {f, RG_PT(16), 0, 0, NULL, 0}},
                     {a, b, {f, RG_PT(16), 0, 0, NULL, 2}},
                     {b, strlen(t), {f, RG_PT(16), 0, 0, NULL, 0}}};
    rg_span one;
    rg_para_out alone = lay(ctx, name, 1000, RG_ALIGN_LEFT, 0, &one);
    rg_mpt wname = alone.nlines ? alone.lines[0].width : 0;
    int whole = 0, parts = 0, bad = 0;
    char got[1024], d[1400];
    for (int w = 80; w <= 400; w += 2) {
        rg_para_in in = {t, strlen(t), sp, 3, textres_fallback(T.eng->text), RG_PT(w), 0,
                         RG_ALIGN_LEFT, "t.txt", 1};
        rg_para_out o = {NULL, 0};
        if (paragraph_layout(T.ts, ctx, &T.arena, &in, &o)) {
            bad++;
            continue;
        }
        split(t, &o, got, sizeof got);
        int fits = wname <= RG_PT(w);
        int is_whole = strstr(got, name) != NULL;
        int at_space = strstr(got, "นายสมชาย|ใจดี") != NULL;
        if (fits ? !is_whole : !(is_whole || at_space) || strstr(got, "สม|ชาย") ||
                                   strstr(got, "ใจ|ดี") || strstr(got, "นาย|สม")) {
            snprintf(d, sizeof d, "names: at %d pt (name %.1f pt) the lines are %s", w,
                     wname / 1000.0, got);
            test_cond(d, 0);
            bad++;
        }
        whole += fits;
        parts += !fits && at_space;
    }
    snprintf(d, sizeof d,
             "names: from 80 to 400 pt the name is whole on a line wherever it fits (%d "
             "measures), split only between its parts where it does not (%d)", whole, parts);
    test_cond(d, !bad && wname > 0 && whole > 50 && parts > 0);
}

int main(void)
{
    if (test_text_open(&T))
        return test_report();
    rg_context *ctx = T.ctx;
    char *text;
    size_t len;
    test_cond("the seed paragraphs load",
              file_read_all(ctx, RG_TEST_DATA "/text/seeds.txt", 1 << 20, &text, &len) == RG_OK);
    char *nl = strchr(text, '\n');
    *nl = 0; /* the first paragraph: URL, digits, parentheses, ศปก.จ. */
    rg_span sp;

    rg_para_out Whole = lay(ctx, text, 100000, RG_ALIGN_LEFT, 0, &sp);
    for (int w = 120; w <= 453; w += 333) {
        rg_para_out L = lay(ctx, text, w, RG_ALIGN_LEFT, 0, &sp);
        int fits = L.nlines > 3;
        for (size_t i = 0; i < L.nlines; i++)
            fits &= L.lines[i].width <= RG_PT(w) ||
                    L.lines[i].nruns == 1; /* a single unbreakable token (the URL) */
        char d[240];
        snprintf(d, sizeof d, "at %d pt no line is wider than the measure", w);
        test_cond(d, fits);

        for (int m = 0; m < 2; m++) {
            rg_align al = m ? RG_ALIGN_THAI_DISTRIBUTED : RG_ALIGN_JUSTIFY;
            const char *name = m ? "thai-distributed" : "justify";
            rg_para_out J = lay(ctx, text, w, al, 0, &sp);
            /* Total fit may choose other breaks than the left layout's
             * greedy fill: each line is compared with the paragraph set
             * on one line. */
            int ok[5] = {J.nlines >= L.nlines && Whole.nlines == 1, 1, 1, 1, 1};
            for (size_t i = 0; ok[0] && i < J.nlines; i++)
                check_line(text, &J.lines[i], &Whole.lines[0], RG_PT(w), m, i + 1 == J.nlines, ok);
            snprintf(d, sizeof d, "at %d pt %s keeps every glyph and advance of the text set left (%zu lines, greedy left %zu)", w, name, J.nlines, L.nlines);
            test_cond(d, ok[0]);
            snprintf(d, sizeof d, "at %d pt %s stretches only between clusters (never between a base and its marks), never the last line", w, name);
            test_cond(d, ok[1]);
            snprintf(d, sizeof d, "at %d pt %s keeps gaps without a space under 0.08 em and spaces under +0.5 em", w, name);
            test_cond(d, ok[2]);
            snprintf(d, sizeof d, "at %d pt %s lines end flush, or short only with every gap at its cap", w, name);
            test_cond(d, ok[3]);
            snprintf(d, sizeof d, m ? "at %d pt thai-distributed gives word boundaries twice what it gives letters (until capped)"
                                    : "at %d pt justify gives letters nothing until the spaces have +0.33 em", w);
            test_cond(d, ok[4]);
        }

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
        fb |= F.lines[0].runs[r].font == textres_fallback(T.eng->text) && F.lines[0].runs[r].text_start == strlen("ผ่าน ");
    test_cond("✓ (U+2713) is set in the fallback font (DejaVu)", textres_fallback(T.eng->text) && fb);

    test_titles(ctx);
    test_names(ctx);

    /* The summary form's right column (samples/summary-2564.xml, 15 pt,
     * pitch 19.5 pt): "...ให้ถูกต้อง" over "ตามระเบียบการจัดซื้อจัด" sits
     * 4.61 pt lower than the even pitch.  Rightly: the ู of ถูก reaches
     * 4.98 pt below its baseline right above the mai tho stacked on ซื้,
     * 18.75 pt above the next, so at 19.5 pt they would overlap; the line
     * moves by what is missing and the clearance, no more.  With ซื้ at
     * the line's start, away from ถูก, the pitch stays even. */
    {
        rg_span s1 = {0}, s2 = {0}, s3 = {0};
        rg_span *sps[3] = {&s1, &s2, &s3};
        const char *tx[3] = {"ต่าง ๆ ที่เกี่ยวข้องให้ถูกต้อง", "ตามระเบียบการจัดซื้อจัด",
                             "ซื้อตามระเบียบการจัดจ้าง"};
        rg_para_out P[3];
        for (int i = 0; i < 3; i++) {
            *sps[i] = (rg_span){0, strlen(tx[i]),
                                {engine_face(T.eng, FACE_REGULAR), RG_PT(15), 0, 0, NULL, 0}};
            rg_para_in in = {tx[i], strlen(tx[i]), sps[i], 1, textres_fallback(T.eng->text),
                             RG_PT(400), 0, RG_ALIGN_LEFT, "t.txt", 1};
            if (paragraph_layout(T.ts, ctx, &T.arena, &in, &P[i]))
                P[i].nlines = 0;
        }
        rg_mpt pitch = 19500, gap = RG_INK_CLEARANCE(RG_PT(15));
        int ok = P[0].nlines == 1 && P[1].nlines == 1 && P[2].nlines == 1;
        rg_mpt d1 = ok ? line_distance(&P[0].lines[0], &P[1].lines[0], pitch, gap) : 0;
        rg_mpt d2 = ok ? line_distance(&P[0].lines[0], &P[2].lines[0], pitch, gap) : 0;
        char dd[300];
        snprintf(dd, sizeof dd,
                 "ถูก over ซื้ at 15 pt moves down by exactly what its ink needs (%.2f pt = "
                 "depth %.2f + height %.2f + clearance; even pitch 19.5)",
                 d1 / 1000.0, ok ? P[0].lines[0].ink_bottom / 1000.0 : 0,
                 ok ? P[1].lines[0].ink_top / 1000.0 : 0);
        test_cond(dd, ok && d1 > pitch &&
                          d1 == P[0].lines[0].ink_bottom + P[1].lines[0].ink_top + gap);
        test_cond("with ซื้ away from under ถูก the even pitch stays (19.5 pt)", ok && d2 == pitch);
    }

    /* A soft hyphen: at 60 pt the line breaks there and ends with a drawn
     * hyphen that fits the measure and shows no text (its cluster is the
     * soft hyphen's, where the line's text ends); the next line starts
     * with the soft hyphen.  At 300 pt nothing is added. */
    const char *shy = "infor\u00ADmation";
    rg_para_out S = lay(ctx, shy, 60, RG_ALIGN_LEFT, 0, &sp);
    const rg_line_run *lr = S.nlines ? &S.lines[0].runs[S.lines[0].nruns - 1] : NULL;
    hb_codepoint_t hy = 0;
    if (!hb_font_get_nominal_glyph(font_hb(engine_face(T.eng, FACE_REGULAR)), 0x2010, &hy))
        hb_font_get_nominal_glyph(font_hb(engine_face(T.eng, FACE_REGULAR)), '-', &hy);
    test_cond("a break at a soft hyphen ends the line with a hyphen glyph inside the measure",
              S.nlines == 2 && lr && lr->glyphs[lr->n - 1].gid == hy && hy &&
                  lr->glyphs[lr->n - 1].cluster == 5 && S.lines[0].end == 5 &&
                  lr->text_end == 5 && S.lines[0].width <= RG_PT(60));
    test_cond("the next line starts with the soft hyphen",
              S.nlines == 2 && S.lines[1].start == 5 && S.lines[1].runs[0].text_start == 5);
    rg_para_out W = lay(ctx, shy, 300, RG_ALIGN_LEFT, 0, &sp);
    int drawn = 0;
    for (size_t r = 0; W.nlines == 1 && r < W.lines[0].nruns; r++)
        for (size_t k = 0; k < W.lines[0].runs[r].n; k++)
            drawn |= W.lines[0].runs[r].glyphs[k].gid == hy;
    test_cond("where no line breaks at the soft hyphen nothing is drawn for it",
              W.nlines == 1 && !drawn);

    rg_free(ctx, text);
    test_text_close(&T);
    return test_report();
}
