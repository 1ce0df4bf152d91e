/* sources.h - the source lists of batch and archive: files and folders of
 * XML on the command line, expanded into a sorted, de-duplicated list. */
#ifndef RG_CLI_SOURCES_H
#define RG_CLI_SOURCES_H

#include <stddef.h>

#include "raingan.h"

typedef struct cli_sources {
    char **paths;   /* malloc'd paths in order: arguments in order, each folder's *.xml sorted */
    size_t n, cap;
    const rg_load_options *load; /* how each is loaded (--files-root), or NULL */
} cli_sources;

/* Expand argv[0..argc): a file is taken as it is (whatever its name), a
 * folder contributes its *.xml files (not recursive), sorted by name
 * (strcmp: predictable across locales).  A path named twice is kept once.
 * "-" (standard input) is kept as it is.
 * Returns 0, or -1 after printing "raingan CMD: path: reason" to stderr for
 * a path that does not exist or an unreadable folder. */
int cli_sources_collect(const char *cmd, int argc, char **argv, cli_sources *out);
void cli_sources_free(cli_sources *s);
/* The length of folder path dir without its trailing slashes ("out//": 3,
 * "/": 0), so that the first that many bytes, "/" and a name make a path
 * with one slash between them. */
size_t cli_dir_len(const char *dir);

#endif
