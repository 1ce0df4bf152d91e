/* inout.h - the command line's conventions for files and options, the
 * same in every command: "-" is standard input as a source and standard
 * output as an output; an output not given is the source's name with
 * ".pdf"; every command says what it wrote; an option that holds one value
 * given twice is a usage error. */
#ifndef RG_CLI_INOUT_H
#define RG_CLI_INOUT_H

#include "raingan.h"
#include <getopt.h>
#include <stddef.h>

/* How a source read from standard input is named in messages. */
#define CLI_STDIN_NAME "<stdin>"

/* 1 when path is "-". */
int cli_is_dash(const char *path);

/* Read the source at path ("-": standard input) whole into a NUL-ended
 * buffer allocated with malloc; more than max bytes is a too-large error.
 * Problems go to ctx naming the file ("<stdin>" for "-"). */
rg_status cli_read(rg_context *ctx, const char *path, size_t max, char **data, size_t *len);

/* rg_document_load_with (lo may be NULL), reading "-" from standard input. */
rg_document *cli_load(rg_context *ctx, const char *path, const rg_load_options *lo);

/* Write len bytes to out: "-" is standard output, anything else is
 * written atomically and never over input (NULL or "-": no input file). */
rg_status cli_write(rg_context *ctx, const char *out, const void *data, size_t len,
                    const char *input);

/* The output a source gives when -o is not given: its name with a final
 * ".xml" or ".txt" replaced by ".pdf" (else ".pdf" added), in the source's
 * folder; NULL for "-" (standard input has no name) or when out of memory.
 * Free with free(). */
char *cli_default_output(const char *source);

/* What messages call an output: "standard output" for "-". */
const char *cli_output_label(const char *out);

/* Options seen so far by one command's parse. */
typedef struct cli_once {
    int seen[64];
    int n;
} cli_once;

/* Call for every option getopt_long returns: when c is an option that
 * takes a value (required_argument in longopts, except --words, which
 * may be repeated) and was seen before, prints "raingan CMD: --NAME given
 * twice (it takes one value)" and returns -1; for '?' (getopt's error:
 * main sets opterr to 0 so that getopt prints nothing) prints the error
 * in the program's language (cli_option_error) and returns -1. */
int cli_once_check(const char *cmd, const struct option *longopts, int c, cli_once *s);

/* getopt_long returned '?' while command cmd read argv (argc words, the
 * command's own name first): say which option is unknown, lacks its value
 * or takes none, and that 'raingan CMD --help' lists them. */
void cli_option_error(const char *cmd, int argc, char **argv, const struct option *longopts);

/* The command's words as main handed them over (argv after "raingan"),
 * for cli_once_check's messages. */
void cli_set_args(int argc, char **argv);

#endif
