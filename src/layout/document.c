/* document.c - laying out a whole report.
 *
 * Each form (indicator or summary) starts on a new page, is built into a
 * vlist by its form module using its template, and paginated into the
 * frame the template's margins leave.  Then its page numbers are added in
 * the template's style ("- ๒ -" centred at the top by default, not on the
 * form's first page; "หน้า ๑/๓" and "1/3" know the form's page count,
 * because numbering runs after the form's pagination).  Templates come
 * loaded and checked (rg_layout_res); layout only reads them.  A caller writing a PDF passes a sink
 * and gets the pages form by form, so a 1,000-form archive holds one
 * form's layout at a time instead of all of them. */
#include "layout/document.h"
#include "layout/form.h"
#include "layout/official.h"
#include "layout/pager.h"

#include <stdio.h>

#include <pthread.h>
#include <string.h>
#include <unistd.h>

/* The template of a form: loaded and checked (its kind too) before layout
 * in the load stage; a name missing here is the caller's mistake. */
static const rg_template *get_template(const rg_layout_res *res, rg_context *ctx,
                                       const char *name, const char *file, rg_pos pos)
{
    const rg_template *t = templates_find(&res->templates, name);
    if (!t)
        rg_diag(ctx, RG_ERROR, "internal", file, pos.line, pos.col, NULL,
                "template '%s' was not loaded before layout", name);
    return t;
}

const rg_textres *layout_res_text(const rg_layout_res *res, const rg_template *t)
{
    for (size_t i = 0; res->tpl_text && i < res->templates.n; i++)
        if (res->templates.entries[i].t == t && res->tpl_text[i])
            return res->tpl_text[i];
    return res->text;
}

const char *document_pdf_title(const rg_layout_res *res, const rg_document *doc)
{
    if (doc->title)
        return doc->title;
    const char *name = "indicator";
    if (doc->nparts)
        name = doc->parts[0].kind == RG_PART_INDICATOR ? doc->parts[0].indicator->template_name
                                                        : doc->parts[0].summary->template_name;
    const rg_template *t = templates_find(&res->templates, name);
    return t ? t->labels.pdf_title : NULL;
}

static const char *page_label(rg_lctx *lc, rg_pagenum_style style, size_t n, size_t total,
                              rg_digits digits)
{
    char *a = model_format_number(lc->arena, (double)n, 0, digits);
    char *b = model_format_number(lc->arena, (double)total, 0, digits);
    /* page-of's words are the template's label; the others are marks. */
    const char *pattern = style == PAGENUM_DASH      ? "- {n} -"
                          : style == PAGENUM_PAGE_OF ? lc->tpl->labels.page_of
                                                     : "{n}/{total}";
    char *s = a && b ? form_subst(lc, pattern, "{n}", a) : NULL;
    return s ? form_subst(lc, s, "{total}", b) : NULL;
}

/* Add page numbers to pages [first, pages->npages). */
static int number_pages(rg_lctx *lc, rg_pages *pages, size_t first, rg_digits digits)
{
    const rg_template *t = lc->tpl;
    if (t->pagenum == PAGENUM_NONE)
        return 0;
    size_t total = pages->npages - first;
    for (size_t i = first; i < pages->npages; i++) {
        size_t n = i - first + 1;
        if (n == 1 && !t->pagenum_first)
            continue;
        rg_vlist v = {0};
        rg_mpt w = t->page_w - t->margin_l - t->margin_r;
        rg_align al = t->pagenum_pos == PAGENUM_BOTTOM_RIGHT ? RG_ALIGN_RIGHT : RG_ALIGN_CENTER;
        rg_textstyle st = {t->body_size, 0, al, 0};
        const char *label = page_label(lc, t->pagenum, n, total, digits);
        if (!label || flow_text(lc, &v, label, &st, 0, w, 0))
            return -1;
        rg_mpt y = t->pagenum_pos == PAGENUM_TOP_CENTER
                       ? (t->margin_t - v.items[0].strip.h) / 2
                       : t->page_h - t->margin_b + (t->margin_b - v.items[0].strip.h) / 2;
        rg_pager p = {pages, &pages->pages[i], t->page_w, t->page_h, t->margin_l, 0, 0, 0, 0,
                      NULL};
        if (place_strip(&p, &v.items[0].strip, t->margin_l, y))
            return -1;
    }
    return 0;
}

