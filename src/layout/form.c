/* form.c - the per-indicator form, as the agencies print it.
 *
 * The page, top to bottom (each part only when the template lists its
 * section):
 *
 *   a bordered header: the form title | the round checkboxes (☐/☑ รอบ n เดือน)
 *                      ชื่อตัวชี้วัด : number name (across)
 *                      ผู้กำกับดูแลตัวชี้วัด : …  | ผู้จัดเก็บข้อมูล : …
 *                      โทรศัพท์ : …              | โทรศัพท์ : …
 *   คำอธิบาย : description
 *   ข้อมูลผลการดำเนินงาน : the criteria table (level | criterion)
 *   เกณฑ์การให้คะแนน : five level columns, the ✓ under the achieved one
 *   การคำนวณคะแนนจากผลการดำเนินงาน : the calculation table, with the weighted
 *                                    score raingan computed
 *   the free-text sections; a section whose first block is a paragraph
 *   starts on the label's line, as in the seed forms.
 *
 * Labels come from the template; numbers raingan generates (level numbers,
 * computed scores) use the indicator's digits setting.  Every label is
 * kept on the page of what follows it. */
#include "layout/form.h"
#include "layout/official.h"
#include "layout/table.h"

#include <stdio.h>
#include <string.h>

enum { SECTION_GAP = 6000 };

rg_inlines *form_labelled(rg_lctx *lc, const char *label, const char *prefix,
                          const rg_inlines *value)
{
    size_t n = (label ? 1 : 0) + (prefix ? 1 : 0) + (value ? value->count : 0);
    rg_inlines *out = arena_alloc(lc->arena, sizeof *out);
    rg_inline *items = arena_alloc(lc->arena, (n ? n : 1) * sizeof *items);
    if (!out || !items)
        return NULL;
    size_t k = 0;
    if (label) {
        rg_buf b;
        buf_init(&b, lc->ctx);
        buf_puts(&b, label);
        if (prefix || (value && value->count))
            buf_putc(&b, ' ');
        items[k].kind = RG_INLINE_TEXT;
        items[k].text = arena_strdup(lc->arena, b.data ? b.data : "");
        items[k].style = RG_STYLE_BOLD;
        buf_free(&b);
        k++;
    }
    if (prefix) {
        rg_buf b;
        buf_init(&b, lc->ctx);
        buf_puts(&b, prefix);
        if (value && value->count)
            buf_putc(&b, ' ');
        items[k].kind = RG_INLINE_TEXT;
        items[k].text = arena_strdup(lc->arena, b.data ? b.data : "");
        buf_free(&b);
        k++;
    }
    for (size_t i = 0; value && i < value->count; i++)
        items[k++] = value->items[i];
    out->items = items;
    out->count = k;
    return out;
}

size_t form_header_row(const rg_section *sec, int ncols, rg_tspec_cell *cells)
{
    for (int c = 0; c < ncols; c++)
        cells[c] = tcell_head(0, c, (size_t)c < sec->ncols ? sec->cols[c] : "");
    return (size_t)ncols;
}

/* A section label on its own line, kept with what follows. */
static int label_line(rg_lctx *lc, rg_vlist *v, const char *label, rg_mpt w, rg_mpt before)
{
    rg_textstyle st = {lc->size, RG_STYLE_BOLD, RG_ALIGN_LEFT, 0};
    if (flow_text(lc, v, label, &st, 0, w, before))
        return -1;
    v->items[v->n - 1].keep_next = 1;
    return 0;
}

/* A free-text section: the label, then the blocks; a leading paragraph
 * shares the label's line. */
static int text_section(rg_lctx *lc, rg_vlist *v, const rg_section *sec, const rg_blocks *b,
                        rg_mpt w)
{
    if (!sec || !b->count)
        return 0;
    if (b->items[0].kind == RG_BLOCK_PAGE_BREAK) {
        /* the break comes before the label, which stays with the content */
        rg_vitem *it = vlist_push(lc, v);
        if (!it)
            return -1;
        it->page_break = 1;
        rg_blocks rest = {b->items + 1, b->count - 1};
        return text_section(lc, v, sec, &rest, w);
    }
    const char *label = sec->label ? sec->label : "";
    if (b->items[0].kind == RG_BLOCK_PARA) {
        const rg_para *p = &b->items[0].u.para;
        rg_inlines *in = form_labelled(lc, label, NULL, &p->inl);
        if (!in)
            return -1;
        rg_textstyle st = {lc->size, 0, p->align >= 0 ? (rg_align)p->align : RG_ALIGN_THAI_DISTRIBUTED,
                           0};
        if (flow_inlines(lc, v, in, &st, 0, w, SECTION_GAP))
            return -1;
        rg_blocks rest = {b->items + 1, b->count - 1};
        return flow_blocks(lc, v, &rest, 0, w, 0, 3000);
    }
    if (label_line(lc, v, label, w, SECTION_GAP))
        return -1;
    return flow_blocks(lc, v, b, 0, w, 0, 2000);
}

