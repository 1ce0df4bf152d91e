/* cmd_score.c - `raingan score [--json|--csv] FILE...`: every score of the
 * sources, before anything is printed on paper.
 *
 * Design: a planning officer checks the numbers of a report here: each
 * indicator's method, result, score (and the score the source states, and
 * the self-assessed one), weight in the round, weighted score and whether
 * it counts; the round's totals (renormalised over what counts); and the
 * target tables of the summary forms with their level and score; and the
 * report's approval state with who submitted and approved it, when.  All of
 * it comes from the public API (rg_indicator_figure, rg_document_total,
 * rg_target_*), exactly as the forms print it.  Three outputs: an aligned
 * table for people, JSON (one object per file; figures are JSON numbers
 * written exactly, never through a double) and CSV (one line per figure
 * row, RFC 4180 quoting).  Diagnostics go to stderr as in `check`; a file
 * with errors is reported and skipped.  Exit: 0, 1 (a file had errors),
 * 2 usage. */
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/score.h"
#include "raingan.h"
#include "util/buf.h"
#include "util/json.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OUT_TABLE, OUT_JSON, OUT_CSV };

static void score_usage(FILE *f)
{
    cli_help(f,
             N_("usage: raingan score [--json | --csv] FILE...\n\n"
                "Print every indicator's method, result, score, weight in the round,\n"
                "weighted score and status, the round's totals (renormalised over the\n"
                "indicators counted) and the summary forms' target levels and scores,\n"
                "computed exactly as the forms print them, and the report's approval\n"
                "state (draft, submitted, approved) with who submitted and approved it\n"
                "and when.  Problems go to stderr as file:line:col: error|warning: message.\n\n"
                "options:\n"
                "  --json     one JSON document: {\"files\": [...]} (figures are exact numbers)\n"
                "  --csv      CSV with a header line: one line per indicator, total and target\n"
                "  -h, --help show this help\n\n"
                "exit status: 0 no errors (warnings allowed), 1 some file had errors, 2 usage\n"),
             NULL);
}

/* Figure f of indicator i, or "-" when it has none (for the table). */
static const char *ifig(const rg_document *d, size_t i, rg_score_field f, char *b, size_t n)
{
    return rg_indicator_figure(d, i, f, b, n) == 0 ? b : "-";
}

/* ---- the approval state ------------------------------------------------------------- */

const char *const cli_state_keys[5] = {"state", "submitted_by", "submitted_on", "approved_by",
                                       "approved_on"};

void cli_state_fields(const rg_document *d, const char *out[5])
{
    const char *st = d ? rg_document_state(d) : NULL;
    out[0] = st && *st ? st : NULL;
    out[1] = d ? rg_document_submitted_by(d) : NULL;
    out[2] = d ? rg_document_submitted_on(d) : NULL;
    out[3] = d ? rg_document_approved_by(d) : NULL;
    out[4] = d ? rg_document_approved_on(d) : NULL;
}

void cli_state_json(rg_buf *o, const rg_document *d, int spaced)
{
    const char *f[5];
    cli_state_fields(d, f);
    for (int k = 0; k < 5; k++) {
        buf_printf(o, spaced ? ", \"%s\": " : ",\"%s\":", cli_state_keys[k]);
        json_put_string(o, f[k]);
    }
}

/* The table's state line: "  state: approved by X on D; submitted by Y on
 * E", or "  state: not stated". */
static void state_line(rg_buf *o, const rg_document *d)
{
    const char *f[5];
    cli_state_fields(d, f);
    buf_printf(o, "  state: %s", f[0] ? f[0] : "not stated");
    const char *sep = " ";
    for (int k = 3; k >= 1; k -= 2) { /* approved first, then submitted */
        if (!f[k] && !f[k + 1])
            continue;
        if (k == 1)
            buf_printf(o, "%ssubmitted", sep);
        if (f[k])
            buf_printf(o, " by %s", f[k]);
        if (f[k + 1])
            buf_printf(o, " on %s", f[k + 1]);
        sep = "; ";
    }
    buf_putc(o, '\n');
}

/* ---- table ----------------------------------------------------------------------- */

