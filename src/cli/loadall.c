/* loadall.c - sources read and loaded on worker threads (see loadall.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/loadall.h"
#include "cli/common.h"
#include "util/context.h"
#include "util/fileio.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct job {
    const cli_sources *src;
    cli_loaded *out;
    rg_context **reports;   /* per source: its diagnostics until moved */
    atomic_size_t next;     /* next source to take */
} job;

typedef struct worker {
    job *j;
    rg_context *ctx;        /* loads with it; owns what it loaded */
} worker;

static void *work(void *p)
{
    worker *w = p;
    job *j = w->j;
    for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->src->n;) {
        const char *path = j->src->paths[i];
        char *data = NULL;
        size_t len = 0;
        if (file_read_all(w->ctx, path, 64u << 20, &data, &len) == RG_OK) {
            j->out->bytes[i] = (rg_source_bytes){path, data, len};
            j->out->docs[i] = rg_document_load_memory(w->ctx, path, data, len);
        }
        /* This source's reports wait in a context of their own. */
        j->reports[i] = rg_context_new();
        if (j->reports[i])
            context_move_diagnostics(j->reports[i], w->ctx);
    }
    return NULL;
}

long cli_load_all(rg_context *ctx, const cli_sources *src, int threads, cli_loaded *out)
{
    memset(out, 0, sizeof *out);
    if (threads <= 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
    }
    if ((size_t)threads > src->n)
        threads = src->n ? (int)src->n : 1;
    out->n = src->n;
    out->bytes = calloc(src->n ? src->n : 1, sizeof *out->bytes);
    out->docs = calloc(src->n ? src->n : 1, sizeof *out->docs);
    out->ctxs = calloc((size_t)threads, sizeof *out->ctxs);
    job j = {src, out, calloc(src->n ? src->n : 1, sizeof *j.reports), 0};
    worker *ws = calloc((size_t)threads, sizeof *ws);
    if (!out->bytes || !out->docs || !out->ctxs || !j.reports || !ws) {
        free(j.reports);
        free(ws);
        return -1;
    }
    for (int i = 0; i < threads; i++) {
        ws[i] = (worker){&j, out->ctxs[i] = rg_context_new()};
        if (!ws[i].ctx) {
            free(j.reports);
            free(ws);
            return -1;
        }
        out->nctxs = i + 1;
    }
    cli_run_threads(threads, work, ws, sizeof *ws);

    long failed = 0;
    for (size_t i = 0; i < src->n; i++) {
        if (j.reports[i])
            context_move_diagnostics(ctx, j.reports[i]);
        else
            ctx->out_of_memory = 1;
        rg_context_free(j.reports[i]);
        failed += !out->docs[i];
    }
    free(j.reports);
    free(ws);
    return failed;
}

void cli_loaded_free(cli_loaded *l)
{
    for (size_t i = 0; l->docs && i < l->n; i++)
        rg_document_free(l->docs[i]);
    /* Every buffer came from the libc allocator of one of the contexts. */
    for (size_t i = 0; l->bytes && i < l->n; i++)
        if (l->ctxs && l->nctxs)
            rg_free(l->ctxs[0], (void *)l->bytes[i].data);
    for (int i = 0; i < l->nctxs; i++)
        rg_context_free(l->ctxs[i]);
    free(l->bytes);
    free(l->docs);
    free(l->ctxs);
    memset(l, 0, sizeof *l);
}
