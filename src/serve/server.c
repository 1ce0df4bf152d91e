/* server.c - `raingan serve`: GNU libmicrohttpd in front of the library.
 *
 * Design.  One libmicrohttpd daemon with its own polling thread does all
 * the network I/O: it reads headers and bodies, answers the cheap requests
 * itself (health, version, static files of the studio and of Debian's
 * CodeMirror and pdf.js) and hands every request that needs the engine or
 * the disk (render, check, archive, the studio's sources) to a fixed pool
 * of worker threads, suspending the connection until the worker has its
 * reply.  So a slow client never holds a worker, a long render never
 * holds the network, and the number of renders at once is the number of
 * workers.  The engine (fonts, dictionary, templates) is loaded once and
 * shared read-only; each worker has its own rg_context.
 *
 * Bounds, each answered with a JSON error naming the bound:
 *   - a body over max_body: 413 before it is read when Content-Length says
 *     so, else the connection is closed when it crosses the bound;
 *   - all bodies being received at once over max_buffered: 503;
 *   - a request whose headers and body have not arrived within timeout_s
 *     (a slow sender, a slow-loris): the connection is shut down (sweep);
 *     an idle connection too (libmicrohttpd's timeout);
 *   - a full queue of waiting jobs, or a job that waited over timeout_s:
 *     503;
 *   - open connections over max_conn: refused by libmicrohttpd;
 *   - the layout work of one source and its pages: the library's bounds
 *     (too-complex, too-many-pages), 422.
 *
 * Access.  By default the server listens on 127.0.0.1 only and checks the
 * Host header (a web page elsewhere cannot reach it through DNS
 * rebinding).  Listening on any other address needs an access token; then
 * every request must carry it (Authorization: Bearer, or the cookie the
 * studio page sets when opened with ?token=), compared in constant time
 * (SHA-256 of both, every byte compared).  A POST or PUT whose Origin is
 * not the server itself is refused (no cross-site writes).
 *
 * Shutdown.  SIGINT or SIGTERM: stop accepting, let every request already
 * received finish and be answered (bounded by the timeout), then stop.
 * Each finished request is logged as one line on stderr. */
#define _GNU_SOURCE
#include "serve/serve.h"
#include "serve/http.h"
#include "serve/pool.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef RG_VERSION_STRING
#define RG_VERSION_STRING "unknown"
#endif

/* ---- reply buffers --------------------------------------------------------- */

static void sb_grow(sbuf *b, size_t n)
{
    if (b->failed || b->len + n + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return;
    }
    b->data = p;
    b->cap = cap;
}

void sb_append(sbuf *b, const void *data, size_t n)
{
    sb_grow(b, n);
    if (b->failed)
        return;
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = 0;
}

void sb_puts(sbuf *b, const char *s) { sb_append(b, s, strlen(s)); }

void sb_printf(sbuf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sb_append(b, small, (size_t)n);
        return;
    }
    sb_grow(b, (size_t)n);
    if (b->failed)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_json(sbuf *b, const char *s)
{
    if (!s) {
        sb_puts(b, "null");
        return;
    }
    sb_puts(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            sb_printf(b, "\\%c", c);
        else if (c < 0x20)
            sb_printf(b, "\\u%04x", c);
        else
            sb_append(b, s, 1);
    }
    sb_puts(b, "\"");
}

void reply_buf(request *r, int status, const char *ctype, sbuf *b)
{
    if (b->failed || !b->data) {
        free(b->data);
        *b = (sbuf){0};
        static const char oom[] = "{\"error\":\"out-of-memory\",\"status\":500,"
                                  "\"message\":\"out of memory\"}\n";
        r->out = strdup(oom);
        r->out_len = r->out ? sizeof oom - 1 : 0;
        r->status = 500;
        r->out_type = "application/json";
        return;
    }
    free(r->out);
    r->out = b->data;
    r->out_len = b->len;
    r->status = status;
    r->out_type = ctype;
    *b = (sbuf){0};
}

