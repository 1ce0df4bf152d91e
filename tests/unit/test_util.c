/* test_util.c - the util layer: arena, buffer, diagnostics, atomic writes. */
#define _POSIX_C_SOURCE 200809L
#include "testhelp.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/context.h"
#include "util/fileio.h"
#include "util/memo.h"
#include "util/strmap.h"

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

/* The guard: inputs are recognised by device and inode, whatever the name
 * (a symbolic link, another spelling), through the one-shot write, the
 * stepwise one and the one-input shorthand; a missing input, a NULL entry
 * and an empty guard protect nothing. */
static void check_guard(rg_context *ctx, const char *dir, const char *path)
{
    char link[256], other[256], missing[256];
    snprintf(link, sizeof link, "%s/link.bin", dir);
    snprintf(other, sizeof other, "%s/other.bin", dir);
    snprintf(missing, sizeof missing, "%s/missing.bin", dir);
    test_cond("a symbolic link to the input is made", symlink(path, link) == 0);
    file_write_atomic(ctx, other, "o", 1, NULL);
    rg_context_clear_diagnostics(ctx);

    const char *prot[] = {missing, NULL, link, path, other};
    rg_guard g;
    test_cond("a guard is made over five paths", file_guard_init(ctx, &g, prot, 5) == RG_OK);
    test_cond("the guard holds the ids of the existing paths only (3)", g.n == 3);
    test_cond("writing over a protected input is refused",
              file_write_atomic(ctx, path, "x", 1, &g) == RG_ERR_USAGE);
    const rg_diagnostic *d = rg_context_diagnostic(ctx, 0);
    test_cond("the refusal is output-is-input, naming the first path given for the file",
              d && !strcmp(d->code, "output-is-input") &&
                  !strcmp(d->message + strlen(d->message) - strlen(link), link) &&
                  !strcmp(d->hint, "choose another output path"));
    rg_atomic a;
    test_cond("beginning a stepwise write over a protected input is refused",
              file_atomic_begin(ctx, other, &g, &a) == RG_ERR_USAGE && a.tmp == NULL);
    test_cond("a device is written in place through a guard, not replaced",
              file_write_atomic(ctx, "/dev/null", "d", 1, &g) == RG_OK);
    test_cond("a path that did not exist when the guard was made may be written",
              file_write_atomic(ctx, missing, "m", 1, &g) == RG_OK);
    char *back = NULL;
    size_t blen = 0;
    file_read_all(ctx, path, 1 << 20, &back, &blen);
    test_cond("the protected input is unchanged", back && blen == 5 && !memcmp(back, "hello", 5));
    rg_free(ctx, back);
    file_guard_free(ctx, &g);
    test_cond("a freed guard is empty", g.ids == NULL && g.n == 0);

    rg_guard empty;
    test_cond("a guard over no paths is empty and allocates nothing",
              file_guard_init(ctx, &empty, NULL, 0) == RG_OK && empty.ids == NULL);
    test_cond("an empty guard protects nothing",
              file_write_atomic(ctx, other, "o2", 2, &empty) == RG_OK);
    test_cond("the one-input shorthand refuses its input through a link",
              file_write_atomic_from(ctx, link, "x", 1, path) == RG_ERR_USAGE);
    test_cond("the one-input shorthand writes another path",
              file_write_atomic_from(ctx, other, "o3", 2, path) == RG_OK);
    test_cond("the one-input shorthand with no input protects nothing",
              file_write_atomic_from(ctx, other, "o4", 2, NULL) == RG_OK);
    rg_context_clear_diagnostics(ctx);
    unlink(link);
    unlink(other);
    unlink(missing);
}

/* The string map: values found again by key, keys copied, growth over
 * many keys keeps every entry, and a set of names checks membership. */
