/* cmd_batch.c - `raingan batch SOURCES... -o DIR`: many sources, one PDF
 * each (or one per indicator), on every core.
 *
 * Threads share one rg_engine (fonts, word list: immutable) and each has
 * its own rg_context (diagnostics, breakers, shaping buffer), as the API
 * requires.  The work runs in three steps so that names are predictable:
 *
 *   1. load (parallel): each source is read and validated; a bad one is
 *      recorded with its file:line:col messages and skipped from then on;
 *   2. name (serial, source order): every job gets its output name from
 *      the source's meta, "{year}-r{round}-{unit}[-{indicator}].pdf", with
 *      "-2", "-3" … added in source order when two would collide (the
 *      names given are kept in a hash set, so naming is linear even when
 *      a thousand sources share one stem);
 *   3. render (parallel): each job is rendered in memory, hashed and
 *      written atomically (temporary file + rename: an existing PDF is
 *      never half-written or replaced by a broken one), never over a
 *      source: the sources' device and inode are taken once, before step
 *      1, and each write compares its output's with them in memory.
 *
 * Workers take the next job from a shared counter, so a long source never
 * holds back the others.  A document is read by the worker that renders a
 * job of it, not necessarily the one that loaded it: documents are
 * immutable and readable from any thread, and all of them are freed by the
 * main thread after the workers have joined, with the contexts they were
 * loaded through still alive.
 *
 * Reporting: diagnostics go to stderr as they come, file:line:col first; on
 * a terminal a progress bar (count, rate, ETA) is redrawn on one line,
 * otherwise one quiet line per job.  At the end summary.json and
 * summary.csv (source, output, pages, warnings, errors, state, SHA-256) are
 * written atomically into DIR, in job order, so equal inputs give equal
 * summaries. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/loadall.h"
#include "cli/score.h"
#include "cli/signals.h"
#include "cli/sources.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/json.h"
#include "util/strmap.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One source. */
typedef struct src_item {
    const char *path;      /* borrowed from the source list */
    const rg_document *doc;/* borrowed from the loaded list; NULL when loading failed */
    const char *sha;       /* SHA-256 of the source bytes, "" if unread (borrowed) */
    size_t warnings, errors; /* from loading */
    char *messages;        /* formatted load diagnostics, newline-separated; malloc'd */
} src_item;

/* One output to produce. */
typedef struct job {
    size_t src;            /* index into the sources */
    const char *indicator; /* borrowed from the document, or NULL for the whole source */
    char *out;             /* output path, malloc'd */
    int done;              /* 1 once rendered (or failed) */
    int status;            /* exit status of this job */
    size_t pages, warnings, errors;
    char sha[65];          /* SHA-256 of the PDF, "" when none */
    char *messages;        /* formatted render diagnostics; malloc'd */
} job;

