/* pdf_imp.h - the PDF writer's state, shared by the files of render/ that
 * build the document (pdf.c: pages, fonts, streams; pdf_extras.c: outline,
 * labels, attachments, PDF/A).  Private to render/: nothing outside
 * includes it (MuPDF's imp headers). */
#ifndef RG_RENDER_PDF_IMP_H
#define RG_RENDER_PDF_IMP_H

#include "render/content.h"
#include "render/hpdf_imp.h"
#include "render/pdf.h"
#include "util/sha256.h"

#include <libdeflate.h>
#include <stdio.h>

typedef struct used_font {
    rg_cidfont *cf;     /* codes and subset data */
    HPDF_Dict type0;    /* the font dictionary pages refer to */
    char name[16];      /* resource name, e.g. RG1 */
} used_font;

/* A glyph drawn as an outline (one that can carry no text: see
 * cidfont.h), made once per document as a Form XObject in font units and
 * placed with `cm … Do` wherever it occurs.  The ring of sara am alone is
 * some 1,000 bytes of curves that compress badly; written at each
 * occurrence it was a third of a Thai page's content stream and most of
 * its deflated size. */
typedef struct outline_glyph {
    rg_font *font;
    uint32_t gid;
    HPDF_Dict xobj;     /* the form, or NULL when the glyph has no outline */
    char name[16];      /* resource name, e.g. G3 */
} outline_glyph;

/* An image XObject, one per distinct (file, shown size). */
typedef struct pdf_image {
    char *path;         /* the file's real path */
    rg_mpt w, h;        /* the size shown */
    HPDF_Dict xobj;
    char name[16];      /* resource name, e.g. Im1 */
} pdf_image;

/* A named destination (an evidence item). */
typedef struct pdf_anchor {
    char *name;
    char *title;        /* outline entry (an evidence file), or NULL */
    HPDF_Page page;
    double x, y;        /* PDF coordinates of its top-left */
} pdf_anchor;

/* An attachment icon waiting for its file's specification. */
typedef struct pdf_attach {
    HPDF_Dict annot;
    char *path;         /* the file's real path (rg_pdf_file.key) */
} pdf_attach;

struct rg_pdf_writer {
    rg_context *ctx;
    HPDF_Doc pdf;
    HPDF_STATUS error;   /* first libharu error */
    HPDF_STATUS detail;
    int sys_errno;       /* errno when that error was a file write's (a full disk) */
    rg_sha256 digest;    /* of every stream's bytes so far (pages, fonts, files): the
                            trailer /ID hashes the content (pdfw_extras) */
    used_font *fonts;
    size_t nfonts, capfonts;
    outline_glyph *outlines; /* forms of the outline glyphs drawn so far */
    size_t noutlines, capoutlines;
    int pdfa;            /* PDF/A-3b output: annotations must print */
    HPDF_Page *plist;    /* the pages made so far, in document order */
    size_t nplist, capplist;
    long long epoch;     /* the options' epoch (resolved by api/), for the extras */
    rg_buf z;            /* scratch: one deflated stream */
    struct libdeflate_compressor *zc; /* made on first use, reused for every stream */
    rg_buf page;         /* the operators of the page being drawn */
    rg_content content;  /* writes them into page */
    HPDF_Page cur;       /* the page being drawn (for its resources) */
    size_t npages;       /* pages added */
    pdf_image *images;   /* pictures drawn so far (pdf_official.c) */
    size_t nimages, capimages;
    pdf_anchor *anchors; /* named destinations so far */
    size_t nanchors, capanchors;
    pdf_attach *attaches;/* attachment icons so far */
    size_t nattaches, capattaches;
    HPDF_Dict clip;      /* the icons' appearance, made on first use */
    /* The output (pdf_output.c): objects are written as soon as they are
     * complete, a page when it is drawn; the rest, the cross-reference
     * table and the trailer when the writer finishes. */
    FILE *fp;            /* the output file (pdf_writer_to_file), or NULL: into out */
    rg_buf out;          /* the PDF so far, when there is no file */
    unsigned long long pos; /* bytes written so far */
    unsigned long long *offs; /* by object number: its byte offset, 0 while unwritten */
    size_t noffs, capoffs;
    hx_sink sink;        /* pdf_output.c's writer, for hs */
    HPDF_Stream hs;      /* libharu's view of the output (object values) */
    int reported;        /* a failure was reported with its own diagnostic (a damaged
                            picture): no generic "writer failed" message after it */
};

/* A new indirect stream of len bytes of data, deflated; NULL on failure. */
HPDF_Dict pdfw_stream(rg_pdf_writer *w, const void *data, size_t len);
/* The longest PDF string PDF/A allows (ISO 19005-3 6.1.13, from PDF's
 * implementation limits): libharu itself refuses strings over 65,535. */
#define PDF_STRING_MAX 32767
/* A PDF text string (UTF-16BE with BOM) of utf8, cut at a character
 * boundary to PDF_STRING_MAX bytes; NULL when out of memory.  The _named
 * form warns, naming what (e.g. "the document title"), when it cuts. */
HPDF_Binary pdfw_text(rg_pdf_writer *w, const char *utf8);
HPDF_Binary pdfw_text_named(rg_pdf_writer *w, const char *utf8, const char *what);
/* The byte length of utf8's longest prefix (whole characters) whose text
 * string fits PDF_STRING_MAX; *chars (if not NULL) its characters. */
size_t pdfw_fit(const char *utf8, size_t *chars);
/* pdf_official.c: the image XObject's resource name for picture box b on
 * the page being drawn (w->cur); "" for none, NULL on failure. */
const char *pdfw_image(rg_pdf_writer *w, const rg_box *b);
/* A link box whose uri is "#name": a /Link to the named destination. */
int pdfw_link_dest(rg_pdf_writer *w, HPDF_Page page, const rg_box *b, double page_h);
/* Record a BOX_ANCHOR's destination. */
int pdfw_anchor(rg_pdf_writer *w, HPDF_Page page, const rg_box *b, double page_h);
/* A BOX_ATTACH's /FileAttachment annotation (PDF/A output only). */
int pdfw_attach(rg_pdf_writer *w, HPDF_Page page, const rg_box *b, double page_h);
/* Give each attachment annotation the specification of its file (files[k]
 * with key equal to its path, specs[k] its dictionary). */
int pdfw_attach_files(rg_pdf_writer *w, const rg_pdf_file *files, const HPDF_Dict *specs,
                      size_t n);
/* The /Names /Dests tree of the recorded destinations. */
int pdfw_dests(rg_pdf_writer *w);
void pdfw_official_free(rg_pdf_writer *w);

/* pdf_output.c.  Write obj (an indirect object; a stream's /Length with
 * it) now, and free what it holds: it must be complete.  0 or -1. */
int pdfw_emit(rg_pdf_writer *w, void *obj);
/* A page is drawn: write it, its content stream and its annotations
 * (those that are complete: not file attachments, which get their file at
 * the end) and free them.  0 or -1. */
int pdfw_emit_page(rg_pdf_writer *w, HPDF_Page page);
/* Write every object not written yet, the cross-reference table and the
 * trailer.  0 or -1 (w->error says why). */
int pdfw_output_finish(rg_pdf_writer *w);
/* Free the output's state (closing a file left open). */
void pdfw_output_free(rg_pdf_writer *w);

/* Write the document-level extras o asks for (pdf_extras.c); 0 or -1. */
int pdfw_extras(rg_pdf_writer *w, const rg_pages *pages, const rg_pdf_extras *o);

#endif