/* Names and positions of people, one per line, with an optional note. */
static rg_inlines *people(rg_lctx *lc, const char *label, const rg_person *ps, size_t n,
                          const rg_inlines *note)
{
    size_t count = 1 + n * 4 + (note ? note->count + 1 : 0);
    rg_inline *items = arena_alloc(lc->arena, count * sizeof *items);
    rg_inlines *out = arena_alloc(lc->arena, sizeof *out);
    if (!items || !out)
        return NULL;
    size_t k = 0;
    items[k].kind = RG_INLINE_TEXT;
    items[k].text = form_subst(lc, "{l} ", "{l}", label);
    items[k++].style = RG_STYLE_BOLD;
    for (size_t i = 0; i < n; i++) {
        if (i) {
            items[k++].kind = RG_INLINE_BREAK;
        }
        items[k].kind = RG_INLINE_TEXT;
        items[k].style = RG_STYLE_NAME;
        items[k++].text = ps[i].name;
        if (ps[i].position) {
            items[k].kind = RG_INLINE_TEXT;
            items[k++].text = form_subst(lc, " {p}", "{p}", ps[i].position);
        }
    }
    if (note && note->count) {
        items[k++].kind = RG_INLINE_BREAK;
        for (size_t i = 0; i < note->count; i++)
            items[k++] = note->items[i];
    }
    out->items = items;
    out->count = k;
    return out;
}

/* "โทรศัพท์ : 0 2642 5052, 0 2642 5053": each number kept on one line. */
static rg_inlines *phones(rg_lctx *lc, const char *label, const rg_person *ps, size_t n)
{
    size_t count = 1;
    for (size_t i = 0; i < n; i++)
        count += ps[i].nphones * 2;
    rg_inline *items = arena_alloc(lc->arena, count * sizeof *items);
    rg_inlines *out = arena_alloc(lc->arena, sizeof *out);
    if (!items || !out)
        return NULL;
    size_t k = 0;
    items[k].kind = RG_INLINE_TEXT;
    items[k].text = form_subst(lc, "{l} ", "{l}", label);
    items[k++].style = RG_STYLE_BOLD;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < ps[i].nphones; j++) {
            if (k > 1) {
                items[k].kind = RG_INLINE_TEXT;
                items[k++].text = ", ";
            }
            items[k].kind = RG_INLINE_TEXT;
            items[k].text = ps[i].phones[j];
            items[k++].style = RG_STYLE_NOBREAK;
        }
    out->items = items;
    out->count = k;
    return out;
}

/* The round checkboxes, one per line: ☑ for the document's round. */
static int rounds_content(rg_lctx *lc, const rg_document *doc, const rg_indicator *ind,
                          rg_vlist *v, rg_mpt w)
{
    const char *pattern = lc->tpl->round_label; /* required of indicator templates */
    rg_mpt box = lc->size * 8 / 10;
    for (size_t i = 0; i < ind->nrounds; i++) {
        char *n = model_format_number(lc->arena, ind->rounds[i], 0, ind->digits);
        char *text = form_subst(lc, pattern, "{n}", n ? n : "");
        rg_textstyle st = {lc->size, 0, RG_ALIGN_LEFT, 0};
        size_t at = v->n;
        if (flow_text(lc, v, text, &st, box + lc->size / 3, w - box - lc->size / 3, 0))
            return -1;
        rg_vitem *it = &v->items[at];
        rg_mpt base = it->strip.n ? it->strip.boxes[0].u.glyphs.y : it->strip.h * 3 / 4;
        rg_box *m = strip_add(lc, &it->strip, BOX_MARK);
        if (!m)
            return -1;
        m->u.mark.kind = ind->rounds[i] == doc->round ? MARK_BOX_CHECKED : MARK_BOX;
        m->u.mark.size = box;
        m->u.mark.x = 0;
        m->u.mark.y = base - box + box / 8;
    }
    return 0;
}

