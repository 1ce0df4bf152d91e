/* test_nomem.c - out-of-memory at every step of load -> layout -> PDF.
 *
 * Through the context's allocation seam (rg_context_new_with_allocator), a
 * counting allocator first measures how many allocations a full load and
 * render of a source make, then the pipeline is run again failing the n-th
 * allocation, for n spread over that range, in two modes: only the n-th
 * fails (a transient failure the code must not ignore), and every one from
 * the n-th on (memory is gone for good, so even diagnostics cannot be
 * stored).  Each run must end without a crash, with a failure status (or a
 * result identical in page count when the failed allocation was not
 * needed), and with every block it took through the seam given back once
 * the document and context are freed: a leak check independent of ASan.
 * libxml2, HarfBuzz and ICU allocate on their own and are not failed.
 * The sweep runs once with the layout on the calling thread only and once
 * with three layout threads (the counter is atomic; which thread meets the
 * failing call then varies, the outcome rules do not).
 * RG_NOMEM_STEP=1 fails every allocation in turn (slow; CI spreads 200). */
#include "testhelp.h"
#include "testfile.h"
#include "raingan.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct counter {
    atomic_size_t calls; /* allocations (malloc + realloc) so far */
    atomic_size_t live;  /* blocks handed out and not yet freed */
    size_t fail_at;      /* first failing call (1-based); 0: never */
    int once;            /* fail only call fail_at, not the ones after it */
} counter;

static void counter_init(counter *c, size_t fail_at, int once)
{
    atomic_init(&c->calls, 0);
    atomic_init(&c->live, 0);
    c->fail_at = fail_at;
    c->once = once;
}

/* Count a call; 1 when it is one that must fail. */
static int must_fail(counter *c)
{
    size_t n = atomic_fetch_add(&c->calls, 1) + 1;
    return c->fail_at && (c->once ? n == c->fail_at : n >= c->fail_at);
}

static void *c_malloc(void *user, size_t size)
{
    counter *c = user;
    if (must_fail(c))
        return NULL;
    void *p = malloc(size);
    if (p)
        atomic_fetch_add(&c->live, 1);
    return p;
}

static void *c_realloc(void *user, void *ptr, size_t size)
{
    counter *c = user;
    if (!ptr)
        return c_malloc(user, size);
    if (must_fail(c))
        return NULL;
    return realloc(ptr, size);
}

static void c_free(void *user, void *ptr)
{
    counter *c = user;
    if (ptr)
        atomic_fetch_sub(&c->live, 1);
    free(ptr);
}

/* Load and render data with allocator c; returns 1 when both succeeded,
 * and the page count in *npages.  Everything is freed before returning. */
static int run(rg_engine *eng, counter *c, const char *data, size_t len, int threads,
               size_t *npages)
{
    rg_allocator a = {c_malloc, c_realloc, c_free, c};
    rg_context *ctx = rg_context_new_with_allocator(&a);
    if (!ctx)
        return 0;
    int ok = 0;
    rg_document *doc = rg_document_load_memory(ctx, "both-forms.xml", data, len);
    if (doc) {
        unsigned char *pdf = NULL;
        size_t n = 0;
        rg_render_options ro = {NULL, 0, 0, threads};
        ok = rg_render_pdf_memory(eng, ctx, doc, &ro, &pdf, &n, npages) == RG_OK;
        if (ok && (n < 5 || memcmp(pdf, "%PDF-", 5)))
            ok = 0;
        free(pdf);
    }
    rg_document_free(doc);
    rg_context_free(ctx);
    return ok;
}

/* Measure one source, then fail allocations spread over its run. */
static void sweep(rg_engine *eng, const char *path, const char *name, int threads)
{
    size_t len = 0;
    char *data = test_slurp(path, &len);
    char d[256];
    snprintf(d, sizeof d, "%s can be read", name);
    test_cond(d, data != NULL);
    if (!data)
        return;
    counter c;
    counter_init(&c, 0, 0);
    size_t pages = 0;
    snprintf(d, sizeof d, "%s (%d layout threads) renders when no allocation fails, freeing every block",
             name, threads);
    test_cond(d, run(eng, &c, data, len, threads, &pages) && atomic_load(&c.live) == 0);
    size_t total = atomic_load(&c.calls);
    printf("  %s: a load and render makes %zu allocations through the seam\n", name, total);

    const char *env = getenv("RG_NOMEM_STEP"); /* 1: every allocation (slow) */
    size_t step = env ? (size_t)atoi(env) : total / 200 + 1;
    int leaks = 0, silent = 0, runs = 0;
    for (int once = 0; once <= 1; once++) {
        for (size_t n = 1; n <= total; n += step ? step : 1) {
            counter f;
            counter_init(&f, n, once);
            size_t p = 0;
            int ok = run(eng, &f, data, len, threads, &p);
            runs++;
            if (atomic_load(&f.live) != 0) {
                leaks++;
                printf("  leak: %zu blocks after failing allocation %zu%s\n",
                       (size_t)atomic_load(&f.live), n, once ? " (once)" : "");
            }
            if (ok && p != pages) {
                silent++;
                printf("  failing allocation %zu%s gave a different PDF (%zu pages)\n", n,
                       once ? " (once)" : "", p);
            }
        }
    }
    printf("  %s: %d runs with a failing allocation, none crashed\n", name, runs);
    snprintf(d, sizeof d, "%s (%d layout threads): no run leaked a block of the seam", name, threads);
    test_cond(d, leaks == 0);
    snprintf(d, sizeof d, "%s (%d layout threads): no failed allocation went unnoticed into a different PDF",
             name, threads);
    test_cond(d, silent == 0);
    free(data);
}

int main(void)
{
    rg_context *ectx = rg_context_new();
    rg_engine *eng = test_engine(ectx);
    test_cond("the engine loads", eng != NULL);
    if (!eng)
        return test_report();
    sweep(eng, RG_TEST_DATA "/model/both-forms.xml", "both-forms.xml", 1);
    sweep(eng, RG_SOURCE_DIR "/samples/summary-2564.xml", "summary-2564.xml", 1);
    sweep(eng, RG_TEST_DATA "/model/both-forms.xml", "both-forms.xml", 3);
    rg_engine_free(eng);
    rg_context_free(ectx);
    return test_report();
}
