/* engine.c - the shared, read-only engine: the data folder and the text
 * stage's resources.
 *
 * Design: everything expensive to load and safe to share is created once
 * per process: the text resources (text/textres.c: fonts with their
 * HarfBuzz faces, the word list, libthai's dictionary).  What may not be
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

#include "util/i18n.h"

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

/* ==== font families ======================================================
 *
 * A family (a template's <fonts family>, --family) is looked up once per
 * engine: Sarabun, the font raingan ships, in the data folder; any other
 * through fontconfig (text/fontfind.c), whose configuration the engine
 * owns and makes only when a family is first named, so the default fonts
 * never wait for it.  A template's family becomes a variant of the
 * engine's text resources (its faces; the word list, dictionary and
 * fallback shared), kept until the engine is freed, so preview --watch,
 * batch and serve load it once.  Everything here runs under eng->lock. */

static const char *const sarabun_files[4] = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf",
                                             "Sarabun-Italic.ttf", "Sarabun-BoldItalic.ttf"};

/* The engine's fontconfig finder, made on first use; NULL, reported to
 * ctx, when fontconfig cannot load its configuration. */
static rg_fontfind *finder(rg_engine *eng, rg_context *ctx)
{
    if (!eng->finder) {
        eng->finder = fontfind_new(eng->own);
        if (!eng->finder)
            context_move_diagnostics(ctx, eng->own);
    }
    return eng->finder;
}

/* The file of family's face for role, a new string of eng->own; NULL when
 * the family is not installed (nothing reported) or fontconfig cannot be
 * loaded (reported to ctx). */
static char *family_face(rg_engine *eng, rg_context *ctx, const char *family, rg_face_role role)
{
    if (fontfind_same_family(family, "Sarabun")) {
        char p[PATH_MAX + 64];
        snprintf(p, sizeof p, "%s/fonts/%s", eng->data_dir, sarabun_files[role]);
        return rg_strdup(eng->own, p);
    }
    return finder(eng, ctx) ? fontfind_face(eng->finder, eng->own, family, role) : NULL;
}

void engine_family_missing(rg_context *ctx, const char *family, const char *file, rg_pos pos)
{
    rg_diag(ctx, RG_ERROR, "font-family", file, pos.line, pos.col,
            N_("'fc-list : family' lists the installed families; install the family (Debian: "
               "fonts-noto-core, fonts-tlwg-laksaman-ttf ...) or give its file with --font FILE"),
            "the font family '%s' is not installed (fontconfig does not know it)", family);
}

/* The files of family's four faces into paths (strings of eng->own, freed
 * with free_paths).  0, or -1 when it is not installed (reported at file:pos). */
static int family_paths(rg_engine *eng, rg_context *ctx, const char *family, const char *file,
                        rg_pos pos, char *paths[4])
{
    for (int i = 0; i < 4; i++)
        paths[i] = family_face(eng, ctx, family, (rg_face_role)i);
    if (paths[0])
        return 0;
    if (eng->finder)
        engine_family_missing(ctx, family, file, pos);
    return -1;
}

static void free_paths(rg_engine *eng, char *paths[4])
{
    for (int i = 0; i < 4; i++) {
        rg_free(eng->own, paths[i]);
        paths[i] = NULL;
    }
}

enum { MAX_COMPANIONS = 4 };

/* The chain fontconfig defines for family_name: the families its
 * configuration's aliases give it (fontfind_aliases), then the one the
 * companion rule gives (Noto Sans for Noto Sans Thai), each installed and
 * once, into names (strings of eng->own); how many.  -1 when fontconfig
 * cannot be loaded (reported). */
static int default_chain(rg_engine *eng, rg_context *ctx, const char *family_name,
                         char *names[MAX_COMPANIONS])
{
    if (!finder(eng, ctx))
        return -1;
    size_t n = fontfind_aliases(eng->finder, eng->own, family_name, names, MAX_COMPANIONS);
    char comp[256];
    int dup = 0;
    if (n < MAX_COMPANIONS && fontfind_companion(family_name, comp, sizeof comp)) {
        for (size_t k = 0; k < n; k++)
            dup |= fontfind_same_family(names[k], comp);
        char *path = dup ? NULL : fontfind_face(eng->finder, eng->own, comp, FACE_REGULAR);
        if (path) {
            rg_free(eng->own, path);
            names[n] = rg_strdup(eng->own, comp);
            n += names[n] != NULL;
        }
    }
    return (int)n;
}

/* Give tr's faces their companions: each named fallback (a template's
 * fallback=, reported at file:pos when not installed), or, when none is
 * named, the chain fontconfig defines for family_name (default_chain).
 * Returns RG_OK or an error. */
static rg_status add_companions(rg_engine *eng, rg_context *ctx, rg_textres *tr,
                                const char *family_name, const char *const *fallbacks,
                                size_t nfallbacks, const char *file, rg_pos pos)
{
    char *paths[4] = {0};
    if (!nfallbacks) {
        char *names[MAX_COMPANIONS] = {0};
        int n = default_chain(eng, ctx, family_name, names);
        rg_status st = n < 0 ? RG_ERR_FONT : RG_OK;
        for (int k = 0; k < n && st == RG_OK; k++) {
            for (int i = 0; i < 4; i++)
                paths[i] = family_face(eng, ctx, names[k], (rg_face_role)i);
            if (paths[0])
                st = textres_add_companion(tr, ctx, (const char *const *)paths);
            free_paths(eng, paths);
        }
        for (int k = 0; k < MAX_COMPANIONS; k++)
            rg_free(eng->own, names[k]);
        return st;
    }
    for (size_t k = 0; k < nfallbacks; k++) {
        if (family_paths(eng, ctx, fallbacks[k], file, pos, paths)) {
            free_paths(eng, paths);
            return eng->finder ? RG_ERR_INVALID : RG_ERR_FONT;
        }
        rg_status st = textres_add_companion(tr, ctx, (const char *const *)paths);
        free_paths(eng, paths);
        if (st != RG_OK)
            return st;
    }
    return RG_OK;
}

