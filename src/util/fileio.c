/* fileio.c - whole-file reads and atomic writes (see fileio.h).
 *
 * A write stats its output once.  The inputs it must not replace are
 * compared by (device, inode) with ids a guard took once, in a sorted array
 * searched in memory: a batch used to stat every input on every write
 * (2*N*N stats for N sources, most of its system time at N = 1,000). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "util/fileio.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A named pipe in the file system (a FIFO made with mkfifo) is refused:
 * opening one blocks until a writer comes, forever if none does, so a FIFO
 * named *.xml in a batch folder hung the whole run.  Anonymous pipes
 * (/dev/stdin, /dev/fd/N of a shell's process substitution) are read:
 * their writer exists.  They resolve into /proc or not at all. */
int file_is_named_pipe(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)))
        return 0;
    char *real = realpath(path, NULL);
    int named = real && strncmp(real, "/proc/", 6) != 0;
    free(real);
    return named;
}

rg_status file_open_input(rg_context *ctx, const char *path, const char *code, int *fd_out)
{
    *fd_out = -1;
    if (file_is_named_pipe(path)) {
        rg_diag(ctx, RG_ERROR, code, path, 0, 0,
                "give a regular file, or pipe the data into standard input",
                "is a named pipe (FIFO), not a file");
        return RG_ERR_IO;
    }
    /* O_NONBLOCK: a FIFO put in place between the check and the open
     * still does not block; reads are blocking again below. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        rg_diag(ctx, RG_ERROR, code, path, 0, 0, NULL, "cannot open file: %s", rg_strerror(ctx, errno));
        return RG_ERR_IO;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && file_is_named_pipe(path)) {
        close(fd);
        rg_diag(ctx, RG_ERROR, code, path, 0, 0,
                "give a regular file, or pipe the data into standard input",
                "is a named pipe (FIFO), not a file");
        return RG_ERR_IO;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    *fd_out = fd;
    return RG_OK;
}

rg_status file_read_all(rg_context *ctx, const char *path, size_t max_size, char **out,
                        size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int fd = -1;
    rg_status os = file_open_input(ctx, path, "io-read", &fd);
    if (os != RG_OK)
        return os;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        rg_diag(ctx, RG_ERROR, "io-read", path, 0, 0, NULL, "cannot open file: %s",
                rg_strerror(ctx, errno));
        return RG_ERR_IO;
    }
    size_t cap = 0, len = 0;
    char *data = NULL;
    for (;;) {
        if (rg_grow(ctx, (void **)&data, &cap, len + 65536 + 1, 1)) {
            fclose(f);
            rg_free(ctx, data);
            return RG_ERR_NOMEM;
        }
        size_t n = fread(data + len, 1, cap - len - 1, f);
        len += n;
        if (len > max_size) {
            fclose(f);
            rg_free(ctx, data);
            rg_diag(ctx, RG_ERROR, "too-large", path, 0, 0, NULL,
                    "file is larger than the limit of %zu bytes", max_size);
            return RG_ERR_LIMIT;
        }
        if (n == 0)
            break;
    }
    int err = ferror(f) ? errno : 0; /* EISDIR for a folder, EIO ... */
    fclose(f);
    if (err) {
        rg_free(ctx, data);
        rg_diag(ctx, RG_ERROR, "io-read", path, 0, 0, NULL, "cannot read file: %s",
                rg_strerror(ctx, err));
        return RG_ERR_IO;
    }
    data[len] = 0;
    /* Give back the read-ahead: callers such as archive and batch keep
     * hundreds of sources in memory at once. */
    if (cap > len + 1) {
        int oom = ctx->out_of_memory; /* a failed shrink is no failure */
        char *shrunk = rg_realloc(ctx, data, len + 1);
        if (shrunk)
            data = shrunk;
        ctx->out_of_memory = oom;
    }
    *out = data;
    *out_len = len;
    return RG_OK;
}

/* ---- the guard: inputs an output must not replace ------------------------------ */

struct rg_guard_id {
    dev_t dev;        /* st_dev of the protected file */
    ino_t ino;        /* st_ino */
    size_t pos;       /* its position in the list given: the first of equal ids is named */
    const char *path; /* as given (borrowed) */
};

/* Fill *id for path (the pos-th given); 0 when path is NULL or cannot be
 * stat'ed (a missing file cannot be written over). */
static int id_of(const char *path, size_t pos, rg_guard_id *id)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return 0;
    *id = (rg_guard_id){st.st_dev, st.st_ino, pos, path};
    return 1;
}

