/* archive.c - the yearly archive as one page list.
 *
 * The archive is: a cover (agency, department, fiscal year พ.ศ., round),
 * a score summary of every indicator of every source (number, name,
 * weight, score, weighted score, and the totals), a table of contents,
 * then every form of every source in order, each laid out exactly as
 * `raingan render` lays it out (document.c).
 *
 * Numbering follows the book convention: the front matter is numbered
 * i, ii, iii … and the forms 1, 2, 3 … from the first form page.  Each
 * number is printed at the foot of its page (the cover has none) and the
 * PDF page labels (pdf.c) say the same, so the number a reader finds in
 * the contents is both the printed number and the one a viewer's page box
 * accepts.  Because the forms' numbers do not depend on how many pages the
 * front matter takes, the order of work is simple and linear: lay out
 * the forms first (recording each form's first page), then the front
 * matter with the now known numbers, then move the front pages before the
 * forms (one rotation of the page array).  No relayout, no fixpoint.
 *
 * The front matter is built with the same engine as the forms (flow_text,
 * table_build with rg_tspec_cell, pager_place), on the page, margins and
 * font sizes of the 'indicator' template, so it looks like the forms. */
#include "layout/archive.h"
#include "layout/document.h"
#include "layout/pager.h"
#include "layout/table.h"

#include <stdio.h>
#include <string.h>

/* Everything the front-matter builders share. */
typedef struct archive_state {
    rg_lctx lc;                 /* builder context over the pages' arena */
    rg_pager pager;             /* where front pages go */
    rg_mpt w;                   /* text width */
    rg_digits digits;           /* digits of the printed numbers */
    const rg_document *const *docs;
    size_t ndocs;
    rg_archive_entry *entries;  /* preorder: front entries, then groups and forms */
    size_t nentries;
    rg_arena *keep;             /* outlives the pages: entry titles */
    rg_archive_sink sink;       /* where finished form pages go */
    void *user;
    size_t form_pages;          /* form pages handed on so far */
} archive_state;

static const char *basename_of(const char *path)
{
    const char *s = strrchr(path ? path : "", '/');
    return s ? s + 1 : (path ? path : "");
}

/* An arena string from a printf format; "" when out of memory. */
static const char *astr(archive_state *a, const char *fmt, const char *x, const char *y)
{
    char tmp[2048];
    snprintf(tmp, sizeof tmp, fmt, x ? x : "", y ? y : "");
    const char *s = arena_strdup(a->keep, tmp);
    return s ? s : "";
}

static const char *num(archive_state *a, double v, int decimals)
{
    const char *s = model_format_number(a->lc.arena, v, decimals, a->digits);
    return s ? s : "";
}

/* Lowercase roman numeral of n (1..3999) into an arena string. */
static const char *roman(archive_state *a, size_t n)
{
    static const char *const sym[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl",
                                      "x", "ix", "v", "iv", "i"};
    static const size_t val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    char tmp[64] = "";
    size_t len = 0;
    for (size_t i = 0; i < 13 && len < sizeof tmp - 5; i++)
        while (n >= val[i] && len < sizeof tmp - 5) {
            n -= val[i];
            len += (size_t)snprintf(tmp + len, sizeof tmp - len, "%s", sym[i]);
        }
    const char *s = arena_strdup(a->lc.arena, tmp);
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
    a->entries[a->nentries++] = (rg_archive_entry){title, level, page};
}

/* ---- cover ------------------------------------------------------------------- */

/* The cover: the report's title, agency, department, fiscal year and
 * round, centred, starting a quarter down the frame. */
