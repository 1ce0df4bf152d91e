/* cmd_check.c - `raingan check [--dump] FILE...`: validate report sources.
 *
 * Design: each file gets its own load with a cleared context, so the
 * diagnostics printed for a file are exactly that file's, and a broken
 * file never stops the others from being checked.  Diagnostics go to
 * stderr as "file:line:col: severity: message"; --dump writes the model
 * dump of each valid file to stdout.  Exit: 0 when no file had errors
 * (warnings allowed), 1 when any had, 2 on usage errors. */
#include "cli/commands.h"
#include "cli/inout.h"
#include "raingan.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Print the command's help to f. */
static void check_usage(FILE *f)
{
    fprintf(f, "usage: raingan check [--dump] FILE...\n\n"
               "Validate report sources against the raingan format (schema and semantic\n"
               "rules) and print every problem as file:line:col: error|warning: message.\n"
               "FILE - is standard input.\n\n"
               "options:\n"
               "  --dump     print the model of each valid file to stdout\n"
               "  --files-root DIR  evidence files and pictures must lie in DIR (default:\n"
               "             each source's folder)\n"
               "  -h, --help show this help\n\n"
               "exit status: 0 no errors (warnings allowed), 1 some file had errors, 2 usage\n");
}

/* Print ctx's diagnostics to stderr. */
static void print_diagnostics(const rg_context *ctx)
{
    char line[4096];
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        rg_diagnostic_format(rg_context_diagnostic(ctx, i), line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
}

int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"dump", no_argument, NULL, 'd'}, {"files-root", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int dump = 0, c;
    rg_load_options lo = {NULL};
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'd')
            dump = 1;
        else if (c == 'r')
            lo.files_root = optarg;
        else if (c == 'h') {
            check_usage(stdout);
            return EXIT_OK;
        } else {
            check_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "raingan check: no input files\n");
        check_usage(stderr);
        return EXIT_USAGE;
    }
    rg_context *ctx = rg_context_new();
    if (!ctx) {
        fprintf(stderr, "raingan check: out of memory\n");
        return EXIT_INTERNAL;
    }
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        rg_context_clear_diagnostics(ctx);
        rg_document *doc = cli_load(ctx, argv[i], &lo);
        print_diagnostics(ctx);
        if (!doc) {
            status = EXIT_INPUT;
            continue;
        }
        if (dump) {
            size_t len = 0;
            char *text = rg_document_dump(doc, &len);
            if (text)
                fwrite(text, 1, len, stdout);
            free(text);
        }
        rg_document_free(doc);
    }
    rg_context_free(ctx);
    return status;
}
