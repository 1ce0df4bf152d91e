/* engine.h - the engine's insides, for api/ (and the tests and tools that
 * drive stages directly).  The engine is thin: the data folder (templates),
 * and the text stage's resources, which it hands down.  No stage below
 * api/ includes this header: layout gets an rg_layout_res and a text
 * state, typesetting an rg_textres. */
#ifndef RG_API_ENGINE_H
#define RG_API_ENGINE_H

#include "layout/document.h"
#include "text/fontfind.h"
#include "text/textres.h"

#include <pthread.h>

/* The fonts of one family a template names, loaded once per engine. */
typedef struct rg_engine_family {
    char *key;             /* the family and its fallbacks, as the template wrote them */
    rg_textres *text;      /* a variant of the engine's text (textres_options.share) */
} rg_engine_family;

struct rg_engine {
    rg_context *own;       /* the engine's private context: long-lived allocations */
    char *data_dir;        /* folder with fonts/, templates/, data/ */
    rg_textres *text;      /* fonts, word list, Thai dictionary */
    pthread_mutex_t lock;  /* guards finder and families (and own while they grow):
                              renders on many threads may name families at once */
    rg_fontfind *finder;   /* fontconfig, made when a family is first named, or NULL */
    rg_engine_family *families; /* nfamilies, in the order first named */
    size_t nfamilies, capfamilies;
};

/* The face for a role (borrowed from the engine). */
rg_font *engine_face(const rg_engine *eng, rg_face_role role);

/* The calling thread's text state, created on first use and kept in the
 * context (contexts are per thread) until the context is freed; api/
 * passes it down explicitly.  NULL on failure. */
rg_textstate *engine_textstate(const rg_engine *eng, rg_context *ctx);

/* What layout needs to lay out docs: the engine's text resources and the
 * templates the documents name (and the archive's, when archive is set),
 * loaded and
 * checked by the load stage (templates_load), with the fonts of the
 * families templates name (<fonts family>: found with fontconfig and
 * loaded the first time the engine meets them, then kept).  Returns RG_OK,
 * or an error with diagnostics (a template that does not load stops the
 * render before layout; a family that is not installed is RG_ERR_INVALID
 * at the template's family=); free res with engine_layout_res_free in both
 * cases. */
rg_status engine_layout_res(const rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            size_t ndocs, int archive, rg_layout_res *res);
void engine_layout_res_free(rg_layout_res *res);

/* Report that a font family is not installed (font-family), at file:pos
 * (file NULL: --family), with the hint every such report has. */
void engine_family_missing(rg_context *ctx, const char *family, const char *file, rg_pos pos);

/* The data folder: explicit_dir, else RAINGAN_DATA_DIR, else beside the
 * library or program, else the install and source folders (a new string
 * allocated in ctx; NULL, reported, when none has fonts). */
char *find_data_dir(rg_context *ctx, const char *explicit_dir);

#endif
