/* check.c - semantic checks and computed fields of a built document.
 *
 * Design: the builder (load/build.c) reports what one attribute alone can
 * get wrong (ranges, dates); this pass reports what needs several values
 * together, and fills in the derived fields the layout prints, so the
 * layout never recomputes a score.  Rules and codes (docs/format.md):
 *   weighted-mismatch  row weighted= differs from weight*score/100 by > 0.005
 *   level-mismatch     <achieved level> vs a whole first-row score 1..5
 *   weights-sum        complete="true" and indicator weights do not sum to 100
 *   duplicate-number   two indicators with the same number (error)
 *   target-mismatch    <targets stated> vs the level computed from value
 * Tolerances are absolute (0.005, half a unit in the second decimal),
 * because sources print two decimals. */
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Half a unit in the second decimal: what a source may round away. */
#define TOLERANCE 0.005

/* Compute the level a numeric value reaches against the thresholds: the
 * highest level whose threshold the value meets (>= when higher is better,
 * <= otherwise), NONE below basic, UNKNOWN when not all are numeric. */
static rg_target_level compute_level(const rg_targets *t)
{
    if (!t->has_value)
        return RG_TARGET_UNKNOWN;
    for (int i = 0; i < 3; i++)
        if (!t->level[i].has_threshold)
            return RG_TARGET_UNKNOWN;
    rg_target_level got = RG_TARGET_NONE;
    for (int i = 0; i < 3; i++) {
        double th = t->level[i].threshold;
        int meets = t->higher_is_better ? t->value >= th : t->value <= th;
        if (meets)
            got = (rg_target_level)(i + 1);
    }
    return got;
}

/* 1 when a level's description is just "-" (not applicable). */
static int level_is_dash(const rg_target *g)
{
    return !g->has_threshold && g->content.count == 1 &&
           g->content.items[0].kind == RG_INLINE_TEXT && !strcmp(g->content.items[0].text, "-");
}

/* The conclusion line for the printed level, in the block's digits. */
static const char *conclusion(rg_arena *a, const rg_targets *t)
{
    char tmp[512];
    if (t->reached == RG_TARGET_UNKNOWN)
        return NULL;
    if (t->reached == RG_TARGET_NONE) {
        /* below the lowest level that applies (seed: "- | - | Tier 2") */
        int i = 0;
        while (i < 2 && level_is_dash(&t->level[i]))
            i++;
        snprintf(tmp, sizeof tmp, "(ผลการดำเนินงานต่ำกว่าเป้าหมาย%s %s คะแนน)",
                 model_target_name((rg_target_level)(i + 1)),
                 t->level[i].points_text ? t->level[i].points_text : "");
    } else {
        const rg_target *g = &t->level[t->reached - 1];
        snprintf(tmp, sizeof tmp, "(ผลการดำเนินงานอยู่ระดับเป้าหมาย%s %s คะแนน)",
                 model_target_name(t->reached), g->points_text ? g->points_text : "");
    }
    return arena_strdup(a, tmp);
}

static const char *const level_names[] = {"none", "basic", "standard", "advanced"};

static void check_blocks(rg_context *ctx, rg_document *doc, rg_blocks *bl);

/* Targets: computed level, printed level, conclusion, stated agreement. */
static void check_targets(rg_context *ctx, rg_document *doc, rg_block *b)
{
    rg_targets *t = &b->u.targets;
    t->computed = compute_level(t);
    t->reached = t->computed != RG_TARGET_UNKNOWN ? t->computed : t->stated;
    if (t->computed != RG_TARGET_UNKNOWN && t->stated != RG_TARGET_UNKNOWN &&
        t->computed != t->stated)
        rg_diag(ctx, RG_WARNING, "target-mismatch", doc->file, b->pos.line, b->pos.col, NULL,
                "the targets state level \"%s\" but value %s reaches \"%s\"; raingan prints "
                "the computed level", level_names[t->stated], t->value_text,
                level_names[t->computed]);
    t->conclusion = conclusion(&doc->arena, t);
}

