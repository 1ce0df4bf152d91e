/* flow.c - model blocks and inline content into vertical lists of strips.
 *
 * Paragraphs: the inline items are flattened into one UTF-8 string with
 * styled spans (bold/italic pick the Sarabun face, underline and links are
 * span flags, <br/> is a newline the breaker reports as a hard break) and
 * typeset by the text stage; each line becomes a strip whose height is the
 * face's ascent + descent + line gap times the template's line spacing, so
 * lines of one size sit on a regular grid; only where the ink of two
 * neighbouring lines would come within 1/40 em (a deep ฏ over a stacked
 * tone mark; see line_distance) does the lower line move down.  A
 * paragraph's first two and last two lines are kept together (no orphan
 * or widow line) when it has four or more lines.
 *
 * Fractions: content with a <frac> is a formula, formula.c's.
 *
 * Lists: labels hang in a column as wide as the widest label; the item's
 * blocks start after it, and the label sits on the baseline of the item's
 * first line.  Lists nest by recursion.
 *
 * Strip coordinates: boxes are relative to the strip's top edge and to the
 * left edge of the vlist's frame (x already included), so strips can be
 * moved to any page unchanged. */
#include "layout/flow.h"
#include "layout/official.h"
#include "layout/formula.h"
#include "layout/table.h"
#include "util/i18n.h"

#include <string.h>

enum { BLOCK_GAP = 3000 }; /* space between blocks, mpt */

/* ---- inline content to text + spans ------------------------------------------ */

static rg_font *face_for(const rg_lctx *lc, unsigned style)
{
    int b = (style & RG_STYLE_BOLD) != 0, i = (style & RG_STYLE_ITALIC) != 0;
    return textres_face(lc->text, b && i ? FACE_BOLD_ITALIC : b ? FACE_BOLD : i ? FACE_ITALIC
                                                                           : FACE_REGULAR);
}

/* Flatten TEXT and BREAK items [from, to) into text + spans in the arena. */
int flow_inline_text(rg_lctx *lc, const rg_inline *items, size_t from, size_t to, rg_mpt size,
                     unsigned extra_style, char **text, size_t *len, rg_span **spans,
                     size_t *nspans)
{
    size_t total = 0, ns = 0;
    for (size_t i = from; i < to; i++) {
        if (items[i].kind == RG_INLINE_TEXT)
            total += strlen(items[i].text), ns++;
        else if (items[i].kind == RG_INLINE_BREAK)
            total += 1, ns++;
    }
    char *t = arena_alloc(lc->arena, total + 1);
    rg_span *sp = arena_alloc(lc->arena, (ns ? ns : 1) * sizeof *sp);
    if (!t || !sp)
        return -1;
    size_t off = 0, k = 0;
    for (size_t i = from; i < to; i++) {
        const rg_inline *in = &items[i];
        if (in->kind == RG_INLINE_FRAC)
            continue;
        const char *s = in->kind == RG_INLINE_TEXT ? in->text : "\n";
        size_t n = strlen(s);
        memcpy(t + off, s, n);
        unsigned st = (in->kind == RG_INLINE_TEXT ? in->style : 0) | extra_style;
        sp[k].start = off;
        sp[k].end = off + n;
        sp[k].style = (rg_style){face_for(lc, st), size, 0x000000,
                                 (st & RG_STYLE_UNDERLINE) != 0 || in->href != NULL, in->href,
                                 (st & RG_STYLE_NOBREAK) ? 1 : (st & RG_STYLE_NAME) ? 2 : 0};
        if (in->href)
            sp[k].style.color = 0x1a0dab;
        off += n;
        k++;
    }
    t[off] = 0;
    *text = t;
    *len = off;
    *spans = sp;
    *nspans = k;
    return 0;
}

/* Line metrics of the regular face at a size, times the line spacing. */
void flow_line_metrics(const rg_lctx *lc, rg_mpt size, rg_mpt *asc, rg_mpt *desc, rg_mpt *h)
{
    rg_font *f = textres_face(lc->text, FACE_REGULAR);
    double upem = font_upem(f);
    int gap = font_line_gap(f);
    *asc = (rg_mpt)((font_ascender(f) + gap / 2) * (double)size / upem);
    *desc = (rg_mpt)((-font_descender(f) + (gap - gap / 2)) * (double)size / upem);
    double ls = lc->tpl ? lc->tpl->line_spacing : 1.0;
    *h = (rg_mpt)((*asc + *desc) * ls);
}

rg_mpt flow_frame_height(const rg_lctx *lc)
{
    return lc->tpl->page_h - lc->tpl->margin_t - lc->tpl->margin_b;
}

