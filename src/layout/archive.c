/* archive.c - the yearly archive of one agency as one page list.
 *
 * The archive is: a cover (the agency, fiscal year พ.ศ., round, and how
 * many departments it holds), a score summary grouping every indicator by
 * department (number, name, weight, score, weighted score; each
 * department's subtotal, then the agency's total) followed by each
 * source's approval state (who submitted and approved it, when), a table of contents
 * grouped the same way, then every form, department by department, each
 * laid out exactly as `raingan render` lays it out (document.c) but without
 * the form's own page numbers.
 *
 * Departments: the sources naming the same <department> form one group,
 * in the order their first source comes; a source naming none belongs to
 * the agency's own group, titled with the agency.  The groups, each
 * department's subtotal (Σ(weight × score) / Σ weight over its indicators)
 * and the agency's total come from the model's score sheet
 * (model_score_sheet); this file only places them.  No file name appears anywhere
 * a reader sees: groups and forms are titled by department and indicator.
 *
 * Numbering: one number per page, at its foot.  The front matter is
 * labelled ก, ข, ค … (Thai documents' convention; i, ii, iii … on request;
 * the cover counts but shows none) and the forms 1, 2, 3 … from the first
 * form page; the PDF page labels (pdf.c) say the same, so the number a
 * reader finds in the contents is both the printed number and the one a
 * viewer's page box accepts.  Because the forms' numbers do not depend on
 * how many pages the front matter takes, the order of work is simple and
 * linear: lay out the forms first (recording each form's first page), then
 * the front matter with the now known numbers, and hand it on to go before
 * the forms.  No relayout, no fixpoint.
 *
 * The front matter is built with the same engine as the forms (flow_text,
 * table_build with rg_tspec_cell, pager_place), on the page, margins and
 * font sizes of the 'indicator' template, so it looks like the forms.
 * Every word it prints (headings, column captions, totals, states, the
 * outline's titles) and its tables' widths come from the 'archive'
 * template (templates/archive.xml), loaded and checked by the load stage;
 * only the numbering (ก ข ค …, i ii iii …) and "-" for no value are C's. */
#include "layout/archive.h"
#include "layout/document.h"
#include "layout/pager.h"
#include "layout/table.h"

#include <stdio.h>
#include <string.h>

/* One department: the sources naming it, in order (the model's score
 * sheet group), and where its forms start. */
typedef struct group {
    const char *name;          /* the department, or the agency for sources naming none */
    const rg_document **docs;  /* ndocs sources (in the state's keep arena) */
    size_t *idx;               /* their indexes in the archive's list */
    size_t ndocs;
    size_t nindicators;        /* over all its sources */
    const rg_score_group *sg;  /* the model's group: its indicators and subtotal */
    size_t first_page;         /* its first form page (form numbering, 0-based) */
    int has_pages;             /* some form of it was laid out */
} group;

/* Everything the front-matter builders share. */
typedef struct archive_state {
    rg_lctx lc;                 /* builder context over the pages' arena */
    rg_pager pager;             /* where front pages go */
    rg_mpt w;                   /* text width */
    const rg_template *arch;    /* the archive template: labels, sections */
    rg_digits digits;           /* digits of the printed numbers */
    const rg_document *const *docs;
    size_t ndocs;
    const char *agency;         /* the archive's agency (the first source's) */
    rg_score_sheet sheet;       /* departments, subtotals and total (model_score_sheet) */
    group *groups;              /* ngroups departments, in order of first appearance */
    size_t ngroups;
    int front_style;            /* RG_FRONT_* */
    rg_archive_entry *entries;  /* preorder: front entries, agency, groups and forms */
    size_t nentries;
    rg_arena *keep;             /* outlives the pages: entry titles */
    rg_archive_sink sink;       /* where finished form pages go */
    void *user;
    size_t form_pages;          /* form pages handed on so far */
} archive_state;

/* An arena string from a printf format; "" when out of memory. */
static const char *astr(archive_state *a, const char *fmt, const char *x, const char *y)
{
    rg_buf b;
    buf_init(&b, a->lc.ctx);
    buf_printf(&b, fmt, x ? x : "", y ? y : "");
    const char *s = b.failed || !b.data ? NULL : arena_strdup(a->keep, b.data);
    buf_free(&b);
    return s ? s : "";
}

static const char *num(archive_state *a, double v, int decimals)
{
    const char *s = model_format_number(a->lc.arena, v, decimals, a->digits);
    return s ? s : "";
}

/* An arena string: the archive template's pattern with k (e.g. "{n}")
 * replaced by v and k2 by v2 (k2 NULL: one key); "" when out of memory. */
