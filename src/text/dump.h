/* dump.h - the text stage's own dump: the lines of one typeset paragraph,
 * their runs and glyphs, as deterministic text (for golden tests and
 * debugging; STYLE.md: every stage can dump itself). */
#ifndef RG_TEXT_DUMP_H
#define RG_TEXT_DUMP_H

#include "text/text.h"
#include "util/buf.h"

/* Append out's lines to b, one record a line:
 *
 *   line START-END w=W a=ASC d=DESC [hard]
 *     run FONT SIZEpt x=X w=W n=N "TEXT"
 *       GID:ADV[@XOFF,YOFF][+EXTRA] ...
 *
 * START-END are byte offsets into text (the paragraph), lengths in points
 * with two decimals, glyph advances and offsets in font units, EXTRA (the
 * justification added after a glyph) in millipoints.  Empty out: nothing. */
void para_dump(const rg_para_out *out, const char *text, rg_buf *b);

#endif
