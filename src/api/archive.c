/* archive.c - the public archive calls: several documents -> one PDF/A-3b.
 *
 * Memory: an archive of thousands of sources must not hold their models
 * (about 114 KiB each) or their bytes.  An rg_archive keeps per source a
 * digest (model_digest: what the cover, score summary, approval table,
 * contents, outline, checks and manifest read) and the size and SHA-256
 * of its bytes; the forms are laid out from the whole documents, loaded
 * again from their files a few dozen at a time (layout/archive.c's
 * loader), and each source is embedded by reading its file when its turn
 * comes.  A file that no longer holds the bytes first read is an error
 * ("source-changed") and nothing is written.  rg_render_archive, given
 * every whole document, goes the same way with the documents themselves
 * standing for their digests, so the bytes are the same.
 *
 * Layout is archive_layout's (cover, scores, contents, forms); this file
 * gathers what the PDF needs beyond the pages: the outline from the
 * layout's entries, the page labels, the sources and the manifest as
 * associated files, the sRGB ICC profile of the OutputIntent, and a /ID
 * that is a hash of the manifest (so of every input byte), the epoch and
 * the version: reproducible, and different whenever an input differs.
 *
 * The ICC profile is not vendored; it comes from a Debian package
 * (icc-profiles-free or colord-data, see scripts/install-deps.sh). */
#define _POSIX_C_SOURCE 200809L
#include "api/engine.h"
#include "api/epoch.h"
#include "api/evidence.h"
#include "layout/archive.h"
#include "load/load.h"
#include "render/pdf.h"
#include "util/fileio.h"
#include "util/json.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/i18n.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void rg_sha256_hex(const void *data, size_t len, char hex[65])
{
    rg_sha256 s;
    unsigned char d[32];
    rg_sha256_init(&s);
    rg_sha256_update(&s, data, len);
    rg_sha256_final(&s, d);
    rg_sha256_digest_hex(d, hex);
}

static const char *base_of(const char *path)
{
    const char *b = strrchr(path ? path : "", '/');
    return b ? b + 1 : (path && *path ? path : "source.xml");
}

/* ---- the sources of an archive ------------------------------------------------ */

/* One source of an archive. */
typedef struct arc_source {
    int set;                  /* given (rg_archive_set_source, or the documents' list) */
    rg_document *digest;      /* what the front matter reads (owned), or NULL: full */
    const rg_document *full;  /* the whole document (borrowed, rg_render_archive), or NULL:
                                 loaded again from path or data when its forms are drawn */
    const char *name;         /* the attachment's name as given */
    const char *path;         /* the file to read again, or NULL: data */
    const char *data;         /* the bytes, when there is no path (or with full) */
    size_t len;               /* how many bytes the source has */
    char sha[65];             /* their SHA-256 */
} arc_source;

struct rg_archive {
    rg_context *ctx;             /* owns the digests and the copies */
    pthread_mutex_t lock;        /* rg_archive_set_source may run on several threads */
    const rg_load_options *load; /* borrowed; NULL: none */
    arc_source *src;             /* n sources */
    size_t n;
    int owns;                    /* 1: name, path and data are copies in ctx */
};

rg_archive *rg_archive_new(size_t nsources, const rg_load_options *load)
{
    rg_context *ctx = rg_context_new();
    rg_archive *ar = ctx ? rg_calloc(ctx, 1, sizeof *ar) : NULL;
    if (ar)
        ar->src = rg_calloc(ctx, nsources ? nsources : 1, sizeof *ar->src);
    if (!ar || !ar->src) {
        if (ar)
            rg_free(ctx, ar);
        rg_context_free(ctx);
        return NULL;
    }
    ar->ctx = ctx;
    ar->load = load;
    ar->n = nsources;
    ar->owns = 1;
    pthread_mutex_init(&ar->lock, NULL);
    return ar;
}

void rg_archive_free(rg_archive *ar)
{
    if (!ar)
        return;
    for (size_t i = 0; i < ar->n; i++) {
        arc_source *s = &ar->src[i];
        rg_document_free(s->digest);
        if (ar->owns) {
            rg_free(ar->ctx, (char *)s->name);
            rg_free(ar->ctx, (char *)s->path);
            rg_free(ar->ctx, (char *)s->data);
        }
    }
    rg_context *ctx = ar->ctx;
    pthread_mutex_destroy(&ar->lock);
    rg_free(ctx, ar->src);
    rg_free(ctx, ar);
    rg_context_free(ctx);
}

static char *copy_of(rg_context *ctx, const char *s, size_t len)
{
    char *c = rg_malloc(ctx, len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = 0;
    }
    return c;
}

