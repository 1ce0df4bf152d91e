/* pool.h - a fixed set of worker threads taking jobs from a bounded queue. */
#ifndef RG_SERVE_POOL_H
#define RG_SERVE_POOL_H

#include <stddef.h>

typedef struct pool pool;

/* What a pool does with each job: run(job, state) on some worker, where
 * state is that worker's own (made by state_new on the worker, released by
 * state_free there when the pool ends; state_new may return NULL). */
typedef struct pool_calls {
    void *(*state_new)(void *user);
    void (*state_free)(void *state);
    void (*run)(void *job, void *state);
    void *user; /* given to state_new */
} pool_calls;

/* Start n (>= 1) workers with room for max_queue waiting jobs.  NULL when
 * no thread could be started or out of memory. */
pool *pool_new(int n, size_t max_queue, const pool_calls *calls);
/* Queue a job; -1 when the queue is full (nothing queued). */
int pool_submit(pool *p, void *job);
/* Jobs waiting and jobs running now. */
void pool_counts(pool *p, size_t *waiting, size_t *running);
/* Run every queued job to its end, stop the workers and free the pool. */
void pool_free(pool *p);

#endif
