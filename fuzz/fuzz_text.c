/* fuzz_text.c - libFuzzer target for the text engine alone: arbitrary
 * bytes as plain text -> paragraphs (itemize, break, shape, fill) -> pages
 * -> PDF, the path of `raingan typeset` without the file I/O.
 *
 * The first byte picks the alignment, the line width (a narrow measure
 * forces emergency breaks inside words and clusters) and the font size;
 * the rest is the text.  Invalid UTF-8 is passed through on purpose: the
 * engine must decode it as U+FFFD, never read past the end.  The engine
 * is made once and one context reused (fuzz_engine.h). */
#include "api/engine.h"
#include "layout/plain.h"
#include "render/pdf.h"
#include "util/context.h"
#include "fuzz_engine.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_engine_init("fuzz_text");
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    static const double widths[8] = {0, 300, 120, 40, 12, 3, 1, 900};
    unsigned k = data[0];
    rg_typeset_options opts = {widths[k & 7], (k >> 6) == 3 ? 48 : 16,
                               (rg_align)((k >> 3) % 5), "fuzz"};
    rg_pages pages;
    pages_init(&pages, ctx);
    pages.title = "fuzz";
    if (plain_layout(engine->text, engine_textstate(engine, ctx), ctx, "fuzz.txt",
                     (const char *)data + 1, size - 1, &opts, &pages) == 0) {
        rg_buf pdf;
        buf_init(&pdf, ctx);
        rg_pdf_options po = {0};
        if (pdf_render(ctx, &pages, &po, &pdf) == RG_OK &&
            (pdf.len < 5 || memcmp(pdf.data, "%PDF-", 5)))
            abort(); /* a successful render must give a PDF */
        buf_free(&pdf);
    }
    pages_free(&pages);
    rg_context_clear_diagnostics(ctx);
    return 0;
}
