/* fuzz_engine.h - the engine and context shared by one fuzz target's runs.
 *
 * The engine (fonts, word list, templates) is built once, as a server
 * would; one context is reused across inputs so the per-thread text state
 * (ICU and libthai breakers, HarfBuzz buffer) is not rebuilt for every
 * input, which would make the targets ten times slower.  Each target clears
 * the context's diagnostics after every input. */
#ifndef RG_FUZZ_ENGINE_H
#define RG_FUZZ_ENGINE_H

#include "raingan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static rg_engine *engine;
static rg_context *ctx;

/* Create ctx and engine from $RAINGAN_DATA_DIR (unset: the build's source
 * folder); exit with a message naming who when that fails. */
static void fuzz_engine_init(const char *who)
{
    ctx = rg_context_new();
    rg_engine_options opts;
    memset(&opts, 0, sizeof opts);
    opts.data_dir = getenv("RAINGAN_DATA_DIR");
    engine = ctx ? rg_engine_new(ctx, &opts) : NULL;
    if (!engine) {
        fprintf(stderr, "%s: cannot create the engine (set RAINGAN_DATA_DIR)\n", who);
        exit(1);
    }
    rg_context_clear_diagnostics(ctx);
}

#endif
