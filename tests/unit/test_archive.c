/* test_archive.c - the archive built source by source (rg_archive, issue
 * #14): it keeps digests, loads each source again from its file when its
 * forms are drawn, and embeds the file.  Checked here: the bytes equal
 * rg_render_archive's for the same documents (file or memory, one thread
 * or two); a source changed or deleted between the passes is an error
 * naming it, and nothing is left behind (no archive, no temporary file);
 * a source given without a file (standard input) is kept and works; the
 * manifest equals rg_archive_manifest_docs'; misuse is RG_ERR_USAGE. */
#define _POSIX_C_SOURCE 200809L
#include "api/evidence.h"
#include "testfile.h"
#include "testhelp.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

static const char *const samples[] = {"indicators-2562.xml", "official-2562.xml",
                                      "summary-2564.xml"};
#define NS 3

/* Copy the samples (and the evidence folder official-2562.xml names) to dir. */
static int copy_samples(const char *dir)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cp -r %s/samples/evidence %s/ && cp %s/samples/*.xml %s/ && "
             "sed -i 's|<department>[^<]*<|<department>กองทดสอบ<|' %s/indicators-2562.xml",
             RG_SOURCE_DIR, dir, RG_SOURCE_DIR, dir, dir);
    return system(cmd); /* the sample's department is official-2562.xml's: renamed */
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) || n != len ? -1 : 0;
}

/* Files in dir whose name starts with prefix. */
static int count_prefixed(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += !strncmp(e->d_name, prefix, strlen(prefix));
    if (d)
        closedir(d);
    return n;
}

static int has_code(rg_context *ctx, const char *code, const char *file)
{
    for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) {
        const rg_diagnostic *d = rg_context_diagnostic(ctx, i);
        if (d->severity == RG_ERROR && !strcmp(d->code, code) && d->file &&
            strstr(d->file, file))
            return 1;
    }
    return 0;
}

/* The archive of the sources in dir: loaded, handed to an rg_archive and
 * freed (path given unless stdin_first, when source 0 has none). */
static rg_archive *make_archive(rg_context *ctx, char paths[NS][512], int stdin_first)
{
    rg_archive *ar = rg_archive_new(NS, NULL);
    for (int i = 0; ar && i < NS; i++) {
        size_t len = 0;
        char *data = test_slurp(paths[i], &len);
        rg_document *doc = data ? rg_document_load_memory_with(ctx, paths[i], data, len, NULL)
                                : NULL;
        rg_status st = doc ? rg_archive_set_source(ar, ctx, (size_t)i, doc, paths[i], data, len,
                                                   stdin_first && i == 0 ? NULL : paths[i])
                           : RG_ERR_INVALID;
        rg_document_free(doc);
        free(data);
        if (st != RG_OK) {
            rg_archive_free(ar);
            return NULL;
        }
    }
    return ar;
}

