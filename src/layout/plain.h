/* plain.h - plain-text layout: paragraphs flowed down A4 pages.  The text
 * engine's workbench (raingan typeset) and the simplest user of the stage. */
#ifndef RG_LAYOUT_PLAIN_H
#define RG_LAYOUT_PLAIN_H

#include "api/engine.h"
#include "layout/page.h"

/* Lay out UTF-8 text (paragraphs separated by blank lines; a single
 * newline is a hard line break) onto A4 pages appended to pages.  The text
 * is copied into the pages' arena.  Returns 0 or -1 (diagnostic in ctx). */
int plain_layout(const rg_engine *eng, rg_context *ctx, const char *file, const char *text,
                 size_t len, const rg_typeset_options *opts, rg_pages *pages);

#endif
