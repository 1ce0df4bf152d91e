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
 * lang, clusters as byte offsets into text): found in the cache, or shaped
 * with buf and added.  *glyphs stays valid until the next call.  Returns 0,
 * or -1 when out of memory. */
int shapecache_shape(rg_shapecache *c, hb_buffer_t *buf, hb_font_t *font, hb_script_t script,
                     hb_language_t lang, const char *text, size_t len, const rg_glyph **glyphs,
                     size_t *n);

#endif