/* The bordered header block, on a three-column grid: the title row splits
 * 65/35 (title | round checkboxes), the people and phone rows 50/50, as the
 * seed forms do; the name row spans all. */
static int header_table(rg_lctx *lc, const rg_document *doc, const rg_indicator *ind,
                        rg_vlist *v, rg_mpt w)
{
    const rg_section *sname = template_section(lc->tpl, "name");
    const rg_section *ssup = template_section(lc->tpl, "supervisor");
    const rg_section *scol = template_section(lc->tpl, "collectors");
    const rg_section *sph = template_section(lc->tpl, "phone");
    rg_tspec_cell cells[8];
    size_t nc = 0, row = 0;
    rg_mpt c0 = w / 2, c2 = w * 35 / 100, c1 = w - c0 - c2;

    rg_vlist *rounds = arena_alloc(lc->arena, sizeof *rounds);
    if (!rounds || rounds_content(lc, doc, ind, rounds, c2 - 10000))
        return -1;
    cells[nc++] = (rg_tspec_cell){.row = (int)row,
                                  .col = 0,
                                  .colspan = 2,
                                  .align = RG_ALIGN_LEFT,
                                  .valign = RG_CELL_MIDDLE,
                                  .bold = 1,
                                  .text = lc->tpl->title ? lc->tpl->title : ""};
    cells[nc++] = (rg_tspec_cell){.row = (int)row,
                                  .col = 2,
                                  .align = RG_CELL_ALIGN_DEFAULT,
                                  .valign = RG_CELL_MIDDLE,
                                  .content = rounds};
    row++;
    if (sname) {
        rg_inlines *in = form_labelled(lc, sname->label, ind->number, &ind->name);
        if (!in)
            return -1;
        cells[nc++] = (rg_tspec_cell){
            .row = (int)row, .col = 0, .colspan = 3, .align = RG_CELL_ALIGN_DEFAULT, .inl = in};
        row++;
    }
    if (ssup || scol) {
        if (ssup) {
            rg_inlines *in = people(lc, ssup->label ? ssup->label : "", ind->supervisors,
                                    ind->nsupervisors, NULL);
            if (!in)
                return -1;
            cells[nc++] = (rg_tspec_cell){.row = (int)row,
                                          .col = 0,
                                          .colspan = scol ? 1 : 3,
                                          .align = RG_CELL_ALIGN_DEFAULT,
                                          .inl = in};
        }
        if (scol) {
            rg_inlines *in = people(lc, scol->label ? scol->label : "", ind->collectors,
                                    ind->ncollectors, &ind->collectors_note);
            if (!in)
                return -1;
            cells[nc++] = (rg_tspec_cell){.row = (int)row,
                                          .col = ssup ? 1 : 0,
                                          .colspan = ssup ? 2 : 3,
                                          .align = RG_CELL_ALIGN_DEFAULT,
                                          .inl = in};
        }
        row++;
    }
    if (sph) {
        const char *label = sph->label ? sph->label : "";
        rg_inlines *a = phones(lc, label, ind->supervisors, ind->nsupervisors);
        rg_inlines *b = phones(lc, label, ind->collectors, ind->ncollectors);
        if (!a || !b)
            return -1;
        cells[nc++] =
            (rg_tspec_cell){.row = (int)row, .col = 0, .align = RG_CELL_ALIGN_DEFAULT, .inl = a};
        cells[nc++] = (rg_tspec_cell){
            .row = (int)row, .col = 1, .colspan = 2, .align = RG_CELL_ALIGN_DEFAULT, .inl = b};
        row++;
    }
    const rg_width widths[3] = {{RG_WIDTH_FIXED, c0 / 1000.0}, {RG_WIDTH_FIXED, c1 / 1000.0},
                                {RG_WIDTH_FIXED, c2 / 1000.0}};
    rg_table_layout *t = table_build(lc, NULL, widths, 3, 3, row, cells, nc, 0, w);
    return t ? vlist_add_table(lc, v, t, 0, 0, 0) : -1;
}

