/* common.c - shared CLI plumbing (see common.h). */
#include "cli/common.h"
#include "cli/commands.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_common_init(cli_common *c) { memset(c, 0, sizeof *c); }

int cli_common_option(cli_common *c, int opt, const char *arg, void (*help)(FILE *))
{
    switch (opt) {
    case OPT_FONT: c->eng.font_regular = arg; return 0;
    case OPT_FONT_BOLD: c->eng.font_bold = arg; return 0;
    case OPT_FALLBACK: c->eng.font_fallback = arg; return 0;
    case OPT_DATA_DIR: c->eng.data_dir = arg; return 0;
    case OPT_FILES_ROOT: c->load.files_root = arg; return 0;
    case OPT_WORDS:
        if (c->eng.word_file_count < sizeof c->words / sizeof c->words[0]) {
            c->words[c->eng.word_file_count++] = arg;
            return 0;
        }
        cli_say("raingan: at most %zu --words files (join them into one)\n",
                sizeof c->words / sizeof c->words[0]);
        return -1;
    }
    help(stderr);
    return -1;
}

void cli_run_threads(int n, void *(*fn)(void *), void *args, size_t size)
{
    pthread_t th[256];
    int started = 0;
    for (int i = 1; i < n && i < 256; i++) {
        if (pthread_create(&th[i], NULL, fn, (char *)args + (size_t)i * size) != 0)
            break;
        started = i;
    }
    fn(args);
    for (int i = 1; i <= started; i++)
        pthread_join(th[i], NULL);
}

int cli_parse_count(const char *cmd, const char *opt, const char *arg, long min, long max,
                    long *out)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*end || end == arg || v < min || v > max) {
        cli_say("raingan %s: %s wants a number from %ld to %ld, not '%s'\n", cmd, opt, min,
                max, arg);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_jobs(const char *cmd, const char *arg, int *out)
{
    long v;
    if (cli_parse_count(cmd, "-j", arg, 1, 64, &v))
        return -1;
    *out = (int)v;
    return 0;
}

rg_engine *cli_engine_new(rg_context *ctx, cli_common *c)
{
    c->eng.word_files = c->words;
    return rg_engine_new(ctx, &c->eng);
}

int cli_exit_status(rg_status st)
{
    switch (st) {
    case RG_OK: return EXIT_OK;
    case RG_ERR_PARSE:
    case RG_ERR_INVALID:
    case RG_ERR_LIMIT: return EXIT_INPUT;
    case RG_ERR_USAGE: return EXIT_USAGE;
    case RG_ERR_IO: return EXIT_OUTPUT;
    default: return EXIT_INTERNAL;
    }
}
