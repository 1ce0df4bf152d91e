/* official.c - pictures, numbered evidence, sign-off blocks, the draft mark.
 *
 * Pictures: a figure is one strip holding one BOX_IMAGE (a rectangle and
 * the file), so pagination moves it whole and it is never split; its size
 * is settled here from the model's pixel size, and the caption follows as
 * paragraph strips kept with it.  The renderer decodes, downsamples and
 * embeds the pixels; layout never touches them.
 *
 * Evidence: a run of <item>s is laid out as one numbered list (so the
 * labels line up as in the seed forms), then each item's first strip gets
 * a BOX_ANCHOR, the named destination "<scope>evidence-N" that <ref> links
 * point to, and, for an item with a file, a BOX_ATTACH in the left margin
 * where the archive puts the file's attachment icon.
 *
 * Sign-off: each block (ลงชื่อ … label, (name), ตำแหน่ง …, วันที่ …) is laid
 * out in its own column; a row of blocks becomes ONE strip (columns side
 * by side, as tall as the tallest), and the rows and the heading are kept
 * with one another, so the whole sign-off moves to the next page rather
 * than split: an official form never leaves a signature apart from what
 * it certifies more than it must, and never splits a block.  The dotted
 * line is never shorter than SIGN_LINE_MIN (room to sign): a role too long
 * to stand beside it goes on the line under it, in every block of the row
 * so their lines stay level; a signature picture is centred over the dots
 * (found from the laid-out glyphs), not over the block. */
#include "layout/official.h"
#include "layout/form.h"
#include "layout/pager.h"

#include <stdio.h>
#include <string.h>

enum {
    SIGNOFF_GAP = 12000,   /* space above each row of sign-off blocks */
    SIGNATURE_H = 34000,   /* a signature picture's height (1.2 cm) */
    SIGN_LINE_MIN = 113386, /* the shortest dotted line to sign on (4 cm) */
    ATTACH_W = 9000,       /* the attachment icon */
    ATTACH_H = 12000
};

const char *flow_link_target(rg_lctx *lc, const char *href)
{
    if (!href || href[0] != '#' || !lc->scope)
        return href;
    size_t a = strlen(lc->scope), b = strlen(href + 1);
    char *s = arena_alloc(lc->arena, a + b + 2);
    if (!s)
        return NULL;
    s[0] = '#';
    memcpy(s + 1, lc->scope, a);
    memcpy(s + 1 + a, href + 1, b + 1);
    return s;
}

/* The scaled size of a picture of pw x ph pixels in width w under a
 * width spec, at most maxh tall; sizes in mpt, at least 1 pt each. */
static void picture_size(const rg_width *spec, int pw, int ph, rg_mpt w, rg_mpt maxh, rg_mpt *ow,
                         rg_mpt *oh)
{
    double natural = pw * 750.0; /* 96 px/in: 0.75 pt a pixel */
    double wd = spec->kind == RG_WIDTH_FIXED      ? spec->value * 1000.0
                : spec->kind == RG_WIDTH_RELATIVE ? w * spec->value / 100.0
                                                  : natural;
    if (wd > w)
        wd = w;
    double hd = wd * ph / (pw > 0 ? pw : 1);
    if (hd > maxh) {
        wd *= maxh / hd;
        hd = maxh;
    }
    *ow = wd < 1000 ? 1000 : (rg_mpt)wd;
    *oh = hd < 1000 ? 1000 : (rg_mpt)hd;
}

int flow_figure(rg_lctx *lc, rg_vlist *v, const rg_block *b, rg_mpt x, rg_mpt w, rg_mpt before)
{
    const rg_figure *f = &b->u.figure;
    if (!f->file)
        return 0;
    rg_mpt caph = f->caption.count ? lc->size * 3 : 0; /* two lines of caption and a gap */
    rg_mpt maxh = flow_frame_height(lc) - caph;
    rg_mpt iw, ih;
    picture_size(&f->width, f->file->width, f->file->height, w, maxh, &iw, &ih);
    rg_vitem *it = vlist_push(lc, v);
    if (!it)
        return -1;
    it->before = before;
    it->strip.h = ih;
    it->keep_next = f->caption.count > 0;
    rg_box *im = strip_add(lc, &it->strip, BOX_IMAGE);
    if (!im)
        return -1;
    rg_mpt dx = f->align == RG_ALIGN_LEFT    ? 0
                : f->align == RG_ALIGN_RIGHT ? w - iw
                                             : (w - iw) / 2;
    im->u.image.x = x + dx;
    im->u.image.y = 0;
    im->u.image.w = iw;
    im->u.image.h = ih;
    im->u.image.file = f->file;
    im->u.image.source = lc->file;
    im->u.image.line = b->pos.line;
    im->u.image.col = b->pos.col;
    if (!f->caption.count)
        return 0;
    rg_textstyle st = {lc->tpl->table_size ? lc->tpl->table_size : lc->size, 0, RG_ALIGN_CENTER,
                       0};
    return flow_inlines(lc, v, &f->caption, &st, x, w, 2000);
}