int layout_charge(rg_lctx *lc, size_t n)
{
    if (!lc->work_left)
        return 0;
    if (*lc->work_left < n) {
        *lc->work_left = 0;
        return -1;
    }
    *lc->work_left -= n;
    return 0;
}

/* Typeset text+spans at width w; one strip per line appended to v. */
static int para_strips(rg_lctx *lc, rg_vlist *v, const char *text, size_t len,
                       const rg_span *spans, size_t nspans, const rg_textstyle *st, rg_mpt x,
                       rg_mpt w, rg_mpt before, int src_line)
{
    rg_mpt asc, desc, lh;
    flow_line_metrics(lc, st->size, &asc, &desc, &lh);
    rg_para_out out;
    if (layout_charge(lc, len + LAYOUT_ITEM_COST))
        return -1;
    if (nspans == 0) {
        out.nlines = 0;
    } else {
        rg_para_in in = {text, len, spans, nspans, textres_fallback(lc->text), w, st->indent,
                         st->align, lc->file, src_line};
        if (paragraph_layout(lc->ts, lc->ctx, lc->arena, &in, &out))
            return -1;
    }
    size_t first = v->n;
    if (out.nlines == 0) {
        rg_vitem *it = vlist_push(lc, v);
        if (!it)
            return -1;
        it->before = before;
        it->strip.h = lh;
        return 0;
    }
    rg_mpt prev_below = 0; /* the line above: its strip below its baseline */
    for (size_t l = 0; l < out.nlines; l++) {
        const rg_line *line = &out.lines[l];
        rg_vitem *it = vlist_push(lc, v);
        if (!it)
            return -1;
        it->before = l == 0 ? before : 0;
        rg_mpt la = line->ascent > asc ? line->ascent : asc;
        rg_mpt ld = line->descent > desc ? line->descent : desc;
        rg_mpt h = (rg_mpt)((la + ld) * (lc->tpl ? lc->tpl->line_spacing : 1.0));
        it->strip.h = h;
        rg_mpt base = (h - (la + ld)) / 2 + la;
        if (l > 0) {
            rg_mpt d = prev_below + base;
            it->before =
                line_distance(&out.lines[l - 1], line, d, RG_INK_CLEARANCE(st->size)) - d;
        }
        prev_below = h - base;
        for (size_t r = 0; r < line->nruns; r++) {
            const rg_line_run *run = &line->runs[r];
            if (!run->n)
                continue;
            rg_box *b = strip_add(lc, &it->strip, BOX_GLYPHS);
            if (!b)
                return -1;
            b->u.glyphs = (rg_box_glyphs){x + run->x, base, run->font, run->style->size,
                                          run->style->color, run->glyphs, run->extra, run->n,
                                          text, run->text_start, run->text_end};
            if (run->style->underline) {
                rg_box *u = strip_add(lc, &it->strip, BOX_RULE);
                if (!u)
                    return -1;
                u->u.rule.x0 = x + run->x;
                u->u.rule.x1 = x + run->x + run->width;
                u->u.rule.y0 = u->u.rule.y1 = base + run->style->size / 9;
                u->u.rule.width = run->style->size / 22;
                u->u.rule.color = run->style->color;
            }
            if (run->style->href) {
                rg_box *lk = strip_add(lc, &it->strip, BOX_LINK);
                if (!lk)
                    return -1;
                lk->u.link.x = x + run->x;
                lk->u.link.y = base - la;
                lk->u.link.w = run->width;
                lk->u.link.h = la + ld;
                lk->u.link.uri = flow_link_target(lc, run->style->href);
                if (!lk->u.link.uri)
                    return -1;
            }
        }
    }
    /* No orphan or widow lines. */
    size_t n = v->n - first;
    if (n >= 4) {
        v->items[first].keep_next = 1;
        v->items[v->n - 2].keep_next = 1;
    } else if (n >= 2) {
        for (size_t i = first; i + 1 < v->n; i++)
            v->items[i].keep_next = 1;
    }
    return 0;
}

/* ---- paragraphs ---------------------------------------------------------------------- */

int flow_inlines(rg_lctx *lc, rg_vlist *v, const rg_inlines *in, const rg_textstyle *st,
                 rg_mpt x, rg_mpt w, rg_mpt before)
{
    for (size_t i = 0; i < in->count; i++)
        if (in->items[i].kind == RG_INLINE_FRAC)
            return flow_formula(lc, v, in, st, x, w, before);
    char *text;
    size_t len, ns;
    rg_span *sp;
    if (flow_inline_text(lc, in->items, 0, in->count, st->size, st->style, &text, &len, &sp, &ns))
        return -1;
    int line = in->count ? in->items[0].pos.line : 0;
    return para_strips(lc, v, text, len, sp, ns, st, x, w, before, line);
}

