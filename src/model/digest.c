/* digest.c - what an archive's front matter reads of a document, kept
 * small so an archive of thousands of sources need not hold their models.
 *
 * A whole model is about 114 KiB (blocks, tables, runs of every form); the
 * archive's cover, score summary, approval table, contents, outline, checks
 * and manifest read only the meta, the approval state and, per indicator,
 * its number, name, weight, score and evidence items.  model_digest copies
 * exactly those into a document of their own (a few hundred bytes an
 * indicator), in the same types, so the front matter is built by the same
 * code from a digest or from the whole document and prints the same bytes.
 *
 * A digest is not a report: its parts keep their kind, position and
 * template but no content (no blocks, rows, criteria; of a sign-off only
 * its roles, which the templates' check reads), so it must
 * never be laid out as a form; the archive loads the whole document again
 * for that (api/archive.c). */
#include "model/model.h"

#include <string.h>

/* Arena chunks of a digest: most take one. */
#define DIGEST_CHUNK 2048

/* A zeroed block, or NULL with *bad set. */
static void *zalloc(rg_arena *a, size_t size, int *bad)
{
    void *p = arena_alloc(a, size);
    if (p)
        memset(p, 0, size);
    else
        *bad = 1;
    return p;
}

/* A copy of s (NULL for NULL), *bad set when out of memory. */
static const char *cp(rg_arena *a, const char *s, int *bad)
{
    const char *c = arena_strdup(a, s);
    if (s && !c)
        *bad = 1;
    return c;
}

static rg_file *file_copy(rg_arena *a, const rg_file *f)
{
    int bad = 0;
    rg_file *c = zalloc(a, sizeof *c, &bad);
    if (!c)
        return NULL;
    *c = *f; /* plain values: position, size, format, picture size */
    c->written = cp(a, f->written, &bad);
    c->path = cp(a, f->path, &bad);
    c->name = cp(a, f->name, &bad);
    c->mime = cp(a, f->mime, &bad);
    /* data stays borrowed from the load options, as in the document */
    return bad ? NULL : c;
}

/* The copy of file f among the files already copied (files of a document
 * are shared by their references), made when missing. */
static const rg_file *file_of(rg_arena *a, const rg_file *f, const rg_file **from, rg_file **to,
                              size_t *n)
{
    for (size_t i = 0; i < *n; i++)
        if (from[i] == f)
            return to[i];
    rg_file *c = file_copy(a, f);
    if (c) {
        from[*n] = f;
        to[(*n)++] = c;
    }
    return c;
}

/* The roles and positions of a sign-off (what the templates' check reads,
 * load/template.c: a role the form's template does not print is warned
 * when the templates load); names, dates and signatures stay behind. */
static void signoff_digest(rg_arena *a, const rg_signoff *s, rg_signoff *d, int *bad)
{
    d->pos = s->pos;
    d->count = 0;
    d->signs = s->count ? zalloc(a, s->count * sizeof *d->signs, bad) : NULL;
    for (size_t i = 0; d->signs && i < s->count; i++) {
        d->signs[i].pos = s->signs[i].pos;
        d->signs[i].role = cp(a, s->signs[i].role, bad);
        d->signs[i].name = "";
        d->count++;
    }
}

/* What the archive reads of an indicator; the parent link is set later. */
static rg_indicator *indicator_digest(rg_arena *a, const rg_indicator *s, const rg_file **from,
                                      rg_file **to, size_t *nfiles, int *bad)
{
    rg_indicator *d = zalloc(a, sizeof *d, bad);
    if (!d)
        return NULL;
    d->pos = s->pos;
    d->number = cp(a, s->number, bad);
    d->weight = s->weight;
    d->weight_text = cp(a, s->weight_text, bad);
    d->weight_plain = cp(a, s->weight_plain, bad);
    d->template_name = cp(a, s->template_name, bad);
    memcpy(d->rounds, s->rounds, sizeof d->rounds);
    d->nrounds = s->nrounds;
    d->digits = s->digits;
    d->name_text = cp(a, s->name_text, bad);
    d->achieved = s->achieved;
    d->score_top = s->score_top;
    d->weighted = s->weighted;
    d->weighted_text = cp(a, s->weighted_text, bad);
    d->weight_dec = s->weight_dec;
    d->weighted_dec = s->weighted_dec;
    d->score_dec = s->score_dec;
    d->score_text = cp(a, s->score_text, bad);
    memcpy(d->has_round_weight, s->has_round_weight, sizeof d->has_round_weight);
    memcpy(d->round_weight, s->round_weight, sizeof d->round_weight);
    d->status = s->status;
    d->from_round = s->from_round;
    d->counted = s->counted;
    d->parent = cp(a, s->parent, bad);
    d->nchildren = s->nchildren;
    d->scored = s->scored;
    d->note = s->note;
    d->note_self = s->note_self;
    signoff_digest(a, &s->signoff, &d->signoff, bad);
    d->items = arena_alloc(a, (s->nitems + 1) * sizeof *d->items);
    if (!d->items) {
        *bad = 1;
        return d;
    }
    for (size_t k = 0; k < s->nitems; k++) {
        const rg_evidence_item *e = s->items[k];
        rg_evidence_item *c = zalloc(a, sizeof *c, bad);
        if (!c)
            return d;
        c->number = e->number;
        c->label = cp(a, e->label, bad);
        c->title_text = cp(a, e->title_text ? e->title_text : "", bad);
        c->file = e->file ? file_of(a, e->file, from, to, nfiles) : NULL;
        if (e->file && !c->file)
            *bad = 1;
        d->items[d->nitems++] = c;
    }
    return d;
}