void reply_error(request *r, int status, const char *code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sbuf b = {0};
    sb_puts(&b, "{\"error\":");
    sb_json(&b, code);
    sb_printf(&b, ",\"status\":%d,\"message\":", status);
    sb_json(&b, msg);
    sb_puts(&b, "}\n");
    reply_buf(r, status, "application/json", &b);
}

/* ---- the daemon's state ------------------------------------------------------ */

/* One open connection, for the deadline of its request (see sweep). */
typedef struct conn_slot {
    int fd;                       /* its socket */
    double since;                 /* when it opened, or its last request ended or began */
    int state;                    /* 0 waiting for a request's headers, 1 receiving its
                                     body, 2 with a worker or replying (no deadline) */
    struct conn_slot *prev, *next;
} conn_slot;

typedef struct daemon_state {
    server srv;
    pthread_mutex_t conn_lock;    /* guards conns and every slot's fields */
    conn_slot *conns;             /* the open connections */
    struct MHD_Daemon *mhd;
    char token_hash[65];      /* SHA-256 of the token, or "" */
    atomic_int active;        /* requests from first header to reply sent */
    atomic_size_t buffered;   /* bytes of bodies being received */
    atomic_ulong served;      /* requests answered */
    int loopback;             /* listening on a loopback address */
    unsigned port;
} daemon_state;

double serve_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

void timing_mark(request *r, const char *name, double *since)
{
    double now = serve_now();
    size_t n = strlen(r->timing);
    snprintf(r->timing + n, sizeof r->timing - n, "%s%s;dur=%.1f", n ? ", " : "", name,
             (now - *since) * 1e3);
    *since = now;
}

/* Compare two NUL-terminated strings of 64 hex digits in constant time. */
static int same_hash(const char *a, const char *b)
{
    unsigned char diff = 0;
    for (int i = 0; i < 64; i++)
        diff |= (unsigned char)(a[i] ^ b[i]);
    return diff == 0;
}

/* Whether the request carries the token (header, cookie or ?token=). */
static int authorized(daemon_state *d, struct MHD_Connection *c)
{
    if (!d->token_hash[0])
        return 1;
    const char *given = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (given && !strncasecmp(given, "Bearer ", 7))
        given += 7;
    else
        given = NULL;
    if (!given)
        given = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "raingan_token");
    if (!given)
        given = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    if (!given)
        return 0;
    char h[65];
    rg_sha256_hex(given, strlen(given), h);
    return same_hash(h, d->token_hash);
}

/* Whether host (a Host header) names this machine's loopback: 127.0.0.1,
 * localhost or [::1], with any port. */
static int loopback_host(const char *host)
{
    static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
    if (!host)
        return 0;
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(names[i]);
        if (!strncasecmp(host, names[i], n) && (host[n] == 0 || host[n] == ':'))
            return 1;
    }
    return 0;
}

/* Whether a POST/PUT comes from the server's own pages (or from a client
 * that is not a browser: no Origin). */
static int origin_ok(struct MHD_Connection *c)
{
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (!origin)
        return 1;
    return host && !strncmp(origin, "http://", 7) && !strcmp(origin + 7, host);
}

static route route_of(const char *method, const char *url, const char **allow)
{
    static const struct {
        const char *path, *method;
        route r;
    } table[] = {
        {"/health", "GET", ROUTE_HEALTH},       {"/version", "GET", ROUTE_VERSION},
        {"/render", "POST", ROUTE_RENDER},      {"/check", "POST", ROUTE_CHECK},
        {"/archive", "POST", ROUTE_ARCHIVE},    {"/api/files", "GET", ROUTE_FILES},
        {"/api/file", "GET", ROUTE_FILE_GET},   {"/api/file", "PUT", ROUTE_FILE_PUT},
        {"/api/schema", "GET", ROUTE_STATIC},   {"/", "GET", ROUTE_STATIC},
    };
    int head = !strcmp(method, "HEAD");
    *allow = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(url, table[i].path))
            continue;
        if (!strcmp(method, table[i].method) || (head && !strcmp(table[i].method, "GET")))
            return table[i].r;
        *allow = !strcmp(url, "/api/file") ? "GET, PUT" : table[i].method;
    }
    if (*allow)
        return ROUTE_NONE;
    if (!strncmp(url, "/studio/", 8) || !strncmp(url, "/vendor/", 8)) {
        if (!strcmp(method, "GET") || head)
            return ROUTE_STATIC;
        *allow = "GET";
    }
    return ROUTE_NONE;
}