rg_status rg_archive_set_source(rg_archive *ar, rg_context *ctx, size_t i,
                                const rg_document *doc, const char *name, const char *data,
                                size_t len, const char *path)
{
    if (!ar || !ctx || !doc || i >= ar->n || (!data && len) || !ar->owns)
        return RG_ERR_USAGE;
    arc_source s;
    memset(&s, 0, sizeof s);
    rg_sha256_hex(data ? data : "", len, s.sha); /* outside the lock: the slow part */
    s.len = len;
    s.set = 1;
    name = name ? name : doc->file ? doc->file : "source.xml";
    pthread_mutex_lock(&ar->lock); /* ar->ctx's allocations are serialised */
    rg_context *a = ar->ctx;
    s.digest = model_digest(a, doc);
    s.name = copy_of(a, name, strlen(name));
    s.path = path ? copy_of(a, path, strlen(path)) : NULL;
    s.data = path ? NULL : copy_of(a, data ? data : "", len);
    int bad = !s.digest || !s.name || (path ? !s.path : !s.data);
    if (bad) {
        rg_document_free(s.digest);
        rg_free(a, (char *)s.name);
        rg_free(a, (char *)s.path);
        rg_free(a, (char *)s.data);
        a->out_of_memory = 0;
    } else {
        arc_source *old = &ar->src[i];
        rg_document_free(old->digest);
        rg_free(a, (char *)old->name);
        rg_free(a, (char *)old->path);
        rg_free(a, (char *)old->data);
        *old = s;
    }
    pthread_mutex_unlock(&ar->lock);
    if (bad) {
        ctx->out_of_memory = 1;
        return RG_ERR_NOMEM;
    }
    return RG_OK;
}

/* An archive over whole documents and their bytes, all borrowed
 * (rg_render_archive, the manifest calls); docs may be NULL. */
static rg_archive *archive_of(const rg_document *const *docs, const rg_source_bytes *sources,
                              size_t n)
{
    rg_archive *ar = rg_archive_new(n, NULL);
    if (!ar)
        return NULL;
    ar->owns = 0;
    for (size_t i = 0; i < n; i++) {
        arc_source *s = &ar->src[i];
        s->set = 1;
        s->full = docs ? docs[i] : NULL;
        s->name = sources[i].name;
        s->data = sources[i].data;
        s->len = sources[i].len;
        rg_sha256_hex(s->data ? s->data : "", s->len, s->sha);
    }
    return ar;
}

/* What the front matter reads of source i: its digest or whole document. */
static const rg_document *view_of(const rg_archive *ar, size_t i)
{
    return ar->src[i].digest ? ar->src[i].digest : ar->src[i].full;
}

/* Every source's attachment name (in a): its file name, with an "N-"
 * prefix when an earlier source has the same one (or it is
 * "manifest.json"), at most 1,023 bytes.  NULL when out of memory. */
static const char **attach_names(rg_arena *a, const rg_archive *ar)
{
    const char **out = arena_alloc(a, (ar->n + 1) * sizeof *out);
    rg_strmap seen;
    strmap_init(&seen, a->ctx);
    for (size_t i = 0; out && i < ar->n; i++) {
        const char *base = base_of(ar->src[i].name);
        int added = 0;
        char name[1024];
        if (!strmap_insert(&seen, base, &added)) {
            out = NULL;
            break;
        }
        if (!added || !strcmp(base, "manifest.json"))
            snprintf(name, sizeof name, "%zu-%s", i + 1, base);
        else
            snprintf(name, sizeof name, "%s", base);
        out[i] = arena_strdup(a, name);
        if (!out[i])
            out = NULL;
    }
    strmap_free(&seen);
    return out;
}

/* A source's approval state as manifest members: "state" and who
 * submitted and approved it when (null for what the source does not say). */
static void manifest_state(rg_buf *b, const rg_document *d)
{
    const rg_status_info *st = &d->status;
    const char *v[] = {st->state ? model_state_name(st->state) : NULL, st->submitted_by,
                       st->submitted_on, st->approved_by, st->approved_on};
    static const char *const key[] = {"state", "submitted_by", "submitted_on", "approved_by",
                                      "approved_on"};
    for (int k = 0; k < 5; k++) {
        buf_printf(b, ", \"%s\": ", key[k]);
        json_put_string(b, v[k]);
    }
}

/* The manifest of ar's sources (with each one's approval state when
 * states, documents are known) and (ev, may be NULL) the evidence files. */
