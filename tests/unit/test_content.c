/* test_content.c - the content stream is render/content.c's alone: its
 * dump (content_dump, no libharu) is byte for byte what the PDF's pages
 * hold, as MuPDF decodes them (`mutool show -b FILE pages/N/Contents`).
 *
 * Cases: every form section with both indicator templates (fonts RG1,
 * RG2, outline glyphs of sara am as forms), a table split over pages, and
 * Thai distributed text (TJ adjustments on every cluster). */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "testpages.h"
#include "render/content.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What mutool reads as page n's content of the PDF at path (malloc'd). */
static char *mutool_page(const char *path, size_t n, size_t *len)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "mutool show -b '%s' pages/%zu/Contents 2>/dev/null", path, n);
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 1 << 16, used = 0;
    char *s = malloc(cap);
    size_t got;
    while (s && (got = fread(s + used, 1, cap - used - 1, p)) > 0) {
        used += got;
        if (used + 1 == cap) {
            char *t = realloc(s, cap *= 2);
            if (!t) {
                free(s);
                s = NULL;
            }
            s = t;
        }
    }
    if (pclose(p) != 0 && s) {
        free(s);
        return NULL;
    }
    if (s) {
        s[used] = 0;
        *len = used;
    }
    return s;
}

static void run_case(rg_engine *eng, const char *name)
{
    char descr[512];
    test_pages T;
    test_pages_open(&T, eng, name);
    snprintf(descr, sizeof descr, "%s is laid out on more than zero pages", name);
    test_cond(descr, T.laid && T.pages.npages > 0);
    rg_buf dump, pdf;
    buf_init(&dump, T.ctx);
    buf_init(&pdf, T.ctx);
    int dumped = T.laid && content_dump(T.ctx, &T.pages, &dump) == 0;
    snprintf(descr, sizeof descr, "%s: content_dump writes every page", name);
    test_cond(descr, dumped);
    char tmp[1024];
    int fd = mkstemp(test_scratch(tmp, sizeof tmp, "rg_test_content"));
    int written = T.laid && fd >= 0 && pdf_render(T.ctx, &T.pages, &T.po, &pdf) == RG_OK &&
                  write(fd, pdf.data, pdf.len) == (ssize_t)pdf.len;
    if (fd >= 0)
        close(fd);
    snprintf(descr, sizeof descr, "%s: the PDF is written", name);
    test_cond(descr, written);
    size_t same = 0;
    const char *text = dumped ? dump.data : "";
    for (size_t n = 1; written && dumped && n <= T.pages.npages; n++) {
        char mark[64];
        snprintf(mark, sizeof mark, "%%%% page %zu\n", n);
        const char *from = strstr(text, mark);
        if (!from)
            break;
        from += strlen(mark);
        snprintf(mark, sizeof mark, "%%%% page %zu\n", n + 1);
        const char *to = strstr(from, mark);
        size_t want = to ? (size_t)(to - from) : strlen(from), got = 0;
        char *read = mutool_page(tmp, n, &got);
        if (read && got == want && !memcmp(read, from, want))
            same++;
        else
            printf("  page %zu: %zu bytes dumped, %zu read by mutool\n", n, want, got);
        free(read);
    }
    snprintf(descr, sizeof descr,
             "%s: each page's content stream in the PDF is its dump, byte for byte", name);
    test_cond(descr, same == T.pages.npages);
    unlink(tmp);
    buf_free(&dump);
    buf_free(&pdf);
    test_pages_close(&T);
}

int main(void)
{
    rg_context *ectx = rg_context_new();
    rg_engine *eng = test_engine(ectx);
    test_cond("the engine starts on the source tree's data", eng != NULL);
    if (eng) {
        run_case(eng, "indicator-sections.xml");
        run_case(eng, "table-split.xml");
        run_case(eng, "thai-distributed.xml");
    }
    rg_engine_free(eng);
    rg_context_free(ectx);
    return test_report();
}
