/* test_fontfind.c - font families through fontconfig (text/fontfind.c)
 * and the engine's cache of a template's family (api/engine.c): names
 * compared as fontconfig compares them, each role's nearest face of real
 * installed families (Debian's TLWG Laksaman and Noto Sans Thai, from
 * scripts/install-deps.sh), the companion rule, nothing for a family that
 * is not installed, and one load of a family however many threads ask for
 * it at once. */
#define _DEFAULT_SOURCE /* mkdtemp, symlink */
#include "testhelp.h"

#include "api/engine.h"
#include "layout/document.h"
#include "raingan.h"
#include "text/fontfind.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TLWG "/usr/share/fonts/truetype/tlwg/"
#define NOTO "/usr/share/fonts/truetype/noto/"

static int is(char *got, const char *want)
{
    int r = got && !strcmp(got, want);
    if (!r)
        printf("  got %s, want %s\n", got ? got : "(null)", want);
    return r;
}

static void names(void)
{
    char out[64];
    test_cond("companion of 'Noto Sans Thai' is 'Noto Sans'",
              fontfind_companion("Noto Sans Thai", out, sizeof out) && !strcmp(out, "Noto Sans"));
    test_cond("companion of 'Noto Serif Thai UI' is 'Noto Serif UI'",
              fontfind_companion("Noto Serif Thai UI", out, sizeof out) &&
                  !strcmp(out, "Noto Serif UI"));
    test_cond("'Laksaman' has no companion (no word Thai)",
              !fontfind_companion("Laksaman", out, sizeof out) && !*out);
    test_cond("'Thai' alone has no companion", !fontfind_companion("Thai", out, sizeof out));
    test_cond("'Thaiphoon' has no companion (Thai is not a word of it)",
              !fontfind_companion("Thaiphoon", out, sizeof out));
    test_cond("a companion too long for out is none",
              !fontfind_companion("Noto Sans Thai", out, 5));
    test_cond("'th sarabunnew' and 'TH Sarabun New' are one family",
              fontfind_same_family("th sarabunnew", "TH Sarabun New"));
    test_cond("'Loma' and 'Lomax' are not", !fontfind_same_family("Loma", "Lomax"));
}

static void faces(rg_context *ctx)
{
    rg_fontfind *ff = fontfind_new(ctx);
    test_cond("fontconfig loads a configuration of its own", ff != NULL);
    if (!ff)
        return;
    static const char *lak[4] = {TLWG "Laksaman.ttf", TLWG "Laksaman-Bold.ttf",
                                 TLWG "Laksaman-Italic.ttf", TLWG "Laksaman-BoldItalic.ttf"};
    static const char *role[4] = {"regular", "bold", "italic", "bold italic"};
    for (int i = 0; i < 4; i++) {
        char d[160];
        snprintf(d, sizeof d, "Laksaman's %s face is %s", role[i], strrchr(lak[i], '/') + 1);
        char *p = fontfind_face(ff, ctx, "Laksaman", (rg_face_role)i);
        test_cond(d, is(p, lak[i]));
        rg_free(ctx, p);
    }
    char *p = fontfind_face(ff, ctx, "laksaman", FACE_BOLD);
    test_cond("'laksaman' (lower case) finds Laksaman-Bold.ttf", is(p, lak[1]));
    rg_free(ctx, p);
    p = fontfind_face(ff, ctx, "Noto Sans Thai", FACE_ITALIC);
    test_cond("Noto Sans Thai has no italic: its italic role takes the regular face",
              is(p, NOTO "NotoSansThai-Regular.ttf"));
    rg_free(ctx, p);
    p = fontfind_face(ff, ctx, "Noto Sans Thai", FACE_BOLD_ITALIC);
    test_cond("... and its bold italic role the bold face", is(p, NOTO "NotoSansThai-Bold.ttf"));
    rg_free(ctx, p);
    p = fontfind_face(ff, ctx, "Noto Snas Thai", FACE_REGULAR);
    test_cond("a family that is not installed finds nothing (no substitute)", p == NULL);
    rg_free(ctx, p);
    p = fontfind_face(ff, ctx, "", FACE_REGULAR);
    test_cond("an empty name finds nothing", p == NULL);
    char *al[4] = {0};
    size_t n = fontfind_aliases(ff, ctx, "Laksaman", al, 4);
    test_cond("Debian's configuration gives Laksaman no aliases of its own (the generic "
              "sans-serif list is every name's)",
              n == 0);
    for (size_t i = 0; i < n; i++)
        rg_free(ctx, al[i]);
    fontfind_free(ff);
}

