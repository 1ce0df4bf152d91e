/* test_model.c - the loader and model: values, labels, computed scores,
 * Thai dates and digits, target levels, whitespace collapsing, limits.
 * The data-driven dumps (test_expect) cover every element and attribute;
 * this file asserts the important values directly through the model. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "load/load.h"
#include "model/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Load a file from tests/data/model; errors are printed. */
static rg_document *load(rg_context *ctx, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/model/%s", RG_TEST_DATA, name);
    rg_document *doc = rg_document_load(ctx, path);
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        char buf[2048];
        rg_diagnostic_format(rg_context_diagnostic(ctx, i), buf, sizeof buf);
        printf("  %s\n", buf);
    }
    return doc;
}

/* 1 when the first diagnostic of ctx has this code. */
static int first_code(rg_context *ctx, const char *code)
{
    const rg_diagnostic *d = rg_context_diagnostic(ctx, 0);
    return d && !strcmp(d->code, code);
}

int main(void)
{
    rg_context *ctx = rg_context_new();

    /* ---- both forms ---- */
    rg_document *doc = load(ctx, "both-forms.xml");
    test_cond("both-forms.xml loads", doc != NULL);
    test_cond("it has no diagnostics at all", rg_context_diagnostic_count(ctx) == 0);
    if (!doc)
        return test_report();
    test_cond("two indicators and one summary",
              rg_document_indicator_count(doc) == 2 && rg_document_summary_count(doc) == 1);
    test_cond("indicator numbers are kept as printed",
              !strcmp(rg_indicator_number(doc, 0), "1.1") &&
                  !strcmp(rg_indicator_number(doc, 1), "1.2"));
    test_cond("the name accessor gives plain text",
              !strcmp(rg_indicator_name(doc, 0), "ระดับความสำเร็จของกระบวนการกำกับดูแล"));
    test_cond("weights are read", rg_indicator_weight(doc, 0) == 30 && rg_indicator_weight(doc, 1) == 70);
    test_cond("weighted = weight x score / 100 (30 x 5 = 1.5)",
              fabs(rg_indicator_weighted_score(doc, 0) - 1.5) < 1e-9);
    test_cond("weighted is computed when absent (70 x 3 = 2.1)",
              fabs(rg_indicator_weighted_score(doc, 1) - 2.1) < 1e-9);
    test_cond("achieved levels are read", rg_indicator_achieved(doc, 0) == 5 && rg_indicator_achieved(doc, 1) == 3);
    test_cond("an index past the end gives NULL / 0",
              rg_indicator_number(doc, 9) == NULL && rg_indicator_weight(doc, 9) == 0);
    test_cond("the meta date is a Thai long date in the Buddhist era",
              doc->has_date && !strcmp(doc->date_text, "5 ตุลาคม 2562"));
    test_cond("fiscal year and round are read", doc->fiscal_year == 2562 && doc->round == 12);
    test_cond("complete=\"true\" is read", doc->complete == 1);
    const rg_indicator *i1 = doc->indicators[0], *i2 = doc->indicators[1];
    test_cond("rounds default and parse to {6, 12}",
              i1->nrounds == 2 && i1->rounds[0] == 6 && i1->rounds[1] == 12);
    test_cond("a person's phones are all kept",
              i1->ncollectors == 2 && i1->collectors[0].nphones == 2 &&
                  !strcmp(i1->collectors[0].phones[1], "0 2642 5053"));
    test_cond("a person's position is read",
              !strcmp(i1->supervisors[0].position, "ผู้อำนวยการกองคุ้มครองและพัฒนาอาชีพ"));
    test_cond("criteria levels 1..5 are filled",
              i1->criteria[4].count == 1 && !strcmp(i1->criteria[4].items[0].text, "มีความพึงพอใจ ร้อยละ 80"));
    const rg_inlines *desc = &i1->description.items[0].u.para.inl;
    test_cond("whitespace collapses across lines and elements",
              desc->count == 2 && !strcmp(desc->items[1].text, " หมายถึง ศูนย์ฯ ทั้ง 8 แห่ง"));
    test_cond("bold text carries the bold flag", desc->items[0].style == RG_STYLE_BOLD);
    test_cond("indent=first-line is read", i1->description.items[0].u.para.indent_first == 1);
    const rg_list *ul = &i1->explanation.items[0].u.list;
    test_cond("a ul with marker - labels items \"-\"", !strcmp(ul->items[0].label, "-"));
    test_cond("<date> inside text becomes a Thai date",
              strstr(ul->items[0].blocks.items[0].u.para.inl.items[0].text, "5 กุมภาพันธ์ 2562") != NULL);
    test_cond("an li with text then a list gives a paragraph and the list",
              ul->items[1].blocks.count == 2 &&
                  ul->items[1].blocks.items[1].kind == RG_BLOCK_LIST);
    test_cond("numbering=none gives empty labels",
              !strcmp(ul->items[1].blocks.items[1].u.list.items[0].label, ""));
    test_cond("digits=thai applies to generated display strings",
              !strcmp(i2->weight_text, "๗๐") && !strcmp(i2->rows[0].weighted_text, "๒.๑"));
    test_cond("the stated weighted score is kept", i1->rows[0].has_stated_weighted &&
                                                       i1->rows[0].stated_weighted == 1.5);
    const rg_summary *s = doc->summaries[0];
    test_cond("summary rows flatten groups", s->nrows == 3 && s->rows[1].kind == RG_SUMMARY_GROUP &&
                                                 s->rows[2].in_group == 1);
    const rg_targets *t = &s->rows[0].result.items[1].u.targets;
    test_cond("a numeric target computes its level (81.96 >= 77.87: advanced)",
              t->computed == RG_TARGET_ADVANCED && t->reached == RG_TARGET_ADVANCED);
    test_cond("the conclusion names the level reached and its points, in Thai digits",
              t->concluded == RG_TARGET_ADVANCED && !strcmp(t->concluded_points, "๑๐๐"));
    const rg_inlines *f = &s->rows[0].result.items[2].u.formula;
    test_cond("a formula holds a fraction with numerator and denominator",
              f->count == 3 && f->items[1].kind == RG_INLINE_FRAC &&
                  !strcmp(f->items[1].num.items[0].text, "ผู้ผ่าน") &&
                  !strcmp(f->items[1].den.items[0].text, "ทั้งหมด"));
    const rg_table *tb = &s->rows[2].result.items[1].u.table;
    test_cond("table widths convert cm to points",
              tb->nwidths == 3 && fabs(tb->widths[0].value - 56.6929) < 1e-3 &&
                  tb->widths[1].kind == RG_WIDTH_RELATIVE && tb->widths[2].kind == RG_WIDTH_AUTO);
    test_cond("cells keep colspan", tb->rows[0].cells[0].colspan == 3 && tb->rows[0].cells[0].header);
    test_cond("positions are line:col of the element", i1->pos.line == 11 && i1->pos.col == 3);
    rg_document_free(doc);
    rg_context_clear_diagnostics(ctx);

    /* ---- helpers ---- */
    rg_arena a;
    arena_init(&a, ctx, 0);
    test_cond("2020-02-29 is a leap day", model_parse_date("2020-02-29", &(int){0}, &(int){0}, &(int){0}) == 0);
    test_cond("2019-02-29 is not a date", model_parse_date("2019-02-29", &(int){0}, &(int){0}, &(int){0}) != 0);
    test_cond("2019-2-5 is not in ISO form", model_parse_date("2019-2-5", &(int){0}, &(int){0}, &(int){0}) != 0);
    test_cond("Thai date with Thai digits",
              !strcmp(model_thai_date(&a, 2019, 2, 5, RG_DIGITS_THAI), "๕ กุมภาพันธ์ ๒๕๖๒"));
    test_cond("numbers drop trailing zeros", !strcmp(model_format_number(&a, 1.5, 4, RG_DIGITS_ARABIC), "1.5"));
    test_cond("numbers round to the decimals given",
              !strcmp(model_format_number(&a, 0.416666, 4, RG_DIGITS_ARABIC), "0.4167"));
    arena_free(&a);

    /* ---- memory input and limits ---- */
    const char *tiny = "<report xmlns='urn:raingan:report:1'><meta><agency>a</agency>"
                       "<fiscal-year>2562</fiscal-year><round>6</round></meta><summary>"
                       "<title>t</title><item number='1'><name>n</name><result/></item>"
                       "</summary></report>";
    doc = rg_document_load_memory(ctx, "tiny", tiny, strlen(tiny));
    test_cond("a document loads from memory", doc && rg_document_summary_count(doc) == 1);
    rg_document_free(doc);
    doc = rg_document_load_memory(ctx, NULL, "", 0);
    test_cond("empty input fails with an error", !doc && rg_context_count_at_least(ctx, RG_ERROR) == 1);
    rg_context_clear_diagnostics(ctx);

    size_t depth = 5000;
    char *deep = malloc(depth * 7 + 512);
    strcpy(deep, "<report xmlns='urn:raingan:report:1'><meta><agency>");
    for (size_t i = 0; i < depth; i++)
        strcat(deep + strlen(deep) - 3, "<b>");
    for (size_t i = 0; i < depth; i++)
        strcat(deep + strlen(deep) - 4, "</b>");
    strcat(deep, "</agency></meta></report>");
    doc = rg_document_load_memory(ctx, "deep", deep, strlen(deep));
    test_cond("5000 nested elements end with an error, not a crash",
              !doc && rg_context_count_at_least(ctx, RG_ERROR) >= 1);
    free(deep);
    rg_context_clear_diagnostics(ctx);

    size_t big = RG_MAX_SOURCE_SIZE + 1;
    char *huge = calloc(1, big);
    doc = huge ? rg_document_load_memory(ctx, "huge", huge, big) : NULL;
    test_cond("input over 64 MiB is refused with too-large", !doc && first_code(ctx, "too-large"));
    free(huge);
    rg_context_clear_diagnostics(ctx);

    rg_context_free(ctx);
    return test_report();
}
