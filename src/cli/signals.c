/* signals.c - removing this process's temporary files on SIGINT, SIGTERM
 * and SIGHUP (see signals.h).
 *
 * The signals are blocked in every thread and taken by sigwait on a
 * thread of its own, which is free to call opendir and unlink (a handler
 * could not).  It removes every "*.tmpPID.*" of the output folders, then
 * unblocks the signal in itself and raises it with the default action.
 * Writes of whole buffers (cli_signals_write) hold a read lock that the
 * watcher takes for writing before it scans, so none starts a temporary
 * file after the scan (batch's workers write while others render). */
#define _GNU_SOURCE /* pthread_rwlockattr_setkind_np */
#include "cli/signals.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DIRS 8

static char *dirs[MAX_DIRS]; /* the output folders */
static size_t ndirs;
static sigset_t watched;     /* the three signals and SIGUSR1, which ends the watch */
static pthread_t watcher;
static int watching;
static pthread_rwlock_t writing;
static pthread_once_t writing_once = PTHREAD_ONCE_INIT;

static void writing_init(void)
{
    pthread_rwlockattr_t a;
    pthread_rwlockattr_init(&a);
    /* The watcher must not wait behind a stream of new writes. */
    pthread_rwlockattr_setkind_np(&a, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
    pthread_rwlock_init(&writing, &a);
    pthread_rwlockattr_destroy(&a);
}

rg_status cli_signals_write(rg_context *ctx, const char *path, const void *data, size_t len,
                            const rg_guard *guard)
{
    pthread_once(&writing_once, writing_init);
    pthread_rwlock_rdlock(&writing);
    rg_status st = file_write_atomic(ctx, path, data, len, guard);
    pthread_rwlock_unlock(&writing);
    return st;
}

/* Remove dir's entries whose name holds needle. */
static void clean(const char *dir, const char *needle)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char path[8192];
    while ((e = readdir(d)) != NULL) {
        if (!strstr(e->d_name, needle))
            continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
            unlink(path);
    }
    closedir(d);
}

static void *watch(void *unused)
{
    (void)unused;
    int sig = 0;
    if (sigwait(&watched, &sig) != 0 || sig == SIGUSR1)
        return NULL;
    pthread_once(&writing_once, writing_init);
    pthread_rwlock_wrlock(&writing); /* kept: no write starts from now on */
    char needle[32];
    snprintf(needle, sizeof needle, ".tmp%ld.", (long)getpid());
    for (size_t i = 0; i < ndirs; i++)
        clean(dirs[i], needle);
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: the default action ends the process */
}

int cli_signals_cleanup(const char *const *outputs, size_t n)
{
    for (size_t i = 0; i < n && ndirs < MAX_DIRS; i++) {
        if (!outputs[i] || !strcmp(outputs[i], "-"))
            continue;
        const char *slash = strrchr(outputs[i], '/');
        char *d = slash ? strndup(outputs[i], slash == outputs[i] ? 1 : (size_t)(slash - outputs[i]))
                        : strdup(".");
        if (d)
            dirs[ndirs++] = d;
    }
    sigemptyset(&watched);
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        /* A signal ignored by who started us (nohup, a background job's
         * SIGINT) stays ignored: blocked, Linux would queue it for us. */
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaddset(&watched, sigs[i]);
    }
    sigaddset(&watched, SIGUSR1);
    if (pthread_sigmask(SIG_BLOCK, &watched, NULL) != 0)
        return -1;
    if (pthread_create(&watcher, NULL, watch, NULL) != 0) {
        pthread_sigmask(SIG_UNBLOCK, &watched, NULL);
        return -1;
    }
    watching = 1;
    return 0;
}

void cli_signals_end(void)
{
    if (watching) {
        pthread_kill(watcher, SIGUSR1);
        pthread_join(watcher, NULL);
        watching = 0;
    }
    for (size_t i = 0; i < ndirs; i++)
        free(dirs[i]);
    ndirs = 0;
}
