/* bench_batch.c - render many report sources with N threads over the public API.
 *
 * The multi-core number of bench/run.sh when the CLI has no `raingan batch`
 * yet.  Design: one rg_engine (fonts, word list, templates) shared by every
 * thread, one rg_context per thread, work handed out by an atomic counter
 * over the file list, so a thread that draws short forms takes more of
 * them.  Each source is loaded, rendered to memory (which also gives its
 * page count) and, unless --sink=memory, written beside the others the way
 * rg_render_pdf writes: a temporary file, fsync, rename.
 *
 * Output: one line of key=value pairs on stdout, for run.sh to parse:
 *   forms=1000 failed=0 pages=4700 bytes=... wall_s=... cpu_s=... maxrss_kb=...
 * cpu_s is user+system time of the whole process (getrusage), maxrss_kb its
 * peak resident set.
 *
 * usage: bench_batch [-j THREADS] [-o OUTDIR] [--sink=file|memory] FILE.xml...
 *        bench_batch ... @LIST   (LIST holds one path a line) */
#define _POSIX_C_SOURCE 200809L
#include <raingan.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

typedef struct job {
    const rg_engine *eng;   /* shared, read-only */
    char **files;           /* inputs */
    size_t nfiles;
    const char *outdir;     /* NULL: memory sink */
    atomic_size_t next;     /* next file to take */
    atomic_size_t pages;    /* totals over all threads */
    atomic_size_t bytes;
    atomic_size_t failed;
} job;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Write data to dir/name.pdf through a temporary file, fsync and rename,
 * as rg_render_pdf does.  Returns 0 or -1. */
static int write_pdf(const char *dir, const char *src, const unsigned char *data, size_t len)
{
    const char *base = strrchr(src, '/');
    base = base ? base + 1 : src;
    char path[4096], tmp[4200];
    snprintf(path, sizeof path, "%s/%.*s.pdf", dir, (int)(strcspn(base, ".")), base);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < len) {
        ssize_t n = write(fd, data + off, len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    int rc = off == len && fsync(fd) == 0 ? 0 : -1;
    close(fd);
    return rc == 0 && rename(tmp, path) == 0 ? 0 : -1;
}

static void *worker(void *arg)
{
    job *jb = arg;
    rg_context *ctx = rg_context_new();
    if (!ctx)
        return NULL;
    rg_render_options ro = {NULL, 0, 0, 1}; /* one render per thread already */
    for (;;) {
        size_t i = atomic_fetch_add(&jb->next, 1);
        if (i >= jb->nfiles)
            break;
        rg_document *doc = rg_document_load(ctx, jb->files[i]);
        unsigned char *pdf = NULL;
        size_t len = 0, np = 0;
        int ok = doc && rg_render_pdf_memory((rg_engine *)jb->eng, ctx, doc, &ro, &pdf, &len,
                                             &np) == RG_OK;
        if (ok && jb->outdir && write_pdf(jb->outdir, jb->files[i], pdf, len))
            ok = 0;
        if (ok) {
            atomic_fetch_add(&jb->pages, np);
            atomic_fetch_add(&jb->bytes, len);
        } else {
            atomic_fetch_add(&jb->failed, 1);
            for (size_t d = 0; d < rg_context_diagnostic_count(ctx); d++) {
                char msg[1024];
                const rg_diagnostic *dg = rg_context_diagnostic(ctx, d);
                if (dg->severity == RG_ERROR) {
                    rg_diagnostic_format(dg, msg, sizeof msg);
                    fprintf(stderr, "%s\n", msg);
                }
            }
        }
        free(pdf);
        rg_document_free(doc);
        rg_context_clear_diagnostics(ctx);
    }
    rg_context_free(ctx);
    return NULL;
}

/* Read a list file into argv-like storage appended to *files. */
static int read_list(const char *path, char ***files, size_t *n, size_t *cap)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!*line)
            continue;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 256;
            *files = realloc(*files, *cap * sizeof **files);
        }
        (*files)[(*n)++] = strdup(line);
    }
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    int threads = 1;
    const char *outdir = NULL;
    int memory = 0;
    char **files = NULL;
    size_t nfiles = 0, cap = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-j") && i + 1 < argc) {
            threads = atoi(argv[++i]);
        } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
            outdir = argv[++i];
        } else if (!strcmp(argv[i], "--sink=memory")) {
            memory = 1;
        } else if (!strcmp(argv[i], "--sink=file")) {
            memory = 0;
        } else if (argv[i][0] == '@') {
            if (read_list(argv[i] + 1, &files, &nfiles, &cap)) {
                fprintf(stderr, "bench_batch: cannot read %s\n", argv[i] + 1);
                return 2;
            }
        } else {
            if (nfiles == cap) {
                cap = cap ? cap * 2 : 256;
                files = realloc(files, cap * sizeof *files);
            }
            files[nfiles++] = strdup(argv[i]);
        }
    }
    if (threads < 1 || !nfiles || (!memory && !outdir)) {
        fprintf(stderr, "usage: bench_batch [-j N] (-o OUTDIR | --sink=memory) FILE.xml... | @LIST\n");
        return 2;
    }
    double t0 = now();
    rg_context *ctx = rg_context_new();
    rg_engine *eng = rg_engine_new(ctx, NULL);
    if (!eng) {
        fprintf(stderr, "bench_batch: the engine could not be created\n");
        return 4;
    }
    job jb = {eng, files, nfiles, memory ? NULL : outdir, 0, 0, 0, 0};
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    for (int t = 0; t < threads; t++)
        pthread_create(&tid[t], NULL, worker, &jb);
    for (int t = 0; t < threads; t++)
        pthread_join(tid[t], NULL);
    double wall = now() - t0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    printf("forms=%zu failed=%zu pages=%zu bytes=%zu wall_s=%.3f cpu_s=%.3f maxrss_kb=%ld\n",
           nfiles, (size_t)jb.failed, (size_t)jb.pages, (size_t)jb.bytes, wall, cpu,
           ru.ru_maxrss);
    rg_engine_free(eng);
    rg_context_free(ctx);
    for (size_t i = 0; i < nfiles; i++)
        free(files[i]);
    free(files);
    free(tid);
    return jb.failed ? 1 : 0;
}