/* ---- evidence ------------------------------------------------------------------------ */

int flow_evidence(rg_lctx *lc, rg_vlist *v, const rg_block *items, size_t n, rg_mpt x, rg_mpt w,
                  rg_mpt before)
{
    const rg_section *sec = template_section(lc->tpl, "evidence");
    const char *note = sec && sec->caption ? sec->caption : lc->tpl->labels.attachment;
    rg_list l = {1, RG_NUM_DEFAULT, NULL, 1, NULL, n};
    l.items = arena_alloc(lc->arena, n * sizeof *l.items);
    rg_block *paras = arena_alloc(lc->arena, n * sizeof *paras);
    size_t *firsts = arena_alloc(lc->arena, n * sizeof *firsts);
    if (!l.items || !paras || !firsts)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const rg_evidence_item *e = &items[i].u.evidence;
        const rg_inlines *t = &e->title;
        rg_inline *in = arena_alloc(lc->arena, (t->count + 1) * sizeof *in);
        if (!in)
            return -1;
        if (t->count)
            memcpy(in, t->items, t->count * sizeof *in);
        size_t k = t->count;
        if (e->file) {
            char *s = form_subst(lc, note, "{name}", e->file->name);
            if (s && t->count)
                s = form_subst(lc, " {s}", "{s}", s);
            if (!s)
                return -1;
            in[k++] = (rg_inline){.kind = RG_INLINE_TEXT, .pos = items[i].pos, .text = s};
        }
        memset(&paras[i], 0, sizeof paras[i]);
        paras[i].kind = RG_BLOCK_PARA;
        paras[i].pos = items[i].pos;
        paras[i].digits = items[i].digits;
        paras[i].u.para = (rg_para){RG_ALIGN_LEFT, 0, {in, k}};
        l.items[i] = (rg_list_item){items[i].pos, e->label ? e->label : "", {&paras[i], 1}};
    }
    if (flow_list(lc, v, &l, x, w, 0, before, firsts))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const rg_evidence_item *e = &items[i].u.evidence;
        rg_strip *s = &v->items[firsts[i]].strip;
        char name[48];
        snprintf(name, sizeof name, "#evidence-%ld", e->number);
        rg_box *a = strip_add(lc, s, BOX_ANCHOR);
        if (!a)
            return -1;
        a->u.anchor.x = x;
        a->u.anchor.y = 0;
        a->u.anchor.name = flow_link_target(lc, name);
        if (!a->u.anchor.name)
            return -1;
        a->u.anchor.name++; /* the destination's name, without the '#' */
        if (!e->file)
            continue;
        /* The outline entry of the file (scope "dN/<indicator>/"). */
        const char *ind = lc->scope ? strchr(lc->scope, '/') : NULL;
        size_t il = ind ? strlen(ind + 1) : 0;
        rg_buf t;
        buf_init(&t, lc->ctx);
        const char *lab = sec && sec->label ? sec->label : "";
        size_t ll = strlen(lab);
        while (ll && (lab[ll - 1] == ' ' || lab[ll - 1] == ':'))
            ll--; /* "หลักฐานอ้างอิง :" */
        buf_printf(&t, "%.*s %.*s %s %s", il ? (int)il - 1 : 0, il ? ind + 1 : "", (int)ll, lab,
                   e->label ? e->label : "", e->file->name);
        a->u.anchor.title = t.failed ? NULL : arena_strdup(lc->arena, t.data);
        buf_free(&t);
        if (!a->u.anchor.title)
            return -1;
        rg_box *at = strip_add(lc, s, BOX_ATTACH);
        if (!at)
            return -1;
        at->u.attach.x = x - ATTACH_W - lc->size / 2;
        at->u.attach.y = (s->h - ATTACH_H) / 2 > 0 ? (s->h - ATTACH_H) / 2 : 0;
        at->u.attach.w = ATTACH_W;
        at->u.attach.h = ATTACH_H;
        at->u.attach.file = e->file;
        at->u.attach.desc = e->label;
    }
    return 0;
}