static void check_strmap(rg_context *ctx)
{
    rg_strmap m;
    strmap_init(&m, ctx);
    test_cond("an empty map finds nothing", strmap_lookup(&m, "x") == NULL && m.len == 0);
    char key[32];
    int all_added = 1;
    for (size_t i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "2562-r12-unit-%zu.pdf", i);
        int added = 0;
        size_t *v = strmap_insert(&m, key, &added);
        all_added &= v != NULL && added && *v == 0;
        if (v)
            *v = i * 7;
    }
    test_cond("5000 distinct keys are each added once with value 0", all_added && m.len == 5000);
    int all_found = 1;
    for (size_t i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "2562-r12-unit-%zu.pdf", i);
        size_t *v = strmap_lookup(&m, key);
        all_found &= v != NULL && *v == i * 7;
    }
    test_cond("after growing, every key keeps its value", all_found);
    test_cond("the table stays at most half full", m.nslots > 2 * m.len);
    int added = 1;
    size_t *v = strmap_insert(&m, "2562-r12-unit-42.pdf", &added);
    test_cond("inserting a present key finds it and adds nothing",
              v && !added && *v == 42 * 7 && m.len == 5000);
    test_cond("a key that differs only at the end is absent",
              strmap_lookup(&m, "2562-r12-unit-42.pdf-2") == NULL);
    strcpy(key, "mutable");
    strmap_insert(&m, key, NULL);
    key[0] = 'M';
    test_cond("keys are copied, not borrowed",
              strmap_lookup(&m, "mutable") != NULL && strmap_lookup(&m, key) == NULL);
    test_cond("the empty string is a key like any other",
              strmap_insert(&m, "", &added) && added && strmap_lookup(&m, "") != NULL);
    strmap_free(&m);
    test_cond("a freed map is empty", m.len == 0 && strmap_lookup(&m, "mutable") == NULL);
    test_cond("a freed map can be used again",
              strmap_insert(&m, "again", &added) && added && m.len == 1);
    strmap_free(&m);
}

/* The memo: values by (tag, number, bytes); past its bound it starts again. */
static void test_memo(rg_context *ctx)
{
    rg_memo *m = memo_new(ctx, 64 << 10);
    int tag_a, tag_b;
    size_t len = 0;
    test_cond("an empty memo finds nothing", memo_get(m, &tag_a, 0, "key", 3, &len) == NULL);
    const int v[3] = {1, 2, 3};
    const int *kept = memo_put(m, &tag_a, 7, "key", 3, v, sizeof v);
    test_cond("a kept value is a copy", kept && kept != v && !memcmp(kept, v, sizeof v));
    const int *got = memo_get(m, &tag_a, 7, "key", 3, &len);
    test_cond("it is found by the same tag, number and bytes",
              got && len == sizeof v && !memcmp(got, v, sizeof v));
    test_cond("another tag, number or key finds nothing",
              !memo_get(m, &tag_b, 7, "key", 3, &len) && !memo_get(m, &tag_a, 8, "key", 3, &len) &&
                  !memo_get(m, &tag_a, 7, "kez", 3, &len) && !memo_get(m, &tag_a, 7, "ke", 2, &len));
    /* 5,000 keys of 16 bytes + 8-byte values pass the 64 KiB bound: the
     * memo empties itself and keeps working; the latest keys are found. */
    char key[32];
    int ok = 1;
    for (int i = 0; i < 5000 && ok; i++) {
        snprintf(key, sizeof key, "k%015d", i);
        double d = i;
        ok = memo_put(m, &tag_b, 0, key, 16, &d, sizeof d) != NULL;
    }
    snprintf(key, sizeof key, "k%015d", 4999);
    const double *last = memo_get(m, &tag_b, 0, key, 16, &len);
    snprintf(key, sizeof key, "k%015d", 0);
    test_cond("past its bound the memo starts again and still finds the latest keys",
              ok && last && *last == 4999.0 && memo_get(m, &tag_b, 0, key, 16, &len) == NULL);
    size_t hits, puts;
    memo_stats(m, &hits, &puts);
    test_cond("the memo counts hits and puts", hits == 2 && puts == 5001);
    test_cond("an empty key and value can be kept",
              memo_put(m, &tag_a, 1, "", 0, "", 0) && memo_get(m, &tag_a, 1, "", 0, &len) && !len);
    memo_free(m);
}

