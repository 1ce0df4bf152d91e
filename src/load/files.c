/* files.c - the files a source names: evidence files, pictures, signatures.
 *
 * A source may name files beside it (<item file>, <figure src>, <sign
 * signature>).  Each is checked when the source loads, so `raingan check`
 * and every render report the same problems at the line that names the
 * file, and later stages never see a path that was not checked:
 *
 *   - the path is taken relative to the source's folder (an absolute path
 *     as it is), and its real path (realpath: every symlink and ".."
 *     resolved) must lie inside the files root, the folder the user named
 *     (rg_load_options.files_root, default the source's folder): a symlink
 *     pointing out of it is refused like "../../etc/passwd";
 *   - it must be a regular file that can be opened for reading, at most
 *     RG_MAX_FILE_SIZE bytes;
 *   - a picture's header is read (PNG IHDR, JPEG SOFn, a few KiB at most):
 *     it must be a PNG or a JPEG, at most RG_MAX_IMAGE_PIXELS pixels, grey
 *     or colour (a CMYK JPEG is refused: its colours would change in the
 *     sRGB archive; a 16-bit PNG is reduced to 8 bits, with a warning).
 *
 * One rg_file per real path, so a picture used twice is one file (and one
 * image in the PDF).  Pixels are decoded only by the renderer.
 *
 * Files may also be given with the source (rg_load_options.files: a
 * render service's request parts).  A name the source writes is first
 * looked for among them, by the whole name, then by its last part (a
 * request part's name has no folders); a given file is used from memory
 * (the same size bound and picture checks) and never touches the disk.
 * Only a name none of them has is resolved on disk, inside the root. */
#define _XOPEN_SOURCE 700
#include "load/load.h"
#include "util/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* MIME types by file-name extension (lower case); others are
 * application/octet-stream. */
static const char *const mime_table[][2] = {
    {"pdf", "application/pdf"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"txt", "text/plain"},
    {"csv", "text/csv"},
    {"xml", "application/xml"},
    {"zip", "application/zip"},
};

static const char *mime_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || strchr(dot, '/'))
        return "application/octet-stream";
    char ext[8];
    size_t n = strlen(dot + 1);
    if (n == 0 || n >= sizeof ext)
        return "application/octet-stream";
    for (size_t i = 0; i <= n; i++) {
        char c = dot[1 + i];
        ext[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    for (size_t i = 0; i < sizeof mime_table / sizeof mime_table[0]; i++)
        if (!strcmp(ext, mime_table[i][0]))
            return mime_table[i][1];
    return "application/octet-stream";
}

/* The folder part of path ("" -> ".", "a.xml" -> ".", "x/a.xml" -> "x"),
 * into out; -1 when it does not fit. */
static int dir_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return snprintf(out, size, ".") < (int)size ? 0 : -1;
    size_t n = slash == path ? 1 : (size_t)(slash - path);
    if (n >= size)
        return -1;
    memcpy(out, path, n);
    out[n] = 0;
    return 0;
}

/* The files root's real path, resolved once per load; NULL (reported)
 * when it does not exist. */
static const char *files_root(rg_loader *L, rg_pos at)
{
    if (L->root_real[0])
        return L->root_real;
    if (L->root_failed)
        return NULL;
    char dir[PATH_MAX];
    const char *root = L->files_root ? L->files_root : L->folder;
    if (!root) {
        if (dir_of(L->file, dir, sizeof dir)) {
            L->root_failed = 1;
            return NULL;
        }
        root = dir;
    }
    if (!realpath(root, L->root_real)) {
        L->root_real[0] = 0;
        L->root_failed = 1;
        loader_diag(L, RG_ERROR, "io-read", at,
                    "the folder files are taken from (%s) cannot be opened: %s", root,
                    rg_strerror(L->ctx, errno));
        return NULL;
    }
    return L->root_real;
}

