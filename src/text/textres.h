/* textres.h - the text stage's shared resources: the four faces of the
 * body font, the fallback font, the word list and libthai's dictionary.
 *
 * Loaded once per engine and read by every thread (fonts are refcounted
 * and immutable once loaded, the word list is sealed, the dictionary is
 * read-only once loaded).  What may not be shared - the breaker, the
 * HarfBuzz buffer, the shaping cache - is an rg_textstate, one per thread,
 * made from these with textres_state_new and passed explicitly to whoever
 * lays text out.  api/'s rg_engine holds one of these; layout sees only
 * this, never the engine. */
#ifndef RG_TEXT_TEXTRES_H
#define RG_TEXT_TEXTRES_H

#include "text/text.h"

/* Font roles a style can ask for. */
typedef enum rg_face_role { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC } rg_face_role;

typedef struct rg_textres rg_textres;

/* Where the resources come from. */
typedef struct rg_textres_options {
    const char *dir;            /* the data folder: fonts/Sarabun-*.ttf, fonts/DejaVuSans.ttf,
                                   data/words.txt, data/titles.txt */
    const char *faces[4];       /* by rg_face_role: a font file instead of Sarabun, or NULL.
                                   A regular face given without the others serves every role */
    const char *fallback;       /* for characters the faces lack; NULL: DejaVu Sans */
    const char *const *word_files; /* more word lists (UTF-8, one word a line) */
    size_t word_file_count;
    const rg_textres *share;    /* a variant of this one (a template's family): its word
                                   list, dictionary and fallback font are borrowed (share
                                   must outlive the result) and dir, fallback and word_files
                                   are not read; NULL: load them */
} rg_textres_options;

/* Load everything.  Long-lived allocations go through own (which must
 * outlive the result); problems are reported to ctx.  libthai's
 * dictionary loads on a thread of its own while the fonts load.  NULL on
 * failure. */
rg_textres *textres_new(rg_context *own, rg_context *ctx, const rg_textres_options *opts);
/* NULL is a no-op. */
void textres_free(rg_textres *tr);

/* Give every face a companion to try, before the fallback font, for the
 * characters it lacks: paths[role] is the file for that role (NULL: none);
 * a face serving several roles takes the first role's.  The companion's
 * characters are set quietly (they are the design, not a substitution:
 * Noto Sans's Latin beside Noto Sans Thai); what neither has still goes
 * to the fallback with a warning.  Called again, it adds the next link of
 * the chain.  Only while tr is being set up, before it is shared.
 * Returns RG_OK, or RG_ERR_FONT with the font's problem in ctx. */
rg_status textres_add_companion(rg_textres *tr, rg_context *ctx, const char *const paths[4]);

/* The face for a role (borrowed; never NULL). */
rg_font *textres_face(const rg_textres *tr, rg_face_role role);
/* The fallback font (borrowed). */
rg_font *textres_fallback(const rg_textres *tr);

/* A new text state for one thread, allocating through ctx (free it with
 * textstate_free before ctx).  NULL when out of memory. */
rg_textstate *textres_state_new(const rg_textres *tr, rg_context *ctx);

#endif