static int criteria_table(rg_lctx *lc, const rg_indicator *ind, const rg_section *sec,
                          rg_vlist *v, rg_mpt w)
{
    if (label_line(lc, v, sec->label ? sec->label : "", w, SECTION_GAP))
        return -1;
    rg_tspec_cell cells[12];
    size_t nc = 0;
    const char *cap = ind->criteria_caption ? ind->criteria_caption
                      : sec->default_caption ? sec->default_caption
                                             : "";
    cells[nc++] = tcell_head(0, 0, sec->caption ? sec->caption : "");
    cells[nc++] = tcell_head(0, 1, cap);
    for (int i = 0; i < 5; i++) {
        cells[nc++] =
            (rg_tspec_cell){.row = i + 1,
                            .col = 0,
                            .align = RG_ALIGN_CENTER,
                            .text = model_format_number(lc->arena, i + 1, 0, ind->digits)};
        cells[nc++] = (rg_tspec_cell){
            .row = i + 1, .col = 1, .align = RG_ALIGN_LEFT, .inl = &ind->criteria[i]};
    }
    rg_table_layout *t = table_build(lc, sec->wspec ? NULL : "2.6cm 1*", sec->wspec, sec->nwspec,
                                     2, 6, cells, nc, 1, w);
    return t ? vlist_add_table(lc, v, t, 0, 0, 2000) : -1;
}

static int levels_table(rg_lctx *lc, const rg_indicator *ind, const rg_section *sec,
                        rg_vlist *v, rg_mpt w)
{
    if (label_line(lc, v, sec->label ? sec->label : "", w, SECTION_GAP))
        return -1;
    rg_tspec_cell cells[10];
    size_t nc = 0;
    const char *pattern = sec->caption; /* required when the section is shown */
    for (int i = 0; i < 5; i++) {
        char *n = model_format_number(lc->arena, i + 1, 0, ind->digits);
        cells[nc++] = tcell_head(0, i, form_subst(lc, pattern, "{n}", n ? n : ""));
        cells[nc] = tcell_centred(1, i, "");
        cells[nc++].mark = ind->achieved == i + 1;
    }
    rg_table_layout *t = table_build(lc, "1* 1* 1* 1* 1*", NULL, 0, 5, 2, cells, nc, 1, w);
    if (!t)
        return -1;
    /* The ✓ row is as tall as a line, whether or not a level is ticked. */
    rg_mpt min = lc->size * 13 / 10 + 2 * t->pad_y;
    if (t->row_h[1] < min)
        t->row_h[1] = min;
    return vlist_add_table(lc, v, t, 0, 0, 2000);
}

/* How each computed score was reached, one line per row that has working
 * (the template's working label around the model's text, e.g.
 * "ค่าคะแนนที่ได้ = 3 + (87.5 − 80) / (90 − 80) = 3.7500"), under the
 * calculation table; a row's number leads when there
 * are several rows.  Nothing for rows whose score the source states. */
static int working_lines(rg_lctx *lc, const rg_indicator *ind, rg_vlist *v, rg_mpt w)
{
    rg_textstyle st = {lc->size, 0, RG_ALIGN_LEFT, 0};
    for (size_t r = 0; r < ind->nrows; r++) {
        const rg_calc_row *row = &ind->rows[r];
        if (!row->working)
            continue;
        rg_buf b;
        buf_init(&b, lc->ctx);
        if (ind->nrows > 1) {
            char *n = model_format_number(lc->arena, (double)(r + 1), 0, ind->digits);
            buf_printf(&b, "(%s) ", n ? n : "");
        }
        const char *work = words_working(lc, row->working, ind->digits);
        const char *said = work ? form_subst(lc, lc->tpl->labels.working, "{working}", work) : NULL;
        if (!said) {
            buf_free(&b);
            return -1;
        }
        buf_puts(&b, said);
        const char *text = arena_strdup(lc->arena, b.data ? b.data : "");
        buf_free(&b);
        if (!text || flow_text(lc, v, text, &st, 0, w, lc->size / 3))
            return -1;
    }
    return 0;
}

