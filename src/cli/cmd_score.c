/* cmd_score.c - `raingan score [--json|--csv] SOURCE...`: every score of the
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
 * table for people, in the program's language (--lang, the locale: its
 * headings, words and status; the source's keywords such as methods and
 * levels stay as written, and a column widens to a longer heading), JSON (one object per file; figures are JSON numbers
 * written exactly, never through a double) and CSV (one line per figure
 * row, RFC 4180 quoting).  Diagnostics go to stderr as in `check`; a file
 * with errors is reported and skipped.  Exit: 0, 1 (a file had errors),
 * 2 usage. */
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/score.h"
#include "cli/sources.h"
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
             N_("usage: raingan score [--json | --csv] SOURCE...\n\n"
                "Print every indicator's method, result, score, weight in the round,\n"
                "weighted score and status, the round's totals (renormalised over the\n"
                "indicators counted) and the summary forms' target levels and scores,\n"
                "computed exactly as the forms print them, and the report's approval\n"
                "state (draft, submitted, approved) with who submitted and approved it\n"
                "and when.  Problems go to stderr as file:line:col: error|warning: message.\n"
                "A SOURCE is a file, a folder (its *.xml, as check takes them) or -\n"
                "(standard input).\n\n"
                "options:\n"
                "      --json          one JSON document: {\"files\": [...]} (figures are exact\n"
                "                      numbers)\n"
                "      --csv           CSV with a header line: one line per indicator, total and\n"
                "                      target\n"
                "      --files-root DIR  evidence files and pictures must lie in DIR\n"
                "                      (default: each source's folder)\n"
                "      --lang LANG     the table and messages in th (Thai) or en (default: the\n"
                "                      locale); JSON and CSV are the same in both\n"
                "  -h, --help          show this help\n\n"
                "exit status: 0 no errors (warnings allowed), 1 some file had errors, 2 usage\n"),
             NULL);
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

/* The words of the table that come from the source or the model (a state,
 * an indicator's status), marked for the catalogue: the table shows them
 * in the program's language; JSON and CSV keep the keywords. */
static const char *const table_words[] = {N_("draft"),   N_("submitted"), N_("approved"),
                                          N_("counted"), N_("cancelled"), N_("late"),
                                          N_("unscored")};

/* Keyword s as the table shows it: translated when it is one of
 * table_words, else as it is (a state the schema does not know). */
static const char *table_word(const char *s)
{
    for (size_t i = 0; s && i < sizeof table_words / sizeof table_words[0]; i++)
        if (!strcmp(s, table_words[i]))
            return cli_tr(table_words[i]);
    return s;
}

/* The table's state line: "  state: approved by X on D; submitted by Y on
 * E", or "  state: not stated" (in the program's language). */
static void state_line(rg_buf *o, const rg_document *d)
{
    const char *f[5];
    cli_state_fields(d, f);
    buf_printf(o, cli_tr(N_("  state: %s")), f[0] ? table_word(f[0]) : cli_tr(N_("not stated")));
    const char *sep = " ";
    for (int k = 3; k >= 1; k -= 2) { /* approved first, then submitted */
        if (!f[k] && !f[k + 1])
            continue;
        if (k == 1)
            buf_printf(o, "%s%s", sep, cli_tr("submitted"));
        if (f[k])
            buf_printf(o, cli_tr(N_(" by %s")), f[k]);
        if (f[k + 1])
            buf_printf(o, cli_tr(N_(" on %s")), f[k + 1]);
        sep = "; ";
    }
    buf_putc(o, '\n');
}

/* ---- the listing's lines ----------------------------------------------------------- */

/* The columns of the listing, in the order of the CSV and of the JSON
 * objects: one table of keys, headings and widths that the three outputs
 * read, so they list the same figures the same way. */
