/* archive.h - the yearly archive: cover, score summary, table of contents,
 * then every form of several report sources, as one page list. */
#ifndef RG_LAYOUT_ARCHIVE_H
#define RG_LAYOUT_ARCHIVE_H

#include "layout/document.h"

/* One outline entry of the archive (the table of contents lists the
 * entries of level >= 0 that belong to forms). */
typedef struct rg_archive_entry {
    const char *title; /* UTF-8, in the pages' arena */
    int level;         /* 0: front-matter part or the agency, 1: a department, 2: a form,
                          3: a form's หลักฐานอ้างอิง, 4: one evidence item */
    size_t page;       /* 0-based index in the final page list */
    const char *dest;  /* or NULL; else the named destination it opens (an evidence item) */
} rg_archive_entry;

/* Where laid-out pages go (the caller draws them and may then drop them);
 * 0 or -1 on failure. */
typedef int (*rg_archive_sink)(void *user, const rg_pages *pages);

/* Where the whole documents come from when archive_layout is given
 * digests (model_digest) to keep memory flat in the number of sources:
 * open fills full[k] with the whole document of docs[which[k]] for k < n
 * (loading it again, say) and returns RG_OK, or an error it has reported;
 * close gives them back (after a failed open too, with NULL where none was
 * loaded) once their forms are drawn. */
typedef struct rg_archive_loader {
    rg_status (*open)(void *user, const size_t *which, size_t n, const rg_document **full);
    void (*close)(void *user, const size_t *which, size_t n, const rg_document **full);
    void *user;
} rg_archive_loader;

typedef struct rg_archive_layout {
    rg_arena arena;            /* owns entries and their titles */
    size_t nfront;             /* pages before the forms (cover, scores, contents) */
    size_t nforms;             /* pages of the forms; labelled 1..nforms */
    rg_archive_entry *entries; /* nentries, in preorder; in arena */
    size_t nentries;
    const char **front_labels; /* nfront labels of the front pages (ก, ข … or i, ii …; the
                                  cover's is not printed); in arena */
} rg_archive_layout;

/* Lay out the archive of docs (in order; at least one; one agency's, see
 * rg_render_archive) using pages, which must be empty, as working space.
 * With a loader, docs are digests (model_digest: the front matter is built
 * from them) and the forms are laid out from the whole documents the
 * loader opens, a few dozen at a time in form order, each closed once its
 * forms are drawn; without one (NULL), docs are the whole documents.
 * Sources are grouped by department (in order of first appearance) and
 * their forms laid out group by group.  Streams: every form's pages go to
 * forms(user, pages) as soon as they are laid out and numbered (then they
 * are dropped), so memory stays that of one form; the front matter (cover,
 * scores, contents), laid out last, goes to front(user, pages) and belongs
 * before all the forms.  Entry pages count the front pages first.  The
 * front matter uses the 'indicator' template's page and fonts, the
 * 'archive' template's words and widths (both in res: engine_layout_res
 * with archive set), and the first document's agency and digits; front_style is RG_FRONT_*.  threads is as
 * in rg_layout_opts; ts is the calling thread's text state.  Returns RG_OK
 * or an error with diagnostics; free out with archive_layout_free in both
 * cases. */
rg_status archive_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                         const rg_document *const *docs, size_t ndocs, int threads,
                         int front_style, rg_pages *pages, rg_archive_layout *out,
                         rg_archive_sink forms, rg_archive_sink front, void *user,
                         const rg_archive_loader *loader);
/* The title of an archive of docs: the <title> all of them give, else the
 * archive template's (arch's or the documents' string). */
const char *archive_title(const rg_template *arch, const rg_document *const *docs, size_t ndocs);
/* Front page n's label (1-based) in style (RG_FRONT_*), copied into keep. */
const char *archive_front_label(rg_arena *keep, int style, size_t n);
void archive_layout_free(rg_archive_layout *al);

#endif
