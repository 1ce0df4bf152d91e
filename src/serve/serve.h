/* serve.h - `raingan serve`: the studio and the render service over HTTP.
 *
 * One process, one engine, one HTTP daemon (GNU libmicrohttpd) and a fixed
 * pool of render workers; see server.c for the design. */
#ifndef RG_SERVE_SERVE_H
#define RG_SERVE_SERVE_H

#include "raingan.h"
#include <stddef.h>

typedef struct serve_config {
    const char *dir;        /* the studio's folder of sources ("." when NULL) */
    const char *address;    /* address to listen on; NULL: 127.0.0.1 */
    int port;               /* 0: a free port, printed at start */
    const char *token;      /* access token (NULL: none; required off loopback) */
    const char *studio_dir; /* the studio's files; NULL: DATA/studio */
    const char *js_dir;     /* holds codemirror/ and pdf/; NULL: /usr/share/javascript */
    int workers;            /* render threads; 0: one per core (at most 8) */
    size_t queue;           /* jobs that may wait for a worker; 0: 4 per worker */
    size_t max_body;        /* bytes of one request body; 0: 16 MiB */
    size_t max_buffered;    /* bytes of all bodies being received at once; 0: 256 MiB */
    unsigned timeout_s;     /* a request's time to arrive and to wait; 0: 30 */
    unsigned max_conn;      /* open connections; 0: 256 */
    size_t max_pages;       /* pages of one PDF; 0: 2,000 */
    int quiet;              /* no log line per request */
    rg_engine_options eng;  /* fonts, words, data folder */
} serve_config;

/* Run until SIGINT or SIGTERM; returns a CLI exit status (0 after a clean
 * stop, 2 bad settings, 3 cannot listen, 4 the engine cannot load). */
int serve_run(const serve_config *cfg);

#endif
