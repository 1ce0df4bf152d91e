/* formula.h - inline content with <frac> as a one-strip formula. */
#ifndef RG_LAYOUT_FORMULA_H
#define RG_LAYOUT_FORMULA_H

#include "layout/flow.h"

/* Set in (which holds at least one fraction) as one strip appended to v at
 * x, aligned in width w by st->align, with before above it.  0 or -1. */
int flow_formula(rg_lctx *lc, rg_vlist *v, const rg_inlines *in, const rg_textstyle *st,
                 rg_mpt x, rg_mpt w, rg_mpt before);

#endif
