/* check.c - semantic checks and computed fields of a built document.
 *
 * Design: the builder (load/build.c) reports what one attribute alone can
 * get wrong (ranges, dates); this pass reports what needs several values
 * together, and fills in the derived fields the layout prints, so the
 * layout never recomputes a score.  Rules and codes (docs/format.md):
 *   weighted-mismatch  row weighted= differs from weight*score/100 by > 0.005
 *   level-mismatch     <achieved level> vs a whole first-row score 1..5
 *   weights-sum        complete="true" and indicator weights do not sum to 100
 *   mixed-scales       counted indicators score on different scales (0-5, points)
 *   row-weights        the weights of an indicator's calculation rows do not sum
 *                      to its weight (the totals take its weight × its score)
 *   duplicate-number   two indicators with the same number (error)
 *   target-mismatch    <targets stated> vs the level computed from value
 *   score-mismatch     a stated score= differs from what its method gives
 *   bad-method         a method without the numbers it needs, or with
 *                      thresholds out of order (error)
 *   nothing-counted    every indicator of the round is cancelled or late
 * Scores are computed in decimal (decimal.c) by the methods of score.c and
 * rounded by the document's rounding (decimals= and rounding=: 4 places,
 * half up by default); the form prints that rounding after every working
 * (layout, in the template's words), so a reader checking by hand rounds
 * the same way.  Every printed word is the template's: this pass gives
 * figures and which case applies (the conclusion's level, the note). 
 * Tolerances of the stated weighted score are absolute (0.005, half a unit
 * in the second decimal), because sources print two decimals. */
#include "model/model.h"
#include "model/score.h"
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Half a unit in the second decimal: what a source may round away. */
#define TOLERANCE 0.005

/* A score's whole level: rounding to 0 places (then adjusted to the floor). */
#define WHOLE ((rg_rounding){0, RG_ROUND_HALF_UP})

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

/* What the conclusion line under a target table says: the level printed
 * and its figure (the method's score, the level's points for discrete);
 * below every level, the lowest that applies (seed: "- | - | Tier 2") and
 * its points.  The template words it (at-target, below-target). */
static void conclude(rg_targets *t)
{
    t->concluded = RG_TARGET_UNKNOWN;
    if (t->reached == RG_TARGET_UNKNOWN)
        return;
    const char *score = t->scored ? t->score_text : NULL;
    if (t->reached == RG_TARGET_NONE) {
        int i = 0;
        while (i < 2 && level_is_dash(&t->level[i]))
            i++;
        t->concluded = (rg_target_level)(i + 1);
        t->concluded_points = t->level[i].points_text ? t->level[i].points_text : "";
    } else {
        const rg_target *g = &t->level[t->reached - 1];
        t->concluded = t->reached;
        t->concluded_points = score ? score : g->points_text ? g->points_text : "";
    }
}

/* The levels as messages name them (translated: ขั้นต้น …). */
static const char *const level_names[] = {N_("below basic"), N_("basic"), N_("standard"),
                                          N_("advanced")};

static void check_blocks(rg_context *ctx, rg_document *doc, rg_blocks *bl);

/* Targets: computed level and score, printed level, conclusion, stated
 * agreement.  Discrete without a value keeps the stated level's points
 * (categorical targets: Tier 2 reached or not). */
