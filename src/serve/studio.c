/* studio.c - the studio's files: the sources of its folder (list, read,
 * save) and the static files of its page.
 *
 * The folder is opened once (serve_run) and every source is reached with
 * openat() relative to it, by a name that cannot leave it: a plain file
 * name ending in ".xml" (no '/', no leading '.', so no "..") opened with
 * O_NOFOLLOW, so a symbolic link planted in the folder is not followed
 * either.  Only regular files are listed, read or replaced.
 *
 * Saving keeps the CLI's guarantees: the text goes to a new temporary file
 * in the folder, is fsynced and renamed over the source (then the folder
 * is fsynced), so the source is always either the old or the new text.
 * The client names the version it edited (If-Match: the ETag, a SHA-256
 * of the bytes it opened); when the file on disk has other bytes (another
 * editor saved it) the save is refused with 409 and the current ETag, and
 * the studio asks the user before saving again with If-Match: *.  Saves
 * are serialised by a lock, so two tabs cannot interleave their check and
 * rename.
 *
 * A new source (the studio's "New" button) is a PUT with If-None-Match: *:
 * the text goes to a temporary file as above, which is then hard-linked
 * to its name (linkat fails when the name exists, whoever made it and
 * however recently: no check-then-create race) and the temporary name
 * removed; an existing name is 412 and nothing changes. */
#define _GNU_SOURCE
#include "serve/http.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

