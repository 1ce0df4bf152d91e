/* font.h - font faces shared read-only by every thread.
 *
 * An rg_font wraps one TrueType file: the HarfBuzz face and font used for
 * shaping (hb-ot functions, immutable after load and safe to shape with from
 * many threads), the file's bytes (for subsetting at PDF time), and tables
 * precomputed with FreeType at load: each glyph's advance and the Unicode
 * character it stands for ("natural" character, also for GSUB variants such
 * as uni0E48.small, found through the glyph name's base).  Outlines, needed
 * only for the rare glyph drawn as a path, are read through FreeType under a
 * per-font lock.
 *
 * Fonts are reference counted (font_keep / font_drop): the engine keeps
 * them, pages and PDF writers borrow or keep them. */
#ifndef RG_TEXT_FONT_H
#define RG_TEXT_FONT_H

#include "util/buf.h"
#include <hb.h>
#include <stdint.h>

typedef struct rg_font rg_font;

/* Load a TrueType/OpenType file.  NULL on failure, with a diagnostic naming
 * the path. */
rg_font *font_load(rg_context *ctx, const char *path);
rg_font *font_keep(rg_font *f);
void font_drop(rg_font *f);

/* Accessors; pointers are owned by the font. */
hb_font_t *font_hb(const rg_font *f);
hb_face_t *font_hb_face(const rg_font *f);
unsigned font_upem(const rg_font *f);
unsigned font_glyph_count(const rg_font *f);
const char *font_path(const rg_font *f);
const char *font_postscript_name(const rg_font *f);
/* The family name of the name table ("Noto Sans Thai"), "" when none. */
const char *font_family(const rg_font *f);
/* The font tried next for a character f lacks, before the text's fallback
 * (the Latin of a Thai-only family: Noto Sans after Noto Sans Thai), or
 * NULL; borrowed.  Fonts so linked form a chain owned by its first font. */
rg_font *font_next(const rg_font *f);
/* Append next (its reference moves to the chain) at the end of f's chain.
 * Only while f is being set up, before any other thread sees it: a chain
 * is read without locks. */
void font_set_next(rg_font *f, rg_font *next);
/* Ascender, descender (negative) and line gap in font units: the OS/2
 * typo metrics when the font sets USE_TYPO_METRICS, else hhea's, else
 * OS/2 win's.  A line of the font is ascender - descender + line gap
 * high. */
int font_ascender(const rg_font *f);
int font_descender(const rg_font *f);
int font_line_gap(const rg_font *f);
/* The ink box of a glyph (xmin, ymin, xmax, ymax, font units, y up;
 * all 0 for a glyph without ink). */
void font_ink(const rg_font *f, uint32_t gid, int box[4]);
int font_cap_height(const rg_font *f);
int font_italic_angle(const rg_font *f);
int font_is_bold(const rg_font *f);
/* Font bounding box in font units: xmin, ymin, xmax, ymax. */
void font_bbox(const rg_font *f, int bbox[4]);
/* The advance of a glyph in font units (hmtx), 0 for an invalid gid. */
int font_advance(const rg_font *f, uint32_t gid);
/* The glyph that shows U+25CC DOTTED CIRCLE, the base of a mark that has
 * none: the font's own, or, when the font has none, a virtual glyph
 * numbered font_glyph_count(f), which font_advance, font_ink,
 * font_natural_char and font_outline_pdf know (it is drawn as a path). */
uint32_t font_dotted_circle(const rg_font *f);
/* 1 when font_dotted_circle is the virtual glyph. */
int font_circle_is_virtual(const rg_font *f);
/* The character a glyph stands for, or 0 when unknown. */
uint32_t font_natural_char(const rg_font *f, uint32_t gid);
/* 1 when the font's cmap maps cp to a glyph. */
int font_has_char(const rg_font *f, uint32_t cp);
/* The raw file bytes (borrowed). */
const unsigned char *font_data(const rg_font *f, size_t *len);
/* Append the glyph's outline as PDF path operators (m l c h) to out, in a
 * coordinate system where 1 font unit = scale and the origin is (x, y),
 * y up.  Returns 0, or -1 when the glyph has no outline. */
int font_outline_pdf(rg_font *f, uint32_t gid, double scale, double x, double y, rg_buf *out);

#endif
