/* engine.c - the shared, read-only engine: fonts, word list, data folder.
 *
 * Design: everything expensive to load and safe to share lives here and is
 * created once per process (fonts with their HarfBuzz faces, the word
 * list, libthai's dictionary).  What may not be shared (the ICU break
 * iterator, the HarfBuzz buffer) is created once per thread and kept in
 * that thread's context.
 * The engine allocates through a private context made with the caller's
 * allocator, so it does not depend on the lifetime of the context that
 * created it.
 *
 * Finding data (the first that applies): an explicit data_dir, else
 * $RAINGAN_DATA_DIR, else the source tree when the program runs from the
 * build folder, else share/raingan found relative to the shared library
 * (lib/../share/raingan) or to the program (bin/../share/raingan), so an
 * install can be moved anywhere; else the data folder of the prefix chosen
 * at build time (a program linked with the static library). */
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

static char *find_data_dir(rg_context *ctx, const char *explicit_dir)
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
    return rg_strdup(ctx, RG_DATADIR);
}

static rg_font *load_face(rg_engine *eng, rg_context *ctx, const char *path, const char *file)
{
    char p[PATH_MAX + 64];
    if (!path) {
        snprintf(p, sizeof p, "%s/fonts/%s", eng->data_dir, file);
        path = p;
    }
    rg_font *f = font_load(eng->own, path);
    if (!f) /* the reason goes to the caller's context */
        context_move_diagnostics(ctx, eng->own);
    return f;
}

rg_engine *rg_engine_new(rg_context *ctx, const rg_engine_options *opts)
{
    rg_engine_options none;
    memset(&none, 0, sizeof none);
    if (!opts)
        opts = &none;
    rg_context *own = rg_context_new_with_allocator(&ctx->alloc);
    if (!own)
        return NULL;
    rg_engine *eng = rg_calloc(own, 1, sizeof *eng);
    if (!eng) {
        rg_context_free(own);
        return NULL;
    }
    eng->own = own;
    /* The dictionary loads on its own thread while the fonts load here. */
    eng->thai = thaidict_start(own);
    eng->data_dir = find_data_dir(own, opts->data_dir);
    if (!eng->thai || !eng->data_dir) {
        rg_engine_free(eng);
        return NULL;
    }
    const char *paths[4] = {opts->font_regular, opts->font_bold, opts->font_italic,
                            opts->font_bold_italic};
    static const char *files[4] = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf",
                                   "Sarabun-Italic.ttf", "Sarabun-BoldItalic.ttf"};
    for (int i = 0; i < 4; i++) {
        /* A custom regular font without custom variants serves every role. */
        if (i > 0 && opts->font_regular && !paths[i]) {
            eng->faces[i] = font_keep(eng->faces[0]);
            continue;
        }
        eng->faces[i] = load_face(eng, ctx, paths[i], files[i]);
        if (!eng->faces[i]) {
            rg_engine_free(eng);
            return NULL;
        }
    }
    eng->fallback = load_face(eng, ctx, opts->font_fallback, "DejaVuSans.ttf");
    if (!eng->fallback) {
        rg_engine_free(eng);
        return NULL;
    }

    eng->words = wordlist_new(own);
    char wp[PATH_MAX + 64];
    snprintf(wp, sizeof wp, "%s/data/words.txt", eng->data_dir);
    if (!eng->words || wordlist_add_file(eng->words, ctx, wp) != RG_OK) {
        rg_engine_free(eng);
        return NULL;
    }
    for (size_t i = 0; i < opts->word_file_count; i++)
        if (wordlist_add_file(eng->words, ctx, opts->word_files[i]) != RG_OK) {
            rg_engine_free(eng);
            return NULL;
        }
    wordlist_seal(eng->words);
    return eng;
}

void rg_engine_free(rg_engine *eng)
{
    if (!eng)
        return;
    rg_context *own = eng->own;
    for (int i = 0; i < 4; i++)
        font_drop(eng->faces[i]);
    font_drop(eng->fallback);
    wordlist_free(eng->words);
    thaidict_free(eng->thai);
    rg_free(own, eng->data_dir);
    rg_free(own, eng);
    rg_context_free(own);
}

const char *rg_engine_data_dir(const rg_engine *eng) { return eng->data_dir; }

rg_font *engine_face(const rg_engine *eng, rg_face_role role) { return eng->faces[role]; }

static void free_textstate(void *p) { textstate_free(p); }

rg_textstate *engine_textstate(const rg_engine *eng, rg_context *ctx)
{
    if (ctx->cache && ctx->cache_owner == eng)
        return ctx->cache;
    if (ctx->cache && ctx->cache_free)
        ctx->cache_free(ctx->cache);
    ctx->cache = textstate_new(ctx, eng->words, eng->thai);
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
