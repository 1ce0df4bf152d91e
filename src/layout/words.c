/* words.c - the sentences a form prints around the model's figures
 * (words.h): template patterns filled with the model's figures, then put
 * in the block's digits (the template's own digits too: "ร้อยละ 100" of
 * note-cancelled reads "ร้อยละ ๑๐๐" on a form in Thai digits). */
#include "layout/words.h"
#include "layout/flow.h"
#include "util/buf.h"

#include <stdio.h>
#include <string.h>

/* pattern with every key of kv (key, value, …, NULL) replaced. */
static char *subst(rg_lctx *lc, const char *pattern, const char *const *kv)
{
    rg_buf b;
    buf_init(&b, lc->ctx);
    buf_put_subst(&b, pattern ? pattern : "", kv);
    char *s = arena_strdup(lc->arena, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

char *form_subst(rg_lctx *lc, const char *pattern, const char *key, const char *value)
{
    const char *const kv[] = {key, value, NULL};
    return subst(lc, pattern, kv);
}

const char *words_level(const rg_lctx *lc, rg_target_level level)
{
    return level >= RG_TARGET_BASIC && level <= RG_TARGET_ADVANCED
               ? lc->tpl->labels.level[level - RG_TARGET_BASIC]
               : "";
}

char *words_working(rg_lctx *lc, const char *formula, rg_digits digits)
{
    const rg_template_labels *l = &lc->tpl->labels;
    rg_rounding r = lc->rounding;
    const char *mode = l->round_mode[(int)r.mode >= 0 && r.mode <= RG_ROUND_DOWN ? r.mode : 0];
    char places[16];
    snprintf(places, sizeof places, "%d", r.places);
    const char *const kv[] = {"{working}", formula, "{places}", places, "{mode}", mode, NULL};
    char *s = subst(lc, r.places ? l->rounding : l->rounding_whole, kv);
    return s ? model_digits_dup(lc->arena, s, digits) : NULL;
}

char *words_conclusion(rg_lctx *lc, const rg_targets *t)
{
    if (t->concluded == RG_TARGET_UNKNOWN)
        return arena_strdup(lc->arena, "");
    const rg_template_labels *l = &lc->tpl->labels;
    const char *const kv[] = {"{level}", words_level(lc, t->concluded), "{points}",
                              t->concluded_points, NULL};
    return subst(lc, t->reached == RG_TARGET_NONE ? l->below_target : l->at_target, kv);
}

char *words_note(rg_lctx *lc, const rg_indicator *ind, int round)
{
    const rg_template_labels *l = &lc->tpl->labels;
    char from[16], now[16], self[64];
    snprintf(from, sizeof from, "%d", ind->from_round);
    snprintf(now, sizeof now, "%d", round);
    const char *why = ind->note == RG_NOTE_CANCELLED  ? l->note_cancelled
                      : ind->note == RG_NOTE_LATE     ? l->note_late
                      : ind->note == RG_NOTE_UNSCORED ? l->note_unscored
                                                      : NULL;
    rg_buf b;
    buf_init(&b, lc->ctx);
    if (why) {
        const char *const kv[] = {"{from}", from, "{round}", now, NULL};
        buf_put_subst(&b, why, kv);
    }
    if (ind->note_self) {
        const rg_calc_row *r = &ind->rows[0];
        const char *const kv[] = {"{self}", dec_str(r->self_score, self, sizeof self), "{score}",
                                  r->score_text ? r->score_text : "", NULL};
        if (why)
            buf_putc(&b, ' ');
        buf_put_subst(&b, l->self_score, kv);
    }
    char *s = model_digits_dup(lc->arena, b.data ? b.data : "", ind->digits);
    buf_free(&b);
    return s;
}
