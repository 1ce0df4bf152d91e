/* cmd_render.c - `raingan render SOURCE.xml -o OUT.pdf`: every form of a
 * report source, laid out with its templates. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "util/context.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void help(FILE *f)
{
    fprintf(f,
            "usage: raingan render [OPTIONS] SOURCE.xml -o OUT.pdf\n\n"
            "Render every form of a report source (per-indicator forms and summary\n"
            "tables) into one PDF.  The PDF is written atomically: on any error the\n"
            "old OUT.pdf, if any, is left as it was.\n\n"
            "options:\n"
            "  -o, --output FILE     the PDF to write\n"
            "  -i, --indicator N     render only the indicator numbered N\n"
            "      --dump-layout     print the laid-out pages (boxes) instead of a PDF\n"
            "      --max-pages N     refuse to write a PDF of more than N pages (default 100000)\n"
            JOBS_OPTION_HELP
            COMMON_OPTIONS_HELP
            "  -h, --help            show this help\n\n"
            "exit status: 0 ok (warnings may be printed), 1 the source has errors,\n"
            "2 usage, 3 the PDF could not be written, 4 internal (fonts, templates)\n");
}

int cmd_render(int argc, char **argv)
{
    enum { OPT_DUMP = 2000, OPT_MAX_PAGES };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"indicator", required_argument, 0, 'i'},
        {"dump-layout", no_argument, 0, OPT_DUMP}, {"max-pages", required_argument, 0, OPT_MAX_PAGES},
        {"jobs", required_argument, 0, 'j'}, {"help", no_argument, 0, 'h'},
        COMMON_LONGOPTS, {0, 0, 0, 0}};
    const char *out = NULL;
    int dump = 0;
    rg_render_options ro = {NULL, -1, 0, 0};
    cli_common common;
    cli_common_init(&common);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:i:j:h", longopts, NULL)) != -1) {
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
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
    }
    if (optind != argc - 1 || (!out && !dump)) {
        fprintf(stderr, "raingan render: need one SOURCE.xml and -o OUT.pdf\n");
        help(stderr);
        return EXIT_USAGE;
    }
    rg_context *ctx = rg_context_new();
    int rc = EXIT_INTERNAL;
    /* The engine first: libthai's dictionary loads on a thread of its own
     * while the source is parsed.  Its reports (a missing font) are shown
     * only when the source loads, as if it had been made second. */
    rg_context *ectx = rg_context_new();
    rg_engine *eng = ectx ? cli_engine_new(ectx, &common) : NULL;
    rg_document *doc = rg_document_load_with(ctx, argv[optind], &common.load);
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
        rc = cli_exit_status(rg_render_pdf(eng, ctx, doc, &ro, out));
    }
    cli_print_diagnostics(ctx);
    rg_engine_free(eng);
    rg_document_free(doc);
    rg_context_free(ectx);
    rg_context_free(ctx);
    return rc;
}