static const char *lbl(archive_state *a, const char *pattern, const char *k, const char *v,
                       const char *k2, const char *v2)
{
    const char *const kv[] = {k, v, k2, v2, NULL};
    rg_buf b;
    buf_init(&b, a->lc.ctx);
    buf_put_subst(&b, pattern, k ? kv : kv + 4);
    const char *s = b.failed || !b.data ? NULL : arena_strdup(a->keep, b.data);
    buf_free(&b);
    return s ? s : "";
}

/* The archive template's section id (checked present when it loaded). */
static const rg_section *asec(const archive_state *a, const char *id)
{
    return template_section(a->arch, id);
}

/* Lowercase roman numeral of n (1..3999) into tmp. */
static void roman(size_t n, char *tmp, size_t size)
{
    static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl",
                                      "x", "ix", "v", "iv", "i"};
    static const size_t val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    size_t len = 0;
    tmp[0] = 0;
    for (size_t i = 0; i < 13 && len < size - 5; i++)
        while (n >= val[i] && len < size - 5) {
            n -= val[i];
            len += (size_t)snprintf(tmp + len, size - len, "%s", sym[i]);
        }
}

/* The Thai letter label of front page n (1-based): ก, ข, ค … ฮ as Thai
 * documents number their front matter (the obsolete ฃ and ฅ skipped), then
 * กก, กข … like spreadsheet columns. */
static void thai_letters(size_t n, char *tmp, size_t size)
{
    static const char *const letters[] = {
        "ก", "ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ", "ฎ", "ฏ", "ฐ", "ฑ", "ฒ",
        "ณ", "ด", "ต", "ถ", "ท", "ธ", "น", "บ", "ป", "ผ", "ฝ", "พ", "ฟ", "ภ", "ม",
        "ย", "ร", "ล", "ว", "ศ", "ษ", "ส", "ห", "ฬ", "อ", "ฮ"};
    const size_t k = sizeof letters / sizeof letters[0];
    size_t idx[8], m = 0;
    for (; n > 0 && m < 8; m++) {
        idx[m] = (n - 1) % k;
        n = (n - 1) / k;
    }
    tmp[0] = 0;
    for (size_t len = 0; m > 0 && len + 4 < size; m--)
        len += (size_t)snprintf(tmp + len, size - len, "%s", letters[idx[m - 1]]);
}

/* The label of front page n (1-based) in the archive's style, in keep. */
const char *archive_front_label(rg_arena *keep, int style, size_t n)
{
    char tmp[64];
    if (style == RG_FRONT_ROMAN)
        roman(n, tmp, sizeof tmp);
    else
        thai_letters(n, tmp, sizeof tmp);
    const char *s = arena_strdup(keep, tmp);
    return s ? s : "";
}

static int line(archive_state *a, rg_vlist *v, const char *text, rg_mpt size, int bold,
                rg_mpt before)
{
    rg_textstyle st = {size, bold ? RG_STYLE_BOLD : 0, RG_ALIGN_CENTER, 0};
    return flow_text(&a->lc, v, text, &st, 0, a->w, before);
}

static void add_entry(archive_state *a, const char *title, int level, size_t page)
{
    a->entries[a->nentries++] = (rg_archive_entry){title, level, page, NULL};
}

/* Under the entry of indicator form ind (of the run's document number
 * doc, 1-based, as document.c scopes its destinations): หลักฐานอ้างอิง,
 * opening its first item, and an entry per numbered item ("3. ภาพการ
 * ประชุม… (ไฟล์แนบ: photo.jpg)") opening the item itself, where its
 * attachment icon is. */
static void add_evidence_entries(archive_state *a, size_t doc, const rg_indicator *ind,
                                 size_t page)
{
    for (size_t i = 0; i < ind->nitems; i++) {
        const rg_evidence_item *e = ind->items[i];
        char name[200];
        snprintf(name, sizeof name, "d%zu/%s/evidence-%ld", doc, ind->number ? ind->number : "",
                 e->number);
        const char *dest = arena_strdup(a->keep, name);
        if (i == 0)
            a->entries[a->nentries++] =
                (rg_archive_entry){a->arch->archive.evidence, 3, page, dest};
        const char *t = astr(a, "%s %s", e->label, e->title_text);
        if (e->file) /* as the form notes it: the item leads to its attachment */
            t = lbl(a, a->arch->archive.evidence_item, "{item}", t, "{name}", e->file->name);
        a->entries[a->nentries++] = (rg_archive_entry){t, 4, page, dest};
    }
}

/* ---- departments and totals ------------------------------------------------------ */

