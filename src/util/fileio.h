/* fileio.h - whole-file reads and atomic writes.
 *
 * Outputs are never written in place: file_write_atomic writes a temporary
 * file in the target's folder, fsyncs it and renames it over the target, so
 * a crash, a full disk or an error leaves the old file untouched and no
 * partial file behind. */
#ifndef RG_UTIL_FILEIO_H
#define RG_UTIL_FILEIO_H

#include "util/context.h"

/* The longest file name an output gets whole in its temporary file's
 * name (NAME_MAX is 255 bytes; the suffix ".tmpPID.XXXXXX" takes up to 25):
 * callers making names (batch) keep theirs within it. */
#define FILE_NAME_KEEP 200

/* Open path for reading into *fd (O_CLOEXEC), or report why not under
 * code ("io-read", "font-missing" ...) naming the path.  A named pipe is
 * refused without blocking (it would wait forever for a writer);
 * anonymous pipes such as /dev/stdin are opened.  RG_ERR_IO on failure. */
/* 1 if path names a FIFO (or socket) in the file system, which would
 * block an open until a writer comes; 0 for anything else, anonymous
 * pipes (/dev/stdin, /dev/fd/N) included. */
int file_is_named_pipe(const char *path);
rg_status file_open_input(rg_context *ctx, const char *path, const char *code, int *fd);

/* Read a whole file into a NUL-terminated buffer the caller frees with
 * rg_free.  max_size bounds what is read (RG_ERR_LIMIT beyond it).
 * Errors are reported to ctx naming the path. */
rg_status file_read_all(rg_context *ctx, const char *path, size_t max_size, char **out,
                        size_t *out_len);

/* The paths an output must never replace (a command's inputs), as the
 * device and inode of each, taken once by file_guard_init: a write then
 * stats only its own output and looks its ids up in memory, so a batch of
 * N outputs over N inputs costs N stats, not 2*N*N.  Ids are taken when
 * the guard is made: a protected file replaced afterwards by another (a
 * new inode, as an editor's save makes) is no longer recognised, so make
 * the guard just before the writes it protects.  Read-only once made: one
 * guard may be shared by threads.  A zeroed guard protects nothing. */
typedef struct rg_guard_id rg_guard_id;
typedef struct rg_guard {
    rg_guard_id *ids; /* device, inode and path of each protected path that existed,
                         sorted by (device, inode, position in the list given) */
    size_t n;         /* number of ids */
} rg_guard;

/* Take the ids of paths[0..n) (NULL entries and paths that cannot be
 * stat'ed are skipped: they cannot be written over).  The path strings are
 * borrowed, to name the input in the diagnostic, and must outlive the
 * guard; the array itself need not.  n == 0 gives an empty guard.
 * RG_ERR_NOMEM when out of memory (the guard is then empty). */
rg_status file_guard_init(rg_context *ctx, rg_guard *g, const char *const *paths, size_t n);
/* Release the ids; the guard is empty afterwards.  NULL is a no-op. */
void file_guard_free(rg_context *ctx, rg_guard *g);

/* Write data to path atomically (temp file + fsync + rename).  Refuses to
 * write over any path guard protects (e.g. the inputs; NULL protects
 * nothing), comparing by device and inode.  On error nothing is left
 * behind and the old file, if any, is unchanged.  An existing path that is
 * not a regular file (a device such as /dev/stdout or /dev/full, a FIFO)
 * is written in place, never replaced; a directory is an error. */
rg_status file_write_atomic(rg_context *ctx, const char *path, const void *data, size_t len,
                            const rg_guard *guard);

/* file_write_atomic with a guard of the one input path (NULL: none), made
 * now: for a command that writes one output from one input. */
rg_status file_write_atomic_from(rg_context *ctx, const char *path, const void *data,
                                 size_t len, const char *input);

/* An output being written in steps (a writer that needs a file name):
 * file_atomic_begin checks guard (as file_write_atomic) and makes an
 * empty temporary file beside path (or, for a device or FIFO, names path
 * itself); the caller writes tmp whole, then file_atomic_commit syncs and
 * renames it over path, or file_atomic_abort removes it. */
typedef struct rg_atomic {
    const char *path; /* the final name (borrowed) */
    char *tmp;        /* where to write now */
    int in_place;     /* tmp is path: no rename */
} rg_atomic;
rg_status file_atomic_begin(rg_context *ctx, const char *path, const rg_guard *guard,
                            rg_atomic *out);
rg_status file_atomic_commit(rg_context *ctx, rg_atomic *a);
void file_atomic_abort(rg_context *ctx, rg_atomic *a);

#endif
