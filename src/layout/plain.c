/* plain.c - plain text onto A4 pages.
 *
 * Paragraphs are separated by one or more blank lines; inside a paragraph a
 * single newline is kept as a hard line break (the breaker reports it as a
 * mandatory break).  Margins follow the official Thai norm (left 3 cm,
 * right 2 cm, top 2.5 cm, bottom 2 cm), so the default measure is 16 cm.
 * A wider --width than the page allows widens the page instead of clipping.
 * Lines go down the page at their own ascent + descent (line gap
 * included); a paragraph gap of half a line separates paragraphs.  Where
 * the ink of two neighbouring lines would come closer than 1/40 em (see
 * line_distance), the lower line moves down by what is missing. */
#include "layout/plain.h"

#include <string.h>

#define A4_W PLAIN_PAGE_W
#define A4_H PLAIN_PAGE_H
#define MARGIN_L PLAIN_MARGIN_L
#define MARGIN_R PLAIN_MARGIN_R
#define MARGIN_T PLAIN_MARGIN_T
#define MARGIN_B PLAIN_MARGIN_B

int plain_next_paragraph(const char *text, size_t len, plain_para *it)
{
    size_t i = it->pos;
    while (i < len && (text[i] == '\n' || text[i] == '\r')) {
        it->line += text[i] == '\n';
        i++;
    }
    it->pos = i;
    if (i >= len)
        return 0;
    it->start = i;
    it->start_line = it->line;
    while (i < len) {
        if (text[i] == '\n') {
            size_t j = i + 1;
            while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r'))
                j++;
            if (j >= len || text[j] == '\n')
                break;
            it->line++;
        }
        i++;
    }
    it->pos = it->end = i;
    return 1;
}

int plain_layout(const rg_textres *tr, rg_textstate *ts, rg_context *ctx, const char *file,
                 const char *text, size_t len, const rg_typeset_options *opts, rg_pages *pages)
{
    if (!ts)
        return -1;
    rg_mpt width = opts && opts->width_pt > 0 ? RG_PT(opts->width_pt) : A4_W - MARGIN_L - MARGIN_R;
    rg_mpt size = opts && opts->size_pt > 0 ? RG_PT(opts->size_pt) : RG_PT(16);
    rg_mpt page_w = A4_W;
    if (MARGIN_L + width + MARGIN_R > page_w)
        page_w = MARGIN_L + width + MARGIN_R;
    char *copy = arena_strndup(&pages->arena, text, len);
    rg_style *style = arena_alloc(&pages->arena, sizeof *style);
    if (!copy || !style)
        return -1;
    *style = (rg_style){textres_face(tr, FACE_REGULAR), size, 0x000000, 0, NULL, 0};

    rg_page *page = NULL;
    rg_mpt y = 0;
    const rg_line *prev = NULL; /* the line above on this page */
    rg_mpt prev_base = 0;
    plain_para it = {0, 1, 0, 0, 0};
    while (plain_next_paragraph(copy, len, &it)) {
        size_t start = it.start, end = it.end;
        int start_line = it.start_line;
        rg_span span = {0, end - start, *style};
        rg_span *sp = arena_memdup(&pages->arena, &span, sizeof span);
        if (!sp)
            return -1;
        rg_para_in in = {copy + start, end - start, sp, 1, textres_fallback(tr), width, 0,
                         opts ? opts->align : RG_ALIGN_LEFT, file, start_line};
        rg_para_out out;
        if (paragraph_layout(ts, ctx, &pages->arena, &in, &out))
            return -1;
        for (size_t l = 0; l < out.nlines; l++) {
            const rg_line *line = &out.lines[l];
            rg_mpt h = line->ascent + line->descent;
            if (prev) {
                rg_mpt d = y + line->ascent - prev_base;
                y += line_distance(prev, line, d, RG_INK_CLEARANCE(size)) - d;
            }
            if (!page || y + h > A4_H - MARGIN_B) {
                page = pages_add(pages, page_w, A4_H);
                if (!page) {
                    if (pages->npages >= RG_MAX_PAGES)
                        rg_diag(ctx, RG_ERROR, "too-many-pages", file, start_line, 1,
                                "split the text into several files",
                                "the PDF would have more than %d pages (the limit)",
                                RG_MAX_PAGES);
                    return -1;
                }
                y = MARGIN_T;
            }
            if (page_add_line(pages, page, line, copy + start, MARGIN_L, y + line->ascent))
                return -1;
            prev = line;
            prev_base = y + line->ascent;
            y += h;
        }
        y += PLAIN_PARA_GAP(size);
    }
    if (!page && !pages_add(pages, page_w, A4_H))
        return -1;
    return 0;
}
