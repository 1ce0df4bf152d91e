/* inout.c - "-" for standard input and output, default output names,
 * single-valued options (see inout.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/inout.h"
#include "cli/common.h"
#include "cli/signals.h"
#include "util/context.h"
#include "util/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_is_dash(const char *path) { return path && !strcmp(path, "-"); }

/* Standard input whole (once: a second read gives what is left, nothing). */
static rg_status read_stdin(rg_context *ctx, size_t max, char **data, size_t *len)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 65536 * 2;
            char *p = realloc(buf, ncap);
            if (!p) {
                free(buf);
                return RG_ERR_NOMEM;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, stdin);
        n += got;
        if (n > max) {
            free(buf);
            rg_diag(ctx, RG_ERROR, "too-large", CLI_STDIN_NAME, 0, 0, NULL,
                    "file is larger than the limit of %zu bytes", max);
            return RG_ERR_LIMIT;
        }
        if (got == 0)
            break;
    }
    if (ferror(stdin)) {
        rg_diag(ctx, RG_ERROR, "io-read", CLI_STDIN_NAME, 0, 0, NULL, "cannot read: %s",
                rg_strerror(ctx, errno));
        free(buf);
        return RG_ERR_IO;
    }
    buf[n] = 0;
    *data = buf;
    *len = n;
    return RG_OK;
}

rg_status cli_read(rg_context *ctx, const char *path, size_t max, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    if (cli_is_dash(path))
        return read_stdin(ctx, max, data, len);
    /* The context allocates with libc's malloc (the CLI never sets an
     * allocator), so the buffer is the caller's to free(). */
    return file_read_all(ctx, path, max, data, len);
}

rg_document *cli_load(rg_context *ctx, const char *path, const rg_load_options *lo)
{
    if (!cli_is_dash(path))
        return rg_document_load_with(ctx, path, lo);
    char *data;
    size_t len;
    if (read_stdin(ctx, 64u << 20, &data, &len) != RG_OK)
        return NULL;
    rg_document *doc = rg_document_load_memory_with(ctx, CLI_STDIN_NAME, data, len, lo);
    free(data);
    return doc;
}

rg_status cli_write(rg_context *ctx, const char *out, const void *data, size_t len,
                    const char *input)
{
    if (!cli_is_dash(out)) {
        /* The input's id taken now: an editor may have replaced it. */
        rg_guard guard = {NULL, 0};
        const char *in = cli_is_dash(input) ? NULL : input;
        rg_status st = in ? file_guard_init(ctx, &guard, &in, 1) : RG_OK;
        if (st == RG_OK)
            st = cli_signals_write(ctx, out, data, len, &guard);
        file_guard_free(ctx, &guard);
        return st;
    }
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
        rg_diag(ctx, RG_ERROR, "io-write", "<stdout>", 0, 0, NULL, "cannot write: %s",
                rg_strerror(ctx, errno));
        return RG_ERR_IO;
    }
    return RG_OK;
}

char *cli_default_output(const char *source)
{
    if (cli_is_dash(source))
        return NULL;
    size_t n = strlen(source);
    const char *slash = strrchr(source, '/');
    const char *base = slash ? slash + 1 : source;
    if (n > 4 && (size_t)(source + n - base) > 4 &&
        (!strcmp(source + n - 4, ".xml") || !strcmp(source + n - 4, ".txt")))
        n -= 4;
    char *out = malloc(n + 5);
    if (out) {
        memcpy(out, source, n);
        memcpy(out + n, ".pdf", 5);
    }
    return out;
}

const char *cli_output_label(const char *out)
{
    return cli_is_dash(out) ? cli_tr(N_("standard output")) : out;
}

/* The words of the command line cli_once_check's messages quote. */
static int cli_argc;
static char **cli_argv;

void cli_set_args(int argc, char **argv)
{
    cli_argc = argc;
    cli_argv = argv;
}

void cli_option_error(const char *cmd, int argc, char **argv, const struct option *longopts)
{
    const char *w = optind >= 1 && optind - 1 < argc ? argv[optind - 1] : "";
    const struct option *o = longopts;
    while (optopt && o->name && o->val != optopt)
        o++;
    int is_long = !strncmp(w, "--", 2);
    size_t n = is_long && strchr(w, '=') ? (size_t)(strchr(w, '=') - w) : strlen(w);
    if (optopt && o->name && o->has_arg == required_argument && optind >= argc)
        cli_say("raingan %s: option '%.*s' needs a value\n", cmd, (int)n, w);
    else if (optopt && o->name && is_long && w[n] == '=' && o->has_arg == no_argument)
        cli_say("raingan %s: option '%.*s' takes no value\n", cmd, (int)n, w);
    else if (is_long || !optopt)
        cli_say("raingan %s: unknown option '%.*s'\n", cmd, (int)n, w);
    else
        cli_say("raingan %s: unknown option '-%c'\n", cmd, optopt);
    cli_say("raingan %s: 'raingan %s --help' lists the options\n", cmd, cmd);
}

int cli_once_check(const char *cmd, const struct option *longopts, int c, cli_once *s)
{
    if (c == '?') {
        cli_option_error(cmd, cli_argc, cli_argv, longopts);
        return -1;
    }
    const struct option *o = longopts;
    while (o->name && o->val != c)
        o++;
    if (!o->name || o->has_arg != required_argument || c == OPT_WORDS)
        return 0;
    for (int i = 0; i < s->n; i++) {
        if (s->seen[i] == c) {
            cli_say("raingan %s: --%s given twice (it takes one value)\n", cmd, o->name);
            return -1;
        }
    }
    if (s->n < (int)(sizeof s->seen / sizeof s->seen[0]))
        s->seen[s->n++] = c;
    return 0;
}
