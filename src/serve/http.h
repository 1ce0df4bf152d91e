/* http.h - what the server's parts share: one request's state and replies.
 *
 * A request lives from its first header to the end of its reply.  The
 * HTTP thread (libmicrohttpd's) fills the request part; a worker or the
 * HTTP thread itself fills the reply part; the HTTP thread sends it. */
#ifndef RG_SERVE_HTTP_H
#define RG_SERVE_HTTP_H

#include "raingan.h"
#include "serve/multipart.h"
#include "serve/serve.h"

#include <stdarg.h>
#include <stddef.h>

struct MHD_Connection;
typedef struct server server;
typedef struct pool pool;

/* What a request asks for, from its method and path. */
typedef enum route {
    ROUTE_NONE = 0,
    ROUTE_HEALTH,     /* GET /health */
    ROUTE_VERSION,    /* GET /version */
    ROUTE_RENDER,     /* POST /render */
    ROUTE_CHECK,      /* POST /check */
    ROUTE_ARCHIVE,    /* POST /archive */
    ROUTE_FILES,      /* GET /api/files */
    ROUTE_FILE_GET,   /* GET /api/file?name= */
    ROUTE_FILE_PUT,   /* PUT /api/file?name= */
    ROUTE_STATIC      /* GET of a studio or library file */
} route;

/* A growable malloc'ed byte string for replies; failed after any
 * allocation failure (contents then truncated). */
typedef struct sbuf {
    char *data;
    size_t len, cap;
    int failed;
} sbuf;

void sb_append(sbuf *b, const void *data, size_t n);
void sb_puts(sbuf *b, const char *s);
void sb_printf(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s as a JSON string ("null" for NULL). */
void sb_json(sbuf *b, const char *s);

typedef struct request {
    server *srv;
    struct MHD_Connection *conn;
    route route;
    int state;              /* 0 receiving, 1 with a worker, 2 reply ready */
    double t0;              /* monotonic seconds at the first header */
    char method[8];
    char path[256];         /* the path, cut at 255 bytes, for the log */
    char client[64];        /* the peer's address, for the log */
    /* the body, bounded by max_body */
    char *body;
    size_t len, cap;
    size_t counted;         /* bytes of body charged to the server's buffer budget */
    /* values copied from the headers and query */
    char ctype[256];        /* Content-Type */
    char indicator[64];     /* ?indicator= */
    char name[MP_NAME_MAX]; /* ?name= */
    char if_match[80];      /* If-Match, quotes removed */
    int create_only;        /* If-None-Match: * (a PUT that makes a new file only) */
    char lang[8];           /* messages: "th" (?lang=th, or Thai first in
                               Accept-Language) or "en" */
    /* the reply */
    int status;             /* HTTP status, 0 until set */
    char *out;              /* malloc'ed body, freed by the daemon once sent */
    size_t out_len;
    const char *out_type;   /* static Content-Type */
    char etag[72];          /* ETag to send, or "" */
    char pages[24];         /* X-Raingan-Pages value, or "" */
    /* where the time went, for the Server-Timing header */
    double t_queued;        /* monotonic seconds when the body was complete */
    char timing[160];       /* "queue;dur=0.1, load;dur=3.2, ..." or "" */
} request;

/* Add "name;dur=MS" (since *since, in monotonic seconds) to r's
 * Server-Timing, and set *since to now. */
void timing_mark(request *r, const char *name, double *since);
/* Monotonic seconds. */
double serve_now(void);

/* The parts of the server the handlers see. */
struct server {
    serve_config cfg;       /* with defaults filled in */
    rg_engine *eng;         /* shared, read-only */
    int dirfd;              /* the studio's folder, opened once */
    char dir_path[4096];    /* its name as given */
    char dir_real[4096];    /* its real path: where a source's files may be read */
    char studio_dir[4096];
    char js_dir[4096];
    char schema_path[4096]; /* DATA/schema/report.rng */
    pool *pool;
    long long epoch;        /* for PDF dates: SOURCE_DATE_EPOCH or -1 */
};

/* Set r's reply to a JSON error {"error": code, "status": status,
 * "message": ...}. */
void reply_error(request *r, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Set r's reply to b's bytes (taken over; b is emptied) with ctype; a
 * failed b becomes a 500 error. */
void reply_buf(request *r, int status, const char *ctype, sbuf *b);

/* Run r's job on a worker: render, check, archive or a studio file. */
void job_run(request *r, rg_context *ctx);

/* Studio file handlers, on a worker (studio.c). */
void studio_files(request *r);
void studio_file_get(request *r);
void studio_file_put(request *r);
/* Whether name may name a source in the studio's folder. */
int studio_name_ok(const char *name);

/* Open a static file for path (the URL path), filling *size and a static
 * *ctype; -1 when none (a 404). */
int static_open(const server *s, const char *path, size_t *size, const char **ctype);

#endif
