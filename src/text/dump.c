/* dump.c - the text stage's dump (see dump.h).
 *
 * One glyph per token, so a changed cluster, advance or justification shows
 * up as a one-line diff in a golden file; points with two decimals (a
 * hundredth of a point is below anything a reader can see, and a change
 * of layout is always larger). */
#include "text/dump.h"

static double pt(rg_mpt v) { return v / 1000.0; }

void para_dump(const rg_para_out *out, const char *text, rg_buf *b)
{
    for (size_t l = 0; l < out->nlines; l++) {
        const rg_line *line = &out->lines[l];
        buf_printf(b, "line %zu-%zu w=%.2f a=%.2f d=%.2f%s\n", line->start, line->end,
                   pt(line->width), pt(line->ascent), pt(line->descent),
                   line->hard ? " hard" : "");
        for (size_t r = 0; r < line->nruns; r++) {
            const rg_line_run *run = &line->runs[r];
            buf_printf(b, "  run %s %.1fpt x=%.2f w=%.2f n=%zu \"",
                       run->font ? font_postscript_name(run->font) : "-", pt(run->style->size),
                       pt(run->x), pt(run->width), run->n);
            buf_append(b, text + run->text_start, run->text_end - run->text_start);
            buf_puts(b, "\"\n");
            if (!run->n)
                continue;
            buf_puts(b, "   ");
            for (size_t k = 0; k < run->n; k++) {
                const rg_glyph *g = &run->glyphs[k];
                buf_printf(b, " %u:%d", (unsigned)g->gid, (int)g->x_adv);
                if (g->x_off || g->y_off)
                    buf_printf(b, "@%d,%d", (int)g->x_off, (int)g->y_off);
                if (run->extra && run->extra[k])
                    buf_printf(b, "+%d", (int)run->extra[k]);
            }
            buf_puts(b, "\n");
        }
    }
}
