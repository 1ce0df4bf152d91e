/* cmd_archive.c - `raingan archive SOURCES... -o archive.pdf`: one
 * agency's reports of a year as one PDF/A-3b file with cover, score summary
 * and contents grouped by department, every form, an outline, and the
 * sources attached.
 *
 * Each source is read and loaded on a worker thread and handed to an
 * rg_archive, which keeps its digest and the SHA-256 of its bytes; the
 * document and bytes are freed at once, so memory does not grow with the
 * sources.  The archive reads each file again when its forms are drawn and
 * when it is attached, and checks it against that hash, so what the
 * archive says it was made from is exactly what it was made from.  An
 * archive is all or nothing: any source with errors (or changed since it
 * was read) stops it (exit 1) and nothing is written. */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "util/context.h"
#include "cli/inout.h"
#include "cli/loadall.h"
#include "cli/signals.h"
#include "cli/sources.h"
#include "util/fileio.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void help(FILE *f)
{
    cli_help(f,
             N_("usage: raingan archive [OPTIONS] SOURCES... [-o ARCHIVE.pdf]\n\n"
                "Make one archival PDF (PDF/A-3b) of one agency's report sources for a\n"
                "fiscal year and round: a cover (the agency, fiscal year, round), a score\n"
                "summary grouping the indicators by department with each department's\n"
                "subtotal and the agency's total, a table of contents grouped the same way,\n"
                "then every form, department by department.  Sources of another agency,\n"
                "fiscal year or round than the first are an error (--allow-mixed: a\n"
                "warning).  Bookmarks lead agency -> department -> form; the front pages\n"
                "are labelled ก, ข, ค ... (--front-labels roman: i, ii, ...) and the forms\n"
                "1, 2, ... (the numbers the contents give and the page feet show; forms\n"
                "print no numbers of their own).  The XML sources are attached\n"
                "(AFRelationship Source) with a manifest of their SHA-256 hashes, which is\n"
                "also written beside the archive.  SOURCES are files or folders (their\n"
                "*.xml, by name), '-' standard input.  Identical inputs give identical bytes; set\n"
                "SOURCE_DATE_EPOCH to fix the dates (else: now).\n\n"
                "options:\n"
                "  -o, --output FILE     the archive to write (default, for one SOURCE: its name\n"
                "                        with .pdf); '-' writes to standard output\n"
                "      --manifest FILE   where to write the manifest (default: ARCHIVE with\n"
                "                        .pdf replaced by .manifest.json; '-' standard output)\n"
                "      --no-manifest     write no manifest file (it is still embedded)\n"
                "      --allow-draft     archive draft reports too (their pages marked ร่าง);\n"
                "                        without it a draft (<status state=\"draft\">) is an error\n"
                "      --icc FILE        sRGB ICC profile for the OutputIntent (default:\n"
                "                        $RG_ICC_PROFILE, icc-profiles-free, colord-data)\n"
                "      --front-labels thai|roman\n"
                "                        front-matter page labels: ก, ข, ค ... (default) or\n"
                "                        i, ii, iii ...\n"
                "      --allow-mixed     archive sources of other agencies, fiscal years or\n"
                "                        rounds than the first together (warnings)\n"),
             JOBS_OPTION_HELP,
             COMMON_OPTIONS_HELP,
             QUIET_OPTION_HELP,
             HELP_OPTION_HELP,
             N_("exit status: 0 ok (warnings may be printed), 1 a source has errors (nothing\n"
                "written), 2 usage, 3 the archive could not be written, 4 internal (fonts,\n"
                "templates, no ICC profile)\n"),
             NULL);
}

/* ARCHIVE.pdf -> ARCHIVE.manifest.json (malloc'd). */
static char *manifest_path(const char *out)
{
    size_t n = strlen(out);
    if (n > 4 && !strcmp(out + n - 4, ".pdf"))
        n -= 4;
    char *p = malloc(n + sizeof ".manifest.json");
    if (p) {
        memcpy(p, out, n);
        strcpy(p + n, ".manifest.json");
    }
    return p;
}