/* Visit the blocks, recursing into lists and tables. */
static void check_blocks(rg_context *ctx, rg_document *doc, rg_blocks *bl)
{
    for (size_t i = 0; i < bl->count; i++) {
        rg_block *b = &bl->items[i];
        if (b->kind == RG_BLOCK_TARGETS)
            check_targets(ctx, doc, b);
        else if (b->kind == RG_BLOCK_LIST)
            for (size_t k = 0; k < b->u.list.count; k++)
                check_blocks(ctx, doc, &b->u.list.items[k].blocks);
        else if (b->kind == RG_BLOCK_TABLE)
            for (size_t r = 0; r < b->u.table.nrows; r++)
                for (size_t c = 0; c < b->u.table.rows[r].count; c++)
                    check_blocks(ctx, doc, &b->u.table.rows[r].cells[c].blocks);
    }
}

/* Weighted scores and level agreement of one indicator. */
static void check_indicator(rg_context *ctx, rg_document *doc, rg_indicator *ind)
{
    char a[64], b[64];
    ind->weighted = 0;
    for (size_t r = 0; r < ind->nrows; r++) {
        rg_calc_row *row = &ind->rows[r];
        row->weighted = row->weight * row->score / 100.0;
        row->weighted_text = model_format_number(&doc->arena, row->weighted, 4, ind->digits);
        ind->weighted += row->weighted;
        /* A weight or score out of range was reported by the loader; the
         * product of it would only repeat that mistake. */
        int in_range = row->weight >= 0 && row->weight <= 100 && row->score >= 0 && row->score <= 5;
        if (in_range && row->has_stated_weighted &&
            fabs(row->stated_weighted - row->weighted) > TOLERANCE) {
            snprintf(a, sizeof a, "%g", row->stated_weighted);
            snprintf(b, sizeof b, "%.4g", row->weighted);
            rg_diag(ctx, RG_WARNING, "weighted-mismatch", doc->file, row->pos.line, row->pos.col,
                    NULL,
                    "indicator %s: the source states weighted score %s but weight %g x score "
                    "%g / 100 = %s; raingan prints %s",
                    ind->number ? ind->number : "?", a, row->weight, row->score, b, b);
        }
    }
    ind->weighted_text = model_format_number(&doc->arena, ind->weighted, 4, ind->digits);
    if (ind->achieved && ind->nrows) {
        double s = ind->rows[0].score;
        if (s >= 1 && s <= 5 && s == floor(s) && (int)s != ind->achieved)
            rg_diag(ctx, RG_WARNING, "level-mismatch", doc->file, ind->pos.line, ind->pos.col,
                    NULL, "indicator %s: achieved level %d disagrees with score %g",
                    ind->number ? ind->number : "?", ind->achieved, s);
    }
    check_blocks(ctx, doc, &ind->description);
    check_blocks(ctx, doc, &ind->explanation);
    check_blocks(ctx, doc, &ind->supporting);
    check_blocks(ctx, doc, &ind->obstacles);
    check_blocks(ctx, doc, &ind->suggestions);
    check_blocks(ctx, doc, &ind->evidence);
}

int model_check(rg_context *ctx, rg_document *doc)
{
    int errors = 0;
    double sum = 0;
    for (size_t i = 0; i < doc->nindicators; i++) {
        rg_indicator *ind = doc->indicators[i];
        check_indicator(ctx, doc, ind);
        sum += ind->weight;
        for (size_t j = 0; j < i && ind->number; j++) {
            const rg_indicator *prev = doc->indicators[j];
            if (prev->number && !strcmp(prev->number, ind->number)) {
                rg_diag(ctx, RG_ERROR, "duplicate-number", doc->file, ind->pos.line, ind->pos.col,
                        NULL, "indicator number \"%s\" is used twice (first at line %d)",
                        ind->number, prev->pos.line);
                errors++;
                break;
            }
        }
    }
    if (doc->complete && doc->nindicators && fabs(sum - 100) > TOLERANCE)
        rg_diag(ctx, RG_WARNING, "weights-sum", doc->file, doc->pos.line, doc->pos.col, NULL,
                "the report is marked complete but its indicator weights sum to %g, not 100",
                sum);
    for (size_t i = 0; i < doc->nsummaries; i++) {
        rg_summary *s = doc->summaries[i];
        for (size_t r = 0; r < s->nrows; r++) {
            check_blocks(ctx, doc, &s->rows[r].result);
            check_blocks(ctx, doc, &s->rows[r].problems);
        }
    }
    return errors;
}
