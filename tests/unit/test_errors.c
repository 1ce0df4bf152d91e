/* test_errors.c - diagnostics cases: the files tests/data/errors/NAME.xml.
 *
 * Each case states what it expects beside the bad line, in XML comments
 * (like Typst's "// Error:" annotations):
 *
 *   <!-- error: LINE[:COL] CODE [free text] -->
 *   <!-- warning: LINE[:COL] CODE [free text] -->
 *
 * The runner loads the file and checks that every expectation is met by a
 * diagnostic of that severity and code on exactly that line (and column,
 * when given), and that no error or warning was reported that no
 * annotation expects.  Annotations are found by scanning the raw bytes, so
 * they work in files that are not well-formed or not UTF-8. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "testfile.h"
#include "raingan.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

typedef struct expect {
    rg_severity sev; /* RG_ERROR or RG_WARNING */
    int line, col;   /* col 0: any column */
    char code[64];   /* diagnostic code */
    int met;         /* a diagnostic matched it */
} expect;

/* Parse the annotations of data into ex (at most max); returns the count. */
static size_t parse_expectations(const char *data, size_t len, expect *ex, size_t max)
{
    size_t n = 0;
    static const char *const tags[2] = {"<!-- error: ", "<!-- warning: "};
    for (size_t i = 0; i < len && n < max; i++) {
        for (int t = 0; t < 2; t++) {
            size_t tl = strlen(tags[t]);
            if (i + tl > len || memcmp(data + i, tags[t], tl))
                continue;
            expect *e = &ex[n];
            memset(e, 0, sizeof *e);
            e->sev = t == 0 ? RG_ERROR : RG_WARNING;
            if (sscanf(data + i + tl, "%d:%d %63s", &e->line, &e->col, e->code) == 3 ||
                (e->col = 0, sscanf(data + i + tl, "%d %63s", &e->line, e->code) == 2))
                n++;
        }
    }
    return n;
}

/* Run one case; returns the number of problems found. */
static int run_case(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    size_t len = 0;
    char *data = test_slurp(path, &len);
    if (!data) {
        printf("  %s: cannot read\n", name);
        return 1;
    }
    expect ex[64];
    size_t nex = parse_expectations(data, len, ex, 64);
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load_memory(ctx, name, data, len);
    int problems = 0;
    size_t nerr_expected = 0;
    for (size_t k = 0; k < nex; k++)
        nerr_expected += ex[k].sev == RG_ERROR;
    if ((doc != NULL) != (nerr_expected == 0)) {
        printf("  %s: load %s but %zu errors expected\n", name, doc ? "succeeded" : "failed",
               nerr_expected);
        problems++;
    }
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        int matched = 0;
        for (size_t k = 0; k < nex && !matched; k++) {
            expect *e = &ex[k];
            if (!e->met && e->sev == d->severity && e->line == d->line &&
                (!e->col || e->col == d->col) && !strcmp(e->code, d->code))
                e->met = matched = 1;
        }
        if (!matched && d->severity >= RG_WARNING) {
            char buf[2048];
            rg_diagnostic_format(d, buf, sizeof buf);
            printf("  unexpected [%s] %s\n", d->code, buf);
            problems++;
        }
    }
    for (size_t k = 0; k < nex; k++)
        if (!ex[k].met) {
            printf("  %s: expected %s %d:%d %s was not reported\n", name,
                   ex[k].sev == RG_ERROR ? "error" : "warning", ex[k].line, ex[k].col,
                   ex[k].code);
            problems++;
        }
    rg_document_free(doc);
    rg_context_free(ctx);
    free(data);
    return problems;
}

int main(void)
{
    const char *dir = RG_TEST_DATA "/errors";
    char *names[256];
    int listed = test_list_xml(dir, names, 256);
    test_cond("the errors folder exists", listed >= 0);
    if (listed < 0)
        return test_report();
    size_t n = (size_t)listed;
    test_cond("there are at least 15 diagnostics cases", n >= 15);
    for (size_t i = 0; i < n; i++) {
        char descr[512];
        snprintf(descr, sizeof descr, "%s reports exactly the annotated diagnostics", names[i]);
        test_cond(descr, run_case(dir, names[i]) == 0);
        free(names[i]);
    }
    return test_report();
}
