/* render.c - the public rendering calls: layout -> PDF -> file.
 *
 * One function per output (file, memory, dump) over one shared pipeline
 * (render_pages), so preview, batch and archive all lay out the same way. */
#include "api/engine.h"
#include "api/epoch.h"
#include "layout/document.h"
#include "render/pdf.h"
#include "util/fileio.h"

#include <stdlib.h>
#include <string.h>

static int sink_pdf(void *user, const rg_pages *pages)
{
    return pdf_writer_add(user, pages);
}

/* Lay out and render into pdf form by form: each form's pages are drawn
 * and freed before the next form is laid out (document_layout's sink), so
 * memory does not grow with the number of forms. */
static rg_status render_pages(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                              const rg_render_options *opts, rg_buf *pdf, size_t *npages)
{
    rg_layout_res lres;
    rg_status tst = engine_layout_res(eng, ctx, &doc, 1, 0, &lres);
    rg_pages pages;
    pages_init(&pages, ctx);
    pages.max_pages = opts ? opts->max_pages : 0;
    pages.title = tst == RG_OK ? document_pdf_title(&lres, doc) : NULL;
    pages.author = doc->department ? doc->department : doc->agency;
    pages.subject = doc->agency;
    rg_pdf_options po = {api_epoch(opts ? opts->epoch : -1, NULL)};
    rg_pdf_writer *w = pdf_writer_new(ctx, &pages, &po);
    rg_status st = w ? RG_OK : RG_ERR_RENDER;
    size_t total = 0;
    rg_layout_opts lo = {opts ? opts->indicator : NULL, opts ? opts->threads : 0, NULL,
                         sink_pdf, w, 0, 0, 0};
    if (st == RG_OK)
        st = tst;
    if (st == RG_OK)
        st = documents_layout(&lres, ctx, engine_textstate(eng, ctx), &doc, 1, &pages, &lo);
    if (st == RG_ERR_RENDER && pdf_writer_input_error(w))
        st = RG_ERR_INVALID; /* a damaged picture, reported at its line */
    if (st == RG_OK) {
        total = pdf_writer_page_count(w);
        st = pdf_writer_finish(w, pdf);
    } else {
        pdf_writer_free(w);
    }
    if (npages)
        *npages = total;
    pages_free(&pages);
    engine_layout_res_free(&lres); /* after the writer: the title may be a template's */
    return st;
}

rg_status rg_render_pdf(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                        const rg_render_options *opts, const char *out_path)
{
    if (!eng || !ctx || !doc || !out_path)
        return RG_ERR_USAGE;
    rg_buf pdf;
    buf_init(&pdf, ctx);
    rg_status st = render_pages(eng, ctx, doc, opts, &pdf, NULL);
    if (st == RG_OK)
        st = file_write_atomic_from(ctx, out_path, pdf.data, pdf.len, doc->file);
    buf_free(&pdf);
    return st;
}

rg_status rg_render_pdf_memory(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                               const rg_render_options *opts, unsigned char **data, size_t *len,
                               size_t *npages)
{
    *data = NULL;
    *len = 0;
    rg_buf pdf;
    buf_init(&pdf, ctx);
    rg_status st = render_pages(eng, ctx, doc, opts, &pdf, npages);
    if (st == RG_OK && pdf.data && rg_context_uses_libc(ctx)) {
        /* Handed over, not copied: a large PDF is not held twice. */
        *data = (unsigned char *)pdf.data;
        *len = pdf.len;
        pdf.data = NULL;
    } else if (st == RG_OK) {
        *data = malloc(pdf.len ? pdf.len : 1);
        if (*data) {
            memcpy(*data, pdf.data, pdf.len);
            *len = pdf.len;
        } else {
            st = RG_ERR_NOMEM;
        }
    }
    buf_free(&pdf);
    return st;
}

char *rg_render_dump(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                     const rg_render_options *opts)
{
    rg_pages pages;
    pages_init(&pages, ctx);
    pages.max_pages = opts ? opts->max_pages : 0;
    char *out = NULL;
    rg_layout_res lres;
    if (engine_layout_res(eng, ctx, &doc, 1, 0, &lres) == RG_OK &&
        document_layout(&lres, ctx, engine_textstate(eng, ctx), doc,
                        opts ? opts->indicator : NULL, &pages, NULL, NULL) == RG_OK) {
        rg_buf b;
        buf_init(&b, ctx);
        pages_dump(&pages, &b);
        out = malloc(b.len + 1);
        if (out) {
            memcpy(out, b.data ? b.data : "", b.len);
            out[b.len] = 0;
        }
        buf_free(&b);
    }
    engine_layout_res_free(&lres);
    pages_free(&pages);
    return out;
}
