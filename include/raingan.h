/* raingan.h - the public API of libraingan.
 *
 * raingan (รายงาน, "report") turns XML report sources into the PDF forms
 * Thai government agencies submit for their performance agreements.
 *
 * The pipeline, one stage per src/ folder:
 *
 *   load (XML -> model) -> model (checks, computed fields)
 *     -> text (itemize, shape, break) -> layout (pages of boxes)
 *     -> render (PDF through libharu)
 *
 * Use follows create -> configure -> run -> query -> free:
 *
 *   rg_context *ctx = rg_context_new();            // per thread
 *   rg_engine *eng = rg_engine_new(ctx, NULL);     // shared, read-only
 *   rg_document *doc = rg_document_load(ctx, "report.xml");
 *   rg_render_pdf(eng, ctx, doc, NULL, "out.pdf");
 *   for (size_t i = 0; i < rg_context_diagnostic_count(ctx); i++) ...
 *   rg_document_free(doc); rg_engine_free(eng); rg_context_free(ctx);
 *
 * Threads: an rg_engine (fonts, word list, templates) is immutable once
 * created and may be shared by any number of threads.  An rg_context holds
 * one thread's diagnostics and scratch state and must not be shared.
 *
 * Ownership: _new/_load return objects the caller frees with _free.
 * Pointers returned by accessors are borrowed; their lifetime is stated. */
#ifndef RAINGAN_H
#define RAINGAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every function of the API is marked RG_API: the shared library is built
 * with -fvisibility=hidden and exports exactly these (all named rg_*). */
#if defined(__GNUC__) || defined(__clang__)
#define RG_API __attribute__((visibility("default")))
#else
#define RG_API
#endif

/* Every fallible call returns an rg_status; details go to the context's
 * diagnostics list. */
typedef enum rg_status {
    RG_OK = 0,
    RG_ERR_IO = 1,       /* a file could not be read or written */
    RG_ERR_PARSE = 2,    /* the source is not well-formed XML */
    RG_ERR_INVALID = 3,  /* the source breaks the schema or a semantic rule */
    RG_ERR_FONT = 4,     /* a font file is missing or unusable */
    RG_ERR_TEMPLATE = 5, /* a standard template is missing (one with mistakes is
                            RG_ERR_INVALID) */
    RG_ERR_LIMIT = 6,    /* an input exceeds a resource bound */
    RG_ERR_NOMEM = 7,    /* an allocation failed */
    RG_ERR_RENDER = 8,   /* the PDF writer failed */
    RG_ERR_USAGE = 9     /* the caller passed invalid arguments */
} rg_status;

/* A short English name of a status ("io", "parse", ...).  Static storage. */
RG_API const char *rg_status_name(rg_status status);

/* Release a buffer or string the API handed to the caller (the results of
 * rg_document_dump, rg_render_pdf_memory, rg_render_dump, rg_render_archive,
 * rg_archive_manifest and rg_typeset_memory); NULL is a no-op.  (They are
 * allocated with the C library's malloc, so free() works too when both
 * sides share one C library.) */
RG_API void rg_free(void *ptr);

/* ---- context and diagnostics --------------------------------------------- */

typedef struct rg_context rg_context;

typedef enum rg_severity { RG_NOTE = 0, RG_WARNING = 1, RG_ERROR = 2 } rg_severity;

/* One problem found in a stage.  All strings are owned by the context and
 * stay valid until rg_context_clear_diagnostics or rg_context_free.
 * file may be NULL (no file involved); line and col are 1-based, 0 when
 * unknown. */
typedef struct rg_diagnostic {
    rg_severity severity;
    const char *code;    /* stable machine-readable code, e.g. "weighted-mismatch" */
    const char *file;    /* source file the problem is in, or NULL */
    int line;            /* 1-based line, 0 if unknown */
    int col;             /* 1-based column, 0 if unknown */
    const char *message; /* one English sentence, may quote Thai source text */
    const char *hint;    /* how to fix it, or NULL */
} rg_diagnostic;

