/* content.h - a page's content stream: the PDF operators that draw its
 * boxes, written into a buffer.  No libharu here (MuPDF's split between a
 * device and the document writer): the writer (pdf.c) supplies the
 * resource names through rg_content_res and wraps the bytes in objects;
 * content_dump gives the same bytes as text for tests and debugging. */
#ifndef RG_RENDER_CONTENT_H
#define RG_RENDER_CONTENT_H

#include "layout/page.h"
#include "render/cidfont.h"
#include "util/buf.h"

/* What the operators refer to, asked for as they are written. */
typedef struct rg_content_res {
    void *user;
    /* The embedded font for font on the page being drawn, and its resource
     * name (e.g. "RG1") in *name; NULL when out of memory. */
    rg_cidfont *(*font)(void *user, rg_font *font, const char **name);
    /* The resource name (e.g. "G3") of the Form XObject holding glyph gid
     * of font in font units; "" when the glyph has no outline (nothing is
     * drawn), NULL when out of memory. */
    const char *(*glyph)(void *user, rg_font *font, uint32_t gid);
    /* The resource name (e.g. "Im1") of the image XObject for picture box
     * b (BOX_IMAGE); NULL when it failed (reported). */
    const char *(*image)(void *user, const rg_box *b);
} rg_content_res;

/* A content writer: operators go to out; scratch is its own. */
typedef struct rg_content {
    rg_context *ctx;
    rg_content_res res;
    rg_buf *out;      /* the page's operators (not owned) */
    rg_buf paths;     /* scratch: outline glyphs drawn after a run's ET */
    uint16_t *cids;   /* scratch: a run's codes */
    size_t capcids;
    cid_text *texts;  /* scratch: the text of each code (cidfont_encode) */
    size_t captexts;
} rg_content;

void content_init(rg_content *c, rg_context *ctx, const rg_content_res *res, rg_buf *out);
void content_free(rg_content *c);

/* Append the operators of box b on a page page_h points high (PDF y runs
 * up; layout's down).  A BOX_LINK draws nothing: links are annotations,
 * the writer's.  Returns 0, or -1 when out of memory. */
int content_box(rg_content *c, const rg_box *b, double page_h);

/* 1 when picture boxes a and b show the same file at the same size: one
 * image XObject serves both (the writer's and content_dump's key). */
int content_image_same(const rg_box *a, const rg_box *b);

/* The uncompressed content stream of every page of pages, each after a
 * line "%% page N", with resource names given as the PDF writer gives them
 * (fonts RG1, RG2 … and outline glyphs G1, G2 … in order of first use in
 * pages), so page N's text is byte for byte the stream the PDF holds when
 * pages is the whole document.  Returns 0 or -1. */
int content_dump(rg_context *ctx, const rg_pages *pages, rg_buf *out);

#endif
