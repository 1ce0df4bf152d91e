/* width.h - the one parser of column widths (docs/format.md: "2.5cm 3*
 * auto"), used for sources' tables (build.c), templates' sections
 * (layout/template.c, checked when the template loads) and the forms'
 * built-in tables, so every widths attribute means the same thing and a
 * bad one is an error where it is written. */
#ifndef RG_LOAD_WIDTH_H
#define RG_LOAD_WIDTH_H

#include "model/model.h"

/* Parse one token t[0, len) ("2.5cm", "40pt", "10mm", "1in", "3*", "*",
 * "auto") into w (FIXED in points).  Lengths need a unit and must be
 * positive.  Returns 0, or -1 when not understood. */
int width_parse(const char *t, size_t len, rg_width *w);

/* Parse a space-separated list into out (room for max; the count is
 * returned).  On the first bad token returns -1 with its offset and
 * length in *bad_off and *bad_len.  An empty list gives 0. */
long widths_parse(const char *s, rg_width *out, size_t max, size_t *bad_off, size_t *bad_len);

/* The number of tokens of a list (what widths_parse needs room for). */
size_t widths_count(const char *s);

#endif