/* ---- sending ----------------------------------------------------------------- */

static void conn_state(daemon_state *d, struct MHD_Connection *c, int state);

static enum MHD_Result send_response(request *r, struct MHD_Response *resp, int status)
{
    if (!resp)
        return MHD_NO;
    /* replying: no deadline now (srv is the daemon state's first member) */
    conn_state((daemon_state *)(void *)r->srv, r->conn, 2);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; "
                            "style-src 'self' 'unsafe-inline'; font-src 'self' data: blob:; "
                            "worker-src 'self' blob:; "
                            "connect-src 'self'");
    r->status = status;
    enum MHD_Result ret = MHD_queue_response(r->conn, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Send the reply the request holds (r->out is handed to the daemon). */
static enum MHD_Result send_reply(request *r, const char *allow)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        r->out_len, r->out ? r->out : (char *)"", r->out ? MHD_RESPMEM_MUST_FREE
                                                         : MHD_RESPMEM_PERSISTENT);
    if (resp)
        r->out = NULL; /* the daemon frees it */
    else
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", r->out_type ? r->out_type : "text/plain");
    if (r->etag[0]) {
        char tag[80];
        snprintf(tag, sizeof tag, "\"%s\"", r->etag);
        MHD_add_response_header(resp, "ETag", tag);
    }
    if (r->pages[0])
        MHD_add_response_header(resp, "X-Raingan-Pages", r->pages);
    if (r->timing[0])
        MHD_add_response_header(resp, "Server-Timing", r->timing);
    if (allow)
        MHD_add_response_header(resp, "Allow", allow);
    if (r->status == 503)
        MHD_add_response_header(resp, "Retry-After", "1");
    return send_response(r, resp, r->status);
}

static enum MHD_Result send_static(daemon_state *d, request *r, const char *url)
{
    size_t size;
    const char *ctype;
    int fd = static_open(&d->srv, url, &size, &ctype);
    if (fd < 0) {
        reply_error(r, 404, "not-found", "no such file: %.200s", url);
        return send_reply(r, NULL);
    }
    struct MHD_Response *resp = MHD_create_response_from_fd(size, fd);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", ctype);
    r->out_len = size; /* for the log */
    const char *token = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, "token");
    if (token && d->token_hash[0] && !strcmp(url, "/")) {
        char cookie[600];
        snprintf(cookie, sizeof cookie, "raingan_token=%.500s; HttpOnly; SameSite=Strict; Path=/",
                 token);
        MHD_add_response_header(resp, "Set-Cookie", cookie);
    }
    return send_response(r, resp, 200);
}

static void reply_health(daemon_state *d, request *r)
{
    size_t waiting, running;
    pool_counts(d->srv.pool, &waiting, &running);
    sbuf b = {0};
    sb_printf(&b,
              "{\"status\":\"ok\",\"workers\":%d,\"running\":%zu,\"waiting\":%zu,"
              "\"queue\":%zu,\"served\":%lu}\n",
              d->srv.cfg.workers, running, waiting, d->srv.cfg.queue,
              (unsigned long)atomic_load(&d->served));
    reply_buf(r, 200, "application/json", &b);
}

static void reply_version(daemon_state *d, request *r)
{
    sbuf b = {0};
    sb_puts(&b, "{\"raingan\":\"" RG_VERSION_STRING "\",\"data\":");
    sb_json(&b, rg_engine_data_dir(d->srv.eng));
    sb_printf(&b,
              ",\"limits\":{\"max_body\":%zu,\"max_pages\":%zu,\"timeout_s\":%u,"
              "\"workers\":%d,\"queue\":%zu}}\n",
              d->srv.cfg.max_body, d->srv.cfg.max_pages, d->srv.cfg.timeout_s,
              d->srv.cfg.workers, d->srv.cfg.queue);
    reply_buf(r, 200, "application/json", &b);
}

