/* load.h - the loader's internals shared by xml.c (bytes -> validated
 * libxml2 tree) and build.c (tree -> model).  Not public. */
#ifndef RG_LOAD_LOAD_H
#define RG_LOAD_LOAD_H

#include "model/model.h"

#include <libxml/tree.h>

/* Largest source accepted, in bytes. */
#define RG_MAX_SOURCE_SIZE ((size_t)64 << 20)
/* Resource bounds on a parsed source, so that layout time and memory stay
 * bounded whatever the file holds (README "Guarantees"): all character
 * data together (4 MiB of Thai is about 700 pages), and the number of
 * elements (a 10,000-row table of 3 cells is 40,000).  libxml2 adds its
 * own: 256 levels of nesting and 10 MB per text node. */
#define RG_MAX_TEXT_BYTES ((size_t)4 << 20)
#define RG_MAX_ELEMENTS ((size_t)200000)
/* Bounds on the files a source names (evidence, pictures, signatures):
 * each file's size (an archive embeds them), and a picture's pixels (a
 * 48-megapixel phone photo passes; 20,000 x 20,000 does not), which bounds
 * what decoding it may take. */
#define RG_MAX_FILE_SIZE ((size_t)32 << 20)
#define RG_MAX_IMAGE_PIXELS 50000000

/* Bytes between the code-point checkpoints of rg_loader.points: a
 * position lookup scans at most two such blocks. */
#define RG_POS_BLOCK 256

/* State of one load call.  Lives on the caller's stack; nothing is global. */
typedef struct rg_loader {
    rg_context *ctx;      /* diagnostics and allocation */
    const char *file;     /* name used in diagnostics */
    const char *data;     /* the UTF-8 source, BOM stripped; not owned */
    size_t len;           /* bytes at data */
    size_t *lines;        /* byte offset of the start of each line */
    size_t nlines;        /* number of entries in lines, >= 1 */
    size_t *points;       /* code points before byte k * RG_POS_BLOCK, for each k */
    xmlDocPtr doc;        /* the parsed tree, or NULL */
    int errors;           /* errors reported by this load so far */
    int parse_errors;     /* libxml2 well-formedness errors seen */
    int schema_errors;    /* RELAX NG errors reported */
    int generic_schema;   /* "failed to validate content" errors held back */
    const void *bad_number_node; /* last element whose non-decimal number was reported */
    rg_pos generic_pos;   /* where the first held-back one was */
    char generic_msg[1024];/* its message */
    int doctype;          /* a DOCTYPE was met (parsing was stopped) */
    const char *files_root;   /* folder named files must lie in; NULL: the source's */
    const char *folder;       /* folder relative paths start from; NULL: the source's */
    const rg_source_bytes *given; /* files given with the source (rg_load_options.files) */
    size_t ngiven;
    char root_real[4096];     /* its real path once resolved, "" before */
    int root_failed;          /* it could not be resolved (reported once) */
    rg_file **files;          /* the document's files so far (heap; the arena gets a copy) */
    size_t capfiles;
    xmlDocPtr rng;        /* the schema as a plain tree, parsed for the first explanation */
    struct explained {
        const xmlNode *node; /* a node a schema error was explained for (explain.c) */
        int whole;           /* its content and siblings are covered too */
    } *explained;
    size_t nexplained, capexplained;
    int explain_whole;    /* the explanation being made covers content and siblings */
    int is_template;      /* 1: the file is a form template (hints name <template>) */
} rg_loader;