/* ==== picture headers =================================================== */

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* PNG: the signature and IHDR (PNG spec 11.2.2). */
static int png_header(rg_loader *L, rg_pos at, FILE *f, rg_file *rf)
{
    unsigned char h[33];
    if (fread(h, 1, sizeof h, f) != sizeof h || memcmp(h + 12, "IHDR", 4)) {
        loader_diag(L, RG_ERROR, "bad-image", at, "picture '%s' is not a valid PNG file",
                    rf->written);
        return -1;
    }
    unsigned w = be32(h + 16), ht = be32(h + 20);
    int depth = h[24], type = h[25];
    rf->format = RG_IMAGE_PNG;
    rf->width = w > INT_MAX ? INT_MAX : (int)w;
    rf->height = ht > INT_MAX ? INT_MAX : (int)ht;
    rf->components = type == 0 || type == 4 ? 1 : 3;
    if (w == 0 || ht == 0 || (type != 0 && type != 2 && type != 3 && type != 4 && type != 6) ||
        (depth != 1 && depth != 2 && depth != 4 && depth != 8 && depth != 16)) {
        loader_diag(L, RG_ERROR, "bad-image", at, "picture '%s' is not a valid PNG file",
                    rf->written);
        return -1;
    }
    if (depth == 16)
        loader_diag(L, RG_WARNING, "image-16bit", at,
                    "picture '%s' has 16 bits per channel; it is reduced to 8", rf->written);
    return 0;
}

/* JPEG: markers up to the first SOFn (ITU T.81 B.2), skipping segments
 * by their lengths; reads a few bytes per segment whatever the file's
 * size. */
static int jpeg_header(rg_loader *L, rg_pos at, FILE *f, rg_file *rf)
{
    unsigned char m[2];
    for (int segments = 0; segments < 4096; segments++) {
        int c;
        do
            c = fgetc(f);
        while (c == 0xFF);
        if (c == EOF)
            break;
        if (c == 0xD8 || (c >= 0xD0 && c <= 0xD7) || c == 0x01)
            continue; /* markers without a length */
        if (fread(m, 1, 2, f) != 2)
            break;
        long len = m[0] << 8 | m[1];
        if (len < 2)
            break;
        int sof = c >= 0xC0 && c <= 0xCF && c != 0xC4 && c != 0xC8 && c != 0xCC;
        if (!sof) {
            if (c == 0xD9 || c == 0xDA)
                break; /* end or scan data before any frame header */
            if (fseek(f, len - 2, SEEK_CUR))
                break;
            continue;
        }
        unsigned char s[6];
        if (len < 8 || fread(s, 1, 6, f) != 6)
            break;
        rf->format = RG_IMAGE_JPEG;
        rf->height = s[1] << 8 | s[2];
        rf->width = s[3] << 8 | s[4];
        int ncomp = s[5];
        rf->components = ncomp == 1 ? 1 : 3;
        if (ncomp == 4) {
            loader_diag(L, RG_ERROR, "image-cmyk", at,
                        "picture '%s' is a CMYK JPEG; save it as RGB (sRGB) for the report",
                        rf->written);
            return -1;
        }
        if (s[0] != 8 || (ncomp != 1 && ncomp != 3) || !rf->width || !rf->height) {
            loader_diag(L, RG_ERROR, "bad-image", at,
                        "picture '%s' is a JPEG raingan cannot read (%d-bit, %d components); "
                        "save it as an 8-bit RGB or grey JPEG", rf->written, s[0], ncomp);
            return -1;
        }
        return 0;
    }
    loader_diag(L, RG_ERROR, "bad-image", at, "picture '%s' is not a valid JPEG file",
                rf->written);
    return -1;
}

/* Read the picture header of rf (opened as f). */
static int image_header(rg_loader *L, rg_pos at, FILE *f, rg_file *rf)
{
    unsigned char sig[8];
    size_t n = fread(sig, 1, sizeof sig, f);
    int rc;
    if (n == 8 && !memcmp(sig, "\x89PNG\r\n\x1a\n", 8)) {
        rewind(f);
        rc = png_header(L, at, f, rf);
    } else if (n >= 3 && sig[0] == 0xFF && sig[1] == 0xD8 && sig[2] == 0xFF) {
        rewind(f);
        rc = jpeg_header(L, at, f, rf);
    } else {
        loader_diag(L, RG_ERROR, "bad-image", at,
                    "'%s' is not a PNG or JPEG picture (pictures must be PNG or JPEG)",
                    rf->written);
        return -1;
    }
    if (rc)
        return -1;
    if ((double)rf->width * rf->height > RG_MAX_IMAGE_PIXELS) {
        loader_diag(L, RG_ERROR, "image-too-large", at,
                    "picture '%s' has %d x %d pixels, more than the limit of %d million; "
                    "scale it down first", rf->written, rf->width, rf->height,
                    RG_MAX_IMAGE_PIXELS / 1000000);
        return -1;
    }
    return 0;
}