/* ---- connections and their deadlines ------------------------------------------ */

/* libmicrohttpd's own timeout closes a connection that stays silent; a
 * client that sends one byte now and then (a slow-loris) would keep it
 * for ever.  So every connection has a deadline: its request's headers
 * and body must arrive within timeout_s of the connection's opening or of
 * its previous request's end.  The main thread sweeps once a second and
 * shuts down the sockets past it; libmicrohttpd then sees the end and
 * closes the connection as usual.  The socket is shut down under the lock
 * the close notification takes, so it cannot have been closed (and its
 * number reused) meanwhile. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    daemon_state *d = cls;
    conn_slot *slot = *socket_context;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        slot = ci ? calloc(1, sizeof *slot) : NULL;
        if (!slot)
            return;
        slot->fd = ci->connect_fd;
        slot->since = serve_now();
        pthread_mutex_lock(&d->conn_lock);
        slot->next = d->conns;
        if (d->conns)
            d->conns->prev = slot;
        d->conns = slot;
        pthread_mutex_unlock(&d->conn_lock);
        *socket_context = slot;
    } else if (slot) {
        pthread_mutex_lock(&d->conn_lock);
        if (slot->prev)
            slot->prev->next = slot->next;
        else
            d->conns = slot->next;
        if (slot->next)
            slot->next->prev = slot->prev;
        pthread_mutex_unlock(&d->conn_lock);
        free(slot);
        *socket_context = NULL;
    }
}

/* Move the connection of c to state (and restart its clock). */
static void conn_state(daemon_state *d, struct MHD_Connection *c, int state)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn_slot *slot = ci ? ci->socket_context : NULL;
    if (!slot)
        return;
    pthread_mutex_lock(&d->conn_lock);
    slot->state = state;
    slot->since = serve_now();
    pthread_mutex_unlock(&d->conn_lock);
}

/* Shut down every connection whose request is late. */
static void sweep(daemon_state *d)
{
    double now = serve_now();
    pthread_mutex_lock(&d->conn_lock);
    for (conn_slot *slot = d->conns; slot; slot = slot->next) {
        if (slot->state == 2 || now - slot->since <= d->srv.cfg.timeout_s)
            continue;
        if (!d->srv.cfg.quiet)
            fprintf(stderr, "raingan serve: a request's %s not received within %u s; closed\n",
                    slot->state ? "body was" : "headers were", d->srv.cfg.timeout_s);
        shutdown(slot->fd, SHUT_RDWR);
        slot->since = now; /* once */
    }
    pthread_mutex_unlock(&d->conn_lock);
}

/* ---- the request handler ------------------------------------------------------ */

static void copy_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *key,
                       char *out, size_t size)
{
    const char *v = MHD_lookup_connection_value(c, kind, key);
    snprintf(out, size, "%s", v ? v : "");
}

static void *worker_state_new(void *user)
{
    (void)user;
    return rg_context_new();
}

static void worker_state_free(void *state) { rg_context_free(state); }

/* On a worker: run the job, then wake the connection up. */
static void worker_run(void *job, void *state)
{
    request *r = job;
    job_run(r, state);
    r->state = 2;
    MHD_resume_connection(r->conn);
}