static void check_targets(rg_context *ctx, rg_document *doc, rg_block *b)
{
    rg_targets *t = &b->u.targets;
    /* An official box left empty: a level with neither a threshold nor a
     * description prints an empty cell of the target table (issue #17).
     * An absent level has the position of <targets> (the schema's error). */
    static const char *const tags[3] = {"basic", "standard", "advanced"};
    for (int i = 0; i < 3; i++)
        if (!t->level[i].has_threshold && !t->level[i].content.count &&
            (t->level[i].pos.line != b->pos.line || t->level[i].pos.col != b->pos.col))
            rg_diag(ctx, RG_WARNING, "empty-target", doc->file, t->level[i].pos.line,
                    t->level[i].pos.col,
                    "write the target inside it (<basic points=\"50\">ร้อยละ 70</basic>) or "
                    "give threshold=\"70\"",
                    "<%s> has neither threshold= nor a description: its cell of the target "
                    "table would be empty", tags[i]);
    rg_rounding rnd = doc->rounding;
    char work[512], x[64], y[64];
    t->computed = compute_level(t);
    t->reached = t->computed != RG_TARGET_UNKNOWN ? t->computed : t->stated;
    if (t->computed != RG_TARGET_UNKNOWN && t->stated != RG_TARGET_UNKNOWN &&
        t->computed != t->stated)
        rg_diag(ctx, RG_WARNING, "target-mismatch", doc->file, b->pos.line, b->pos.col, NULL,
                "the targets state level \"%s\" but value %s reaches \"%s\"; raingan prints "
                "the computed level", rg_context_translate(ctx, level_names[t->stated]),
                t->value_text, rg_context_translate(ctx, level_names[t->computed]));
    const char *mname = score_method_name(t->method);
    if (t->method == RG_METHOD_NONE) {
        t->scored = 0;
    } else if (t->method == RG_METHOD_STATED) {
        if (!t->has_score)
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, b->pos.line, b->pos.col,
                    "give the agency's figure, e.g. score=\"95.7381\"",
                    "method=\"stated\" on <targets> needs score=\"...\"");
        else {
            t->scored = 1;
            t->score = t->stated_score;
            t->score_text = t->stated_score_text;
        }
    } else if (t->computed != RG_TARGET_UNKNOWN) {
        rg_dec score;
        int level = 0;
        int st = score_targets(t->method, t->thresholds, t->points, !t->higher_is_better, t->below,
                               t->value_dec, rnd, &score, &level, work, sizeof work);
        if (st == SCORE_ORDER)
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, b->pos.line, b->pos.col,
                    "write the thresholds from ขั้นต้น to ขั้นสูง, rising (or falling with "
                    "higher-is-better=\"false\")",
                    "the thresholds of these targets are out of order for method \"%s\"", mname);
        else if (st)
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, b->pos.line, b->pos.col, NULL,
                    "the score of method \"%s\" cannot be computed from these numbers", mname);
        else {
            t->scored = 1;
            t->score = score;
            if (t->method == RG_METHOD_DISCRETE && level > 0)
                t->score_text = t->level[level - 1].points_text;
            else
                t->score_text = model_dec_text(&doc->arena, score, rnd, 0, b->digits);
            if (t->method != RG_METHOD_DISCRETE) {
                t->working = model_digits_dup(&doc->arena, work, b->digits);
                t->working_plain = arena_strdup(&doc->arena, work);
            }
            if (t->has_score && dec_cmp(dec_round(t->stated_score, rnd), score) != 0) {
                rg_diag(ctx, RG_WARNING, "score-mismatch", doc->file, b->pos.line, b->pos.col,
                        t->override ? NULL : "correct score=, or add override=\"true\" to print it",
                        "the targets state score %s but method \"%s\" gives %s; raingan prints "
                        "%s", dec_str(t->stated_score, x, sizeof x), mname, work,
                        t->override ? "the stated score" : dec_format(score, rnd, 0, y, sizeof y));
                if (t->override) {
                    t->score = t->stated_score;
                    t->score_text = t->stated_score_text;
                }
            }
        }
    } else if (t->has_method && t->method != RG_METHOD_DISCRETE) {
        rg_diag(ctx, RG_ERROR, "bad-method", doc->file, b->pos.line, b->pos.col,
                "give value=\"...\" and a numeric threshold=\"...\" on <basic>, <standard> "
                "and <advanced>",
                "method \"%s\" needs a numeric value and three numeric thresholds", mname);
    } else if (t->has_score) {
        t->scored = 1;
        t->score = t->stated_score;
        t->score_text = t->stated_score_text;
    } else if (t->reached > RG_TARGET_NONE) {
        t->scored = 1;
        t->score = t->points[t->reached - 1];
        t->score_text = t->level[t->reached - 1].points_text;
    } else if (t->reached == RG_TARGET_NONE) {
        /* a categorical target (Tier 2) not reached: the floor */
        t->scored = 1;
        t->score = dec_round(t->below, rnd);
        t->score_text = model_dec_text(&doc->arena, t->below, rnd, 1, b->digits);
    }
    conclude(t);
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

/* The target tables in bl and in the blocks inside it (list items, table
 * cells), in order, under form number: counted, and stored at out + n
 * when out is not NULL.  Returns the new count. */
