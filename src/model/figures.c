/* figures.c - the public score accessors (raingan.h, "scores").
 *
 * Design: the model already holds every figure exactly (rg_dec) and every
 * working as text (model_check); these accessors only choose one and
 * write it as ASCII decimal text into the caller's buffer, so a CLI, a web
 * server or a test reads the same numbers the forms print, never a binary
 * double.  Nothing is allocated; the document is not changed, so any
 * number of threads may read one document. */
#include "model/model.h"
#include "raingan.h"

#include <stdio.h>

/* The i-th indicator or NULL past the end. */
static const rg_indicator *ind_at(const rg_document *doc, size_t i)
{
    return doc && i < doc->nindicators ? doc->indicators[i] : NULL;
}

static const rg_targets *target_at(const rg_document *doc, size_t k)
{
    return doc && k < doc->ntargets ? doc->targets[k].targets : NULL;
}

/* Write v into buf, as a weight (model_weight_str: the decimals the
 * source wrote) or else in its shortest exact form; 0.  Or "" and -1 when
 * !have. */
static int put_as(int have, int weight, rg_dec v, char *buf, size_t size)
{
    char tmp[64];
    if (!buf || !size)
        return -1;
    if (!have) {
        buf[0] = 0;
        return -1;
    }
    snprintf(buf, size, "%s", weight ? model_weight_str(v, tmp, sizeof tmp)
                                     : dec_str(v, tmp, sizeof tmp));
    return 0;
}

static int put(int have, rg_dec v, char *buf, size_t size)
{
    return put_as(have, 0, v, buf, size);
}

int rg_indicator_figure(const rg_document *doc, size_t i, rg_score_field f, char *buf,
                        size_t size)
{
    const rg_indicator *ind = ind_at(doc, i);
    const rg_calc_row *row = ind && ind->nrows ? &ind->rows[0] : NULL;
    switch (f) {
    case RG_FIELD_WEIGHT:
        return put_as(ind != NULL, 1, ind ? ind->weight_dec : dec_from_int(0), buf, size);
    case RG_FIELD_RESULT:
        return put(row && row->has_value, row ? row->value : dec_from_int(0), buf, size);
    case RG_FIELD_SCORE:
        return put(ind && ind->scored, ind ? ind->score_dec : dec_from_int(0), buf, size);
    case RG_FIELD_STATED:
        return put(row && row->has_score, row ? row->stated_score : dec_from_int(0), buf, size);
    case RG_FIELD_SELF:
        return put(row && row->has_self, row ? row->self_score : dec_from_int(0), buf, size);
    case RG_FIELD_WEIGHTED:
        return put(ind && ind->scored, ind ? ind->weighted_dec : dec_from_int(0), buf, size);
    }
    return put(0, dec_from_int(0), buf, size);
}

const char *rg_indicator_method(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = ind_at(doc, i);
    return ind && ind->nrows ? score_method_name(ind->rows[0].method) : NULL;
}

const char *rg_indicator_working(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = ind_at(doc, i);
    return ind && ind->nrows ? ind->rows[0].working_plain : NULL;
}

const char *rg_indicator_status(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = ind_at(doc, i);
    if (!ind)
        return NULL;
    if (ind->status == RG_STATUS_CANCELLED)
        return "cancelled";
    if (ind->status == RG_STATUS_LATE)
        return "late";
    if (ind->parent_ind)
        return "sub-indicator";
    return ind->counted ? "counted" : "unscored";
}

int rg_document_decimals(const rg_document *doc) { return doc ? doc->rounding.places : 0; }

const char *rg_document_rounding(const rg_document *doc)
{
    return doc ? dec_round_mode_name(doc->rounding.mode) : NULL;
}

int rg_document_total(const rg_document *doc, rg_score_field f, char *buf, size_t size)
{
    if (!doc)
        return put(0, dec_from_int(0), buf, size);
    const rg_total *t = &doc->total;
    if (f == RG_FIELD_WEIGHT)
        return put_as(1, 1, t->weight, buf, size);
    if (f == RG_FIELD_WEIGHTED)
        return put(1, t->weighted, buf, size);
    if (f == RG_FIELD_SCORE)
        return put(t->has_score, t->score, buf, size);
    return put(0, dec_from_int(0), buf, size);
}

size_t rg_document_total_counted(const rg_document *doc) { return doc ? doc->total.counted : 0; }

size_t rg_document_total_left_out(const rg_document *doc)
{
    return doc ? doc->total.left_out : 0;
}

size_t rg_document_target_count(const rg_document *doc) { return doc ? doc->ntargets : 0; }

const char *rg_target_number(const rg_document *doc, size_t k)
{
    return target_at(doc, k) ? doc->targets[k].number : NULL;
}

const char *rg_target_method(const rg_document *doc, size_t k)
{
    const rg_targets *t = target_at(doc, k);
    return t ? score_method_name(t->method) : NULL;
}

const char *rg_target_reached(const rg_document *doc, size_t k)
{
    static const char *const names[] = {"none", "basic", "standard", "advanced"};
    const rg_targets *t = target_at(doc, k);
    return t && t->reached >= RG_TARGET_NONE && t->reached <= RG_TARGET_ADVANCED
               ? names[t->reached]
               : NULL;
}

int rg_target_figure(const rg_document *doc, size_t k, rg_score_field f, char *buf, size_t size)
{
    const rg_targets *t = target_at(doc, k);
    if (f == RG_FIELD_RESULT)
        return put(t && t->has_value, t ? t->value_dec : dec_from_int(0), buf, size);
    if (f == RG_FIELD_SCORE)
        return put(t && t->scored, t ? t->score : dec_from_int(0), buf, size);
    if (f == RG_FIELD_STATED)
        return put(t && t->has_score, t ? t->stated_score : dec_from_int(0), buf, size);
    return put(0, dec_from_int(0), buf, size);
}

const char *rg_target_working(const rg_document *doc, size_t k)
{
    const rg_targets *t = target_at(doc, k);
    return t ? t->working_plain : NULL;
}