/* Order by (device, inode), then position, so a lookup lands on the first
 * path given for a file (a file listed twice, or once through a link, is
 * named as the old per-path loop named it). */
static int id_cmp(const void *pa, const void *pb)
{
    const rg_guard_id *a = pa, *b = pb;
    if (a->dev != b->dev)
        return a->dev < b->dev ? -1 : 1;
    if (a->ino != b->ino)
        return a->ino < b->ino ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

rg_status file_guard_init(rg_context *ctx, rg_guard *g, const char *const *paths, size_t n)
{
    g->ids = NULL;
    g->n = 0;
    if (n == 0)
        return RG_OK;
    rg_guard_id *ids = rg_malloc(ctx, n * sizeof *ids);
    if (!ids)
        return RG_ERR_NOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += id_of(paths[i], i, &ids[k]);
    qsort(ids, k, sizeof *ids, id_cmp);
    g->ids = ids;
    g->n = k;
    return RG_OK;
}

void file_guard_free(rg_context *ctx, rg_guard *g)
{
    if (!g)
        return;
    rg_free(ctx, g->ids);
    g->ids = NULL;
    g->n = 0;
}

/* The protected path that st (an existing output) is, or NULL: a binary
 * search for the first id equal to (st_dev, st_ino). */
static const char *guard_lookup(const rg_guard *g, const struct stat *st)
{
    if (!g)
        return NULL;
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const rg_guard_id *m = &g->ids[mid];
        if (m->dev < st->st_dev || (m->dev == st->st_dev && m->ino < st->st_ino))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < g->n && g->ids[lo].dev == st->st_dev && g->ids[lo].ino == st->st_ino)
        return g->ids[lo].path;
    return NULL;
}

/* Refuse (RG_ERR_USAGE, reported) when the existing output st is a
 * protected input; RG_OK otherwise. */
static rg_status guard_check(rg_context *ctx, const rg_guard *g, const char *path,
                             const struct stat *st)
{
    const char *input = guard_lookup(g, st);
    if (!input)
        return RG_OK;
    rg_diag(ctx, RG_ERROR, "output-is-input", path, 0, 0, "choose another output path",
            "output path is the input file %s", input);
    return RG_ERR_USAGE;
}

/* ---- atomic writes ------------------------------------------------------------- */

/* Write all of data to fd, retrying short writes and EINTR.  Returns 0 or
 * the errno of the failed write (ENOSPC on a full disk). */
static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* An existing target that is not a regular file (/dev/stdout, /dev/null, a
 * FIFO) is written in place: renaming a temporary file over it would
 * replace the device node itself (as root, `-o /dev/null` used to turn
 * /dev/null into a PDF).  A directory is refused. */
static rg_status write_special(rg_context *ctx, const char *path, const struct stat *st,
                               const void *data, size_t len)
{
    int err = S_ISDIR(st->st_mode) ? EISDIR : 0;
    int fd = err ? -1 : open(path, O_WRONLY);
    if (!err && fd < 0)
        err = errno;
    if (!err)
        err = write_all(fd, data, len);
    if (fd >= 0 && close(fd) != 0 && !err)
        err = errno;
    if (err) {
        rg_diag(ctx, RG_ERROR, "io-write", path, 0, 0, NULL, "cannot write output file: %s",
                rg_strerror(ctx, err));
        return RG_ERR_IO;
    }
    return RG_OK;
}

/* The process's umask, read once: umask() can only be read by setting it,
 * and setting it from several batch threads at once could leave it 0. */
static pthread_once_t umask_once = PTHREAD_ONCE_INIT;
static mode_t umask_value;
static void read_umask(void)
{
    umask_value = umask(0);
    umask(umask_value);
}

/* An empty temporary file beside path, named in out->tmp (mode 0600 until
 * the commit): "NAME.tmpPID.XXXXXX", so that a program stopped by a signal
 * can find and remove its own (src/cli/signals.c).  A NAME too long to
 * take the suffix within NAME_MAX is cut (at a UTF-8 character) first. */
static rg_status make_temp(rg_context *ctx, const char *path, rg_atomic *out)
{
    size_t n = strlen(path);
    const char *slash = strrchr(path, '/');
    size_t base = slash ? (size_t)(slash + 1 - path) : 0, keep = n;
    if (n - base > FILE_NAME_KEEP) {
        keep = base + FILE_NAME_KEEP;
        while (keep > base && ((unsigned char)path[keep] & 0xC0) == 0x80)
            keep--;
    }
    char *tmp = rg_malloc(ctx, keep + 40);
    if (!tmp)
        return RG_ERR_NOMEM;
    snprintf(tmp, keep + 40, "%.*s.tmp%ld.XXXXXX", (int)keep, path, (long)getpid());
    int fd = mkstemp(tmp);
    if (fd < 0) {
        rg_diag(ctx, RG_ERROR, "io-write", path, 0, 0, NULL, "cannot create output file: %s",
                rg_strerror(ctx, errno));
        rg_free(ctx, tmp);
        return RG_ERR_IO;
    }
    close(fd);
    out->tmp = tmp;
    return RG_OK;
}

