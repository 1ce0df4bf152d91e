/* testfile.h - test files and the engine on the source tree, for the unit
 * tests. */
#ifndef RG_TESTFILE_H
#define RG_TESTFILE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "raingan.h"

/* Read a whole file into a NUL-terminated buffer the caller frees; NULL
 * when it cannot be read.  *len receives its size. */
static inline char *test_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s) {
        s[n] = 0;
        *len = (size_t)n;
    }
    return s;
}

static inline int test_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the *.xml files in dir, sorted, into names (at most max,
 * each malloc'd: the caller frees them).  Returns how many, or -1 when the
 * folder cannot be read. */
static inline int test_list_xml(const char *dir, char **names, size_t max)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) && n < max) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".xml") && (names[n] = malloc(l + 1)))
            memcpy(names[n++], de->d_name, l + 1);
    }
    closedir(d);
    qsort(names, n, sizeof *names, test_cmp_names);
    return (int)n;
}

/* An engine on the source tree's fonts, templates and word list (not an
 * installed copy); NULL with diagnostics in ctx. */
static inline rg_engine *test_engine(rg_context *ctx)
{
    rg_engine_options o;
    memset(&o, 0, sizeof o);
    o.data_dir = RG_SOURCE_DIR;
    return rg_engine_new(ctx, &o);
}

#endif
