/* test_util.c - the util layer: arena, buffer, diagnostics, atomic writes. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/context.h"
#include "util/fileio.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t nallocs;
static int fail_after = -1;
static void *count_malloc(void *u, size_t n)
{
    (void)u;
    if (fail_after >= 0 && (int)nallocs >= fail_after)
        return NULL;
    nallocs++;
    return malloc(n);
}
static void *count_realloc(void *u, void *p, size_t n)
{
    (void)u;
    if (fail_after >= 0 && (int)nallocs >= fail_after)
        return NULL;
    nallocs++;
    return realloc(p, n);
}
static void count_free(void *u, void *p) { (void)u; free(p); }

int main(void)
{
    rg_context *ctx = rg_context_new();
    test_cond("a context is created", ctx != NULL);

    rg_arena a;
    arena_init(&a, ctx, 1024);
    char *s = arena_strdup(&a, "ศปก.ต.");
    test_cond("arena copies strings", s && strcmp(s, "ศปก.ต.") == 0);
    void *big = arena_alloc(&a, 10000);
    test_cond("arena serves requests larger than a chunk", big != NULL);
    int *z = arena_alloc(&a, 64 * sizeof(int));
    int zero = 1;
    for (int i = 0; i < 64; i++)
        zero &= z[i] == 0;
    test_cond("arena memory is zeroed", zero);
    test_cond("arena pointers are 16-byte aligned", ((uintptr_t)z & 15) == 0);
    arena_free(&a);

    rg_buf b;
    buf_init(&b, ctx);
    for (int i = 0; i < 1000; i++)
        buf_printf(&b, "%d,", i);
    test_cond("buffer grows over many appends", b.len > 3000 && !b.failed);
    test_cond("buffer keeps its content", strncmp(b.data, "0,1,2,", 6) == 0);
    buf_free(&b);

    rg_diag(ctx, RG_ERROR, "bad", "x.xml", 3, 7, "fix it", "weight %s is not a number", "abc");
    rg_diag(ctx, RG_WARNING, "meh", NULL, 0, 0, NULL, "a warning");
    char line[512];
    rg_diagnostic_format(rg_context_diagnostic(ctx, 0), line, sizeof line);
    test_cond("diagnostics format as file:line:col: error: message",
              strcmp(line, "x.xml:3:7: error: weight abc is not a number\n  hint: fix it") == 0);
    test_cond("diagnostics are counted by severity",
              rg_context_count_at_least(ctx, RG_ERROR) == 1 &&
                  rg_context_count_at_least(ctx, RG_WARNING) == 2);
    rg_context_clear_diagnostics(ctx);
    test_cond("diagnostics can be cleared", rg_context_diagnostic_count(ctx) == 0);

    char dir[] = "/tmp/rgtestXXXXXX";
    test_cond("a scratch folder is made", mkdtemp(dir) != NULL);
    char path[256];
    snprintf(path, sizeof path, "%s/out.bin", dir);
    test_cond("atomic write succeeds", file_write_atomic(ctx, path, "hello", 5, NULL, 0) == RG_OK);
    char *back = NULL;
    size_t blen = 0;
    file_read_all(ctx, path, 1 << 20, &back, &blen);
    test_cond("what was written reads back", back && blen == 5 && !memcmp(back, "hello", 5));
    rg_free(ctx, back);
    const char *prot[] = {path};
    test_cond("writing over a protected input is refused",
              file_write_atomic(ctx, path, "x", 1, prot, 1) == RG_ERR_USAGE);
    char bad[300];
    snprintf(bad, sizeof bad, "%s/no/such/dir/out.pdf", dir);
    test_cond("an unwritable path gives an io error",
              file_write_atomic(ctx, bad, "x", 1, NULL, 0) == RG_ERR_IO);
    test_cond("reading a missing file gives an io error naming it",
              file_read_all(ctx, bad, 10, &back, &blen) == RG_ERR_IO &&
                  strstr(rg_context_diagnostic(ctx, rg_context_diagnostic_count(ctx) - 1)->file,
                         "no/such") != NULL);
    unlink(path);
    rmdir(dir);
    rg_context_free(ctx);

    rg_allocator al = {count_malloc, count_realloc, count_free, NULL};
    rg_context *c2 = rg_context_new_with_allocator(&al);
    size_t before = nallocs;
    rg_diag(c2, RG_NOTE, "n", NULL, 0, 0, NULL, "counted");
    test_cond("allocations go through the context's allocator", nallocs > before);
    fail_after = (int)nallocs;
    rg_buf fb;
    buf_init(&fb, c2);
    buf_puts(&fb, "x");
    test_cond("a failed allocation marks the buffer failed", fb.failed == 1);
    fail_after = -1;
    buf_free(&fb);
    rg_context_free(c2);
    return test_report();
}