/* One form to lay out: part `part` of docs[doc]. */
typedef struct form_ref {
    size_t doc, part;
    int lines;           /* source lines to the next part: a guess at its size */
    size_t budget;       /* the layout work its whole document may take: the run's
                            work_limit + RG_LAYOUT_WORK_PER_FORM for each of the
                            document's forms in the run */
} form_ref;

static int part_line(const rg_part *p)
{
    return p->kind == RG_PART_INDICATOR ? p->indicator->pos.line : p->summary->pos.line;
}

/* Source lines from part i to the next (the last part: as many as the
 * longest other part, an overestimate that only makes it start early). */
static int part_lines(const rg_document *doc, size_t i)
{
    if (i + 1 < doc->nparts)
        return part_line(&doc->parts[i + 1]) - part_line(&doc->parts[i]);
    int most = 0;
    for (size_t k = 0; k + 1 < doc->nparts; k++) {
        int n = part_line(&doc->parts[k + 1]) - part_line(&doc->parts[k]);
        most = n > most ? n : most;
    }
    return most;
}

/* What every form of one run shares (read-only but for the cache). */
typedef struct run {
    const rg_layout_res *res;
    rg_textstate *ts;    /* the calling thread's */
    const rg_document *const *docs;
    const rg_layout_opts *o;
    form_ref *forms;
    size_t nforms;
    size_t work_limit;   /* per document */
} run;

/* Lay out form f into pages (numbered, after any pages already there),
 * reporting to ctx and taking at most *budget units of work (what is left
 * stays in *budget).  Returns RG_OK, RG_ERR_TEMPLATE, or RG_ERR_INVALID for
 * any other failure (form_status tells which). */
static rg_status form_layout(run *r, rg_context *ctx, rg_textstate *ts, const form_ref *f,
                       rg_pages *pages, size_t *budget)
{
    const rg_document *doc = r->docs[f->doc];
    const rg_part *part = &doc->parts[f->part];
    const char *tname = part->kind == RG_PART_INDICATOR ? part->indicator->template_name
                                                         : part->summary->template_name;
    rg_pos pos = part->kind == RG_PART_INDICATOR ? part->indicator->pos : part->summary->pos;
    const rg_template *t = get_template(r->res, ctx, tname, doc->file, pos);
    if (!t)
        return RG_ERR_TEMPLATE;
    rg_lctx lc = {.text = layout_res_text(r->res, t),
                  .ctx = ctx,
                  .ts = ts,
                  .arena = &pages->arena,
                  .tpl = t,
                  .file = doc->file,
                  .rounding = doc->rounding,
                  .size = t->body_size,
                  .work_left = budget};
    rg_vlist v = {0};
    rg_mpt w = t->page_w - t->margin_l - t->margin_r;
    int rc;
    rg_digits digits;
    if (part->kind == RG_PART_INDICATOR) {
        /* Named destinations ("#evidence-3") are the form's own: scoped by
         * the document's place in the run and the indicator number. */
        char scope[160];
        snprintf(scope, sizeof scope, "d%zu/%s/", r->o->doc_base + f->doc + 1,
                 part->indicator->number ? part->indicator->number : "");
        lc.scope = arena_strdup(&pages->arena, scope);
        lc.size = t->body_size;
        rc = !lc.scope || form_indicator(&lc, doc, part->indicator, &v, w);
        digits = part->indicator->digits;
    } else {
        lc.size = t->table_size;
        rc = form_summary(&lc, doc, part->summary, &v, w);
        digits = part->summary->digits;
    }
    /* The whole report's sign-off closes its last form. */
    if (!rc && f->part + 1 == doc->nparts && doc->signoff.count) {
        lc.size = t->body_size;
        rc = flow_signoff(&lc, &v, &doc->signoff, template_section(t, "signoff"), digits, w);
    }
    size_t first = pages->npages;
    rg_pager p = {pages, NULL, t->page_w, t->page_h, t->margin_l, t->margin_t,
                  t->page_h - t->margin_b, 0, first, budget};
    return rc || pager_place(&p, &v) ||
                   (!r->o->no_numbers && number_pages(&lc, pages, first, digits)) ||
                   (doc->status.state == RG_STATE_DRAFT && pages_mark_draft(&lc, pages, first))
               ? RG_ERR_INVALID
               : RG_OK;
}