/* The departments of the model's score sheet (model_score_sheet: the
 * sources by department, each one's subtotal, the agency's total), with
 * room for where their forms start. */
static int make_groups(archive_state *a)
{
    if (model_score_sheet(a->keep, a->docs, a->ndocs, a->agency, &a->sheet))
        return -1;
    a->ngroups = a->sheet.ngroups;
    a->groups = arena_alloc(a->keep, (a->ngroups + 1) * sizeof *a->groups);
    if (!a->groups)
        return -1;
    for (size_t g = 0; g < a->ngroups; g++) {
        const rg_score_group *sg = &a->sheet.groups[g];
        a->groups[g] = (group){.name = sg->name, .docs = sg->docs, .idx = sg->idx,
                               .ndocs = sg->ndocs,
                               .nindicators = sg->ninds, .sg = sg};
    }
    return 0;
}

/* ---- cover ------------------------------------------------------------------- */

/* The title every source gives, or the archive template's. */
const char *archive_title(const rg_template *arch, const rg_document *const *docs, size_t ndocs)
{
    const char *t = docs[0]->title;
    for (size_t i = 1; t && i < ndocs; i++)
        if (!docs[i]->title || strcmp(docs[i]->title, t))
            t = NULL;
    return t ? t : arch->title;
}

/* The cover: the report's title, the agency (and the department when the
 * archive holds one), the number of departments, fiscal year and round,
 * centred, starting a quarter down the frame. */
static int cover(archive_state *a)
{
    const rg_document *d = a->docs[0];
    const rg_template *t = a->lc.tpl;
    const rg_archive_labels *l = &a->arch->archive;
    rg_vlist v = {0};
    rg_mpt big = t->title_size * 3 / 2, mid = t->title_size * 5 / 4;
    const char *date = d->date_text;
    for (size_t i = 1; date && i < a->ndocs; i++)
        if (!a->docs[i]->date_text || strcmp(a->docs[i]->date_text, date))
            date = NULL; /* the sources' dates differ: none is the archive's */
    const char *single = a->ngroups == 1 && strcmp(a->groups[0].name, a->agency ? a->agency : "")
                             ? a->groups[0].name
                             : NULL;
    if (line(a, &v, archive_title(a->arch, a->docs, a->ndocs), big, 1, 0) ||
        line(a, &v, a->agency, mid, 1, RG_PT(36)) ||
        (single && line(a, &v, single, mid, 1, RG_PT(6))) ||
        (a->ngroups > 1 &&
         line(a, &v, lbl(a, l->departments, "{n}", num(a, (double)a->ngroups, 0), NULL, NULL),
              t->body_size, 0, RG_PT(6))) ||
        line(a, &v, lbl(a, l->year, "{year}", num(a, d->fiscal_year, 0), NULL, NULL), mid, 0,
             RG_PT(36)) ||
        line(a, &v, lbl(a, l->round, "{n}", num(a, d->round, 0), NULL, NULL), mid, 0,
             RG_PT(6)) ||
        (date && line(a, &v, date, t->body_size, 0, RG_PT(36))))
        return -1;
    if (pager_new_page(&a->pager))
        return -1;
    a->pager.y = a->pager.top + (a->pager.bottom - a->pager.top) / 4;
    return pager_place(&a->pager, &v);
}

/* ---- score summary ------------------------------------------------------------- */

/* A heading line kept with what follows, on a new page. */
static int heading_page(archive_state *a, rg_vlist *v, const char *text)
{
    if (line(a, v, text, a->lc.tpl->title_size, 1, 0))
        return -1;
    v->items[v->n - 1].keep_next = 1;
    return pager_new_page(&a->pager);
}

/* The score column of one indicator: its score, or why it has none. */
static const char *score_cell(archive_state *a, const rg_indicator *ind, rg_rounding places)
{
    if (ind->status == RG_STATUS_CANCELLED)
        return a->arch->archive.cancelled;
    if (ind->status == RG_STATUS_LATE)
        return a->arch->archive.late;
    if (!ind->scored)
        return "-";
    const char *s = model_dec_text(a->lc.arena, ind->score_dec, places, 1, a->digits);
    return s ? s : "";
}

static rg_tspec_cell cell(int r, int c, int colspan, int align, int bold, const char *text)
{
    return (rg_tspec_cell){.row = r,
                           .col = c,
                           .colspan = colspan,
                           .align = align,
                           .valign = RG_CELL_MIDDLE,
                           .bold = bold,
                           .text = text ? text : ""};
}