/* Append s padded with spaces to w display columns (UTF-8 aware). */
static void pad(rg_buf *o, const char *s, int w)
{
    int cols = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* count code points that take a column: not continuation bytes,
         * not Thai combining marks (U+0E31, U+0E34-0E3A, U+0E47-0E4E) */
        if ((*p & 0xC0) == 0x80)
            continue;
        if (p[0] == 0xE0 && p[1] == 0xB8 && (p[2] == 0xB1 || (p[2] >= 0xB4 && p[2] <= 0xBA)))
            continue;
        if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x87 && p[2] <= 0x8E)
            continue;
        cols++;
    }
    buf_puts(o, s);
    for (; cols < w; cols++)
        buf_putc(o, ' ');
    buf_putc(o, ' ');
}

static void table(rg_buf *o, const rg_document *d)
{
    char b[7][64];
    buf_printf(o, "%s: round %d, %d decimals\n", rg_document_file(d), rg_document_round(d),
               rg_document_decimals(d));
    state_line(o, d);
    size_t n = rg_document_indicator_count(d);
    if (n) {
        static const char *const head[] = {"indicator", "method", "result", "score", "stated",
                                           "self", "weight", "weighted", "status"};
        static const int w[] = {9, 12, 9, 9, 7, 6, 7, 9, 9};
        buf_puts(o, "  ");
        for (int c = 0; c < 9; c++)
            pad(o, head[c], w[c]);
        buf_putc(o, '\n');
        for (size_t i = 0; i < n; i++) {
            const char *cells[] = {rg_indicator_number(d, i) ? rg_indicator_number(d, i) : "?",
                                   rg_indicator_method(d, i) ? rg_indicator_method(d, i) : "-",
                                   ifig(d, i, RG_FIELD_RESULT, b[0], 64),
                                   ifig(d, i, RG_FIELD_SCORE, b[1], 64),
                                   ifig(d, i, RG_FIELD_STATED, b[2], 64),
                                   ifig(d, i, RG_FIELD_SELF, b[3], 64),
                                   ifig(d, i, RG_FIELD_WEIGHT, b[4], 64),
                                   ifig(d, i, RG_FIELD_WEIGHTED, b[5], 64),
                                   rg_indicator_status(d, i)};
            buf_puts(o, "  ");
            for (int c = 0; c < 9; c++)
                pad(o, cells[c], w[c]);
            buf_putc(o, '\n');
            const char *work = rg_indicator_working(d, i);
            if (work)
                buf_printf(o, "      = %s\n", work);
        }
        rg_document_total(d, RG_FIELD_WEIGHT, b[0], 64);
        rg_document_total(d, RG_FIELD_WEIGHTED, b[1], 64);
        int has = rg_document_total(d, RG_FIELD_SCORE, b[2], 64) == 0;
        buf_printf(o, "  total: weight %s, weighted %s, score %s (%zu counted", b[0], b[1],
                   has ? b[2] : "-", rg_document_total_counted(d));
        if (rg_document_total_left_out(d))
            buf_printf(o, ", %zu left out, the rest renormalised", rg_document_total_left_out(d));
        buf_puts(o, ")\n");
    }
    size_t nt = rg_document_target_count(d);
    if (nt) {
        static const char *const head[] = {"item", "method", "result", "level", "score", "stated"};
        static const int w[] = {9, 12, 9, 9, 9, 7};
        buf_puts(o, "  ");
        for (int c = 0; c < 6; c++)
            pad(o, head[c], w[c]);
        buf_putc(o, '\n');
        for (size_t k = 0; k < nt; k++) {
            const char *cells[] = {
                rg_target_number(d, k) ? rg_target_number(d, k) : "?", rg_target_method(d, k),
                rg_target_figure(d, k, RG_FIELD_RESULT, b[0], 64) ? "-" : b[0],
                rg_target_reached(d, k) ? rg_target_reached(d, k) : "-",
                rg_target_figure(d, k, RG_FIELD_SCORE, b[1], 64) ? "-" : b[1],
                rg_target_figure(d, k, RG_FIELD_STATED, b[2], 64) ? "-" : b[2]};
            buf_puts(o, "  ");
            for (int c = 0; c < 6; c++)
                pad(o, cells[c], w[c]);
            buf_putc(o, '\n');
            if (rg_target_working(d, k))
                buf_printf(o, "      = %s\n", rg_target_working(d, k));
        }
    }
}

/* ---- JSON -------------------------------------------------------------------------- */

/* "key":number or "key":null. */
static void jnum(rg_buf *o, const char *key, int ok, const char *v)
{
    buf_printf(o, "\"%s\":%s", key, ok ? v : "null");
}

