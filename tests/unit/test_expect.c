/* test_expect.c - data-driven golden cases (libraqm's .test files), one
 * NAME.expect beside each input:
 *
 *   tests/data/model/NAME.xml    the model dump (rg_document_dump)
 *   tests/data/layout/NAME.xml   the laid-out pages (rg_render_dump, what
 *                                `raingan render --dump-layout` prints):
 *                                every box with its position, so a row
 *                                moved 3 pt or a Thai line broken elsewhere
 *                                is a failing diff
 *   tests/data/layout/NAME.txt   the text stage's dump of each paragraph
 *                                (text/dump.h: lines, runs, glyphs) then
 *                                the pages `raingan typeset` lays out; a
 *                                name starting with an alignment
 *                                ("thai-distributed-…") sets --align
 *
 * On a mismatch the runner prints a unified diff (expected -> actual) and
 * leaves NAME.expect.actual beside it.  With RG_UPDATE=1 in the
 * environment (RG_UPDATE_EXPECT=1 also works) it rewrites the .expect files
 * instead: after an intended change of layout, run
 *   RG_UPDATE=1 build/tests/test_expect
 * and review the diff (git diff tests/data) before committing. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "testfile.h"
#include "raingan.h"
#include "api/engine.h"
#include "layout/plain.h"
#include "text/dump.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* Write text to path; 0 on success. */
static int spill(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* Print ctx's diagnostics, indented. */
static void print_diagnostics(rg_context *ctx)
{
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        char buf[2048];
        rg_diagnostic_format(rg_context_diagnostic(ctx, i), buf, sizeof buf);
        printf("  %s\n", buf);
    }
}

/* Compare actual (NULL: the dump failed) with input's .expect, or rewrite
 * it when update is set; returns 1 when it passes (or was updated). */
static int compare(const char *input, const char *actual, int update)
{
    char exp[1024], act[1100];
    const char *dot = strrchr(input, '.');
    snprintf(exp, sizeof exp, "%.*s.expect", (int)(dot - input), input);
    if (!actual)
        return 0;
    if (update) {
        int ok = spill(exp, actual) == 0;
        printf("  updated %s\n", exp);
        return ok;
    }
    size_t explen = 0;
    char *expected = test_slurp(exp, &explen);
    int ok = expected && !strcmp(expected, actual);
    if (!ok) {
        snprintf(act, sizeof act, "%s.actual", exp);
        spill(act, actual);
        char cmd[2400];
        snprintf(cmd, sizeof cmd, "diff -u '%s' '%s'", expected ? exp : "/dev/null", act);
        if (system(cmd) < 0)
            printf("  (could not run diff)\n");
    }
    free(expected);
    return ok;
}

/* The model dump of the source at path; NULL when it does not load. */
static char *dump_model(const char *path)
{
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load(ctx, path);
    print_diagnostics(ctx);
    char *actual = doc ? rg_document_dump(doc, NULL) : NULL;
    rg_document_free(doc);
    rg_context_free(ctx);
    return actual;
}

/* The layout dump of every form of the source at path. */
static char *dump_layout(rg_engine *eng, const char *path)
{
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load(ctx, path);
    char *actual = doc ? rg_render_dump(eng, ctx, doc, NULL) : NULL;
    print_diagnostics(ctx);
    rg_document_free(doc);
    rg_context_free(ctx);
    return actual;
}

/* The text stage's dump of each paragraph of the text file at path, then
 * the pages plain_layout makes of it, with the alignment the file's name
 * starts with. */
