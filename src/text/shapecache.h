/* shapecache.h - HarfBuzz results of text segments, kept per thread.
 *
 * Paragraphs are shaped segment by segment, a segment ending after each
 * space (as browsers shape word by word), and each segment's glyphs are
 * kept under (font, script, bytes).  A report repeats its labels, headers
 * and phrases, and a batch of a department's forms repeats them across
 * sources, so most segments are found rather than shaped; shaping was a
 * quarter of a render.  Shaping a segment alone gives the glyphs and
 * positions of shaping it inside its paragraph unless a font lookup spans
 * the space (a kern pair with the space, a ligature across it): for the
 * four Sarabun faces on every paragraph of both samples the results are
 * identical (tests/unit/test_layoutrun.c compares whole layouts).
 *
 * The cache is a memo (util/memo.h): bounded, emptied and refilled past
 * its limit. */
#ifndef RG_TEXT_SHAPECACHE_H
#define RG_TEXT_SHAPECACHE_H

#include "text/text.h"

#include <hb.h>

typedef struct rg_shapecache rg_shapecache;

rg_shapecache *shapecache_new(rg_context *ctx);
void shapecache_free(rg_shapecache *c);

/* The glyphs of text[0, len) shaped alone (left to right, with script and
 * lang, clusters as byte offsets into text; dotted circles as shape_text
 * puts them, state being thai_mark_state before text): found in the
 * cache, or shaped with buf and added.  *glyphs stays valid until the next
 * call.  Returns 0, or -1 when out of memory. */
int shapecache_shape(rg_shapecache *c, hb_buffer_t *buf, rg_font *font, hb_script_t script,
                     hb_language_t lang, const char *text, size_t len, int state,
                     const rg_glyph **glyphs, size_t *n);

/* ---- marks without a base --------------------------------------------------
 * A Thai mark needs a base: an upper or lower vowel (ั ิ ี ึ ื ุ ู ฺ),
 * maitaikhu (็) and yamakkan (๎) a consonant; a tone mark (่ ้ ๊ ๋) and
 * thanthakhat (์) a consonant or a consonant with its vowel; nikhahit (ํ)
 * any of these (the input sequence rules of WTT 2.0, which Word follows).
 * A mark at the start of a text, after a space or a non-consonant has no
 * base (MARK_ORPHAN); one that cannot follow the mark before it, such as a
 * second tone mark, is misplaced (MARK_MISPLACED).  Either is shown on a
 * dotted circle of its own, as HarfBuzz does for the scripts it checks
 * (HarfBuzz 6's Thai shaper inserts none, except for a mark that starts
 * a buffer flagged HB_BUFFER_FLAG_BOT) and Word does for Thai. */
enum { MARK_OK = 0, MARK_ORPHAN = 1, MARK_MISPLACED = 2 };

/* Advance *state (0 at the start of a text) over character c: MARK_OK, or
 * what is wrong with c, a Thai mark that needs a dotted circle. */
int thai_mark_step(int *state, uint32_t c);

/* The state before text[at]: the marks before it are looked back over to
 * their base (at most 32 characters). */
int thai_mark_state(const char *text, size_t at);

/* Shape text[s, e) (text[0, len) is the context) with font into buf, a
 * dotted circle inserted before each Thai mark thai_mark_step finds wrong
 * (state: the state before s), with the mark's cluster.  A font without a
 * dotted circle shapes a no-break space there, whose glyph then becomes
 * the font's virtual circle (font_dotted_circle).  The glyphs are appended
 * to *out (n of cap, grown through ctx).  Returns 0, or -1 when out of
 * memory. */
int shape_text(rg_context *ctx, hb_buffer_t *buf, rg_font *font, hb_script_t script,
               hb_language_t lang, const char *text, size_t len, size_t s, size_t e, int state,
               rg_glyph **out, size_t *n, size_t *cap);

#endif
