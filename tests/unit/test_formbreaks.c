/* test_formbreaks.c - in the laid-out sample forms every line of every
 * paragraph (body text, table cells, list items, headers) ends at a legal
 * break: a UAX #14 / Thai dictionary / word-list opportunity of the breaker,
 * or, only when the line holds no opportunity at all, an emergency break at
 * a grapheme-cluster boundary.  And no character is lost or repeated
 * between the lines of a paragraph.
 *
 * Lines are recovered from the page list: glyph boxes that index the same
 * paragraph text, in page order; a new baseline (or page) starts a line. */
#include "testhelp.h"
#include "testfile.h"

#include "api/engine.h"
#include "layout/document.h"
#include "raingan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct run {
    const char *text;   /* paragraph text */
    size_t start, end;  /* byte range shown */
    size_t page;
    rg_mpt y;           /* baseline */
} run;

static int cmp_run(const void *a, const void *b)
{
    const run *x = a, *y = b;
    if (x->text != y->text)
        return x->text < y->text ? -1 : 1;
    if (x->page != y->page)
        return x->page < y->page ? -1 : 1;
    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int is_space_at(const char *t, size_t p) { return t[p] == ' ' || t[p] == '\n'; }

static void check_sample(rg_engine *eng, rg_context *ctx, const char *path)
{
    char d[512];
    rg_document *doc = rg_document_load(ctx, path);
    snprintf(d, sizeof d, "%s loads", path);
    test_cond(d, doc != NULL);
    if (!doc)
        return;
    rg_pages pages;
    pages_init(&pages, ctx);
    rg_layout_res lres;
    const rg_document *docs[] = {doc};
    rg_status st = engine_layout_res(eng, ctx, docs, 1, 0, &lres);
    if (st == RG_OK)
        st = document_layout(&lres, ctx, engine_textstate(eng, ctx), doc, NULL, &pages, NULL,
                             NULL);
    engine_layout_res_free(&lres);
    snprintf(d, sizeof d, "%s lays out", path);
    test_cond(d, st == RG_OK);

    size_t n = 0;
    for (size_t p = 0; p < pages.npages; p++)
        for (size_t b = 0; b < pages.pages[p].nboxes; b++)
            n += pages.pages[p].boxes[b].kind == BOX_GLYPHS;
    run *runs = calloc(n ? n : 1, sizeof *runs);
    size_t k = 0;
    for (size_t p = 0; p < pages.npages; p++)
        for (size_t b = 0; b < pages.pages[p].nboxes; b++) {
            const rg_box *box = &pages.pages[p].boxes[b];
            if (box->kind != BOX_GLYPHS)
                continue;
            runs[k++] = (run){box->u.glyphs.text, box->u.glyphs.text_start,
                              box->u.glyphs.text_end, p, box->u.glyphs.y};
        }
    qsort(runs, n, sizeof *runs, cmp_run);

    rg_breaker *brk = textstate_breaker(engine_textstate(eng, ctx));
    size_t lines = 0, illegal = 0, emergency = 0, gaps = 0;
    char first_bad[200] = "";
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && runs[j].text == runs[i].text)
            j++;
        const char *t = runs[i].text;
        size_t len = strlen(t);
        uint8_t *bo = malloc(len + 1);
        breaker_run(brk, ctx, t, len, bo);
        size_t line_start = runs[i].start;
        for (size_t r = i; r < j; r++) {
            int new_line = r + 1 < j && (runs[r + 1].page != runs[r].page || runs[r + 1].y != runs[r].y);
            if (r + 1 < j && !new_line) {
                gaps += runs[r + 1].start != runs[r].end;
                continue;
            }
            lines++;
            if (r + 1 == j)
                break;
            if (runs[r + 1].start <= runs[r].start) {
                /* The same text drawn again (a header row repeated on the
                 * next page): a new occurrence, not a line break. */
                line_start = runs[r + 1].start;
                continue;
            }
            /* The line ends at runs[r].end; spaces may hang; the next line
             * starts at runs[r + 1].start. */
            size_t q = runs[r + 1].start, e = runs[r].end;
            while (e < q && is_space_at(t, e))
                e++;
            gaps += e != q;
            if (bo[q] != BRK_ALLOW && bo[q] != BRK_MUST) {
                int any = 0;
                for (size_t p = line_start + 1; p < q; p++)
                    any |= bo[p] == BRK_ALLOW || bo[p] == BRK_MUST;
                if (any) {
                    if (getenv("RG_DEBUG_BREAKS"))
                        fprintf(stderr, "bad break page %zu y %d: [%.80s|%.40s]\n", runs[r].page + 1,
                                runs[r].y, t + line_start, t + q);
                    if (!illegal++)
                        snprintf(first_bad, sizeof first_bad, "%.60s|%.40s",
                                 t + (q > 60 ? q - 60 : 0), t + q);
                } else {
                    if (getenv("RG_DEBUG_BREAKS"))
                        fprintf(stderr, "emergency page %zu: [%.80s|%.40s]\n", runs[r].page + 1,
                                t + line_start, t + q);
                    emergency++;
                }
            }
            line_start = q;
        }
        free(bo);
        i = j;
    }
    snprintf(d, sizeof d, "%s: every one of %zu lines ends at a break opportunity%s%s", path, lines,
             illegal ? "; first bad: " : "", first_bad);
    test_cond(d, lines > 100 && illegal == 0);
    /* The samples have no token wider than its column: no line may need an
     * emergency break inside a word. */
    snprintf(d, sizeof d, "%s: no emergency break inside a word (found %zu)", path, emergency);
    test_cond(d, emergency == 0);
    snprintf(d, sizeof d, "%s: lines of a paragraph join without losing or repeating a byte", path);
    test_cond(d, gaps == 0);
    free(runs);
    pages_free(&pages);
    rg_document_free(doc);
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    rg_engine *eng = test_engine(ctx);
    test_cond("the engine starts", eng != NULL);
    if (eng) {
        check_sample(eng, ctx, RG_SOURCE_DIR "/samples/indicators-2562.xml");
        check_sample(eng, ctx, RG_SOURCE_DIR "/samples/summary-2564.xml");
    }
    rg_engine_free(eng);
    rg_context_free(ctx);
    return test_report();
}
