/* pdf.h - the renderer: finished pages -> PDF bytes, through libharu.
 *
 * The only interface to libharu (render/pdf.c, pdf_extras.c, hpdf_imp.c;
 * the operators themselves come from content.c).  It draws exactly what
 * the page list says; it never decides a position. */
#ifndef RG_RENDER_PDF_H
#define RG_RENDER_PDF_H

#include "layout/page.h"

/* One outline (bookmark) entry.  Entries come in document order with
 * levels: an entry's children follow it directly with level + 1. */
typedef struct rg_pdf_bookmark {
    const char *title; /* UTF-8 */
    int level;         /* 0 for top-level entries; at most one deeper than the entry before */
    size_t page;       /* 0-based index of the page it opens (shown whole) */
    const char *dest;  /* or NULL; else the named destination it opens instead */
} rg_pdf_bookmark;

typedef enum rg_pdf_label_style {
    PDF_LABEL_DECIMAL,
    PDF_LABEL_ROMAN_LOWER,
    PDF_LABEL_PREFIX_ONLY /* no number: the label is the prefix (ก, ข …) */
} rg_pdf_label_style;

/* A page-label range: pages from first_page on are labelled in style,
 * counting from start, after prefix, until the next range. */
typedef struct rg_pdf_label {
    size_t first_page;        /* 0-based */
    rg_pdf_label_style style;
    int start;                /* the first page's number, >= 1 */
    const char *prefix;       /* UTF-8, or NULL */
} rg_pdf_label;

/* A file embedded in the PDF (an associated file in PDF/A-3 terms). */
typedef struct rg_pdf_file {
    const char *name;         /* file name as readers show it (UTF-8); names must differ */
    const char *desc;         /* description, or NULL */
    const char *mime;         /* MIME type, e.g. "application/xml" */
    const char *relationship; /* AFRelationship: "Source", "Data", "Supplement" ... */
    const void *data;         /* len bytes, not kept */
    size_t len;
    const char *key;          /* an evidence file's real path: attachment icons
                                 (BOX_ATTACH) of that file lead to it; or NULL */
} rg_pdf_file;

typedef struct rg_pdf_options {
    long long epoch; /* creation/modification time (Unix seconds), as resolved
                        by api/ (api_epoch): used as given (< 0: 0) */
} rg_pdf_options;

/* Document-level features beyond the pages (the archive uses them all). */
typedef struct rg_pdf_extras {
    const rg_pdf_bookmark *outline; /* noutline entries, or NULL: no outline */
    size_t noutline;
    const rg_pdf_label *labels;     /* nlabels ranges by rising first_page, or NULL */
    size_t nlabels;
    const rg_pdf_file *files;       /* nfiles attachments, listed in the catalog's /AF */
    size_t nfiles;
    const void *icc;                /* the sRGB ICC profile of the OutputIntent (PDF/A,
                                       pdf_writer_set_pdfa; required there) */
    size_t icc_len;
    const unsigned char *id;        /* 16 bytes that, hashed with every stream written, give the
                                       trailer /ID (both halves); NULL: no /ID */
    const char *evidence_title;     /* with an outline: the title of a last top-level entry
                                       listing the evidence files drawn (their anchors'
                                       titles, in page order); NULL: none */
    /* A file whose data is NULL is read when its turn comes, so no more than
     * one is held: fetch(fetch_user, i, &data, &len) gives files[i]'s bytes
     * (0; -1 after reporting why), handed back by done(fetch_user, i, data)
     * once they are written.  NULL: every file has its data. */
    int (*fetch)(void *user, size_t i, const void **data, size_t *len);
    void (*done)(void *user, size_t i, const void *data);
    void *fetch_user;
} rg_pdf_extras;

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
/* pdf_writer_finish with document-level extras (outline page numbers are
 * indices among all pages added); info gives the XMP title and author. */
rg_status pdf_writer_finish_with(rg_pdf_writer *w, const rg_pages *info,
                                 const rg_pdf_extras *extras, rg_buf *out);
/* Like pdf_writer_add, but the pages go before every page added so far
 * (an archive's cover and contents, laid out once the forms are known). */
int pdf_writer_add_front(rg_pdf_writer *w, const rg_pages *pages);
/* PDF/A-3b output (XMP metadata, OutputIntent with the extras' icc, PDF
 * 1.7, printable annotations): call before adding pages. */
void pdf_writer_set_pdfa(rg_pdf_writer *w, int pdfa);
/* Write the PDF into the file at path (created or truncated) from now on
 * instead of a buffer: each page goes there once drawn, so memory stays
 * flat in the number of pages (render/pdf_output.c).  Call it before
 * adding pages; 0, or -1 (reported by pdf_writer_finish_file). */
int pdf_writer_to_file(rg_pdf_writer *w, const char *path);
/* pdf_writer_finish_with writing the PDF to the file at path (the one
 * given to pdf_writer_to_file, which this calls when it was not called);
 * frees the writer.  A failed write (a full disk) is RG_ERR_IO, "cannot
 * write output file: <strerror>" naming shown (the name the user gave;
 * NULL: path). */
rg_status pdf_writer_finish_file(rg_pdf_writer *w, const rg_pages *info,
                                 const rg_pdf_extras *extras, const char *path,
                                 const char *shown);
/* 1 when the writer failed on bad input it reported itself (a damaged
 * picture, at its source line): callers report RG_ERR_INVALID, not a
 * writer failure. */
int pdf_writer_input_error(const rg_pdf_writer *w);
/* 1 when the writer failed writing its file (pdf_writer_to_file: a full
 * disk), after reporting "cannot write output file: <strerror>" naming
 * shown: callers report RG_ERR_IO. */
int pdf_writer_io_error(rg_pdf_writer *w, const char *shown);
/* Pages added so far. */
size_t pdf_writer_page_count(const rg_pdf_writer *w);
rg_status pdf_writer_finish(rg_pdf_writer *w, rg_buf *out);
void pdf_writer_free(rg_pdf_writer *w);

#endif