int studio_name_ok(const char *name)
{
    size_t n = strlen(name);
    return mp_safe_name(name) && n > 4 && !strcasecmp(name + n - 4, ".xml");
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void studio_files(request *r)
{
    server *s = r->srv;
    int fd = openat(s->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        reply_error(r, 500, "cannot-list", "cannot list the folder: %s", strerror(errno));
        return;
    }
    enum { MAX_FILES = 10000 };
    char **names = malloc(MAX_FILES * sizeof *names);
    size_t n = 0;
    struct dirent *e;
    while (names && n < MAX_FILES && (e = readdir(d)) != NULL) {
        struct stat st;
        if (studio_name_ok(e->d_name) &&
            fstatat(s->dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
            if ((names[n] = strdup(e->d_name)) != NULL)
                n++;
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, cmp_names);
    sbuf b = {0};
    sb_puts(&b, "{\"folder\":");
    sb_json(&b, s->dir_path);
    sb_puts(&b, ",\"files\":[");
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        long long size = fstatat(s->dirfd, names[i], &st, AT_SYMLINK_NOFOLLOW) == 0
                             ? (long long)st.st_size : -1;
        sb_puts(&b, i ? ",{\"name\":" : "{\"name\":");
        sb_json(&b, names[i]);
        sb_printf(&b, ",\"size\":%lld}", size);
        free(names[i]);
    }
    free(names);
    sb_puts(&b, "]}\n");
    reply_buf(r, 200, "application/json", &b);
}

/* Read source name of the folder whole into *data (malloc'ed), with its
 * mode.  Returns 0; ENOENT when absent; another errno (EFBIG beyond
 * max_body, ELOOP for a symbolic link, EINVAL not a regular file). */
static int read_source(const server *s, const char *name, char **data, size_t *len,
                       mode_t *mode)
{
    *data = NULL;
    *len = 0;
    int fd = openat(s->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno;
    struct stat st;
    int err = 0;
    if (fstat(fd, &st) != 0)
        err = errno;
    else if (!S_ISREG(st.st_mode))
        err = EINVAL;
    else if ((size_t)st.st_size > s->cfg.max_body)
        err = EFBIG;
    char *buf = err ? NULL : malloc((size_t)st.st_size + 1);
    if (!err && !buf)
        err = ENOMEM;
    size_t got = 0;
    while (!err && got < (size_t)st.st_size) {
        ssize_t k = read(fd, buf + got, (size_t)st.st_size - got);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            err = k < 0 ? errno : EIO; /* shrank while read */
            break;
        }
        got += (size_t)k;
    }
    close(fd);
    if (err) {
        free(buf);
        return err;
    }
    buf[got] = 0;
    *data = buf;
    *len = got;
    *mode = st.st_mode & 07777;
    return 0;
}

/* Reply 400 for a name that is not a source of the folder; returns -1. */
static int check_name(request *r)
{
    if (studio_name_ok(r->name))
        return 0;
    reply_error(r, 400, "bad-name", "'%.80s' is not a source of the folder: give a plain file "
                                    "name ending in .xml (no '/', no leading '.')",
                r->name);
    return -1;
}

void studio_file_get(request *r)
{
    if (check_name(r))
        return;
    char *data;
    size_t len;
    mode_t mode;
    int err = read_source(r->srv, r->name, &data, &len, &mode);
    if (err) {
        reply_error(r, err == ENOENT ? 404 : err == EFBIG ? 413 : 403,
                    err == ENOENT ? "not-found" : "cannot-read", "%s: %s", r->name,
                    err == ELOOP ? "a symbolic link (not followed)"
                    : err == EINVAL ? "not a regular file"
                                    : strerror(err));
        return;
    }
    rg_sha256_hex(data, len, r->etag);
    r->status = 200;
    r->out = data;
    r->out_len = len;
    r->out_type = "application/xml; charset=utf-8";
}

/* Write r's body to a temporary file in the folder and rename it over
 * r->name (create: link it to r->name, which must not exist: EEXIST).
 * Returns 0 or an errno (nothing left behind). */
static int write_atomic(const server *s, const char *name, const char *data, size_t len,
                        mode_t mode, int create)
{
    static const char hex[] = "0123456789abcdef";
    char tmp[MP_NAME_MAX + 48];
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 100; attempt++) {
        unsigned char rnd[6];
        FILE *ur = fopen("/dev/urandom", "rb");
        if (!ur || fread(rnd, 1, sizeof rnd, ur) != sizeof rnd)
            memset(rnd, attempt, sizeof rnd);
        if (ur)
            fclose(ur);
        char tag[13];
        for (int i = 0; i < 6; i++) {
            tag[2 * i] = hex[rnd[i] >> 4];
            tag[2 * i + 1] = hex[rnd[i] & 15];
        }
        tag[12] = 0;
        snprintf(tmp, sizeof tmp, ".%s.%s.tmp", name, tag);
        fd = openat(s->dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            return errno;
    }
    if (fd < 0)
        return EEXIST;
    int err = 0;
    size_t put = 0;
    while (!err && put < len) {
        ssize_t k = write(fd, data + put, len - put);
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0)
            err = errno;
        else
            put += (size_t)k;
    }
    if (!err && fchmod(fd, mode) != 0)
        err = errno;
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && !create && renameat(s->dirfd, tmp, s->dirfd, name) != 0)
        err = errno;
    if (!err && create && linkat(s->dirfd, tmp, s->dirfd, name, 0) != 0)
        err = errno;
    if (err || create)
        unlinkat(s->dirfd, tmp, 0);
    if (err)
        return err;
    fsync(s->dirfd);
    return 0;
}

