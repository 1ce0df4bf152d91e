/* cmd_check.c - `raingan check [--dump] [--json] SOURCE...`: validate
 * report sources as a render would, without rendering.
 *
 * Design: each file gets its own load with a cleared context, so the
 * diagnostics printed for a file are exactly that file's, and a broken
 * file never stops the others from being checked.  A source that loads
 * has its templates loaded too (rg_document_check_templates), so an
 * unknown template is an error here, at its file:line, not a failed
 * render later.  Folders are expanded as batch does (their *.xml, sorted).
 * Diagnostics go to stderr (diagprint.c: "file:line:col: severity:
 * message [code]", the source line and a caret on a terminal), then one
 * summary line, "3 files, 7 indicators, 0 errors, 2 warnings" (a source
 * with errors that did not load has no indicators to count: "5 indicators
 * in 2 files that loaded", or "1 file, not loaded, so its indicators are
 * not counted, ..."); --json
 * writes all of it to stdout as one JSON object instead; --dump writes
 * the model dump of each valid file to stdout.  Exit: 0 when no file had
 * errors (warnings allowed), 1 when any had, 2 on usage errors. */
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/sources.h"
#include "raingan.h"
#include "util/i18n.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print the command's help to f. */
static void check_usage(FILE *f)
{
    cli_help(f,
             N_("usage: raingan check [--dump] [--json] [--data-dir DIR] SOURCE...\n\n"
                "Validate report sources against the raingan format (schema, semantic\n"
                "rules, the forms' templates) and print every problem as\n"
                "file:line:col: error|warning: message [code], then a summary line.\n"
                "A SOURCE is a file, a folder (its *.xml) or - (standard input).\n\n"
                "options:\n"
                "      --dump          print the model of each valid file to stdout\n"
                "      --json          print files, diagnostics and totals as JSON to stdout\n"
                "      --data-dir DIR  where templates/ is (default: found)\n"
                "      --files-root DIR  evidence files and pictures must lie in DIR\n"
                "                      (default: each source's folder)\n"
                "      --lang LANG     messages in th (Thai) or en (default: the locale)\n"
                "  -h, --help          show this help\n\n"
                "exit status: 0 no errors (warnings allowed), 1 some file had errors, 2 usage\n"),
             NULL);
}

/* s as a JSON string. */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

/* One file's entry of the JSON output. */
static void json_file(FILE *f, const rg_context *ctx, const char *name, size_t indicators,
                      int ok, int first)
{
    static const char *const sev[] = {"note", "warning", "error"};
    fprintf(f, "%s\n    {\"file\": ", first ? "" : ",");
    json_string(f, name);
    fprintf(f, ", \"ok\": %s, \"indicators\": %zu, \"diagnostics\": [", ok ? "true" : "false",
            indicators);
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        fprintf(f, "%s\n      {\"severity\": \"%s\", \"code\": ", i ? "," : "",
                sev[d->severity <= RG_ERROR ? d->severity : RG_ERROR]);
        json_string(f, d->code);
        fputs(", \"file\": ", f);
        if (d->file)
            json_string(f, d->file);
        else
            fputs("null", f);
        fprintf(f, ", \"line\": %d, \"col\": %d, \"message\": ", d->line, d->col);
        json_string(f, d->message);
        fputs(", \"hint\": ", f);
        if (d->hint)
            json_string(f, d->hint);
        else
            fputs("null", f);
        fputc('}', f);
    }
    fputs(rg_context_diagnostic_count(ctx) ? "\n    ]}" : "]}", f);
}

