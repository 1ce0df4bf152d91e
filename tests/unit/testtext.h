/* testtext.h - the text stage's unit tests' one setup (test_marks.c,
 * test_paragraph.c): a context, the engine on the source tree, the
 * calling thread's text state and a scratch arena, and their teardown. */
#ifndef RG_TESTTEXT_H
#define RG_TESTTEXT_H

#include "api/engine.h"
#include "testfile.h"
#include "testhelp.h"

typedef struct test_text {
    rg_context *ctx;  /* diagnostics and allocation */
    rg_engine *eng;   /* fonts from RG_SOURCE_DIR; NULL when they did not load */
    rg_textstate *ts; /* this thread's, kept in ctx */
    rg_arena arena;   /* for shaped runs and lines */
} test_text;

/* Set up T (checking, as one sentence, that the engine loads).  Returns 0,
 * or -1 when the engine did not load (the caller reports and ends). */
static inline int test_text_open(test_text *T)
{
    T->ctx = rg_context_new();
    T->eng = test_engine(T->ctx);
    test_cond("the engine loads its fonts", T->eng != NULL);
    if (!T->eng)
        return -1;
    T->ts = engine_textstate(T->eng, T->ctx);
    arena_init(&T->arena, T->ctx, 0);
    return 0;
}

/* Free what test_text_open made. */
static inline void test_text_close(test_text *T)
{
    arena_free(&T->arena);
    rg_engine_free(T->eng);
    rg_context_free(T->ctx);
}

#endif