void studio_file_put(request *r)
{
    static pthread_mutex_t save_lock = PTHREAD_MUTEX_INITIALIZER;
    if (check_name(r))
        return;
    if (r->create_only) {
        int err = write_atomic(r->srv, r->name, r->body ? r->body : "", r->len, 0644, 1);
        if (err == EEXIST) {
            reply_error(r, 412, "exists", "%s exists already: choose another name", r->name);
            return;
        }
        if (err) {
            reply_error(r, 500, "cannot-save", "%s: %s (nothing was created)", r->name,
                        strerror(err));
            return;
        }
        rg_sha256_hex(r->body ? r->body : "", r->len, r->etag);
        sbuf b = {0};
        sb_puts(&b, "{\"created\":");
        sb_json(&b, r->name);
        sb_printf(&b, ",\"size\":%zu,\"etag\":\"%s\"}\n", r->len, r->etag);
        reply_buf(r, 201, "application/json", &b);
        return;
    }
    if (!r->if_match[0]) {
        reply_error(r, 428, "precondition-required",
                    "send If-Match with the ETag the file was opened with (or * to overwrite), "
                    "or If-None-Match: * to make a new file");
        return;
    }
    pthread_mutex_lock(&save_lock);
    char *cur;
    size_t cur_len;
    mode_t mode = 0644;
    char cur_tag[65] = "";
    int err = read_source(r->srv, r->name, &cur, &cur_len, &mode);
    if (!err)
        rg_sha256_hex(cur, cur_len, cur_tag);
    free(cur);
    if (err && err != ENOENT) {
        pthread_mutex_unlock(&save_lock);
        reply_error(r, 403, "cannot-save", "%s: %s", r->name,
                    err == ELOOP ? "a symbolic link (not replaced)"
                    : err == EINVAL ? "not a regular file"
                                    : strerror(err));
        return;
    }
    if (strcmp(r->if_match, "*") && strcmp(r->if_match, cur_tag)) {
        pthread_mutex_unlock(&save_lock);
        sbuf b = {0};
        sb_puts(&b, "{\"error\":\"changed-on-disk\",\"status\":409,\"message\":");
        sb_json(&b, err == ENOENT ? "the file was deleted on disk since it was opened"
                                  : "the file was changed on disk since it was opened");
        sb_puts(&b, ",\"file\":");
        sb_json(&b, r->name);
        sb_printf(&b, ",\"etag\":\"%s\"}\n", cur_tag);
        reply_buf(r, 409, "application/json", &b);
        return;
    }
    err = write_atomic(r->srv, r->name, r->body ? r->body : "", r->len, mode, 0);
    pthread_mutex_unlock(&save_lock);
    if (err) {
        reply_error(r, 500, "cannot-save", "%s: %s (the file on disk is unchanged)", r->name,
                    strerror(err));
        return;
    }
    rg_sha256_hex(r->body ? r->body : "", r->len, r->etag);
    sbuf b = {0};
    sb_puts(&b, "{\"saved\":");
    sb_json(&b, r->name);
    sb_printf(&b, ",\"size\":%zu,\"etag\":\"%s\"}\n", r->len, r->etag);
    reply_buf(r, 200, "application/json", &b);
}

/* ---- static files ------------------------------------------------------------ */

static const struct {
    const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
    {".json", "application/json"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
    {".rng", "application/xml"}, {".bcmap", "application/octet-stream"},
    {".pfb", "application/octet-stream"}, {".ttf", "font/ttf"}, {".map", "application/json"},
};

/* Whether rest (after a prefix) is a safe relative path: [A-Za-z0-9._/-],
 * no segment empty or starting with '.', under 512 bytes. */
static int safe_rest(const char *rest)
{
    size_t n = strlen(rest);
    if (n == 0 || n >= 512)
        return 0;
    for (const char *p = rest; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '-' || *p == '/'))
            return 0;
        if ((p == rest || p[-1] == '/') && (*p == '.' || *p == '/'))
            return 0;
    }
    return rest[n - 1] != '/';
}

int static_open(const server *s, const char *path, size_t *size, const char **ctype)
{
    char file[8192];
    const char *root = NULL, *rest = NULL;
    static const char *const prefixes[] = {"/studio/", "/vendor/codemirror/", "/vendor/pdf/"};
    if (!strcmp(path, "/")) {
        snprintf(file, sizeof file, "%s/index.html", s->studio_dir);
    } else if (!strcmp(path, "/api/schema")) {
        snprintf(file, sizeof file, "%s", s->schema_path);
    } else {
        for (int i = 0; i < 3 && !root; i++)
            if (!strncmp(path, prefixes[i], strlen(prefixes[i]))) {
                rest = path + strlen(prefixes[i]);
                root = i == 0 ? s->studio_dir : NULL;
                if (i == 1)
                    snprintf(file, sizeof file, "%s/codemirror", s->js_dir);
                if (i == 2)
                    snprintf(file, sizeof file, "%s/pdf", s->js_dir);
                if (i == 0)
                    snprintf(file, sizeof file, "%s", root);
                root = file;
            }
        if (!root || !safe_rest(rest))
            return -1;
        size_t n = strlen(file);
        snprintf(file + n, sizeof file - n, "/%s", rest);
    }
    const char *dot = strrchr(file, '.');
    *ctype = NULL;
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(dot, types[i].ext))
            *ctype = types[i].type;
    if (!*ctype)
        return -1;
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return -1;
    }
    *size = (size_t)st.st_size;
    return fd;
}
