/* words.h - the sentences a form prints around the model's figures.
 *
 * The model works out the figures and which case applies (the level a
 * target table concludes at, why an indicator is left out of the total,
 * how a result was rounded); the words around them are the template's
 * (<label id="…">), put together here.  An agency's variant of a sentence
 * is a template edit: no C string is printed.  Results live in the
 * context's arena; NULL means out of memory. */
#ifndef RG_LAYOUT_WORDS_H
#define RG_LAYOUT_WORDS_H

#include "layout/vlist.h"
#include "model/model.h"

/* A template's pattern with key ("{n}", "{year}", "{points}" …) replaced by
 * value. */
char *form_subst(rg_lctx *lc, const char *pattern, const char *key, const char *value);

/* The name of a target level (BASIC..ADVANCED): the template's level-…;
 * "" for NONE and UNKNOWN. */
const char *words_level(const rg_lctx *lc, rg_target_level level);

/* A working and the document's rounding (rounding or rounding-whole with
 * its mode), in digits: "3 + (87.5 − 80) / (90 − 80) = 3.7500 (ทศนิยม 4
 * ตำแหน่ง ปัดครึ่งขึ้น)". */
char *words_working(rg_lctx *lc, const char *formula, rg_digits digits);

/* The conclusion under a target table (at-target or below-target), or ""
 * when the model draws none (t->concluded UNKNOWN). */
char *words_conclusion(rg_lctx *lc, const rg_targets *t);

/* The note under an indicator's calculation table (note-… and self-score),
 * in the indicator's digits, or "" when there is nothing to say. */
char *words_note(rg_lctx *lc, const rg_indicator *ind, int round);

#endif
