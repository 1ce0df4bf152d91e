/* cmd_preview.c - `raingan preview FILE --indicator 1.2 -o OUT.pdf`: one
 * indicator's form, fast, to a file or stdout; --watch renders again on
 * every change of the source or the templates.
 *
 * Watching polls: every --interval milliseconds it takes a fingerprint of
 * the source and every template (templates/NAME.xml) of the data folder (path, inode,
 * size, mtime in nanoseconds) and renders when the fingerprint changes.
 * Polling needs no inotify, works on network folders, and sees editors
 * that replace a file by renaming.  The engine (fonts, word list) is made
 * once; each round loads the source afresh.  A round that fails prints
 * the errors and leaves the last good PDF in place (writes are atomic).
 * SIGINT, SIGTERM and SIGHUP end the watch between rounds (the sleep is
 * cut short; a write under way completes), --max-renders N after N rounds;
 * either way the exit status is the last round's.  Each line --watch
 * prints starts with the local time (HH:MM:SS). */
#define _POSIX_C_SOURCE 200809L
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/signals.h"

#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void help(FILE *f)
{
    cli_help(f,
             N_("usage: raingan preview [OPTIONS] SOURCE.xml [-i N] [-o OUT.pdf]\n\n"
                "Render one indicator's form (or, without --indicator, the whole source)\n"
                "quickly, exactly as `raingan render` lays it out.  With --watch, keep\n"
                "running and render again whenever the source or a template changes; when\n"
                "a change has errors they are printed and the last good OUT.pdf is kept.\n"
                "SOURCE '-' is standard input (not with --watch).\n\n"
                "options:\n"
                "  -i, --indicator N     the indicator to show, e.g. 1.2\n"
                "  -o, --output FILE     the PDF to write (default: SOURCE with .pdf for .xml);\n"
                "                        '-' writes to standard output (not with --watch)\n"
                "  -w, --watch           render again on every change until interrupted\n"
                "      --interval MS     how often --watch looks for changes (default 250)\n"
                "      --max-renders N   with --watch, stop after N renders (for scripts, tests)\n"),
             COMMON_OPTIONS_HELP,
             QUIET_OPTION_HELP,
             HELP_OPTION_HELP,
             N_("SIGINT (Ctrl-C), SIGTERM or SIGHUP stops --watch cleanly.  Each line\n"
                "--watch prints starts with the time (HH:MM:SS).\n\n"
                "exit status (with --watch: of the last render): 0 ok, 1 the source has\n"
                "errors, 2 usage, 3 the PDF could not be written, 4 internal\n"),
             NULL);
}

/* FNV-1a over bytes, folded into h. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

static uint64_t fingerprint_file(uint64_t h, const char *path)
{
    struct stat st;
    h = fnv(h, path, strlen(path) + 1);
    if (stat(path, &st) != 0)
        return fnv(h, "missing", 7);
    int64_t v[4] = {(int64_t)st.st_ino, (int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec,
                    (int64_t)st.st_mtim.tv_nsec};
    return fnv(h, v, sizeof v);
}

/* A fingerprint of the source and every template (directory order does
 * not matter: each file's part is summed). */
static uint64_t fingerprint(const char *source, const char *data_dir)
{
    uint64_t h = fingerprint_file(1469598103934665603ull, source);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/templates", data_dir);
    DIR *d = opendir(dir);
    if (!d)
        return h;
    uint64_t sum = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".xml"))
            continue;
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        sum += fingerprint_file(1469598103934665603ull, path);
    }
    closedir(d);
    return fnv(h, &sum, sizeof sum);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* The start of a line --watch prints: the local time and a space
 * ("14:45:41 "), into buf; "" when the time cannot be had. */
static const char *stamp_text(char buf[16])
{
    time_t t = time(NULL);
    struct tm tm;
    buf[0] = 0;
    if (localtime_r(&t, &tm) && strftime(buf, 15, "%H:%M:%S", &tm))
        strcat(buf, " ");
    return buf;
}

/* In watch mode, start a line of stderr with the local time. */
static void stamp(int watching)
{
    char buf[16];
    if (watching)
        fputs(stamp_text(buf), stderr);
}

