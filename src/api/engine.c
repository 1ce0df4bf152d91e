/* engine.c - the shared, read-only engine: the data folder and the text
 * stage's resources.
 *
 * Design: everything expensive to load and safe to share is created once
 * per process: the text resources (text/textres.c: fonts with their
 * HarfBuzz faces, the word list, libthai's dictionary) and the data
 * folder's form templates (load/template.c: borrowed by every render while
 * their files are unchanged).  What may not be
 * shared (the ICU break iterator, the HarfBuzz buffer, the shaping cache)
 * is a text state, created once per thread and kept in that thread's
 * context, so a batch of renders on one context reuses its cache; api/
 * hands it to layout as an argument.
 * The engine allocates through a private context made with the caller's
 * allocator, so it does not depend on the lifetime of the context that
 * created it.
 *
 * Finding data (the first that applies): an explicit data_dir, else
 * $RAINGAN_DATA_DIR, else the source tree when the program runs from the
 * build folder, else share/raingan found relative to the shared library
 * (lib/../share/raingan) or to the program (bin/../share/raingan), so an
 * install can be moved anywhere; else (a program linked with the static
 * library) the data folder of the prefix chosen at build time, else that
 * of the Debian package (/usr/share/raingan). */
#define _GNU_SOURCE /* dladdr */
#include "api/engine.h"

#include <dlfcn.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int has_fonts(const char *dir)
{
    char p[PATH_MAX + 128]; /* dir may be a PATH_MAX + 64 candidate */
    struct stat st;
    if (snprintf(p, sizeof p, "%s/fonts/Sarabun-Regular.ttf", dir) >= (int)sizeof p)
        return 0;
    return stat(p, &st) == 0;
}

/* dir (the folder of path, cut at its last '/') + "/" + rel into out;
 * 0 when it does not fit. */
static int beside(char *out, size_t size, const char *path, const char *rel)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return 0;
    int n = snprintf(out, size, "%.*s/%s", (int)(slash - path), path, rel);
    return n > 0 && (size_t)n < size;
}

char *find_data_dir(rg_context *ctx, const char *explicit_dir)
{
    if (explicit_dir)
        return rg_strdup(ctx, explicit_dir);
    const char *env = getenv("RAINGAN_DATA_DIR");
    if (env && *env)
        return rg_strdup(ctx, env);
    char exe[PATH_MAX], cand[PATH_MAX + 64];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    /* A program of the build folder uses the tree it was built from. */
    size_t bl = strlen(RG_BUILD_DIR);
    if (n > 0 && !strncmp(exe, RG_BUILD_DIR, bl) && exe[bl] == '/')
        return rg_strdup(ctx, RG_SOURCE_DATADIR);
    /* The shared object this code is in, when it is not the program. */
    Dl_info info;
    char lib[PATH_MAX];
    if (dladdr((void *)find_data_dir, &info) && info.dli_fname &&
        realpath(info.dli_fname, lib) && strcmp(lib, exe) &&
        beside(cand, sizeof cand, lib, RG_LIB_TO_DATA) && has_fonts(cand))
        return rg_strdup(ctx, cand);
    if (n > 0 && beside(cand, sizeof cand, exe, RG_BIN_TO_DATA) && has_fonts(cand))
        return rg_strdup(ctx, cand);
    if (!has_fonts(RG_DATADIR) && has_fonts(RG_PACKAGE_DATADIR))
        return rg_strdup(ctx, RG_PACKAGE_DATADIR);
    return rg_strdup(ctx, RG_DATADIR);
}

rg_engine *rg_engine_new(rg_context *ctx, const rg_engine_options *opts)
{
    rg_engine_options none;
    memset(&none, 0, sizeof none);
    if (!opts)
        opts = &none;
    rg_context *own = context_new_child(ctx);
    if (!own)
        return NULL;
    rg_engine *eng = rg_calloc(own, 1, sizeof *eng);
    if (!eng) {
        rg_context_free(own);
        return NULL;
    }
    eng->own = own;
    eng->data_dir = find_data_dir(own, opts->data_dir);
    if (!eng->data_dir) {
        rg_engine_free(eng);
        return NULL;
    }
    rg_textres_options to = {eng->data_dir,
                             {opts->font_regular, opts->font_bold, opts->font_italic,
                              opts->font_bold_italic},
                             opts->font_fallback,
                             opts->word_files,
                             opts->word_file_count};
    eng->text = textres_new(own, ctx, &to);
    if (!eng->text || templates_preload(own, eng->data_dir, &eng->templates) != RG_OK) {
        rg_engine_free(eng);
        return NULL;
    }
    return eng;
}

void rg_engine_free(rg_engine *eng)
{
    if (!eng)
        return;
    rg_context *own = eng->own;
    textres_free(eng->text);
    templates_free(&eng->templates);
    rg_free(own, eng->data_dir);
    rg_free(own, eng);
    rg_context_free(own);
}

const char *rg_engine_data_dir(const rg_engine *eng) { return eng->data_dir; }

rg_font *engine_face(const rg_engine *eng, rg_face_role role)
{
    return textres_face(eng->text, role);
}

rg_status engine_layout_res(const rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            size_t ndocs, const char *also, rg_layout_res *res)
{
    *res = (rg_layout_res){eng->text, {0}};
    return templates_load(ctx, eng->data_dir, docs, ndocs, also, &eng->templates,
                          &res->templates);
}

void engine_layout_res_free(rg_layout_res *res) { templates_free(&res->templates); }

static void free_textstate(void *p) { textstate_free(p); }

rg_textstate *engine_textstate(const rg_engine *eng, rg_context *ctx)
{
    if (ctx->cache && ctx->cache_owner == eng)
        return ctx->cache;
    if (ctx->cache && ctx->cache_free)
        ctx->cache_free(ctx->cache);
    ctx->cache = textres_state_new(eng->text, ctx);
    ctx->cache_owner = ctx->cache ? eng : NULL;
    ctx->cache_free = free_textstate;
    return ctx->cache;
}

int rg_align_from_name(const char *name)
{
    static const char *names[] = {"left", "right", "center", "justify", "thai-distributed"};
    for (int i = 0; i < 5; i++)
        if (name && !strcmp(name, names[i]))
            return i;
    return -1;
}
