/* commands.h - the subcommands of the raingan CLI, one file each. */
#ifndef RG_CLI_COMMANDS_H
#define RG_CLI_COMMANDS_H

/* Exit statuses, documented in --help and the README. */
enum {
    EXIT_OK = 0,       /* everything worked */
    EXIT_INPUT = 1,    /* a source had errors (nothing written for it) */
    EXIT_USAGE = 2,    /* bad command line */
    EXIT_OUTPUT = 3,   /* an output could not be written */
    EXIT_INTERNAL = 4  /* fonts/templates missing, out of memory */
};

typedef struct rg_command {
    const char *name;    /* as typed after "raingan" */
    const char *summary; /* one line for the command list */
    int (*run)(int argc, char **argv);
} rg_command;

int cmd_typeset(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_preview(int argc, char **argv);
int cmd_archive(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_score(int argc, char **argv);

#endif