enum col {
    C_NUMBER, C_NAME, C_METHOD, C_RESULT, C_LEVEL, C_SCORE, C_STATED, C_SELF, C_WEIGHT,
    C_WEIGHTED, C_STATUS, C_WORKING, NCOL
};
static const struct column {
    const char *key;  /* JSON member and CSV heading */
    const char *head; /* the table's heading (a msgid); NULL: not a column of the table */
    int width;        /* the table's least width in display columns (a wider heading in
                         the program's language widens it: col_width) */
    int figure;       /* 1: an exact decimal (a JSON number) */
} cols[NCOL] = {{"number", N_("indicator"), 9, 0},    {"name", NULL, 0, 0},
                {"method", N_("method"), 12, 0},      {"result", N_("result"), 9, 1},
                {"level", N_("level"), 9, 0},         {"score", N_("score"), 9, 1},
                {"stated_score", N_("stated"), 7, 1}, {"self_score", N_("self"), 6, 1},
                {"weight", N_("weight"), 7, 1},       {"weighted", N_("weighted"), 9, 1},
                {"status", N_("status"), 9, 0},       {"working", NULL, 0, 0}};
/* The heading of the number column in the table of target tables. */
#define ITEM_HEAD N_("item")

/* Which columns a kind of line has (bit c for column c). */
#define BIT(c) (1u << (c))
enum {
    K_INDICATOR = (BIT(NCOL) - 1) & ~BIT(C_LEVEL),
    K_TARGET = BIT(C_NUMBER) | BIT(C_METHOD) | BIT(C_RESULT) | BIT(C_LEVEL) | BIT(C_SCORE) |
               BIT(C_STATED) | BIT(C_WORKING),
    K_TOTAL = BIT(C_SCORE) | BIT(C_WEIGHT) | BIT(C_WEIGHTED)
};

/* One line of the listing: an indicator, a target table or the total.
 * v[c] is NULL where the line has no such figure (or no such column). */
typedef struct entry {
    const char *kind; /* "indicator", "target", "total" */
    unsigned cols;    /* K_*: the columns of this kind */
    const char *v[NCOL];
    char fig[NCOL][64]; /* the figures' text */
} entry;

/* Set figure c of l from an accessor's result (0: written into l->fig[c]). */
static void fig(entry *l, enum col c, int rc)
{
    l->v[c] = rc == 0 ? l->fig[c] : NULL;
}

static void indicator_line(const rg_document *d, size_t i, entry *l)
{
    static const struct { enum col c; rg_score_field f; } figs[] = {
        {C_RESULT, RG_FIELD_RESULT}, {C_SCORE, RG_FIELD_SCORE},   {C_STATED, RG_FIELD_STATED},
        {C_SELF, RG_FIELD_SELF},     {C_WEIGHT, RG_FIELD_WEIGHT}, {C_WEIGHTED, RG_FIELD_WEIGHTED}};
    *l = (entry){.kind = "indicator", .cols = K_INDICATOR};
    l->v[C_NUMBER] = rg_indicator_number(d, i);
    l->v[C_NAME] = rg_indicator_name(d, i);
    l->v[C_METHOD] = rg_indicator_method(d, i);
    for (size_t k = 0; k < sizeof figs / sizeof figs[0]; k++)
        fig(l, figs[k].c, rg_indicator_figure(d, i, figs[k].f, l->fig[figs[k].c], 64));
    l->v[C_STATUS] = rg_indicator_status(d, i);
    l->v[C_WORKING] = rg_indicator_working(d, i);
}

static void target_line(const rg_document *d, size_t k, entry *l)
{
    *l = (entry){.kind = "target", .cols = K_TARGET};
    l->v[C_NUMBER] = rg_target_number(d, k);
    l->v[C_METHOD] = rg_target_method(d, k);
    fig(l, C_RESULT, rg_target_figure(d, k, RG_FIELD_RESULT, l->fig[C_RESULT], 64));
    l->v[C_LEVEL] = rg_target_reached(d, k);
    fig(l, C_SCORE, rg_target_figure(d, k, RG_FIELD_SCORE, l->fig[C_SCORE], 64));
    fig(l, C_STATED, rg_target_figure(d, k, RG_FIELD_STATED, l->fig[C_STATED], 64));
    l->v[C_WORKING] = rg_target_working(d, k);
}

static void total_line(const rg_document *d, entry *l)
{
    *l = (entry){.kind = "total", .cols = K_TOTAL};
    fig(l, C_SCORE, rg_document_total(d, RG_FIELD_SCORE, l->fig[C_SCORE], 64));
    fig(l, C_WEIGHT, rg_document_total(d, RG_FIELD_WEIGHT, l->fig[C_WEIGHT], 64));
    fig(l, C_WEIGHTED, rg_document_total(d, RG_FIELD_WEIGHTED, l->fig[C_WEIGHTED], 64));
}