/* ---- sign-off ------------------------------------------------------------------------ */

/* Dots filling about `room` of a line at the current size ("…….."). */
static const char *dots(rg_lctx *lc, rg_mpt room)
{
    rg_style st = {textres_face(lc->text, FACE_REGULAR), lc->size, 0, 0, NULL, 0};
    rg_mpt one = text_measure(lc->ts, lc->ctx, ".", 1, &st, textres_fallback(lc->text));
    long n = one > 0 ? room / one : 10;
    if (n < 8)
        n = 8;
    if (n > 80)
        n = 80;
    char *s = arena_alloc(lc->arena, (size_t)n + 1);
    if (!s)
        return NULL;
    memset(s, '.', (size_t)n);
    s[n] = 0;
    return s;
}

static rg_mpt measure(rg_lctx *lc, const char *s)
{
    rg_style st = {textres_face(lc->text, FACE_REGULAR), lc->size, 0, 0, NULL, 0};
    return text_measure(lc->ts, lc->ctx, s, strlen(s), &st, textres_fallback(lc->text));
}

/* The x extent [*x0, *x1) of the glyphs of strip s that show bytes
 * [from, to) of their paragraph's text, in the strip's coordinates.
 * Returns 0, or -1 when no glyph shows them (x0 and x1 untouched). */
static int text_extent(const rg_strip *s, size_t from, size_t to, rg_mpt *x0, rg_mpt *x1)
{
    rg_mpt lo = 0, hi = 0;
    int found = 0;
    for (size_t k = 0; k < s->n; k++) {
        if (s->boxes[k].kind != BOX_GLYPHS)
            continue;
        const rg_box_glyphs *g = &s->boxes[k].u.glyphs;
        double pen = g->x, scale = (double)g->size / font_upem(g->font);
        for (size_t j = 0; j < g->n; j++) {
            double adv = g->glyphs[j].x_adv * scale + (g->extra ? g->extra[j] : 0);
            if (g->glyphs[j].cluster >= from && g->glyphs[j].cluster < to) {
                if (!found || (rg_mpt)pen < lo)
                    lo = (rg_mpt)pen;
                if (!found || (rg_mpt)(pen + adv) > hi)
                    hi = (rg_mpt)(pen + adv);
                found = 1;
            }
            pen += adv;
        }
    }
    if (!found)
        return -1;
    *x0 = lo;
    *x1 = hi;
    return 0;
}

/* Whether the block of a role labelled `label` sets the role under its
 * dotted line: when "ลงชื่อ", a dotted line of SIGN_LINE_MIN and the role do
 * not fit one line of cw (ผู้กำกับดูแลตัวชี้วัด beside a line of ten dots
 * left no room to sign). */
static int sign_wraps(rg_lctx *lc, const char *w_sign, const char *label, rg_mpt cw)
{
    rg_mpt need = measure(lc, w_sign) + SIGN_LINE_MIN + measure(lc, label) + lc->size;
    return need > cw * 95 / 100;
}

/* One sign-off block into col (strips at x, width cw): the signature
 * picture, then the lines.  s may be NULL (a block to fill in by hand).
 * wrap: the role goes on its own line under the dotted line, which then
 * fills the line ("ลงชื่อ ........" / role / (name) / ตำแหน่ง / วันที่, as
 * official Thai forms set a long role); else "ลงชื่อ ..... role" on one
 * line.  The dotted line is at least SIGN_LINE_MIN long either way, and a
 * signature picture is centred over it. */
