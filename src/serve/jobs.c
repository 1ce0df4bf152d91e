/* jobs.c - the service's work, run on a worker thread: render, check,
 * archive, and the studio's file requests (studio.c).  /check's scores
 * are written by `raingan score --json`'s writer (cli/score.h).
 *
 * Every job goes through the public API only (rg_document_load_memory,
 * rg_render_pdf_memory, rg_render_archive): the service renders exactly
 * what `raingan render` and `raingan archive` render.  Each worker has one
 * context, cleared before each job; a job never touches the file system
 * (sources arrive in the body and are loaded from memory).
 *
 * Replies: a PDF (200), or JSON.  Errors are JSON objects with "error" (a
 * stable code), "status", "message" and, for a bad source, "file", "line",
 * "col" of the first error and every diagnostic:
 *   400 bad request (empty body, bad multipart, unsafe or duplicate name)
 *   422 the source has errors (schema, semantic rule, a resource bound)
 *   500 fonts, templates or the PDF writer failed
 *   503 the job waited longer than the request timeout for a worker */
#define _POSIX_C_SOURCE 200809L
#include "serve/http.h"
#include "serve/pool.h"
#include "cli/score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *severity_name(rg_severity s)
{
    return s == RG_ERROR ? "error" : s == RG_WARNING ? "warning" : "note";
}

/* ctx's diagnostics as a JSON array. */
static void put_diagnostics(sbuf *b, const rg_context *ctx)
{
    sb_puts(b, "[");
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        sb_printf(b, "%s{\"severity\":\"%s\",\"code\":", i ? "," : "", severity_name(d->severity));
        sb_json(b, d->code);
        sb_puts(b, ",\"file\":");
        sb_json(b, d->file);
        sb_printf(b, ",\"line\":%d,\"col\":%d,\"location\":\"", d->line, d->col);
        /* file:line:col as the CLI prints it (the file name is JSON-safe:
         * sb_json of it without the quotes) */
        sbuf loc = {0};
        sb_json(&loc, d->file ? d->file : "");
        if (loc.data && loc.len >= 2)
            sb_append(b, loc.data + 1, loc.len - 2);
        free(loc.data);
        if (d->line > 0)
            sb_printf(b, ":%d:%d", d->line, d->col);
        sb_puts(b, "\",\"message\":");
        sb_json(b, d->message);
        sb_puts(b, ",\"hint\":");
        sb_json(b, d->hint);
        sb_puts(b, "}");
    }
    sb_puts(b, "]");
}

/* The first error of ctx (or NULL). */
static const rg_diagnostic *first_error(const rg_context *ctx)
{
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++)
        if (rg_context_diagnostic(ctx, i)->severity == RG_ERROR)
            return rg_context_diagnostic(ctx, i);
    return NULL;
}

static int http_status_of(rg_status st)
{
    switch (st) {
    case RG_ERR_PARSE:
    case RG_ERR_INVALID:
    case RG_ERR_LIMIT: return 422;
    case RG_ERR_USAGE: return 400;
    default: return 500;
    }
}

/* Reply with status and the diagnostics of a failed load or render. */
static void reply_failure(request *r, const rg_context *ctx, rg_status st)
{
    int status = http_status_of(st);
    const rg_diagnostic *e = first_error(ctx);
    sbuf b = {0};
    sb_printf(&b, "{\"error\":\"%s\",\"status\":%d,\"message\":",
              status == 422 ? "invalid-source" : status == 400 ? "bad-request" : "internal",
              status);
    if (e) {
        char line[2048];
        rg_diagnostic_format_ex(ctx, e, 0, line, sizeof line);
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = 0;
        sb_json(&b, line);
        sb_puts(&b, ",\"code\":");
        sb_json(&b, e->code);
        sb_puts(&b, ",\"file\":");
        sb_json(&b, e->file);
        sb_printf(&b, ",\"line\":%d,\"col\":%d", e->line, e->col);
    } else {
        sb_json(&b, rg_status_name(st));
    }
    sb_puts(&b, ",\"diagnostics\":");
    put_diagnostics(&b, ctx);
    sb_puts(&b, "}\n");
    reply_buf(r, status, "application/json", &b);
}

/* Reply with the PDF of a render that returned st (taking pdf over), or
 * with its failure. */
static void reply_pdf(request *r, const rg_context *ctx, rg_status st, unsigned char *pdf,
                      size_t len, size_t npages)
{
    if (st != RG_OK) {
        free(pdf);
        reply_failure(r, ctx, st);
        return;
    }
    r->status = 200;
    r->out = (char *)pdf;
    r->out_len = len;
    r->out_type = "application/pdf";
    snprintf(r->pages, sizeof r->pages, "%zu", npages);
}

