/* pdf.h - the renderer: finished pages -> PDF bytes, through libharu.
 *
 * The only module that calls libharu.  It draws exactly what the page list
 * says; it never decides a position. */
#ifndef RG_RENDER_PDF_H
#define RG_RENDER_PDF_H

#include "layout/page.h"

typedef struct rg_pdf_options {
    long long epoch; /* creation/modification time (Unix seconds); < 0: now,
                        or SOURCE_DATE_EPOCH when set */
} rg_pdf_options;

/* Render pages into a PDF held in out (deflate-compressed streams, fonts
 * embedded as subsets with exact ToUnicode maps).  Returns RG_OK, or an
 * error with a diagnostic; out is then incomplete. */
rg_status pdf_render(rg_context *ctx, const rg_pages *pages, const rg_pdf_options *opts,
                     rg_buf *out);

/* The same in steps, so a long document can be written form by form and
 * each form's layout freed once its pages are drawn:
 *   pdf_writer_new (document info from info's title, author, ...)
 *   -> pdf_writer_add for each batch of pages, in order
 *   -> pdf_writer_finish, which writes the PDF into out and frees the writer
 * pdf_writer_add copies what it needs (glyph codes, text for ToUnicode):
 * the pages may be freed as soon as it returns.  On failure call
 * pdf_writer_free instead of finishing. */
typedef struct rg_pdf_writer rg_pdf_writer;
rg_pdf_writer *pdf_writer_new(rg_context *ctx, const rg_pages *info, const rg_pdf_options *opts);
/* 0, or -1 after a failure (reported by pdf_writer_finish). */
int pdf_writer_add(rg_pdf_writer *w, const rg_pages *pages);
/* Pages added so far. */
size_t pdf_writer_page_count(const rg_pdf_writer *w);
rg_status pdf_writer_finish(rg_pdf_writer *w, rg_buf *out);
void pdf_writer_free(rg_pdf_writer *w);

#endif