static size_t targets_in(const rg_blocks *bl, const char *number, rg_scored_target *out,
                         size_t n)
{
    for (size_t i = 0; i < bl->count; i++) {
        const rg_block *b = &bl->items[i];
        if (b->kind == RG_BLOCK_TARGETS) {
            if (out)
                out[n] = (rg_scored_target){number, &b->u.targets};
            n++;
        } else if (b->kind == RG_BLOCK_LIST) {
            for (size_t k = 0; k < b->u.list.count; k++)
                n = targets_in(&b->u.list.items[k].blocks, number, out, n);
        } else if (b->kind == RG_BLOCK_TABLE) {
            for (size_t r = 0; r < b->u.table.nrows; r++)
                for (size_t c = 0; c < b->u.table.rows[r].count; c++)
                    n = targets_in(&b->u.table.rows[r].cells[c].blocks, number, out, n);
        }
    }
    return n;
}

/* Every target table of the document's forms in order: the parts
 * (indicator forms: their free-text sections; summaries: each item's
 * result and problems), stored at out when not NULL.  Returns how many. */
static size_t scored_targets(const rg_document *doc, rg_scored_target *out)
{
    size_t n = 0;
    for (size_t p = 0; p < doc->nparts; p++) {
        const rg_part *part = &doc->parts[p];
        if (part->kind == RG_PART_INDICATOR) {
            const rg_indicator *ind = part->indicator;
            const rg_blocks *bls[] = {&ind->description, &ind->explanation, &ind->supporting,
                                      &ind->obstacles,   &ind->suggestions, &ind->evidence};
            for (size_t k = 0; k < sizeof bls / sizeof bls[0]; k++)
                n = targets_in(bls[k], ind->number, out, n);
        } else {
            const rg_summary *s = part->summary;
            for (size_t r = 0; r < s->nrows; r++) {
                n = targets_in(&s->rows[r].result, s->rows[r].number, out, n);
                n = targets_in(&s->rows[r].problems, s->rows[r].number, out, n);
            }
        }
    }
    return n;
}

/* The score of a parent indicator rolled up from its sub-indicators:
 * Σ(weight_i × score_i) / Σ weight_i over those scored and not cancelled,
 * with the working "(50 × 3.75 + 50 × 4) / 100 = 3.8750".  SCORE_RANGE
 * when no sub-indicator has a score. */
static int roll_up(const rg_document *doc, const rg_indicator *ind, rg_rounding rnd, rg_dec *score,
                   char *work, size_t size)
{
    rg_dec sw = dec_from_int(0), sws = dec_from_int(0);
    size_t k = (size_t)snprintf(work, size, "(");
    int n = 0;
    for (size_t i = 0; i < doc->nindicators; i++) {
        const rg_indicator *c = doc->indicators[i];
        if (c->parent_ind != ind || c->status == RG_STATUS_CANCELLED || !c->scored)
            continue;
        rg_dec p;
        char a[64], b[64];
        if (dec_mul(c->weight_dec, c->score_dec, &p) || dec_add(sws, p, &sws) ||
            dec_add(sw, c->weight_dec, &sw))
            return SCORE_OVERFLOW;
        if (k < size)
            k += (size_t)snprintf(work + k, size - k, "%s%s \xc3\x97 %s", n ? " + " : "",
                                  dec_written(c->weight_dec, a, sizeof a),
                                  dec_str(c->score_dec, b, sizeof b));
        n++;
    }
    if (!n)
        return SCORE_RANGE;
    if (dec_is_zero(sw) || dec_div(sws, sw, rnd, score))
        return SCORE_OVERFLOW;
    char a[64], r[64];
    if (k < size)
        snprintf(work + k, size - k, ") / %s = %s", dec_str(sw, a, sizeof a),
                 dec_format(*score, rnd, 0, r, sizeof r));
    return SCORE_OK;
}

/* The score of one calculation row by its method; the working and the
 * printed score text.  Errors are reported at the row. */