/* ---- the sources of a request -------------------------------------------- */

enum { MAX_SOURCES = MP_PARTS_MAX };

typedef struct sources {
    rg_source_bytes src[MAX_SOURCES]; /* the sources, in order */
    size_t n;
    rg_source_bytes att[MP_PARTS_MAX]; /* the other parts: files sent with the sources */
    size_t attachments;
    mp_part parts[MP_PARTS_MAX];      /* the parts, when multipart */
} sources;

/* How a request's sources load: the files they name are the request's
 * other parts (by name, or by the last part of the name written), else
 * files inside the server's folder, relative to it; never anything
 * outside it (symbolic links resolved first). */
static rg_load_options load_options(const request *r, const sources *s)
{
    rg_load_options lo = {r->srv->dir_real, r->srv->dir_real, s->att, s->attachments};
    return lo;
}

static int ends_with_xml(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && !strcasecmp(name + n - 4, ".xml");
}

/* Find the sources of r's body: the body itself (named by ?name=, else
 * "source.xml"), or in a multipart body every part whose file name ends
 * in ".xml" or whose field is "source" (several only when many is set),
 * the other parts being attachments.  Every name must be safe and
 * distinct.  Returns 0, or -1 with the reply set (400). */
static int find_sources(request *r, sources *s, int many)
{
    memset(s, 0, sizeof *s);
    if (r->len == 0) {
        reply_error(r, 400, "empty-body", "the request has no body: send the XML source "
                                          "(or multipart/form-data with it)");
        return -1;
    }
    if (!mp_is_multipart(r->ctype)) {
        if (r->name[0] && !mp_safe_name(r->name)) {
            reply_error(r, 400, "bad-name", "?name= must be a plain file name (no '/', '\\', "
                                            "':', leading '.' or control characters)");
            return -1;
        }
        s->src[0] = (rg_source_bytes){r->name[0] ? r->name : "source.xml", r->body, r->len};
        s->n = 1;
        return 0;
    }
    const char *err = NULL;
    int n = mp_parse(r->ctype, r->body, r->len, s->parts, MP_PARTS_MAX, &err);
    if (n < 0) {
        reply_error(r, 400, "bad-multipart", "malformed multipart body: %s", err);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        mp_part *p = &s->parts[i];
        const char *name = p->filename[0] ? p->filename : p->name;
        if (!mp_safe_name(name)) {
            reply_error(r, 400, "bad-name", "part %d: the name '%.80s' is not a plain file name "
                                            "(no '/', '\\', ':', leading '.' or control characters)",
                        i + 1, name);
            return -1;
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(name, s->parts[j].filename[0] ? s->parts[j].filename : s->parts[j].name)) {
                reply_error(r, 400, "duplicate-name", "two parts are named '%.80s'", name);
                return -1;
            }
        if (ends_with_xml(p->filename) || !strcmp(p->name, "source"))
            s->src[s->n++] = (rg_source_bytes){ends_with_xml(p->filename) ? p->filename
                                                                          : "source.xml",
                                               p->data, p->len};
        else
            s->att[s->attachments++] = (rg_source_bytes){name, p->data, p->len};
    }
    if (s->n == 0) {
        reply_error(r, 400, "no-source", "the body holds no source: send a part named 'source' "
                                         "or a file ending in .xml");
        return -1;
    }
    if (!many && s->n > 1) {
        reply_error(r, 400, "no-source",
                    "the body holds %zu sources (*.xml parts); this endpoint takes one", s->n);
        return -1;
    }
    return 0;
}

/* ---- the jobs -------------------------------------------------------------- */

static void job_render(request *r, rg_context *ctx)
{
    sources s;
    if (find_sources(r, &s, 0))
        return;
    rg_load_options lo = load_options(r, &s);
    double t = serve_now();
    rg_document *doc =
        rg_document_load_memory_with(ctx, s.src[0].name, s.src[0].data, s.src[0].len, &lo);
    timing_mark(r, "load", &t);
    if (!doc) {
        reply_failure(r, ctx, RG_ERR_INVALID);
        return;
    }
    rg_render_options ro = {r->indicator[0] ? r->indicator : NULL, r->srv->epoch,
                            r->srv->cfg.max_pages, 1};
    unsigned char *pdf = NULL;
    size_t len = 0, npages = 0;
    rg_status st = rg_render_pdf_memory(r->srv->eng, ctx, doc, &ro, &pdf, &len, &npages);
    timing_mark(r, "render", &t); /* layout and PDF */
    rg_document_free(doc);
    reply_pdf(r, ctx, st, pdf, len, npages);
}

