/* document.h - a whole report -> pages: every form in order, each on new
 * pages with its template's page numbers. */
#ifndef RG_LAYOUT_DOCUMENT_H
#define RG_LAYOUT_DOCUMENT_H

#include "layout/flow.h"

/* Takes the pages of one finished form (numbered, in order).  Returns 0,
 * or -1 to stop the layout (its failure is reported by the sink's owner). */
typedef int (*rg_form_sink)(void *user, const rg_pages *pages);

/* Lay out the parts of doc (only the indicator numbered `only` when it is
 * not NULL) into pages.  With a sink, each form's pages are handed to it as
 * soon as they are numbered and then dropped (pages_reset), so memory stays
 * that of one form however long the document; pages is then empty on
 * return.  Without one (sink NULL), pages receives every page.  Returns
 * RG_OK or an error with diagnostics. */
rg_status document_layout(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                          const char *only, rg_pages *pages, rg_form_sink sink, void *user);
/* Like document_layout, and part_first[i] (doc->nparts entries) receives
 * the index of part i's first page among all pages of the list, those
 * already handed to a sink included ((size_t)-1 for a skipped part), so
 * several documents can follow one another in one page list. */
rg_status document_layout_parts(const rg_engine *eng, rg_context *ctx, const rg_document *doc,
                                const char *only, rg_pages *pages, size_t *part_first,
                                rg_form_sink sink, void *user);

#endif
