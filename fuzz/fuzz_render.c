/* fuzz_render.c - libFuzzer target over the whole pipeline:
 * XML bytes -> model -> layout -> PDF, all in memory.
 *
 * Design: the engine (fonts, word list, templates) is built once in
 * LLVMFuzzerInitialize, as a server would; one context is reused across
 * inputs so the per-thread text state (ICU and libthai breakers, HarfBuzz
 * buffer) is not rebuilt for every input, which would make the target ten
 * times slower.  Its diagnostics are cleared after each input.
 *
 * What counts as a bug: any sanitizer report, a leak, a crash, a timeout
 * (libFuzzer's -timeout), and two invariants checked here: a failed load or
 * render always leaves at least one error diagnostic (never a silent
 * failure), and a successful render yields a non-empty "%PDF-" buffer. */
#include "raingan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rg_engine *engine;
static rg_context *ctx;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ctx = rg_context_new();
    rg_engine_options opts;
    memset(&opts, 0, sizeof opts);
    opts.data_dir = getenv("RAINGAN_DATA_DIR"); /* NULL: the build's source folder */
    engine = ctx ? rg_engine_new(ctx, &opts) : NULL;
    if (!engine) {
        fprintf(stderr, "fuzz_render: cannot create the engine (set RAINGAN_DATA_DIR)\n");
        exit(1);
    }
    rg_context_clear_diagnostics(ctx);
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
        rg_render_options ro = {NULL, 0};
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