typedef struct batch {
    rg_engine *eng;
    rg_context **ctxs;     /* one per worker */
    src_item *srcs;
    size_t nsrcs;
    job *jobs;
    size_t njobs;
    rg_guard guard;        /* the sources, never written over: their ids, taken once
                              before step 1 and only read by the workers */
    pthread_mutex_t lock;  /* guards next, finished, failed and stderr */
    size_t next;           /* next item to take (source in step 1, job in step 3) */
    size_t finished, failed;
    int tty, quiet;
    double t0;             /* start of step 3, seconds */
    int bar_shown;         /* the progress line is on screen */
} batch;

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void help(FILE *f)
{
    cli_help(f,
             N_("usage: raingan batch [OPTIONS] SOURCES... -o DIR\n\n"
                "Render many report sources in parallel, one PDF per source (or per\n"
                "indicator with --per-indicator), into DIR.  SOURCES are files or folders\n"
                "(their *.xml, by name), '-' standard input.  Fonts and dictionaries are\n"
                "loaded once and shared.\n"
                "A source with errors is reported (file:line:col) and skipped; the others\n"
                "are rendered.  Outputs are written atomically.\n\n"
                "Output names: {year}-r{round}-{unit}.pdf, with --per-indicator\n"
                "{year}-r{round}-{unit}-{indicator}.pdf, where unit is the department (else\n"
                "the agency) with spaces and '/' made '_'; -2, -3 ... are added in source\n"
                "order when names collide; a name longer than 200 bytes is cut (at a\n"
                "character) to fit the file system.  With --per-indicator a source's\n"
                "summary tables go to one more PDF, ...-summary.pdf, and a source without\n"
                "indicators (summary tables only) gives one PDF of the whole source.\n\n"
                "DIR also receives summary.json and summary.csv: for each output its source,\n"
                "output, indicator, status, pages, warnings, errors, SHA-256, messages and\n"
                "the report's approval state (draft, submitted, approved; empty when not\n"
                "stated) with who submitted and approved it and when (submitted_by,\n"
                "submitted_on, approved_by, approved_on) (and the source's SHA-256 in the\n"
                "JSON).  summary.csv is UTF-8 with a byte order mark (so spreadsheets show\n"
                "Thai), messages joined by ' | '.\n\n"
                "options:\n"
                "  -o, --output DIR      folder for the PDFs and the summary (made if missing)\n"
                "  -j, --jobs N          threads (default: the number of cores)\n"
                "      --per-indicator   one PDF per indicator instead of per source\n"
                "  -q, --quiet           no progress, only problems\n"),
             COMMON_OPTIONS_HELP,
             HELP_OPTION_HELP,
             N_("Progress: a bar with count, rate and ETA on a terminal, else one line per\n"
                "output on stderr.\n\n"
                "exit status: 0 every output written (warnings may be printed), 1 some\n"
                "sources had errors (the others were written), 2 usage, 3 some output could\n"
                "not be written, 4 internal (fonts, templates)\n"),
             NULL);
}

/* All of ctx's diagnostics as lines in a malloc'd string ("" if none),
 * with the warning and error counts. */
static char *collect(rg_context *ctx, size_t *warnings, size_t *errors)
{
    rg_buf b;
    buf_init(&b, ctx);
    char line[4096];
    *warnings = *errors = 0;
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        *warnings += d->severity == RG_WARNING;
        *errors += d->severity == RG_ERROR;
        rg_diagnostic_format_ex(ctx, d, 0, line, sizeof line);
        buf_printf(&b, "%s\n", line);
    }
    char *s = strdup(b.data ? b.data : "");
    buf_free(&b);
    rg_context_clear_diagnostics(ctx);
    return s;
}