static int cover(archive_state *a)
{
    const rg_document *d = a->docs[0];
    const rg_template *t = a->lc.tpl;
    rg_vlist v = {0};
    rg_mpt big = t->title_size * 3 / 2, mid = t->title_size * 5 / 4;
    const char *title = d->title ? d->title : "รายงานผลการปฏิบัติราชการตามคำรับรองการปฏิบัติราชการ";
    if (line(a, &v, title, big, 1, 0) || line(a, &v, d->agency, mid, 1, RG_PT(36)) ||
        (d->department && line(a, &v, d->department, mid, 1, RG_PT(6))) ||
        line(a, &v, astr(a, "ประจำปีงบประมาณ พ.ศ. %s", num(a, d->fiscal_year, 0), NULL), mid, 0,
             RG_PT(36)) ||
        line(a, &v, astr(a, "รอบ %s เดือน", num(a, d->round, 0), NULL), mid, 0, RG_PT(6)) ||
        (d->date_text && line(a, &v, d->date_text, t->body_size, 0, RG_PT(36))))
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
static const char *score_cell(archive_state *a, const rg_indicator *ind, int places)
{
    if (ind->status == RG_STATUS_CANCELLED)
        return "ยกเลิก";
    if (ind->status == RG_STATUS_LATE)
        return "ยังไม่ถึงรอบ";
    if (!ind->scored)
        return "-";
    const char *s = model_dec_text(a->lc.arena, ind->score_dec, places, 1, a->digits);
    return s ? s : "";
}

/* Every indicator of every source: number | name | weight | score |
 * weighted score, then the totals (model_total): Σ weights and Σ weighted
 * scores of the indicators counted in the round, and the score
 * Σ weighted × 100 / Σ weights, renormalised when some are left out
 * (cancelled, not yet started, no score; a note says how many).  Every
 * figure and its text come from the model, as the forms print them. */
static int score_table(archive_state *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->ndocs; i++)
        n += a->docs[i]->nindicators;
    rg_vlist v = {0};
    if (heading_page(a, &v, "สรุปผลคะแนนตามคำรับรองการปฏิบัติราชการ"))
        return -1;
    size_t ncells = 5 + n * 5 + 4;
    rg_tspec_cell *cells = arena_alloc(a->lc.arena, ncells * sizeof *cells);
    const rg_indicator **all = arena_alloc(a->lc.arena, (n ? n : 1) * sizeof *all);
    if (!cells || !all)
        return -1;
    static const char *const head[] = {"ที่", "ตัวชี้วัด", "น้ำหนัก", "คะแนน", "คะแนนถ่วงน้ำหนัก"};
    size_t nc = 0, m = 0;
    for (int c = 0; c < 5; c++)
        cells[nc++] = (rg_tspec_cell){0, c, 1, 1, RG_ALIGN_CENTER, 1, 1, NULL, NULL, head[c], 0,
                                      NULL};
    int places = a->ndocs ? a->docs[0]->decimals : 4;
    int r = 1;
    for (size_t i = 0; i < a->ndocs; i++)
        for (size_t k = 0; k < a->docs[i]->nindicators; k++, r++) {
            const rg_indicator *ind = a->docs[i]->indicators[k];
            all[m++] = ind;
            const char *vals[] = {
                model_weight_text(a->lc.arena, ind->weight_dec, a->digits),
                score_cell(a, ind, a->docs[i]->decimals),
                ind->counted ? model_dec_text(a->lc.arena, ind->weighted_dec,
                                              a->docs[i]->decimals, 1, a->digits)
                             : "-"};
            cells[nc++] = (rg_tspec_cell){r, 0, 1, 1, RG_ALIGN_CENTER, 0, 0, NULL, NULL,
                                          model_digits_dup(a->lc.arena, ind->number, a->digits),
                                          0, NULL};
            cells[nc++] = (rg_tspec_cell){r, 1, 1, 1, RG_ALIGN_LEFT, 0, 0, NULL, NULL,
                                          ind->name_text, 0, NULL};
            for (int c = 0; c < 3; c++)
                cells[nc++] = (rg_tspec_cell){r, 2 + c, 1, 1, RG_ALIGN_CENTER, 0, 0, NULL, NULL,
                                              vals[c] ? vals[c] : "", 0, NULL};
        }
    rg_total tot;
    model_total(all, m, places, &tot);
    const char *tw = model_weight_text(a->lc.arena, tot.weight, a->digits);
    const char *ts = tot.has_score ? model_dec_text(a->lc.arena, tot.score, places, 1, a->digits)
                                   : "-";
    const char *tws = model_dec_text(a->lc.arena, tot.weighted, places, 1, a->digits);
    cells[nc++] = (rg_tspec_cell){r, 0, 1, 2, RG_ALIGN_CENTER, 0, 1, NULL, NULL, "รวม", 0, NULL};
    cells[nc++] = (rg_tspec_cell){r, 2, 1, 1, RG_ALIGN_CENTER, 0, 1, NULL, NULL, tw ? tw : "", 0,
                                  NULL};
    cells[nc++] = (rg_tspec_cell){r, 3, 1, 1, RG_ALIGN_CENTER, 0, 1, NULL, NULL, ts ? ts : "", 0,
                                  NULL};
    cells[nc++] = (rg_tspec_cell){r, 4, 1, 1, RG_ALIGN_CENTER, 0, 1, NULL, NULL, tws ? tws : "",
                                  0, NULL};
    a->lc.size = a->lc.tpl->table_size;
    rg_table_layout *t = table_build(&a->lc, "1.3cm 1* 2.2cm 2.2cm 3.2cm", NULL, 0, 5,
                                     (size_t)r + 1, cells, nc, 1, a->w);
    a->lc.size = a->lc.tpl->body_size;
    if (!t || vlist_add_table(&a->lc, &v, t, 0, 0, RG_PT(12)))
        return -1;
    if (tot.left_out) {
        char note[512];
        char *k = model_format_number(a->lc.arena, (double)tot.left_out, 0, a->digits);
        snprintf(note, sizeof note,
                 "หมายเหตุ: ไม่นับ %s ตัวชี้วัดที่ยกเลิก ยังไม่ถึงรอบประเมิน หรือไม่มีผลคะแนน "
                 "คะแนนรวม = ผลรวมคะแนนถ่วงน้ำหนัก × 100 / ผลรวมน้ำหนักของตัวชี้วัดที่นับ",
                 k ? k : "");
        rg_textstyle st = {a->lc.tpl->body_size, 0, RG_ALIGN_LEFT, 0};
        if (flow_text(&a->lc, &v, note, &st, 0, a->w, RG_PT(6)))
            return -1;
    }
    return pager_place(&a->pager, &v);
}