void cli_score_json(rg_buf *o, const rg_document *d)
{
    char b[64];
    buf_puts(o, "{\"file\":");
    json_put_string(o, rg_document_file(d));
    buf_printf(o, ",\"round\":%d,\"decimals\":%d", rg_document_round(d),
               rg_document_decimals(d));
    cli_state_json(o, d, 0);
    buf_puts(o, ",\"indicators\":[");
    static const struct { const char *key; rg_score_field f; } figs[] = {
        {"result", RG_FIELD_RESULT}, {"score", RG_FIELD_SCORE},   {"stated_score", RG_FIELD_STATED},
        {"self_score", RG_FIELD_SELF}, {"weight", RG_FIELD_WEIGHT}, {"weighted", RG_FIELD_WEIGHTED}};
    for (size_t i = 0; i < rg_document_indicator_count(d); i++) {
        buf_puts(o, i ? ",\n {\"number\":" : "\n {\"number\":");
        json_put_string(o, rg_indicator_number(d, i));
        buf_puts(o, ",\"name\":");
        json_put_string(o, rg_indicator_name(d, i));
        buf_puts(o, ",\"method\":");
        json_put_string(o, rg_indicator_method(d, i));
        for (size_t k = 0; k < sizeof figs / sizeof figs[0]; k++) {
            buf_putc(o, ',');
            jnum(o, figs[k].key, rg_indicator_figure(d, i, figs[k].f, b, sizeof b) == 0, b);
        }
        buf_puts(o, ",\"status\":");
        json_put_string(o, rg_indicator_status(d, i));
        buf_puts(o, ",\"working\":");
        json_put_string(o, rg_indicator_working(d, i));
        buf_putc(o, '}');
    }
    buf_puts(o, "],\n\"total\":{");
    jnum(o, "weight", rg_document_total(d, RG_FIELD_WEIGHT, b, sizeof b) == 0, b);
    buf_putc(o, ',');
    jnum(o, "weighted", rg_document_total(d, RG_FIELD_WEIGHTED, b, sizeof b) == 0, b);
    buf_putc(o, ',');
    jnum(o, "score", rg_document_total(d, RG_FIELD_SCORE, b, sizeof b) == 0, b);
    buf_printf(o, ",\"counted\":%zu,\"left_out\":%zu},\n\"targets\":[",
               rg_document_total_counted(d), rg_document_total_left_out(d));
    for (size_t k = 0; k < rg_document_target_count(d); k++) {
        buf_puts(o, k ? ",\n {\"number\":" : "\n {\"number\":");
        json_put_string(o, rg_target_number(d, k));
        buf_puts(o, ",\"method\":");
        json_put_string(o, rg_target_method(d, k));
        buf_puts(o, ",\"level\":");
        json_put_string(o, rg_target_reached(d, k));
        buf_putc(o, ',');
        jnum(o, "result", rg_target_figure(d, k, RG_FIELD_RESULT, b, sizeof b) == 0, b);
        buf_putc(o, ',');
        jnum(o, "score", rg_target_figure(d, k, RG_FIELD_SCORE, b, sizeof b) == 0, b);
        buf_putc(o, ',');
        jnum(o, "stated_score", rg_target_figure(d, k, RG_FIELD_STATED, b, sizeof b) == 0, b);
        buf_puts(o, ",\"working\":");
        json_put_string(o, rg_target_working(d, k));
        buf_putc(o, '}');
    }
    buf_puts(o, "]}");
}

/* ---- CSV --------------------------------------------------------------------------- */

/* One CSV field (RFC 4180: quoted when it holds , " or a line break). */
static void cfield(rg_buf *o, const char *s, int last)
{
    s = s ? s : "";
    if (strpbrk(s, ",\"\r\n")) {
        buf_putc(o, '"');
        for (; *s; s++) {
            if (*s == '"')
                buf_putc(o, '"');
            buf_putc(o, *s);
        }
        buf_putc(o, '"');
    } else {
        buf_puts(o, s);
    }
    buf_putc(o, last ? '\n' : ',');
}

/* A CSV row: the 13 figure columns, then the document's state columns. */
static void crow(rg_buf *o, const char *const row[13], const char *const state[5])
{
    for (int c = 0; c < 13; c++)
        cfield(o, row[c], 0);
    for (int c = 0; c < 5; c++)
        cfield(o, state[c], c == 4);
}