/* Memory seam: every allocation of the library goes through these, so tests
 * can count allocations or inject failures.  NULL fields mean libc. */
typedef struct rg_allocator {
    void *(*malloc_fn)(void *user, size_t size);
    void *(*realloc_fn)(void *user, void *ptr, size_t size);
    void (*free_fn)(void *user, void *ptr);
    void *user;
} rg_allocator;

/* Create a context with the default allocator.  NULL when out of memory. */
RG_API rg_context *rg_context_new(void);
/* Create a context with a custom allocator (copied). */
RG_API rg_context *rg_context_new_with_allocator(const rg_allocator *alloc);
RG_API void rg_context_free(rg_context *ctx);

/* The language of the context's messages and hints: "th" (or any Thai
 * locale name, "th_TH.UTF-8") for Thai, "en", "C" or NULL for English.
 * Codes stay English.  Diagnostics already reported are not changed.
 * Returns 0, or -1 for a language without a catalogue (English is used). */
RG_API int rg_context_set_language(rg_context *ctx, const char *lang);
/* "th" or "en" (static storage). */
RG_API const char *rg_context_language(const rg_context *ctx);
/* msgid (an English message of the catalogue, e.g. "error") in the
 * context's language; msgid itself when it has no translation.  The
 * result has static storage or is msgid. */
RG_API const char *rg_context_translate(const rg_context *ctx, const char *msgid);

RG_API size_t rg_context_diagnostic_count(const rg_context *ctx);
/* The i-th diagnostic, borrowed from the context; NULL past the end. */
RG_API const rg_diagnostic *rg_context_diagnostic(const rg_context *ctx, size_t i);
/* Number of diagnostics at or above a severity. */
RG_API size_t rg_context_count_at_least(const rg_context *ctx, rg_severity severity);
RG_API void rg_context_clear_diagnostics(rg_context *ctx);
/* Format one diagnostic as "file:line:col: error: message [code]" (plus
 * "  hint: ..." on a second line) into buf; returns the length it needed,
 * like snprintf. */
RG_API int rg_diagnostic_format(const rg_diagnostic *d, char *buf, size_t size);
/* The same line, "file:line:col: error: message [code]" and "  hint: ...",
 * with "error", "warning", "note" and "hint" in ctx's language (NULL:
 * English) and, with RG_FORMAT_COLOR, ANSI colours for a terminal.
 * Control characters of the file name, message and hint are written as
 * \n, \t, \xHH (a file name can never forge a line); when buf is too
 * small the text is cut between characters, never inside one. */
enum { RG_FORMAT_COLOR = 1 };
RG_API int rg_diagnostic_format_ex(const rg_context *ctx, const rg_diagnostic *d, int flags,
                                   char *buf, size_t size);

/* ---- engine: fonts, word list, templates (shared, read-only) -------------- */

typedef struct rg_engine rg_engine;

typedef struct rg_engine_options {
    const char *data_dir;   /* folder with fonts/, templates/, data/; NULL: search */
    const char *font_regular;     /* override paths; NULL: Sarabun from data_dir */
    const char *font_bold;
    const char *font_italic;
    const char *font_bold_italic;
    const char *font_fallback;    /* for characters the main font lacks */
    const char *const *word_files; /* extra word lists (UTF-8, one word a line) */
    size_t word_file_count;
    const char *font_family;      /* an installed family (fontconfig: "TH Sarabun New",
                                     "Laksaman") for the faces not given above; NULL: none */
} rg_engine_options;

/* Load fonts, the word list and locate templates.  On failure returns NULL
 * and the reason is in ctx's diagnostics. */
RG_API rg_engine *rg_engine_new(rg_context *ctx, const rg_engine_options *opts);
RG_API void rg_engine_free(rg_engine *eng);
/* The data folder in use (borrowed, owned by the engine). */
RG_API const char *rg_engine_data_dir(const rg_engine *eng);

/* ---- plain-text typesetting (the text engine's workbench) ----------------- */