int flow_text(rg_lctx *lc, rg_vlist *v, const char *text, const rg_textstyle *st, rg_mpt x,
              rg_mpt w, rg_mpt before)
{
    size_t len = strlen(text);
    char *t = arena_strndup(lc->arena, text, len);
    rg_span *sp = arena_alloc(lc->arena, sizeof *sp);
    if (!t || !sp)
        return -1;
    sp->start = 0;
    sp->end = len;
    sp->style = (rg_style){face_for(lc, st->style), st->size, 0,
                           (st->style & RG_STYLE_UNDERLINE) != 0, NULL,
                           (st->style & RG_STYLE_NOBREAK) != 0};
    return para_strips(lc, v, t, len, sp, len ? 1 : 0, st, x, w, before, 0);
}

/* ---- lists ------------------------------------------------------------------------------ */

int flow_list(rg_lctx *lc, rg_vlist *v, const rg_list *l, rg_mpt x, rg_mpt w, int nested,
              rg_mpt before, size_t *firsts)
{
    rg_style ls = {textres_face(lc->text, FACE_REGULAR), lc->size, 0, 0, NULL, 0};
    rg_mpt labw = 0;
    for (size_t i = 0; i < l->count; i++) {
        const char *lab = l->items[i].label ? l->items[i].label : "";
        rg_mpt m = text_measure(lc->ts, lc->ctx, lab, strlen(lab), &ls, textres_fallback(lc->text));
        if (m > labw)
            labw = m;
    }
    rg_mpt indent = labw ? labw + lc->size * 35 / 100 : 0;
    if (indent > w / 2)
        indent = w / 2;
    for (size_t i = 0; i < l->count; i++) {
        const rg_list_item *item = &l->items[i];
        size_t first = v->n;
        if (flow_blocks(lc, v, &item->blocks, x + indent, w - indent, nested,
                        i == 0 ? before : BLOCK_GAP / 2))
            return -1;
        while (first < v->n && v->items[first].page_break)
            first++; /* the label goes on the first line after a page break */
        if (firsts)
            firsts[i] = first;
        if (v->n == first) {
            rg_vitem *it = vlist_push(lc, v);
            if (!it)
                return -1;
            rg_mpt a, d, h;
            flow_line_metrics(lc, lc->size, &a, &d, &h);
            it->strip.h = h;
        }
        const char *lab = item->label ? item->label : "";
        if (!*lab)
            continue;
        /* The label goes on the baseline of the item's first line. */
        rg_vitem *fi = &v->items[first];
        rg_mpt base = 0;
        for (size_t b = 0; b < fi->strip.n; b++)
            if (fi->strip.boxes[b].kind == BOX_GLYPHS) {
                base = fi->strip.boxes[b].u.glyphs.y;
                break;
            }
        if (!base) {
            rg_mpt a, d, h;
            flow_line_metrics(lc, lc->size, &a, &d, &h);
            base = (h - a - d) / 2 + a;
        }
        rg_vlist tmp = {0};
        rg_textstyle st = {lc->size, 0, RG_ALIGN_LEFT, 0};
        if (flow_text(lc, &tmp, lab, &st, x, RG_PT(10000), 0))
            return -1;
        /* The label's boxes go first in the strip, so that content order
         * (what text extraction and screen readers follow) reads the label
         * before the item's text. */
        size_t nl = 0;
        for (size_t t = 0; t < tmp.n; t++)
            nl += tmp.items[t].strip.n;
        size_t old = fi->strip.n;
        for (size_t k = 0; k < nl; k++)
            if (!strip_add(lc, &fi->strip, BOX_GLYPHS))
                return -1;
        memmove(fi->strip.boxes + nl, fi->strip.boxes, old * sizeof *fi->strip.boxes);
        size_t at = 0;
        for (size_t t = 0; t < tmp.n; t++)
            for (size_t b = 0; b < tmp.items[t].strip.n; b++) {
                rg_box *dst = &fi->strip.boxes[at++];
                *dst = tmp.items[t].strip.boxes[b];
                if (dst->kind == BOX_GLYPHS)
                    dst->u.glyphs.y = base;
            }
    }
    return 0;
}

/* ---- target tables --------------------------------------------------------------------- */

