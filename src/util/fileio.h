/* fileio.h - whole-file reads and atomic writes.
 *
 * Outputs are never written in place: file_write_atomic writes a temporary
 * file in the target's folder, fsyncs it and renames it over the target, so
 * a crash, a full disk or an error leaves the old file untouched and no
 * partial file behind. */
#ifndef RG_UTIL_FILEIO_H
#define RG_UTIL_FILEIO_H

#include "util/context.h"

/* Read a whole file into a NUL-terminated buffer the caller frees with
 * rg_free.  max_size bounds what is read (RG_ERR_LIMIT beyond it).
 * Errors are reported to ctx naming the path. */
rg_status file_read_all(rg_context *ctx, const char *path, size_t max_size, char **out,
                        size_t *out_len);

/* Write data to path atomically (temp file + fsync + rename).  Refuses to
 * write over any path listed in protect (e.g. the inputs), comparing by
 * device and inode.  On error nothing is left behind and the old file, if
 * any, is unchanged.  An existing path that is not a regular file (a
 * device such as /dev/stdout or /dev/full, a FIFO) is written in place,
 * never replaced; a directory is an error. */
rg_status file_write_atomic(rg_context *ctx, const char *path, const void *data, size_t len,
                            const char *const *protect, size_t nprotect);

/* An output being written in steps (a writer that needs a file name):
 * file_atomic_begin checks protect (as file_write_atomic) and makes an
 * empty temporary file beside path (or, for a device or FIFO, names path
 * itself); the caller writes tmp whole, then file_atomic_commit syncs and
 * renames it over path, or file_atomic_abort removes it. */
typedef struct rg_atomic {
    const char *path; /* the final name (borrowed) */
    char *tmp;        /* where to write now */
    int in_place;     /* tmp is path: no rename */
} rg_atomic;
rg_status file_atomic_begin(rg_context *ctx, const char *path, const char *const *protect,
                            size_t nprotect, rg_atomic *out);
rg_status file_atomic_commit(rg_context *ctx, rg_atomic *a);
void file_atomic_abort(rg_context *ctx, rg_atomic *a);

/* 1 if a and b name the same existing file (device and inode), else 0. */
int file_same(const char *a, const char *b);

#endif
