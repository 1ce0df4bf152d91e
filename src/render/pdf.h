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

#endif
