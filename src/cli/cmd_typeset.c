/* cmd_typeset.c - `raingan typeset FILE.txt -o OUT.pdf`: the text engine's
 * workbench.  Typesets plain UTF-8 text on A4 with the default font. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/signals.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    cli_help(f,
             N_("usage: raingan typeset [OPTIONS] FILE.txt [-o OUT.pdf]\n\n"
                "Typeset a plain UTF-8 text file (paragraphs separated by blank lines, a\n"
                "single newline is a line break) on A4 pages with Sarabun.  FILE '-' is\n"
                "standard input.\n\n"
                "options:\n"
                "  -o, --output FILE     the PDF to write, atomically (default: FILE with .pdf\n"
                "                        for .txt; '-' writes to standard output)\n"
                "  -w, --width PT        line width in points (default 453.5, i.e. 16 cm)\n"
                "  -s, --size PT         font size in points (default 16)\n"
                "  -a, --align MODE      left | right | center | justify | thai-distributed\n"
                "      --title TEXT      document title (default: the file name)\n"),
             COMMON_OPTIONS_HELP,
             QUIET_OPTION_HELP,
             HELP_OPTION_HELP,
             N_("exit status: 0 ok, 1 input error, 2 usage, 3 output not written, 4 internal\n"),
             NULL);
}

int cmd_typeset(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"width", required_argument, 0, 'w'},
        {"size", required_argument, 0, 's'},   {"align", required_argument, 0, 'a'},
        {"title", required_argument, 0, 'T'},  {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        COMMON_LONGOPTS,                       {0, 0, 0, 0}};
    rg_typeset_options opts = {0, 0, RG_ALIGN_LEFT, NULL};
    const char *out = NULL;
    cli_common common;
    cli_common_init(&common);
    int quiet = 0;
    cli_once once = {{0}, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:w:s:a:qh", longopts, NULL)) != -1) {
        if (cli_once_check("typeset", longopts, c, &once))
            return EXIT_USAGE;
        switch (c) {
        case 'o': out = optarg; break;
        case 'w': opts.width_pt = atof(optarg); break;
        case 's': opts.size_pt = atof(optarg); break;
        case 'T': opts.title = optarg; break;
        case 'a': {
            int a = rg_align_from_name(optarg);
            if (a < 0) {
                cli_say("raingan typeset: unknown alignment '%s'\n", optarg);
                return EXIT_USAGE;
            }
            opts.align = (rg_align)a;
            break;
        }
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
    }
    if (optind != argc - 1) {
        cli_say("raingan typeset: need one input file\n");
        help(stderr);
        return EXIT_USAGE;
    }
    const char *in = argv[optind];
    char *out_default = NULL;
    if (!out && !(out = out_default = cli_default_output(in))) {
        cli_say("raingan typeset: reading standard input: say where the PDF goes "
                        "with -o FILE ('-o -' for standard output)\n");
        return EXIT_USAGE;
    }
    if ((opts.width_pt < 0 || opts.width_pt > 14400) || opts.size_pt < 0 || opts.size_pt > 1000) {
        cli_say("raingan typeset: --width or --size out of range\n");
        return EXIT_USAGE;
    }
    cli_signals_cleanup(&out, 1);
    rg_context *ctx = cli_context_new();
    rg_engine *eng = cli_engine_new(ctx, &common);
    int rc = EXIT_INTERNAL;
    size_t pages = 0;
    if (eng) {
        char *text = NULL;
        unsigned char *pdf = NULL;
        size_t len = 0, pdf_len = 0;
        rg_status st = cli_read(ctx, in, 4u << 20, &text, &len);
        if (st == RG_OK)
            st = rg_typeset_memory(eng, ctx, cli_is_dash(in) ? CLI_STDIN_NAME : in, text, len,
                                   &opts, &pdf, &pdf_len, &pages);
        if (st == RG_OK)
            st = cli_write(ctx, out, pdf, pdf_len, in);
        rc = cli_exit_status(st);
        free(text);
        free(pdf);
    }
    cli_print_diagnostics(ctx);
    if (rc == EXIT_OK && !quiet) {
        char p[64];
        cli_count(p, sizeof p, pages, N_("%zu page"), N_("%zu pages"));
        cli_say("raingan typeset: wrote %s (%s)\n", cli_output_label(out), p);
    }
    rg_engine_free(eng);
    rg_context_free(ctx);
    free(out_default);
    return rc;
}
