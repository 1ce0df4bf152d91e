/* document.h - a whole report -> pages: every form in order, each on new
 * pages with its template's page numbers. */
#ifndef RG_LAYOUT_DOCUMENT_H
#define RG_LAYOUT_DOCUMENT_H

#include "layout/flow.h"

/* Lay out the parts of doc (only the indicator numbered `only` when it is
 * not NULL) into pages.  Returns RG_OK or an error with diagnostics. */
rg_status document_layout(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                          const char *only, rg_pages *pages);
/* Like document_layout, and part_first[i] (doc->nparts entries) receives the
 * index in pages of part i's first page, (size_t)-1 for a skipped part.
 * Pages already in the list count, so several documents can follow one
 * another in one page list. */
rg_status document_layout_parts(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                                const char *only, rg_pages *pages, size_t *part_first);

#endif
