/* fontfind.h - finding an installed font family's files with fontconfig.
 *
 * A template (<fonts family="TH Sarabun New"/>) or the command line
 * (--family) may name a family instead of a file; this finds the files of
 * its four faces among the fonts fontconfig knows (fc-list).  The finder
 * owns its own fontconfig configuration (FcInitLoadConfigAndFonts), never
 * the process-wide default, so it does not depend on or disturb anyone
 * else's use of fontconfig; it is not safe to use from two threads at
 * once (the engine, which keeps one, guards it with a mutex).  Made only
 * when a family is asked for: the default fonts never touch fontconfig. */
#ifndef RG_TEXT_FONTFIND_H
#define RG_TEXT_FONTFIND_H

#include "text/textres.h"

typedef struct rg_fontfind rg_fontfind;

/* Load fontconfig's configuration and font list (its caches make this a
 * few milliseconds).  NULL, reported to ctx, when fontconfig cannot. */
rg_fontfind *fontfind_new(rg_context *ctx);
/* NULL is a no-op. */
void fontfind_free(rg_fontfind *ff);

/* The file of family's face nearest role (weight regular or bold, upright
 * or italic/oblique; a role the family lacks gets its nearest face, so an
 * installed family always answers every role), as a new string in ctx; or
 * NULL when no font of that family is installed (or out of memory).  The
 * family is compared as fontconfig compares names: case and spaces
 * ignored ("th sarabun new" finds "TH Sarabun New").  Only TrueType and
 * OpenType files of one face (index 0) are considered; ties go to the
 * first file name in byte order, so the answer does not depend on the
 * order fontconfig lists them. */
char *fontfind_face(rg_fontfind *ff, rg_context *ctx, const char *family, rg_face_role role);

/* The families fontconfig's configuration names for family itself, in
 * the order it lists them: what its <alias> rules (<prefer>, <accept>,
 * <default>) substitute for this family and not for a family the
 * configuration knows nothing of, so the generic defaults every name gets
 * (sans-serif's DejaVu Sans ...) are left out.  Only installed families,
 * at most max, as new strings of ctx into out; returns how many. */
size_t fontfind_aliases(rg_fontfind *ff, rg_context *ctx, const char *family, char **out,
                        size_t max);

/* 1 when a and b name the same family as fontconfig compares names:
 * ASCII case and spaces ignored ("TH Sarabun New", "th sarabunnew"). */
int fontfind_same_family(const char *a, const char *b);

/* The family whose Latin letters and digits go with family's Thai, by
 * the naming rule of the Noto and similar projects: the family name
 * without the word "Thai" ("Noto Sans Thai" -> "Noto Sans", "Noto Serif
 * Thai UI" -> "Noto Serif UI"), written into out; 0 when the name has no
 * such word (out is then empty). */
int fontfind_companion(const char *family, char *out, size_t size);

#endif