static char *dump_text(rg_engine *eng, const char *path, const char *name)
{
    static const char *aligns[] = {"thai-distributed", "justify", "center", "right", "left"};
    rg_typeset_options opts = {0, 0, RG_ALIGN_LEFT, NULL};
    for (size_t i = 0; i < sizeof aligns / sizeof *aligns; i++)
        if (!strncmp(name, aligns[i], strlen(aligns[i]))) {
            opts.align = (rg_align)rg_align_from_name(aligns[i]);
            break;
        }
    size_t len;
    char *text = test_slurp(path, &len);
    rg_context *ctx = rg_context_new();
    rg_textstate *ts = engine_textstate(eng, ctx);
    if (!text || !ts)
        return NULL;
    rg_buf b;
    buf_init(&b, ctx);
    rg_style style = {engine_face(eng, FACE_REGULAR), RG_PT(16), 0, 0, NULL, 0};
    plain_para it = {0, 1, 0, 0, 0};
    int failed = 0;
    while (!failed && plain_next_paragraph(text, len, &it)) {
        buf_printf(&b, "para %zu-%zu line %d\n", it.start, it.end, it.start_line);
        rg_span span = {0, it.end - it.start, style};
        rg_para_in in = {text + it.start, it.end - it.start, &span, 1, textres_fallback(eng->text),
                         PLAIN_PAGE_W - PLAIN_MARGIN_L - PLAIN_MARGIN_R, 0, opts.align, path,
                         it.start_line};
        rg_arena arena;
        arena_init(&arena, ctx, 0);
        rg_para_out out;
        failed = paragraph_layout(ts, ctx, &arena, &in, &out) != 0;
        if (!failed)
            para_dump(&out, text + it.start, &b);
        arena_free(&arena);
    }
    rg_pages pages;
    pages_init(&pages, ctx);
    failed = failed || plain_layout(eng->text, ts, ctx, path, text, len, &opts, &pages) != 0;
    buf_puts(&b, "pages\n");
    pages_dump(&pages, &b);
    pages_free(&pages);
    print_diagnostics(ctx);
    char *actual = failed ? NULL : malloc(b.len + 1);
    if (actual) {
        memcpy(actual, b.data, b.len);
        actual[b.len] = 0;
    }
    buf_free(&b);
    rg_context_free(ctx);
    free(text);
    return actual;
}

/* The names in dir ending in ext (".xml", ".txt"), sorted; -1 when the
 * folder cannot be read. */
static int list_cases(const char *dir, const char *ext, char **names, size_t max)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t n = 0, el = strlen(ext);
    struct dirent *de;
    while ((de = readdir(d)) && n < max) {
        size_t l = strlen(de->d_name);
        if (l > el && !strcmp(de->d_name + l - el, ext) && (names[n] = malloc(l + 1)))
            memcpy(names[n++], de->d_name, l + 1);
    }
    closedir(d);
    qsort(names, n, sizeof *names, test_cmp_names);
    return (int)n;
}

/* Run every case of one kind: stage is "model", "layout" or "text". */
static void run_cases(const char *stage, const char *dir, const char *ext, rg_engine *eng,
                      int update)
{
    char *names[256];
    int listed = list_cases(dir, ext, names, 256);
    char descr[512];
    snprintf(descr, sizeof descr, "there are %s cases (%s/*%s)", stage, dir, ext);
    test_cond(descr, listed > 0);
    for (int i = 0; i < listed; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *actual = !strcmp(stage, "model")    ? dump_model(path)
                       : !strcmp(stage, "layout") ? dump_layout(eng, path)
                                                  : dump_text(eng, path, names[i]);
        snprintf(descr, sizeof descr, "%s: the %s dump is as its .expect says", names[i], stage);
        test_cond(descr, compare(path, actual, update));
        free(actual);
        free(names[i]);
    }
}

int main(void)
{
    const char *env = getenv("RG_UPDATE"), *env2 = getenv("RG_UPDATE_EXPECT");
    int update = (env && !strcmp(env, "1")) || (env2 && !strcmp(env2, "1"));
    run_cases("model", RG_TEST_DATA "/model", ".xml", NULL, update);
    rg_context *ectx = rg_context_new();
    rg_engine *eng = test_engine(ectx);
    print_diagnostics(ectx);
    test_cond("the engine starts on the source tree's data", eng != NULL);
    if (eng) {
        run_cases("layout", RG_TEST_DATA "/layout", ".xml", eng, update);
        run_cases("text", RG_TEST_DATA "/layout", ".txt", eng, update);
    }
    rg_engine_free(eng);
    rg_context_free(ectx);
    return test_report();
}
