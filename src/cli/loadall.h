/* loadall.h - reading and loading a list of sources on several threads,
 * for batch and archive: each worker thread keeps one context (the loader
 * compiles its RELAX NG schema once per context), and each source reports
 * into a context of its own, so the caller sees every source's messages
 * apart and in source order, as a one-thread loop would give them. */
#ifndef RG_CLI_LOADALL_H
#define RG_CLI_LOADALL_H

#include "cli/sources.h"
#include "raingan.h"

typedef struct cli_loaded {
    size_t n;
    rg_source_bytes *bytes;  /* n: name, data, length (data NULL when unread or not kept) */
    char (*sha)[65];         /* n: SHA-256 of each source's bytes, "" when unread */
    rg_document **docs;      /* n: NULL when the source did not load */
    rg_context **reports;    /* n: each source's diagnostics (NULL when out of memory) */
    unsigned char *ok;       /* n: cli_load_each: 1 when the source loaded and the hook
                                took it */
    rg_context **ctxs;       /* the workers' contexts: they own data and docs */
    int nctxs;
} cli_loaded;

/* Read and load every source of src on up to `threads` threads (0: one
 * per core).  keep_bytes: keep each source's bytes (an archive attaches
 * them); else they are freed once hashed and loaded.  Returns the number
 * of sources that failed (unreadable or with errors), or -1 when out of
 * memory; free out with cli_loaded_free in every case. */
long cli_load_all(const cli_sources *src, int threads, int keep_bytes, cli_loaded *out);
/* Called on a worker thread for source i once it has loaded (into doc,
 * from the len bytes at data, read from path, NULL for standard input;
 * name: its attachment name): it takes what it needs, since doc and data
 * are freed when it returns.  0, or -1 after reporting into ctx. */
typedef int (*cli_load_hook)(void *user, rg_context *ctx, size_t i, const rg_document *doc,
                             const char *name, const char *data, size_t len, const char *path);
/* cli_load_all handing each loaded source to hook instead of keeping it
 * (docs and bytes stay NULL; ok says which sources loaded and were taken):
 * memory holds a few documents at a time, not all of them. */
long cli_load_each(const cli_sources *src, int threads, cli_load_hook hook, void *user,
                   cli_loaded *out);
/* Move every source's diagnostics into ctx, in source order. */
void cli_loaded_report(rg_context *ctx, cli_loaded *l);
void cli_loaded_free(cli_loaded *l);

#endif
