/* cidfont.h - one embedded font of one PDF: CID allocation, the glyph-to-
 * text map for extraction, and the bytes of the font's PDF objects.
 *
 * No libharu here: this module produces plain bytes (subset font file,
 * CIDToGIDMap, ToUnicode CMap; widths come from cidfont_width) that render/pdf.c wraps in PDF
 * objects. */
#ifndef RG_RENDER_CIDFONT_H
#define RG_RENDER_CIDFONT_H

#include "layout/page.h"
#include "util/buf.h"

typedef struct rg_cidfont rg_cidfont;

/* CID code meaning "draw this glyph as a path, not as text". */
#define CID_AS_PATH 0xFFFFu

rg_cidfont *cidfont_new(rg_context *ctx, rg_font *font);
void cidfont_free(rg_cidfont *cf);
rg_font *cidfont_font(const rg_cidfont *cf);

/* The text a glyph's code stands for: bytes [from, to) of its run's text;
 * from == to for a glyph without text (drawn as a path).  Over a run the
 * ranges of the glyphs with text follow each other without gap or
 * overlap, in glyph order. */
typedef struct cid_text {
    size_t from, to;
} cid_text;

/* Choose a CID for every glyph of a run so that, read in content order,
 * the CIDs' Unicode texts spell exactly text[text_start, text_end).
 * Each cluster's text is spread over its glyphs in order, each glyph
 * receiving at least one character and preferring the character it
 * naturally stands for; a cluster with more glyphs than characters (sara
 * am: nikhahit + sara aa) leaves the surplus glyphs without text, and
 * those get CID_AS_PATH: the writer draws them as outlines, so no text
 * extractor sees a character that is not in the source.  A format
 * character (ZWJ, soft hyphen) that would end a glyph's text starts the
 * next one's instead (pdf.js skips a glyph whose text ends with one).
 * cids and texts have n entries; texts receives each glyph's text.
 * Returns 0, or -1 (out of memory / too many CIDs). */
int cidfont_encode(rg_cidfont *cf, const rg_box_glyphs *run, uint16_t *cids, cid_text *texts);

/* Width of a CID in glyph space (1000 per em), as written to /W. */
double cidfont_width(const rg_cidfont *cf, uint16_t cid);

/* Number of CIDs in use (1 + the highest). */
unsigned cidfont_count(const rg_cidfont *cf);

/* Build the embedded objects' bytes.  tag receives the 6-letter subset tag
 * (derived from the glyph set, so output is reproducible).  Returns 0 or
 * -1 with a diagnostic. */
int cidfont_build(rg_cidfont *cf, rg_context *ctx, rg_buf *fontfile, rg_buf *cidtogid,
                  rg_buf *tounicode, char tag[7]);

#endif
