/* engine.h - the shared engine's insides, for the library's own stages. */
#ifndef RG_API_ENGINE_H
#define RG_API_ENGINE_H

#include "text/text.h"

/* Font roles a style can ask for. */
typedef enum rg_face_role { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC } rg_face_role;

struct rg_engine {
    rg_context *own;       /* the engine's private context: long-lived allocations */
    char *data_dir;        /* folder with fonts/, templates/, data/ */
    rg_font *faces[4];     /* indexed by rg_face_role; never NULL */
    rg_font *fallback;     /* for characters the faces lack; may be NULL */
    rg_wordlist *words;    /* sealed; shared by every thread's breaker */
    rg_thaidict *thai;     /* libthai's dictionary, shared; loads in the background */
};

/* The face for a role (borrowed from the engine). */
rg_font *engine_face(const rg_engine *eng, rg_face_role role);

/* The calling thread's text state, created on first use and kept in the
 * context (contexts are per thread).  NULL on failure. */
rg_textstate *engine_textstate(const rg_engine *eng, rg_context *ctx);

#endif
