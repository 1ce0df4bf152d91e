/* load.c - the public entry points: rg_document_load(_memory).
 *
 * Design: a load is check bytes -> parse -> validate (xml.c) -> build
 * (build.c) -> semantic checks (model/check.c).  It keeps going after
 * errors wherever the next step can still say something true, so one run
 * reports every problem of the file; it stops only when there is no tree
 * (not well-formed, refused DOCTYPE, bad bytes).  A document is returned
 * only when no error was reported; warnings never fail a load. */
#include "load/load.h"

#include "util/fileio.h"

#include <libxml/parser.h>
#include <string.h>

rg_document *rg_document_load_memory_with(rg_context *ctx, const char *name, const char *data,
                                          size_t len, const rg_load_options *opts)
{
    if (!ctx)
        return NULL;
    rg_loader L;
    memset(&L, 0, sizeof L);
    L.ctx = ctx;
    L.files_root = opts ? opts->files_root : NULL;
    L.folder = opts ? opts->folder : NULL;
    L.given = opts ? opts->files : NULL;
    L.ngiven = opts && opts->files ? opts->nfiles : 0;
    L.file = name ? name : "<memory>";
    L.data = data ? data : "";
    L.len = data ? len : 0;
    loader_parse(&L);
    rg_document *doc = NULL;
    rg_pos none = {0, 0}; /* not a compound literal in the call: xgettext counts its comma */
    if (L.doc) {
        doc = loader_build(&L);
        if (!doc)
            loader_diag(&L, RG_ERROR, "nomem", none, "out of memory building the model");
        else if (model_check(ctx, doc) > 0)
            L.errors++;
        xmlFreeDoc(L.doc);
    }
    rg_free(ctx, L.lines);
    rg_free(ctx, L.files); /* left only when building stopped early */
    rg_free(ctx, L.points);
    rg_free(ctx, L.explained);
    xmlFreeDoc(L.rng);
    if (ctx->out_of_memory && doc) {
        rg_diag(ctx, RG_ERROR, "nomem", L.file, 0, 0, NULL, "out of memory loading the report");
        L.errors++;
    }
    if (L.errors && doc) {
        rg_document_free(doc);
        doc = NULL;
    }
    return doc;
}

rg_document *rg_document_load_memory(rg_context *ctx, const char *name, const char *data,
                                     size_t len)
{
    return rg_document_load_memory_with(ctx, name, data, len, NULL);
}

rg_document *rg_document_load(rg_context *ctx, const char *path)
{
    return rg_document_load_with(ctx, path, NULL);
}

rg_document *rg_document_load_with(rg_context *ctx, const char *path, const rg_load_options *opts)
{
    if (!ctx || !path)
        return NULL;
    char *data = NULL;
    size_t len = 0;
    if (file_read_all(ctx, path, RG_MAX_SOURCE_SIZE, &data, &len) != RG_OK)
        return NULL;
    rg_document *doc = rg_document_load_memory_with(ctx, path, data, len, opts);
    rg_free(ctx, data);
    return doc;
}