static int sign_block(rg_lctx *lc, rg_vlist *col, const rg_sign *s, const char *label,
                      const char *const *words, rg_mpt x, rg_mpt cw, int wrap)
{
    /* Three words, split and checked when the template loaded. */
    const char *w_sign = words[0] ? words[0] : "";
    const char *w_pos = words[1] ? words[1] : "";
    const char *w_date = words[2] ? words[2] : "";
    rg_textstyle st = {lc->size, 0, RG_ALIGN_CENTER, 0};
    /* Room to sign above the line in every block, so the lines of a row
     * align; a signature picture fills it. */
    rg_vitem *it = vlist_push(lc, col);
    if (!it)
        return -1;
    size_t sig_at = col->n - 1;
    it->strip.h = SIGNATURE_H;
    rg_mpt room = wrap ? cw - measure(lc, w_sign) - lc->size
                       : cw - measure(lc, w_sign) - measure(lc, label) - lc->size;
    room = room * 9 / 10;
    if (room < SIGN_LINE_MIN && SIGN_LINE_MIN < cw * 9 / 10)
        room = SIGN_LINE_MIN;
    const char *line_dots = dots(lc, room);
    const char *name_dots = dots(lc, cw / 2);
    if (!line_dots || !name_dots)
        return -1;
    rg_buf b;
    buf_init(&b, lc->ctx);
    buf_printf(&b, "%s %s%s%s", w_sign, line_dots, wrap ? "\n" : " ", label);
    size_t caption_at = col->n;
    int rc = b.failed || flow_text(lc, col, b.data, &st, x, cw, 0);
    if (!rc && s && s->signature && s->signature->width > 0 && caption_at < col->n) {
        const rg_file *f = s->signature;
        rg_width spec = {RG_WIDTH_AUTO, 0};
        rg_mpt iw, ih, x0 = x, x1 = x + cw;
        picture_size(&spec, f->width, f->height, cw * 6 / 10, SIGNATURE_H, &iw, &ih);
        /* Over the dotted line, not the middle of the block (which is over
         * the role when the caption is one line). */
        const rg_vitem *cap = &col->items[caption_at];
        size_t d0 = strlen(w_sign) + 1;
        if (text_extent(&cap->strip, d0, d0 + strlen(line_dots), &x0, &x1) == 0)
            x0 += cap->x, x1 += cap->x;
        rg_mpt ix = (x0 + x1) / 2 - iw / 2;
        if (ix > x + cw - iw)
            ix = x + cw - iw;
        if (ix < x)
            ix = x;
        rg_box *im = strip_add(lc, &col->items[sig_at].strip, BOX_IMAGE);
        if (!im)
            rc = 1;
        else {
            im->u.image.x = ix;
            im->u.image.y = SIGNATURE_H - ih;
            im->u.image.w = iw;
            im->u.image.h = ih;
            im->u.image.file = f;
            im->u.image.source = lc->file;
            im->u.image.line = s->pos.line;
            im->u.image.col = s->pos.col;
        }
    }
    buf_clear(&b);
    buf_printf(&b, "(%s)", s && *s->name ? s->name : name_dots);
    st.style = RG_STYLE_NAME;
    rc = rc || b.failed || flow_text(lc, col, b.data, &st, x, cw, 0);
    st.style = 0;
    buf_clear(&b);
    buf_printf(&b, "%s %s", w_pos, s && s->position ? s->position : name_dots);
    rc = rc || b.failed || flow_text(lc, col, b.data, &st, x, cw, 0);
    buf_clear(&b);
    buf_printf(&b, "%s %s", w_date, s && s->date_text ? s->date_text : name_dots);
    rc = rc || b.failed || flow_text(lc, col, b.data, &st, x, cw, 0);
    buf_free(&b);
    return rc ? -1 : 0;
}

/* Move every strip of col into the single strip row, stacked from its top. */
static int merge_column(rg_lctx *lc, rg_strip *row, const rg_vlist *col)
{
    rg_mpt y = 0;
    for (size_t i = 0; i < col->n; i++) {
        const rg_vitem *it = &col->items[i];
        y += i ? it->before : 0;
        for (size_t k = 0; k < it->strip.n; k++) {
            rg_box *d = strip_add(lc, row, it->strip.boxes[k].kind);
            if (!d)
                return -1;
            *d = it->strip.boxes[k];
            box_shift(d, it->x, y);
        }
        y += it->strip.h;
    }
    if (y > row->h)
        row->h = y;
    return 0;
}