/* One round: load, render, write.  Returns an exit status. */
static int render_once(rg_engine *eng, rg_context *ctx, const char *source,
                       const rg_load_options *lo, const rg_render_options *ro, const char *out,
                       int watching, int quiet)
{
    double t0 = now_ms();
    rg_context_clear_diagnostics(ctx);
    rg_document *doc = cli_load(ctx, source, lo);
    unsigned char *pdf = NULL;
    size_t len = 0, npages = 0;
    rg_status st = doc ? rg_render_pdf_memory(eng, ctx, doc, ro, &pdf, &len, &npages)
                       : RG_ERR_INVALID;
    /* The source's id is taken again each round: an editor's save may
     * have replaced it by a new file. */
    if (st == RG_OK)
        st = cli_write(ctx, out, pdf, len, source);
    /* As every command prints them (the program's language, the excerpt
     * on a terminal), each line stamped when watching. */
    char now[16];
    cli_print_diagnostics_prefixed(stderr, ctx, watching ? stamp_text(now) : "");
    if (st == RG_OK && !quiet) {
        stamp(watching);
        char p[64];
        cli_count(p, sizeof p, npages, N_("%zu page"), N_("%zu pages"));
        cli_say("raingan preview: wrote %s (%s, %.0f ms)\n", cli_output_label(out), p,
                now_ms() - t0);
    } else if (st != RG_OK && watching) {
        stamp(1);
        cli_say("raingan preview: not updated; %s keeps the last good render\n", out);
    }
    free(pdf);
    rg_document_free(doc);
    return cli_exit_status(st);
}

/* Sleep ms milliseconds unless a stop is requested (signals cut it short). */
static void nap(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    if (!stop_requested)
        nanosleep(&t, NULL);
}

int cmd_preview(int argc, char **argv)
{
    enum { OPT_INTERVAL = 2000, OPT_MAX };
    static const struct option longopts[] = {
        {"output", required_argument, 0, 'o'}, {"indicator", required_argument, 0, 'i'},
        {"watch", no_argument, 0, 'w'}, {"interval", required_argument, 0, OPT_INTERVAL},
        {"max-renders", required_argument, 0, OPT_MAX}, {"quiet", no_argument, 0, 'q'},
        {"help", no_argument, 0, 'h'},
        COMMON_LONGOPTS, {0, 0, 0, 0}};
    const char *out = NULL;
    int watch = 0;
    long interval = 250, max_renders = 0;
    rg_render_options ro = {NULL, -1, 0, 0};
    cli_common common;
    cli_common_init(&common);
    int quiet = 0;
    cli_once once = {{0}, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:i:wqh", longopts, NULL)) != -1) {
        if (cli_once_check("preview", longopts, c, &once))
            return EXIT_USAGE;
        switch (c) {
        case 'o': out = optarg; break;
        case 'i': ro.indicator = optarg; break;
        case 'w': watch = 1; break;
        case OPT_INTERVAL: interval = atol(optarg); break;
        case OPT_MAX: max_renders = atol(optarg); break;
        case 'q': quiet = 1; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            if (cli_common_option(&common, c, optarg, help))
                return EXIT_USAGE;
            break;
        }
    }
    const char *source = optind == argc - 1 ? argv[optind] : NULL;
    char *out_default = NULL;
    if (source && !out)
        out = out_default = cli_default_output(source);
    if (!source || !out || interval < 1 || max_renders < 0 ||
        (watch && (cli_is_dash(out) || cli_is_dash(source)))) {
        cli_say("raingan preview: need one SOURCE.xml and -o OUT.pdf for standard "
                        "input (files with --watch); --interval and --max-renders take "
                        "positive numbers\n");
        help(stderr);
        free(out_default);
        return EXIT_USAGE;
    }
    if (!watch)
        cli_signals_cleanup(&out, 1);
    rg_context *ctx = cli_context_new();
    rg_engine *eng = ctx ? cli_engine_new(ctx, &common) : NULL;
    if (!eng) {
        if (ctx)
            cli_print_diagnostics(ctx);
        rg_context_free(ctx);
        free(out_default);
        return EXIT_INTERNAL;
    }
    int rc;
    if (!watch) {
        rc = render_once(eng, ctx, source, &common.load, &ro, out, 0, quiet);
    } else {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal; /* no SA_RESTART: the nap ends at once */
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        const char *dd = rg_engine_data_dir(eng);
        long renders = 0;
        uint64_t seen = fingerprint(source, dd);
        rc = render_once(eng, ctx, source, &common.load, &ro, out, 1, quiet);
        renders++;
        stamp(1);
        cli_say("raingan preview: watching %s and %s/templates (Ctrl-C stops)\n",
                source, dd);
        while (!stop_requested && (max_renders == 0 || renders < max_renders)) {
            nap(interval);
            uint64_t f = fingerprint(source, dd);
            if (f == seen || stop_requested)
                continue;
            seen = f;
            rc = render_once(eng, ctx, source, &common.load, &ro, out, 1, quiet);
            renders++;
        }
        if (stop_requested) {
            stamp(1);
            cli_say("raingan preview: stopped\n");
        }
    }
    rg_engine_free(eng);
    rg_context_free(ctx);
    free(out_default);
    return rc;
}