rg_status file_atomic_begin(rg_context *ctx, const char *path, const rg_guard *guard,
                            rg_atomic *out)
{
    out->path = path;
    out->tmp = NULL;
    out->in_place = 0;
    /* A path that cannot be stat'ed is taken as missing: making the
     * temporary file then reports why it cannot be written. */
    struct stat st;
    if (stat(path, &st) == 0) {
        rg_status rs = guard_check(ctx, guard, path, &st);
        if (rs != RG_OK)
            return rs;
        if (S_ISDIR(st.st_mode)) {
            rg_diag(ctx, RG_ERROR, "io-write", path, 0, 0, NULL, "cannot write output file: %s",
                    rg_strerror(ctx, EISDIR));
            return RG_ERR_IO;
        }
        if (!S_ISREG(st.st_mode)) {
            out->in_place = 1; /* a device or FIFO: see write_special */
            out->tmp = rg_strdup(ctx, path);
            return out->tmp ? RG_OK : RG_ERR_NOMEM;
        }
    }
    return make_temp(ctx, path, out);
}

rg_status file_atomic_commit(rg_context *ctx, rg_atomic *a)
{
    if (a->in_place) {
        rg_free(ctx, a->tmp);
        a->tmp = NULL;
        return RG_OK;
    }
    int err = 0;
    int fd = open(a->tmp, O_RDONLY);
    if (fd < 0)
        err = errno;
    else {
        if (fsync(fd) != 0 && errno != EINVAL)
            err = errno;
        close(fd);
    }
    /* Created with mode 0600 by mkstemp; give it the usual 0644 minus umask. */
    if (!err) {
        pthread_once(&umask_once, read_umask);
        chmod(a->tmp, 0666 & ~umask_value);
    }
    if (!err && rename(a->tmp, a->path) != 0)
        err = errno;
    if (err) {
        unlink(a->tmp);
        rg_diag(ctx, RG_ERROR, "io-write", a->path, 0, 0, NULL, "cannot write output file: %s",
                rg_strerror(ctx, err));
    }
    rg_free(ctx, a->tmp);
    a->tmp = NULL;
    return err ? RG_ERR_IO : RG_OK;
}

void file_atomic_abort(rg_context *ctx, rg_atomic *a)
{
    if (a->tmp && !a->in_place)
        unlink(a->tmp);
    rg_free(ctx, a->tmp);
    a->tmp = NULL;
}

rg_status file_write_atomic(rg_context *ctx, const char *path, const void *data, size_t len,
                            const rg_guard *guard)
{
    /* One stat of path serves the guard and the special-file test; the
     * temporary file is made directly rather than through
     * file_atomic_begin, which would stat path again. */
    struct stat st;
    rg_atomic a = {path, NULL, 0};
    if (stat(path, &st) == 0) {
        rg_status rs = guard_check(ctx, guard, path, &st);
        if (rs != RG_OK)
            return rs;
        if (!S_ISREG(st.st_mode))
            return write_special(ctx, path, &st, data, len);
    }
    rg_status rs = make_temp(ctx, path, &a);
    if (rs != RG_OK)
        return rs;
    int fd = open(a.tmp, O_WRONLY | O_TRUNC);
    int err = fd < 0 ? errno : write_all(fd, data, len);
    if (fd >= 0 && close(fd) != 0 && !err)
        err = errno;
    if (err) {
        rg_diag(ctx, RG_ERROR, "io-write", path, 0, 0, NULL, "cannot write output file: %s",
                rg_strerror(ctx, err));
        file_atomic_abort(ctx, &a);
        return RG_ERR_IO;
    }
    return file_atomic_commit(ctx, &a);
}

rg_status file_write_atomic_from(rg_context *ctx, const char *path, const void *data,
                                 size_t len, const char *input)
{
    /* A guard of one id on the stack: nothing to allocate. */
    rg_guard_id id;
    rg_guard g = {&id, 0};
    g.n = (size_t)id_of(input, 0, &id);
    return file_write_atomic(ctx, path, data, len, &g);
}
