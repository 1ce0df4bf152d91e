/* document.h - a whole report -> pages: every form in order, each on new
 * pages with its template's page numbers. */
#ifndef RG_LAYOUT_DOCUMENT_H
#define RG_LAYOUT_DOCUMENT_H

#include "layout/page.h"
#include "load/template.h"
#include "model/model.h"
#include "text/textres.h"

/* What layout needs from above, handed down by api/ (layout never sees
 * the engine, and never reads a template: they come loaded and checked). */
typedef struct rg_layout_res {
    const rg_textres *text;          /* fonts, word list, Thai dictionary */
    rg_templates templates;  /* every template the documents name (and the archive's
                                'indicator'), loaded and checked by the load stage */
    const rg_textres **tpl_text; /* by index of templates.entries: the fonts of the family
                                the template names (<fonts family>), or NULL (or the array
                                NULL): text; borrowed from the engine, which keeps them */
    rg_context *alloc;       /* allocator of tpl_text */
} rg_layout_res;

/* The text resources forms of template t are set with: its family's when
 * it names one, else res->text (borrowed; never NULL). */
const rg_textres *layout_res_text(const rg_layout_res *res, const rg_template *t);

/* Takes the pages of one finished form (numbered, in order).  Returns 0,
 * or -1 to stop the layout (its failure is reported by the sink's owner). */
typedef int (*rg_form_sink)(void *user, const rg_pages *pages);

/* How to lay out a list of documents. */
typedef struct rg_layout_opts {
    const char *only;     /* only the indicator numbered so, "" only the summary
                             tables, or NULL for every part */
    int threads;          /* 1: the calling thread lays out every form; N > 1: N
                             worker threads lay out forms while the calling thread
                             hands them to the sink (and lays out forms when the
                             next is not ready); 0: N = the number of CPUs (at most
                             8).  Used only with a sink. */
    size_t **part_first;  /* NULL, or per document an array of its nparts entries
                             receiving each part's first page index among all pages
                             of the list, those handed to the sink included
                             ((size_t)-1 for a part not laid out) */
    rg_form_sink sink;    /* where each finished form goes, or NULL */
    void *user;           /* the sink's */
    size_t work_limit;    /* layout work each document may take (see
                             RG_MAX_LAYOUT_WORK, the default when 0) */
    int no_numbers;       /* 1: no form prints its own page numbers (an archive
                             numbers all its pages at once) */
    size_t doc_base;      /* the place of docs[0] in a longer run laid out in
                             pieces: named destinations are scoped by it + the
                             document's index ("d3/1.1/evidence-2"); 0 otherwise */
} rg_layout_opts;

/* The title a document's PDF carries (document info, XMP): its <title>,
 * else its first form's template's pdf-title label; NULL when neither. */
const char *document_pdf_title(const rg_layout_res *res, const rg_document *doc);

/* Lay out the parts of docs in order into pages.  With a sink, each form's
 * pages are handed to it as soon as they are numbered and then dropped, so
 * memory stays that of a few forms however long the list; pages is then
 * empty on return, its base counting the pages handed on.  Without one,
 * pages receives every page.  A list with nothing to lay out gives one
 * blank page.  Returns RG_OK or an error with diagnostics; with several
 * threads the diagnostics, pages and sink calls are exactly those of one. */
rg_status documents_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                           const rg_document *const *docs, size_t ndocs, rg_pages *pages,
                           const rg_layout_opts *opts);

/* documents_layout of one document on the calling thread.  ts is the
 * calling thread's text state (worker threads make their own). */
rg_status document_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                          const rg_document *doc, const char *only, rg_pages *pages,
                          rg_form_sink sink, void *user);

#endif
