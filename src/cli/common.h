/* common.h - options and helpers every CLI command shares: fonts, word
 * lists, data folder, printing diagnostics, mapping statuses to exit codes. */
#ifndef RG_CLI_COMMON_H
#define RG_CLI_COMMON_H

#include "raingan.h"
#include "util/i18n.h"
#include <stdio.h>

#define COMMON_OPTIONS_HELP                                                                      \
    N_("      --font FILE       main font (regular; other faces follow unless given)\n"             \
    "      --font-bold FILE  bold face\n"                                                        \
    "      --family NAME     an installed font family (fc-list : family) for the faces\n"        \
    "                        no --font names\n"                                                 \
    "      --fallback FILE   font for characters the main font lacks\n"                          \
    "      --words FILE      extra words never to split (UTF-8, one a line; repeatable)\n"       \
    "      --data-dir DIR    where fonts/, templates/ and data/ are (default: found)\n"     \
    "      --files-root DIR  evidence files and pictures must lie in DIR (default: the\n"    \
    "                        source's folder; symlinks are followed before checking)\n"     \
    "      --lang LANG       messages and help in th (Thai) or en (default: the locale)\n")

enum {
    OPT_FONT = 1000,
    OPT_FONT_BOLD,
    OPT_FALLBACK,
    OPT_WORDS,
    OPT_DATA_DIR,
    OPT_FILES_ROOT,
    OPT_FAMILY
};

#define COMMON_LONGOPTS                                                                          \
    {"font", required_argument, 0, OPT_FONT}, {"font-bold", required_argument, 0, OPT_FONT_BOLD}, \
        {"fallback", required_argument, 0, OPT_FALLBACK},                                        \
        {"family", required_argument, 0, OPT_FAMILY},                                            \
        {"words", required_argument, 0, OPT_WORDS}, {"data-dir", required_argument, 0, OPT_DATA_DIR}, \
        {"files-root", required_argument, 0, OPT_FILES_ROOT}

typedef struct cli_common {
    rg_engine_options eng;   /* what the options set */
    const char *words[16];   /* --words files */
    rg_load_options load;    /* --files-root */
} cli_common;

void cli_common_init(cli_common *c);
/* Handle one shared option; 0 if it was one, else print the command's
 * help to stderr (a usage error) and return -1. */
int cli_common_option(cli_common *c, int opt, const char *arg, void (*help)(FILE *));
rg_engine *cli_engine_new(rg_context *ctx, cli_common *c);
/* Print every diagnostic as "file:line:col: severity: message [code]" to
 * stderr (cli_print_diagnostics_to: to f), in the context's language; on
 * a terminal with the source line and a caret (diagprint.c). */
void cli_print_diagnostics(rg_context *ctx);
void cli_print_diagnostics_to(FILE *f, const rg_context *ctx);
/* cli_print_diagnostics_to with every line it prints (the message, the
 * excerpt's two lines, the hint) starting with prefix ("" for none):
 * preview --watch's time stamp. */
void cli_print_diagnostics_prefixed(FILE *f, const rg_context *ctx, const char *prefix);
/* Take --lang LANG (anywhere, removed from argv) or the locale variables
 * as the language of messages; -1 (printed) for an unknown --lang. */
int cli_lang_init(int *argc, char **argv);
/* A new context in the program's language (rg_context_new otherwise). */
rg_context *cli_context_new(void);
/* The program's own words in its language: msgid (English, marked for
 * po/th.po) translated, or msgid itself (cli_lang_init sets the language;
 * static storage, safe from any thread). */
const char *cli_tr(const char *msgid);
/* strerror(e) in the program's language (i18n_strerror). */
const char *cli_strerror(int e);
/* Print a message of the program to stderr: fmt, an English printf
 * format and msgid, translated (its Thai has the same directives, which
 * msgfmt checks). */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a command's help: each argument up to NULL a msgid marked N_(),
 * translated, one after the other (help texts are several msgids so that
 * the options every command shares are translated once). */
void cli_help(FILE *f, const char *part, ...);
/* "N word" with the singular or plural msgid (a "%zu" format each), in
 * the program's language, into out. */
void cli_count(char *out, size_t size, size_t n, const char *one, const char *many);

/* Terminal cells of UTF-8 text s: Thai above and below marks and combining
 * marks take none, East Asian wide characters two (the one rule of the
 * source excerpt's caret and of score's table columns). */
int cli_display_width(const char *s);
int cli_exit_status(rg_status st);
/* Run fn on n threads (1..256), the calling thread being the first, the
 * i-th given (char *)args + i * size; returns when all have finished.  A
 * thread that cannot be started leaves its share to the others (fn must
 * take work from a shared counter). */
void cli_run_threads(int n, void *(*fn)(void *), void *args, size_t size);
/* 0 when the process's memory limit (ulimit -v, -d) lets command cmd work;
 * otherwise prints why not ("raingan CMD: the memory limit ... is N MiB,
 * below the M MiB ...") and returns -1 (exit 4).  Under a limit,
 * cli_run_threads runs only as many threads as it allows. */
int cli_memory_check(const char *cmd);
/* n threads lowered to what the memory limit allows (at least 1; n when
 * there is no limit). */
int cli_threads_within_memory(int n);
/* Read the value of option opt of command cmd as a whole number from min
 * to max into *out; prints the usage error ("raingan CMD: OPT wants a
 * number from MIN to MAX, not 'ARG'") and returns -1 otherwise. */
int cli_parse_count(const char *cmd, const char *opt, const char *arg, long min, long max,
                    long *out);
/* -j/--jobs N (1..64) as layout threads. */
int cli_parse_jobs(const char *cmd, const char *arg, int *out);
#define QUIET_OPTION_HELP \
    N_("  -q, --quiet           do not say what was written (problems are still printed)\n")
#define JOBS_OPTION_HELP \
    N_("  -j, --jobs N          N threads lay out forms while this one writes the PDF\n" \
       "                        (default: one per core, at most 8; 1: no threads)\n")
#define HELP_OPTION_HELP N_("  -h, --help            show this help\n\n")

#endif