/* A totals row: label | Σ weight | score | Σ weighted of tot, as the
 * model's score sheet computed it (model_total: indicators cancelled, not
 * yet started or unscored are left out and the rest renormalised). */
static size_t total_row(archive_state *a, rg_tspec_cell *cells, int r, const char *label,
                        const rg_total *tot)
{
    rg_rounding rnd = a->sheet.rounding;
    cells[0] = cell(r, 0, 2, RG_ALIGN_CENTER, 1, label);
    cells[1] = cell(r, 2, 1, RG_ALIGN_CENTER, 1, model_weight_text(a->lc.arena, tot->weight, a->digits));
    cells[2] = cell(r, 3, 1, RG_ALIGN_CENTER, 1,
                    tot->has_score ? model_dec_text(a->lc.arena, tot->score, rnd, 1, a->digits)
                                   : "-");
    cells[3] = cell(r, 4, 1, RG_ALIGN_CENTER, 1,
                    model_dec_text(a->lc.arena, tot->weighted, rnd, 1, a->digits));
    return 4;
}

/* The name of an approval state as the summary prints it (the archive
 * template's state-* labels). */
static const char *state_label(const archive_state *a, rg_state s)
{
    return a->arch->archive.state[s >= RG_STATE_NONE && s <= RG_STATE_APPROVED ? s
                                                                                : RG_STATE_NONE];
}

/* "who (date in Thai)", "who", the date alone, or "-" when neither is
 * given, as inline content for a cell: the name is set as the forms set
 * names (RG_STYLE_NAME: whole on one line when it fits the cell, else
 * broken only between its parts), and so is the date, a unit of day, month
 * and year (นางสาวสุดา ใจ|งาม (10 ตุลาคม|2567) broke both).  NULL when out
 * of memory. */
static const rg_inlines *step_inlines(archive_state *a, const char *who, const char *date)
{
    int y, m, d;
    const char *t = date && model_parse_date(date, &y, &m, &d) == 0
                        ? model_thai_date(a->lc.arena, y, m, d, a->digits)
                        : NULL;
    rg_inline *items = arena_alloc(a->lc.arena, 4 * sizeof *items);
    rg_inlines *out = arena_alloc(a->lc.arena, sizeof *out);
    if (!items || !out)
        return NULL;
    memset(items, 0, 4 * sizeof *items);
    size_t k = 0;
    if (who && *who)
        items[k++] = (rg_inline){.kind = RG_INLINE_TEXT, .text = who, .style = RG_STYLE_NAME};
    if (t && k)
        items[k++] = (rg_inline){.kind = RG_INLINE_TEXT, .text = " ("};
    if (t)
        items[k++] = (rg_inline){.kind = RG_INLINE_TEXT, .text = t, .style = RG_STYLE_NAME};
    if (t && k > 1)
        items[k++] = (rg_inline){.kind = RG_INLINE_TEXT, .text = ")"};
    if (!k)
        items[k++] = (rg_inline){.kind = RG_INLINE_TEXT, .text = "-"};
    out->items = items;
    out->count = k;
    return out;
}

/* The approval state of every source, department by department (one row
 * each): department | its indicators | state | submitted by (date) |
 * approved by (date): the planning office sees on the summary page which
 * reports were approved, by whom and when.  Added to v below the scores. */
static int state_table(archive_state *a, rg_vlist *v)
{
    const rg_section *sec = asec(a, "approvals");
    size_t nrows = 1 + a->ndocs, nc = 0;
    rg_tspec_cell *cells = arena_alloc(a->lc.arena, nrows * 5 * sizeof *cells);
    if (!cells || line(a, v, sec->label, a->lc.tpl->body_size, 1, RG_PT(18)))
        return -1;
    v->items[v->n - 1].keep_next = 1;
    for (int c = 0; c < 5; c++) /* five columns, checked when the template loaded */
        cells[nc++] = cell(0, c, 1, RG_ALIGN_CENTER, 1, sec->cols[c]);
    int r = 1;
    for (size_t g = 0; g < a->ngroups; g++)
        for (size_t i = 0; i < a->groups[g].ndocs; i++, r++) {
            const rg_document *d = a->groups[g].docs[i];
            rg_buf b;
            buf_init(&b, a->lc.ctx);
            for (size_t k = 0; k < d->nindicators; k++)
                buf_printf(&b, "%s%s", k ? ", " : "",
                           d->indicators[k]->number ? d->indicators[k]->number : "");
            const char *inds = b.failed || !b.data
                                   ? "-"
                                   : model_digits_dup(a->lc.arena, b.data, a->digits);
            buf_free(&b);
            const rg_status_info *st = &d->status;
            cells[nc++] = cell(r, 0, 1, RG_ALIGN_LEFT, 0, a->groups[g].name);
            cells[nc++] = cell(r, 1, 1, RG_ALIGN_CENTER, 0, inds);
            cells[nc++] = cell(r, 2, 1, RG_ALIGN_CENTER, 0, state_label(a, st->state));
            const rg_inlines *sub = step_inlines(a, st->submitted_by, st->submitted_on);
            const rg_inlines *app = step_inlines(a, st->approved_by, st->approved_on);
            if (!sub || !app)
                return -1;
            cells[nc] = cell(r, 3, 1, RG_ALIGN_LEFT, 0, NULL);
            cells[nc].text = NULL;
            cells[nc++].inl = sub;
            cells[nc] = cell(r, 4, 1, RG_ALIGN_LEFT, 0, NULL);
            cells[nc].text = NULL;
            cells[nc++].inl = app;
        }
    a->lc.size = a->lc.tpl->table_size;
    rg_table_layout *t = table_build(&a->lc, NULL, sec->wspec, sec->nwspec, 5, nrows, cells, nc,
                                     1, a->w);
    a->lc.size = a->lc.tpl->body_size;
    return !t || vlist_add_table(&a->lc, v, t, 0, 0, RG_PT(6)) ? -1 : 0;
}

