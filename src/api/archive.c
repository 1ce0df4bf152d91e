/* archive.c - the public archive call: several documents -> one PDF/A-3b.
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
#include "render/pdf.h"
#include "util/fileio.h"
#include "util/json.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/i18n.h"

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

/* Source i's attachment name into out: its file name, with an "N-" prefix
 * when an earlier source has the same one (or it is "manifest.json"). */
static void attach_name(const rg_source_bytes *src, size_t i, char *out, size_t size)
{
    const char *base = base_of(src[i].name);
    int clash = !strcmp(base, "manifest.json");
    for (size_t j = 0; j < i && !clash; j++)
        clash = !strcmp(base_of(src[j].name), base);
    if (clash)
        snprintf(out, size, "%zu-%s", i + 1, base);
    else
        snprintf(out, size, "%s", base);
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

/* The manifest of the sources (with each one's approval state when docs,
 * the documents loaded from them, is given) and (ev, may be NULL) the
 * evidence files. */
static char *manifest_text(const rg_document *const *docs, const rg_source_bytes *sources,
                           size_t n, const rg_evidence_set *ev)
{
    rg_context *ctx = rg_context_new();
    if (!ctx)
        return NULL;
    rg_buf b;
    buf_init(&b, ctx);
    buf_puts(&b, "{\n  \"generator\": \"raingan " RG_VERSION "\",\n  \"sources\": [");
    for (size_t i = 0; i < n; i++) {
        char hex[65], name[1024];
        rg_sha256_hex(sources[i].data, sources[i].len, hex);
        attach_name(sources, i, name, sizeof name);
        buf_puts(&b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
        json_put_string(&b, name);
        buf_printf(&b, ", \"size\": %zu, \"sha256\": \"%s\"", sources[i].len, hex);
        if (docs && docs[i])
            manifest_state(&b, docs[i]);
        buf_putc(&b, '}');
    }
    buf_puts(&b, n ? "\n  ]" : "]");
    evidence_manifest(&b, ev);
    buf_puts(&b, "\n}\n");
    char *out = b.failed ? NULL : malloc(b.len + 1);
    if (out)
        memcpy(out, b.data, b.len + 1);
    buf_free(&b);
    rg_context_free(ctx);
    return out;
}

char *rg_archive_manifest(const rg_source_bytes *sources, size_t n)
{
    return manifest_text(NULL, sources, n, NULL);
}

char *rg_archive_manifest_docs(const rg_document *const *docs, const rg_source_bytes *sources,
                               size_t n)
{
    rg_context *ctx = rg_context_new();
    rg_evidence_set ev;
    char *m = ctx && docs && evidence_collect(ctx, docs, n, 0, &ev) == RG_OK
                  ? manifest_text(docs, sources, n, &ev)
                  : NULL;
    if (ctx)
        evidence_free(ctx, &ev);
    rg_context_free(ctx);
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

/* The archive's sinks: forms are drawn as they come, the front matter
 * goes before them. */
static int sink_forms(void *user, const rg_pages *pages) { return pdf_writer_add(user, pages); }
static int sink_front(void *user, const rg_pages *pages)
{
    return pdf_writer_add_front(user, pages);
}

/* The archive, into pdf (path NULL) or into the file at path. */
static rg_status archive_run(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                             const rg_source_bytes *sources, size_t ndocs,
                             const rg_archive_options *opts, const char *path,
                             const char *shown, unsigned char **data, size_t *len, size_t *npages)
{
    if (data)
        *data = NULL;
    if (len)
        *len = 0;
    if (npages)
        *npages = 0;
    if (!eng || !ctx || !docs || !sources || ndocs == 0)
        return RG_ERR_USAGE;
    /* An archive is the year's record: a draft (<status state="draft">)
     * goes in only when the caller says so. */
    int drafts = 0;
    for (size_t i = 0; i < ndocs && !(opts && opts->allow_draft); i++)
        if (docs[i] && docs[i]->status.state == RG_STATE_DRAFT) {
            rg_diag(ctx, RG_ERROR, "draft", docs[i]->file, docs[i]->status.pos.line,
                    docs[i]->status.pos.col,
                    "approve it first, or pass --allow-draft to archive it marked ร่าง",
                    "the report is a draft (<status state=\"draft\">); an archive takes "
                    "submitted or approved reports");
            drafts++;
        }
    if (drafts)
        return RG_ERR_INVALID;
    int from_clock;
    long long epoch = api_epoch(opts ? opts->epoch : -1, &from_clock);
    char *icc = NULL, *manifest = NULL;
    size_t icc_len = 0;
    rg_status st = load_icc(ctx, opts ? opts->icc_profile : NULL, &icc, &icc_len);
    if (st != RG_OK)
        return st;

    if (check_sources(ctx, docs, ndocs, opts && opts->allow_mixed)) {
        rg_free(ctx, icc);
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
        return RG_ERR_RENDER;
    }
    pdf_writer_set_pdfa(w, 1);
    if (path)
        pdf_writer_to_file(w, path); /* pages go there as they are drawn */
    rg_archive_layout al;
    int front_style = opts && opts->front_labels == RG_FRONT_ROMAN ? RG_FRONT_ROMAN : RG_FRONT_THAI;
    if (st == RG_OK)
        st = archive_layout(&lres, ctx, engine_textstate(eng, ctx), docs, ndocs,
                            opts ? opts->threads : 0, front_style, &pages, &al, sink_forms,
                            sink_front, w);
    else
        al = (rg_archive_layout){0};
    if (st == RG_ERR_RENDER && pdf_writer_input_error(w))
        st = RG_ERR_INVALID; /* a damaged picture, reported at its line */
    else if (st != RG_OK && pdf_writer_io_error(w, shown ? shown : path))
        st = RG_ERR_IO; /* the file the pages went to (a full disk) */
    /* The evidence files, embedded as supplements of the forms. */
    rg_evidence_set ev = {0};
    if (st == RG_OK)
        st = evidence_collect(ctx, docs, ndocs, 1, &ev);
    manifest = manifest_text(docs, sources, ndocs, &ev);
    rg_pdf_bookmark *marks = rg_malloc(ctx, (al.nentries + 1) * sizeof *marks);
    rg_pdf_label *labels = rg_malloc(ctx, (al.nfront + 1) * sizeof *labels);
    rg_pdf_file *files = rg_malloc(ctx, (ndocs + 1 + ev.n) * sizeof *files);
    char (*names)[1024] = rg_malloc(ctx, (ndocs + 1) * sizeof *names);
    if (st == RG_OK && (!manifest || !marks || !files || !names || !labels))
        st = RG_ERR_NOMEM;
    if (st == RG_OK) {
        for (size_t i = 0; i < al.nentries; i++)
            marks[i] = (rg_pdf_bookmark){al.entries[i].title, al.entries[i].level,
                                         al.entries[i].page, al.entries[i].dest};
        for (size_t i = 0; i < ndocs; i++) {
            attach_name(sources, i, names[i], sizeof names[i]);
            files[i] = (rg_pdf_file){names[i], "report source (urn:raingan:report:1)",
                                     "application/xml", "Source", sources[i].data,
                                     sources[i].len, NULL};
        }
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
                            icc, icc_len, id, arch->archive.evidence_files};
        if (npages)
            *npages = pdf_writer_page_count(w);
        st = path ? pdf_writer_finish_file(w, &pages, &ex, path, shown)
                  : pdf_writer_finish_with(w, &pages, &ex, &pdf);
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
    rg_free(ctx, names);
    free(manifest);
    rg_free(ctx, icc);
    buf_free(&pdf);
    pages_free(&pages);
    engine_layout_res_free(&lres); /* the labels above were the archive template's */
    return st;
}

rg_status rg_render_archive(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            const rg_source_bytes *sources, size_t ndocs,
                            const rg_archive_options *opts, unsigned char **data, size_t *len,
                            size_t *npages)
{
    return archive_run(eng, ctx, docs, sources, ndocs, opts, NULL, NULL, data, len, npages);
}

rg_status rg_render_archive_file(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                                 const rg_source_bytes *sources, size_t ndocs,
                                 const rg_archive_options *opts, const char *out_path,
                                 size_t *npages)
{
    if (npages)
        *npages = 0;
    if (!out_path || !sources)
        return RG_ERR_USAGE;
    const char **protect = rg_malloc(ctx, (ndocs ? ndocs : 1) * sizeof *protect);
    if (!protect)
        return RG_ERR_NOMEM;
    for (size_t i = 0; i < ndocs; i++)
        protect[i] = sources[i].name;
    rg_guard guard;
    rg_atomic a;
    rg_status st = file_guard_init(ctx, &guard, protect, ndocs);
    rg_free(ctx, protect);
    if (st == RG_OK)
        st = file_atomic_begin(ctx, out_path, &guard, &a);
    file_guard_free(ctx, &guard);
    if (st != RG_OK)
        return st;
    st = archive_run(eng, ctx, docs, sources, ndocs, opts, a.tmp, out_path, NULL, NULL, npages);
    if (st == RG_OK)
        st = file_atomic_commit(ctx, &a);
    else
        file_atomic_abort(ctx, &a);
    if (st != RG_OK && npages)
        *npages = 0;
    return st;
}

/* ---- meta accessors ------------------------------------------------------------- */

const char *rg_document_agency(const rg_document *doc) { return doc ? doc->agency : NULL; }
const char *rg_document_department(const rg_document *doc) { return doc ? doc->department : NULL; }
int rg_document_fiscal_year(const rg_document *doc) { return doc ? doc->fiscal_year : 0; }
int rg_document_round(const rg_document *doc) { return doc ? doc->round : 0; }
