/* pdf_output.c - the PDF's bytes: objects written as soon as they are
 * complete, then the cross-reference table and trailer.
 *
 * libharu keeps every object of a document until HPDF_SaveToFile writes
 * them all; a 27,000-page archive held more than 1 GiB that way (page
 * dictionaries, resource dictionaries, deflated content streams).  So the
 * writer does the saving itself: when a page is drawn, its dictionary, its
 * content stream (and that stream's /Length) and its finished annotations
 * are written to the output at once, their byte offsets noted by object
 * number, and what they held is freed (hx_release); only the emptied
 * dictionaries stay, so that later references (outline, destinations, the
 * page tree) still find their numbers.  At the end the objects not yet
 * written follow in number order (fonts, outline, catalog, Info …), then
 * the cross-reference table and the trailer, as libharu would write them
 * (PDF 32000-1, 7.5: header, body, xref, trailer).  The values themselves
 * are written by libharu (hx_write_value), so each object's bytes are
 * those libharu writes; only the order of the objects in the file differs.
 *
 * The output is a file (pdf_writer_to_file: the archive's temporary file,
 * written as the pages come) or a buffer (render, batch).  Equal input,
 * equal calls, equal bytes: the order is the order of the calls. */
#define _POSIX_C_SOURCE 200809L
#include "render/pdf_imp.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct rg_pdf_writer writer;

/* hx_sink's write: into the file or the buffer. */
static int out_write(void *user, const void *data, size_t len)
{
    writer *w = user;
    if (w->error)
        return -1;
    if (w->fp) {
        if (fwrite(data, 1, len, w->fp) != len) {
            w->error = HPDF_FILE_IO_ERROR;
            w->sys_errno = errno ? errno : EIO;
            return -1;
        }
    } else {
        buf_append(&w->out, data, len);
        if (w->out.failed) {
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
            return -1;
        }
    }
    w->pos += len;
    return 0;
}

static int out_str(writer *w, const char *s) { return out_write(w, s, strlen(s)); }

/* The header, before the first object: "%PDF-1.n" and a comment of four
 * bytes above 127 (so that transfer programs take the file as binary). */
static int out_start(writer *w)
{
    if (w->hs)
        return 0;
    w->sink = (hx_sink){out_write, w};
    w->hs = hx_writer_new(w->pdf, &w->sink);
    if (!w->hs) {
        w->error = HPDF_FAILD_TO_ALLOC_MEM;
        return -1;
    }
    char head[32];
    snprintf(head, sizeof head, "%%PDF-1.%d\n%%\xB7\xBE\xAD\xAA\n", hx_pdf_minor(w->pdf));
    return out_str(w, head);
}

/* Write obj (when it is indirect and not written yet) and a stream's
 * /Length after it. */
static int write_object(writer *w, void *obj)
{
    unsigned id = hx_object_id(obj);
    if (!id || (id < w->noffs && w->offs[id]))
        return 0;
    if (out_start(w))
        return -1;
    if (id >= w->noffs) {
        if (rg_grow(w->ctx, (void **)&w->offs, &w->capoffs, (size_t)id + 1, sizeof *w->offs)) {
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
            return -1;
        }
        memset(w->offs + w->noffs, 0, ((size_t)id + 1 - w->noffs) * sizeof *w->offs);
        w->noffs = (size_t)id + 1;
    }
    w->offs[id] = w->pos;
    char num[32];
    snprintf(num, sizeof num, "%u 0 obj\n", id);
    if (out_str(w, num) || hx_write_value(obj, w->hs) || out_str(w, "\nendobj\n")) {
        if (!w->error)
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
        return -1;
    }
    void *len = hx_stream_length(obj);
    return len ? write_object(w, len) : 0;
}

int pdfw_emit(writer *w, void *obj)
{
    if (write_object(w, obj))
        return -1;
    hx_release(obj);
    return 0;
}

