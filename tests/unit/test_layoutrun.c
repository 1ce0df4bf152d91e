/* test_layoutrun.c - documents_layout over several documents: each
 * document has its own work budget (an archive of a thousand sources is
 * not one document), the limit is still enforced per document, worker
 * threads hand the sink exactly the pages one thread makes, and shaping
 * through the segment cache lays out exactly what shaping every paragraph
 * whole does. */
#include "testhelp.h"
#include "testfile.h"

#include "api/engine.h"
#include "layout/document.h"
#include "raingan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A sink that dumps every page it gets, so runs can be compared. */
typedef struct collect {
    rg_buf dump;
    size_t pages, calls;
} collect;

static int sink_collect(void *user, const rg_pages *pages)
{
    collect *c = user;
    pages_dump(pages, &c->dump);
    c->pages += pages->npages;
    c->calls++;
    return 0;
}

/* Lay out docs with the given threads and per-document work limit into
 * c (which the caller frees); returns the status. */
static rg_status run(rg_engine *eng, rg_context *ctx, const rg_document *const *docs, size_t n,
                     int threads, size_t limit, collect *c)
{
    memset(c, 0, sizeof *c);
    buf_init(&c->dump, ctx);
    rg_pages pages;
    pages_init(&pages, ctx);
    rg_layout_opts o = {NULL, threads, NULL, sink_collect, c, limit, 0, 0};
    rg_layout_res res;
    rg_status st = engine_layout_res(eng, ctx, docs, n, 0, &res);
    if (st == RG_OK)
        st = documents_layout(&res, ctx, engine_textstate(eng, ctx), docs, n, &pages, &o);
    engine_layout_res_free(&res);
    pages_free(&pages);
    return st;
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    rg_engine *eng = test_engine(ctx);
    rg_document *doc = rg_document_load(ctx, RG_SOURCE_DIR "/samples/indicators-2562.xml");
    test_cond("the engine and the sample load", eng && doc);
    if (!eng || !doc)
        return test_report();

    /* The smallest power-of-two budget the sample fits in. */
    size_t fits = 1024;
    collect c;
    while (fits < ((size_t)1 << 30)) {
        rg_status st = run(eng, ctx, (const rg_document *const *)&doc, 1, 1, fits, &c);
        buf_free(&c.dump);
        rg_context_clear_diagnostics(ctx);
        if (st == RG_OK)
            break;
        fits *= 2;
    }
    test_cond("the sample fits some budget", fits < ((size_t)1 << 30));

    /* Three copies in one run, each within the budget: all laid out. */
    const rg_document *three[3] = {doc, doc, doc};
    collect serial, par;
    rg_status s1 = run(eng, ctx, three, 3, 1, fits, &serial);
    rg_status s2 = run(eng, ctx, three, 3, 3, fits, &par);
    test_cond("three documents each within the budget are laid out (one thread)",
              s1 == RG_OK && serial.pages == 66);
    test_cond("three documents each within the budget are laid out (three threads)",
              s2 == RG_OK && par.pages == 66);
    test_cond("three threads hand the sink the same 15 forms as one",
              serial.calls == 15 && par.calls == 15);
    test_cond("three threads give the same pages and boxes as one",
              serial.dump.len > 0 && serial.dump.len == par.dump.len &&
                  !memcmp(serial.dump.data, par.dump.data, serial.dump.len));
    buf_free(&serial.dump);
    buf_free(&par.dump);

    /* A quarter of the budget is too little, on one thread or several,
     * and the same form is named. */
    for (int threads = 1; threads <= 2; threads++) {
        rg_context_clear_diagnostics(ctx);
        rg_status st = run(eng, ctx, (const rg_document *const *)&doc, 1, threads, fits / 4, &c);
        buf_free(&c.dump);
        int named = 0;
        for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
            const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
            named |= !strcmp(d->code, "too-complex") && d->line > 0;
        }
        test_cond(threads == 1 ? "a quarter of the budget fails with too-complex (one thread)"
                               : "a quarter of the budget fails with too-complex (two threads)",
                  st == RG_ERR_LIMIT && named);
    }

    /* The budget grows with the forms (RG_LAYOUT_WORK_PER_FORM): 300 plain
     * indicators pass with no document budget of their own, where a fixed
     * budget refused 10,000 plain indicators at form 6,321 blaming nested
     * tables they did not have. */
    {
        rg_buf src;
        buf_init(&src, ctx);
        buf_puts(&src, "<report xmlns=\"urn:raingan:report:1\"><meta><agency>ก</agency>"
                       "<fiscal-year>2562</fiscal-year><round>12</round></meta>");
        for (int i = 1; i <= 300; i++) {
            char ind[1024];
            snprintf(ind, sizeof ind,
                     "<indicator number=\"%d\" weight=\"1\"><name>ตัวชี้วัดที่ %d</name>"
                     "<supervisor><person><name>นาย ก</name></person></supervisor>"
                     "<criteria><level value=\"1\">ก</level><level value=\"2\">ข</level>"
                     "<level value=\"3\">ค</level><level value=\"4\">ง</level>"
                     "<level value=\"5\">จ</level></criteria><achieved level=\"5\"/>"
                     "<calculation><row weight=\"100\" score=\"5\"><label>a</label>"
                     "<result>5</result></row></calculation></indicator>",
                     i, i);
            buf_puts(&src, ind);
        }
        buf_puts(&src, "</report>");
        rg_context_clear_diagnostics(ctx);
        rg_document *plain = rg_document_load_memory(ctx, "plain.xml", src.data, src.len);
        test_cond("300 plain indicators load", plain != NULL);
        if (plain) {
            for (int threads = 1; threads <= 2; threads++) {
                rg_status st = run(eng, ctx, (const rg_document *const *)&plain, 1, threads, 1, &c);
                test_cond(threads == 1 ? "300 plain forms fit their per-form budget (one thread)"
                                       : "300 plain forms fit their per-form budget (two threads)",
                          st == RG_OK && c.calls == 300);
                buf_free(&c.dump);
            }
            rg_document_free(plain);
        }
        buf_free(&src);
    }

    /* The segment cache against whole-paragraph shaping, both samples. */
    const char *samples[] = {RG_SOURCE_DIR "/samples/indicators-2562.xml",
                             RG_SOURCE_DIR "/samples/summary-2564.xml"};
    for (int i = 0; i < 2; i++) {
        rg_document *d = rg_document_load(ctx, samples[i]);
        rg_textstate *ts = engine_textstate(eng, ctx);
        collect cached, whole;
        if (!d || !ts) {
            test_cond("a sample loads", 0);
            rg_document_free(d);
            continue;
        }
        rg_status a = run(eng, ctx, (const rg_document *const *)&d, 1, 1, 0, &cached);
        textstate_use_cache(ts, 0);
        rg_status b = run(eng, ctx, (const rg_document *const *)&d, 1, 1, 0, &whole);
        textstate_use_cache(ts, 1);
        test_cond(i == 0 ? "indicators: shaping by cached segments lays out what whole shaping does"
                         : "summary: shaping by cached segments lays out what whole shaping does",
                  a == RG_OK && b == RG_OK && cached.dump.len > 0 &&
                      cached.dump.len == whole.dump.len &&
                      !memcmp(cached.dump.data, whole.dump.data, cached.dump.len));
        buf_free(&cached.dump);
        buf_free(&whole.dump);
        rg_document_free(d);
    }

    rg_document_free(doc);
    rg_engine_free(eng);
    rg_context_free(ctx);
    return test_report();
}