/* The status of form f, laid out with result lst into pages that now end
 * at page `end` of the whole list, after it used `used` units of work of
 * which `left` were left for the rest of the document.  Reports the
 * limits it hit to ctx. */
static rg_status form_status(run *r, rg_context *ctx, const form_ref *f, rg_status lst,
                             size_t end, size_t limit, size_t used, size_t left)
{
    if (lst == RG_ERR_TEMPLATE)
        return lst;
    int rc = lst != RG_OK;
    const rg_document *doc = r->docs[f->doc];
    const rg_part *part = &doc->parts[f->part];
    rg_pos pos = part->kind == RG_PART_INDICATOR ? part->indicator->pos : part->summary->pos;
    if (end > limit || (rc && end >= limit)) {
        rg_diag(ctx, RG_ERROR, "too-many-pages", doc->file, pos.line, pos.col,
                "split the report into several files",
                "the PDF would have more than %zu pages (the limit)", limit);
        return RG_ERR_LIMIT;
    }
    if (used > left || (rc && used == left)) {
        size_t nforms = (f->budget - r->work_limit) / RG_LAYOUT_WORK_PER_FORM;
        rg_diag(ctx, RG_ERROR, "too-complex", doc->file, pos.line, pos.col,
                "split the report into several files; tables nested in auto-width "
                "columns are laid out twice per level, so give them fixed widths "
                "(widths=\"3cm 2*\")",
                "the report's layout work passes its bound at this form (%zu units for "
                "%zu form%s; a unit is a byte of text or a table cell)",
                f->budget, nforms, nforms == 1 ? "" : "s");
        return RG_ERR_LIMIT;
    }
    /* Layout fails only for memory or for the input (a table over 64
     * columns ...): an input error, exit 1, not an internal one. */
    if (rc)
        return ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_INVALID;
    return RG_OK;
}

/* ---- on the calling thread ------------------------------------------------------ */

static rg_status layout_serial(run *r, rg_context *ctx, rg_pages *pages)
{
    rg_textstate *ts = r->ts;
    size_t left = 0; /* of the current document's budget */
    for (size_t k = 0; k < r->nforms; k++) {
        const form_ref *f = &r->forms[k];
        if (k == 0 || f->doc != r->forms[k - 1].doc)
            left = f->budget; /* each document has its own */
        if (r->o->part_first)
            r->o->part_first[f->doc][f->part] = pages->base + pages->npages;
        size_t budget = left;
        rg_status lst = form_layout(r, ctx, ts, f, pages, &budget);
        rg_status st = form_status(r, ctx, f, lst, pages->base + pages->npages,
                                   pages_limit(pages), left - budget, left);
        if (st != RG_OK)
            return st;
        left = budget;
        if (r->o->sink) {
            if (r->o->sink(r->o->user, pages))
                return ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_RENDER;
            pages_reset(pages);
        }
    }
    return RG_OK;
}

/* ---- on worker threads ----------------------------------------------------------- */

/* One form being laid out or waiting for its turn. */
typedef struct slot {
    int taken;         /* a thread lays it out (guarded by par.lock) */
    int done;          /* the worker finished it (guarded by par.lock) */
    rg_context *ctx;   /* its diagnostics and allocations; NULL when out of memory */
    rg_pages pages;    /* its pages, numbered from 1 */
    rg_status st;      /* form_layout's result */
    size_t used;       /* work it took */
} slot;

