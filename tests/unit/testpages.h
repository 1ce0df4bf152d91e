/* testpages.h - the PDF writer's unit tests' one setup (test_content.c,
 * test_pdfstream.c): a form of tests/data/layout loaded and laid out by
 * the engine into finished pages, in a context of its own, with the PDF
 * options of a fixed date (equal pages, equal bytes); and its teardown. */
#ifndef RG_TESTPAGES_H
#define RG_TESTPAGES_H

#include "api/engine.h"
#include "render/pdf.h"
#include "testfile.h"

typedef struct test_pages {
    rg_context *ctx;   /* the document's and the pages' */
    rg_document *doc;  /* NULL when it did not load */
    rg_pages pages;    /* the finished pages; empty unless laid */
    int laid;          /* 1 when the document was laid out (perhaps on no page) */
    rg_pdf_options po; /* a fixed date: epoch 1700000000 */
} test_pages;

/* Load tests/data/layout/NAME into T and lay it out with eng's fonts and
 * templates.  Returns T->laid; 0 when eng is NULL, the file does not load
 * or the layout fails (diagnostics in T->ctx).  Close T with
 * test_pages_close in any case. */
static inline int test_pages_open(test_pages *T, rg_engine *eng, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/layout/%s", RG_TEST_DATA, name);
    T->ctx = rg_context_new();
    T->doc = eng ? rg_document_load(T->ctx, path) : NULL;
    pages_init(&T->pages, T->ctx);
    T->po = (rg_pdf_options){.epoch = 1700000000};
    rg_layout_res lres;
    const rg_document *docs[] = {T->doc};
    T->laid = T->doc && engine_layout_res(eng, T->ctx, docs, 1, 0, &lres) == RG_OK &&
              document_layout(&lres, T->ctx, engine_textstate(eng, T->ctx), T->doc, NULL, &T->pages,
                              NULL, NULL) == RG_OK;
    if (T->doc)
        engine_layout_res_free(&lres);
    return T->laid;
}

/* Free what test_pages_open made. */
static inline void test_pages_close(test_pages *T)
{
    pages_free(&T->pages);
    rg_document_free(T->doc);
    rg_context_free(T->ctx);
}

#endif
