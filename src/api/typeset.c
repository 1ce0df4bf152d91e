/* typeset.c - rg_typeset_file: read, lay out, render, write atomically.
 *
 * The plain-text pipeline end to end; the forms follow the same shape
 * (load -> layout -> render -> file_write_atomic). */
#include "api/engine.h"
#include "api/epoch.h"
#include "layout/plain.h"
#include "render/pdf.h"
#include "util/fileio.h"

#include <stdlib.h>
#include <string.h>

/* Largest text accepted: bounds layout time and memory (a single 4 MiB
 * paragraph of Thai is about 700 pages, laid out in a few seconds). */
#define MAX_TEXT (4u << 20)

/* Check, lay out and render text (len bytes, NUL-ended) named name into
 * pdf. */
static rg_status typeset(rg_engine *eng, rg_context *ctx, const char *name, const char *text,
                         size_t len, const rg_typeset_options *opts, rg_buf *pdf,
                         size_t *npages)
{
    if (len > MAX_TEXT) {
        rg_diag(ctx, RG_ERROR, "too-large", name, 0, 0, NULL,
                "file is larger than the limit of %u bytes", MAX_TEXT);
        return RG_ERR_LIMIT;
    }
    /* Reject invalid UTF-8 up front with its position. */
    int line = 1, col = 1;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        int n = utf8_decode(text + i, len - i, &c);
        if (c == 0xFFFD && !(n == 3 && !memcmp(text + i, "\xEF\xBF\xBD", 3))) {
            rg_diag(ctx, RG_ERROR, "invalid-utf8", name, line, col, "save the file as UTF-8",
                    "invalid UTF-8 byte 0x%02X", (unsigned char)text[i]);
            return RG_ERR_INVALID;
        }
        if (c == '\n')
            line++, col = 1;
        else
            col++;
        i += (size_t)n;
    }
    rg_pages pages;
    pages_init(&pages, ctx);
    const char *slash = strrchr(name, '/');
    pages.title = opts && opts->title ? opts->title : slash ? slash + 1 : name;
    rg_status st = RG_ERR_RENDER;
    if (plain_layout(eng->text, engine_textstate(eng, ctx), ctx, name, text, len, opts,
                     &pages) == 0) {
        rg_pdf_options po = {api_epoch(-1, NULL)};
        st = pdf_render(ctx, &pages, &po, pdf);
        if (npages)
            *npages = pages.npages;
    } else if (ctx->out_of_memory) {
        st = RG_ERR_NOMEM;
    } else if (pages.npages >= RG_MAX_PAGES) {
        st = RG_ERR_LIMIT;
    }
    pages_free(&pages);
    return st;
}

rg_status rg_typeset_file(rg_engine *eng, rg_context *ctx, const char *in_path,
                          const char *out_path, const rg_typeset_options *opts)
{
    if (!eng || !ctx || !in_path || !out_path)
        return RG_ERR_USAGE;
    char *text;
    size_t len;
    rg_status st = file_read_all(ctx, in_path, MAX_TEXT, &text, &len);
    if (st)
        return st;
    rg_buf pdf;
    buf_init(&pdf, ctx);
    st = typeset(eng, ctx, in_path, text, len, opts, &pdf, NULL);
    if (st == RG_OK)
        st = file_write_atomic_from(ctx, out_path, pdf.data, pdf.len, in_path);
    buf_free(&pdf);
    rg_free(ctx, text);
    return st;
}

rg_status rg_typeset_memory(rg_engine *eng, rg_context *ctx, const char *name, const char *text,
                            size_t len, const rg_typeset_options *opts, unsigned char **data,
                            size_t *out_len, size_t *npages)
{
    if (!eng || !ctx || !text || !data || !out_len)
        return RG_ERR_USAGE;
    *data = NULL;
    *out_len = 0;
    if (npages)
        *npages = 0;
    if (!name)
        name = "<memory>";
    /* The layout wants the text NUL-ended, as file_read_all gives it. */
    char *copy = len < MAX_TEXT + 1 ? rg_malloc(ctx, len + 1) : NULL;
    if (!copy && len < MAX_TEXT + 1)
        return RG_ERR_NOMEM;
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = 0;
    }
    rg_buf pdf;
    buf_init(&pdf, ctx);
    rg_status st = typeset(eng, ctx, name, copy ? copy : text, len, opts, &pdf, npages);
    if (st == RG_OK) {
        *data = malloc(pdf.len ? pdf.len : 1);
        if (*data) {
            memcpy(*data, pdf.data, pdf.len);
            *out_len = pdf.len;
        } else {
            st = RG_ERR_NOMEM;
        }
    }
    buf_free(&pdf);
    rg_free(ctx, copy);
    return st;
}