/* ---- table of contents ------------------------------------------------------------- */

/* A row per source (its unit and file, across both columns) and a row per
 * form with the form-section page number of its first page (the forms are
 * still first in the page list here, so form page index i is number i+1). */
static int contents(archive_state *a, size_t from, size_t to)
{
    rg_vlist v = {0};
    if (heading_page(a, &v, "สารบัญ"))
        return -1;
    size_t ncells = 2 + (to - from) * 2;
    rg_tspec_cell *cells = arena_alloc(a->lc.arena, ncells * sizeof *cells);
    if (!cells)
        return -1;
    size_t nc = 0;
    cells[nc++] = (rg_tspec_cell){0, 0, 1, 1, RG_ALIGN_CENTER, 1, 1, NULL, NULL, "เรื่อง", 0, NULL};
    cells[nc++] = (rg_tspec_cell){0, 1, 1, 1, RG_ALIGN_CENTER, 1, 1, NULL, NULL, "หน้า", 0, NULL};
    int r = 1;
    for (size_t i = from; i < to; i++, r++) {
        const rg_archive_entry *e = &a->entries[i];
        if (e->level == 0) {
            cells[nc++] = (rg_tspec_cell){r, 0, 1, 2, RG_ALIGN_LEFT, 0, 1, NULL, NULL, e->title,
                                          0, NULL};
            continue;
        }
        cells[nc++] = (rg_tspec_cell){r, 0, 1, 1, RG_ALIGN_LEFT, 0, 0, NULL, NULL, e->title, 0,
                                      NULL};
        cells[nc++] = (rg_tspec_cell){r, 1, 1, 1, RG_ALIGN_RIGHT, 0, 0, NULL, NULL,
                                      num(a, (double)(e->page + 1), 0), 0, NULL};
    }
    rg_table_layout *t = table_build(&a->lc, "1* 2cm", NULL, 0, 2, (size_t)r, cells, nc, 1, a->w);
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
    if (part->kind == RG_PART_INDICATOR)
        return astr(a, "ตัวชี้วัดที่ %s %s", part->indicator->number, part->indicator->name_text);
    return "ตารางสรุปผลการดำเนินงานตัวชี้วัด";
}

