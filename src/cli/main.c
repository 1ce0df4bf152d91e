/* main.c - the raingan command line: dispatch to one subcommand.
 *
 * Each subcommand lives in its own cmd_*.c, parses its own options (GNU
 * style, getopt_long), prints messages to stderr and returns an exit status
 * from commands.h. */
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/inout.h"
#include "cli/signals.h"

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

/* The process's allocation policy (the program's to set, not the
 * library's).  A render allocates and frees a few MiB per form; with
 * glibc's defaults the freed top of the heap went back to the kernel and
 * was faulted in again by the next form: a batch of 1,000 forms took
 * 150,000 page faults and 2.4 s of system time, with these settings 22,000
 * and 0.9 s, and 25% less wall time (bench/README.md).  The cost is that a
 * process keeps up to 64 MiB of freed memory for reuse. */
static void tune_malloc(void)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20); /* glibc's largest; fixes it, too */
#endif
}

/* `raingan version`: the version and where fonts and templates come from. */
static int cmd_version(int argc, char **argv)
{
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        cli_help(stdout,
                 N_("usage: raingan version\n\n"
                    "Print the version and the data folder in use (fonts/, templates/, data/).\n\n"
                    "options:\n"
                    "  -h, --help            show this help\n"),
                 NULL);
        return EXIT_OK;
    }
    if (argc > 1) {
        cli_say("raingan version: takes no arguments\n");
        return EXIT_USAGE;
    }
    printf("raingan %s\n", RG_VERSION_STRING);
    rg_context *ctx = cli_context_new();
    rg_engine *eng = ctx ? rg_engine_new(ctx, NULL) : NULL;
    if (eng)
        printf(cli_tr(N_("data: %s\n")), rg_engine_data_dir(eng));
    else if (ctx)
        cli_print_diagnostics(ctx);
    rg_engine_free(eng);
    rg_context_free(ctx);
    return eng ? EXIT_OK : EXIT_INTERNAL;
}

static int cmd_help(int argc, char **argv);

static const rg_command commands[] = {
    {"render", N_("render a report source's forms into a PDF"), cmd_render},
    {"typeset", N_("typeset a plain UTF-8 text file into a PDF (text engine workbench)"),
     cmd_typeset},
    {"version", N_("print the version and the data folder in use"), cmd_version},
    {"check", N_("validate report sources and print their problems"), cmd_check},
    {"score", N_("every indicator's score, weighted score and the round's totals"), cmd_score},
    {"batch", N_("render many sources in parallel into a folder, with a summary"), cmd_batch},
    {"preview", N_("render one indicator fast; --watch re-renders on every change"),
     cmd_preview},
    {"archive", N_("one PDF/A-3b for the year: cover, scores, contents, forms, sources"),
     cmd_archive},
    {"serve", N_("the studio (edit sources beside their forms) and the render service"),
     cmd_serve},
    {"help", N_("describe raingan, or one command: raingan help COMMAND"), cmd_help},
};

static void usage(FILE *f)
{
    cli_help(f,
             N_("usage: raingan COMMAND [OPTIONS] ...\n"
                "       raingan help [COMMAND] | -h, --help | -V, --version\n\n"
                "raingan turns XML report sources into the official PDF forms of Thai\n"
                "government performance agreements.\n\ncommands:\n"),
             NULL);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, cli_tr(commands[i].summary));
    cli_help(f,
             N_("\n'raingan help COMMAND' or 'raingan COMMAND --help' describes one command;\n"
                "'man raingan' the whole program.  A source or output named '-' is standard\n"
                "input or output.  --lang th (or LANG=th_TH.UTF-8) gives every message in\n"
                "Thai, --lang en in English.\n\n"
                "environment: RAINGAN_DATA_DIR (fonts/, templates/, data/), SOURCE_DATE_EPOCH,\n"
                "RG_ICC_PROFILE, NO_COLOR, LANG\n\n"
                "exit status: 0 ok, 1 input errors, 2 usage, 3 output not written, 4 internal\n"),
             NULL);
}

static const rg_command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return &commands[i];
    return NULL;
}

/* `raingan help [COMMAND]`: the program's or one command's help. */
static int cmd_help(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(stdout);
        return EXIT_OK;
    }
    const rg_command *c = find_command(argv[1]);
    if (argc > 2 || !c) {
        cli_say("raingan help: unknown command '%s'\n", argv[1]);
        usage(stderr);
        return EXIT_USAGE;
    }
    if (c->run == cmd_help)
        return cmd_help(1, argv);
    char *args[] = {argv[1], "--help", NULL};
    return c->run(2, args);
}

int main(int argc, char **argv)
{
    tune_malloc();
    if (cli_lang_init(&argc, argv))
        return EXIT_USAGE;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
        printf("raingan %s\n", RG_VERSION_STRING);
        return EXIT_OK;
    }
    const rg_command *c = find_command(argv[1]);
    int asks_help = argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"));
    if (c && c->run != cmd_help && c->run != cmd_version && !asks_help &&
        cli_memory_check(c->name))
        return EXIT_INTERNAL;
    if (c) {
        opterr = 0; /* getopt's errors are said by cli_option_error */
        cli_set_args(argc - 1, argv + 1);
        int rc = c->run(argc - 1, argv + 1);
        cli_signals_end();
        return rc;
    }
    cli_say("raingan: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
