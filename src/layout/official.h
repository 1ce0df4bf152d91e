/* official.h - the layout of what makes a report official: pictures,
 * numbered evidence with its link targets and attachment icons, sign-off
 * blocks, and the draft mark (docs/format.md "Sign-off, state, evidence
 * and pictures").  Pictures are boxes here (BOX_IMAGE, a rectangle and a
 * file); only the renderer reads their pixels. */
#ifndef RG_LAYOUT_OFFICIAL_H
#define RG_LAYOUT_OFFICIAL_H

#include "layout/flow.h"

/* A <figure>: the picture scaled to its width (a length, a percentage of
 * w, or its natural size at 96 px/in), never wider than w nor taller than
 * the template's frame less room for the caption, aligned in w; then the
 * caption centred below it, kept on the picture's page. */
int flow_figure(rg_lctx *lc, rg_vlist *v, const rg_block *b, rg_mpt x, rg_mpt w, rg_mpt before);

/* The n consecutive evidence items at items (RG_BLOCK_EVIDENCE) as one
 * numbered list: each item's label, title and, when it has a file, the
 * template's file note; a named destination (lc->scope + "evidence-N")
 * at each item for references, and an attachment icon in the left margin
 * beside each item with a file. */
int flow_evidence(rg_lctx *lc, rg_vlist *v, const rg_block *items, size_t n, rg_mpt x, rg_mpt w,
                  rg_mpt before);

/* Sign-off blocks as the template's "signoff" section says (sec may be
 * NULL: ผู้รายงาน and ผู้รับรองข้อมูล side by side): its roles in order
 * (columns="reporter=ผู้รายงาน|certifier=ผู้รับรองข้อมูล"), as many per row
 * as widths has columns, each block "ลงชื่อ ..... label", (name), ตำแหน่ง,
 * วันที่ in พ.ศ., with the signature picture above when given.  A role the
 * source leaves out gets empty lines to sign by hand; a source role the
 * template does not list is warned about and not printed.  All rows are
 * kept together on one page. */
int flow_signoff(rg_lctx *lc, rg_vlist *v, const rg_signoff *so, const rg_section *sec,
                 rg_digits digits, rg_mpt w);

/* The draft stamp "ร่าง" in the top-right corner of pages [first, npages). */
int pages_mark_draft(rg_lctx *lc, rg_pages *pages, size_t first);

/* The link target of href in this form: "#name" becomes "#" + lc->scope
 * + name (arena), other targets are returned as they are.  NULL when out
 * of memory. */
const char *flow_link_target(rg_lctx *lc, const char *href);

#endif