static void score_row(rg_context *ctx, rg_document *doc, rg_indicator *ind, rg_calc_row *row)
{
    rg_rounding rnd = doc->rounding;
    const char *num = ind->number ? ind->number : "?";
    const char *mname = score_method_name(row->method);
    char work[512], x[64], y[64];
    rg_dec score = {0, 0};
    int st = SCORE_OK;
    row->scored = 0;
    if (row->bad_number)
        return; /* "not a valid decimal" was reported at the attribute */
    rg_method method = row->method;
    if (method == RG_METHOD_STATED && !row->has_score && ind->nchildren)
        method = RG_METHOD_SUB; /* a parent without a score of its own */
    switch (method) {
    case RG_METHOD_SUB:
        if (!ind->nchildren) {
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                    "give the sub-indicators parent=\"NUMBER\" of this indicator",
                    "indicator %s: method \"sub-indicators\" but no indicator names it as "
                    "parent", num);
            return;
        }
        row->method = RG_METHOD_SUB;
        st = roll_up(doc, ind, rnd, &score, work, sizeof work);
        if (st == SCORE_RANGE) {
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                    "give the sub-indicators their scores, or this row score=\"...\"",
                    "indicator %s: none of its sub-indicators has a score to roll up", num);
            return;
        }
        break;
    case RG_METHOD_STATED:
        if (!row->has_score) {
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                    "write the score, e.g. score=\"3\", or a method with its numbers, e.g. "
                    "method=\"five-level\" value=\"87.5\" thresholds=\"60 70 80 90 100\"",
                    "indicator %s: the calculation row has neither score= nor method=", num);
            return;
        }
        row->scored = 1;
        row->score_dec = row->stated_score;
        return;
    case RG_METHOD_NONE:
        row->score_text = NULL;
        return;
    case RG_METHOD_FIVE_LEVEL:
        if (!row->has_value || row->nthresholds != 5) {
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                    "write the result and the five thresholds scoring 1 to 5, e.g. "
                    "value=\"87.5\" thresholds=\"60 70 80 90 100\"",
                    "indicator %s: method \"five-level\" needs value= and exactly five "
                    "thresholds= (%s)", num,
                    !row->has_value ? "value= is missing"
                    : row->nthresholds > 5 ? "more than five given" : "fewer than five given");
            return;
        }
        st = score_five_level(row->thresholds, row->lower, row->below, row->value, rnd, &score,
                              work, sizeof work);
        break;
    case RG_METHOD_MILESTONE: {
        rg_dec steps = row->value;
        if (!row->has_value) {
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                    "write the steps completed, e.g. value=\"3\"",
                    "indicator %s: method \"milestone\" needs value= (the highest step "
                    "completed, 0 to 5)", num);
            return;
        }
        st = score_milestone(steps, &score, work, sizeof work);
        if (st == SCORE_RANGE) {
            rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                    "a milestone is a whole step: write 0, 1, 2, 3, 4 or 5",
                    "indicator %s: milestone value=\"%s\" is not a whole step 0 to 5", num,
                    dec_str(steps, x, sizeof x));
            return;
        }
        break;
    }
    default:
        rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                "use it on <targets>, or method=\"five-level\", \"milestone\" or \"stated\" "
                "on a calculation row",
                "indicator %s: method \"%s\" scores target levels, not a calculation row", num,
                mname);
        return;
    }
    if (st == SCORE_ORDER) {
        rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col,
                "write the thresholds for scores 1 to 5 rising (falling with "
                "higher-is-better=\"false\"), none equal",
                "indicator %s: thresholds=\"...\" are out of order", num);
        return;
    }
    if (st) {
        rg_diag(ctx, RG_ERROR, "bad-method", doc->file, row->pos.line, row->pos.col, NULL,
                "indicator %s: the score cannot be computed from these numbers", num);
        return;
    }
    row->scored = 1;
    row->score_dec = score;
    mname = score_method_name(method);
    if (method != RG_METHOD_MILESTONE) { /* a whole step needs no working */
        row->working = model_digits_dup(&doc->arena, work, ind->digits);
        row->working_plain = arena_strdup(&doc->arena, work);
    }
    row->score_text = model_dec_text(&doc->arena, score, method == RG_METHOD_MILESTONE ? (rg_rounding){0, rnd.mode} : rnd,
                                     0, ind->digits);
    if (row->has_score && dec_cmp(dec_round(row->stated_score, rnd), score) != 0) {
        rg_diag(ctx, RG_WARNING, "score-mismatch", doc->file, row->pos.line, row->pos.col,
                row->override ? NULL
                              : "correct score=, or add override=\"true\" to print the stated score",
                "indicator %s: the source states score %s but method \"%s\" gives %s; raingan "
                "prints %s", num, dec_str(row->stated_score, x, sizeof x), mname, work,
                row->override ? dec_str(row->stated_score, y, sizeof y)
                              : dec_format(score, rnd, 0, y, sizeof y));
        if (row->override) {
            row->score_dec = row->stated_score;
            row->score_text = model_digits_dup(&doc->arena, dec_str(row->stated_score, x, sizeof x),
                                               ind->digits);
        }
    }
}

/* The note under an indicator's calculation table: why it is left out of
 * the round's total, and whether the self-assessed score goes beside the
 * verified one (the template words both). */
