/* loadall.c - sources read and loaded on worker threads (see loadall.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/loadall.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "util/context.h"
#include "util/fileio.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct job {
    const cli_sources *src;
    cli_loaded *out;
    int keep_bytes;
    cli_load_hook hook;     /* or NULL: keep the documents */
    void *user;             /* the hook's */
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
    cli_loaded *out = j->out;
    for (size_t i; (i = atomic_fetch_add(&j->next, 1)) < j->src->n;) {
        const char *path = j->src->paths[i];
        char *data = NULL;
        size_t len = 0;
        int dash = cli_is_dash(path);
        out->bytes[i].name = dash ? "stdin.xml" : path;
        if (cli_read(w->ctx, path, 64u << 20, &data, &len) == RG_OK) {
            rg_sha256_hex(data, len, out->sha[i]);
            out->docs[i] = rg_document_load_memory_with(w->ctx, dash ? CLI_STDIN_NAME : path, data,
                                                        len, j->src->load);
            if (j->hook) { /* it takes what it needs; the rest goes now */
                out->ok[i] = out->docs[i] && j->hook(j->user, w->ctx, i, out->docs[i],
                                                     out->bytes[i].name, data, len,
                                                     dash ? NULL : path) == 0;
                rg_document_free(out->docs[i]);
                out->docs[i] = NULL;
                rg_free(w->ctx, data);
            } else if (j->keep_bytes) {
                out->bytes[i].data = data;
                out->bytes[i].len = len;
            } else {
                rg_free(w->ctx, data);
            }
        }
        /* This source's reports wait in a context of their own. */
        out->reports[i] = cli_context_new();
        if (out->reports[i])
            context_move_diagnostics(out->reports[i], w->ctx);
        else
            rg_context_clear_diagnostics(w->ctx);
    }
    return NULL;
}

static long load(const cli_sources *src, int threads, int keep_bytes, cli_load_hook hook,
                 void *user, cli_loaded *out)
{
    memset(out, 0, sizeof *out);
    if (threads <= 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus;
    }
    if ((size_t)threads > src->n)
        threads = src->n ? (int)src->n : 1;
    if (threads > 256)
        threads = 256;
    size_t n = src->n ? src->n : 1;
    out->n = src->n;
    out->bytes = calloc(n, sizeof *out->bytes);
    out->sha = calloc(n, sizeof *out->sha);
    out->docs = calloc(n, sizeof *out->docs);
    out->reports = calloc(n, sizeof *out->reports);
    out->ok = calloc(n, 1);
    out->ctxs = calloc((size_t)threads, sizeof *out->ctxs);
    worker *ws = calloc((size_t)threads, sizeof *ws);
    job j = {src, out, keep_bytes, hook, user, 0};
    if (!out->bytes || !out->sha || !out->docs || !out->reports || !out->ok || !out->ctxs ||
        !ws) {
        free(ws);
        return -1;
    }
    for (int i = 0; i < threads; i++) {
        ws[i] = (worker){&j, out->ctxs[i] = cli_context_new()};
        if (!ws[i].ctx) {
            free(ws);
            return -1;
        }
        out->nctxs = i + 1;
    }
    cli_run_threads(threads, work, ws, sizeof *ws);
    free(ws);
    long failed = 0;
    for (size_t i = 0; i < src->n; i++)
        failed += hook ? !out->ok[i] : !out->docs[i];
    return failed;
}

long cli_load_all(const cli_sources *src, int threads, int keep_bytes, cli_loaded *out)
{
    return load(src, threads, keep_bytes, NULL, NULL, out);
}

long cli_load_each(const cli_sources *src, int threads, cli_load_hook hook, void *user,
                   cli_loaded *out)
{
    return load(src, threads, 0, hook, user, out);
}

void cli_loaded_report(rg_context *ctx, cli_loaded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->reports[i])
            context_move_diagnostics(ctx, l->reports[i]);
        else
            ctx->out_of_memory = 1;
    }
}

void cli_loaded_free(cli_loaded *l)
{
    for (size_t i = 0; l->docs && i < l->n; i++)
        rg_document_free(l->docs[i]);
    /* Every buffer came from the libc allocator of one of the contexts. */
    for (size_t i = 0; l->bytes && l->nctxs && i < l->n; i++)
        rg_free(l->ctxs[0], (void *)l->bytes[i].data);
    for (size_t i = 0; l->reports && i < l->n; i++)
        rg_context_free(l->reports[i]);
    for (int i = 0; i < l->nctxs; i++)
        rg_context_free(l->ctxs[i]);
    free(l->bytes);
    free(l->sha);
    free(l->docs);
    free(l->reports);
    free(l->ok);
    free(l->ctxs);
    memset(l, 0, sizeof *l);
}
