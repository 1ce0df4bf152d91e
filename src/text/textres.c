/* textres.c - loading the text stage's shared resources (see textres.h).
 *
 * The dictionary starts loading first (it takes the longest and runs on
 * its own thread); fonts and word lists load meanwhile.  A font that does
 * not load is reported with its path and fails the whole set: text laid
 * out with a silently substituted font would not be the form. */
#define _POSIX_C_SOURCE 200809L
#include "text/textres.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

struct rg_textres {
    rg_context *own;       /* long-lived allocations */
    rg_font *faces[4];     /* indexed by rg_face_role; never NULL */
    rg_font *fallback;     /* for characters the faces lack */
    rg_wordlist *words;    /* sealed; shared by every thread's breaker */
    rg_thaidict *thai;     /* libthai's dictionary, shared; loads in the background */
    int borrowed;          /* words, thai and fallback belong to another textres */
};

/* Load path, or dir/fonts/file when path is NULL; problems to ctx. */
static rg_font *load_face(rg_textres *tr, rg_context *ctx, const char *dir, const char *path,
                          const char *file)
{
    char p[PATH_MAX + 64];
    if (!path) {
        snprintf(p, sizeof p, "%s/fonts/%s", dir, file);
        path = p;
    }
    rg_font *f = font_load(tr->own, path);
    if (!f) /* the reason goes to the caller's context */
        context_move_diagnostics(ctx, tr->own);
    return f;
}

rg_textres *textres_new(rg_context *own, rg_context *ctx, const rg_textres_options *opts)
{
    rg_textres *tr = rg_calloc(own, 1, sizeof *tr);
    if (!tr)
        return NULL;
    tr->own = own;
    if (opts->share) {
        tr->borrowed = 1;
        tr->words = opts->share->words;
        tr->thai = opts->share->thai;
        tr->fallback = opts->share->fallback;
    } else {
        tr->thai = thaidict_start(own);
    }
    if (!tr->thai) {
        textres_free(tr);
        return NULL;
    }
    static const char *files[4] = {"Sarabun-Regular.ttf", "Sarabun-Bold.ttf",
                                   "Sarabun-Italic.ttf", "Sarabun-BoldItalic.ttf"};
    for (int i = 0; i < 4; i++) {
        /* A custom regular font without custom variants serves every role. */
        if (i > 0 && opts->faces[0] && !opts->faces[i]) {
            tr->faces[i] = font_keep(tr->faces[0]);
            continue;
        }
        /* The same file for two roles (a family without italics): one font. */
        for (int j = 0; j < i && opts->faces[i] && !tr->faces[i]; j++)
            if (opts->faces[j] && !strcmp(opts->faces[i], opts->faces[j]))
                tr->faces[i] = font_keep(tr->faces[j]);
        if (tr->faces[i])
            continue;
        tr->faces[i] = load_face(tr, ctx, opts->dir, opts->faces[i], files[i]);
        if (!tr->faces[i]) {
            textres_free(tr);
            return NULL;
        }
    }
    if (tr->borrowed)
        return tr;
    tr->fallback = load_face(tr, ctx, opts->dir, opts->fallback, "DejaVuSans.ttf");
    if (!tr->fallback) {
        textres_free(tr);
        return NULL;
    }
    tr->words = wordlist_new(own);
    char wp[PATH_MAX + 64];
    snprintf(wp, sizeof wp, "%s/data/words.txt", opts->dir);
    if (!tr->words || wordlist_add_file(tr->words, ctx, wp) != RG_OK) {
        textres_free(tr);
        return NULL;
    }
    snprintf(wp, sizeof wp, "%s/data/titles.txt", opts->dir);
    if (wordlist_add_title_file(tr->words, ctx, wp) != RG_OK) {
        textres_free(tr);
        return NULL;
    }
    for (size_t i = 0; i < opts->word_file_count; i++)
        if (wordlist_add_file(tr->words, ctx, opts->word_files[i]) != RG_OK) {
            textres_free(tr);
            return NULL;
        }
    wordlist_seal(tr->words);
    return tr;
}

void textres_free(rg_textres *tr)
{
    if (!tr)
        return;
    for (int i = 0; i < 4; i++)
        font_drop(tr->faces[i]);
    if (!tr->borrowed) {
        font_drop(tr->fallback);
        wordlist_free(tr->words);
        thaidict_free(tr->thai);
    }
    rg_free(tr->own, tr);
}

rg_status textres_add_companion(rg_textres *tr, rg_context *ctx, const char *const paths[4])
{
    for (int i = 0; i < 4; i++) {
        int first = 1; /* the first role this face serves */
        for (int j = 0; j < i; j++)
            first &= tr->faces[j] != tr->faces[i];
        if (!first || !paths[i])
            continue;
        rg_font *c = load_face(tr, ctx, NULL, paths[i], NULL);
        if (!c)
            return RG_ERR_FONT;
        font_set_next(tr->faces[i], c);
    }
    return RG_OK;
}

rg_font *textres_face(const rg_textres *tr, rg_face_role role) { return tr->faces[role]; }

rg_font *textres_fallback(const rg_textres *tr) { return tr->fallback; }

rg_textstate *textres_state_new(const rg_textres *tr, rg_context *ctx)
{
    return textstate_new(ctx, tr->words, tr->thai);
}