static void indicator_note(rg_indicator *ind)
{
    ind->note = ind->status == RG_STATUS_CANCELLED ? RG_NOTE_CANCELLED
                : ind->status == RG_STATUS_LATE    ? RG_NOTE_LATE
                : !ind->scored && ind->nrows && ind->rows[0].method == RG_METHOD_NONE
                    ? RG_NOTE_UNSCORED
                    : RG_NOTE_NONE;
    ind->note_self = ind->nrows && ind->rows[0].has_self && ind->rows[0].scored;
}

/* The weight of an indicator in the document's round. */
static rg_dec round_weight(const rg_document *doc, const rg_indicator *ind)
{
    int i = doc->round == 6 ? 0 : doc->round == 9 ? 1 : doc->round == 12 ? 2 : -1;
    return i >= 0 && ind->has_round_weight[i] ? ind->round_weight[i] : ind->weight_dec;
}

/* Weighted scores and level agreement of one indicator. */
/* The form's round boxes: the round of <meta> must be one of the
 * indicator's rounds, or no box is ticked (issue #17). */
static void check_rounds(rg_context *ctx, const rg_document *doc, const rg_indicator *ind)
{
    if (!doc->round || !ind->nrounds || ind->status != RG_STATUS_ACTIVE ||
        (ind->from_round && ind->from_round > doc->round))
        return; /* not reported in this round */
    /* a round or rounds= the schema refused: that error is the message */
    if (doc->round != 6 && doc->round != 9 && doc->round != 12)
        return;
    for (size_t i = 0; i < ind->nrounds; i++)
        if (ind->rounds[i] != 6 && ind->rounds[i] != 9 && ind->rounds[i] != 12)
            return;
    char list[64] = "";
    for (size_t i = 0; i < ind->nrounds; i++) {
        if (ind->rounds[i] == doc->round)
            return;
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s%d", i ? " " : "", ind->rounds[i]);
    }
    rg_diag(ctx, RG_WARNING, "round-not-in-rounds", doc->file, ind->pos.line, ind->pos.col,
            "add the round to rounds=\"...\" of the indicator, or correct <round> in <meta>",
            "the report is for round %d but indicator %s has rounds=\"%s\", so no round box "
            "of its form would be ticked", doc->round, ind->number ? ind->number : "?", list);
}

/* 1 when a weight is one the loader accepted: above 0, at most 100 (a
 * missing, unreadable or out-of-range weight was reported there, and a sum
 * over it would only repeat that mistake: one mistake, one message). */
static int weight_given(rg_dec w)
{
    return dec_cmp(w, dec_from_int(0)) > 0 && dec_cmp(w, dec_from_int(100)) <= 0;
}

/* The same of an indicator's weight and of every row's. */
static int weights_given(const rg_indicator *ind)
{
    if (!weight_given(ind->weight_dec))
        return 0;
    for (size_t r = 0; r < ind->nrows; r++)
        if (!weight_given(ind->rows[r].weight_dec))
            return 0;
    return 1;
}

