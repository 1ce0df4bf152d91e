/* pdf_imp.h - the PDF writer's state, shared by the files of render/ that
 * build the document (pdf.c: pages, fonts, streams; pdf_extras.c: outline,
 * labels, attachments, PDF/A).  Private to render/: nothing outside
 * includes it (MuPDF's imp headers). */
#ifndef RG_RENDER_PDF_IMP_H
#define RG_RENDER_PDF_IMP_H

#include "render/content.h"
#include "render/hpdf_imp.h"
#include "render/pdf.h"

#include <libdeflate.h>

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

struct rg_pdf_writer {
    rg_context *ctx;
    HPDF_Doc pdf;
    HPDF_STATUS error;   /* first libharu error */
    HPDF_STATUS detail;
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
};

/* A new indirect stream of len bytes of data, deflated; NULL on failure. */
HPDF_Dict pdfw_stream(rg_pdf_writer *w, const void *data, size_t len);
/* A PDF text string (UTF-16BE with BOM) of utf8; NULL when out of memory. */
HPDF_Binary pdfw_text(rg_pdf_writer *w, const char *utf8);
/* Write the document-level extras o asks for (pdf_extras.c); 0 or -1. */
int pdfw_extras(rg_pdf_writer *w, const rg_pages *pages, const rg_pdf_extras *o);

#endif
