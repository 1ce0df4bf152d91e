/* sources.c - expanding source arguments (see sources.h).
 *
 * Folders are read with opendir/readdir and their names sorted with
 * strcmp, so the order (and with it batch output names when two sources
 * collide, and the archive's page order) never depends on the file
 * system's order or the locale. */
#define _POSIX_C_SOURCE 200809L
#include "cli/sources.h"
#include "cli/common.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int add(cli_sources *s, const char *path)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->paths[i], path))
            return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **p = realloc(s->paths, cap * sizeof *p);
        if (!p)
            return -1;
        s->paths = p;
        s->cap = cap;
    }
    s->paths[s->n] = strdup(path);
    return s->paths[s->n] ? (int)(s->n++, 0) : -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add dir's *.xml files in name order. */
static int add_dir(const char *cmd, cli_sources *s, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_say("raingan %s: %s: %s\n", cmd, dir, cli_strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && rc == 0) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".xml") || e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                rc = -1;
                break;
            }
            names = p;
        }
        size_t need = strlen(dir) + len + 2;
        names[n] = malloc(need);
        if (!names[n]) {
            rc = -1;
            break;
        }
        snprintf(names[n], need, "%.*s/%s", (int)cli_dir_len(dir), dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (rc == 0)
            rc = add(s, names[i]);
        free(names[i]);
    }
    free(names);
    if (rc)
        cli_say("raingan %s: out of memory\n", cmd);
    return rc;
}

int cli_sources_collect(const char *cmd, int argc, char **argv, cli_sources *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < argc; i++) {
        struct stat st;
        if (!strcmp(argv[i], "-")) { /* standard input, read by the loader */
            if (add(out, argv[i]))
                return -1;
            continue;
        }
        if (stat(argv[i], &st) != 0) {
            cli_say("raingan %s: %s: %s\n", cmd, argv[i], cli_strerror(errno));
            return -1;
        }
        if (S_ISDIR(st.st_mode) ? add_dir(cmd, out, argv[i]) : add(out, argv[i]))
            return -1;
    }
    return 0;
}

size_t cli_dir_len(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 0 && dir[n - 1] == '/')
        n--;
    return n;
}

void cli_sources_free(cli_sources *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->paths[i]);
    free(s->paths);
    memset(s, 0, sizeof *s);
}