int cmd_check(int argc, char **argv)
{
    enum { OPT_JSON = 2000 };
    static const struct option opts[] = {{"dump", no_argument, NULL, 'd'},
                                         {"json", no_argument, NULL, OPT_JSON},
                                         {"data-dir", required_argument, NULL, OPT_DATA_DIR},
                                         {"files-root", required_argument, NULL, 'r'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int dump = 0, json = 0, c;
    const char *data_dir = NULL;
    rg_load_options lo = {NULL};
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'd')
            dump = 1;
        else if (c == OPT_JSON)
            json = 1;
        else if (c == OPT_DATA_DIR)
            data_dir = optarg;
        else if (c == 'r')
            lo.files_root = optarg;
        else if (c == 'h') {
            check_usage(stdout);
            return EXIT_OK;
        } else {
            cli_option_error("check", argc, argv, opts);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        cli_say("raingan check: no input files\n");
        check_usage(stderr);
        return EXIT_USAGE;
    }
    cli_sources src = {0};
    if (cli_sources_collect("check", argc - optind, argv + optind, &src))
        return EXIT_INPUT;
    rg_context *ctx = cli_context_new();
    if (!ctx) {
        cli_say("raingan check: out of memory\n");
        cli_sources_free(&src);
        return EXIT_INTERNAL;
    }
    int status = EXIT_OK;
    size_t nindicators = 0, nerrors = 0, nwarnings = 0, nloaded = 0;
    if (json)
        fputs("{\"files\": [", stdout);
    for (size_t i = 0; i < src.n; i++) {
        rg_context_clear_diagnostics(ctx);
        rg_document *doc = cli_load(ctx, src.paths[i], &lo);
        /* Indicators are counted when the source loaded, also when its
         * templates then fail; a source that did not load has no count. */
        size_t n = doc ? rg_document_indicator_count(doc) : 0;
        nindicators += n;
        nloaded += doc != NULL;
        if (doc && rg_document_check_templates(ctx, doc, data_dir) != RG_OK) {
            rg_document_free(doc);
            doc = NULL;
        }
        nerrors += rg_context_count_at_least(ctx, RG_ERROR);
        nwarnings += rg_context_count_at_least(ctx, RG_WARNING) -
                     rg_context_count_at_least(ctx, RG_ERROR);
        if (json)
            json_file(stdout, ctx, cli_is_dash(src.paths[i]) ? CLI_STDIN_NAME : src.paths[i], n,
                      doc != NULL, i == 0);
        else
            cli_print_diagnostics(ctx);
        if (!doc) {
            status = EXIT_INPUT;
            continue;
        }
        if (dump && !json) {
            size_t len = 0;
            char *text = rg_document_dump(doc, &len);
            if (text)
                fwrite(text, 1, len, stdout);
            free(text);
        }
        rg_document_free(doc);
    }
    char a[64], b[256], e[64], w[64];
    cli_count(a, sizeof a, src.n, N_("%zu file"), N_("%zu files"));
    cli_count(b, sizeof b, nindicators, N_("%zu indicator"), N_("%zu indicators"));
    cli_count(e, sizeof e, nerrors, N_("%zu error"), N_("%zu errors"));
    cli_count(w, sizeof w, nwarnings, N_("%zu warning"), N_("%zu warnings"));
    if (nloaded == 0 && src.n > 0) { /* no count to give: say why */
        snprintf(b, sizeof b, "%s",
                 cli_tr(src.n == 1 ? N_("not loaded, so its indicators are not counted")
                                   : N_("none loaded, so no indicators are counted")));
    } else if (nloaded < src.n) { /* "5 indicators in 2 files that loaded" */
        char in[128], l[64];
        cli_count(l, sizeof l, nloaded, N_("%zu file that loaded"), N_("%zu files that loaded"));
        snprintf(in, sizeof in, cli_tr(N_("%s in %s")), b, l);
        snprintf(b, sizeof b, "%s", in);
    }
    if (json) {
        fprintf(stdout, "\n  ], \"files_checked\": %zu, \"indicators\": %zu, \"errors\": %zu, "
                        "\"warnings\": %zu, \"summary\": ", src.n, nindicators, nerrors,
                nwarnings);
        char line[1200];
        snprintf(line, sizeof line, "%s, %s, %s, %s", a, b, e, w);
        json_string(stdout, line);
        fputs("}\n", stdout);
    } else {
        fprintf(stderr, "%s, %s, %s, %s\n", a, b, e, w);
    }
    rg_context_free(ctx);
    cli_sources_free(&src);
    return status;
}