static void check_indicator(rg_context *ctx, rg_document *doc, rg_indicator *ind)
{
    check_rounds(ctx, doc, ind);
    char a[64], b[64], w[64], sc[64];
    rg_rounding rnd = doc->rounding;
    ind->weighted = 0;
    ind->weighted_dec = dec_from_int(0);
    ind->weight_dec = round_weight(doc, ind);
    ind->weight = dec_to_double(ind->weight_dec);
    /* the one rule for printed weights (model_weight_str), for every output */
    ind->weight_plain = arena_strdup(&doc->arena, model_weight_str(ind->weight_dec, w, sizeof w));
    ind->weight_text = model_digits_dup(&doc->arena, ind->weight_plain, ind->digits);
    ind->scored = ind->nrows > 0;
    /* Σ row weight and Σ row weight × score, exact: the indicator's score
     * is their quotient rounded once (a single row's score is its own),
     * never one recomputed from rounded weighted scores (30 × 3.7346 /
     * 100 = 1.1204 would give back 3.7347) */
    rg_dec rows_weight = dec_from_int(0), rows_product = dec_from_int(0);
    int exact = 1;
    for (size_t r = 0; r < ind->nrows; r++) {
        rg_calc_row *row = &ind->rows[r];
        row->weight_text = model_weight_text(&doc->arena, row->weight_dec, ind->digits);
        score_row(ctx, doc, ind, row);
        row->score = dec_to_double(row->score_dec);
        if (!row->scored) {
            ind->scored = 0;
            row->weighted_dec = dec_from_int(0);
            row->weighted = 0;
            row->weighted_text = row->method == RG_METHOD_NONE ? NULL : "";
            continue;
        }
        if (score_weighted(row->weight_dec, row->score_dec, rnd, &row->weighted_dec))
            row->weighted_dec = dec_from_int(0);
        row->weighted = dec_to_double(row->weighted_dec);
        row->weighted_text = model_dec_text(&doc->arena, row->weighted_dec, rnd, 1, ind->digits);
        dec_add(ind->weighted_dec, row->weighted_dec, &ind->weighted_dec);
        dec_add(rows_weight, row->weight_dec, &rows_weight);
        rg_dec p;
        if (dec_mul(row->weight_dec, row->score_dec, &p) || dec_add(rows_product, p, &rows_product))
            exact = 0;
        rg_dec diff;
        /* A weight or score out of range was reported by the loader; the
         * product of it would only repeat that mistake (issue #17). */
        double rw = dec_to_double(row->weight_dec);
        int in_range = rw >= 0 && rw <= 100 && row->score >= 0 && row->score <= 5;
        if (in_range && row->has_stated_weighted &&
            dec_sub(row->stated_weighted_dec, row->weighted_dec, &diff) == 0 &&
            (diff.coef < 0 ? -dec_to_double(diff) : dec_to_double(diff)) > TOLERANCE) {
            dec_str(row->stated_weighted_dec, a, sizeof a);
            dec_format(row->weighted_dec, rnd, 1, b, sizeof b);
            rg_diag(ctx, RG_WARNING, "weighted-mismatch", doc->file, row->pos.line, row->pos.col,
                    NULL,
                    "indicator %s: the source states weighted score %s but weight %s × score "
                    "%s / 100 = %s; raingan prints %s",
                    ind->number ? ind->number : "?", a, dec_str(row->weight_dec, w, sizeof w),
                    dec_str(row->score_dec, sc, sizeof sc), b, b);
        }
    }
    ind->weighted = dec_to_double(ind->weighted_dec);
    ind->weighted_text = model_dec_text(&doc->arena, ind->weighted_dec, rnd, 1, ind->digits);
    if (ind->scored && (ind->nrows == 1 || !exact || dec_is_zero(rows_weight) ||
                        dec_div(rows_product, rows_weight, rnd, &ind->score_dec)))
        ind->score_dec = ind->rows[0].score_dec;
    ind->score_text = ind->scored ? model_dec_text(&doc->arena, ind->score_dec, rnd, 1,
                                                   ind->digits)
                                  : NULL;
    /* Rows whose weights do not sum to the indicator's (in the round): the
     * round's totals take the indicator's weight, so its weighted score is
     * that weight × its score, never the rows' sum (a row of weight 100 in
     * an indicator of 40 gave a total of 5.32). */
    if (ind->scored && exact && !dec_is_zero(rows_weight) && weights_given(ind) &&
        dec_cmp(rows_weight, ind->weight_dec) != 0 &&
        score_weighted(ind->weight_dec, ind->score_dec, rnd, &ind->weighted_dec) == 0) {
        ind->weighted = dec_to_double(ind->weighted_dec);
        ind->weighted_text = model_dec_text(&doc->arena, ind->weighted_dec, rnd, 1, ind->digits);
        rg_diag(ctx, RG_WARNING, "row-weights", doc->file, ind->pos.line, ind->pos.col,
                "make the weights of its <calculation> rows sum to the indicator's weight",
                "indicator %s: the weights of its calculation rows sum to %s, not its weight %s; "
                "raingan counts weight %s × score %s / 100 = %s in the totals",
                ind->number ? ind->number : "?", dec_str(rows_weight, a, sizeof a),
                ind->weight_plain, ind->weight_plain, dec_str(ind->score_dec, sc, sizeof sc),
                dec_format(ind->weighted_dec, rnd, 1, b, sizeof b));
    }
    ind->counted = ind->status == RG_STATUS_ACTIVE && ind->scored && !ind->parent_ind &&
                   !(ind->from_round && doc->round && ind->from_round > doc->round);
    if (ind->status == RG_STATUS_ACTIVE && ind->from_round && doc->round &&
        ind->from_round > doc->round)
        ind->status = RG_STATUS_LATE;
    indicator_note(ind);
    /* a computed first row drives the ✓: the whole level its score reaches */
    if (ind->nrows && ind->rows[0].scored && (ind->rows[0].method == RG_METHOD_FIVE_LEVEL ||
                                             ind->rows[0].method == RG_METHOD_MILESTONE)) {
        rg_dec s = ind->rows[0].score_dec, lv = dec_round(s, WHOLE);
        if (dec_cmp(lv, s) > 0)
            dec_sub(lv, dec_from_int(1), &lv);
        int level = (int)lv.coef;
        for (int i = 0; i < lv.scale; i++)
            level /= 10;
        if (ind->achieved && ind->achieved != level)
            rg_diag(ctx, RG_WARNING, "level-mismatch", doc->file, ind->pos.line, ind->pos.col,
                    "correct <achieved level>, or leave it out: raingan ticks the level reached",
                    "indicator %s: achieved level %d disagrees with score %s (level %d); raingan "
                    "ticks level %d", ind->number ? ind->number : "?", ind->achieved,
                    dec_str(s, a, sizeof a), level, level);
        ind->achieved = level >= 1 && level <= 5 ? level : 0;
    } else if (ind->achieved && ind->nrows && ind->rows[0].scored) {
        rg_dec s = ind->rows[0].score_dec, whole = dec_round(s, WHOLE);
        if (dec_cmp(s, whole) == 0 && dec_cmp(s, dec_from_int(1)) >= 0 &&
            dec_cmp(s, dec_from_int(5)) <= 0 && dec_cmp(whole, dec_from_int(ind->achieved)) != 0)
            rg_diag(ctx, RG_WARNING, "level-mismatch", doc->file, ind->pos.line, ind->pos.col,
                    "correct <achieved level> or the score",
                    "indicator %s: achieved level %d disagrees with score %s; raingan ticks "
                    "level %d as stated", ind->number ? ind->number : "?", ind->achieved,
                    dec_str(s, a, sizeof a), ind->achieved);
    } else if (!ind->achieved && ind->score_top == 5 && ind->nrows == 1 && ind->rows[0].scored) {
        /* a whole stated score of a five-level form without <achieved>
         * ticks its level, as a computed one does */
        rg_dec s = ind->rows[0].score_dec, whole = dec_round(s, WHOLE);
        if (dec_cmp(s, whole) == 0 && dec_cmp(s, dec_from_int(1)) >= 0 &&
            dec_cmp(s, dec_from_int(5)) <= 0)
            ind->achieved = (int)dec_to_double(whole);
    }
    check_blocks(ctx, doc, &ind->description);
    check_blocks(ctx, doc, &ind->explanation);
    check_blocks(ctx, doc, &ind->supporting);
    check_blocks(ctx, doc, &ind->obstacles);
    check_blocks(ctx, doc, &ind->suggestions);
    check_blocks(ctx, doc, &ind->evidence);
}

