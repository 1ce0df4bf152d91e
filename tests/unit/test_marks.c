/* test_marks.c - Thai marks without a base: a dotted circle (U+25CC)
 * under an orphan mark and under a second, misplaced mark (a doubled tone
 * mark does not overprint), from the font when it has one (Garuda) or
 * virtual (Sarabun), warnings naming file:line once per line, and the
 * virtual circle's metrics and outline. */
#include "testtext.h"

#include <stdlib.h>
#include <string.h>

static test_text T; /* what every check shapes with */

/* The glyphs of text laid out on one line in font (NULL: Sarabun). */
static const rg_line_run *run_of(rg_context *ctx, rg_font *font, const char *text, int line)
{
    static rg_span sp;
    sp = (rg_span){0, strlen(text),
                   {font ? font : engine_face(T.eng, FACE_REGULAR), RG_PT(16), 0, 0, NULL, 0}};
    rg_para_in in = {text, strlen(text), &sp, 1, textres_fallback(T.eng->text), RG_PT(400), 0,
                     RG_ALIGN_LEFT, "marks.txt", line};
    rg_para_out out = {NULL, 0};
    if (paragraph_layout(T.ts, ctx, &T.arena, &in, &out) || out.nlines != 1 ||
        out.lines[0].nruns != 1)
        return NULL;
    return &out.lines[0].runs[0];
}

/* How many diagnostics of ctx have code and line. */
static int count(const rg_context *ctx, const char *code, int line)
{
    int n = 0;
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        n += !strcmp(d->code, code) && d->line == line;
    }
    return n;
}

static const rg_diagnostic *first(const rg_context *ctx, const char *code)
{
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++)
        if (!strcmp(rg_context_diagnostic(ctx, i)->code, code))
            return rg_context_diagnostic(ctx, i);
    return NULL;
}

static void one_font(rg_context *ctx, rg_font *font, const char *name)
{
    rg_font *f = font ? font : engine_face(T.eng, FACE_REGULAR);
    uint32_t circle = font_dotted_circle(f);
    char d[200];

    /* "่ก": the tone mark starts the text. */
    const rg_line_run *r = run_of(ctx, font, "\xE0\xB9\x88\xE0\xB8\x81", 10);
    snprintf(d, sizeof d, "%s: an orphan tone mark sits on a dotted circle (circle, mark, ko)",
             name);
    test_cond(d, r && r->n == 3 && r->glyphs[0].gid == circle && r->glyphs[0].x_adv > 0 &&
                     r->glyphs[0].cluster == 0 && r->glyphs[1].cluster == 0 &&
                     r->glyphs[2].cluster == 3);

    /* "ก ิ": a vowel after a space. */
    r = run_of(ctx, font, "\xE0\xB8\x81 \xE0\xB8\xB4", 11);
    snprintf(d, sizeof d, "%s: a vowel after a space sits on a dotted circle", name);
    test_cond(d, r && r->n == 4 && r->glyphs[2].gid == circle && r->glyphs[2].cluster == 4);

    /* "ก่่": the second tone mark gets its own circle, so both show. */
    r = run_of(ctx, font, "\xE0\xB8\x81\xE0\xB9\x88\xE0\xB9\x88", 12);
    snprintf(d, sizeof d, "%s: a doubled tone mark gets a circle of its own (4 glyphs, not 3)",
             name);
    test_cond(d, r && r->n == 4 && r->glyphs[2].gid == circle && r->glyphs[2].cluster == 6 &&
                     r->glyphs[3].cluster == 6 && r->glyphs[1].gid == r->glyphs[3].gid);

    /* Well-formed syllables get none: ปั้น ที่ กุ้ง ก่ำ น้ำ ทิ์ */
    r = run_of(ctx, font,
               "\xE0\xB8\x9B\xE0\xB8\xB1\xE0\xB9\x89\xE0\xB8\x99 \xE0\xB8\x97\xE0\xB8\xB5"
               "\xE0\xB9\x88 \xE0\xB8\x81\xE0\xB8\xB8\xE0\xB9\x89\xE0\xB8\x87 \xE0\xB8\x81"
               "\xE0\xB9\x88\xE0\xB8\xB3 \xE0\xB8\x99\xE0\xB9\x89\xE0\xB8\xB3 \xE0\xB8\x97"
               "\xE0\xB8\xB4\xE0\xB9\x8C",
               13);
    int none = r != NULL;
    for (size_t i = 0; r && i < r->n; i++)
        none &= r->glyphs[i].gid != circle;
    snprintf(d, sizeof d, "%s: well-formed syllables get no dotted circle", name);
    test_cond(d, none);
}