/* ---- table ----------------------------------------------------------------------- */

/* Append s padded with spaces to w display columns, then a space. */
static void pad(rg_buf *o, const char *s, int w)
{
    buf_puts(o, s);
    for (int n = cli_display_width(s); n < w; n++)
        buf_putc(o, ' ');
    buf_putc(o, ' ');
}

/* The width of column c: its least width, or its heading's in the
 * program's language when that is wider (the number column: the wider of
 * its two headings), so both tables of a file stay aligned. */
static int col_width(int c)
{
    int w = cols[c].width, h = cli_display_width(cli_tr(cols[c].head));
    if (c == C_NUMBER && cli_display_width(cli_tr(ITEM_HEAD)) > h)
        h = cli_display_width(cli_tr(ITEM_HEAD));
    return h > w ? h : w;
}

/* The table's heading for lines of kind `mask` (first: the number's heading). */
static void table_head(rg_buf *o, unsigned mask, const char *first)
{
    buf_puts(o, "  ");
    for (int c = 0; c < NCOL; c++)
        if ((mask & BIT(c)) && cols[c].head)
            pad(o, cli_tr(c == C_NUMBER ? first : cols[c].head), col_width(c));
    buf_putc(o, '\n');
}

/* One line of the table ("-" for a figure it lacks), its working below. */
static void table_line(rg_buf *o, const entry *l)
{
    buf_puts(o, "  ");
    for (int c = 0; c < NCOL; c++)
        if ((l->cols & BIT(c)) && cols[c].head) {
            const char *v = l->v[c] ? l->v[c] : c == C_NUMBER ? "?" : "-";
            pad(o, c == C_STATUS ? table_word(v) : v, col_width(c));
        }
    buf_putc(o, '\n');
    if (l->v[C_WORKING])
        buf_printf(o, "      = %s\n", l->v[C_WORKING]);
}

static void table(rg_buf *o, const rg_document *d)
{
    entry l;
    buf_printf(o, cli_tr(N_("%s: round %d, %d decimals, rounding %s\n")), rg_document_file(d),
               rg_document_round(d), rg_document_decimals(d), rg_document_rounding(d));
    state_line(o, d);
    size_t n = rg_document_indicator_count(d);
    if (n) {
        table_head(o, K_INDICATOR, cols[C_NUMBER].head);
        for (size_t i = 0; i < n; i++) {
            indicator_line(d, i, &l);
            table_line(o, &l);
        }
        total_line(d, &l);
        buf_printf(o, cli_tr(N_("  total: weight %s, weighted %s, score %s (%zu counted")),
                   l.v[C_WEIGHT], l.v[C_WEIGHTED], l.v[C_SCORE] ? l.v[C_SCORE] : "-",
                   rg_document_total_counted(d));
        if (rg_document_total_left_out(d))
            buf_printf(o, cli_tr(N_(", %zu left out, the rest renormalised")),
                       rg_document_total_left_out(d));
        buf_puts(o, ")\n");
    }
    size_t nt = rg_document_target_count(d);
    if (nt) {
        table_head(o, K_TARGET, ITEM_HEAD);
        for (size_t k = 0; k < nt; k++) {
            target_line(d, k, &l);
            table_line(o, &l);
        }
    }
}

/* ---- JSON -------------------------------------------------------------------------- */

/* The members of l as JSON ("key":value, comma-separated): figures as
 * exact numbers, text as strings, null for what the line lacks. */
static void json_line(rg_buf *o, const entry *l)
{
    const char *sep = "";
    for (int c = 0; c < NCOL; c++) {
        if (!(l->cols & BIT(c)))
            continue;
        buf_printf(o, "%s\"%s\":", sep, cols[c].key);
        if (cols[c].figure)
            buf_puts(o, l->v[c] ? l->v[c] : "null");
        else
            json_put_string(o, l->v[c]);
        sep = ",";
    }
}