static int flow_targets(rg_lctx *lc, rg_vlist *v, const rg_targets *t, rg_mpt x, rg_mpt w,
                        int nested, rg_mpt before, rg_digits digits)
{
    /* The source's caption, else the summary table section's, else the
     * template's label. */
    const rg_section *sec = lc->tpl ? template_section(lc->tpl, "table") : NULL;
    const char *caption = t->caption                     ? t->caption
                          : sec && sec->target_caption ? sec->target_caption
                          : lc->tpl                    ? lc->tpl->labels.target
                                                       : "";
    rg_tspec_cell cells[7];
    memset(cells, 0, sizeof cells);
    cells[0] = (rg_tspec_cell){.row = 0,
                               .col = 0,
                               .colspan = 3,
                               .align = RG_ALIGN_CENTER,
                               .valign = RG_CELL_MIDDLE,
                               .bold = 1,
                               .text = caption};
    const char *head = lc->tpl ? lc->tpl->labels.target_level : "{level}";
    for (int i = 0; i < 3; i++) {
        char *h = form_subst(lc, head, "{level}", words_level(lc, (rg_target_level)(i + 1)));
        h = h ? form_subst(lc, h, "{points}",
                           t->level[i].points_text ? t->level[i].points_text : "")
              : NULL;
        if (!h)
            return -1;
        cells[1 + i] = tcell_head(1, i, h);
        const rg_target *lv = &t->level[i];
        cells[4 + i] =
            (rg_tspec_cell){.row = 2, .col = i, .align = RG_ALIGN_CENTER, .valign = RG_CELL_MIDDLE};
        if (lv->has_threshold)
            cells[4 + i].text = lv->threshold_text;
        else
            cells[4 + i].inl = &lv->content;
    }
    rg_table_layout *tl = table_build(lc, "1* 1* 1*", NULL, 0, 3, 3, cells, 7, 2, w);
    if (!tl || vlist_add_table(lc, v, tl, x, nested, before))
        return -1;
    /* the template's summary section decides whether the working shows */
    const rg_section *tsec = lc->tpl ? template_section(lc->tpl, "table") : NULL;
    int working = t->working && tsec && tsec->working;
    int concludes = t->concluded != RG_TARGET_UNKNOWN;
    /* The conclusion and the working stay on the page of the table's last
     * row: a line that concludes a table never opens a page. */
    if (concludes || working)
        v->items[v->n - 1].keep_next = 1;
    rg_textstyle st = {lc->size, 0, RG_ALIGN_CENTER, 0};
    if (concludes) {
        const char *line = words_conclusion(lc, t);
        if (!line || flow_text(lc, v, line, &st, x, w, BLOCK_GAP))
            return -1;
        if (working)
            v->items[v->n - 1].keep_next = 1;
    }
    if (working) {
        const char *line = words_working(lc, t->working, digits);
        if (!line || flow_text(lc, v, line, &st, x, w, 0))
            return -1;
    }
    return 0;
}

/* ---- blocks ------------------------------------------------------------------------------ */

/* 1 when a paragraph heads what follows it: all its text is bold (a
 * heading by its look), or it ends with a colon or with "ดังนี้" ("as
 * follows", the Thai lead-in to a list or table). */
static int para_heads(const rg_para *p)
{
    int text = 0, bold = 1;
    const char *last = NULL;
    for (size_t i = 0; i < p->inl.count; i++) {
        const rg_inline *in = &p->inl.items[i];
        if (in->kind != RG_INLINE_TEXT || !in->text)
            continue;
        if (strspn(in->text, " \t\n") == strlen(in->text))
            continue;
        text = 1;
        bold &= (in->style & RG_STYLE_BOLD) != 0;
        last = in->text;
    }
    if (!text)
        return 0;
    if (bold)
        return 1;
    size_t n = strlen(last);
    while (n && (last[n - 1] == ' ' || last[n - 1] == '\t' || last[n - 1] == '\n'))
        n--;
    static const char lead[] = "ดังนี้";
    size_t ll = sizeof lead - 1;
    return (n && last[n - 1] == ':') || (n >= ll && !memcmp(last + n - ll, lead, ll));
}

/* The element a block was written as, for messages. */
static const char *block_element(const rg_block *bl)
{
    switch (bl->kind) {
    case RG_BLOCK_PARA: return "p";
    case RG_BLOCK_LIST: return bl->u.list.ordered ? "ol" : "ul";
    case RG_BLOCK_TABLE: return "table";
    case RG_BLOCK_TARGETS: return "targets";
    case RG_BLOCK_FORMULA: return "formula";
    case RG_BLOCK_FIGURE: return "figure";
    case RG_BLOCK_EVIDENCE: return "item";
    case RG_BLOCK_PAGE_BREAK: break;
    }
    return "page-break";
}

