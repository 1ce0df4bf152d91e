/* sheet.c - the score sheet of several sources: departments, their
 * indicators and subtotals, and the agency's total (model.h, "score
 * sheet").
 *
 * Design: the archive's score summary (layout/archive.c) prints what this
 * computes; the layout only places the figures.  Sources naming the same
 * <department> form one group, in the order their first source comes (a
 * source naming none is the agency's own group, named after its agency or
 * the sheet's).  Each group's subtotal and the agency's total are
 * model_total over their indicators: Σ(weight × score) / Σ weight over
 * those counted in the round, rounded once by the first source's rounding
 * (its decimals= and rounding=), the same rule as a single report's total.
 * Everything lives in the caller's arena; nothing is freed piece by piece. */
#include "model/model.h"
#include "util/strmap.h"

#include <string.h>

/* The count indicators of docs[0..n-1], in order, into the arena; NULL
 * when out of memory. */
static const rg_indicator **gather(rg_arena *a, const rg_document *const *docs, size_t n,
                                   size_t count)
{
    const rg_indicator **v = arena_alloc(a, (count + 1) * sizeof *v);
    size_t k = 0;
    for (size_t i = 0; v && i < n; i++)
        for (size_t j = 0; j < docs[i]->nindicators; j++)
            v[k++] = docs[i]->indicators[j];
    return v;
}

int model_score_sheet(rg_arena *a, const rg_document *const *docs, size_t n, const char *agency,
                      rg_score_sheet *out)
{
    memset(out, 0, sizeof *out);
    out->rounding = n ? docs[0]->rounding : (rg_rounding){4, RG_ROUND_HALF_UP};
    if (!n)
        return 0;
    out->groups = arena_alloc(a, n * sizeof *out->groups);
    size_t *of = arena_alloc(a, n * sizeof *of);
    if (!out->groups || !of)
        return -1;
    rg_strmap m;
    strmap_init(&m, a->ctx);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const rg_document *d = docs[i];
        const char *name = d->department ? d->department : d->agency ? d->agency : agency;
        int added = 0;
        size_t *slot = strmap_insert(&m, name ? name : "", &added);
        if (!slot) {
            rc = -1;
            break;
        }
        if (added) {
            *slot = out->ngroups;
            out->groups[out->ngroups++] = (rg_score_group){.name = name ? name : ""};
        }
        of[i] = *slot;
        out->groups[*slot].ndocs++;
        out->groups[*slot].ninds += d->nindicators;
        out->nall += d->nindicators;
    }
    strmap_free(&m);
    for (size_t g = 0; g < out->ngroups && rc == 0; g++) {
        rg_score_group *gr = &out->groups[g];
        gr->docs = arena_alloc(a, gr->ndocs * sizeof *gr->docs);
        gr->idx = arena_alloc(a, gr->ndocs * sizeof *gr->idx);
        rc = gr->docs && gr->idx ? 0 : -1;
        gr->ndocs = 0;
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        rg_score_group *gr = &out->groups[of[i]];
        gr->idx[gr->ndocs] = i;
        gr->docs[gr->ndocs++] = docs[i];
    }
    /* the agency's indicators department by department, as the sheet lists them */
    const rg_indicator **all = rc ? NULL : arena_alloc(a, (out->nall + 1) * sizeof *all);
    size_t k = 0;
    rc = rc || !all;
    for (size_t g = 0; g < out->ngroups && rc == 0; g++) {
        rg_score_group *gr = &out->groups[g];
        gr->inds = gather(a, gr->docs, gr->ndocs, gr->ninds);
        if (!gr->inds) {
            rc = -1;
            break;
        }
        memcpy(all + k, gr->inds, gr->ninds * sizeof *all);
        k += gr->ninds;
        model_total(gr->inds, gr->ninds, out->rounding, &gr->total);
    }
    if (rc)
        return -1;
    out->all = all;
    model_total(all, out->nall, out->rounding, &out->total);
    return 0;
}