typedef struct par {
    run *r;
    rg_context *parent;        /* the caller's context: its allocator */
    slot *slots;               /* window: form k lives in slots[k % nslots] */
    size_t nslots;
    pthread_mutex_t lock;
    pthread_cond_t ready;      /* a slot was finished */
    pthread_cond_t room;       /* the window moved, or stop */
    size_t ntaken;             /* forms taken so far */
    size_t consumed;           /* forms handed to the sink */
    int stop;                  /* the caller gave up: take no more */
    size_t limit;              /* page bound of the whole list */
} par;

typedef struct worker {
    par *p;
    rg_context *ctx;           /* owns the worker's text state */
    rg_textstate *ts;
    pthread_t thread;
    int running;
} worker;

/* Lay out form k into its slot with text state ts (any thread). */
static void slot_layout(par *p, size_t k, rg_textstate *ts)
{
    slot *s = &p->slots[k % p->nslots];
    s->ctx = context_new_child(p->parent);
    s->st = RG_ERR_NOMEM;
    if (s->ctx) {
        pages_init(&s->pages, s->ctx);
        s->pages.max_pages = p->limit;
        size_t budget = p->r->forms[k].budget; /* the document's total is checked in order */
        s->st = form_layout(p->r, s->ctx, ts, &p->r->forms[k], &s->pages, &budget);
        s->used = p->r->forms[k].budget - budget;
    }
}

/* Under p->lock: the form a thread should lay out next, or (size_t)-1.
 * Only forms within the window [consumed, consumed + nslots) have a free
 * slot.  For the calling thread (largest 0): the first untaken one, the
 * form the sink waits for.  For a worker (largest 1): the one with the
 * most source lines, so the longest form starts first and does not finish
 * last (the five-form sample's third form is 9 of its 22 pages). */
static size_t pick(par *p, int largest)
{
    if (p->stop)
        return (size_t)-1;
    size_t end = p->consumed + p->nslots, best = (size_t)-1;
    if (end > p->r->nforms)
        end = p->r->nforms;
    for (size_t k = p->consumed; k < end; k++) {
        const slot *s = &p->slots[k % p->nslots];
        if (s->taken || s->done)
            continue;
        if (!largest)
            return k;
        if (best == (size_t)-1 || p->r->forms[k].lines > p->r->forms[best].lines)
            best = k;
    }
    return best;
}

