/* fuzz_render.c - libFuzzer target over the whole pipeline:
 * XML bytes -> model -> layout -> PDF, all in memory
 * (rg_document_load_memory + rg_render_pdf_memory).
 *
 * Design: the engine is made once and one context reused (fuzz_engine.h).
 *
 * What counts as a bug: any sanitizer report, a leak, a crash, a timeout
 * (libFuzzer's -timeout), and two invariants checked here: a failed load or
 * render always leaves at least one error diagnostic (never a silent
 * failure), and a successful render yields a "%PDF-" buffer with pages. */
#include "fuzz_engine.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_engine_init("fuzz_render");
    return 0;
}

/* Abort (so libFuzzer saves the input) when an invariant is broken. */
static void require(int cond, const char *what)
{
    if (!cond) {
        fprintf(stderr, "fuzz_render: invariant broken: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    rg_document *doc = rg_document_load_memory(ctx, "fuzz.xml", (const char *)data, size);
    if (!doc) {
        require(rg_context_count_at_least(ctx, RG_ERROR) > 0, "a failed load reports an error");
    } else {
        rg_render_options ro = {NULL, 0, 0, 1};
        unsigned char *pdf = NULL;
        size_t len = 0, npages = 0;
        rg_status st = rg_render_pdf_memory(engine, ctx, doc, &ro, &pdf, &len, &npages);
        if (st == RG_OK)
            require(len > 5 && !memcmp(pdf, "%PDF-", 5) && npages > 0,
                    "a successful render yields a PDF with pages");
        else
            require(rg_context_count_at_least(ctx, RG_ERROR) > 0,
                    "a failed render reports an error");
        free(pdf);
        rg_document_free(doc);
    }
    rg_context_clear_diagnostics(ctx);
    return 0;
}