/* ==== resolving ========================================================= */

/* 1 when path or one of its folders is a symbolic link (for the message:
 * "../x" leaves the folder by itself, a link by where it points). */
static int is_link(const char *path)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p)
        return 0;
    for (;;) {
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISLNK(st.st_mode))
            return 1;
        char *slash = strrchr(p, '/');
        if (!slash || slash == p)
            return 0;
        *slash = 0;
    }
}

/* The file given with the source (rg_load_options.files) that written
 * names: by its whole name, else by its last part; NULL when none. */
static const rg_source_bytes *given_file(const rg_loader *L, const char *written)
{
    const char *slash = strrchr(written, '/');
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < L->ngiven; i++) {
            const char *n = L->given[i].name;
            if (n && !strcmp(n, pass == 0 ? written : slash ? slash + 1 : written))
                return &L->given[i];
        }
    return NULL;
}

/* The rg_file of a file given with the source (g), checked like one on
 * disk: size, and a picture's header. */
static const rg_file *loader_given(rg_loader *L, rg_document *doc, const char *written,
                                   rg_pos at, int picture, const rg_source_bytes *g)
{
    char key[PATH_MAX];
    if (snprintf(key, sizeof key, "<given>/%s", g->name) >= (int)sizeof key) {
        loader_diag(L, RG_ERROR, "bad-path", at, "the path '%s' is too long", written);
        return NULL;
    }
    rg_file *rf = NULL;
    for (size_t i = 0; i < doc->nfiles && !rf; i++)
        if (!strcmp(L->files[i]->path, key))
            rf = L->files[i];
    if (rf && (!picture || rf->format != RG_IMAGE_NONE))
        return rf;
    if (!rf && g->len > (size_t)RG_MAX_FILE_SIZE) {
        loader_diag(L, RG_ERROR, "too-large", at,
                    "file '%s' has %lld bytes, more than the limit of %d MiB", written,
                    (long long)g->len, (int)(RG_MAX_FILE_SIZE >> 20));
        return NULL;
    }
    int known = rf != NULL; /* first named as evidence, now shown */
    if (!known) {
        rf = arena_alloc(&doc->arena, sizeof *rf);
        if (!rf)
            return NULL;
        memset(rf, 0, sizeof *rf);
        rf->pos = at;
        rf->written = arena_strdup(&doc->arena, written);
        rf->path = arena_strdup(&doc->arena, key);
        if (!rf->written || !rf->path)
            return NULL;
        const char *slash = strrchr(written, '/');
        rf->name = slash ? rf->written + (slash + 1 - written) : rf->written;
        rf->mime = mime_of(rf->name);
        rf->size = (long long)g->len;
        rf->data = g->data ? g->data : "";
    }
    if (picture) {
        /* fmemopen of 0 bytes fails on older C libraries: such a file is
         * no picture anyway */
        FILE *f = g->len ? fmemopen((void *)rf->data, g->len, "rb") : NULL;
        int rc = f ? image_header(L, at, f, rf) : -1;
        if (f)
            fclose(f);
        else
            loader_diag(L, RG_ERROR, "bad-image",
                        at, "'%s' is not a PNG or JPEG picture (pictures must be PNG or JPEG)",
                        written);
        if (rc)
            return NULL;
    }
    if (known)
        return rf;
    if (rg_grow(L->ctx, (void **)&L->files, &L->capfiles, doc->nfiles + 1, sizeof *L->files))
        return NULL;
    L->files[doc->nfiles++] = rf;
    return rf;
}

