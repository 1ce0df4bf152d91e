/* evidence.h - the evidence files of an archive: which files, under which
 * attachment names, with their bytes, sizes and SHA-256 (for the PDF/A-3
 * associated files and the manifest). */
#ifndef RG_API_EVIDENCE_H
#define RG_API_EVIDENCE_H

#include "model/model.h"
#include "util/buf.h"

/* Most bytes of evidence files one archive embeds. */
#define RG_MAX_EVIDENCE_BYTES ((size_t)1 << 30)

/* One embedded evidence file (the first item naming it). */
typedef struct rg_evfile {
    const rg_file *file;    /* borrowed from its document */
    const char *docfile;    /* the document's file name, for messages (borrowed) */
    const char *source;     /* the source's file name (no folder) */
    const char *indicator;  /* the indicator number */
    long item;              /* the evidence item's number */
    char name[640];         /* attachment name: "1.1-3-photo.jpg" ("N-…" with several sources) */
    char *data;             /* the bytes (keep), else NULL */
    size_t len;
    char sha[65];           /* SHA-256, hex */
} rg_evfile;

typedef struct rg_evidence_set {
    rg_evfile *v;
    size_t n, cap;
} rg_evidence_set;

/* Every evidence file of docs[0..n), once per real path, in document
 * order, read (its bytes kept when keep) and hashed.  A file that can no
 * longer be read is an error at the line naming it; more than
 * RG_MAX_EVIDENCE_BYTES in all is too-large.  Free out in every case. */
rg_status evidence_collect(rg_context *ctx, const rg_document *const *docs, size_t n, int keep,
                           rg_evidence_set *out);
/* Evidence file f read again, for embedding, into *data (ctx's, to
 * rg_free): an error at its source line when it cannot be read or no
 * longer has the size and SHA-256 it had when collected
 * ("source-changed"), so an archive embeds what its manifest lists. */
rg_status evidence_read(rg_context *ctx, const rg_evfile *f, char **data, size_t *len);
void evidence_free(rg_context *ctx, rg_evidence_set *s);
/* The manifest's "evidence" member (",\n  \"evidence\": [...]"), nothing
 * when s is empty. */
void evidence_manifest(rg_buf *b, const rg_evidence_set *s);

#endif