/* Report a diagnostic at p (unknown: {0,0}); errors are counted. */
void loader_diag(rg_loader *L, rg_severity sev, const char *code, rg_pos p, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Position of byte offset off in the source. */
rg_pos loader_pos_of_offset(const rg_loader *L, size_t off);

/* Position of an element's '<' (recorded while parsing); {line,0} when
 * only libxml2's line is known. */
rg_pos loader_node_pos(const rg_loader *L, const xmlNode *node);

/* Position of byte at of text node t's content (as libxml2 decoded it:
 * references resolved, CR LF as LF, CDATA merged) in the source; the
 * enclosing element's position when it cannot be found. */
rg_pos loader_text_pos(const rg_loader *L, const xmlNode *t, size_t at);

/* Position of attribute name of elem in the source, or the element's
 * position when it cannot be found. */
rg_pos loader_attr_pos(const rg_loader *L, const xmlNode *elem, const char *name);

/* Check and parse L->data..len with positions (every element's '<'
 * recorded for loader_node_pos), without the report schema: what the
 * template loader needs.  On return L->doc holds the tree when it was
 * well-formed, NULL otherwise (reported). */
void loader_read(rg_loader *L);

/* Check, parse and validate L->data..len.  On return L->doc holds the tree
 * when the source was well-formed (even if the schema rejected it), NULL
 * otherwise.  All problems are reported. */
void loader_parse(rg_loader *L);

/* The file a source names at `at` (an evidence file; picture: a figure or
 * signature, whose header is read and checked), resolved and checked as
 * files.c describes, added to doc's files once per real path.  NULL, with
 * an error reported, when it is missing, unreadable, outside the files
 * root, too large, or (picture) not an acceptable PNG or JPEG. */
const rg_file *loader_file(rg_loader *L, rg_document *doc, const char *written, rg_pos at,
                           int picture);
/* Explain libxml2's RELAX NG complaint msg about node in the project's
 * words, from the schema (explain.c): reports one error and returns 1, or
 * returns 0 when it has nothing better to say. */
int explain_schema_error(rg_loader *L, const xmlNode *node, const char *msg);
/* Explain libxml2's well-formedness error msg at p (explain.c): reports
 * it with what to do and returns 1, or returns 0 for an unknown message. */
int explain_parse_error(rg_loader *L, const char *msg, rg_pos p);
/* 1 when a complaint about node only echoes one already explained: the
 * same node, or anything inside or beside a misplaced element. */
int explain_is_follow_on(const rg_loader *L, const xmlNode *node);
/* 1 when node is an ancestor of an explained node (a complaint about it
 * that explain_schema_error cannot place is an echo). */
int explain_is_echo(const rg_loader *L, const xmlNode *node);

/* The lexical forms report.rng marks rg:lexical (lexical.c). */
typedef enum lex_kind { LEX_NONE, LEX_DECIMAL, LEX_DATE, LEX_WEIGHTS, LEX_PERCENT, LEX_LENGTH } lex_kind;
/* 1 when s has form kind (a decimal may have spaces around it; the other
 * kinds are compared with spaces collapsed, as xsd:token does); 0 for NULL. */
int lexical_match(lex_kind kind, const char *s);
/* The kind named name in report.rng ("decimal" ...); LEX_NONE if unknown. */
lex_kind lexical_kind_named(const char *name);
/* The form of attribute attr (NULL: the text) of element under parent, and
 * in *list (when not NULL) 1 for a space-separated list of them; LEX_NONE
 * when the schema gives it no lexical form. */
lex_kind lexical_kind_of(const char *element, const char *attr, const char *parent, int *list);
/* How many (element, attribute) uses lexical_kind_of knows. */
size_t lexical_forms(void);
/* Check every lexical form of L->doc, reporting each faulty element once
 * (skipping elements a schema complaint was already explained for). */
void loader_check_lexical(rg_loader *L);
/* Report v, the value of el's attribute attr (NULL: its text), which does
 * not have form kind (list: its token bad does not), in explain.c's words. */
void explain_lexical(rg_loader *L, const xmlNode *el, const char *attr, const char *v,
                     lex_kind kind, const char *bad);

/* Build the model from L->doc into a new document.  Reports lexical and
 * range problems; returns NULL only when out of memory. */
rg_document *loader_build(rg_loader *L);

#endif