/* Every indicator, department by department: number | name | weight |
 * score | weighted score; a row naming each department above its
 * indicators and a row of its subtotal below; the agency's total last
 * (model_total: Σ weighted × 100 / Σ weights over the indicators counted in
 * the round, renormalised when some are left out; a note says how many).
 * Every figure and its text come from the model, as the forms print them. */
static int score_table(archive_state *a)
{
    size_t n = a->sheet.nall;
    const rg_section *sec = asec(a, "scores");
    const rg_archive_labels *l = &a->arch->archive;
    rg_vlist v = {0};
    if (heading_page(a, &v, sec->label))
        return -1;
    size_t ncells = 5 + n * 5 + a->ngroups * 5 + 4;
    rg_tspec_cell *cells = arena_alloc(a->lc.arena, ncells * sizeof *cells);
    size_t nrows = 2 + n + 2 * a->ngroups;
    unsigned char *keep = arena_alloc(a->lc.arena, nrows); /* a heading row stays with its
                                                              first row, a subtotal with the last */
    if (!cells || !keep)
        return -1;
    size_t nc = 0;
    for (int c = 0; c < 5; c++) /* five columns, checked when the template loaded */
        cells[nc++] = cell(0, c, 1, RG_ALIGN_CENTER, 1, sec->cols[c]);
    int r = 1;
    for (size_t g = 0; g < a->ngroups; g++) {
        const group *gr = &a->groups[g];
        keep[r] = 1;
        cells[nc++] = cell(r++, 0, 5, RG_ALIGN_LEFT, 1, gr->name);
        for (size_t i = 0, k = 0; i < gr->ndocs; i++)
            for (size_t q = 0; q < gr->docs[i]->nindicators; q++, k++, r++) {
                const rg_indicator *ind = gr->sg->inds[k];
                rg_rounding dp = gr->docs[i]->rounding; /* as its own form prints it */
                cells[nc++] = cell(r, 0, 1, RG_ALIGN_CENTER, 0,
                                   model_digits_dup(a->lc.arena, ind->number, a->digits));
                cells[nc++] = cell(r, 1, 1, RG_ALIGN_LEFT, 0, ind->name_text);
                cells[nc++] = cell(r, 2, 1, RG_ALIGN_CENTER, 0,
                                   model_digits_dup(a->lc.arena, ind->weight_plain, a->digits));
                cells[nc++] = cell(r, 3, 1, RG_ALIGN_CENTER, 0, score_cell(a, ind, dp));
                cells[nc++] = cell(r, 4, 1, RG_ALIGN_CENTER, 0,
                                   ind->counted ? model_dec_text(a->lc.arena, ind->weighted_dec,
                                                                 dp, 1, a->digits)
                                                : "-");
            }
        if (gr->nindicators == 0)
            cells[nc++] = cell(r++, 0, 5, RG_ALIGN_LEFT, 0, l->no_indicators);
        if (gr->nindicators) {
            keep[r - 1] = 1;
            nc += total_row(a, cells + nc, r++,
                            lbl(a, l->subtotal, "{name}", gr->name, NULL, NULL), &gr->sg->total);
        }
    }
    nc += total_row(a, cells + nc, r, a->ngroups > 1 ? l->total_agency : l->total,
                    &a->sheet.total);
    size_t left_out = a->sheet.total.left_out;
    a->lc.size = a->lc.tpl->table_size;
    rg_table_layout *t = table_build(&a->lc, NULL, sec->wspec, sec->nwspec, 5, (size_t)r + 1,
                                     cells, nc, 1, a->w);
    a->lc.size = a->lc.tpl->body_size;
    if (t)
        t->keep_with_next = keep;
    if (!t || vlist_add_table(&a->lc, &v, t, 0, 0, RG_PT(12)))
        return -1;
    if (left_out) {
        const char *note =
            lbl(a, l->left_out, "{n}", num(a, (double)left_out, 0), NULL, NULL);
        rg_textstyle st = {a->lc.tpl->body_size, 0, RG_ALIGN_LEFT, 0};
        if (flow_text(&a->lc, &v, note, &st, 0, a->w, RG_PT(6)))
            return -1;
    }
    if (state_table(a, &v))
        return -1;
    return pager_place(&a->pager, &v);
}

