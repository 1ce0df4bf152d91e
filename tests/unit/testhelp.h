/* testhelp.h - a tiny test harness in the spirit of sds's testhelp.h.
 *
 * Each check is one sentence: test_cond("what must hold", expression).
 * A binary ends with test_report(), which prints "N passed, N failed" and
 * returns the exit status (non-zero when anything failed), so ctest and CI
 * read the same line. */
#ifndef RG_TESTHELP_H
#define RG_TESTHELP_H

#include <stdio.h>
#include <stdlib.h>

/* A mkstemp/mkdtemp template "DIR/NAME_XXXXXX" in out: DIR is $TMPDIR
 * when set, else the tests' build folder (RG_BINARY_DIR), never a fixed
 * /tmp (a shared machine's /tmp may be full, read-only or someone else's).
 * Returns out. */
static inline char *test_scratch(char *out, size_t size, const char *name)
{
    const char *dir = getenv("TMPDIR");
    snprintf(out, size, "%s/%s_XXXXXX", dir && *dir ? dir : RG_BINARY_DIR, name);
    return out;
}

static int th_passed, th_failed;

#define test_cond(descr, _c)                                                                      \
    do {                                                                                          \
        if (_c) {                                                                                 \
            th_passed++;                                                                          \
            printf("ok   - %s\n", descr);                                                         \
        } else {                                                                                  \
            th_failed++;                                                                          \
            printf("FAIL - %s  (%s:%d)\n", descr, __FILE__, __LINE__);                            \
        }                                                                                         \
    } while (0)

#define test_report()                                                                             \
    (printf("%d passed, %d failed\n", th_passed, th_failed), th_failed ? 1 : 0)

#endif
