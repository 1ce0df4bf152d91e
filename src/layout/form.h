/* form.h - the forms: one model part -> a vlist, following its template. */
#ifndef RG_LAYOUT_FORM_H
#define RG_LAYOUT_FORM_H

#include "layout/table.h"

/* The per-indicator form (แบบรายงานผลการปฏิบัติราชการ รายตัวชี้วัด). */
int form_indicator(rg_lctx *lc, const rg_document *doc, const rg_indicator *ind, rg_vlist *v,
                   rg_mpt w);
/* The summary table form. */
int form_summary(rg_lctx *lc, const rg_document *doc, const rg_summary *sum, rg_vlist *v,
                 rg_mpt w);

/* Shared helpers of the two forms. */

/* New inline content: a bold label, then a space, then prefix text (may be
 * NULL), then the items of value (may be NULL). */
rg_inlines *form_labelled(rg_lctx *lc, const char *label, const char *prefix,
                          const rg_inlines *value);
/* Header cells (row 0, bold, centred) for the column captions of sec,
 * ncols of them (missing captions are empty); returns ncols. */
size_t form_header_row(const rg_section *sec, int ncols, rg_tspec_cell *cells);

#endif