/* The text resources of template t's family, loaded on first use and kept
 * by the engine (borrowed).  NULL with *st set and the problem in ctx. */
static const rg_textres *template_text(rg_engine *eng, rg_context *ctx, const rg_template *t,
                                       rg_status *st)
{
    rg_buf key;
    buf_init(&key, ctx);
    buf_puts(&key, t->family);
    for (size_t i = 0; i < t->nfallbacks; i++) {
        buf_putc(&key, '\n');
        buf_puts(&key, t->fallbacks[i]);
    }
    const char *k = key.data ? key.data : "";
    pthread_mutex_lock(&eng->lock);
    rg_textres *tr = NULL;
    for (size_t i = 0; i < eng->nfamilies && !tr; i++)
        if (!strcmp(eng->families[i].key, k))
            tr = eng->families[i].text;
    *st = RG_OK;
    char *paths[4] = {0};
    if (!tr && key.failed) {
        *st = RG_ERR_NOMEM;
    } else if (!tr && family_paths(eng, ctx, t->family, t->file, t->family_pos, paths)) {
        *st = eng->finder ? RG_ERR_INVALID : RG_ERR_FONT;
    } else if (!tr) {
        rg_textres_options to = {eng->data_dir, {paths[0], paths[1], paths[2], paths[3]},
                                 NULL, NULL, 0, eng->text};
        tr = textres_new(eng->own, ctx, &to);
        *st = !tr ? RG_ERR_FONT
                  : add_companions(eng, ctx, tr, t->family, t->fallbacks, t->nfallbacks, t->file,
                                   t->fallback_pos);
        char *kc = *st == RG_OK ? rg_strdup(eng->own, k) : NULL;
        if (*st == RG_OK && (!kc || rg_grow(eng->own, (void **)&eng->families,
                                            &eng->capfamilies, eng->nfamilies + 1,
                                            sizeof *eng->families)))
            *st = RG_ERR_NOMEM;
        if (*st != RG_OK) {
            textres_free(tr);
            rg_free(eng->own, kc);
            tr = NULL;
        } else {
            eng->families[eng->nfamilies++] = (rg_engine_family){kc, tr};
        }
    }
    free_paths(eng, paths);
    pthread_mutex_unlock(&eng->lock);
    buf_free(&key);
    return tr;
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
    pthread_mutex_init(&eng->lock, NULL);
    eng->data_dir = find_data_dir(own, opts->data_dir);
    if (!eng->data_dir) {
        rg_engine_free(eng);
        return NULL;
    }
    /* --family: its faces, where no file is given for the role. */
    char *paths[4] = {0};
    if (opts->font_family && family_paths(eng, ctx, opts->font_family, NULL, (rg_pos){0, 0},
                                          paths)) {
        free_paths(eng, paths);
        rg_engine_free(eng);
        return NULL;
    }
    const char *given[4] = {opts->font_regular, opts->font_bold, opts->font_italic,
                            opts->font_bold_italic};
    rg_textres_options to = {eng->data_dir,
                             {given[0] ? given[0] : paths[0], given[1] ? given[1] : paths[1],
                              given[2] ? given[2] : paths[2], given[3] ? given[3] : paths[3]},
                             opts->font_fallback,
                             opts->word_files,
                             opts->word_file_count,
                             NULL};
    eng->text = textres_new(own, ctx, &to);
    free_paths(eng, paths);
    /* A font of the user's whose family has a companion (Noto Sans Thai's
     * Latin is Noto Sans's) gets it when installed; Sarabun has its own
     * Latin, and the default fonts never ask fontconfig. */
    if (!eng->text ||
        ((opts->font_regular || opts->font_family) &&
         add_companions(eng, ctx, eng->text, font_family(textres_face(eng->text, FACE_REGULAR)),
                        NULL, 0, NULL, (rg_pos){0, 0}) != RG_OK)) {
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
    for (size_t i = 0; i < eng->nfamilies; i++) {
        textres_free(eng->families[i].text);
        rg_free(own, eng->families[i].key);
    }
    rg_free(own, eng->families);
    fontfind_free(eng->finder);
    pthread_mutex_destroy(&eng->lock);
    textres_free(eng->text);
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
                            size_t ndocs, int archive, rg_layout_res *res)
{
    *res = (rg_layout_res){eng->text, {0}, NULL, ctx};
    rg_status st = templates_load(ctx, eng->data_dir, docs, ndocs, archive, &res->templates);
    for (size_t i = 0; st == RG_OK && i < res->templates.n; i++) {
        const rg_template *t = res->templates.entries[i].t;
        if (!t || !t->family)
            continue;
        if (!res->tpl_text) {
            res->tpl_text = rg_calloc(ctx, res->templates.n, sizeof *res->tpl_text);
            if (!res->tpl_text)
                return RG_ERR_NOMEM;
        }
        /* The engine is shared read-only; its cache of families is the one
         * part that grows, under its lock. */
        res->tpl_text[i] = template_text((rg_engine *)eng, ctx, t, &st);
    }
    return st;
}

void engine_layout_res_free(rg_layout_res *res)
{
    if (res->tpl_text)
        rg_free(res->alloc, res->tpl_text);
    res->tpl_text = NULL;
    templates_free(&res->templates);
}

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