rg_status archive_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                         const rg_document *const *docs, size_t ndocs, int threads, rg_pages *pages, rg_archive_layout *out,
                         rg_archive_sink forms, rg_archive_sink front, void *user)
{
    memset(out, 0, sizeof *out);
    if (ndocs == 0 || pages->npages || pages->base)
        return RG_ERR_USAGE;
    archive_state a;
    memset(&a, 0, sizeof a);
    a.docs = docs;
    a.ndocs = ndocs;
    a.digits = docs[0]->digits;
    a.sink = forms;
    a.user = user;
    arena_init(&out->arena, ctx, 0);
    a.keep = &out->arena;
    size_t cap = 3;
    for (size_t i = 0; i < ndocs; i++)
        cap += 1 + docs[i]->nparts;
    a.entries = arena_alloc(a.keep, cap * sizeof *a.entries);
    if (!a.entries)
        return RG_ERR_NOMEM;
    rg_template *t = template_load(ctx, res->data_dir, "indicator");
    if (!t)
        return RG_ERR_TEMPLATE;
    if (!ts) {
        template_free(t);
        return RG_ERR_NOMEM;
    }
    a.lc = (rg_lctx){res->text, ctx, ts, &pages->arena, t, docs[0]->file, t->body_size, 0, NULL,
                     NULL};
    a.w = t->page_w - t->margin_l - t->margin_r;

    /* 1. The forms, streamed: each form's pages are numbered and handed on
     * as soon as they are laid out, recording each one's first page. */
    rg_status st = RG_OK;
    size_t groups = 3; /* entries[0..2] are the front matter's, filled below */
    a.nentries = 3;
    const rg_document **live = arena_alloc(a.keep, ndocs * sizeof *live);
    size_t **first = arena_alloc(a.keep, ndocs * sizeof *first);
    size_t nlive = 0;
    if (!live || !first)
        st = RG_ERR_NOMEM;
    for (size_t i = 0; st == RG_OK && i < ndocs; i++) {
        if (docs[i]->nparts == 0) /* nothing to show, not even a group entry */
            continue;
        first[nlive] = arena_alloc(a.keep, docs[i]->nparts * sizeof **first);
        if (!first[nlive])
            st = RG_ERR_NOMEM;
        live[nlive++] = docs[i];
    }
    if (st == RG_OK && nlive) {
        rg_layout_opts lo = {NULL, threads, first, form_sink, &a, 0};
        st = documents_layout(res, ctx, ts, live, nlive, pages, &lo);
    }
    for (size_t i = 0; i < nlive && st == RG_OK; i++) {
        const rg_document *d = live[i];
        add_entry(&a, astr(&a, "%s (%s)", d->department ? d->department : d->agency,
                           basename_of(d->file)),
                  0, first[i][0]);
        for (size_t k = 0; k < d->nparts; k++)
            if (first[i][k] != (size_t)-1)
                add_entry(&a, form_title(&a, &d->parts[k]), 1, first[i][k]);
    }
    if (st != RG_OK) {
        template_free(t);
        return st;
    }
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
    for (size_t i = p_scores; i < pages->npages && !rc; i++)
        rc = stamp(&a, pages, i, roman(&a, i + 1));
    template_free(t);
    if (rc || front(user, pages))
        return ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_RENDER;

    /* 3. Entries in final page indices: the front pages come first. */
    a.entries[0] = (rg_archive_entry){"ปก", 0, p_cover};
    a.entries[1] = (rg_archive_entry){"สรุปผลคะแนน", 0, p_scores};
    a.entries[2] = (rg_archive_entry){"สารบัญ", 0, p_contents};
    for (size_t i = groups; i < a.nentries; i++)
        a.entries[i].page += nfront;
    out->nfront = nfront;
    out->nforms = nforms;
    out->entries = a.entries;
    out->nentries = a.nentries;
    return RG_OK;
}

void archive_layout_free(rg_archive_layout *al) { arena_free(&al->arena); }
