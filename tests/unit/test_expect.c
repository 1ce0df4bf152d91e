/* test_expect.c - data-driven model cases: tests/data/model/NAME.xml with
 * NAME.expect holding the expected model dump (libraqm's .test files).
 *
 * On a mismatch the runner prints a unified diff (expected -> actual).
 * With RG_UPDATE_EXPECT=1 in the environment it rewrites the .expect files
 * instead; review that diff (git diff) before committing. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "testfile.h"
#include "raingan.h"

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

/* Check one case; returns 1 when it passes (or was updated). */
static int run_case(const char *dir, const char *name, int update)
{
    char xml[1024], exp[1024], act[1100];
    snprintf(xml, sizeof xml, "%s/%s", dir, name);
    snprintf(exp, sizeof exp, "%.*s.expect", (int)strlen(xml) - 4, xml);
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load(ctx, xml);
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        char buf[2048];
        rg_diagnostic_format(rg_context_diagnostic(ctx, i), buf, sizeof buf);
        printf("  %s\n", buf);
    }
    char *actual = doc ? rg_document_dump(doc, NULL) : NULL;
    rg_document_free(doc);
    rg_context_free(ctx);
    if (!actual)
        return 0;
    int ok;
    if (update) {
        ok = spill(exp, actual) == 0;
        printf("  updated %s\n", exp);
    } else {
        size_t explen = 0;
        char *expected = test_slurp(exp, &explen);
        ok = expected && !strcmp(expected, actual);
        if (!ok) {
            snprintf(act, sizeof act, "%s.actual", exp);
            spill(act, actual);
            char cmd[2400];
            snprintf(cmd, sizeof cmd, "diff -u '%s' '%s'", expected ? exp : "/dev/null", act);
            if (system(cmd) < 0)
                printf("  (could not run diff)\n");
        }
        free(expected);
    }
    free(actual);
    return ok;
}

int main(void)
{
    const char *dir = RG_TEST_DATA "/model";
    const char *env = getenv("RG_UPDATE_EXPECT");
    int update = env && !strcmp(env, "1");
    char *names[256];
    int listed = test_list_xml(dir, names, 256);
    test_cond("the model cases folder exists", listed >= 0);
    if (listed < 0)
        return test_report();
    size_t n = (size_t)listed;
    test_cond("there is at least one model case", n > 0);
    for (size_t i = 0; i < n; i++) {
        char descr[512];
        snprintf(descr, sizeof descr, "%s dumps as its .expect says", names[i]);
        test_cond(descr, run_case(dir, names[i], update));
        free(names[i]);
    }
    return test_report();
}