typedef enum rg_align {
    RG_ALIGN_LEFT = 0,
    RG_ALIGN_RIGHT,
    RG_ALIGN_CENTER,
    RG_ALIGN_JUSTIFY,          /* stretch inter-word spaces */
    RG_ALIGN_THAI_DISTRIBUTED  /* spread slack over every grapheme boundary */
} rg_align;

/* Parse "left", "right", "center", "justify", "thai-distributed".
 * Returns -1 for anything else. */
RG_API int rg_align_from_name(const char *name);

typedef struct rg_typeset_options {
    double width_pt;   /* line width in points; 0: A4 text width (16 cm) */
    double size_pt;    /* font size; 0: 16 */
    rg_align align;
    const char *title; /* document info; NULL: the input file's name */
} rg_typeset_options;

/* Typeset a UTF-8 text file (paragraphs separated by blank lines, single
 * newlines are hard line breaks) onto A4 pages and write a PDF.  The output
 * is written to a temporary file beside out_path and renamed, so an existing
 * file is never left half-written. */
RG_API rg_status rg_typeset_file(rg_engine *eng, rg_context *ctx, const char *in_path,
                          const char *out_path, const rg_typeset_options *opts);

/* Like rg_typeset_file for len bytes of UTF-8 text at text (need not be
 * NUL-ended; more than 4 MiB is refused, too-large); name is used in
 * diagnostics and as the default title (NULL: "<memory>").  The PDF goes to
 * *data (free with rg_free()); *npages, when not NULL, receives its pages. */
RG_API rg_status rg_typeset_memory(rg_engine *eng, rg_context *ctx, const char *name,
                                   const char *text, size_t len,
                                   const rg_typeset_options *opts, unsigned char **data,
                                   size_t *out_len, size_t *npages);

/* ---- report documents (load, check, query) ------------------------------ */

/* A loaded, validated report source (the model of docs/format.md).
 * Immutable once loaded; may be read by several threads at once. */
typedef struct rg_document rg_document;

/* Read, validate (RELAX NG schema, then semantic rules) and build the model
 * of the report source at path.  Every problem of the file goes to ctx's
 * diagnostics as "file:line:col" diagnostics, not just the first.  Returns
 * NULL when any error was found (warnings alone do not fail).  Files over
 * 64 MiB, DOCTYPE declarations (so external and recursive entities) and
 * excessive nesting are refused with an error. */
RG_API rg_document *rg_document_load(rg_context *ctx, const char *path);

/* Like rg_document_load for len bytes at data (need not be NUL-ended);
 * name is used in diagnostics (NULL: "<memory>").  data is not kept. */
RG_API rg_document *rg_document_load_memory(rg_context *ctx, const char *name, const char *data,
                                     size_t len);

/* Bytes with a name: a source given in memory (rg_render_archive), or a
 * file a source names given with it (rg_load_options.files). */
typedef struct rg_source_bytes {
    const char *name;
    const void *data;
    size_t len;
} rg_source_bytes;

/* How a source is loaded. */
typedef struct rg_load_options {
    const char *files_root; /* the folder every file the source names (evidence files,
                               pictures, signatures) must lie in once symlinks are
                               followed; NULL: the folder below.  Paths in the source
                               are relative to that folder. */
    const char *folder;     /* the folder the source's relative paths start from; NULL:
                               the folder of its file (or of its name in memory) */
    const rg_source_bytes *files; /* files given with the source (a render service's
                               request parts): a file the source names is the one whose
                               name is what it wrote, or the last part of what it wrote
                               ("evidence/a.pdf": "a.pdf"); only when none is, the disk
                               is looked at.  Borrowed: they must outlive the document.
                               NULL: none */
    size_t nfiles;          /* how many files */
} rg_load_options;

/* rg_document_load and rg_document_load_memory with options (NULL: the
 * defaults).  A memory source's files are taken relative to the folder of
 * name ("<memory>": the current folder). */
RG_API rg_document *rg_document_load_with(rg_context *ctx, const char *path,
                                          const rg_load_options *opts);