void cli_score_json(rg_buf *o, const rg_document *d)
{
    entry l;
    buf_puts(o, "{\"file\":");
    json_put_string(o, rg_document_file(d));
    buf_printf(o, ",\"round\":%d,\"decimals\":%d,\"rounding\":\"%s\"", rg_document_round(d),
               rg_document_decimals(d), rg_document_rounding(d));
    cli_state_json(o, d, 0);
    buf_puts(o, ",\"indicators\":[");
    for (size_t i = 0; i < rg_document_indicator_count(d); i++) {
        indicator_line(d, i, &l);
        buf_puts(o, i ? ",\n {" : "\n {");
        json_line(o, &l);
        buf_putc(o, '}');
    }
    total_line(d, &l);
    buf_puts(o, "],\n\"total\":{");
    json_line(o, &l);
    buf_printf(o, ",\"counted\":%zu,\"left_out\":%zu},\n\"targets\":[",
               rg_document_total_counted(d), rg_document_total_left_out(d));
    for (size_t k = 0; k < rg_document_target_count(d); k++) {
        target_line(d, k, &l);
        buf_puts(o, k ? ",\n {" : "\n {");
        json_line(o, &l);
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

/* The CSV heading: file, kind, the columns but the name, the rounding and
 * the approval state. */
static void csv_head(rg_buf *o)
{
    buf_puts(o, "file,kind");
    for (int c = 0; c < NCOL; c++)
        if (c != C_NAME)
            buf_printf(o, ",%s", cols[c].key);
    buf_puts(o, ",decimals,rounding");
    for (int k = 0; k < 5; k++)
        buf_printf(o, ",%s", cli_state_keys[k]);
    buf_putc(o, '\n');
}

/* A CSV row: file, kind, the columns ("" for what l lacks), the rounding,
 * the document's state. */
static void csv_line(rg_buf *o, const rg_document *d, const entry *l)
{
    const char *state[5];
    char places[16];
    cli_state_fields(d, state);
    cfield(o, rg_document_file(d), 0);
    cfield(o, l->kind, 0);
    for (int c = 0; c < NCOL; c++)
        if (c != C_NAME)
            cfield(o, l->v[c], 0);
    snprintf(places, sizeof places, "%d", rg_document_decimals(d));
    cfield(o, places, 0);
    cfield(o, rg_document_rounding(d), 0);
    for (int c = 0; c < 5; c++)
        cfield(o, state[c], c == 4);
}

static void csv(rg_buf *o, const rg_document *d)
{
    entry l;
    for (size_t i = 0; i < rg_document_indicator_count(d); i++) {
        indicator_line(d, i, &l);
        csv_line(o, d, &l);
    }
    if (rg_document_indicator_count(d)) {
        total_line(d, &l);
        csv_line(o, d, &l);
    }
    for (size_t k = 0; k < rg_document_target_count(d); k++) {
        target_line(d, k, &l);
        csv_line(o, d, &l);
    }
}

int cmd_score(int argc, char **argv)
{
    static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
                                         {"csv", no_argument, NULL, 'c'},
                                         {"files-root", required_argument, NULL, 'r'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int mode = OUT_TABLE, c;
    rg_load_options lo = {NULL};
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'j' || c == 'c') {
            int m = c == 'j' ? OUT_JSON : OUT_CSV;
            if (mode != OUT_TABLE && mode != m) {
                cli_say("raingan score: --json and --csv exclude each other\n");
                return EXIT_USAGE;
            }
            mode = m;
        } else if (c == 'r') {
            lo.files_root = optarg;
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
    cli_sources src = {0}; /* folders as check and batch take them */
    if (cli_sources_collect("score", argc - optind, argv + optind, &src))
        return EXIT_INPUT;
    rg_context *ctx = cli_context_new();
    if (!ctx) {
        cli_say("raingan score: out of memory\n");
        cli_sources_free(&src);
        return EXIT_INTERNAL;
    }
    rg_buf o;
    buf_init(&o, ctx);
    if (mode == OUT_JSON)
        buf_puts(&o, "{\"files\":[");
    if (mode == OUT_CSV)
        csv_head(&o);
    int status = EXIT_OK, first = 1;
    for (size_t i = 0; i < src.n; i++) {
        rg_context_clear_diagnostics(ctx);
        rg_document *doc = cli_load(ctx, src.paths[i], &lo); /* "-": standard input */
        cli_print_diagnostics(ctx); /* as check prints them (a caret on a terminal) */
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
    cli_sources_free(&src);
    return status;
}
