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

/* The manifest of the sources and (ev, may be NULL) the evidence files. */
static char *manifest_text(const rg_source_bytes *sources, size_t n, const rg_evidence_set *ev)
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
        buf_printf(&b, ", \"size\": %zu, \"sha256\": \"%s\"}", sources[i].len, hex);
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
    return manifest_text(sources, n, NULL);
}

char *rg_archive_manifest_docs(const rg_document *const *docs, const rg_source_bytes *sources,
                               size_t n)
{
    rg_context *ctx = rg_context_new();
    rg_evidence_set ev;
    char *m = ctx && docs && evidence_collect(ctx, docs, n, 0, &ev) == RG_OK
                  ? manifest_text(sources, n, &ev)
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
    return file_read_all(ctx, path, 16u << 20, data, len);
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
                             unsigned char **data, size_t *len, size_t *npages)
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

    /* Document info first: the writer takes it when it starts. */
    const rg_document *d = docs[0];
    char title[1024];
    snprintf(title, sizeof title, "%s ประจำปีงบประมาณ พ.ศ. %d รอบ %d เดือน",
             d->title ? d->title : "รายงานผลการปฏิบัติราชการ", d->fiscal_year, d->round);
    rg_pages pages;
    pages_init(&pages, ctx);
    pages.title = title;
    pages.author = d->department ? d->department : d->agency;
    pages.subject = d->agency;
    rg_buf pdf;
    buf_init(&pdf, ctx);
    rg_pdf_options po = {epoch};
    rg_pdf_writer *w = pdf_writer_new(ctx, &pages, &po);
    if (!w) {
        rg_free(ctx, icc);
        pages_free(&pages);
        return RG_ERR_RENDER;
    }
    pdf_writer_set_pdfa(w, 1);
    rg_archive_layout al;
    rg_layout_res lres = engine_layout_res(eng);
    st = archive_layout(&lres, ctx, engine_textstate(eng, ctx), docs, ndocs,
                        opts ? opts->threads : 0, &pages, &al, sink_forms, sink_front, w);
    if (st == RG_ERR_RENDER && pdf_writer_input_error(w))
        st = RG_ERR_INVALID; /* a damaged picture, reported at its line */
    /* The evidence files, embedded as supplements of the forms. */
    rg_evidence_set ev = {0};
    if (st == RG_OK)
        st = evidence_collect(ctx, docs, ndocs, 1, &ev);
    manifest = manifest_text(sources, ndocs, &ev);
    rg_pdf_bookmark *marks = rg_malloc(ctx, (al.nentries + 1) * sizeof *marks);
    rg_pdf_file *files = rg_malloc(ctx, (ndocs + 1 + ev.n) * sizeof *files);
    char (*names)[1024] = rg_malloc(ctx, (ndocs + 1) * sizeof *names);
    if (st == RG_OK && (!manifest || !marks || !files || !names))
        st = RG_ERR_NOMEM;
    if (st == RG_OK) {
        for (size_t i = 0; i < al.nentries; i++)
            marks[i] = (rg_pdf_bookmark){al.entries[i].title, al.entries[i].level,
                                         al.entries[i].page, NULL};
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
            files[ndocs + 1 + i] = (rg_pdf_file){ev.v[i].name, "evidence (หลักฐานอ้างอิง)",
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
        rg_pdf_label labels[2] = {{0, PDF_LABEL_ROMAN_LOWER, 1},
                                  {al.nfront, PDF_LABEL_DECIMAL, 1}};
        rg_pdf_extras ex = {marks, al.nentries, labels, al.nforms ? 2 : 1, files,
                            ndocs + 1 + ev.n, icc, icc_len, id, "หลักฐานอ้างอิง (ไฟล์แนบ)"};
        if (npages)
            *npages = pdf_writer_page_count(w);
        st = path ? pdf_writer_finish_file(w, &pages, &ex, path)
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
    rg_free(ctx, files);
    rg_free(ctx, names);
    free(manifest);
    rg_free(ctx, icc);
    buf_free(&pdf);
    pages_free(&pages);
    return st;
}

rg_status rg_render_archive(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            const rg_source_bytes *sources, size_t ndocs,
                            const rg_archive_options *opts, unsigned char **data, size_t *len,
                            size_t *npages)
{
    return archive_run(eng, ctx, docs, sources, ndocs, opts, NULL, data, len, npages);
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
    st = archive_run(eng, ctx, docs, sources, ndocs, opts, a.tmp, NULL, NULL, npages);
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
