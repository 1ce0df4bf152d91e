/* engine.h - the engine's insides, for api/ (and the tests and tools that
 * drive stages directly).  The engine is thin: the data folder (templates),
 * and the text stage's resources, which it hands down.  No stage below
 * api/ includes this header: layout gets an rg_layout_res and a text
 * state, typesetting an rg_textres. */
#ifndef RG_API_ENGINE_H
#define RG_API_ENGINE_H

#include "layout/document.h"
#include "text/textres.h"

struct rg_engine {
    rg_context *own;       /* the engine's private context: long-lived allocations */
    char *data_dir;        /* folder with fonts/, templates/, data/ */
    rg_textres *text;      /* fonts, word list, Thai dictionary */
    rg_templates templates; /* the data folder's templates that load cleanly, loaded once
                              and read-only: every render borrows them */
};

/* The face for a role (borrowed from the engine). */
rg_font *engine_face(const rg_engine *eng, rg_face_role role);

/* The calling thread's text state, created on first use and kept in the
 * context (contexts are per thread) until the context is freed; api/
 * passes it down explicitly.  NULL on failure. */
rg_textstate *engine_textstate(const rg_engine *eng, rg_context *ctx);

/* What layout needs to lay out docs: the engine's text resources and the
 * templates the documents name (and also, when not NULL), loaded and
 * checked by the load stage (templates_load).  Returns RG_OK, or an error
 * with diagnostics (a template that does not load stops the render before
 * layout); free res with engine_layout_res_free in both cases. */
rg_status engine_layout_res(const rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            size_t ndocs, const char *also, rg_layout_res *res);
void engine_layout_res_free(rg_layout_res *res);

/* The data folder: explicit_dir, else RAINGAN_DATA_DIR, else beside the
 * library or program, else the install and source folders (a new string
 * allocated in ctx; NULL, reported, when none has fonts). */
char *find_data_dir(rg_context *ctx, const char *explicit_dir);

#endif
