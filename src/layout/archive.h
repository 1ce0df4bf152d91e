/* archive.h - the yearly archive: cover, score summary, table of contents,
 * then every form of several report sources, as one page list. */
#ifndef RG_LAYOUT_ARCHIVE_H
#define RG_LAYOUT_ARCHIVE_H

#include "layout/flow.h"

/* One outline entry of the archive (the table of contents lists the
 * entries of level >= 0 that belong to forms). */
typedef struct rg_archive_entry {
    const char *title; /* UTF-8, in the pages' arena */
    int level;         /* 0: front-matter part or source group, 1: a form */
    size_t page;       /* 0-based index in the final page list */
} rg_archive_entry;

typedef struct rg_archive_layout {
    size_t nfront;             /* pages before the forms (cover, scores, contents) */
    size_t nforms;             /* pages of the forms; labelled 1..nforms */
    rg_archive_entry *entries; /* nentries, in preorder; in the pages' arena */
    size_t nentries;
} rg_archive_layout;

/* Lay out the archive of docs (in order; at least one) into pages, which
 * must be empty.  The front matter uses the 'indicator' template's page
 * and fonts and the first document's meta and digits.  Returns RG_OK or
 * an error with diagnostics. */
rg_status archive_layout(const rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                         size_t ndocs, rg_pages *pages, rg_archive_layout *out);

#endif
