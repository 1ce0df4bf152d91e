/* sfnt.h - glyphs that differ from another only in advance width, added
 * to a TrueType font program (for the /W rule of PDF/A, see sfnt.c). */
#ifndef RG_RENDER_SFNT_H
#define RG_RENDER_SFNT_H

#include "util/buf.h"

#include <stdint.h>

/* One glyph to add: it draws glyph gid of the font unchanged and has
 * advance adv (font units). */
typedef struct sfnt_alias {
    uint16_t gid; /* the glyph it draws (an index in the font it is added to) */
    uint16_t adv; /* its advance width, written to hmtx */
} sfnt_alias;

/* Write to out the TrueType font (len bytes at font) with n glyphs added
 * after its last one: glyph numGlyphs + i is a composite glyph of one
 * component, aliases[i].gid at offset (0, 0), whose hmtx advance is
 * aliases[i].adv (its left side bearing is the component's).  An alias of
 * an empty glyph (a space) is empty too.  The font's loca becomes long,
 * post becomes version 3 (no glyph names), hhea, maxp and head's checksum
 * follow.  Returns 0, 1 when the font cannot take composite glyphs (no
 * glyf table, a variable font, or numGlyphs + n over 65,535: out is then
 * untouched and the caller keeps the font as it is), or -1 when the font
 * is malformed or memory runs out (with a diagnostic naming path). */
int sfnt_add_aliases(rg_context *ctx, const char *path, const unsigned char *font, size_t len,
                     const sfnt_alias *aliases, size_t n, rg_buf *out);

#endif