/* The first call for a request: set it up and answer what needs no body. */
static enum MHD_Result on_headers(daemon_state *d, struct MHD_Connection *c, const char *url,
                                  const char *method, request *r)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                      r->client, sizeof r->client);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                      r->client, sizeof r->client);
    }
    const char *allow;
    r->route = route_of(method, url, &allow);
    if (d->loopback && !d->token_hash[0] &&
        !loopback_host(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host"))) {
        reply_error(r, 403, "bad-host", "this server answers only to 127.0.0.1 or localhost");
        return send_reply(r, NULL);
    }
    if (!authorized(d, c)) {
        reply_error(r, 401, "unauthorized", "this server needs its access token "
                                            "(Authorization: Bearer TOKEN)");
        return send_reply(r, NULL);
    }
    if (r->route == ROUTE_NONE) {
        if (allow)
            reply_error(r, 405, "method-not-allowed", "%s %.200s: use %s", method, url, allow);
        else
            reply_error(r, 404, "not-found", "no such endpoint: %.200s", url);
        return send_reply(r, allow);
    }
    if ((!strcmp(method, "POST") || !strcmp(method, "PUT")) && !origin_ok(c)) {
        reply_error(r, 403, "bad-origin", "requests from other sites are refused");
        return send_reply(r, NULL);
    }
    switch (r->route) {
    case ROUTE_HEALTH: reply_health(d, r); return send_reply(r, NULL);
    case ROUTE_VERSION: reply_version(d, r); return send_reply(r, NULL);
    case ROUTE_STATIC: return send_static(d, r, url);
    default: break;
    }
    copy_value(c, MHD_HEADER_KIND, "Content-Type", r->ctype, sizeof r->ctype);
    copy_value(c, MHD_GET_ARGUMENT_KIND, "indicator", r->indicator, sizeof r->indicator);
    copy_value(c, MHD_GET_ARGUMENT_KIND, "name", r->name, sizeof r->name);
    const char *lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
    if (!lang)
        lang = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");
    snprintf(r->lang, sizeof r->lang, "%s", lang && !strncasecmp(lang, "th", 2) ? "th" : "en");
    char im[sizeof r->if_match + 4];
    copy_value(c, MHD_HEADER_KIND, "If-Match", im, sizeof im);
    size_t n = strlen(im);
    if (n >= 2 && im[0] == '"' && im[n - 1] == '"') {
        im[n - 1] = 0;
        memmove(im, im + 1, n - 1);
    }
    memcpy(r->if_match, im, sizeof r->if_match - 1); /* longer: no valid ETag, refused */
    r->if_match[sizeof r->if_match - 1] = 0;
    const char *inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "If-None-Match");
    r->create_only = inm && !strcmp(inm, "*");
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > d->srv.cfg.max_body) {
        reply_error(r, 413, "too-large", "the body (%s bytes) is over this server's bound of %zu "
                                         "bytes",
                    cl, d->srv.cfg.max_body);
        return send_reply(r, NULL);
    }
    return MHD_YES;
}

/* Take a piece of the body; MHD_NO (close) past a bound. */
static enum MHD_Result on_body(daemon_state *d, request *r, const char *data, size_t size)
{
    if (serve_now() - r->t0 > d->srv.cfg.timeout_s) {
        fprintf(stderr, "raingan serve: %s %s %s: body not received within %u s; closed\n",
                r->client, r->method, r->path, d->srv.cfg.timeout_s);
        return MHD_NO;
    }
    if (r->len + size > d->srv.cfg.max_body) {
        fprintf(stderr, "raingan serve: %s %s %s: body over %zu bytes; closed\n", r->client,
                r->method, r->path, d->srv.cfg.max_body);
        return MHD_NO;
    }
    if (r->len + size > r->cap) {
        size_t cap = r->cap ? r->cap : 16384;
        while (cap < r->len + size)
            cap *= 2;
        if (cap > d->srv.cfg.max_body)
            cap = d->srv.cfg.max_body;
        size_t more = cap - r->cap;
        if (atomic_fetch_add(&d->buffered, more) + more > d->srv.cfg.max_buffered) {
            atomic_fetch_sub(&d->buffered, more);
            fprintf(stderr, "raingan serve: %s %s %s: the server is receiving too much at "
                            "once; closed\n",
                    r->client, r->method, r->path);
            return MHD_NO;
        }
        char *p = realloc(r->body, cap);
        if (!p) {
            atomic_fetch_sub(&d->buffered, more);
            return MHD_NO;
        }
        r->body = p;
        r->cap = cap;
        r->counted += more;
    }
    memcpy(r->body + r->len, data, size);
    r->len += size;
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    daemon_state *d = cls;
    request *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        *con_cls = r;
        atomic_fetch_add(&d->active, 1);
        r->srv = &d->srv;
        r->conn = c;
        r->t0 = serve_now();
        snprintf(r->method, sizeof r->method, "%s", method);
        snprintf(r->path, sizeof r->path, "%s", url);
        conn_state(d, c, 1);
        return on_headers(d, c, url, method, r);
    }
    if (r->state == 0 && *upload_size) {
        enum MHD_Result ok = on_body(d, r, upload_data, *upload_size);
        *upload_size = 0;
        return ok;
    }
    if (r->state == 0) {
        /* The body is complete: hand the job to a worker.  Suspend first,
         * so the worker's resume always finds a suspended connection. */
        r->state = 1;
        r->t_queued = serve_now();
        conn_state(d, c, 2);
        MHD_suspend_connection(c);
        if (pool_submit(d->srv.pool, r) != 0) {
            reply_error(r, 503, "busy", "every worker is busy and the queue is full; try again");
            r->state = 2;
            MHD_resume_connection(c);
        }
        return MHD_YES;
    }
    if (r->state == 2)
        return send_reply(r, NULL);
    return MHD_YES;
}

