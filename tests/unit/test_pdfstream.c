/* test_pdfstream.c - the PDF writer keeps nothing of a page once it is
 * drawn (render/pdf_output.c): it is written to the output at once.
 *
 * The pages of a real form (layout/indicator-sections.xml: fonts, rules,
 * outline glyphs, links) are added to one writer again and again.  The
 * heap in use (glibc's mallinfo2, counted in bytes, not time) may grow by
 * little more than the page's number and offset per page: with every page
 * kept until the end (libharu's way) it grew by some 10 KB a page.  The
 * file the writer streams into is a sound PDF of all the pages, and equal
 * to the same document written into memory. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "testpages.h"

#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

/* Add pages reps times; 0 or -1. */
static int add_times(rg_pdf_writer *w, const rg_pages *pages, int reps)
{
    for (int i = 0; i < reps; i++)
        if (pdf_writer_add(w, pages))
            return -1;
    return 0;
}

static void write_twice(rg_context *ctx, const rg_pages *pages, const rg_pdf_options *po);

int main(void)
{
    rg_context *ectx = rg_context_new();
    rg_engine *eng = test_engine(ectx);
    test_cond("the engine starts on the source tree's data", eng != NULL);
    test_pages T;
    test_pages_open(&T, eng, "indicator-sections.xml");
    test_cond("the form is laid out", T.laid && T.pages.npages > 0);
    if (T.laid)
        write_twice(T.ctx, &T.pages, &T.po);
    test_pages_close(&T);
    rg_engine_free(eng);
    rg_context_free(ectx);
    return test_report();
}

/* The pages, 100 times: into a file (heap measured), then into memory. */
static void write_twice(rg_context *ctx, const rg_pages *pages, const rg_pdf_options *po)
{
    size_t np = pages->npages;
    char tmp[1024];
    int fd = mkstemp(test_scratch(tmp, sizeof tmp, "rg_test_pdfstream"));
    if (fd >= 0)
        close(fd);

    /* Into the file: warm up (fonts, glyph forms, buffers), then measure. */
    enum { WARM = 10, MORE = 90 };
    rg_pdf_writer *w = pdf_writer_new(ctx, pages, po);
    int ok = w && fd >= 0 && pdf_writer_to_file(w, tmp) == 0 && add_times(w, pages, WARM) == 0;
    size_t before = heap_in_use();
    ok = ok && add_times(w, pages, MORE) == 0;
    size_t after = heap_in_use();
    test_cond("the writer takes 100 copies of the form's pages", ok);
    size_t added = MORE * np;
    long per_page = (long)(after > before ? after - before : 0) / (long)added;
    printf("  heap: %zu bytes before, %zu after %zu more pages: %ld bytes a page\n", before, after,
           added, per_page);
#if defined(__SANITIZE_ADDRESS__)
    printf("skip - the heap under AddressSanitizer is not glibc's\n");
#else
    test_cond("the heap grows by less than 1,000 bytes a page (pages are not kept)",
              before > 0 && per_page < 1000);
#endif
    rg_status st = w ? pdf_writer_finish_file(w, pages, NULL, tmp, NULL) : RG_ERR_RENDER;
    test_cond("the file is finished", st == RG_OK);

    char cmd[1200];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", tmp);
    test_cond("qpdf --check passes", system(cmd) == 0);
    snprintf(cmd, sizeof cmd, "qpdf --show-npages '%s' 2>/dev/null", tmp);
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    if (p) {
        if (fscanf(p, "%zu", &n) != 1)
            n = 0;
        pclose(p);
    }
    test_cond("the file holds every page added", n == (WARM + MORE) * np);

    /* The same into memory: the same bytes. */
    rg_buf mem;
    buf_init(&mem, ctx);
    rg_pdf_writer *m = pdf_writer_new(ctx, pages, po);
    int mok = m && add_times(m, pages, WARM + MORE) == 0;
    mok = m && pdf_writer_finish_with(m, pages, NULL, &mem) == RG_OK && mok;
    size_t flen = 0;
    char *file = test_slurp(tmp, &flen);
    test_cond("written into memory, the PDF is the file's bytes",
              mok && file && flen == mem.len && !memcmp(file, mem.data, flen));
    free(file);
    buf_free(&mem);
    unlink(tmp);
}
