/* pool.c - worker threads over a bounded ring of jobs.
 *
 * The HTTP side must never block on a render: it queues a job and goes on
 * serving other connections.  The queue is a ring of fixed size: when it is
 * full the caller is told at once (the server answers 503), so memory and
 * waiting time stay bounded under any load.  Each worker keeps its own
 * state (an rg_context) for its whole life.  Ending the pool lets the
 * workers empty the queue first, so no accepted job is lost. */
#define _POSIX_C_SOURCE 200809L
#include "serve/pool.h"

#include <pthread.h>
#include <stdlib.h>

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t ready; /* signalled when a job is queued or the pool stops */
    void **ring;          /* cap slots; jobs head..head+len (mod cap) wait */
    size_t cap, head, len;
    size_t running;       /* jobs being run now */
    int stopping;         /* set by pool_free: workers exit once the ring is empty */
    pool_calls calls;
    pthread_t *threads;
    int nthreads;         /* started */
};

static void *worker(void *arg)
{
    pool *p = arg;
    void *state = p->calls.state_new ? p->calls.state_new(p->calls.user) : NULL;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->len && !p->stopping)
            pthread_cond_wait(&p->ready, &p->lock);
        if (!p->len)
            break;
        void *job = p->ring[p->head];
        p->head = (p->head + 1) % p->cap;
        p->len--;
        p->running++;
        pthread_mutex_unlock(&p->lock);
        p->calls.run(job, state);
        pthread_mutex_lock(&p->lock);
        p->running--;
    }
    pthread_mutex_unlock(&p->lock);
    if (p->calls.state_free)
        p->calls.state_free(state);
    return NULL;
}

pool *pool_new(int n, size_t max_queue, const pool_calls *calls)
{
    pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->cap = max_queue ? max_queue : 1;
    p->ring = calloc(p->cap, sizeof *p->ring);
    p->threads = calloc((size_t)(n > 0 ? n : 1), sizeof *p->threads);
    p->calls = *calls;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->ready, NULL);
    for (int i = 0; p->ring && p->threads && i < n; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
            break;
        p->nthreads++;
    }
    if (!p->nthreads) {
        pool_free(p);
        return NULL;
    }
    return p;
}

int pool_submit(pool *p, void *job)
{
    pthread_mutex_lock(&p->lock);
    int ok = p->len < p->cap && !p->stopping;
    if (ok) {
        p->ring[(p->head + p->len) % p->cap] = job;
        p->len++;
        pthread_cond_signal(&p->ready);
    }
    pthread_mutex_unlock(&p->lock);
    return ok ? 0 : -1;
}

void pool_counts(pool *p, size_t *waiting, size_t *running)
{
    pthread_mutex_lock(&p->lock);
    *waiting = p->len;
    *running = p->running;
    pthread_mutex_unlock(&p->lock);
}

void pool_free(pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = 1;
    pthread_cond_broadcast(&p->ready);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->ready);
    free(p->threads);
    free(p->ring);
    free(p);
}
