/* evidence.c - an archive's evidence files (see evidence.h).
 *
 * The files were checked when their sources loaded (inside the files
 * root, regular, at most 32 MiB); here they are read again by their real
 * path, so what is embedded is what is there now, and a file removed
 * since is an error at the source line that names it.  Names: the
 * indicator, the item and the file's own name, so an auditor's
 * `pdfdetach -list` reads like the form ("1.1-3-meeting-photo.jpg"). */
#define _POSIX_C_SOURCE 200809L
#include "api/evidence.h"
#include "raingan.h"
#include "util/fileio.h"
#include "util/json.h"

#include <stdio.h>
#include <string.h>

static const char *base_name(const char *path)
{
    const char *b = strrchr(path ? path : "", '/');
    return b ? b + 1 : path ? path : "";
}

/* The bytes of file f into *data (a new buffer of quiet's allocator):
 * given with the source (copied) or read from disk. */
static rg_status read_bytes(rg_context *quiet, const rg_file *f, char **data, size_t *len)
{
    if (f->data) { /* given with the source (a request's part) */
        *len = (size_t)f->size;
        *data = rg_malloc(quiet, *len ? *len : 1);
        if (!*data)
            return RG_ERR_NOMEM;
        memcpy(*data, f->data, *len);
        return RG_OK;
    }
    return file_read_all(quiet, f->path, (size_t)32 << 20, data, len);
}

/* Report that f's file (named at its line of docfile) cannot be read. */
static rg_status unreadable(rg_context *ctx, rg_context *quiet, const char *docfile,
                            const rg_file *f, rg_status st)
{
    const rg_diagnostic *q = quiet ? rg_context_diagnostic(quiet, 0) : NULL;
    rg_diag(ctx, RG_ERROR, st == RG_ERR_LIMIT ? "too-large" : "io-read", docfile, f->pos.line,
            f->pos.col, NULL, "evidence file '%s' cannot be read for the archive: %s", f->written,
            q ? q->message : "out of memory");
    return st == RG_ERR_NOMEM ? st : RG_ERR_IO;
}

/* Add the file of item e of indicator ind of docs[d], unless its path is
 * in s already. */
static rg_status add(rg_context *ctx, rg_evidence_set *s, const rg_document *doc, size_t d,
                     size_t ndocs, const rg_indicator *ind, const rg_evidence_item *e, int keep,
                     size_t *total)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].file->path, e->file->path))
            return RG_OK;
    if (rg_grow(ctx, (void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
        return RG_ERR_NOMEM;
    rg_evfile *f = &s->v[s->n];
    memset(f, 0, sizeof *f);
    f->file = e->file;
    f->docfile = doc->file;
    f->source = base_name(doc->file);
    f->indicator = ind->number ? ind->number : "";
    f->item = e->number;
    char base[600];
    if (ndocs > 1)
        snprintf(base, sizeof base, "%zu-%s-%ld-%s", d + 1, f->indicator, e->number,
                 e->file->name);
    else
        snprintf(base, sizeof base, "%s-%ld-%s", f->indicator, e->number, e->file->name);
    snprintf(f->name, sizeof f->name, "%s", base);
    /* Names must differ (a name tree); a clash gets "-2", "-3" … */
    for (int k = 2;; k++) {
        int clash = 0;
        for (size_t i = 0; i < s->n && !clash; i++)
            clash = !strcmp(s->v[i].name, f->name);
        if (!clash)
            break;
        snprintf(f->name, sizeof f->name, "%d-%s", k, base);
    }
    rg_context *quiet = rg_context_new();
    rg_status st = quiet ? read_bytes(quiet, e->file, &f->data, &f->len) : RG_ERR_NOMEM;
    if (st != RG_OK) {
        st = unreadable(ctx, quiet, doc->file, e->file, st);
        rg_context_free(quiet);
        return st;
    }
    rg_sha256_hex(f->data, f->len, f->sha);
    *total += f->len;
    /* The bytes move to ctx's allocator when kept. */
    char *mine = keep ? rg_malloc(ctx, f->len ? f->len : 1) : NULL;
    if (mine)
        memcpy(mine, f->data, f->len);
    rg_free(quiet, f->data);
    rg_context_free(quiet);
    f->data = mine;
    s->n++;
    if (keep && !mine)
        return RG_ERR_NOMEM;
    if (*total > RG_MAX_EVIDENCE_BYTES) {
        rg_diag(ctx, RG_ERROR, "too-large", doc->file, e->file->pos.line, e->file->pos.col,
                "archive the sources in several parts",
                "the evidence files of the archive pass %zu MiB in all",
                RG_MAX_EVIDENCE_BYTES >> 20);
        return RG_ERR_LIMIT;
    }
    return RG_OK;
}

rg_status evidence_collect(rg_context *ctx, const rg_document *const *docs, size_t n, int keep,
                           rg_evidence_set *out)
{
    memset(out, 0, sizeof *out);
    size_t total = 0;
    for (size_t d = 0; d < n; d++)
        for (size_t i = 0; docs[d] && i < docs[d]->nindicators; i++) {
            const rg_indicator *ind = docs[d]->indicators[i];
            for (size_t k = 0; k < ind->nitems; k++) {
                if (!ind->items[k]->file)
                    continue;
                rg_status st = add(ctx, out, docs[d], d, n, ind, ind->items[k], keep, &total);
                if (st != RG_OK)
                    return st;
            }
        }
    return RG_OK;
}

rg_status evidence_read(rg_context *ctx, const rg_evfile *f, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    rg_context *quiet = rg_context_new();
    char *got = NULL;
    size_t n = 0;
    rg_status st = quiet ? read_bytes(quiet, f->file, &got, &n) : RG_ERR_NOMEM;
    if (st != RG_OK) {
        st = unreadable(ctx, quiet, f->docfile, f->file, st);
        rg_context_free(quiet);
        return st;
    }
    char hex[65];
    rg_sha256_hex(got, n, hex);
    if (n != f->len || strcmp(hex, f->sha)) {
        rg_diag(ctx, RG_ERROR, "source-changed", f->docfile, f->file->pos.line,
                f->file->pos.col,
                "make the archive again when the sources are no longer being changed",
                "evidence file '%s' changed while the archive was made", f->file->written);
        st = RG_ERR_INVALID;
    } else if (!(*data = rg_malloc(ctx, n ? n : 1))) {
        st = RG_ERR_NOMEM;
    } else {
        memcpy(*data, got, n);
        *len = n;
    }
    rg_free(quiet, got);
    rg_context_free(quiet);
    return st;
}

void evidence_free(rg_context *ctx, rg_evidence_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        rg_free(ctx, s->v[i].data);
    rg_free(ctx, s->v);
    memset(s, 0, sizeof *s);
}

void evidence_manifest(rg_buf *b, const rg_evidence_set *s)
{
    if (!s || !s->n)
        return;
    buf_puts(b, ",\n  \"evidence\": [");
    for (size_t i = 0; i < s->n; i++) {
        const rg_evfile *f = &s->v[i];
        buf_puts(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        json_put_string(b, f->name);
        buf_puts(b, ", \"source\": ");
        json_put_string(b, f->source);
        buf_puts(b, ", \"indicator\": ");
        json_put_string(b, f->indicator);
        buf_printf(b, ", \"item\": %ld, \"file\": ", f->item);
        json_put_string(b, f->file->written);
        buf_puts(b, ", \"mime\": ");
        json_put_string(b, f->file->mime);
        buf_printf(b, ", \"size\": %zu, \"sha256\": \"%s\"}", f->len, f->sha);
    }
    buf_puts(b, "\n  ]");
}