RG_API rg_document *rg_document_load_memory_with(rg_context *ctx, const char *name, const char *data,
                                          size_t len, const rg_load_options *opts);

/* Release the document and everything its accessors returned; NULL is a no-op.
 * The document allocates through the context it was loaded with, so that
 * context must outlive it. */
RG_API void rg_document_free(rg_document *doc);

/* Write the model as an indented text dump into a new NUL-terminated string
 * the caller releases with rg_free(); NULL when out of memory.  *len (if not
 * NULL) receives its length.  For tests and debugging; the format may change. */
RG_API char *rg_document_dump(const rg_document *doc, size_t *len);

/* The source name the document was loaded from (borrowed, owned by doc). */
RG_API const char *rg_document_file(const rg_document *doc);

RG_API size_t rg_document_indicator_count(const rg_document *doc);
RG_API size_t rg_document_summary_count(const rg_document *doc);

/* Indicator i in document order (0-based).  Strings are borrowed from the
 * document; an index past the end gives NULL / 0. */
RG_API const char *rg_indicator_number(const rg_document *doc, size_t i);
/* The indicator name as plain text (styles dropped, breaks as spaces). */
RG_API const char *rg_indicator_name(const rg_document *doc, size_t i);
RG_API double rg_indicator_weight(const rg_document *doc, size_t i);
/* The score of the first calculation row. */
RG_API double rg_indicator_score(const rg_document *doc, size_t i);
/* The sum of the computed weighted scores of the calculation rows. */
RG_API double rg_indicator_weighted_score(const rg_document *doc, size_t i);
/* The achieved level 1..5, or 0 when the source gives none. */
RG_API int rg_indicator_achieved(const rg_document *doc, size_t i);

/* Load the template of every form of doc as a render would (from
 * data_dir's templates/; NULL: the folder an engine would use) and report
 * any that cannot be used at the form naming it (file:line:col).  RG_OK,
 * RG_ERR_INVALID when a template the source names (template="...") is
 * unknown or for the other kind of form, or any template has mistakes
 * (each reported at the template's file:line:col), RG_ERR_TEMPLATE when a
 * standard one ('indicator', 'summary') is missing.  Reads no
 * font; what `raingan check` adds to a load. */
RG_API rg_status rg_document_check_templates(rg_context *ctx, const rg_document *doc,
                                             const char *data_dir);
/* ---- scores (docs/format.md, "Scores") ------------------------------------- */

/* Which figure of an indicator, target table or total to write. */
typedef enum rg_score_field {
    RG_FIELD_WEIGHT,   /* weight in the document's round (percent) */
    RG_FIELD_RESULT,   /* the result the method scores (value=) */
    RG_FIELD_SCORE,    /* the score printed: computed by the method, or stated */
    RG_FIELD_STATED,   /* the score the source states (score=) */
    RG_FIELD_SELF,     /* the self-assessed score (self-score=, ประเมินตนเอง) */
    RG_FIELD_WEIGHTED  /* weight × score / 100 (an indicator: summed over its rows) */
} rg_score_field;

/* Write field f of indicator i (its first calculation row for RESULT,
 * STATED and SELF) into buf as an exact decimal with ASCII digits, "." as
 * the point and no trailing zeros ("0.6", "3.75", "95.7381"): computed
 * figures are rounded to the document's decimals by its rounding mode
 * (rg_document_rounding).  A weight (RG_FIELD_WEIGHT, here and in the
 * total) is written with the decimals the source gave it ("30", "12.50"),
 * as the forms print it.  Returns 0, or
 * -1 (buf gets "") when the indicator has no such figure (no score, no
 * value=, an index past the end).  size >= 64 always suffices. */
RG_API int rg_indicator_figure(const rg_document *doc, size_t i, rg_score_field f, char *buf,
                        size_t size);
/* The method of indicator i's first calculation row: "stated",
 * "five-level", "milestone", "none" (borrowed, static). */