/* After the reply was sent (or the connection dropped): log and free. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    daemon_state *d = cls;
    request *r = *con_cls;
    if (!r)
        return;
    conn_state(d, c, 0);
    atomic_fetch_add(&d->served, 1);
    if (!d->srv.cfg.quiet) {
        static const char *const ends[] = {"", " (error)", " (timed out)", " (shutdown)",
                                           " (read error)", " (client gone)"};
        fprintf(stderr, "raingan serve: %s %s %s %d %zu B in, %zu B out, %.1f ms%s\n", r->client,
                r->method, r->path, r->status, r->len, r->status ? r->out_len : 0,
                (serve_now() - r->t0) * 1e3, (unsigned)toe < 6 ? ends[toe] : "");
    }
    atomic_fetch_sub(&d->buffered, r->counted);
    free(r->body);
    free(r->out);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&d->active, 1);
}

/* ---- start and stop ------------------------------------------------------------- */

static int fill_defaults(server *s, const serve_config *cfg)
{
    s->cfg = *cfg;
    serve_config *c = &s->cfg;
    if (c->workers <= 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        c->workers = n < 1 ? 1 : n > 8 ? 8 : (int)n;
    }
    if (!c->queue)
        c->queue = 4 * (size_t)c->workers;
    if (!c->max_body)
        c->max_body = 16u << 20;
    if (!c->max_buffered)
        c->max_buffered = 256u << 20;
    if (c->max_buffered < c->max_body)
        c->max_buffered = c->max_body;
    if (!c->timeout_s)
        c->timeout_s = 30;
    if (!c->max_conn)
        c->max_conn = 256;
    if (!c->max_pages)
        c->max_pages = 2000;
    if (!c->address)
        c->address = "127.0.0.1";
    if (!c->dir)
        c->dir = ".";
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    s->epoch = sde && *sde ? strtoll(sde, NULL, 10) : -1;
    return 0;
}

