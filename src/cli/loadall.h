/* loadall.h - reading and loading a list of sources on several threads,
 * for archive: each worker thread keeps one context (the loader compiles
 * its RELAX NG schema once per context), each source reports into a
 * context of its own, and the reports are moved into the caller's context
 * in source order, so the messages are those of a one-thread loop. */
#ifndef RG_CLI_LOADALL_H
#define RG_CLI_LOADALL_H

#include "cli/sources.h"
#include "raingan.h"

typedef struct cli_loaded {
    size_t n;
    rg_source_bytes *bytes;  /* n: name, data, length (NULL data when unread) */
    rg_document **docs;      /* n: NULL when the source did not load */
    rg_context **ctxs;       /* the workers' contexts: they own data and docs */
    int nctxs;
} cli_loaded;

/* Read and load every source of src on up to `threads` threads (0: one
 * per core).  Diagnostics go to ctx in source order.  Returns the number
 * of sources that failed (unreadable or with errors), or -1 when out of
 * memory; free out with cli_loaded_free in every case. */
long cli_load_all(rg_context *ctx, const cli_sources *src, int threads, cli_loaded *out);
void cli_loaded_free(cli_loaded *l);

#endif