int main(void)
{
    rg_context *ctx = rg_context_new();
    test_memo(ctx);
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
    test_cond("diagnostics format as file:line:col: error: message [code]",
              strcmp(line, "x.xml:3:7: error: weight abc is not a number [bad]\n  hint: fix it") == 0);
    /* Issue #20: a file name with a newline forged a message line of its
     * own; a long name was cut inside a UTF-8 character. */
    rg_diag(ctx, RG_ERROR, "io-read", "a\nb.xml: error: forged\x1b[2J", 1, 1, NULL, "bad\tvalue \"x\ny\"");
    rg_diagnostic_format(rg_context_diagnostic(ctx, 2), line, sizeof line);
    test_cond("control characters of a file name and message are escaped",
              strcmp(line, "a\\nb.xml: error: forged\\x1B[2J:1:1: error: bad\\tvalue \"x\\ny\" [io-read]") == 0);
    test_cond("a formatted diagnostic is one line without a hint", !strchr(line, '\n'));
    char thai[1000] = "";
    for (int i = 0; i < 100; i++)
        strcat(thai, "ไทย");
    rg_diag(ctx, RG_ERROR, "x", thai, 0, 0, NULL, "m");
    char small[100];
    int need = rg_diagnostic_format(rg_context_diagnostic(ctx, 3), small, sizeof small);
    size_t got = strlen(small);
    test_cond("a long name cut to the buffer ends on a whole UTF-8 character",
              got < sizeof small && got % 3 == 0 && got >= sizeof small - 4);
    test_cond("the length needed is returned like snprintf", need == 900 + (int)strlen(": error: m [x]"));
    test_cond("diagnostics are counted by severity",
              rg_context_count_at_least(ctx, RG_ERROR) == 3 &&
                  rg_context_count_at_least(ctx, RG_WARNING) == 4);
    rg_context_clear_diagnostics(ctx);
    test_cond("diagnostics can be cleared", rg_context_diagnostic_count(ctx) == 0);

    char dir[1024];
    test_cond("a scratch folder is made", mkdtemp(test_scratch(dir, sizeof dir, "rgtest")) != NULL);
    char path[1100];
    snprintf(path, sizeof path, "%s/out.bin", dir);
    test_cond("atomic write succeeds", file_write_atomic(ctx, path, "hello", 5, NULL) == RG_OK);
    char *back = NULL;
    size_t blen = 0;
    file_read_all(ctx, path, 1 << 20, &back, &blen);
    test_cond("what was written reads back", back && blen == 5 && !memcmp(back, "hello", 5));
    rg_free(ctx, back);
    check_guard(ctx, dir, path);
    char bad[1100];
    snprintf(bad, sizeof bad, "%s/no/such/dir/out.pdf", dir);
    test_cond("an unwritable path gives an io error",
              file_write_atomic(ctx, bad, "x", 1, NULL) == RG_ERR_IO);
    test_cond("reading a missing file gives an io error naming it",
              file_read_all(ctx, bad, 10, &back, &blen) == RG_ERR_IO &&
                  strstr(rg_context_diagnostic(ctx, rg_context_diagnostic_count(ctx) - 1)->file,
                         "no/such") != NULL);
    check_strmap(ctx);
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
    rg_strmap fm;
    strmap_init(&fm, c2);
    int fadded = 1;
    test_cond("a map insert that cannot allocate returns NULL and adds nothing",
              strmap_insert(&fm, "k", &fadded) == NULL && !fadded && fm.len == 0);
    rg_guard fg;
    const char *fprot[] = {"/"};
    test_cond("a guard that cannot allocate is RG_ERR_NOMEM and empty",
              file_guard_init(c2, &fg, fprot, 1) == RG_ERR_NOMEM && fg.n == 0 && !fg.ids);
    fail_after = -1;
    strmap_free(&fm);
    buf_free(&fb);
    rg_context_free(c2);
    return test_report();
}