/* keep="together" over the items [at, v->n) block bl made: each is kept
 * with the next, and a table's rows stay on one page.  At the top level
 * a block taller than a page cannot be kept: it breaks as usual, with a
 * warning at its line.  (In a table cell the rows split line by line; the
 * pager moves a kept run of lines on as long as the piece keeps one.) */
static void keep_together(rg_lctx *lc, rg_vlist *v, size_t at, const rg_block *bl, int nested)
{
    if (v->n <= at)
        return;
    if (!nested) {
        rg_vlist part = {v->items + at, v->n - at, 0};
        rg_mpt h = vlist_height(&part) - v->items[at].before, frame = flow_frame_height(lc);
        if (h > frame) {
            rg_diag(lc->ctx, RG_WARNING, "keep-too-tall", lc->file, bl->pos.line, bl->pos.col,
                    N_("shorten it, or split it into blocks that each fit on a page"),
                    "<%s keep=\"together\"> is taller than a page (%d pt; a page holds %d pt): "
                    "it breaks across pages as if it had no keep",
                    block_element(bl), (int)(h / 1000), (int)(frame / 1000));
            return;
        }
    }
    for (size_t i = at; i < v->n; i++) {
        rg_vitem *it = &v->items[i];
        if (i + 1 < v->n)
            it->keep_next = 1;
        if (it->table)
            it->table->together = 1;
    }
}

int flow_blocks(rg_lctx *lc, rg_vlist *v, const rg_blocks *b, rg_mpt x, rg_mpt w, int nested,
                rg_mpt before)
{
    for (size_t i = 0; i < b->count; i++) {
        const rg_block *bl = &b->items[i];
        rg_mpt gap = i == 0 ? before : BLOCK_GAP;
        size_t at = v->n;
        /* a page break after a block cancels what keeps it with the next */
        int breaks_next = i + 1 < b->count && b->items[i + 1].kind == RG_BLOCK_PAGE_BREAK;
        switch (bl->kind) {
        case RG_BLOCK_PAGE_BREAK:
            if (!nested) { /* the loader refuses it in cells */
                rg_vitem *it = vlist_push(lc, v);
                if (!it)
                    return -1;
                it->page_break = 1;
            }
            break;
        case RG_BLOCK_PARA: {
            rg_textstyle st = {lc->size, lc->style,
                               bl->u.para.align >= 0 ? (rg_align)bl->u.para.align
                                                     : RG_ALIGN_THAI_DISTRIBUTED,
                               bl->u.para.indent_first ? RG_PT(36) : 0};
            if (flow_inlines(lc, v, &bl->u.para.inl, &st, x, w, gap))
                return -1;
            /* A heading or lead-in is never the last line of a page. */
            if (v->n > at && i + 1 < b->count && !breaks_next && para_heads(&bl->u.para))
                v->items[v->n - 1].keep_next = 1;
            break;
        }
        case RG_BLOCK_FORMULA: {
            rg_textstyle st = {lc->size, 0, RG_ALIGN_CENTER, 0};
            if (flow_formula(lc, v, &bl->u.formula, &st, x, w, gap))
                return -1;
            break;
        }
        case RG_BLOCK_LIST:
            if (flow_list(lc, v, &bl->u.list, x, w, nested, gap, NULL))
                return -1;
            break;
        case RG_BLOCK_TABLE: {
            rg_table_layout *t = flow_table(lc, &bl->u.table, w);
            if (!t || vlist_add_table(lc, v, t, x, nested, gap))
                return -1;
            break;
        }
        case RG_BLOCK_TARGETS:
            if (flow_targets(lc, v, &bl->u.targets, x, w, nested, gap, bl->digits))
                return -1;
            break;
        case RG_BLOCK_FIGURE:
            if (flow_figure(lc, v, bl, x, w, gap))
                return -1;
            break;
        case RG_BLOCK_EVIDENCE: {
            size_t n = 1; /* a run of items is one numbered list */
            while (i + n < b->count && b->items[i + n].kind == RG_BLOCK_EVIDENCE)
                n++;
            if (flow_evidence(lc, v, bl, n, x, w, gap))
                return -1;
            i += n - 1;
            break;
        }
        }
        if (bl->keep == RG_KEEP_TOGETHER)
            keep_together(lc, v, at, bl, nested);
        else if (bl->keep == RG_KEEP_WITH_NEXT && v->n > at && !breaks_next)
            v->items[v->n - 1].keep_next = 1;
    }
    return 0;
}