/* cli_load_each's hook: source i into the archive. */
static int take_source(void *user, rg_context *ctx, size_t i, const rg_document *doc,
                       const char *name, const char *data, size_t len, const char *path)
{
    return rg_archive_set_source(user, ctx, i, doc, name, data, len, path) == RG_OK ? 0 : -1;
}

/* Write the manifest to path atomically, never over one of the sources. */
static rg_status write_manifest(rg_context *ctx, const char *path, const char *text,
                                const cli_sources *src)
{
    rg_guard guard;
    rg_status st = file_guard_init(ctx, &guard, (const char *const *)src->paths, src->n);
    if (st == RG_OK)
        st = cli_signals_write(ctx, path, text, strlen(text), &guard);
    file_guard_free(ctx, &guard);
    return st;
}

int cmd_archive(int argc, char **argv)
{
    enum { OPT_MANIFEST = 2000, OPT_NO_MANIFEST, OPT_ICC, OPT_FRONT, OPT_MIXED, OPT_ALLOW_DRAFT };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"manifest", required_argument, 0, OPT_MANIFEST},
        {"no-manifest", no_argument, 0, OPT_NO_MANIFEST},
        {"icc", required_argument, 0, OPT_ICC}, {"jobs", required_argument, 0, 'j'},
        {"front-labels", required_argument, 0, OPT_FRONT}, {"allow-mixed", no_argument, 0, OPT_MIXED},
        {"allow-draft", no_argument, 0, OPT_ALLOW_DRAFT},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'},
        COMMON_LONGOPTS, {0, 0, 0, 0}};
    const char *out = NULL, *manifest = NULL;
    int no_manifest = 0;
    rg_archive_options ao = {-1, NULL, 0, RG_FRONT_THAI, 0, 0};
    cli_common common;
    cli_common_init(&common);
    int quiet = 0;
    cli_once once = {{0}, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:j:qh", longopts, NULL)) != -1) {
        if (cli_once_check("archive", longopts, c, &once))
            return EXIT_USAGE;
        switch (c) {
        case 'o': out = optarg; break;
        case OPT_MANIFEST: manifest = optarg; break;
        case OPT_NO_MANIFEST: no_manifest = 1; break;
        case OPT_ICC: ao.icc_profile = optarg; break;
        case OPT_MIXED: ao.allow_mixed = 1; break;
        case OPT_FRONT:
            if (!strcmp(optarg, "thai") || !strcmp(optarg, "roman")) {
                ao.front_labels = !strcmp(optarg, "roman") ? RG_FRONT_ROMAN : RG_FRONT_THAI;
                break;
            }
            cli_say("raingan archive: --front-labels takes thai or roman, not '%s'\n",
                    optarg);
            return EXIT_USAGE;
        case OPT_ALLOW_DRAFT: ao.allow_draft = 1; break;
        case 'j':
            if (cli_parse_jobs("archive", optarg, &ao.threads))
                return EXIT_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
    }
    char *out_default = NULL;
    if (!out && optind == argc - 1) { /* one file or folder: its name with .pdf */
        size_t n = strlen(argv[optind]);
        while (n > 1 && argv[optind][n - 1] == '/')
            argv[optind][--n] = 0;
        out = out_default = cli_default_output(argv[optind]);
    }
    if (optind >= argc || !out || (cli_is_dash(out) && cli_is_dash(manifest))) {
        cli_say("raingan archive: need SOURCES and -o ARCHIVE.pdf (or one SOURCE "
                        "that is not '-'), and not both -o - and --manifest -\n");
        help(stderr);
        free(out_default);
        return EXIT_USAGE;
    }
    const char *outputs[2] = {out, manifest};
    cli_signals_cleanup(outputs, 2);
    cli_sources src;
    if (cli_sources_collect("archive", argc - optind, argv + optind, &src)) {
        cli_sources_free(&src);
        free(out_default);
        return EXIT_INPUT;
    }
    src.load = &common.load;
    if (src.n == 0) {
        cli_say("raingan archive: no .xml sources found\n");
        cli_sources_free(&src);
        free(out_default);
        return EXIT_INPUT;
    }
    rg_context *ctx = cli_context_new();
    char *mpath = NULL, *mtext = NULL;
    size_t npages = 0;
    int rc = EXIT_INTERNAL;
    cli_loaded ld;
    memset(&ld, 0, sizeof ld);
    rg_archive *ar = NULL;
    /* The engine first: libthai's dictionary loads on a thread of its own
     * while the sources are parsed (on -j threads).  Its reports are shown
     * only when every source loads, as if it had been made second. */
    rg_context *ectx = cli_context_new();
    rg_engine *eng = ectx ? cli_engine_new(ectx, &common) : NULL;
    if (!ctx || !ectx || !(ar = rg_archive_new(src.n, src.load)))
        goto done;
    long bad = cli_load_each(&src, ao.threads, take_source, ar, &ld);
    if (bad < 0)
        goto done;
    cli_loaded_report(ctx, &ld);
    if (bad > 0) {
        rc = EXIT_INPUT;
        goto done;
    }
    context_move_diagnostics(ctx, ectx);
    if (!eng)
        goto done;
    /* Written straight to the file (atomically): an archive of a thousand
     * forms is tens of megabytes, never held in memory whole. */
    rg_status st;
    if (cli_is_dash(out)) {
        unsigned char *pdf = NULL;
        size_t len = 0;
        st = rg_archive_render(ar, eng, ctx, &ao, &pdf, &len, &npages);
        if (st == RG_OK)
            st = cli_write(ctx, out, pdf, len, NULL);
        free(pdf);
    } else {
        st = rg_archive_render_file(ar, eng, ctx, &ao, out, &npages);
    }
    if (st != RG_OK) {
        rc = cli_exit_status(st);
        goto done;
    }
    /* No manifest beside standard output, a device or FIFO (-o /dev/null,
     * -o /dev/stdout) unless --manifest names one. */
    struct stat ost;
    int special = !manifest &&
                  (cli_is_dash(out) || (stat(out, &ost) == 0 && !S_ISREG(ost.st_mode)));
    if (st == RG_OK && !special && !no_manifest) {
        mpath = manifest ? NULL : manifest_path(out);
        mtext = rg_archive_manifest_text(ar);
        if (!mtext || (!manifest && !mpath))
            st = RG_ERR_NOMEM;
        else
            st = cli_is_dash(manifest) ? cli_write(ctx, manifest, mtext, strlen(mtext), NULL)
                                       : write_manifest(ctx, manifest ? manifest : mpath, mtext,
                                                        &src);
    }
    rc = cli_exit_status(st);
    if (st == RG_OK && !quiet) {
        char p[64], s[64];
        cli_count(p, sizeof p, npages, N_("%zu page"), N_("%zu pages"));
        cli_count(s, sizeof s, src.n, N_("%zu source"), N_("%zu sources"));
        if (mtext)
            cli_say("raingan archive: wrote %s (%s, %s) and %s\n", cli_output_label(out), p, s,
                    cli_output_label(manifest ? manifest : mpath));
        else
            cli_say("raingan archive: wrote %s (%s, %s)\n", cli_output_label(out), p, s);
    }
done:
    if (ctx)
        cli_print_diagnostics(ctx);
    free(mtext);
    free(mpath);
    rg_engine_free(eng);
    rg_archive_free(ar);
    cli_loaded_free(&ld);
    rg_context_free(ectx);
    rg_context_free(ctx);
    cli_sources_free(&src);
    free(out_default);
    return rc;
}