/* ---- the engine: one load of a template's family, from many threads -------- */

typedef struct asker {
    const rg_engine *eng;
    const rg_document *doc;
    const rg_textres *got; /* the text resources of the indicator template */
    rg_status st;
} asker;

static void *ask(void *p)
{
    asker *a = p;
    rg_context *ctx = rg_context_new();
    rg_layout_res res;
    const rg_document *docs[1] = {a->doc};
    a->st = engine_layout_res(a->eng, ctx, docs, 1, 0, &res);
    const rg_template *t = templates_find(&res.templates, "indicator");
    a->got = t ? layout_res_text(&res, t) : NULL;
    engine_layout_res_free(&res);
    rg_context_free(ctx);
    return NULL;
}

static void engine_family(rg_context *ctx)
{
    char dir[200];
    test_scratch(dir, sizeof dir, "rg-fontfind");
    if (!mkdtemp(dir)) {
        test_cond("a temporary data folder", 0);
        return;
    }
    char p[256], line[1024];
    snprintf(p, sizeof p, "%s/fonts", dir);
    int ok = symlink(RG_SOURCE_DIR "/fonts", p) == 0;
    snprintf(p, sizeof p, "%s/data", dir);
    ok &= symlink(RG_SOURCE_DIR "/data", p) == 0;
    snprintf(p, sizeof p, "%s/templates", dir);
    ok &= mkdir(p, 0700) == 0;
    const char *names[] = {"indicator", "summary"};
    for (int i = 0; i < 2 && ok; i++) {
        char src[256];
        snprintf(src, sizeof src, RG_SOURCE_DIR "/templates/%s.xml", names[i]);
        snprintf(p, sizeof p, "%s/templates/%s.xml", dir, names[i]);
        FILE *in = fopen(src, "r"), *out = fopen(p, "w");
        while (in && out && fgets(line, sizeof line, in)) {
            char *f = i == 0 ? strstr(line, "<fonts ") : NULL;
            if (f)
                fprintf(out, "%.*s<fonts family=\"Laksaman\" %s", (int)(f - line), line, f + 7);
            else
                fputs(line, out);
        }
        ok &= in && out;
        if (in)
            fclose(in);
        if (out)
            fclose(out);
    }
    test_cond("a data folder whose indicator template names family=\"Laksaman\"", ok);
    rg_engine_options o;
    memset(&o, 0, sizeof o);
    o.data_dir = dir;
    rg_engine *eng = rg_engine_new(ctx, &o);
    rg_document *doc = rg_document_load(ctx, RG_SOURCE_DIR "/samples/indicators-2562.xml");
    test_cond("the engine and the sample load", eng && doc);
    if (eng && doc) {
        test_cond("no family is loaded before a template names one", eng->nfamilies == 0);
        enum { N = 6 };
        asker a[N];
        pthread_t th[N];
        for (int i = 0; i < N; i++) {
            a[i] = (asker){eng, doc, NULL, RG_ERR_NOMEM};
            pthread_create(&th[i], NULL, ask, &a[i]);
        }
        for (int i = 0; i < N; i++)
            pthread_join(th[i], NULL);
        int same = 1;
        for (int i = 0; i < N; i++)
            same &= a[i].st == RG_OK && a[i].got == a[0].got;
        test_cond("six threads asking at once all get the family's text resources", same);
        test_cond("... one set, loaded once (the engine keeps one family)",
                  eng->nfamilies == 1 && a[0].got == eng->families[0].text);
        test_cond("... not the engine's own (Sarabun)", a[0].got && a[0].got != eng->text);
        const rg_textres *tr = a[0].got;
        test_cond("... whose regular face is Laksaman.ttf and bold Laksaman-Bold.ttf",
                  tr && !strcmp(font_path(textres_face(tr, FACE_REGULAR)), TLWG "Laksaman.ttf") &&
                      !strcmp(font_path(textres_face(tr, FACE_BOLD)), TLWG "Laksaman-Bold.ttf"));
        test_cond("... sharing the engine's fallback font",
                  tr && textres_fallback(tr) == textres_fallback(eng->text));
        asker again = {eng, doc, NULL, RG_ERR_NOMEM};
        ask(&again);
        test_cond("a later render reuses it", again.got == a[0].got && eng->nfamilies == 1);
    }
    rg_document_free(doc);
    rg_engine_free(eng);
    snprintf(line, sizeof line, "rm -rf '%s'", dir);
    test_cond("the temporary folder is removed", system(line) == 0);
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    names();
    faces(ctx);
    engine_family(ctx);
    rg_context_free(ctx);
    return test_report();
}
