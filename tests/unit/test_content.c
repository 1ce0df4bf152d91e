/* test_content.c - the content stream is render/content.c's alone: its
 * dump (content_dump, no libharu) is byte for byte what the PDF's pages
 * hold, as MuPDF decodes them (`mutool show -b FILE pages/N/Contents`).
 *
 * Cases: every form section with both indicator templates (fonts RG1,
 * RG2, outline glyphs of sara am as forms), a table split over pages, and
 * Thai distributed text (TJ adjustments on every cluster). */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "testfile.h"
#include "api/engine.h"
#include "render/content.h"
#include "render/pdf.h"

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
    char path[1024], descr[512];
    snprintf(path, sizeof path, "%s/layout/%s", RG_TEST_DATA, name);
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load(ctx, path);
    rg_pages pages;
    pages_init(&pages, ctx);
    rg_layout_res lres;
    const rg_document *docs[] = {doc};
    int laid = doc && engine_layout_res(eng, ctx, docs, 1, 0, &lres) == RG_OK &&
               document_layout(&lres, ctx, engine_textstate(eng, ctx), doc, NULL, &pages, NULL,
                               NULL) == RG_OK;
    if (doc)
        engine_layout_res_free(&lres);
    snprintf(descr, sizeof descr, "%s is laid out on more than zero pages", name);
    test_cond(descr, laid && pages.npages > 0);
    rg_buf dump, pdf;
    buf_init(&dump, ctx);
    buf_init(&pdf, ctx);
    int dumped = laid && content_dump(ctx, &pages, &dump) == 0;
    snprintf(descr, sizeof descr, "%s: content_dump writes every page", name);
    test_cond(descr, dumped);
    rg_pdf_options po = {1700000000};
    char tmp[] = "/tmp/rg_test_content_XXXXXX";
    int fd = mkstemp(tmp);
    int written = laid && fd >= 0 && pdf_render(ctx, &pages, &po, &pdf) == RG_OK &&
                  write(fd, pdf.data, pdf.len) == (ssize_t)pdf.len;
    if (fd >= 0)
        close(fd);
    snprintf(descr, sizeof descr, "%s: the PDF is written", name);
    test_cond(descr, written);
    size_t same = 0;
    const char *text = dumped ? dump.data : "";
    for (size_t n = 1; written && dumped && n <= pages.npages; n++) {
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
    test_cond(descr, same == pages.npages);
    unlink(tmp);
    buf_free(&dump);
    buf_free(&pdf);
    pages_free(&pages);
    rg_document_free(doc);
    rg_context_free(ctx);
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