static void csv(rg_buf *o, const rg_document *d)
{
    char b[6][64];
    const char *f = rg_document_file(d), *state[5];
    cli_state_fields(d, state);
    for (size_t i = 0; i < rg_document_indicator_count(d); i++) {
        const char *row[] = {f, "indicator", rg_indicator_number(d, i), rg_indicator_method(d, i),
                             rg_indicator_figure(d, i, RG_FIELD_RESULT, b[0], 64) ? "" : b[0], "",
                             rg_indicator_figure(d, i, RG_FIELD_SCORE, b[1], 64) ? "" : b[1],
                             rg_indicator_figure(d, i, RG_FIELD_STATED, b[2], 64) ? "" : b[2],
                             rg_indicator_figure(d, i, RG_FIELD_SELF, b[3], 64) ? "" : b[3],
                             rg_indicator_figure(d, i, RG_FIELD_WEIGHT, b[4], 64) ? "" : b[4],
                             rg_indicator_figure(d, i, RG_FIELD_WEIGHTED, b[5], 64) ? "" : b[5],
                             rg_indicator_status(d, i), rg_indicator_working(d, i)};
        crow(o, row, state);
    }
    if (rg_document_indicator_count(d)) {
        const char *row[] = {f, "total", "", "", "", "",
                             rg_document_total(d, RG_FIELD_SCORE, b[0], 64) ? "" : b[0], "", "",
                             rg_document_total(d, RG_FIELD_WEIGHT, b[1], 64) ? "" : b[1],
                             rg_document_total(d, RG_FIELD_WEIGHTED, b[2], 64) ? "" : b[2],
                             "", ""};
        crow(o, row, state);
    }
    for (size_t k = 0; k < rg_document_target_count(d); k++) {
        const char *row[] = {f, "target", rg_target_number(d, k), rg_target_method(d, k),
                             rg_target_figure(d, k, RG_FIELD_RESULT, b[0], 64) ? "" : b[0],
                             rg_target_reached(d, k),
                             rg_target_figure(d, k, RG_FIELD_SCORE, b[1], 64) ? "" : b[1],
                             rg_target_figure(d, k, RG_FIELD_STATED, b[2], 64) ? "" : b[2], "", "",
                             "", "", rg_target_working(d, k)};
        crow(o, row, state);
    }
}

int cmd_score(int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"csv", no_argument, NULL, 'c'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int mode = OUT_TABLE, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'j' || c == 'c') {
            int m = c == 'j' ? OUT_JSON : OUT_CSV;
            if (mode != OUT_TABLE && mode != m) {
                cli_say("raingan score: --json and --csv exclude each other\n");
                return EXIT_USAGE;
            }
            mode = m;
        } else if (c == 'h') {
            score_usage(stdout);
            return EXIT_OK;
        } else {
            cli_option_error("score", argc, argv, opts);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_say("raingan score: no input files\n");
        score_usage(stderr);
        return EXIT_USAGE;
    }
    rg_context *ctx = cli_context_new();
    if (!ctx) {
        cli_say("raingan score: out of memory\n");
        return EXIT_INTERNAL;
    }
    rg_buf o;
    buf_init(&o, ctx);
    if (mode == OUT_JSON)
        buf_puts(&o, "{\"files\":[");
    if (mode == OUT_CSV)
        buf_puts(&o, "file,kind,number,method,result,level,score,stated_score,self_score,weight,"
                     "weighted,status,working,state,submitted_by,submitted_on,approved_by,"
                     "approved_on\n");
    int status = EXIT_OK, first = 1;
    char line[4096];
    for (int i = optind; i < argc; i++) {
        rg_context_clear_diagnostics(ctx);
        rg_document *doc = cli_load(ctx, argv[i], NULL); /* "-": standard input */
        for (size_t k = 0; k < rg_context_diagnostic_count(ctx); k++) {
            rg_diagnostic_format(rg_context_diagnostic(ctx, k), line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        if (!doc) {
            status = EXIT_INPUT;
            continue;
        }
        if (mode == OUT_TABLE)
            table(&o, doc);
        else if (mode == OUT_JSON) {
            buf_puts(&o, first ? "\n" : ",\n");
            cli_score_json(&o, doc);
        } else
            csv(&o, doc);
        first = 0;
        rg_document_free(doc);
    }
    if (mode == OUT_JSON)
        buf_puts(&o, "\n]}\n");
    if (o.len && fwrite(o.data, 1, o.len, stdout) != o.len)
        status = EXIT_OUTPUT;
    buf_free(&o);
    rg_context_free(ctx);
    return status;
}
