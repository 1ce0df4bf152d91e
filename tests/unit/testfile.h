/* testfile.h - reading a whole test file, for the unit tests. */
#ifndef RG_TESTFILE_H
#define RG_TESTFILE_H

#include <stdio.h>
#include <stdlib.h>

/* Read a whole file into a NUL-terminated buffer the caller frees; NULL
 * when it cannot be read.  *len receives its size. */
static char *test_slurp(const char *path, size_t *len)
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

#endif
