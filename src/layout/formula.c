/* formula.c - inline content with fractions, set as one strip.
 *
 * A formula is set on one line without breaking: text pieces on the
 * baseline, each fraction with its numerator over a rule over its
 * denominator, the rule on the math axis (30% of the size above the
 * baseline).  When the whole is wider than the measure, the fractions
 * share what the text leaves (at least four ems) and their numerators and
 * denominators wrap onto centred lines.  The strip is as tall as its
 * highest numerator and deepest denominator need. */
#include "layout/formula.h"

#include <string.h>

/* A piece of a formula: text on the baseline, or a fraction whose
 * numerator and denominator are each one or more centred lines. */
typedef struct piece {
    int frac;            /* 1: a fraction */
    rg_para_out text;    /* text piece: its single line */
    const char *t;       /* the text its runs index */
    rg_para_out num, den;/* fraction: the lines above and below the rule */
    const char *nt, *dt;
    const rg_inlines *nin, *din; /* fraction parts, for re-laying at a width */
    rg_mpt w;            /* advance of the piece */
} piece;

/* Lay out inline items [from, to) at width w, flush left (add_block centres). */
static int piece_lines(rg_lctx *lc, const rg_inlines *in, size_t from, size_t to, rg_mpt size,
                       rg_mpt w, rg_para_out *out, const char **text, rg_mpt *width)
{
    char *t;
    size_t len, ns;
    rg_span *sp;
    out->lines = NULL;
    out->nlines = 0;
    *width = 0;
    if (flow_inline_text(lc, in->items, from, to, size, lc->style, &t, &len, &sp, &ns))
        return -1;
    *text = t;
    if (!ns || !len)
        return 0;
    rg_para_in pin = {t, len, sp, ns, textres_fallback(lc->text), w, 0, RG_ALIGN_LEFT, lc->file, 0};
    if (paragraph_layout(lc->ts, lc->ctx, lc->arena, &pin, out))
        return -1;
    for (size_t l = 0; l < out->nlines; l++)
        if (out->lines[l].width > *width)
            *width = out->lines[l].width;
    return 0;
}

static int add_line_boxes(rg_lctx *lc, rg_strip *s, const rg_line *line, const char *text,
                          rg_mpt x, rg_mpt base)
{
    for (size_t r = 0; line && r < line->nruns; r++) {
        const rg_line_run *run = &line->runs[r];
        if (!run->n)
            continue;
        rg_box *b = strip_add(lc, s, BOX_GLYPHS);
        if (!b)
            return -1;
        b->u.glyphs = (rg_box_glyphs){x + run->x, base, run->font, run->style->size,
                                      run->style->color, run->glyphs, run->extra, run->n, text,
                                      run->text_start, run->text_end};
    }
    return 0;
}

/* Draw a block of centred lines (laid out at width w) starting at top y. */
static int add_block(rg_lctx *lc, rg_strip *s, const rg_para_out *o, const char *text, rg_mpt x,
                     rg_mpt w, rg_mpt y, rg_mpt lh, rg_mpt asc)
{
    for (size_t l = 0; l < o->nlines; l++) {
        const rg_line *line = &o->lines[l];
        /* Lines were centred within the layout width; re-centre in w. */
        rg_mpt lw = line->width, x0 = line->nruns ? line->runs[0].x : 0;
        rg_line shifted = *line;
        rg_line_run *runs = arena_memdup(lc->arena, line->runs, line->nruns * sizeof *runs);
        if (line->nruns && !runs)
            return -1;
        for (size_t r = 0; r < line->nruns; r++)
            runs[r].x += (w - lw) / 2 - x0;
        shifted.runs = runs;
        if (add_line_boxes(lc, s, &shifted, text, x, y + (rg_mpt)l * lh + asc))
            return -1;
    }
    return 0;
}