/* ---- table of contents ------------------------------------------------------------- */

/* A row per department (bold) and a row per form, each with the form
 * number of its first page (the forms are numbered on their own, so form
 * page index i is number i+1). */
static int contents(archive_state *a, size_t from, size_t to)
{
    const rg_section *sec = asec(a, "contents");
    rg_vlist v = {0};
    if (heading_page(a, &v, sec->label))
        return -1;
    size_t ncells = 2 + (to - from) * 2;
    rg_tspec_cell *cells = arena_alloc(a->lc.arena, ncells * sizeof *cells);
    unsigned char *keep = arena_alloc(a->lc.arena, to - from + 2); /* departments' rows */
    if (!cells || !keep)
        return -1;
    size_t nc = 0;
    cells[nc++] = cell(0, 0, 1, RG_ALIGN_CENTER, 1, sec->cols[0]); /* two columns, checked */
    cells[nc++] = cell(0, 1, 1, RG_ALIGN_CENTER, 1, sec->cols[1]);
    int r = 1;
    for (size_t i = from; i < to; i++) {
        const rg_archive_entry *e = &a->entries[i];
        if (e->level < 1 || e->level > 2) /* the agency: the whole list is its; evidence
                                              items are the outline's only */
            continue;
        keep[r] = e->level == 1;
        cells[nc++] = cell(r, 0, 1, RG_ALIGN_LEFT, e->level == 1, e->title);
        cells[nc++] = cell(r, 1, 1, RG_ALIGN_RIGHT, e->level == 1, num(a, (double)(e->page + 1), 0));
        cells[nc - 1].valign = cells[nc - 2].valign = 0; /* the number on the title's first line */
        r++;
    }
    rg_table_layout *t =
        table_build(&a->lc, NULL, sec->wspec, sec->nwspec, 2, (size_t)r, cells, nc, 1, a->w);
    if (t)
        t->keep_with_next = keep;
    if (!t || vlist_add_table(&a->lc, &v, t, 0, 0, RG_PT(12)))
        return -1;
    return pager_place(&a->pager, &v);
}

/* ---- page numbers and assembly ------------------------------------------------------ */

/* Print label centred in the bottom margin of page i. */
static int stamp(archive_state *a, rg_pages *pages, size_t i, const char *label)
{
    const rg_template *t = a->lc.tpl;
    rg_page *pg = &pages->pages[i];
    rg_vlist v = {0};
    rg_mpt w = pg->width - t->margin_l - t->margin_r;
    rg_textstyle st = {t->body_size * 7 / 8, 0, RG_ALIGN_CENTER, 0};
    if (flow_text(&a->lc, &v, label, &st, 0, w, 0) || v.n == 0)
        return -1;
    rg_mpt y = pg->height - RG_PT(14) - v.items[0].strip.h;
    rg_pager p = {pages, pg, pg->width, pg->height, t->margin_l, 0, 0, 0, 0, NULL};
    return place_strip(&p, &v.items[0].strip, t->margin_l, y);
}

/* The sink for the forms: number each finished page at its foot, then hand
 * the pages on. */
static int form_sink(void *user, const rg_pages *pages)
{
    archive_state *a = user;
    rg_pages *pg = (rg_pages *)pages; /* stamping adds boxes to these pages */
    a->lc.arena = &pg->arena;         /* and its text lives and dies with them */
    for (size_t i = 0; i < pg->npages; i++)
        if (stamp(a, pg, i, num(a, (double)(pg->base + i + 1), 0)))
            return -1;
    a->form_pages += pg->npages;
    return a->sink(a->user, pages);
}

