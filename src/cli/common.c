/* common.c - shared CLI plumbing (see common.h). */
#include "cli/common.h"
#include "cli/commands.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

void cli_common_init(cli_common *c) { memset(c, 0, sizeof *c); }

int cli_common_option(cli_common *c, int opt, const char *arg, void (*help)(FILE *))
{
    switch (opt) {
    case OPT_FONT: c->eng.font_regular = arg; return 0;
    case OPT_FONT_BOLD: c->eng.font_bold = arg; return 0;
    case OPT_FALLBACK: c->eng.font_fallback = arg; return 0;
    case OPT_FAMILY: c->eng.font_family = arg; return 0;
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

/* ==== memory limits ======================================================
 *
 * Out of memory is one documented behaviour (README "Guarantees"): exit 4
 * with a message, never a crash.  raingan's own allocations are checked,
 * but libxml2 2.9 and libthai are not safe when theirs fail (a NULL is
 * used in xmlParseDocument's and libthai's break finder's paths: SIGSEGV,
 * found by tests/tools/oom.sh).  So raingan does not start work under a
 * memory limit (ulimit -v, or -d) smaller than what the bounds on a
 * source allow a load and render to need: CLI_MEM_FIRST for the first
 * worker (about 0.5 GiB for the largest source the bounds allow, plus the
 * libraries' code and data mappings), CLI_MEM_EACH for each further
 * thread (its share of the largest source, its stack and malloc arena).
 * Under a limit the thread count is lowered to fit, not refused. */
#define CLI_MEM_FIRST ((uint64_t)768 << 20)
#define CLI_MEM_EACH ((uint64_t)512 << 20)

/* The smaller of the address-space and data limits; UINT64_MAX when none. */
static uint64_t memory_limit(void)
{
    uint64_t lim = UINT64_MAX;
    const int which[] = {RLIMIT_AS, RLIMIT_DATA};
    for (size_t i = 0; i < sizeof which / sizeof which[0]; i++) {
        struct rlimit r;
        if (getrlimit(which[i], &r) == 0 && r.rlim_cur != RLIM_INFINITY &&
            (uint64_t)r.rlim_cur < lim)
            lim = (uint64_t)r.rlim_cur;
    }
    return lim;
}

int cli_memory_check(const char *cmd)
{
    uint64_t lim = memory_limit();
    if (lim >= CLI_MEM_FIRST)
        return 0;
    fprintf(stderr,
            "raingan %s: the memory limit (ulimit -v or -d) is %llu MiB, below the %llu MiB "
            "raingan needs to load and render any source within its bounds; raise it with "
            "'ulimit -v %llu' or more\n",
            cmd, (unsigned long long)(lim >> 20), (unsigned long long)(CLI_MEM_FIRST >> 20),
            (unsigned long long)(CLI_MEM_FIRST >> 10));
    return -1;
}

int cli_threads_within_memory(int n)
{
    uint64_t lim = memory_limit();
    if (lim == UINT64_MAX || lim < CLI_MEM_FIRST)
        return n;
    uint64_t fit = 1 + (lim - CLI_MEM_FIRST) / CLI_MEM_EACH;
    return (uint64_t)n > fit ? (int)fit : n;
}

void cli_run_threads(int n, void *(*fn)(void *), void *args, size_t size)
{
    n = cli_threads_within_memory(n);
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