static char *manifest_text(const rg_archive *ar, int states, const rg_evidence_set *ev)
{
    rg_context *ctx = rg_context_new();
    if (!ctx)
        return NULL;
    rg_arena a;
    arena_init(&a, ctx, 0);
    const char **names = attach_names(&a, ar);
    rg_buf b;
    buf_init(&b, ctx);
    buf_puts(&b, "{\n  \"generator\": \"raingan " RG_VERSION "\",\n  \"sources\": [");
    for (size_t i = 0; names && i < ar->n; i++) {
        buf_puts(&b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        json_put_string(&b, names[i]);
        buf_printf(&b, ", \"size\": %zu, \"sha256\": \"%s\"", ar->src[i].len, ar->src[i].sha);
        if (states && view_of(ar, i))
            manifest_state(&b, view_of(ar, i));
        buf_putc(&b, '}');
    }
    buf_puts(&b, ar->n ? "\n  ]" : "]");
    evidence_manifest(&b, ev);
    buf_puts(&b, "\n}\n");
    char *out = b.failed || !names ? NULL : malloc(b.len + 1);
    if (out)
        memcpy(out, b.data, b.len + 1);
    buf_free(&b);
    arena_free(&a);
    rg_context_free(ctx);
    return out;
}

/* The front matter's view of every source (digests or whole documents),
 * malloc'd; NULL when out of memory or a source was never set. */
static const rg_document **views_of(const rg_archive *ar)
{
    const rg_document **v = malloc((ar->n + 1) * sizeof *v);
    for (size_t i = 0; v && i < ar->n; i++)
        if (!(v[i] = view_of(ar, i))) {
            free(v);
            v = NULL;
        }
    return v;
}

char *rg_archive_manifest_text(const rg_archive *ar)
{
    const rg_document **views = ar ? views_of(ar) : NULL;
    rg_context *ctx = views ? rg_context_new() : NULL;
    rg_evidence_set ev;
    char *m = ctx && evidence_collect(ctx, views, ar->n, 0, &ev) == RG_OK
                  ? manifest_text(ar, 1, &ev)
                  : NULL;
    if (ctx)
        evidence_free(ctx, &ev);
    rg_context_free(ctx);
    free(views);
    return m;
}

char *rg_archive_manifest(const rg_source_bytes *sources, size_t n)
{
    rg_archive *ar = sources ? archive_of(NULL, sources, n) : NULL;
    char *m = ar ? manifest_text(ar, 0, NULL) : NULL;
    rg_archive_free(ar);
    return m;
}

char *rg_archive_manifest_docs(const rg_document *const *docs, const rg_source_bytes *sources,
                               size_t n)
{
    rg_archive *ar = docs && sources ? archive_of(docs, sources, n) : NULL;
    char *m = ar ? rg_archive_manifest_text(ar) : NULL;
    rg_archive_free(ar);
    return m;
}

/* Read the sRGB profile: the given path, RG_ICC_PROFILE, or Debian's. */
static rg_status load_icc(rg_context *ctx, const char *path, char **data, size_t *len)
{
    static const char *const known[] = {"/usr/share/color/icc/sRGB.icc",
                                        "/usr/share/color/icc/colord/sRGB.icc"};
    if (!path)
        path = getenv("RG_ICC_PROFILE");
    for (size_t i = 0; !path && i < sizeof known / sizeof known[0]; i++)
        if (access(known[i], R_OK) == 0)
            path = known[i];
    if (!path) {
        rg_diag(ctx, RG_ERROR, "no-icc-profile", NULL, 0, 0,
                "install icc-profiles-free or colord-data, or pass --icc FILE",
                "an archive (PDF/A) needs an sRGB ICC profile and none was found");
        return RG_ERR_FONT;
    }
    rg_status st = file_read_all(ctx, path, 16u << 20, data, len);
    if (st != RG_OK)
        return st;
    /* An OutputIntent for DeviceRGB pages needs an RGB display or printer
     * profile (ICC.1 header: size, class at 12, colour space at 16,
     * 'acsp' at 36; ISO 19005-3 6.2.3): anything else would be written
     * with /N 3 and claim to be sRGB. */
    const unsigned char *h = (const unsigned char *)*data;
    const char *why = NULL;
    char what[64];
    if (*len < 128 || memcmp(h + 36, "acsp", 4))
        why = N_("not an ICC profile (no 'acsp' signature in its header)");
    else if (((size_t)h[0] << 24 | (size_t)h[1] << 16 | (size_t)h[2] << 8 | h[3]) > *len)
        why = N_("a truncated ICC profile (its header gives a larger size)");
    else if (memcmp(h + 16, "RGB ", 4)) {
        snprintf(what, sizeof what,
                 rg_context_translate(ctx, N_("an ICC profile of colour space '%c%c%c%c', not RGB")),
                 h[16] >= 32 && h[16] < 127 ? h[16] : '?', h[17] >= 32 && h[17] < 127 ? h[17] : '?',
                 h[18] >= 32 && h[18] < 127 ? h[18] : '?', h[19] >= 32 && h[19] < 127 ? h[19] : '?');
        why = what;
    } else if (memcmp(h + 12, "mntr", 4) && memcmp(h + 12, "prtr", 4))
        why = N_("an ICC profile that is neither a display nor a printer profile");
    if (why) {
        rg_diag(ctx, RG_ERROR, "bad-icc-profile", path, 0, 0,
                "pass the sRGB profile of icc-profiles-free (/usr/share/color/icc/sRGB.icc)",
                "%s; an archive's OutputIntent needs an RGB profile",
                why == what ? why : rg_context_translate(ctx, why));
        rg_free(ctx, *data);
        *data = NULL;
        *len = 0;
        return RG_ERR_FONT;
    }
    return RG_OK;
}

/* ---- one agency, one year, one round ---------------------------------------------- */

static int same_text(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* One meta field of docs[i] that differs from docs[0]'s: an error at
 * docs[i]'s line naming docs[0]'s (a warning when mixing is allowed). */
static void differs(rg_context *ctx, const rg_document *const *docs, size_t i, int field,
                    const char *what, const char *mine, const char *first, int allow)
{
    const rg_document *d = docs[i], *d0 = docs[0];
    rg_pos p = d->meta_pos[field], p0 = d0->meta_pos[field];
    rg_diag(ctx, allow ? RG_WARNING : RG_ERROR, "archive-mixed", d->file, p.line, p.col,
            allow ? NULL
                  : "an archive is one agency's reports of one fiscal year and round; archive "
                    "the others apart, or pass --allow-mixed to put them together",
            "%s %s differs from %s in %s:%d:%d", rg_context_translate(ctx, what), mine, first, d0->file ? d0->file : "",
            p0.line, p0.col);
}

/* Where the sources disagree on agency, fiscal year or round: errors (or
 * warnings with allow); and per department (the sources naming the same
 * one) an error for an indicator number given twice, a warning for a
 * department without indicators (beside others) or whose weights sum to 0
 * (no subtotal).
 * Returns 1 when there were errors. */
static int check_sources(rg_context *ctx, const rg_document *const *docs, size_t n, int allow)
{
    int bad = 0;
    char a[32], b[32];
    for (size_t i = 1; i < n; i++) {
        const rg_document *d = docs[i], *d0 = docs[0];
        if (!same_text(d->agency, d0->agency)) {
            rg_buf x, y;
            buf_init(&x, ctx);
            buf_init(&y, ctx);
            buf_printf(&x, "\"%s\"", d->agency ? d->agency : "");
            buf_printf(&y, "\"%s\"", d0->agency ? d0->agency : "");
            differs(ctx, docs, i, RG_META_AGENCY, N_("agency"), x.data ? x.data : "",
                    y.data ? y.data : "", allow);
            buf_free(&x);
            buf_free(&y);
            bad = 1;
        }
        if (d->fiscal_year != d0->fiscal_year) {
            snprintf(a, sizeof a, "%d", d->fiscal_year);
            snprintf(b, sizeof b, "%d", d0->fiscal_year);
            differs(ctx, docs, i, RG_META_YEAR, N_("fiscal year"), a, b, allow);
            bad = 1;
        }
        if (d->round != d0->round) {
            snprintf(a, sizeof a, "%d", d->round);
            snprintf(b, sizeof b, "%d", d0->round);
            differs(ctx, docs, i, RG_META_ROUND, N_("round"), a, b, allow);
            bad = 1;
        }
        /* one rounding for the subtotals and the total: the first source's */
        if (d->rounding.places != d0->rounding.places || d->rounding.mode != d0->rounding.mode)
            rg_diag(ctx, RG_WARNING, "archive-rounding", d->file, d->pos.line, d->pos.col,
                    "give every source of the archive the same decimals= and rounding=",
                    "this report rounds scores to %d decimals, %s, but %s:%d:%d rounds them to "
                    "%d decimals, %s; the archive's subtotals and total follow the first source",
                    d->rounding.places, dec_round_mode_name(d->rounding.mode),
                    d0->file ? d0->file : "", d0->pos.line, d0->pos.col, d0->rounding.places,
                    dec_round_mode_name(d0->rounding.mode));
    }
    if (allow)
        bad = 0;
    /* Per department: numbers (key "department\x1fnumber" -> doc index,
     * indicator index), indicators and weights. */
    rg_strmap nums, deps;
    strmap_init(&nums, ctx);
    strmap_init(&deps, ctx);
    double *weight = rg_calloc(ctx, n + 1, sizeof *weight);
    size_t *count = rg_calloc(ctx, n + 1, sizeof *count), *first = rg_calloc(ctx, n + 1, sizeof *first);
    size_t ndeps = 0;
    rg_buf key;
    buf_init(&key, ctx);
    for (size_t i = 0; weight && count && first && i < n; i++) {
        const rg_document *d = docs[i];
        const char *dep = d->department ? d->department : d->agency ? d->agency : "";
        int added = 0;
        size_t *g = strmap_insert(&deps, dep, &added);
        if (!g)
            break;
        if (added) {
            first[ndeps] = i;
            *g = ndeps++;
        }
        count[*g] += d->nindicators;
        for (size_t k = 0; k < d->nindicators; k++) {
            const rg_indicator *ind = d->indicators[k];
            weight[*g] += ind->weight;
            buf_clear(&key);
            buf_printf(&key, "%s\x1f%s", dep, ind->number ? ind->number : "");
            size_t *at = key.failed ? NULL : strmap_insert(&nums, key.data, &added);
            if (!at)
                break;
            if (added) {
                *at = i << 20 | (k & 0xFFFFF);
                continue;
            }
            const rg_document *o = docs[*at >> 20];
            const rg_indicator *oi = o->indicators[*at & 0xFFFFF];
            if (o == d) /* the loader has said so already */
                continue;
            rg_diag(ctx, RG_ERROR, "archive-duplicate", d->file, ind->pos.line, ind->pos.col,
                    "a department's indicators are numbered once; renumber one or name "
                    "another department in its <meta>",
                    "indicator %s of %s is also in %s:%d:%d", ind->number, dep, o->file,
                    oi->pos.line, oi->pos.col);
            bad = 1;
        }
    }
    for (size_t g = 0; weight && count && first && g < ndeps; g++) {
        const rg_document *d = docs[first[g]];
        rg_pos p = d->meta_pos[RG_META_DEPARTMENT];
        const char *dep = d->department ? d->department : d->agency ? d->agency : "";
        if (count[g] == 0) {
            if (ndeps > 1) /* alone, it is a summary-only report */
                rg_diag(ctx, RG_WARNING, "archive-empty-department", d->file, p.line, p.col, NULL,
                        "department %s has no indicators; the score summary shows it without a "
                        "subtotal", dep);
        } else if (!(weight[g] > 0)) {
            rg_diag(ctx, RG_WARNING, "archive-no-subtotal", d->file, p.line, p.col, NULL,
                    "the indicators of %s weigh 0 in all; its subtotal cannot be computed and "
                    "shows as -", dep);
        }
    }
    buf_free(&key);
    strmap_free(&nums);
    strmap_free(&deps);
    rg_free(ctx, weight);
    rg_free(ctx, count);
    rg_free(ctx, first);
    return bad;
}

/* ---- reading the sources again ----------------------------------------------------- */

/* What the layout's loader and the embedding of the sources share. */
typedef struct reread {
    rg_archive *ar;
    rg_context *ctx;           /* where their errors go */
    rg_context *lctx;          /* loads and reads with it (the schema is compiled once) */
    const char **names;        /* attachment names, for messages */
    const rg_evidence_set *ev; /* the evidence files: files[n + 1 + k] is ev->v[k] */
    rg_status failed;          /* the first failure of fetch (RG_OK: none) */
} reread;

/* Source s's bytes, checked against those first loaded: *data is s->data
 * (borrowed) or a new buffer of r->lctx (*own set).  RG_OK, or an error
 * reported at the source's file. */
static rg_status source_bytes(reread *r, const arc_source *s, char **data, size_t *len, int *own)
{
    *own = 0;
    *data = NULL;
    *len = 0;
    if (!s->path) {
        *data = (char *)s->data;
        *len = s->len;
        return RG_OK;
    }
    rg_context *q = context_new_child(r->ctx);
    if (!q) {
        r->ctx->out_of_memory = 1;
        return RG_ERR_NOMEM;
    }
    char *buf = NULL;
    size_t n = 0;
    rg_status st = file_read_all(q, s->path, RG_MAX_SOURCE_SIZE, &buf, &n);
    if (st != RG_OK) {
        const rg_diagnostic *d = rg_context_diagnostic(q, 0);
        rg_diag(r->ctx, RG_ERROR, st == RG_ERR_NOMEM ? "nomem" : "io-read", s->path, 0, 0, NULL,
                "the source cannot be read again for the archive: %s",
                d ? d->message : "out of memory");
        rg_context_free(q);
        return st == RG_ERR_NOMEM ? st : RG_ERR_IO;
    }
    char hex[65];
    rg_sha256_hex(buf ? buf : "", n, hex);
    if (n != s->len || strcmp(hex, s->sha)) {
        rg_diag(r->ctx, RG_ERROR, "source-changed", s->path, 0, 0,
                "make the archive again when the sources are no longer being changed",
                "the source changed while the archive was made: it was %zu bytes with SHA-256 "
                "%.16s…, it is now %zu bytes with SHA-256 %.16s…",
                s->len, s->sha, n, hex);
        rg_free(q, buf);
        rg_context_free(q);
        return RG_ERR_INVALID;
    }
    /* The buffer moves to lctx, which has q's allocator (the caller's). */
    *data = buf;
    *len = n;
    *own = 1;
    rg_context_free(q);
    return RG_OK;
}

/* The loader's open: each source of which loaded again (a whole document
 * stands for itself). */
static rg_status reread_open(void *user, const size_t *which, size_t n, const rg_document **full)
{
    reread *r = user;
    if (!r->lctx && !(r->lctx = context_new_child(r->ctx)))
        return RG_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        const arc_source *s = &r->ar->src[which[k]];
        if (s->full) {
            full[k] = s->full;
            continue;
        }
        char *data;
        size_t len;
        int own;
        rg_status st = source_bytes(r, s, &data, &len, &own);
        if (st != RG_OK)
            return st;
        rg_document *doc = rg_document_load_memory_with(r->lctx, s->digest->file, data, len,
                                                        r->ar->load);
        if (own)
            rg_free(r->lctx, data);
        /* Its warnings were shown when it was first loaded; the same bytes
         * give the same document, unless a file it names has changed. */
        if (!doc || doc->nparts != s->digest->nparts) {
            context_move_diagnostics(r->ctx, r->lctx);
            rg_document_free(doc);
            return r->ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_INVALID;
        }
        rg_context_clear_diagnostics(r->lctx);
        full[k] = doc;
    }
    return RG_OK;
}

static void reread_close(void *user, const size_t *which, size_t n, const rg_document **full)
{
    reread *r = user;
    for (size_t k = 0; k < n; k++)
        if (full[k] && full[k] != r->ar->src[which[k]].full)
            rg_document_free((rg_document *)full[k]);
}

/* The writer's fetch of an embedded file: a source (files[i], i < ar->n)
 * or an evidence file (after the manifest). */
static int reread_fetch(void *user, size_t i, const void **data, size_t *len)
{
    reread *r = user;
    char *d = NULL;
    int own;
    if (!r->lctx && !(r->lctx = context_new_child(r->ctx)))
        return -1;
    rg_status st = RG_ERR_USAGE;
    if (i < r->ar->n)
        st = source_bytes(r, &r->ar->src[i], &d, len, &own);
    else if (i > r->ar->n && i - r->ar->n - 1 < r->ev->n)
        st = evidence_read(r->lctx, &r->ev->v[i - r->ar->n - 1], &d, len);
    if (st != RG_OK) {
        context_move_diagnostics(r->ctx, r->lctx); /* evidence_read's */
        if (r->failed == RG_OK)
            r->failed = st;
        return -1;
    }
    *data = d;
    return 0;
}

static void reread_done(void *user, size_t i, const void *data)
{
    reread *r = user;
    if (i >= r->ar->n || r->ar->src[i].path)
        rg_free(r->lctx, (void *)data);
}

/* The archive's sinks: forms are drawn as they come, the front matter
 * goes before them. */
static int sink_forms(void *user, const rg_pages *pages) { return pdf_writer_add(user, pages); }
static int sink_front(void *user, const rg_pages *pages)
{
    return pdf_writer_add_front(user, pages);
}

/* The archive of ar, into pdf (path NULL) or into the file at path. */
static rg_status archive_run(rg_archive *ar, rg_engine *eng, rg_context *ctx,
                             const rg_archive_options *opts, const char *path,
                             const char *shown, unsigned char **data, size_t *len, size_t *npages)
{
    if (data)
        *data = NULL;
    if (len)
        *len = 0;
    if (npages)
        *npages = 0;
    if (!ar || !eng || !ctx || ar->n == 0)
        return RG_ERR_USAGE;
    size_t ndocs = ar->n;
    const rg_document **docs = views_of(ar);
    if (!docs)
        return RG_ERR_USAGE; /* a source was never set */
    int whole = 1; /* every source is a whole document: no loader */
    for (size_t i = 0; i < ndocs; i++)
        whole = whole && ar->src[i].full;
    /* An archive is the year's record: a draft (<status state="draft">)
     * goes in only when the caller says so. */
    int drafts = 0;
    for (size_t i = 0; i < ndocs && !(opts && opts->allow_draft); i++)
        if (docs[i]->status.state == RG_STATE_DRAFT) {
            rg_diag(ctx, RG_ERROR, "draft", docs[i]->file, docs[i]->status.pos.line,
                    docs[i]->status.pos.col,
                    "approve it first, or pass --allow-draft to archive it marked ร่าง",
                    "the report is a draft (<status state=\"draft\">); an archive takes "
                    "submitted or approved reports");
            drafts++;
        }
    if (drafts) {
        free(docs);
        return RG_ERR_INVALID;
    }
    int from_clock;
    long long epoch = api_epoch(opts ? opts->epoch : -1, &from_clock);
    char *icc = NULL, *manifest = NULL;
    size_t icc_len = 0;
    rg_status st = load_icc(ctx, opts ? opts->icc_profile : NULL, &icc, &icc_len);
    if (st != RG_OK) {
        free(docs);
        return st;
    }

    if (check_sources(ctx, docs, ndocs, opts && opts->allow_mixed)) {
        rg_free(ctx, icc);
        free(docs);
        return RG_ERR_INVALID;
    }

    /* The templates (the forms', and the front matter's: 'indicator' and
     * 'archive'), loaded and checked before anything is written. */
    rg_layout_res lres;
    st = engine_layout_res(eng, ctx, docs, ndocs, 1, &lres);
    const rg_template *arch = templates_find(&lres.templates, "archive");
    if (st != RG_OK || !arch) {
        engine_layout_res_free(&lres);
        rg_free(ctx, icc);
        free(docs);
        return st != RG_OK ? st : RG_ERR_TEMPLATE;
    }
    /* Document info first: the writer takes it when it starts.  It is the
     * agency's, never one source's (the archive template's pdf-title). */
    const rg_document *d = docs[0];
    char year[16], round[16];
    snprintf(year, sizeof year, "%d", d->fiscal_year);
    snprintf(round, sizeof round, "%d", d->round);
    const char *const kv[] = {"{title}", archive_title(arch, docs, ndocs), "{agency}", d->agency,
                              "{year}", year, "{round}", round, NULL};
    rg_buf title;
    buf_init(&title, ctx);
    buf_put_subst(&title, arch->archive.pdf_title, kv);
    rg_pages pages;
    pages_init(&pages, ctx);
    pages.title = title.data ? title.data : "";
    pages.author = d->agency;
    pages.subject = archive_title(arch, docs, ndocs);
    rg_buf pdf;
    buf_init(&pdf, ctx);
    rg_pdf_options po = {epoch};
    rg_pdf_writer *w = pdf_writer_new(ctx, &pages, &po);
    if (!w) {
        engine_layout_res_free(&lres);
        rg_free(ctx, icc);
        pages_free(&pages);
        buf_free(&title);
        free(docs);
        return RG_ERR_RENDER;
    }
    pdf_writer_set_pdfa(w, 1);
    if (path)
        pdf_writer_to_file(w, path); /* pages go there as they are drawn */
    rg_archive_layout al;
    int front_style = opts && opts->front_labels == RG_FRONT_ROMAN ? RG_FRONT_ROMAN : RG_FRONT_THAI;
    reread rr = {ar, ctx, NULL, NULL, NULL, RG_OK};
    rg_archive_loader loader = {reread_open, reread_close, &rr};
    if (st == RG_OK)
        st = archive_layout(&lres, ctx, engine_textstate(eng, ctx), docs, ndocs,
                            opts ? opts->threads : 0, front_style, &pages, &al, sink_forms,
                            sink_front, w, whole ? NULL : &loader);
    else
        al = (rg_archive_layout){0};
    if (st == RG_ERR_RENDER && pdf_writer_input_error(w))
        st = RG_ERR_INVALID; /* a damaged picture, reported at its line */
    else if (st != RG_OK && pdf_writer_io_error(w, shown ? shown : path))
        st = RG_ERR_IO; /* the file the pages went to (a full disk) */
    /* The evidence files, embedded as supplements of the forms. */
    rg_evidence_set ev = {0};
    if (st == RG_OK)
        st = evidence_collect(ctx, docs, ndocs, 0, &ev); /* read again when embedded */
    manifest = manifest_text(ar, 1, &ev);
    rg_arena names_arena;
    arena_init(&names_arena, ctx, 0);
    const char **names = attach_names(&names_arena, ar);
    rr.names = names;
    rr.ev = &ev;
    rg_pdf_bookmark *marks = rg_malloc(ctx, (al.nentries + 1) * sizeof *marks);
    rg_pdf_label *labels = rg_malloc(ctx, (al.nfront + 1) * sizeof *labels);
    rg_pdf_file *files = rg_malloc(ctx, (ndocs + 1 + ev.n) * sizeof *files);
    if (st == RG_OK && (!manifest || !marks || !files || !names || !labels))
        st = RG_ERR_NOMEM;
    if (st == RG_OK) {
        for (size_t i = 0; i < al.nentries; i++)
            marks[i] = (rg_pdf_bookmark){al.entries[i].title, al.entries[i].level,
                                         al.entries[i].page, al.entries[i].dest};
        /* A source with a file is read when it is embedded (data NULL). */
        for (size_t i = 0; i < ndocs; i++)
            files[i] = (rg_pdf_file){names[i], "report source (urn:raingan:report:1)",
                                     "application/xml", "Source",
                                     ar->src[i].path ? NULL : ar->src[i].data, ar->src[i].len,
                                     NULL};
        files[ndocs] = (rg_pdf_file){"manifest.json", "SHA-256 of every source",
                                     "application/json", "Data", manifest, strlen(manifest),
                                     NULL};
        for (size_t i = 0; i < ev.n; i++)
            files[ndocs + 1 + i] = (rg_pdf_file){ev.v[i].name, arch->archive.evidence_desc,
                                                 ev.v[i].file->mime, "Supplement", ev.v[i].data,
                                                 ev.v[i].len, ev.v[i].file->path};
        /* /ID: the manifest, epoch and version, hashed (an epoch read
         * from the clock counts as none, so the /ID stays reproducible). */
        rg_sha256 h;
        unsigned char id[32];
        char ep[32];
        snprintf(ep, sizeof ep, "%lld", from_clock ? -1 : epoch);
        rg_sha256_init(&h);
        rg_sha256_update(&h, manifest, strlen(manifest));
        rg_sha256_update(&h, ep, strlen(ep));
        rg_sha256_update(&h, RG_VERSION, strlen(RG_VERSION));
        rg_sha256_final(&h, id);
        /* Page labels: each front page its letter (ก, ข …: not a PDF
         * numbering style, so a prefix per page) or i, ii …; then 1, 2 …. */
        size_t nl = 0;
        if (front_style == RG_FRONT_ROMAN)
            labels[nl++] = (rg_pdf_label){0, PDF_LABEL_ROMAN_LOWER, 1, NULL};
        else
            for (size_t i = 0; i < al.nfront; i++)
                labels[nl++] = (rg_pdf_label){i, PDF_LABEL_PREFIX_ONLY, 1, al.front_labels[i]};
        if (al.nforms)
            labels[nl++] = (rg_pdf_label){al.nfront, PDF_LABEL_DECIMAL, 1, NULL};
        rg_pdf_extras ex = {marks, al.nentries, labels, nl, files, ndocs + 1 + ev.n,
                            icc, icc_len, id, arch->archive.evidence_files,
                            reread_fetch, reread_done, &rr};
        if (npages)
            *npages = pdf_writer_page_count(w);
        st = path ? pdf_writer_finish_file(w, &pages, &ex, path, shown)
                  : pdf_writer_finish_with(w, &pages, &ex, &pdf);
        if (rr.failed != RG_OK && st != RG_OK)
            st = rr.failed; /* a source changed or vanished, reported */
        w = NULL;
    }
    pdf_writer_free(w);
    if (st == RG_OK && path) {
        /* written to the file */
    } else if (st == RG_OK && rg_context_uses_libc(ctx) && pdf.data) {
        /* Hand the buffer over: an archive is the largest output raingan
         * makes, and a copy would double its peak. */
        *data = (unsigned char *)pdf.data;
        *len = pdf.len;
        pdf.data = NULL;
        pdf.len = pdf.cap = 0;
    } else if (st == RG_OK) {
        *data = malloc(pdf.len ? pdf.len : 1);
        if (*data) {
            memcpy(*data, pdf.data, pdf.len);
            *len = pdf.len;
        } else {
            st = RG_ERR_NOMEM;
        }
    }
    if (st != RG_OK && npages)
        *npages = 0;
    archive_layout_free(&al);
    evidence_free(ctx, &ev);
    rg_free(ctx, marks);
    rg_free(ctx, labels);
    buf_free(&title);
    rg_free(ctx, files);
    arena_free(&names_arena);
    free(manifest);
    rg_free(ctx, icc);
    buf_free(&pdf);
    pages_free(&pages);
    engine_layout_res_free(&lres); /* the labels above were the archive template's */
    rg_context_free(rr.lctx);
    free(docs);
    return st;
}

/* archive_run into the file at out_path (atomically: a temporary file
 * beside it, renamed when complete), never over one of the sources. */
static rg_status archive_run_file(rg_archive *ar, rg_engine *eng, rg_context *ctx,
                                  const rg_archive_options *opts, const char *out_path,
                                  size_t *npages)
{
    if (npages)
        *npages = 0;
    if (!ar || !out_path || !ctx)
        return RG_ERR_USAGE;
    const char **protect = rg_malloc(ctx, (ar->n ? ar->n : 1) * sizeof *protect);
    if (!protect)
        return RG_ERR_NOMEM;
    size_t np = 0;
    for (size_t i = 0; i < ar->n; i++)
        if (ar->src[i].path || ar->src[i].name)
            protect[np++] = ar->src[i].path ? ar->src[i].path : ar->src[i].name;
    rg_guard guard;
    rg_atomic a;
    rg_status st = file_guard_init(ctx, &guard, protect, np);
    rg_free(ctx, protect);
    if (st == RG_OK)
        st = file_atomic_begin(ctx, out_path, &guard, &a);
    file_guard_free(ctx, &guard);
    if (st != RG_OK)
        return st;
    st = archive_run(ar, eng, ctx, opts, a.tmp, out_path, NULL, NULL, npages);
    if (st == RG_OK)
        st = file_atomic_commit(ctx, &a);
    else
        file_atomic_abort(ctx, &a);
    if (st != RG_OK && npages)
        *npages = 0;
    return st;
}

rg_status rg_archive_render(rg_archive *ar, rg_engine *eng, rg_context *ctx,
                            const rg_archive_options *opts, unsigned char **data, size_t *len,
                            size_t *npages)
{
    return archive_run(ar, eng, ctx, opts, NULL, NULL, data, len, npages);
}

rg_status rg_archive_render_file(rg_archive *ar, rg_engine *eng, rg_context *ctx,
                                 const rg_archive_options *opts, const char *out_path,
                                 size_t *npages)
{
    return archive_run_file(ar, eng, ctx, opts, out_path, npages);
}

/* An archive over the whole documents docs and their bytes (borrowed):
 * *ar NULL with RG_ERR_USAGE for none (archive_run reports that) or
 * RG_ERR_NOMEM. */
static rg_status whole_archive(const rg_document *const *docs, const rg_source_bytes *sources,
                               size_t ndocs, rg_archive **ar)
{
    *ar = docs && sources && ndocs ? archive_of(docs, sources, ndocs) : NULL;
    return *ar || !docs || !sources || !ndocs ? RG_OK : RG_ERR_NOMEM;
}

rg_status rg_render_archive(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            const rg_source_bytes *sources, size_t ndocs,
                            const rg_archive_options *opts, unsigned char **data, size_t *len,
                            size_t *npages)
{
    rg_archive *ar;
    rg_status st = whole_archive(docs, sources, ndocs, &ar);
    if (st == RG_OK)
        st = archive_run(ar, eng, ctx, opts, NULL, NULL, data, len, npages);
    else
        archive_run(NULL, eng, ctx, opts, NULL, NULL, data, len, npages); /* clears them */
    rg_archive_free(ar);
    return st;
}

rg_status rg_render_archive_file(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                                 const rg_source_bytes *sources, size_t ndocs,
                                 const rg_archive_options *opts, const char *out_path,
                                 size_t *npages)
{
    rg_archive *ar;
    rg_status st = whole_archive(docs, sources, ndocs, &ar);
    if (st == RG_OK)
        st = archive_run_file(ar, eng, ctx, opts, out_path, npages);
    else if (npages)
        *npages = 0;
    rg_archive_free(ar);
    return st;
}

/* ---- meta accessors ------------------------------------------------------------- */

const char *rg_document_agency(const rg_document *doc) { return doc ? doc->agency : NULL; }
const char *rg_document_department(const rg_document *doc) { return doc ? doc->department : NULL; }
int rg_document_fiscal_year(const rg_document *doc) { return doc ? doc->fiscal_year : 0; }
int rg_document_round(const rg_document *doc) { return doc ? doc->round : 0; }