int main(void)
{
    char dir[256];
    test_scratch(dir, sizeof dir, "rg-test-archive");
    if (!mkdtemp(dir) || copy_samples(dir)) {
        printf("FAIL - cannot set up %s\n", dir);
        return 1;
    }
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    rg_context *ctx = rg_context_new();
    rg_engine_options eo;
    memset(&eo, 0, sizeof eo);
    eo.data_dir = RG_SOURCE_DIR;
    rg_engine *eng = rg_engine_new(ctx, &eo);
    test_cond("the engine loads", eng != NULL);
    if (!eng)
        return test_report();
    char paths[NS][512];
    rg_document *docs[NS];
    rg_source_bytes bytes[NS];
    char *data[NS];
    for (int i = 0; i < NS; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/%s", dir, samples[i]);
        size_t len = 0;
        data[i] = test_slurp(paths[i], &len);
        docs[i] = data[i] ? rg_document_load_memory_with(ctx, paths[i], data[i], len, NULL) : NULL;
        bytes[i] = (rg_source_bytes){paths[i], data[i], len};
    }
    test_cond("the samples load", docs[0] && docs[1] && docs[2]);
    rg_context_clear_diagnostics(ctx);
    rg_archive_options ao = {1700000000, NULL, 1, RG_FRONT_THAI, 1, 0};

    /* 1. The same bytes as rg_render_archive (whole documents in memory). */
    unsigned char *ref = NULL, *got = NULL;
    size_t rlen = 0, glen = 0, rp = 0, gp = 0;
    rg_status st = rg_render_archive(eng, ctx, (const rg_document *const *)docs, bytes, NS, &ao,
                                     &ref, &rlen, &rp);
    test_cond("rg_render_archive makes the reference archive", st == RG_OK && rlen > 1000);
    rg_archive *ar = make_archive(ctx, paths, 0);
    test_cond("every source is set", ar != NULL);
    st = rg_archive_render(ar, eng, ctx, &ao, &got, &glen, &gp);
    test_cond("rg_archive_render gives the same bytes (sources read again from their files)",
              st == RG_OK && glen == rlen && gp == rp && !memcmp(got, ref, rlen));
    free(got);
    got = NULL;
    ao.threads = 2;
    st = rg_archive_render(ar, eng, ctx, &ao, &got, &glen, &gp);
    test_cond("... and with two layout threads", st == RG_OK && glen == rlen && !memcmp(got, ref, rlen));
    free(got);
    got = NULL;
    char out[600];
    snprintf(out, sizeof out, "%s/out/archive.pdf", dir);
    char outdir[560];
    snprintf(outdir, sizeof outdir, "%s/out", dir);
    test_cond("the output folder is made", mkdir(outdir, 0755) == 0);
    st = rg_archive_render_file(ar, eng, ctx, &ao, out, &gp);
    size_t flen = 0;
    char *fdata = st == RG_OK ? test_slurp(out, &flen) : NULL;
    test_cond("rg_archive_render_file writes the same bytes",
              fdata && flen == rlen && !memcmp(fdata, ref, rlen));
    free(fdata);
    char *m1 = rg_archive_manifest_text(ar);
    char *m2 = rg_archive_manifest_docs((const rg_document *const *)docs, bytes, NS);
    test_cond("its manifest equals rg_archive_manifest_docs'", m1 && m2 && !strcmp(m1, m2));
    free(m1);
    free(m2);
    unlink(out);

    /* 2. A source changed after it was set: an error naming it, nothing written. */
    rg_context_clear_diagnostics(ctx);
    size_t len1 = 0;
    char *orig = test_slurp(paths[1], &len1);
    char *changed = orig ? malloc(len1 + 32) : NULL;
    if (changed) {
        memcpy(changed, orig, len1);
        memcpy(changed + len1, "<!-- edited -->\n", 16);
    }
    test_cond("the source can be changed", changed && !write_file(paths[1], changed, len1 + 16));
    st = rg_archive_render_file(ar, eng, ctx, &ao, out, &gp);
    test_cond("a source changed since it was loaded: RG_ERR_INVALID, 'source-changed' at it",
              st == RG_ERR_INVALID && has_code(ctx, "source-changed", samples[1]));
    test_cond("... and no archive and no temporary file is left",
              access(out, F_OK) != 0 && count_prefixed(outdir, "archive.pdf") == 0);
    rg_context_clear_diagnostics(ctx);
    /* Same size, other bytes: the hash tells. */
    if (changed) {
        memcpy(changed, orig, len1);
        changed[len1 - 2] = changed[len1 - 2] == ' ' ? '\n' : ' ';
    }
    test_cond("the source can be changed in place",
              changed && !write_file(paths[1], changed, len1));
    st = rg_archive_render(ar, eng, ctx, &ao, &got, &glen, &gp);
    test_cond("a source of the same size with other bytes is 'source-changed' too (in memory)",
              st == RG_ERR_INVALID && got == NULL && has_code(ctx, "source-changed", samples[1]));
    rg_context_clear_diagnostics(ctx);

    /* 3. A source deleted: io-read at it, nothing written. */
    unlink(paths[1]);
    st = rg_archive_render_file(ar, eng, ctx, &ao, out, &gp);
    test_cond("a deleted source: RG_ERR_IO, 'io-read' naming it, nothing left",
              st == RG_ERR_IO && has_code(ctx, "io-read", samples[1]) && access(out, F_OK) != 0 &&
                  count_prefixed(outdir, "archive.pdf") == 0);
    rg_context_clear_diagnostics(ctx);
    test_cond("the source can be put back", orig && !write_file(paths[1], orig, len1));
    rg_archive_free(ar);

    /* 4. A source without a file (standard input) is kept whole. */
    ar = make_archive(ctx, paths, 1);
    unlink(paths[0]); /* its file plays no part */
    st = rg_archive_render(ar, eng, ctx, &ao, &got, &glen, &gp);
    test_cond("a source given without a path is kept and archived, same bytes",
              st == RG_OK && glen == rlen && !memcmp(got, ref, rlen));
    free(got);
    got = NULL;
    rg_archive_free(ar);

    /* 5. Evidence files are read again when embedded, and checked. */
    rg_evidence_set ev;
    const rg_document *off = docs[1];
    st = evidence_collect(ctx, &off, 1, 0, &ev);
    test_cond("the evidence files are listed without their bytes",
              st == RG_OK && ev.n >= 2 && ev.v[0].data == NULL && ev.v[0].len > 0);
    char *eb = NULL;
    size_t elen = 0;
    st = ev.n ? evidence_read(ctx, &ev.v[0], &eb, &elen) : RG_ERR_USAGE;
    char epath[700];
    snprintf(epath, sizeof epath, "%s/%s", dir, ev.n ? ev.v[0].file->written : "");
    size_t olen = 0;
    char *eorig = test_slurp(epath, &olen);
    test_cond("an unchanged evidence file reads back whole",
              st == RG_OK && eorig && elen == olen && !memcmp(eb, eorig, olen));
    free(eb);
    eb = NULL;
    test_cond("the evidence file can be changed", eorig && !write_file(epath, eorig, olen / 2));
    st = ev.n ? evidence_read(ctx, &ev.v[0], &eb, &elen) : RG_ERR_USAGE;
    test_cond("a changed evidence file is 'source-changed' at the source's line, no bytes",
              st == RG_ERR_INVALID && !eb && has_code(ctx, "source-changed", samples[1]));
    rg_context_clear_diagnostics(ctx);
    unlink(epath);
    st = ev.n ? evidence_read(ctx, &ev.v[0], &eb, &elen) : RG_ERR_USAGE;
    test_cond("a deleted evidence file is 'io-read' at the source's line",
              st == RG_ERR_IO && !eb && has_code(ctx, "io-read", samples[1]));
    rg_context_clear_diagnostics(ctx);
    if (eorig && write_file(epath, eorig, olen))
        printf("(could not restore %s)\n", epath);
    free(eorig);
    evidence_free(ctx, &ev);

    /* 6. Misuse. */
    ar = rg_archive_new(2, NULL);
    st = rg_archive_render(ar, eng, ctx, &ao, &got, &glen, &gp);
    test_cond("rendering before every source is set is RG_ERR_USAGE", st == RG_ERR_USAGE && !got);
    test_cond("a source index past the end is RG_ERR_USAGE",
              rg_archive_set_source(ar, ctx, 2, docs[0], "x.xml", data[0], bytes[0].len, NULL) ==
                  RG_ERR_USAGE);
    rg_archive_free(ar);

    free(orig);
    free(changed);
    free(ref);
    for (int i = 0; i < NS; i++) {
        rg_document_free(docs[i]);
        free(data[i]);
    }
    rg_engine_free(eng);
    rg_context_free(ctx);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd))
        printf("(could not remove %s)\n", dir);
    return test_report();
}