RG_API const char *rg_indicator_method(const rg_document *doc, size_t i);
/* How the first row's score was reached, ASCII digits ("3 + (87.5 − 80) /
 * (90 − 80) = 3.7500"), or NULL for a stated score.  Owned by doc. */
RG_API const char *rg_indicator_working(const rg_document *doc, size_t i);
/* Whether indicator i counts in the round: "counted", "cancelled",
 * "late" (from-round after the document's round) or "unscored". */
RG_API const char *rg_indicator_status(const rg_document *doc, size_t i);

/* The places computed scores are rounded to (decimals=, default 4). */
RG_API int rg_document_decimals(const rg_document *doc);
/* How they are rounded (rounding=): "half-up" (the default), "half-even"
 * or "down" (truncated toward zero); borrowed, static.  NULL for NULL. */
RG_API const char *rg_document_rounding(const rg_document *doc);
/* The round's total: f is RG_FIELD_WEIGHT (Σ weights counted),
 * RG_FIELD_WEIGHTED (Σ weighted scores) or RG_FIELD_SCORE (Σ weighted ×
 * 100 / Σ weight: renormalised to the indicators counted).  Format and
 * return as rg_indicator_figure; -1 for SCORE when nothing is counted. */
RG_API int rg_document_total(const rg_document *doc, rg_score_field f, char *buf, size_t size);
/* Indicators counted in the total, and those left out of it. */
RG_API size_t rg_document_total_counted(const rg_document *doc);
RG_API size_t rg_document_total_left_out(const rg_document *doc);

/* Target tables (ขั้นต้น / มาตรฐาน / ขั้นสูง) of the summary items, in order. */
RG_API size_t rg_document_target_count(const rg_document *doc);
/* The summary item number of target table k ("๔.๒"), borrowed. */
RG_API const char *rg_target_number(const rg_document *doc, size_t k);
/* "discrete", "interpolated", "ratio", "stated" or "none". */
RG_API const char *rg_target_method(const rg_document *doc, size_t k);
/* The level printed: "none", "basic", "standard", "advanced", or NULL. */
RG_API const char *rg_target_reached(const rg_document *doc, size_t k);
/* f: RESULT, SCORE or STATED, as rg_indicator_figure. */
RG_API int rg_target_figure(const rg_document *doc, size_t k, rg_score_field f, char *buf, size_t size);
/* The working of a computed target score (ASCII digits), or NULL. */
RG_API const char *rg_target_working(const rg_document *doc, size_t k);

/* ---- rendering forms ------------------------------------------------------ */

typedef struct rg_render_options {
    const char *indicator; /* render only the indicator with this number (preview); "" (empty):
                              only the summary tables (batch --per-indicator); NULL: all */
    long long epoch;       /* creation date in Unix seconds; < 0: SOURCE_DATE_EPOCH or now */
    size_t max_pages;      /* refuse a PDF of more pages (too-many-pages); 0: 100,000 */
    int threads;           /* worker threads laying out forms while the calling thread
                              writes the PDF (and lays out forms when it would wait):
                              0 one per CPU (at most 8); 1 none, the calling thread
                              does all (what a caller already running one render per
                              core wants).  The PDF and diagnostics are the same for
                              every value. */
} rg_render_options;

/* Lay out every form of doc with its template and write the PDF to
 * out_path atomically (temporary file + rename; the source file is never
 * overwritten).  Warnings do not fail; errors return non-RG_OK with
 * diagnostics in ctx and leave any existing out_path untouched. */
RG_API rg_status rg_render_pdf(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                        const rg_render_options *opts, const char *out_path);

/* Like rg_render_pdf but hands the PDF bytes to the caller (free with
 * rg_free()); *npages receives the page count when not NULL. */
RG_API rg_status rg_render_pdf_memory(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                               const rg_render_options *opts, unsigned char **data, size_t *len,
                               size_t *npages);

/* A text dump of the laid-out pages (every box with its position), for
 * tests and debugging; free with rg_free().  NULL on error. */