void model_total(const rg_indicator *const *inds, size_t n, rg_rounding rnd, rg_total *out)
{
    memset(out, 0, sizeof *out);
    out->weight = out->weighted = out->score = dec_from_int(0);
    for (size_t i = 0; i < n; i++) {
        const rg_indicator *ind = inds[i];
        if (ind->parent_ind)
            continue; /* counted in its parent's score */
        if (!ind->counted) {
            out->left_out++;
            continue;
        }
        rg_dec w, ws;
        if (dec_add(out->weight, ind->weight_dec, &w) ||
            dec_add(out->weighted, ind->weighted_dec, &ws)) {
            out->left_out++;
            continue;
        }
        out->weight = w;
        out->weighted = ws;
        out->counted++;
    }
    out->has_score = score_renormalise(out->weight, out->weighted, rnd, &out->score) == 0;
}

/* parent="..." to the indicator of that number; each parent's
 * sub-indicator weights should sum to 100 (weights-sum warning). */
static void link_parents(rg_context *ctx, rg_document *doc)
{
    char a[64];
    for (size_t i = 0; i < doc->nindicators; i++) {
        rg_indicator *ind = doc->indicators[i];
        if (!ind->parent)
            continue;
        for (size_t j = 0; j < doc->nindicators && !ind->parent_ind; j++) {
            rg_indicator *p = doc->indicators[j];
            if (p != ind && !p->parent && p->number && !strcmp(p->number, ind->parent))
                ind->parent_ind = p;
        }
        if (ind->parent_ind)
            ind->parent_ind->nchildren++;
        else
            rg_diag(ctx, RG_ERROR, "bad-parent", doc->file, ind->pos.line, ind->pos.col,
                    "name the number of a top-level indicator of this report, e.g. "
                    "parent=\"1.2\" for 1.2.1",
                    "indicator %s: parent=\"%s\" names no top-level indicator of this report",
                    ind->number ? ind->number : "?", ind->parent);
    }
    for (size_t j = 0; j < doc->nindicators; j++) {
        const rg_indicator *p = doc->indicators[j];
        if (!p->nchildren)
            continue;
        rg_dec sum = dec_from_int(0);
        for (size_t i = 0; i < doc->nindicators; i++)
            if (doc->indicators[i]->parent_ind == p &&
                doc->indicators[i]->status != RG_STATUS_CANCELLED)
                dec_add(sum, round_weight(doc, doc->indicators[i]), &sum);
        if (dec_cmp(sum, dec_from_int(100)) != 0)
            rg_diag(ctx, RG_WARNING, "weights-sum", doc->file, p->pos.line, p->pos.col,
                    "make the sub-indicators' weights (their shares of this indicator) sum to 100",
                    "the sub-indicators of %s weigh %s in all, not 100; their scores are rolled "
                    "up over %s", p->number ? p->number : "?", dec_str(sum, a, sizeof a), a);
    }
}