/* The outline title of a form. */
static const char *form_title(archive_state *a, const rg_part *part)
{
    const rg_archive_labels *l = &a->arch->archive;
    if (part->kind == RG_PART_INDICATOR)
        return lbl(a, l->form_indicator, "{number}", part->indicator->number, "{name}",
                   part->indicator->name_text);
    return l->form_summary;
}

/* The forms of live[0..nlive) (docs[which[l]] of the archive's list, in
 * form order), their first pages into first.  Without a loader they are
 * the whole documents, laid out in one run; with one, live holds digests
 * and the whole documents are opened a piece at a time (at least
 * ARCHIVE_PIECE_FORMS forms or ARCHIVE_PIECE_DOCS documents, whichever
 * comes first), laid out and closed: memory holds one piece's models, not
 * the archive's.  The pieces continue one run: page numbers go on, and
 * destinations are scoped by the place in the whole list (doc_base), so
 * the bytes are those of one run. */
#define ARCHIVE_PIECE_FORMS 64
#define ARCHIVE_PIECE_DOCS 64
static rg_status layout_forms(archive_state *a, const rg_layout_res *res, rg_textstate *ts,
                              const rg_document **live, const size_t *which, size_t **first,
                              size_t nlive, int threads, rg_pages *pages,
                              const rg_archive_loader *loader)
{
    rg_context *ctx = a->lc.ctx;
    if (!loader) {
        rg_layout_opts lo = {NULL, threads, first, form_sink, a, 0, 1, 0};
        return documents_layout(res, ctx, ts, live, nlive, pages, &lo);
    }
    const rg_document **full = rg_calloc(ctx, ARCHIVE_PIECE_DOCS, sizeof *full);
    if (!full)
        return RG_ERR_NOMEM;
    rg_status st = RG_OK;
    for (size_t l0 = 0, n; st == RG_OK && l0 < nlive; l0 += n) {
        size_t forms = 0;
        for (n = 0; l0 + n < nlive && n < ARCHIVE_PIECE_DOCS && forms < ARCHIVE_PIECE_FORMS; n++)
            forms += live[l0 + n]->nparts;
        memset(full, 0, n * sizeof *full);
        st = loader->open(loader->user, which + l0, n, full);
        if (st == RG_OK) {
            rg_layout_opts lo = {NULL, threads, first + l0, form_sink, a, 0, 1, l0};
            st = documents_layout(res, ctx, ts, full, n, pages, &lo);
        }
        loader->close(loader->user, which + l0, n, full);
    }
    rg_free(ctx, full);
    return st;
}