static int calculation_table(rg_lctx *lc, const rg_document *doc, const rg_indicator *ind,
                             const rg_section *sec, rg_vlist *v, rg_mpt w)
{
    const char *label = sec->label ? sec->label : "";
    if (ind->calc_note) {
        rg_buf b;
        buf_init(&b, lc->ctx);
        buf_printf(&b, "%s %s", sec->label ? sec->label : "", ind->calc_note);
        label = arena_strdup(lc->arena, b.data ? b.data : "");
        buf_free(&b);
    }
    if (label_line(lc, v, label, w, SECTION_GAP))
        return -1;
    size_t ncells = 5 + ind->nrows * 5;
    rg_tspec_cell *cells = arena_alloc(lc->arena, ncells * sizeof *cells);
    if (!cells)
        return -1;
    size_t nc = form_header_row(sec, 5, cells); /* five, checked when the template loaded */
    for (size_t r = 0; r < ind->nrows; r++) {
        const rg_calc_row *row = &ind->rows[r];
        int rr = (int)r + 1;
        cells[nc++] =
            (rg_tspec_cell){.row = rr, .col = 0, .align = RG_ALIGN_LEFT, .inl = &row->label};
        cells[nc++] = tcell_centred(rr, 1, row->weight_text);
        cells[nc++] = (rg_tspec_cell){.row = rr,
                                      .col = 2,
                                      .align = RG_ALIGN_CENTER,
                                      .valign = RG_CELL_MIDDLE,
                                      .inl = &row->result};
        if (row->has_score_display)
            cells[nc++] = (rg_tspec_cell){.row = rr,
                                          .col = 3,
                                          .align = RG_ALIGN_CENTER,
                                          .valign = RG_CELL_MIDDLE,
                                          .inl = &row->score_display};
        else
            cells[nc++] = tcell_centred(rr, 3, row->score_text);
        cells[nc++] = tcell_centred(rr, 4, row->weighted_text);
    }
    rg_table_layout *t = table_build(lc, sec->wspec ? NULL : "4.6* 1.6* 1.8* 1.6* 1.8*",
                                     sec->wspec, sec->nwspec, 5, ind->nrows + 1, cells, nc, 1, w);
    if (!t || vlist_add_table(lc, v, t, 0, 0, 2000))
        return -1;
    /* The working goes under the table, so its first line stays on the
     * page of the table's last row (as a target table's conclusion does). */
    size_t at = v->n;
    if (sec->working && working_lines(lc, ind, v, w))
        return -1;
    if (v->n > at)
        v->items[at - 1].keep_next = 1;
    if (ind->note == RG_NOTE_NONE && !ind->note_self)
        return 0;
    rg_textstyle st = {lc->size, 0, RG_ALIGN_LEFT, 0};
    const char *note = words_note(lc, ind, doc->round);
    return note ? flow_text(lc, v, note, &st, 0, w, lc->size / 3) : -1;
}

int form_indicator(rg_lctx *lc, const rg_document *doc, const rg_indicator *ind, rg_vlist *v,
                   rg_mpt w)
{
    if (header_table(lc, doc, ind, v, w))
        return -1;
    for (size_t i = 0; i < lc->tpl->nsections; i++) {
        const rg_section *sec = &lc->tpl->sections[i];
        const char *id = sec->id;
        int rc = 0;
        if (!strcmp(id, "description"))
            rc = text_section(lc, v, sec, &ind->description, w);
        else if (!strcmp(id, "criteria"))
            rc = criteria_table(lc, ind, sec, v, w);
        else if (!strcmp(id, "levels"))
            rc = levels_table(lc, ind, sec, v, w);
        else if (!strcmp(id, "calculation"))
            rc = calculation_table(lc, doc, ind, sec, v, w);
        else if (!strcmp(id, "explanation"))
            rc = text_section(lc, v, sec, &ind->explanation, w);
        else if (!strcmp(id, "supporting"))
            rc = text_section(lc, v, sec, &ind->supporting, w);
        else if (!strcmp(id, "obstacles"))
            rc = text_section(lc, v, sec, &ind->obstacles, w);
        else if (!strcmp(id, "suggestions"))
            rc = text_section(lc, v, sec, &ind->suggestions, w);
        else if (!strcmp(id, "evidence"))
            rc = text_section(lc, v, sec, &ind->evidence, w);
        else if (!strcmp(id, "signoff") && ind->signoff.count)
            rc = flow_signoff(lc, v, &ind->signoff, sec, ind->digits, w);
        if (rc)
            return -1;
    }
    return 0;
}