int main(void)
{
    if (test_text_open(&T))
        return test_report();
    rg_context *ctx = T.ctx;

    rg_font *sarabun = engine_face(T.eng, FACE_REGULAR);
    test_cond("Sarabun has no U+25CC: its dotted circle is virtual, one past its last glyph",
              font_circle_is_virtual(sarabun) &&
                  font_dotted_circle(sarabun) == font_glyph_count(sarabun));
    int box[4];
    font_ink(sarabun, font_dotted_circle(sarabun), box);
    test_cond("the virtual circle has an advance, a natural character and ink above the baseline",
              font_advance(sarabun, font_dotted_circle(sarabun)) > 0 &&
                  font_natural_char(sarabun, font_dotted_circle(sarabun)) == 0x25CC &&
                  box[2] > box[0] && box[3] > box[1] && box[3] > 0);
    rg_buf path;
    buf_init(&path, ctx);
    test_cond("the virtual circle is drawn as twelve dots (closed paths)",
              font_outline_pdf(sarabun, font_dotted_circle(sarabun), 1, 0, 0, &path) == 0 &&
                  path.len > 0 && strstr(path.data, " m ") != NULL);
    int closes = 0;
    for (const char *p = path.data; p && (p = strstr(p, "h ")); p += 2)
        closes++;
    test_cond("... twelve of them", closes == 12);
    buf_free(&path);

    one_font(ctx, NULL, "Sarabun");
    rg_font *garuda = font_load(ctx, "/usr/share/fonts/truetype/tlwg/Garuda.ttf");
    test_cond("Garuda loads (fonts-tlwg-garuda-ttf)", garuda != NULL);
    if (garuda) {
        test_cond("Garuda has its own U+25CC", !font_circle_is_virtual(garuda));
        one_font(ctx, garuda, "Garuda");
    }

    const rg_diagnostic *o = first(ctx, "orphan-mark"), *m = first(ctx, "misplaced-mark");
    test_cond("an orphan mark is reported at its file:line with the exact message",
              o && o->severity == RG_WARNING && o->file && !strcmp(o->file, "marks.txt") &&
                  o->line == 10 &&
                  !strcmp(o->message, "the Thai mark U+0E48 (\xE2\x97\x8C\xE0\xB9\x88) has no "
                                      "consonant to sit on; it is drawn on a dotted circle"));
    test_cond("a doubled tone mark is reported at its line with the exact message",
              m && m->line == 12 &&
                  !strcmp(m->message, "the Thai mark U+0E48 (\xE2\x97\x8C\xE0\xB9\x88) cannot "
                                      "follow the mark before it (typed twice?); it is drawn on "
                                      "a dotted circle of its own"));
    test_cond("each line is reported once, though laid out with two fonts",
              count(ctx, "orphan-mark", 10) == 1 && count(ctx, "orphan-mark", 11) == 1 &&
                  count(ctx, "misplaced-mark", 12) == 1 && count(ctx, "orphan-mark", 13) == 0 &&
                  count(ctx, "misplaced-mark", 13) == 0);

    font_drop(garuda);
    test_text_close(&T);
    return test_report();
}
