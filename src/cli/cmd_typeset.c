/* cmd_typeset.c - `raingan typeset FILE.txt -o OUT.pdf`: the text engine's
 * workbench.  Typesets plain UTF-8 text on A4 with the default font. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    fprintf(f,
            "usage: raingan typeset [OPTIONS] FILE.txt -o OUT.pdf\n\n"
            "Typeset a plain UTF-8 text file (paragraphs separated by blank lines, a\n"
            "single newline is a line break) on A4 pages with Sarabun.\n\n"
            "options:\n"
            "  -o, --output FILE     the PDF to write (written atomically)\n"
            "  -w, --width PT        line width in points (default 453.5, i.e. 16 cm)\n"
            "  -s, --size PT         font size in points (default 16)\n"
            "  -a, --align MODE      left | right | center | justify | thai-distributed\n"
            "      --title TEXT      document title (default: the file name)\n"
            COMMON_OPTIONS_HELP
            "  -h, --help            show this help\n\n"
            "exit status: 0 ok, 1 input error, 2 usage, 3 output not written, 4 internal\n");
}

int cmd_typeset(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"width", required_argument, 0, 'w'},
        {"size", required_argument, 0, 's'},   {"align", required_argument, 0, 'a'},
        {"title", required_argument, 0, 'T'},  {"help", no_argument, 0, 'h'},
        COMMON_LONGOPTS,                       {0, 0, 0, 0}};
    rg_typeset_options opts = {0, 0, RG_ALIGN_LEFT, NULL};
    const char *out = NULL;
    cli_common common;
    cli_common_init(&common);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:w:s:a:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'w': opts.width_pt = atof(optarg); break;
        case 's': opts.size_pt = atof(optarg); break;
        case 'T': opts.title = optarg; break;
        case 'a': {
            int a = rg_align_from_name(optarg);
            if (a < 0) {
                fprintf(stderr, "raingan typeset: unknown alignment '%s'\n", optarg);
                return EXIT_USAGE;
            }
            opts.align = (rg_align)a;
            break;
        }
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
    }
    if (optind != argc - 1 || !out) {
        fprintf(stderr, "raingan typeset: need one input file and -o OUT.pdf\n");
        help(stderr);
        return EXIT_USAGE;
    }
    if ((opts.width_pt < 0 || opts.width_pt > 14400) || opts.size_pt < 0 || opts.size_pt > 1000) {
        fprintf(stderr, "raingan typeset: --width or --size out of range\n");
        return EXIT_USAGE;
    }
    rg_context *ctx = cli_context_new();
    rg_engine *eng = cli_engine_new(ctx, &common);
    int rc = EXIT_INTERNAL;
    if (eng) {
        rg_status st = rg_typeset_file(eng, ctx, argv[optind], out, &opts);
        rc = cli_exit_status(st);
    }
    cli_print_diagnostics(ctx);
    rg_engine_free(eng);
    rg_context_free(ctx);
    return rc;
}