int flow_formula(rg_lctx *lc, rg_vlist *v, const rg_inlines *in, const rg_textstyle *st,
                 rg_mpt x, rg_mpt w, rg_mpt before)
{
    piece *pc = arena_alloc(lc->arena, (in->count * 2 + 1) * sizeof *pc);
    if (!pc)
        return -1;
    const rg_mpt big = RG_PT(100000), sidebar = st->size / 3;
    size_t np = 0;
    rg_mpt text_w = 0, frac_w = 0;
    for (size_t i = 0; i < in->count;) {
        piece *p = &pc[np++];
        memset(p, 0, sizeof *p);
        if (in->items[i].kind == RG_INLINE_FRAC) {
            const rg_inline *fr = &in->items[i];
            rg_mpt wn, wd;
            p->frac = 1;
            p->nin = &fr->num;
            p->din = &fr->den;
            if (piece_lines(lc, &fr->num, 0, fr->num.count, st->size, big, &p->num, &p->nt, &wn) ||
                piece_lines(lc, &fr->den, 0, fr->den.count, st->size, big, &p->den, &p->dt, &wd))
                return -1;
            p->w = (wn > wd ? wn : wd) + sidebar;
            frac_w += p->w;
            i++;
            continue;
        }
        size_t j = i;
        while (j < in->count && in->items[j].kind != RG_INLINE_FRAC)
            j++;
        if (piece_lines(lc, in, i, j, st->size, big, &p->text, &p->t, &p->w))
            return -1;
        text_w += p->w;
        i = j;
    }
    /* Too wide: the fractions share what the text leaves, and their parts
     * wrap onto centred lines. */
    rg_mpt room = w - text_w;
    if (frac_w > room && frac_w > 0) {
        rg_mpt total = frac_w;
        frac_w = 0;
        for (size_t k = 0; k < np; k++) {
            piece *p = &pc[k];
            if (!p->frac)
                continue;
            rg_mpt share = (rg_mpt)((int64_t)(room > st->size * 4 ? room : st->size * 4) * p->w / total);
            rg_mpt inner = share - sidebar, wn, wd;
            if (piece_lines(lc, p->nin, 0, p->nin->count, st->size, inner, &p->num, &p->nt, &wn) ||
                piece_lines(lc, p->din, 0, p->din->count, st->size, inner, &p->den, &p->dt, &wd))
                return -1;
            p->w = (wn > wd ? wn : wd) + sidebar;
            frac_w += p->w;
        }
    }
    rg_mpt asc, desc, lh;
    flow_line_metrics(lc, st->size, &asc, &desc, &lh);
    rg_mpt axis = st->size * 30 / 100; /* the math axis above the baseline */
    rg_mpt gap = st->size / 5;
    rg_mpt above = asc, below = desc;
    for (size_t k = 0; k < np; k++) {
        if (!pc[k].frac)
            continue;
        rg_mpt nh = (rg_mpt)pc[k].num.nlines * lh, dh = (rg_mpt)pc[k].den.nlines * lh;
        if (axis + gap + nh > above)
            above = axis + gap + nh;
        if (gap + dh - axis > below)
            below = gap + dh - axis;
    }
    rg_vitem *it = vlist_push(lc, v);
    if (!it)
        return -1;
    it->before = before;
    it->strip.h = above + below;
    rg_mpt base = above;
    rg_mpt total = text_w + frac_w, px = x;
    if (st->align == RG_ALIGN_CENTER && total < w)
        px += (w - total) / 2;
    else if (st->align == RG_ALIGN_RIGHT && total < w)
        px += w - total;
    rg_mpt pad = (lh - asc - desc) / 2;
    for (size_t k = 0; k < np; k++) {
        piece *p = &pc[k];
        if (p->frac) {
            rg_mpt ax = base - axis;
            rg_mpt inner = p->w - sidebar;
            rg_mpt nh = (rg_mpt)p->num.nlines * lh;
            if (add_block(lc, &it->strip, &p->num, p->nt, px + sidebar / 2, inner, ax - gap - nh,
                          lh, pad + asc) ||
                add_block(lc, &it->strip, &p->den, p->dt, px + sidebar / 2, inner, ax + gap, lh,
                          pad + asc))
                return -1;
            rg_box *r = strip_add(lc, &it->strip, BOX_RULE);
            if (!r)
                return -1;
            r->u.rule.x0 = px + sidebar / 4;
            r->u.rule.x1 = px + p->w - sidebar / 4;
            r->u.rule.y0 = r->u.rule.y1 = ax;
            r->u.rule.width = st->size / 25;
            r->u.rule.color = 0;
        } else if (p->text.nlines &&
                   add_line_boxes(lc, &it->strip, &p->text.lines[0], p->t, px, base)) {
            return -1;
        }
        px += p->w;
    }
    return 0;
}