/* doc's scores as `raingan score --json` writes them (one writer). */
static void put_scores(sbuf *b, const rg_document *doc, rg_context *ctx)
{
    rg_buf o;
    buf_init(&o, ctx);
    cli_score_json(&o, doc);
    if (o.failed)
        b->failed = 1;
    else
        sb_append(b, o.data, o.len);
    buf_free(&o);
}

/* POST /check: always 200 when the request itself is well formed; the
 * answer says whether the source is valid. */
static void job_check(request *r, rg_context *ctx)
{
    sources s;
    if (find_sources(r, &s, 0))
        return;
    rg_load_options lo = load_options(r, &s);
    double t = serve_now();
    rg_document *doc =
        rg_document_load_memory_with(ctx, s.src[0].name, s.src[0].data, s.src[0].len, &lo);
    timing_mark(r, "load", &t);
    sbuf b = {0};
    sb_printf(&b, "{\"valid\":%s,\"language\":\"%s\",\"errors\":%zu,\"warnings\":%zu,\"file\":",
              doc ? "true" : "false", rg_context_language(ctx),
              rg_context_count_at_least(ctx, RG_ERROR),
              rg_context_count_at_least(ctx, RG_WARNING) - rg_context_count_at_least(ctx, RG_ERROR));
    sb_json(&b, s.src[0].name);
    sb_puts(&b, ",\"diagnostics\":");
    put_diagnostics(&b, ctx);
    if (doc) {
        sb_puts(&b, ",\"scores\":");
        put_scores(&b, doc, ctx);
        timing_mark(r, "scores", &t);
    }
    sb_puts(&b, "}\n");
    rg_document_free(doc);
    reply_buf(r, 200, "application/json", &b);
}

/* POST /archive: every source of the body, all loaded before any work;
 * one with errors fails the whole archive (422, every source's problems). */
static void job_archive(request *r, rg_context *ctx)
{
    sources s;
    if (find_sources(r, &s, 1))
        return;
    rg_load_options lo = load_options(r, &s);
    const rg_document *docs[MAX_SOURCES];
    size_t loaded = 0;
    int failed = 0;
    double t = serve_now();
    for (size_t i = 0; i < s.n; i++) {
        rg_document *d =
            rg_document_load_memory_with(ctx, s.src[i].name, s.src[i].data, s.src[i].len, &lo);
        if (d)
            docs[loaded++] = d;
        else
            failed = 1;
    }
    unsigned char *pdf = NULL;
    size_t len = 0, npages = 0;
    rg_status st = RG_ERR_INVALID;
    timing_mark(r, "load", &t);
    if (!failed) {
        rg_archive_options ao = {r->srv->epoch, NULL, 1, RG_FRONT_THAI, 0, 0};
        st = rg_render_archive(r->srv->eng, ctx, docs, s.src, s.n, &ao, &pdf, &len, &npages);
        timing_mark(r, "render", &t);
    }
    for (size_t i = 0; i < loaded; i++)
        rg_document_free((rg_document *)docs[i]);
    reply_pdf(r, ctx, st, pdf, len, npages);
}

void job_run(request *r, rg_context *ctx)
{
    if (!ctx) {
        reply_error(r, 500, "out-of-memory", "the worker has no context (out of memory)");
        return;
    }
    if (serve_now() - r->t0 > r->srv->cfg.timeout_s) {
        reply_error(r, 503, "busy", "the request waited over %u s for a worker; try again",
                    r->srv->cfg.timeout_s);
        return;
    }
    snprintf(r->timing, sizeof r->timing, "receive;dur=%.1f", (r->t_queued - r->t0) * 1e3);
    double t = r->t_queued;
    timing_mark(r, "queue", &t); /* waiting for a worker */
    rg_context_clear_diagnostics(ctx);
    rg_context_set_language(ctx, r->lang[0] ? r->lang : "en"); /* the context is reused */
    switch (r->route) {
    case ROUTE_RENDER: job_render(r, ctx); break;
    case ROUTE_CHECK: job_check(r, ctx); break;
    case ROUTE_ARCHIVE: job_archive(r, ctx); break;
    case ROUTE_FILES: studio_files(r); break;
    case ROUTE_FILE_GET: studio_file_get(r); break;
    case ROUTE_FILE_PUT: studio_file_put(r); break;
    default: reply_error(r, 500, "internal", "no job for this route"); break;
    }
    rg_context_clear_diagnostics(ctx);
}