int serve_run(const serve_config *cfg)
{
    static daemon_state d; /* one server per process: the signal mask is the process's */
    memset(&d, 0, sizeof d);
    pthread_mutex_init(&d.conn_lock, NULL);
    server *s = &d.srv;
    fill_defaults(s, cfg);
    const serve_config *c = &s->cfg;

    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, c->address, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons((uint16_t)c->port);
        d.loopback = (ntohl(sin->sin_addr.s_addr) >> 24) == 127;
    } else if (inet_pton(AF_INET6, c->address, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons((uint16_t)c->port);
        d.loopback = IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr);
    } else {
        fprintf(stderr, "raingan serve: '%s' is not an IPv4 or IPv6 address\n", c->address);
        return 2;
    }
    if (!d.loopback && (!c->token || !*c->token)) {
        fprintf(stderr, "raingan serve: listening on %s (not loopback) needs an access token "
                        "(--token-file FILE or RAINGAN_TOKEN)\n",
                c->address);
        return 2;
    }
    if (c->token && *c->token)
        rg_sha256_hex(c->token, strlen(c->token), d.token_hash);

    s->dirfd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (s->dirfd < 0) {
        fprintf(stderr, "raingan serve: %s: %s\n", c->dir, strerror(errno));
        return 2;
    }
    snprintf(s->dir_path, sizeof s->dir_path, "%s", c->dir);
    /* The files a source names are read inside the folder only (after the
     * request's own parts): its real path, the loads' files root. */
    if (!realpath(c->dir, s->dir_real)) {
        fprintf(stderr, "raingan serve: %s: %s\n", c->dir, strerror(errno));
        close(s->dirfd);
        return 2;
    }

    rg_context *ctx = rg_context_new();
    s->eng = ctx ? rg_engine_new(ctx, &c->eng) : NULL;
    if (!s->eng) {
        char line[4096];
        for (size_t i = 0; ctx && i < rg_context_diagnostic_count(ctx); i++) {
            rg_diagnostic_format(rg_context_diagnostic(ctx, i), line, sizeof line);
            fprintf(stderr, "%s\n", line);
        }
        rg_context_free(ctx);
        close(s->dirfd);
        return 4;
    }
    rg_context_free(ctx);
    const char *data = rg_engine_data_dir(s->eng);
    snprintf(s->studio_dir, sizeof s->studio_dir, "%s", c->studio_dir ? c->studio_dir : "");
    if (!c->studio_dir)
        snprintf(s->studio_dir, sizeof s->studio_dir, "%s/studio", data);
    snprintf(s->js_dir, sizeof s->js_dir, "%s", c->js_dir ? c->js_dir : "/usr/share/javascript");
    snprintf(s->schema_path, sizeof s->schema_path, "%s/schema/report.rng", data);

    /* The workers and the daemon's thread inherit this mask: only the
     * main thread takes SIGINT and SIGTERM (in sigwait below). */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    pool_calls calls = {worker_state_new, worker_state_free, worker_run, NULL};
    s->pool = pool_new(c->workers, c->queue, &calls);
    if (s->pool)
        d.mhd = MHD_start_daemon(
            MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME, 0, NULL, NULL, on_request,
            &d, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT,
            c->max_conn, MHD_OPTION_CONNECTION_TIMEOUT, c->timeout_s,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, &d, MHD_OPTION_NOTIFY_CONNECTION,
            on_connection, &d, MHD_OPTION_LISTEN_BACKLOG_SIZE, 128u,
            MHD_OPTION_END);
    if (!d.mhd) {
        fprintf(stderr, "raingan serve: cannot listen on %s port %d: %s\n", c->address, c->port,
                s->pool ? strerror(errno) : "no worker thread could start");
        pool_free(s->pool);
        rg_engine_free(s->eng);
        close(s->dirfd);
        return 3;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d.mhd, MHD_DAEMON_INFO_BIND_PORT);
    d.port = info ? info->port : (unsigned)c->port;
    int v6 = ss.ss_family == AF_INET6;
    fprintf(stderr,
            "raingan serve: listening on http://%s%s%s:%u/ (studio of %s; %d workers; "
            "Ctrl-C stops)\n",
            v6 ? "[" : "", c->address, v6 ? "]" : "", d.port, c->dir, c->workers);

    int sig;
    struct timespec second = {1, 0};
    while ((sig = sigtimedwait(&stop, NULL, &second)) < 0)
        sweep(&d);
    fprintf(stderr, "raingan serve: %s: finishing %d requests in flight\n",
            sig == SIGINT ? "SIGINT" : "SIGTERM", atomic_load(&d.active));
    MHD_socket lfd = MHD_quiesce_daemon(d.mhd);
    if (lfd != MHD_INVALID_SOCKET)
        close(lfd);
    /* In-flight requests end by their replies or by the timeouts. */
    double until = serve_now() + 2.0 * c->timeout_s + 5;
    for (int n = 0; atomic_load(&d.active) > 0 && serve_now() < until; n++) {
        struct timespec t = {0, 20 * 1000000L};
        nanosleep(&t, NULL);
        if (n % 50 == 49)
            sweep(&d);
    }
    /* The workers end first: a job still running resumes its connection,
     * which must belong to a running daemon. */
    pool_free(s->pool);
    MHD_stop_daemon(d.mhd);
    rg_engine_free(s->eng);
    close(s->dirfd);
    fprintf(stderr, "raingan serve: stopped after %lu requests\n",
            (unsigned long)atomic_load(&d.served));
    return 0;
}