int pdfw_emit_page(writer *w, HPDF_Page page)
{
    if (write_object(w, page))
        return -1;
    HPDF_Dict contents = HPDF_Dict_GetItem(page, "Contents", HPDF_OCLASS_DICT);
    if (contents && pdfw_emit(w, contents))
        return -1;
    HPDF_Array annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
    for (HPDF_UINT i = 0; annots && i < HPDF_Array_Items(annots); i++) {
        HPDF_Dict a = HPDF_Array_GetItem(annots, i, HPDF_OCLASS_DICT);
        HPDF_Name sub = a ? HPDF_Dict_GetItem(a, "Subtype", HPDF_OCLASS_NAME) : NULL;
        if (a && !(sub && !strcmp(HPDF_Name_GetValue(sub), "FileAttachment")) && pdfw_emit(w, a))
            return -1;
    }
    hx_release(page);
    return 0;
}

int pdfw_output_finish(writer *w)
{
    if (w->error || out_start(w) || hx_trailer_prepare(w->pdf)) {
        if (!w->error)
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
        return -1;
    }
    size_t n = hx_object_count(w->pdf);
    for (size_t id = 1; id < n; id++)
        if (write_object(w, hx_object(w->pdf, id)))
            return -1;
    /* Every object has its offset now: the table (entries of exactly 20
     * bytes, object 0 the head of the free list), then the trailer. */
    unsigned long long xref = w->pos;
    char line[64];
    snprintf(line, sizeof line, "xref\n0 %zu\n0000000000 65535 f\r\n", n);
    if (out_str(w, line))
        return -1;
    for (size_t id = 1; id < n; id++) {
        if (id >= w->noffs || !w->offs[id] || w->offs[id] > 9999999999ULL) {
            if (!w->error)
                w->error = HPDF_FAILD_TO_ALLOC_MEM;
            return -1;
        }
        snprintf(line, sizeof line, "%010llu 00000 n\r\n", w->offs[id]);
        if (out_str(w, line))
            return -1;
    }
    HPDF_Dict trailer = hx_trailer(w->pdf);
    if (HPDF_Dict_AddNumber(trailer, "Size", (HPDF_INT32)n) != HPDF_OK ||
        out_str(w, "trailer\n") || hx_write_value(trailer, w->hs)) {
        if (!w->error)
            w->error = HPDF_FAILD_TO_ALLOC_MEM;
        return -1;
    }
    snprintf(line, sizeof line, "\nstartxref\n%llu\n%%%%EOF\n", xref);
    if (out_str(w, line))
        return -1;
    if (w->fp) {
        int bad = fflush(w->fp) != 0 || ferror(w->fp);
        int err = errno;
        if (fclose(w->fp) != 0 && !bad) {
            bad = 1;
            err = errno;
        }
        w->fp = NULL;
        if (bad) {
            w->error = HPDF_FILE_IO_ERROR;
            w->sys_errno = err ? err : EIO;
            return -1;
        }
    }
    return 0;
}

int pdf_writer_to_file(rg_pdf_writer *w, const char *path)
{
    if (w->fp)
        return 0;
    w->fp = fopen(path, "wb");
    if (!w->fp) {
        w->error = HPDF_FILE_IO_ERROR;
        w->sys_errno = errno ? errno : EIO;
        return -1;
    }
    /* What was written so far (nothing, when called first) moves over. */
    if (w->out.len && fwrite(w->out.data, 1, w->out.len, w->fp) != w->out.len) {
        w->error = HPDF_FILE_IO_ERROR;
        w->sys_errno = errno ? errno : EIO;
        return -1;
    }
    buf_free(&w->out);
    buf_init(&w->out, w->ctx);
    return 0;
}

void pdfw_output_free(writer *w)
{
    hx_writer_free(w->hs);
    w->hs = NULL;
    if (w->fp)
        fclose(w->fp);
    w->fp = NULL;
    buf_free(&w->out);
    rg_free(w->ctx, w->offs);
    w->offs = NULL;
}
