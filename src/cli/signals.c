/* signals.c - removing this process's temporary files on SIGINT, SIGTERM
 * and SIGHUP (see signals.h).
 *
 * The signals are blocked in every thread and taken by sigwait on a
 * thread of its own, which is free to call opendir and unlink (a handler
 * could not).  It removes every "*.tmpPID.*" of the output folders, then
 * unblocks the signal in itself and raises it with the default action.
 * A write that creates a temporary file between that scan and the end of
 * the process could still leave one: the window is the few microseconds
 * of the scan's end, not the whole write. */
#define _POSIX_C_SOURCE 200809L
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