/* Under p->lock: take form k. */
static void take(par *p, size_t k)
{
    p->slots[k % p->nslots].taken = 1;
    p->ntaken++;
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    par *p = w->p;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        size_t k;
        while ((k = pick(p, 1)) == (size_t)-1 && !p->stop && p->ntaken < p->r->nforms)
            pthread_cond_wait(&p->room, &p->lock);
        if (k == (size_t)-1)
            break;
        take(p, k);
        pthread_mutex_unlock(&p->lock);
        slot_layout(p, k, w->ts);
        pthread_mutex_lock(&p->lock);
        p->slots[k % p->nslots].done = 1;
        pthread_cond_broadcast(&p->ready);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void slot_free(slot *s)
{
    if (s->ctx) {
        pages_free(&s->pages);
        rg_context_free(s->ctx);
    }
    memset(s, 0, sizeof *s);
}

/* nthreads workers lay out forms; the calling thread hands finished forms
 * to the sink in order and, while the next one is not finished, lays out
 * forms too rather than wait (on the sample, 51.5 ms cold against 54.6
 * with one worker fewer; a 1,000-form archive takes the same time). */
static rg_status layout_parallel(run *r, rg_context *ctx, rg_pages *pages, int nthreads)
{
    rg_textstate *own_ts = r->ts;
    par p;
    memset(&p, 0, sizeof p);
    p.r = r;
    p.parent = ctx;
    p.nslots = 2 * (size_t)nthreads + 3;
    p.limit = pages_limit(pages);
    p.slots = rg_calloc(ctx, p.nslots, sizeof *p.slots);
    worker *ws = rg_calloc(ctx, (size_t)nthreads, sizeof *ws);
    if (!p.slots || !ws) {
        rg_free(ctx, p.slots);
        rg_free(ctx, ws);
        return RG_ERR_NOMEM;
    }
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.ready, NULL);
    pthread_cond_init(&p.room, NULL);
    rg_status st = RG_OK;
    /* Text states are made here, so their failures are reported here. */
    for (int i = 0; i < nthreads && st == RG_OK; i++) {
        ws[i].p = &p;
        ws[i].ctx = context_new_child(ctx);
        ws[i].ts = ws[i].ctx ? textres_state_new(r->res->text, ws[i].ctx) : NULL;
        if (!ws[i].ts) {
            if (ws[i].ctx)
                context_move_diagnostics(ctx, ws[i].ctx);
            st = RG_ERR_NOMEM;
        }
    }
    /* A worker that cannot start leaves its share to the calling thread. */
    for (int i = 0; i < nthreads && st == RG_OK; i++)
        ws[i].running = pthread_create(&ws[i].thread, NULL, worker_main, &ws[i]) == 0;

    size_t left = 0; /* of the current document's budget */
    for (size_t k = 0; k < r->nforms && st == RG_OK; k++) {
        slot *s = &p.slots[k % p.nslots];
        if (k == 0 || r->forms[k].doc != r->forms[k - 1].doc)
            left = r->forms[k].budget;
        pthread_mutex_lock(&p.lock);
        while (!s->done) {
            size_t j = pick(&p, 0);
            if (j != (size_t)-1) { /* help rather than wait */
                take(&p, j);
                pthread_mutex_unlock(&p.lock);
                slot_layout(&p, j, own_ts);
                pthread_mutex_lock(&p.lock);
                p.slots[j % p.nslots].done = 1;
                continue;
            }
            pthread_cond_wait(&p.ready, &p.lock);
        }
        pthread_mutex_unlock(&p.lock);

        const form_ref *f = &r->forms[k];
        if (r->o->part_first)
            r->o->part_first[f->doc][f->part] = pages->base;
        if (!s->ctx) {
            ctx->out_of_memory = 1;
            st = RG_ERR_NOMEM;
        } else {
            context_move_diagnostics(ctx, s->ctx);
            st = form_status(r, ctx, f, s->st, pages->base + s->pages.npages, p.limit, s->used,
                             left);
        }
        if (st == RG_OK) {
            left -= s->used;
            s->pages.base = pages->base;
            if (r->o->sink(r->o->user, &s->pages))
                st = ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_RENDER;
            pages->base += s->pages.npages;
        }
        /* The slot is emptied under the lock: emptied outside it, a worker
         * picking in the window (which still holds k) would see form k
         * untaken and lay it out again into the slot of form k + nslots. */
        pthread_mutex_lock(&p.lock);
        slot_free(s);
        p.consumed = k + 1;
        if (st != RG_OK)
            p.stop = 1;
        pthread_cond_broadcast(&p.room);
        pthread_mutex_unlock(&p.lock);
    }

    pthread_mutex_lock(&p.lock);
    p.stop = 1;
    pthread_cond_broadcast(&p.room);
    pthread_mutex_unlock(&p.lock);
    for (int i = 0; i < nthreads; i++) {
        if (ws[i].running)
            pthread_join(ws[i].thread, NULL);
        textstate_free(ws[i].ts);
        rg_context_free(ws[i].ctx);
    }
    for (size_t i = 0; i < p.nslots; i++)
        slot_free(&p.slots[i]);
    pthread_cond_destroy(&p.room);
    pthread_cond_destroy(&p.ready);
    pthread_mutex_destroy(&p.lock);
    rg_free(ctx, p.slots);
    rg_free(ctx, ws);
    return st;
}

/* ---- the entry points ---------------------------------------------------------------- */

/* The number of layout threads `requested` means (0: one per CPU, at
 * most 8). */