rg_status archive_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                         const rg_document *const *docs, size_t ndocs, int threads,
                         int front_style, rg_pages *pages, rg_archive_layout *out,
                         rg_archive_sink forms, rg_archive_sink front, void *user,
                         const rg_archive_loader *loader)
{
    memset(out, 0, sizeof *out);
    if (ndocs == 0 || pages->npages || pages->base)
        return RG_ERR_USAGE;
    archive_state a;
    memset(&a, 0, sizeof a);
    a.docs = docs;
    a.ndocs = ndocs;
    a.agency = docs[0]->agency;
    a.digits = docs[0]->digits;
    a.front_style = front_style;
    a.sink = forms;
    a.user = user;
    arena_init(&out->arena, ctx, 0);
    a.keep = &out->arena;
    a.lc.ctx = ctx;
    if (make_groups(&a))
        return RG_ERR_NOMEM;
    size_t cap = 4 + a.ngroups;
    for (size_t i = 0; i < ndocs; i++) {
        cap += docs[i]->nparts;
        for (size_t k = 0; k < docs[i]->nindicators; k++)
            cap += docs[i]->indicators[k]->nitems + 1;
    }
    a.entries = arena_alloc(a.keep, cap * sizeof *a.entries);
    if (!a.entries)
        return RG_ERR_NOMEM;
    const rg_template *t = templates_find(&res->templates, "indicator");
    a.arch = templates_find(&res->templates, "archive");
    if (!t || !a.arch || a.arch->form != FORM_ARCHIVE)
        return RG_ERR_TEMPLATE; /* reported when it was loaded */
    if (!ts)
        return RG_ERR_NOMEM;
    a.lc = (rg_lctx){.text = layout_res_text(res, t),
                     .ctx = ctx,
                     .ts = ts,
                     .arena = &pages->arena,
                     .tpl = t,
                     .file = docs[0]->file,
                     .rounding = docs[0]->rounding,
                     .size = t->body_size};
    a.w = t->page_w - t->margin_l - t->margin_r;

    /* 1. The forms, department by department, streamed: each form's pages
     * are numbered and handed on as soon as they are laid out, recording
     * each one's first page. */
    rg_status st = RG_OK;
    const size_t groups = 4; /* entries[0..3]: the front matter's and the agency's, below */
    a.nentries = groups;
    const rg_document **live = arena_alloc(a.keep, ndocs * sizeof *live);
    size_t *which = arena_alloc(a.keep, ndocs * sizeof *which);
    size_t **first = arena_alloc(a.keep, ndocs * sizeof *first);
    size_t nlive = 0;
    if (!live || !which || !first)
        st = RG_ERR_NOMEM;
    for (size_t g = 0; st == RG_OK && g < a.ngroups; g++)
        for (size_t i = 0; st == RG_OK && i < a.groups[g].ndocs; i++) {
            const rg_document *d = a.groups[g].docs[i];
            if (d->nparts == 0) /* nothing to show */
                continue;
            first[nlive] = arena_alloc(a.keep, d->nparts * sizeof **first);
            if (!first[nlive])
                st = RG_ERR_NOMEM;
            which[nlive] = a.groups[g].idx[i];
            live[nlive++] = d;
        }
    if (st == RG_OK && nlive)
        st = layout_forms(&a, res, ts, live, which, first, nlive, threads, pages, loader);
    for (size_t g = 0, l = 0; g < a.ngroups && st == RG_OK; g++) {
        group *gr = &a.groups[g];
        size_t at = a.nentries;
        add_entry(&a, gr->name, 1, 0);
        for (size_t i = 0; i < gr->ndocs; i++) {
            const rg_document *d = gr->docs[i];
            if (d->nparts == 0)
                continue;
            for (size_t k = 0; k < d->nparts; k++) {
                if (first[l][k] == (size_t)-1)
                    continue;
                if (!gr->has_pages)
                    gr->first_page = first[l][k];
                gr->has_pages = 1;
                add_entry(&a, form_title(&a, &d->parts[k]), 2, first[l][k]);
                if (d->parts[k].kind == RG_PART_INDICATOR)
                    add_evidence_entries(&a, l + 1, d->parts[k].indicator, first[l][k]);
            }
            l++;
        }
        if (gr->has_pages)
            a.entries[at].page = gr->first_page;
        else
            a.nentries = at; /* a department without forms has no entry */
    }
    if (st != RG_OK)
        return st;
    size_t nforms = a.form_pages;

    /* 2. The front matter, with the forms' numbers known (the forms are
     * numbered on their own, so the contents' length cannot change them). */
    pages_reset(pages);
    a.lc.arena = &pages->arena;
    a.pager = (rg_pager){pages, NULL, t->page_w, t->page_h, t->margin_l, t->margin_t,
                         t->page_h - t->margin_b, 0, 0, NULL};
    int rc = 0;
    size_t p_cover = pages->npages;
    rc = rc || cover(&a);
    size_t p_scores = pages->npages;
    rc = rc || score_table(&a);
    size_t p_contents = pages->npages;
    rc = rc || contents(&a, groups, a.nentries);
    size_t nfront = pages->npages;
    out->front_labels = arena_alloc(a.keep, (nfront + 1) * sizeof *out->front_labels);
    rc = rc || !out->front_labels;
    for (size_t i = 0; i < nfront && !rc; i++) {
        out->front_labels[i] = archive_front_label(a.keep, front_style, i + 1);
        if (i >= p_scores)
            rc = stamp(&a, pages, i, out->front_labels[i]);
    }
    if (rc || front(user, pages))
        return ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_RENDER;

    /* 3. Entries in final page indices: the front pages come first. */
    a.entries[0] = (rg_archive_entry){a.arch->archive.part_cover, 0, p_cover, NULL};
    a.entries[1] = (rg_archive_entry){a.arch->archive.part_scores, 0, p_scores, NULL};
    a.entries[2] = (rg_archive_entry){a.arch->archive.part_contents, 0, p_contents, NULL};
    a.entries[3] = (rg_archive_entry){a.agency ? a.agency : "", 0,
                                      a.nentries > groups ? a.entries[groups].page : 0, NULL};
    for (size_t i = groups; i < a.nentries; i++)
        a.entries[i].page += nfront;
    a.entries[3].page += nfront;
    if (a.nentries == groups) /* no forms at all: no agency entry */
        a.nentries = 3;
    out->nfront = nfront;
    out->nforms = nforms;
    out->entries = a.entries;
    out->nentries = a.nentries;
    return RG_OK;
}

void archive_layout_free(rg_archive_layout *al) { arena_free(&al->arena); }
