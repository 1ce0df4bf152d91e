/* fontfind.c - an installed family's files through fontconfig (see
 * fontfind.h).
 *
 * FcFontList, not FcFontMatch: matching always answers (a missing family
 * quietly becomes DejaVu Sans, the very silent substitution raingan must
 * not make), listing answers only the fonts of that family.  Among them
 * each role takes the face nearest in weight and slant: a slant mismatch
 * costs more than any weight difference, so an italic role takes a
 * regular-weight italic over a bold upright.  The configuration object is
 * the finder's own (FcInitLoadConfigAndFonts), passed to every call.
 *
 * A family's aliases are told from the defaults by difference: fontconfig
 * appends the generic families (sans-serif and what it stands for) to any
 * name, so only what it gives this family and not a name no rule can
 * mention is the configuration's word about this family. */
#include "text/fontfind.h"

#include "util/i18n.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

struct rg_fontfind {
    rg_context *ctx; /* allocator of this struct */
    FcConfig *cfg;   /* owned; never the process's default configuration */
};

rg_fontfind *fontfind_new(rg_context *ctx)
{
    rg_fontfind *ff = rg_calloc(ctx, 1, sizeof *ff);
    if (!ff)
        return NULL;
    ff->ctx = ctx;
    ff->cfg = FcInitLoadConfigAndFonts();
    if (!ff->cfg) {
        rg_diag(ctx, RG_ERROR, "font-family", NULL, 0, 0,
                N_("check the fontconfig installation (fc-list should list the fonts)"),
                "fontconfig could not load its configuration to look for installed fonts");
        rg_free(ctx, ff);
        return NULL;
    }
    return ff;
}

void fontfind_free(rg_fontfind *ff)
{
    if (!ff)
        return;
    FcConfigDestroy(ff->cfg);
    rg_free(ff->ctx, ff);
}

int fontfind_same_family(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
        char ca = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char cb = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (ca != cb)
            return 0;
        if (!ca)
            return 1;
        a++, b++;
    }
}

/* How far a face of weight w and slant s is from role: 0 = exact. */
static int distance(int w, int s, rg_face_role role)
{
    int want_w = role == FACE_BOLD || role == FACE_BOLD_ITALIC ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    int want_italic = role == FACE_ITALIC || role == FACE_BOLD_ITALIC;
    int italic = s != FC_SLANT_ROMAN;
    return abs(w - want_w) + (italic != want_italic ? 10000 : 0);
}

char *fontfind_face(rg_fontfind *ff, rg_context *ctx, const char *family, rg_face_role role)
{
    if (!family || !*family)
        return NULL;
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_FONTFORMAT,
                                       (char *)0);
    FcFontSet *fs = NULL;
    if (pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family))
        fs = FcFontList(ff->cfg, pat, os);
    const char *best = NULL;
    int best_d = 0;
    for (int i = 0; fs && i < fs->nfont; i++) {
        FcPattern *p = fs->fonts[i];
        FcChar8 *file = NULL, *format = NULL;
        int index = 0, w = FC_WEIGHT_REGULAR, s = FC_SLANT_ROMAN;
        if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(p, FC_INDEX, 0, &index);
        FcPatternGetInteger(p, FC_WEIGHT, 0, &w);
        FcPatternGetInteger(p, FC_SLANT, 0, &s);
        if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
            (strcmp((const char *)format, "TrueType") && strcmp((const char *)format, "CFF")) ||
            index != 0)
            continue; /* font_load reads the first face of an sfnt file */
        int d = distance(w, s, role);
        if (!best || d < best_d || (d == best_d && strcmp((const char *)file, best) < 0)) {
            best = (const char *)file;
            best_d = d;
        }
    }
    char *path = best ? rg_strdup(ctx, best) : NULL;
    if (fs)
        FcFontSetDestroy(fs);
    if (os)
        FcObjectSetDestroy(os);
    if (pat)
        FcPatternDestroy(pat);
    return path;
}

/* family after the configuration's substitutions (FcConfigSubstitute, as
 * fontconfig does before matching): a pattern whose FC_FAMILY values are
 * the names in order, or NULL. */
static FcPattern *substituted(rg_fontfind *ff, const char *family)
{
    FcPattern *p = FcPatternCreate();
    if (p && FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)family) &&
        FcConfigSubstitute(ff->cfg, p, FcMatchPattern))
        return p;
    if (p)
        FcPatternDestroy(p);
    return NULL;
}

/* 1 when p lists name among its families (case and spaces ignored). */
static int lists_family(FcPattern *p, const char *name)
{
    FcChar8 *s;
    for (int i = 0; p && FcPatternGetString(p, FC_FAMILY, i, &s) == FcResultMatch; i++)
        if (fontfind_same_family((const char *)s, name))
            return 1;
    return 0;
}

size_t fontfind_aliases(rg_fontfind *ff, rg_context *ctx, const char *family, char **out,
                        size_t max)
{
    FcPattern *mine = substituted(ff, family);
    /* A name no rule can mention: what it gets, every name gets. */
    FcPattern *none = substituted(ff, "raingan no such family 7f3a");
    size_t n = 0;
    FcChar8 *s;
    for (int i = 0; mine && none && n < max &&
                    FcPatternGetString(mine, FC_FAMILY, i, &s) == FcResultMatch;
         i++) {
        const char *name = (const char *)s;
        if (fontfind_same_family(name, family) || lists_family(none, name))
            continue;
        int dup = 0;
        for (size_t k = 0; k < n; k++)
            dup |= fontfind_same_family(name, out[k]);
        char *installed = dup ? NULL : fontfind_face(ff, ctx, name, FACE_REGULAR);
        if (installed) {
            rg_free(ctx, installed);
            out[n] = rg_strdup(ctx, name);
            n += out[n] != NULL;
        }
    }
    if (mine)
        FcPatternDestroy(mine);
    if (none)
        FcPatternDestroy(none);
    return n;
}

int fontfind_companion(const char *family, char *out, size_t size)
{
    if (!size)
        return 0;
    out[0] = 0;
    size_t len = strlen(family);
    for (size_t i = 0; i + 4 <= len; i++) {
        /* "Thai" as a word: at a space or the start, followed by a space or
         * the end, and not the whole name. */
        if (strncmp(family + i, "Thai", 4) || (i > 0 && family[i - 1] != ' ') ||
            (family[i + 4] && family[i + 4] != ' '))
            continue;
        size_t pre = i > 0 ? i - 1 : 0, post = i + 4 + (family[i + 4] == ' ' && i == 0);
        if (pre == 0 && !family[post])
            return 0;
        if (pre + (len - post) + 1 > size)
            return 0;
        memcpy(out, family, pre);
        memcpy(out + pre, family + post, len - post);
        out[pre + len - post] = 0;
        return 1;
    }
    return 0;
}