RG_API char *rg_render_dump(rg_engine *eng, rg_context *ctx, const rg_document *doc,
                     const rg_render_options *opts);

/* ---- document meta (batch naming, archives) -------------------------------- */

/* The <meta> fields; strings borrowed from the document, NULL/0 when absent. */
RG_API const char *rg_document_agency(const rg_document *doc);
RG_API const char *rg_document_department(const rg_document *doc);
RG_API int rg_document_fiscal_year(const rg_document *doc); /* Buddhist era, e.g. 2562 */
RG_API int rg_document_round(const rg_document *doc);       /* 6, 9 or 12 */
/* The approval state of <meta><status>: "draft", "submitted", "approved",
 * or "" when the source states none (static storage). */
RG_API const char *rg_document_state(const rg_document *doc);
/* Who approved the report and when (YYYY-MM-DD as written), or NULL
 * (borrowed); the same for who submitted it and when. */
RG_API const char *rg_document_approved_by(const rg_document *doc);
RG_API const char *rg_document_approved_on(const rg_document *doc);
RG_API const char *rg_document_submitted_by(const rg_document *doc);
RG_API const char *rg_document_submitted_on(const rg_document *doc);

/* SHA-256 of len bytes as 64 lower-case hex digits and a NUL into hex. */
RG_API void rg_sha256_hex(const void *data, size_t len, char hex[65]);

/* ---- the yearly archive (PDF/A-3b) ----------------------------------------- */

/* The bytes a document was loaded from, attached to the archive so it can
 * be re-rendered and audited.  name is the file name shown (UTF-8). */
typedef struct rg_archive_options {
    long long epoch;         /* dates in Unix seconds; < 0: SOURCE_DATE_EPOCH or now */
    const char *icc_profile; /* sRGB ICC profile; NULL: RG_ICC_PROFILE, then Debian's
                                icc-profiles-free or colord-data copy */
    int threads;             /* layout threads, as in rg_render_options */
    int front_labels;        /* how the front matter is numbered: RG_FRONT_THAI (ก, ข, ค …,
                                the default), RG_FRONT_ROMAN (i, ii, iii …) */
    int allow_mixed;         /* 1: sources of other agencies, fiscal years or rounds than
                                the first are warnings, not errors */
    int allow_draft;         /* 1: archive draft reports too (each page marked ร่าง);
                                0: a draft is an error (code "draft") */
} rg_archive_options;

enum { RG_FRONT_THAI = 0, RG_FRONT_ROMAN = 1 };

/* One PDF/A-3b file for one agency's year: docs must share the agency,
 * fiscal year and round (else an error at each source that differs, naming
 * the first source's file and line; opts->allow_mixed makes it a warning).
 * A cover (the agency, fiscal year พ.ศ., round), a score summary grouping
 * the indicators by department with each department's subtotal and the
 * agency's total, a table of contents grouped the same way, then every form,
 * department by department (in order of first appearance); an outline
 * agency -> department -> form; front pages labelled ก, ข, ค … (or i, ii …)
 * and the forms 1, 2 … (the contents' numbers) printed at the foot of each
 * page, the only number on it; sources[i] (the bytes docs[i] was loaded
 * from) and the manifest (rg_archive_manifest) embedded as associated files.
 * Equal inputs give equal bytes: the /ID is derived from the content.
 * The PDF goes to *data (free with rg_free()); *npages receives its pages. */
RG_API rg_status rg_render_archive(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                            const rg_source_bytes *sources, size_t ndocs,
                            const rg_archive_options *opts, unsigned char **data, size_t *len,
                            size_t *npages);
/* The same written straight to out_path (atomically: a temporary file
 * beside it, renamed when complete; never over a source, compared with the
 * sources' names), so the archive is never held in memory whole. */
RG_API rg_status rg_render_archive_file(rg_engine *eng, rg_context *ctx, const rg_document *const *docs,
                                 const rg_source_bytes *sources, size_t ndocs,
                                 const rg_archive_options *opts, const char *out_path,
                                 size_t *npages);

