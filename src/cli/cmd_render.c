/* cmd_render.c - `raingan render SOURCE.xml -o OUT.pdf`: every form of a
 * report source, laid out with its templates. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/signals.h"
#include "util/context.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    cli_help(f,
             N_("usage: raingan render [OPTIONS] SOURCE.xml [-o OUT.pdf]\n\n"
                "Render every form of a report source (per-indicator forms and summary\n"
                "tables) into one PDF.  The PDF is written atomically: on any error the\n"
                "old OUT.pdf, if any, is left as it was.  SOURCE '-' is standard input.\n\n"
                "options:\n"
                "  -o, --output FILE     the PDF to write (default: SOURCE with .pdf for .xml;\n"
                "                        '-' writes to standard output)\n"
                "  -i, --indicator N     render only the indicator numbered N\n"
                "      --dump-layout     print the laid-out pages (boxes) instead of a PDF\n"
                "      --max-pages N     refuse to write a PDF of more than N pages (default 100000)\n"),
             JOBS_OPTION_HELP,
             COMMON_OPTIONS_HELP,
             QUIET_OPTION_HELP,
             HELP_OPTION_HELP,
             N_("exit status: 0 ok (warnings may be printed), 1 the source has errors,\n"
                "2 usage, 3 the PDF could not be written, 4 internal (fonts, templates)\n"),
             NULL);
}

int cmd_render(int argc, char **argv)
{
    enum { OPT_DUMP = 2000, OPT_MAX_PAGES };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"indicator", required_argument, 0, 'i'},
        {"dump-layout", no_argument, 0, OPT_DUMP}, {"max-pages", required_argument, 0, OPT_MAX_PAGES},
        {"jobs", required_argument, 0, 'j'}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        COMMON_LONGOPTS, {0, 0, 0, 0}};
    const char *out = NULL;
    int dump = 0;
    rg_render_options ro = {NULL, -1, 0, 0};
    cli_common common;
    cli_common_init(&common);
    int quiet = 0;
    cli_once once = {{0}, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:i:j:qh", longopts, NULL)) != -1) {
        if (cli_once_check("render", longopts, c, &once))
            return EXIT_USAGE;
        switch (c) {
        case 'o': out = optarg; break;
        case 'i': ro.indicator = optarg; break;
        case OPT_DUMP: dump = 1; break;
        case 'j':
            if (cli_parse_jobs("render", optarg, &ro.threads))
                return EXIT_USAGE;
            break;
        case OPT_MAX_PAGES: {
            long v;
            if (cli_parse_count("render", "--max-pages", optarg, 1, 1000000, &v))
                return EXIT_USAGE;
            ro.max_pages = (size_t)v;
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
        cli_say("raingan render: need one SOURCE.xml\n");
        help(stderr);
        return EXIT_USAGE;
    }
    const char *source = argv[optind];
    char *out_default = NULL;
    if (!out && !dump) {
        out = out_default = cli_default_output(source);
        if (!out) {
            cli_say("raingan render: reading standard input: say where the PDF goes "
                            "with -o FILE ('-o -' for standard output)\n");
            return EXIT_USAGE;
        }
    }
    if (!dump)
        cli_signals_cleanup(&out, 1);
    rg_context *ctx = cli_context_new();
    int rc = EXIT_INTERNAL;
    char wrote[8192] = "";
    /* The engine first: libthai's dictionary loads on a thread of its own
     * while the source is parsed.  Its reports (a missing font) are shown
     * only when the source loads, as if it had been made second. */
    rg_context *ectx = cli_context_new();
    rg_engine *eng = ectx ? cli_engine_new(ectx, &common) : NULL;
    rg_document *doc = cli_load(ctx, source, &common.load);
    if (doc && ectx)
        context_move_diagnostics(ctx, ectx);
    if (!doc) {
        rc = EXIT_INPUT;
    } else if (eng && dump) {
        char *d = rg_render_dump(eng, ctx, doc, &ro);
        if (d) {
            fputs(d, stdout);
            free(d);
            rc = EXIT_OK;
        }
    } else if (eng) {
        unsigned char *pdf = NULL;
        size_t len = 0, pages = 0;
        rg_status st = rg_render_pdf_memory(eng, ctx, doc, &ro, &pdf, &len, &pages);
        if (st == RG_OK)
            st = cli_write(ctx, out, pdf, len, source);
        free(pdf);
        rc = cli_exit_status(st);
        if (st == RG_OK && !quiet) {
            char p[64];
            cli_count(p, sizeof p, pages, N_("%zu page"), N_("%zu pages"));
            snprintf(wrote, sizeof wrote, cli_tr(N_("raingan render: wrote %s (%s)\n")),
                     cli_output_label(out), p);
        }
    }
    cli_print_diagnostics(ctx);
    fputs(wrote, stderr);
    free(out_default);
    rg_engine_free(eng);
    rg_document_free(doc);
    rg_context_free(ectx);
    rg_context_free(ctx);
    return rc;
}