/* Print messages and the progress (caller holds the lock). */
static void report(batch *b, const char *messages, const char *line)
{
    if (b->bar_shown) {
        fputs("\r\033[K", stderr);
        b->bar_shown = 0;
    }
    if (messages && *messages)
        fputs(messages, stderr);
    if (b->quiet)
        return;
    if (!b->tty) {
        if (line)
            fprintf(stderr, "%s\n", line);
        return;
    }
    size_t total = b->njobs, n = b->finished;
    double el = now_s() - b->t0;
    double rate = el > 0 ? n / el : 0;
    double eta = rate > 0 ? (total - n) / rate : 0;
    char bar[31];
    size_t fill = total ? n * 30 / total : 30;
    for (size_t i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = 0;
    fprintf(stderr, "\r[%s] %zu/%zu  %.1f/s  ETA %ds%s", bar, n, total, rate, (int)(eta + 0.5),
            b->failed ? "  (some failed)" : "");
    b->bar_shown = 1;
    fflush(stderr);
}

/* The next index to work on (a source in step 1, a job in step 3). */
static size_t take(batch *b)
{
    pthread_mutex_lock(&b->lock);
    size_t i = b->next++;
    pthread_mutex_unlock(&b->lock);
    return i;
}

/* ---- workers ------------------------------------------------------------------ */

typedef struct worker_arg {
    batch *b;
    int index; /* context index */
} worker_arg;

/* ---- step 2: names ------------------------------------------------------------ */

/* Append s to b with '/', spaces and control characters made '_'. */
static void put_safe(rg_buf *b, const char *s)
{
    for (; s && *s; s++)
        buf_putc(b, (*s == '/' || (unsigned char)*s <= ' ') ? '_' : *s);
}

/* The longest stem: with "-NNNNNN.pdf" it stays within FILE_NAME_KEEP,
 * so the name and its temporary file's fit in NAME_MAX. */
#define STEM_MAX (FILE_NAME_KEEP - 12)

/* The base name of a job, without folder and ".pdf", appended to b; cut
 * to STEM_MAX bytes at a UTF-8 character boundary, the indicator kept
 * whole when it fits. */
static void job_stem(rg_buf *b, const rg_document *d, const char *indicator)
{
    const char *unit = rg_document_department(d) ? rg_document_department(d)
                                                 : rg_document_agency(d);
    size_t start = b->len;
    rg_buf tail;
    buf_init(&tail, b->ctx);
    if (indicator) { /* "": the source's summary tables */
        buf_putc(&tail, '-');
        put_safe(&tail, indicator[0] ? indicator : "summary");
    }
    buf_printf(b, "%d-r%d-", rg_document_fiscal_year(d), rg_document_round(d));
    put_safe(b, unit ? unit : "report");
    size_t room = tail.len < STEM_MAX / 2 ? STEM_MAX - tail.len : STEM_MAX / 2;
    if (b->len - start > room) {
        size_t cut = start + room;
        while (cut > start && ((unsigned char)b->data[cut] & 0xC0) == 0x80)
            cut--;
        b->len = cut;
        b->data[cut] = 0;
    }
    buf_append(b, tail.data ? tail.data : "", tail.len);
    if (b->len - start > STEM_MAX) { /* a long indicator number */
        size_t cut = start + STEM_MAX;
        while (cut > start && ((unsigned char)b->data[cut] & 0xC0) == 0x80)
            cut--;
        b->len = cut;
        b->data[cut] = 0;
    }
    buf_free(&tail);
}

/* The names given so far, and per stem the first suffix not known to be
 * taken.  Names are only ever added, so a candidate once taken stays
 * taken: a stem's next job starts where its last one stopped.  Naming N
 * jobs that share a stem tries N candidates (plus one per suffixed name
 * another stem took first), each checked in O(1); it used to try N*N/2,
 * each against every earlier job. */
typedef struct namer {
    rg_strmap given; /* the output paths given (a set) */
    rg_strmap next;  /* "DIR/stem" -> the next suffix to try (0: none yet, 1: the bare stem) */
    rg_buf name;     /* the candidate */
} namer;

/* The output path for a job of stem (name->name holds "DIR/stem" on entry
 * and the path on return): "DIR/stem.pdf", else "DIR/stem-2.pdf", "-3"
 * ..., the first not given yet.  -1 when out of memory. */
static int give_name(namer *nm)
{
    size_t *next = strmap_insert(&nm->next, nm->name.data ? nm->name.data : "", NULL);
    if (!next || nm->name.failed)
        return -1;
    size_t stem_len = nm->name.len;
    for (size_t dup = *next > 1 ? *next : 1;; dup++) {
        nm->name.len = stem_len; /* back to "DIR/stem"; the appends end it with NUL */
        if (dup > 1)
            buf_printf(&nm->name, "-%zu", dup);
        buf_puts(&nm->name, ".pdf");
        int added = 0;
        if (nm->name.failed || !strmap_insert(&nm->given, nm->name.data, &added))
            return -1;
        if (added) {
            *next = dup + 1;
            return 0;
        }
    }
}

/* Make the job list: per source (or per indicator), named in order. */
static int make_jobs(batch *b, rg_context *ctx, const char *dir, int per_indicator)
{
    size_t cap = 0;
    for (size_t i = 0; i < b->nsrcs; i++) {
        size_t ni = b->srcs[i].doc ? rg_document_indicator_count(b->srcs[i].doc) : 0;
        cap += per_indicator && ni ? ni + 1 : 1;
    }
    b->jobs = calloc(cap ? cap : 1, sizeof *b->jobs);
    if (!b->jobs)
        return -1;
    namer nm;
    strmap_init(&nm.given, ctx);
    strmap_init(&nm.next, ctx);
    buf_init(&nm.name, ctx);
    int rc = 0;
    for (size_t i = 0; i < b->nsrcs && rc == 0; i++) {
        const rg_document *d = b->srcs[i].doc;
        if (!d)
            continue;
        size_t ni = rg_document_indicator_count(d);
        /* Per indicator: one job each, then one for the summary tables
         * (indicator ""), so none is dropped. */
        int sums = per_indicator && ni && rg_document_summary_count(d) > 0;
        size_t n = per_indicator && ni ? ni + (size_t)sums : 1;
        for (size_t k = 0; k < n && rc == 0; k++) {
            job *j = &b->jobs[b->njobs];
            j->src = i;
            j->indicator = per_indicator && ni ? (k < ni ? rg_indicator_number(d, k) : "") : NULL;
            buf_clear(&nm.name);
            buf_printf(&nm.name, "%s/", dir);
            job_stem(&nm.name, d, j->indicator);
            rc = give_name(&nm);
            j->out = rc ? NULL : strdup(nm.name.data);
            if (!j->out)
                rc = -1;
            else
                b->njobs++;
        }
    }
    buf_free(&nm.name);
    strmap_free(&nm.given);
    strmap_free(&nm.next);
    return rc;
}

/* ---- step 3: render ------------------------------------------------------------ */

static void *render_worker(void *p)
{
    worker_arg *wa = p;
    batch *b = wa->b;
    rg_context *ctx = b->ctxs[wa->index];
    for (size_t i; (i = take(b)) < b->njobs;) {
        job *j = &b->jobs[i];
        const src_item *s = &b->srcs[j->src];
        rg_render_options ro = {j->indicator, -1, 0, 1}; /* one render per thread already */
        unsigned char *pdf = NULL;
        size_t len = 0;
        rg_status st = rg_render_pdf_memory(b->eng, ctx, s->doc, &ro, &pdf, &len, &j->pages);
        if (st == RG_OK) {
            rg_sha256_hex(pdf, len, j->sha);
            st = cli_signals_write(ctx, j->out, pdf, len, &b->guard);
        }
        if (st != RG_OK) {
            j->sha[0] = 0;
            j->pages = 0;
        }
        free(pdf);
        j->status = cli_exit_status(st);
        j->messages = collect(ctx, &j->warnings, &j->errors);
        j->done = 1;
        char line[8192];
        snprintf(line, sizeof line,
                 cli_tr(st == RG_OK ? N_("raingan batch: ok %s -> %s (%zu pages)")
                                    : N_("raingan batch: FAILED %s -> %s (%zu pages)")),
                 s->path, j->out, j->pages);
        pthread_mutex_lock(&b->lock);
        b->finished++;
        b->failed += st != RG_OK;
        report(b, j->messages, line);
        pthread_mutex_unlock(&b->lock);
    }
    return NULL;
}

/* Run fn on n threads (the calling thread is one of them). */
static int run_workers(batch *b, int n, void *(*fn)(void *))
{
    worker_arg args[256];
    b->next = 0;
    for (int i = 0; i < n && i < 256; i++)
        args[i] = (worker_arg){b, i};
    cli_run_threads(n, fn, args, sizeof *args);
    return 0;
}

/* ---- summary ---------------------------------------------------------------------- */

static void put_csv(rg_buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; s && *s; s++) {
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

/* The messages as one quoted CSV field, lines joined by " | " (a hint's
 * indented line included). */
static void put_csv_messages(rg_buf *b, const char *m)
{
    buf_putc(b, '"');
    for (int first = 1; m && *m; first = 0) {
        const char *e = strchr(m, '\n');
        size_t n = e ? (size_t)(e - m) : strlen(m);
        while (n && *m == ' ')
            m++, n--;
        if (n && !first)
            buf_puts(b, " | ");
        for (size_t i = 0; i < n; i++) {
            if (m[i] == '"')
                buf_putc(b, '"');
            buf_putc(b, m[i]);
        }
        m += n + (e ? 1 : 0);
    }
    buf_putc(b, '"');
}

/* The messages as a JSON array of lines. */
static void put_messages(rg_buf *b, const char *m)
{
    buf_putc(b, '[');
    int first = 1;
    while (m && *m) {
        const char *e = strchr(m, '\n');
        size_t n = e ? (size_t)(e - m) : strlen(m);
        char *line = strndup(m, n);
        if (line && *line && line[0] != ' ') {
            buf_puts(b, first ? "" : ", ");
            json_put_string(b, line);
            first = 0;
        }
        free(line);
        m += n + (e ? 1 : 0);
    }
    buf_putc(b, ']');
}

/* The score figures of a summary row, exact decimal text (NULL where
 * there is none): a per-indicator PDF's weight, score and weighted score;
 * a whole source's total weight, total score and Σ weighted scores,
 * rounded as the source says (rg_document_total); the summary-forms PDF
 * and a failed source have none.  The weight prints as the forms print
 * it (the decimals the source wrote). */
static void row_figures(const rg_document *doc, const char *indicator, char buf[3][64],
                        const char *out[3])
{
    static const rg_score_field f[3] = {RG_FIELD_WEIGHT, RG_FIELD_SCORE, RG_FIELD_WEIGHTED};
    for (int k = 0; k < 3; k++)
        out[k] = NULL;
    if (!doc || (indicator && !*indicator))
        return;
    size_t n = rg_document_indicator_count(doc), i = 0;
    while (indicator && i < n && rg_indicator_number(doc, i) != indicator)
        i++;
    for (int k = 0; k < 3; k++) {
        int rc = indicator ? (i < n ? rg_indicator_figure(doc, i, f[k], buf[k], 64) : -1)
                           : n ? rg_document_total(doc, f[k], buf[k], 64) : -1;
        out[k] = rc == 0 ? buf[k] : NULL;
    }
}

/* One row in both formats. */
static void summary_row(rg_buf *js, rg_buf *csv, int first, const char *source,
                        const char *src_sha, const char *out, const char *indicator, int ok,
                        size_t pages, size_t warnings, size_t errors, const char *sha,
                        const char *messages, const rg_document *doc)
{
    buf_puts(js, first ? "\n    {\"source\": " : ",\n    {\"source\": ");
    json_put_string(js, source);
    buf_puts(js, ", \"source_sha256\": ");
    json_put_string(js, src_sha);
    buf_puts(js, ", \"output\": ");
    json_put_string(js, out);
    buf_puts(js, ", \"indicator\": ");
    json_put_string(js, indicator);
    buf_printf(js, ", \"status\": \"%s\", \"pages\": %zu, \"warnings\": %zu, \"errors\": %zu, "
                   "\"sha256\": ",
               ok ? "ok" : "failed", pages, warnings, errors);
    json_put_string(js, sha && *sha ? sha : NULL);
    char fb[3][64];
    const char *fig[3];
    static const char *const fkeys[3] = {"weight", "score", "weighted"};
    row_figures(doc, indicator, fb, fig);
    for (int k = 0; k < 3; k++) /* exact decimals: JSON numbers, null for none */
        buf_printf(js, ", \"%s\": %s", fkeys[k], fig[k] ? fig[k] : "null");
    cli_state_json(js, doc, 1); /* approval state; null when not stated or not loaded */
    buf_puts(js, ", \"messages\": ");
    put_messages(js, messages);
    buf_putc(js, '}');

    put_csv(csv, source);
    buf_putc(csv, ',');
    put_csv(csv, out ? out : "");
    buf_putc(csv, ',');
    put_csv(csv, indicator ? indicator : "");
    buf_printf(csv, ",%s,%zu,%zu,%zu,%s,", ok ? "ok" : "failed", pages, warnings, errors,
               sha ? sha : "");
    for (int k = 0; k < 3; k++)
        buf_printf(csv, "%s,", fig[k] ? fig[k] : "");
    put_csv_messages(csv, messages);
    const char *state[5];
    cli_state_fields(doc, state);
    for (int c = 0; c < 5; c++) {
        buf_putc(csv, ',');
        put_csv(csv, state[c] ? state[c] : "");
    }
    buf_putc(csv, '\n');
}

/* Write DIR/summary.json and DIR/summary.csv: the failed sources in source
 * order among the jobs (which are in source order). */
static rg_status write_summary(batch *b, rg_context *ctx, const char *dir)
{
    rg_buf js, csv;
    buf_init(&js, ctx);
    buf_init(&csv, ctx);
    size_t failed = 0;
    for (size_t i = 0; i < b->njobs; i++)
        failed += b->jobs[i].status != EXIT_OK;
    for (size_t i = 0; i < b->nsrcs; i++)
        failed += !b->srcs[i].doc;
    buf_printf(&js, "{\n  \"generator\": \"raingan %s\",\n  \"sources\": %zu,\n  \"outputs\": "
                    "%zu,\n  \"failed\": %zu,\n  \"results\": [",
               RG_VERSION_STRING, b->nsrcs, b->njobs, failed);
    /* A byte order mark: spreadsheets (Excel) then read the file as UTF-8. */
    buf_puts(&csv, "\xEF\xBB\xBFsource,output,indicator,status,pages,warnings,errors,sha256,"
                   "weight,score,weighted,messages,state,submitted_by,submitted_on,approved_by,"
                   "approved_on\n");
    size_t k = 0;
    int first = 1;
    for (size_t i = 0; i < b->nsrcs; i++) {
        const src_item *s = &b->srcs[i];
        if (!s->doc) {
            summary_row(&js, &csv, first, s->path, s->sha, NULL, NULL, 0, 0, s->warnings,
                        s->errors, NULL, s->messages, NULL);
            first = 0;
            continue;
        }
        for (; k < b->njobs && b->jobs[k].src == i; k++) {
            const job *j = &b->jobs[k];
            /* load warnings belong to every output of the source */
            char *both = NULL;
            size_t n1 = strlen(s->messages ? s->messages : ""),
                   n2 = strlen(j->messages ? j->messages : "");
            both = malloc(n1 + n2 + 1);
            if (both) {
                memcpy(both, s->messages ? s->messages : "", n1);
                memcpy(both + n1, j->messages ? j->messages : "", n2 + 1);
            }
            summary_row(&js, &csv, first, s->path, s->sha, j->out, j->indicator,
                        j->status == EXIT_OK, j->pages, s->warnings + j->warnings,
                        s->errors + j->errors, j->sha, both, s->doc);
            free(both);
            first = 0;
        }
    }
    buf_puts(&js, "\n  ]\n}\n");
    rg_status st = RG_ERR_NOMEM;
    if (!js.failed && !csv.failed) {
        char path[4096];
        snprintf(path, sizeof path, "%s/summary.json", dir);
        st = cli_signals_write(ctx, path, js.data, js.len, &b->guard);
        snprintf(path, sizeof path, "%s/summary.csv", dir);
        if (st == RG_OK)
            st = cli_signals_write(ctx, path, csv.data, csv.len, &b->guard);
    }
    buf_free(&js);
    buf_free(&csv);
    return st;
}

/* ---- the command ------------------------------------------------------------------ */

int cmd_batch(int argc, char **argv)
{
    enum { OPT_PER_INDICATOR = 2000 };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"jobs", required_argument, 0, 'j'},
        {"per-indicator", no_argument, 0, OPT_PER_INDICATOR}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'}, COMMON_LONGOPTS, {0, 0, 0, 0}};
    const char *dir = NULL;
    long jobs = 0;
    int per_indicator = 0, quiet = 0;
    cli_common common;
    cli_common_init(&common);
    cli_once once = {{0}, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:qh", longopts, NULL)) != -1) {
        if (cli_once_check("batch", longopts, c, &once))
            return EXIT_USAGE;
        switch (c) {
        case 'o': dir = optarg; break;
        case 'j':
            if (cli_parse_count("batch", "-j", optarg, 1, 256, &jobs))
                return EXIT_USAGE;
            break;
        case OPT_PER_INDICATOR: per_indicator = 1; break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
    }
    if (optind >= argc || !dir || cli_is_dash(dir)) {
        cli_say("raingan batch: need SOURCES and -o DIR (a folder: '-' cannot be one)\n");
        help(stderr);
        return EXIT_USAGE;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        cli_say("raingan batch: %s: %s\n", dir, cli_strerror(errno));
        return EXIT_OUTPUT;
    }
    /* The folder without its trailing slashes: "out/" gives out/NAME.pdf,
     * not out//NAME.pdf, in the files, messages and summaries. */
    char *dir_trimmed = strndup(dir, cli_dir_len(dir));
    if (!dir_trimmed) {
        cli_say("raingan batch: out of memory\n");
        return EXIT_INTERNAL;
    }
    dir = dir_trimmed;
    char summary_path[4096];
    snprintf(summary_path, sizeof summary_path, "%s/summary.json", dir);
    const char *outputs[1] = {summary_path};
    cli_signals_cleanup(outputs, 1);
    cli_sources src;
    if (cli_sources_collect("batch", argc - optind, argv + optind, &src)) {
        cli_sources_free(&src);
        free(dir_trimmed);
        return EXIT_INPUT;
    }
    src.load = &common.load;
    if (jobs == 0)
        jobs = sysconf(_SC_NPROCESSORS_ONLN) > 0 ? sysconf(_SC_NPROCESSORS_ONLN) : 1;
    if ((size_t)jobs > src.n && src.n > 0)
        jobs = (long)src.n;
    jobs = cli_threads_within_memory((int)jobs); /* under ulimit -v: fewer threads */

    batch b;
    memset(&b, 0, sizeof b);
    cli_loaded ld;
    memset(&ld, 0, sizeof ld);
    pthread_mutex_init(&b.lock, NULL);
    const char *no_color = getenv("NO_COLOR"); /* https://no-color.org: set, not empty */
    b.tty = isatty(2) && !(no_color && *no_color); /* else plain lines, no escapes */
    b.quiet = quiet;
    b.nsrcs = src.n;
    int rc = EXIT_INTERNAL;
    rg_context *main_ctx = cli_context_new();
    b.ctxs = calloc((size_t)jobs, sizeof *b.ctxs);
    b.srcs = calloc(src.n ? src.n : 1, sizeof *b.srcs);
    if (!main_ctx || !b.ctxs || !b.srcs ||
        file_guard_init(main_ctx, &b.guard, (const char *const *)src.paths, src.n) != RG_OK)
        goto done;
    for (long i = 0; i < jobs; i++)
        if (!(b.ctxs[i] = cli_context_new()))
            goto done;
    for (size_t i = 0; i < src.n; i++)
        b.srcs[i].path = src.paths[i];
    b.eng = cli_engine_new(main_ctx, &common);
    if (!b.eng) {
        cli_print_diagnostics(main_ctx);
        goto done;
    }

    /* Step 1: load every source (on the same number of threads). */
    double t0 = now_s();
    if (cli_load_all(&src, (int)jobs, 0, &ld) < 0)
        goto done;
    size_t bad_sources = 0;
    for (size_t i = 0; i < src.n; i++) {
        src_item *s = &b.srcs[i];
        s->doc = ld.docs[i];
        s->sha = ld.sha[i];
        s->messages = ld.reports[i] ? collect(ld.reports[i], &s->warnings, &s->errors) : NULL;
        if (b.srcs[i].messages && *b.srcs[i].messages)
            fputs(b.srcs[i].messages, stderr);
        if (!b.srcs[i].doc) {
            bad_sources++;
            cli_say("raingan batch: FAILED %s (not rendered)\n", b.srcs[i].path);
        }
    }
    if (make_jobs(&b, main_ctx, dir, per_indicator)) {
        cli_say("raingan batch: out of memory\n");
        goto done;
    }
    b.t0 = now_s();
    run_workers(&b, (int)jobs, render_worker);
    if (b.bar_shown)
        fputc('\n', stderr);
    double el = now_s() - t0;
    size_t pages = 0;
    int worst = EXIT_OK;
    for (size_t i = 0; i < b.njobs; i++) {
        pages += b.jobs[i].pages;
        if (b.jobs[i].status == EXIT_OUTPUT || (b.jobs[i].status && worst == EXIT_OK))
            worst = b.jobs[i].status;
    }
    if (bad_sources && (worst == EXIT_OK || worst == EXIT_INPUT))
        worst = EXIT_INPUT;
    rg_status st = write_summary(&b, main_ctx, dir);
    cli_print_diagnostics(main_ctx);
    if (st != RG_OK && worst == EXIT_OK)
        worst = EXIT_OUTPUT;
    rc = worst;
    if (!quiet || rc) {
        /* Each count with its singular or plural word ("1 thread"). */
        char outs[64], srcs[64], pgs[64], ths[64];
        cli_count(outs, sizeof outs, b.njobs, N_("%zu output"), N_("%zu outputs"));
        cli_count(srcs, sizeof srcs, src.n, N_("%zu source"), N_("%zu sources"));
        cli_count(pgs, sizeof pgs, pages, N_("%zu page"), N_("%zu pages"));
        cli_count(ths, sizeof ths, (size_t)cli_threads_within_memory((int)jobs), N_("%zu thread"),
                  N_("%zu threads"));
        cli_say(st == RG_OK ? N_("raingan batch: %zu of %s written from %s (%zu failed), %s in "
                                 "%.2f s (%.1f pages/s, %s); summary in %s/summary.json and "
                                 "summary.csv\n")
                            : N_("raingan batch: %zu of %s written from %s (%zu failed), %s in "
                                 "%.2f s (%.1f pages/s, %s); no summary written%s\n"),
                b.njobs - b.failed, outs, srcs, bad_sources + b.failed, pgs, el,
                el > 0 ? pages / el : 0.0, ths, st == RG_OK ? dir : "");
    }
done:
    for (size_t i = 0; b.srcs && i < src.n; i++)
        free(b.srcs[i].messages);
    cli_loaded_free(&ld);
    for (size_t i = 0; b.jobs && i < b.njobs; i++) {
        free(b.jobs[i].out);
        free(b.jobs[i].messages);
    }
    rg_engine_free(b.eng);
    if (main_ctx)
        file_guard_free(main_ctx, &b.guard);
    for (long i = 0; b.ctxs && i < jobs; i++)
        rg_context_free(b.ctxs[i]);
    rg_context_free(main_ctx);
    free(b.ctxs);
    free(b.srcs);
    free(b.jobs);
    pthread_mutex_destroy(&b.lock);
    cli_sources_free(&src);
    free(dir_trimmed);
    return rc;
}