/* ---- an archive built source by source (memory flat in the sources) ------

 * rg_render_archive needs every document in memory at once: some 114 KiB
 * a source.  An rg_archive keeps only what the front matter needs of each
 * source (its meta, approval state, indicators' numbers, names, weights,
 * scores and evidence items: a few hundred bytes an indicator) and loads
 * the whole document again from its file when its forms are drawn, a few
 * dozen at a time, embedding the source from the file too.  The bytes are
 * those rg_render_archive gives for the same documents and sources.
 *
 *   rg_archive *ar = rg_archive_new(n, &load_options);
 *   for each source i (on any thread): doc = rg_document_load_memory_with(...);
 *       rg_archive_set_source(ar, ctx, i, doc, name, data, len, path);
 *       rg_document_free(doc);
 *   rg_archive_render_file(ar, eng, ctx, &opts, "archive.pdf", &npages);
 *   rg_archive_free(ar); */
typedef struct rg_archive rg_archive;

/* A new archive of nsources sources, to be given with rg_archive_set_source.
 * load: the options the sources are loaded with (borrowed: it and what it
 * points at must outlive the archive; NULL: none).  NULL when out of memory. */
RG_API rg_archive *rg_archive_new(size_t nsources, const rg_load_options *load);
/* Source i (< nsources) of ar: doc, loaded (with ar's load options) from
 * the len bytes at data, which were read from the file at path, or, with
 * path NULL, came from elsewhere (standard input: then ar keeps a copy of
 * them).  name is the attachment's name as rg_source_bytes.name.  ar keeps
 * a digest of doc and the bytes' size and SHA-256, so doc and data may be
 * freed on return.  The file at path must still hold those bytes when the
 * archive is rendered (it is read again then, and checked).  Calls for
 * different i may run on different threads at once.  RG_OK, or
 * RG_ERR_NOMEM / RG_ERR_USAGE with a diagnostic in ctx. */
RG_API rg_status rg_archive_set_source(rg_archive *ar, rg_context *ctx, size_t i,
                                       const rg_document *doc, const char *name,
                                       const char *data, size_t len, const char *path);
/* rg_render_archive and rg_render_archive_file of ar's sources (every one
 * must have been set).  A source whose file no longer holds the bytes it
 * was loaded from, or cannot be read, is an error naming it
 * ("source-changed", "io-read") and nothing is written. */
RG_API rg_status rg_archive_render(rg_archive *ar, rg_engine *eng, rg_context *ctx,
                                   const rg_archive_options *opts, unsigned char **data,
                                   size_t *len, size_t *npages);
RG_API rg_status rg_archive_render_file(rg_archive *ar, rg_engine *eng, rg_context *ctx,
                                        const rg_archive_options *opts, const char *out_path,
                                        size_t *npages);
/* The manifest ar's archive embeds (see rg_archive_manifest_docs), or NULL
 * when out of memory or an evidence file cannot be read.  Free with
 * rg_free(). */
RG_API char *rg_archive_manifest_text(const rg_archive *ar);
RG_API void rg_archive_free(rg_archive *ar);

/* The manifest of an archive's inputs as JSON: each source's attachment
 * name (its file name; "N-name" when two sources share one), size and
 * SHA-256, in order.  A new NUL-terminated string to free with rg_free(), or
 * NULL when out of memory. */
RG_API char *rg_archive_manifest(const rg_source_bytes *sources, size_t n);
/* The manifest an archive of docs embeds: rg_archive_manifest's, each
 * source with its approval state ("state", "submitted_by", "submitted_on",
 * "approved_by", "approved_on"; null when not stated), plus an
 * "evidence" list of every evidence file (attachment name, source,
 * indicator, item, path as written, MIME type, size, SHA-256), read now.
 * NULL when out of memory or a file cannot be read. */
RG_API char *rg_archive_manifest_docs(const rg_document *const *docs,
                                      const rg_source_bytes *sources, size_t n);

#ifdef __cplusplus
}
#endif
#endif