static int layout_threads(int requested)
{
    if (requested > 0)
        return requested > 64 ? 64 : requested;
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

/* The numbers of the indicators docs have, in order ("1.1, 1.2, 2"), into
 * out for the no-such-indicator message: cut with ", …" where out would
 * overflow; "" when there are none. */
static void indicator_numbers(const rg_document *const *docs, size_t ndocs, char *out, size_t size)
{
    size_t len = 0;
    out[0] = 0;
    for (size_t d = 0; d < ndocs; d++)
        for (size_t i = 0; i < docs[d]->nparts; i++) {
            if (docs[d]->parts[i].kind != RG_PART_INDICATOR)
                continue;
            const char *num = docs[d]->parts[i].indicator->number;
            if (len + strlen(num) + 2 + sizeof ", …" > size) {
                snprintf(out + len, size - len, ", …");
                return;
            }
            len += (size_t)snprintf(out + len, size - len, "%s%s", len ? ", " : "", num);
        }
}

rg_status documents_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                           const rg_document *const *docs, size_t ndocs, rg_pages *pages,
                           const rg_layout_opts *o)
{
    if (!ts)
        return RG_ERR_NOMEM; /* the caller's text state could not be made */
    run r;
    memset(&r, 0, sizeof r);
    r.res = res;
    r.ts = ts;
    r.docs = docs;
    r.o = o;
    r.work_limit = o->work_limit ? o->work_limit : RG_MAX_LAYOUT_WORK;
    size_t cap = 0;
    for (size_t d = 0; d < ndocs; d++)
        cap += docs[d]->nparts;
    r.forms = rg_malloc(ctx, (cap ? cap : 1) * sizeof *r.forms);
    if (!r.forms)
        return RG_ERR_NOMEM;
    int found = 0;
    for (size_t d = 0; d < ndocs; d++)
        for (size_t i = 0; i < docs[d]->nparts; i++) {
            const rg_part *part = &docs[d]->parts[i];
            if (o->part_first)
                o->part_first[d][i] = (size_t)-1;
            if (o->only && (o->only[0] ? part->kind != RG_PART_INDICATOR ||
                                             strcmp(part->indicator->number, o->only)
                                       : part->kind != RG_PART_SUMMARY))
                continue;
            found = 1;
            r.forms[r.nforms++] = (form_ref){d, i, part_lines(docs[d], i), 0};
        }
    /* Each document's budget grows with its number of forms (their
     * template labels are laid out once per form). */
    for (size_t k = 0, k0 = 0; k <= r.nforms; k++)
        if (k == r.nforms || r.forms[k].doc != r.forms[k0].doc) {
            for (size_t j = k0; j < k; j++)
                r.forms[j].budget = r.work_limit + (k - k0) * RG_LAYOUT_WORK_PER_FORM;
            k0 = k;
        }

    int threads = layout_threads(o->threads);
    if ((size_t)threads > r.nforms)
        threads = (int)r.nforms;
    rg_status st = o->sink && threads > 1 ? layout_parallel(&r, ctx, pages, threads)
                                          : layout_serial(&r, ctx, pages);

    if (st == RG_OK && o->only && !found) {
        char have[256];
        indicator_numbers(docs, ndocs, have, sizeof have);
        if (o->only[0] && have[0])
            rg_diag(ctx, RG_ERROR, "no-such-indicator", ndocs ? docs[0]->file : NULL, 0, 0, NULL,
                    "the document has no indicator numbered '%s'; it has %s", o->only, have);
        else if (o->only[0])
            rg_diag(ctx, RG_ERROR, "no-such-indicator", ndocs ? docs[0]->file : NULL, 0, 0, NULL,
                    "the document has no indicator numbered '%s'; it has no indicators", o->only);
        else
            rg_diag(ctx, RG_ERROR, "no-such-indicator", ndocs ? docs[0]->file : NULL, 0, 0,
                    NULL, "the document has no summary table");
        st = RG_ERR_USAGE;
    }
    rg_free(ctx, r.forms);
    if (st == RG_OK && pages->npages == 0 && pages->base == 0) {
        if (!pages_add(pages, RG_PT(595.276), RG_PT(841.89)))
            st = RG_ERR_NOMEM;
        else if (o->sink && o->sink(o->user, pages))
            st = RG_ERR_RENDER;
    }
    return st;
}

rg_status document_layout(const rg_layout_res *res, rg_context *ctx, rg_textstate *ts,
                          const rg_document *doc, const char *only, rg_pages *pages,
                          rg_form_sink sink, void *user)
{
    rg_layout_opts o = {only, 1, NULL, sink, user, 0, 0, 0};
    return documents_layout(res, ctx, ts, &doc, 1, pages, &o);
}