static rg_summary *summary_digest(rg_arena *a, const rg_summary *s, int *bad)
{
    rg_summary *d = zalloc(a, sizeof *d, bad);
    if (!d)
        return NULL;
    d->pos = s->pos;
    d->template_name = cp(a, s->template_name, bad);
    d->digits = s->digits;
    d->has_subtitle = s->has_subtitle;
    return d;
}

rg_document *model_digest(rg_context *ctx, const rg_document *s)
{
    rg_document *d = rg_malloc(ctx, sizeof *d);
    if (!d)
        return NULL;
    memset(d, 0, sizeof *d);
    arena_init(&d->arena, ctx, DIGEST_CHUNK);
    rg_arena *a = &d->arena;
    int bad = 0;
    d->file = cp(a, s->file, &bad);
    d->pos = s->pos;
    d->digits = s->digits;
    d->complete = s->complete;
    d->rounding = s->rounding;
    d->total = s->total;
    d->agency = cp(a, s->agency, &bad);
    d->department = cp(a, s->department, &bad);
    d->fiscal_year = s->fiscal_year;
    d->round = s->round;
    d->title = cp(a, s->title, &bad);
    memcpy(d->meta_pos, s->meta_pos, sizeof d->meta_pos);
    d->has_date = s->has_date;
    d->year = s->year;
    d->month = s->month;
    d->day = s->day;
    d->date_text = cp(a, s->date_text, &bad);
    d->status = s->status;
    d->status.submitted_by = cp(a, s->status.submitted_by, &bad);
    d->status.submitted_on = cp(a, s->status.submitted_on, &bad);
    d->status.approved_by = cp(a, s->status.approved_by, &bad);
    d->status.approved_on = cp(a, s->status.approved_on, &bad);
    signoff_digest(a, &s->signoff, &d->signoff, &bad);
    /* Files: those the evidence items name, each copied once. */
    const rg_file **from = rg_malloc(ctx, (s->nfiles + 1) * sizeof *from);
    rg_file **to = rg_malloc(ctx, (s->nfiles + 1) * sizeof *to);
    size_t nfiles = 0;
    d->parts = arena_alloc(a, (s->nparts + 1) * sizeof *d->parts);
    d->indicators = arena_alloc(a, (s->nindicators + 1) * sizeof *d->indicators);
    d->summaries = arena_alloc(a, (s->nsummaries + 1) * sizeof *d->summaries);
    d->files = arena_alloc(a, (s->nfiles + 1) * sizeof *d->files);
    if (!from || !to || !d->parts || !d->indicators || !d->summaries || !d->files)
        bad = 1;
    for (size_t i = 0; !bad && i < s->nparts; i++) {
        const rg_part *p = &s->parts[i];
        rg_part *q = &d->parts[d->nparts++];
        q->kind = p->kind;
        q->indicator = NULL;
        q->summary = NULL;
        if (p->kind == RG_PART_INDICATOR) {
            q->indicator = indicator_digest(a, p->indicator, from, to, &nfiles, &bad);
            if (q->indicator)
                d->indicators[d->nindicators++] = q->indicator;
        } else {
            q->summary = summary_digest(a, p->summary, &bad);
            if (q->summary)
                d->summaries[d->nsummaries++] = q->summary;
        }
    }
    /* Parent links, by position: the k-th indicator of both lists. */
    for (size_t i = 0; !bad && i < s->nindicators && i < d->nindicators; i++) {
        const rg_indicator *p = s->indicators[i]->parent_ind;
        for (size_t k = 0; p && k < s->nindicators; k++)
            if (s->indicators[k] == p)
                d->indicators[i]->parent_ind = d->indicators[k];
    }
    for (size_t i = 0; !bad && i < nfiles; i++)
        d->files[d->nfiles++] = to[i];
    rg_free(ctx, from);
    rg_free(ctx, to);
    if (bad || d->nindicators != s->nindicators || d->nsummaries != s->nsummaries) {
        rg_document_free(d);
        ctx->out_of_memory = 1;
        return NULL;
    }
    return d;
}