int model_check(rg_context *ctx, rg_document *doc)
{
    int errors = 0;
    rg_dec sum = dec_from_int(0);
    size_t before = rg_context_count_at_least(ctx, RG_ERROR);
    link_parents(ctx, doc);
    /* sub-indicators first: their parents roll their scores up */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < doc->nindicators; i++)
            if ((doc->indicators[i]->parent_ind != NULL) == (pass == 0))
                check_indicator(ctx, doc, doc->indicators[i]);
    int all_given = 1; /* every weight summed was accepted by the loader */
    for (size_t i = 0; i < doc->nindicators; i++) {
        rg_indicator *ind = doc->indicators[i];
        if (ind->status != RG_STATUS_CANCELLED && !ind->parent_ind) {
            dec_add(sum, ind->weight_dec, &sum);
            all_given &= weight_given(ind->weight_dec);
        }
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
    /* The round's total adds weighted scores as they are: indicators on
     * different scales (0 to 5, and a target form's points, 0 to 100) give
     * a total on neither. */
    const rg_indicator *first = NULL;
    for (size_t i = 0; i < doc->nindicators; i++) {
        const rg_indicator *ind = doc->indicators[i];
        if (!ind->counted)
            continue;
        if (!first) {
            first = ind;
        } else if (ind->score_top != first->score_top) {
            rg_diag(ctx, RG_WARNING, "mixed-scales", doc->file, ind->pos.line, ind->pos.col,
                    "score every indicator of a report on one scale: five levels (0 to 5), "
                    "or target levels' points",
                    "indicator %s scores from 0 to %g but indicator %s from 0 to %g; the "
                    "round's total adds them as they are", ind->number ? ind->number : "?",
                    ind->score_top, first->number ? first->number : "?", first->score_top);
            break;
        }
    }
    char a[64];
    if (doc->complete && doc->nindicators && all_given &&
        fabs(dec_to_double(sum) - 100) > TOLERANCE)
        rg_diag(ctx, RG_WARNING, "weights-sum", doc->file, doc->pos.line, doc->pos.col, NULL,
                "the report is marked complete but its indicator weights sum to %s, not 100",
                dec_str(sum, a, sizeof a));
    model_total((const rg_indicator *const *)doc->indicators, doc->nindicators, doc->rounding,
                &doc->total);
    if (doc->nindicators && !doc->total.has_score) {
        int cancelled = 0;
        for (size_t i = 0; i < doc->nindicators; i++)
            cancelled += doc->indicators[i]->status != RG_STATUS_ACTIVE;
        if (cancelled == (int)doc->nindicators)
            rg_diag(ctx, RG_WARNING, "nothing-counted", doc->file, doc->pos.line, doc->pos.col,
                    "at least one indicator must count in the round for a total",
                    "every indicator is cancelled or starts in a later round, so the round "
                    "has no total score");
    }
    for (size_t i = 0; i < doc->nsummaries; i++) {
        rg_summary *s = doc->summaries[i];
        for (size_t r = 0; r < s->nrows; r++) {
            check_blocks(ctx, doc, &s->rows[r].result);
            check_blocks(ctx, doc, &s->rows[r].problems);
        }
    }
    /* every target table a form prints, in document order, however deep
     * (a table cell, a list item): counted, then listed */
    size_t ntargets = scored_targets(doc, NULL);
    doc->targets = ntargets ? arena_alloc(&doc->arena, ntargets * sizeof *doc->targets) : NULL;
    if (doc->targets)
        doc->ntargets = scored_targets(doc, doc->targets);
    return errors + (int)(rg_context_count_at_least(ctx, RG_ERROR) - before);
}