const rg_file *loader_file(rg_loader *L, rg_document *doc, const char *written, rg_pos at,
                           int picture)
{
    if (!written || !*written)
        return NULL;
    const rg_source_bytes *g = given_file(L, written);
    if (g)
        return loader_given(L, doc, written, at, picture, g);
    const char *root = files_root(L, at);
    if (!root)
        return NULL;
    char dir[PATH_MAX], joined[PATH_MAX], real[PATH_MAX];
    int fit = written[0] == '/'
                  ? snprintf(joined, sizeof joined, "%s", written) < (int)sizeof joined
                  : (L->folder ? snprintf(dir, sizeof dir, "%s", L->folder) >= (int)sizeof dir
                               : dir_of(L->file, dir, sizeof dir)) == 0 &&
                        snprintf(joined, sizeof joined, "%s/%s", dir, written) <
                            (int)sizeof joined;
    if (!fit) {
        loader_diag(L, RG_ERROR, "bad-path", at, "the path '%s' is too long", written);
        return NULL;
    }
    if (!realpath(joined, real)) {
        int e = errno;
        if (e == ENOENT)
            loader_diag(L, RG_ERROR, "missing-file", at,
                        "file '%s' does not exist (looked for %s); check the file's name and "
                        "folder", written, joined);
        else
            loader_diag(L, RG_ERROR, "io-read", at, "file '%s' cannot be opened: %s", written,
                        rg_strerror(L->ctx, e));
        return NULL;
    }
    size_t rl = strlen(root);
    int inside = !strcmp(root, "/") ||
                 (!strncmp(real, root, rl) && (real[rl] == '/' || real[rl] == 0));
    if (!inside) {
        loader_diag(L, RG_ERROR, "file-outside", at,
                    "file '%s' is outside the folder files may be taken from (%s)%s", written,
                    root,
                    is_link(joined) ? rg_context_translate(L->ctx, N_(" once its links are followed"))
                                    : "");
        return NULL;
    }
    for (size_t i = 0; i < doc->nfiles; i++)
        if (!strcmp(L->files[i]->path, real)) {
            rg_file *old = L->files[i];
            if (picture && old->format == RG_IMAGE_NONE) {
                /* first named as evidence, now shown: read its header */
                FILE *f = fopen(real, "rb");
                int rc = f ? image_header(L, at, f, old) : -1;
                if (f)
                    fclose(f);
                else
                    loader_diag(L, RG_ERROR, "io-read", at, "file '%s' cannot be opened: %s",
                                written, rg_strerror(L->ctx, errno));
                if (rc)
                    return NULL;
            }
            return old;
        }
    int fd = open(real, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        loader_diag(L, RG_ERROR, "io-read", at, "file '%s' cannot be opened: %s", written,
                    rg_strerror(L->ctx, errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        loader_diag(L, RG_ERROR, "io-read", at, "'%s' is not a regular file", written);
        return NULL;
    }
    if (st.st_size > (off_t)RG_MAX_FILE_SIZE) {
        close(fd);
        loader_diag(L, RG_ERROR, "too-large", at,
                    "file '%s' has %lld bytes, more than the limit of %d MiB", written,
                    (long long)st.st_size, (int)(RG_MAX_FILE_SIZE >> 20));
        return NULL;
    }
    rg_file *rf = arena_alloc(&doc->arena, sizeof *rf);
    if (!rf) {
        close(fd);
        return NULL;
    }
    memset(rf, 0, sizeof *rf);
    rf->pos = at;
    rf->written = arena_strdup(&doc->arena, written);
    rf->path = arena_strdup(&doc->arena, real);
    const char *slash = strrchr(written, '/');
    rf->name = slash ? rf->written + (slash + 1 - written) : rf->written;
    rf->mime = mime_of(rf->name);
    rf->size = (long long)st.st_size;
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return NULL;
    }
    int rc = picture ? image_header(L, at, f, rf) : 0;
    fclose(f);
    if (rc)
        return NULL;
    if (rg_grow(L->ctx, (void **)&L->files, &L->capfiles, doc->nfiles + 1, sizeof *L->files))
        return NULL;
    L->files[doc->nfiles++] = rf;
    return rf;
}