int flow_signoff(rg_lctx *lc, rg_vlist *v, const rg_signoff *so, const rg_section *sec,
                 rg_digits digits, rg_mpt w)
{
    (void)digits;
    if (!sec) /* the template shows no sign-off (warned when the templates loaded) */
        return 0;
    /* The roles and the three words, parsed and checked when the template
     * loaded; as many blocks a row as widths has columns (two without). */
    int nroles = (int)sec->nroles;
    int per_row = !sec->wspec ? 2 : sec->nwspec ? (int)sec->nwspec : 1;
    /* A source role the template does not print is left out (warned when
     * the templates loaded, load/template.c). */
    rg_mpt before = SIGNOFF_GAP;
    if (sec && sec->label && *sec->label) {
        rg_textstyle st = {lc->size, RG_STYLE_BOLD, RG_ALIGN_LEFT, 0};
        if (flow_text(lc, v, sec->label, &st, 0, w, before))
            return -1;
        v->items[v->n - 1].keep_next = 1;
        before = SIGNOFF_GAP / 2;
    }
    rg_mpt cw = w / per_row, gap = lc->size / 2;
    for (int r0 = 0; r0 < nroles; r0 += per_row) {
        rg_vitem *row = vlist_push(lc, v);
        if (!row)
            return -1;
        size_t at = v->n - 1;
        row->before = before;
        before = SIGNOFF_GAP;
        /* The blocks of a row wrap alike, so their lines stay level. */
        int wrap = 0;
        for (int c = 0; c < per_row && r0 + c < nroles; c++)
            wrap |= sign_wraps(lc, sec->sign_words[0] ? sec->sign_words[0] : "",
                               sec->roles[r0 + c].label, cw - gap);
        for (int c = 0; c < per_row && r0 + c < nroles; c++) {
            const rg_role *role = &sec->roles[r0 + c];
            const rg_sign *s = NULL;
            for (size_t i = 0; so && i < so->count && !s; i++)
                if (!strcmp(so->signs[i].role, role->id))
                    s = &so->signs[i];
            rg_vlist col = {0};
            /* The row moves the column's boxes; the one strip is re-found
             * after vlist_push may have moved v's items. */
            if (sign_block(lc, &col, s, role->label, sec->sign_words, c * cw + gap / 2,
                           cw - gap, wrap) ||
                merge_column(lc, &v->items[at].strip, &col))
                return -1;
        }
        if (r0 + per_row < nroles)
            v->items[at].keep_next = 1;
    }
    return 0;
}

/* ---- the draft mark ------------------------------------------------------------------ */

int pages_mark_draft(rg_lctx *lc, rg_pages *pages, size_t first)
{
    const rg_template *t = lc->tpl;
    rg_mpt size = t->title_size > 0 ? t->title_size + 4000 : RG_PT(20);
    for (size_t i = first; i < pages->npages; i++) {
        rg_vlist v = {0};
        rg_textstyle st = {size, RG_STYLE_BOLD, RG_ALIGN_LEFT, 0};
        if (flow_text(lc, &v, t->labels.draft, &st, 0, RG_PT(200), 0) || !v.n ||
            !v.items[0].strip.n)
            return -1;
        rg_strip *s = &v.items[0].strip;
        rg_mpt tw = 0;
        for (size_t k = 0; k < s->n; k++)
            if (s->boxes[k].kind == BOX_GLYPHS) {
                const rg_box_glyphs *g = &s->boxes[k].u.glyphs;
                int64_t fu = 0;
                for (size_t j = 0; j < g->n; j++)
                    fu += g->glyphs[j].x_adv;
                tw += (rg_mpt)(fu * g->size / font_upem(g->font));
                s->boxes[k].u.glyphs.color = 0xC00000;
            }
        rg_mpt pad = size / 4, bw = tw + 2 * pad, bh = s->h;
        rg_mpt x = t->page_w - t->margin_r - bw;
        rg_mpt y = (t->margin_t - bh) / 2 > 0 ? (t->margin_t - bh) / 2 : 0;
        rg_page *pg = &pages->pages[i];
        rg_box *frame = page_add_box(pages, pg, BOX_RECT);
        if (!frame)
            return -1;
        box_frame(frame, x, y, bw, bh, size / 16);
        frame->u.rect.stroke_color = 0xC00000;
        rg_pager p = {pages, pg, t->page_w, t->page_h, t->margin_l, 0, 0, 0, 0, NULL};
        if (place_strip(&p, s, x + pad, y))
            return -1;
    }
    return 0;
}
