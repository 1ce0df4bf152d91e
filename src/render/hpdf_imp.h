/* hpdf_imp.h - the few doors into libharu's internals, private to render/.
 *
 * libharu's public API draws text by code point in simple encodings and
 * keeps a document's objects to itself; raingan writes its own fonts,
 * content streams, outline, attachments and PDF/A parts, so it needs the
 * document's object manager, cross-reference table, catalog and trailer,
 * a page's resource and content dictionaries, and a stream's filter hook.
 * Those are fields of libharu's structs: hpdf_imp.c is the one file that
 * reads or writes them (MuPDF's "imp" headers).  The other files of
 * render/ build objects only with libharu's object functions
 * (HPDF_Dict_Add, HPDF_Array_Add …) on what these functions return, so a
 * change of libharu's structs touches one file. */
#ifndef RG_RENDER_HPDF_IMP_H
#define RG_RENDER_HPDF_IMP_H

#include <hpdf.h>
#include <stddef.h>

/* New objects in pdf's memory.  A dictionary or array is direct until
 * hx_indirect gives it an object number (numbers follow the order of
 * hx_indirect and hx_stream_new calls, so keep that order for equal
 * bytes).  NULL when out of memory. */
HPDF_Dict hx_dict_new(HPDF_Doc pdf);
HPDF_Array hx_array_new(HPDF_Doc pdf);
/* A PDF string of the bytes of s (no encoding) or of len bytes of data. */
HPDF_String hx_string_new(HPDF_Doc pdf, const char *s);
HPDF_Binary hx_binary_new(HPDF_Doc pdf, const void *data, size_t len);
/* Make obj an indirect object of pdf; 0 or -1. */
int hx_indirect(HPDF_Doc pdf, void *obj);

/* A new indirect stream holding len bytes of data.  With deflated, data
 * is already zlib-compressed: libharu does not compress it again and the
 * dictionary says /Filter /FlateDecode.  NULL on failure. */
HPDF_Dict hx_stream_new(HPDF_Doc pdf, const void *data, size_t len, int deflated);
/* The same for data already encoded with filter "DCTDecode" (a JPEG). */
HPDF_Dict hx_stream_new_filtered(HPDF_Doc pdf, const void *data, size_t len, const char *filter);

/* The document's catalog, trailer and Info dictionaries (Info may be NULL). */
HPDF_Dict hx_catalog(HPDF_Doc pdf);
HPDF_Dict hx_trailer(HPDF_Doc pdf);
HPDF_Dict hx_info(HPDF_Doc pdf);
/* Write the header as PDF 1.7 (PDF/A-3). */
void hx_set_pdf17(HPDF_Doc pdf);

/* The version of the header libharu would write: 2 for "%PDF-1.2" … 7. */
int hx_pdf_minor(HPDF_Doc pdf);

/* ---- writing objects (render/pdf_output.c streams them out itself) ---- */

/* Where the bytes of hx_write_value go: write(user, data, len) returns 0,
 * or -1 on failure. */
typedef struct hx_sink {
    int (*write)(void *user, const void *data, size_t len);
    void *user;
} hx_sink;
/* A libharu stream writing into sink (kept by pointer); NULL when out of
 * memory.  Free it with hx_writer_free. */
HPDF_Stream hx_writer_new(HPDF_Doc pdf, hx_sink *sink);
void hx_writer_free(HPDF_Stream s);
/* The number of objects of pdf, counting object 0 (the free-list head):
 * objects are numbered 1 … count - 1. */
size_t hx_object_count(HPDF_Doc pdf);
/* Object number id (1 … count - 1), or NULL. */
void *hx_object(HPDF_Doc pdf, size_t id);
/* obj's object number, 0 when it is direct. */
unsigned hx_object_id(const void *obj);
/* Write obj's value (a dictionary with its stream, a number …) as libharu
 * would inside "N 0 obj … endobj"; 0 or -1.  A stream's indirect /Length
 * gets its value by this. */
int hx_write_value(void *obj, HPDF_Stream out);
/* A stream dictionary's indirect /Length number, or NULL (not a stream). */
void *hx_stream_length(void *obj);
/* Free what obj holds once it is written: a dictionary's entries, a
 * stream's data; a page forgets its resource dictionaries too.  obj itself
 * stays (references to it still give its number). */
void hx_release(void *obj);
/* Enter the catalog and Info in the trailer (/Root, /Info), as libharu does
 * before it writes; 0 or -1. */
int hx_trailer_prepare(HPDF_Doc pdf);

/* Enter obj in the page's /Font or /XObject resources under name (kept
 * when the name is there already), beside libharu's own; 0 or -1. */
int hx_page_use_font(HPDF_Page page, const char *name, HPDF_Dict obj);
int hx_page_use_xobject(HPDF_Page page, const char *name, HPDF_Dict obj);
/* Append len bytes of zlib-compressed operators to the page's content
 * stream and mark it /FlateDecode; 0 or -1. */
int hx_page_put_deflated(HPDF_Page page, const void *data, size_t len);

#endif
