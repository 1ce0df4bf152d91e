/* xml.c - from bytes to a validated libxml2 tree, with positions.
 *
 * Design: libxml2 is used only here and in build.c, and only through a
 * per-call parser context, so loads in different threads share nothing:
 *   - errors arrive through the context's SAX serror hook (the parser) and
 *     the RELAX NG contexts' structured handlers (the schema), never through
 *     libxml2's global handlers;
 *   - safe options: no network, no DTD loading, no entity substitution, no
 *     XML_PARSE_HUGE (so libxml2's depth and size limits stay on).  On top
 *     of that any DOCTYPE stops the parse at once: the format needs no DTD,
 *     and refusing it closes XXE and entity-expansion bombs by construction;
 *   - the bytes are checked before libxml2 sees them (size bound, UTF-8
 *     validity, the encoding declaration), so those errors carry an exact
 *     line:col and the parse always runs as UTF-8 (XML_PARSE_IGNORE_ENC).
 *
 * Positions: libxml2 nodes carry only a line, so a startElementNs hook
 * records the byte offset of each element's '<' in node->_private (the
 * field libxml2 reserves for applications).  Scanning back from the
 * parser's cursor to '<' is exact because '<' cannot occur inside a tag.
 * Offsets become line:col (code points) through a table of line starts.
 *
 * Only the first well-formedness error is reported: libxml2 stops building
 * at the first one and what follows is mostly its echo.  RELAX NG errors are
 * all reported, except libxml2's generic "failed to validate content"
 * summaries, which are held back when a specific error explains them. */
#define _POSIX_C_SOURCE 200809L
#include "load/load.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The schema, embedded at build time (generated/schema_data.c). */
extern const unsigned char rg_schema_data[];
extern const size_t rg_schema_size;

/* libxml2's one-time initialisation is not safe to race; run it once. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* Initialise libxml2's parser and RELAX NG type tables (once).  The XML
 * Schema datatypes the RELAX NG schema uses (token, integer ...) are
 * initialised here too: libxml2 2.9 otherwise builds that table lazily,
 * unguarded, the first time a schema is compiled, and two batch threads
 * compiling at once could corrupt it ("Error type 'token' is not exported
 * by type library", seen about once in 25 two-source runs under load). */
static void xml_init(void)
{
    xmlInitParser();
    xmlSchemaInitTypes();
    xmlRelaxNGInitTypes();
}

/* ==== diagnostics and positions ========================================= */

void loader_diag(rg_loader *L, rg_severity sev, const char *code, rg_pos p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_vdiag(L->ctx, sev, code, L->file, p.line, p.col, NULL, fmt, ap);
    va_end(ap);
    if (sev == RG_ERROR)
        L->errors++;
}

/* Code points in [from, to) (bytes that do not continue a UTF-8
 * sequence); the scanned bytes are counted in the context's pos_steps. */
static size_t count_points(const rg_loader *L, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)L->data[i] & 0xC0) != 0x80;
    L->ctx->pos_steps += to - from;
    return n;
}

/* Code points before offset off: the checkpoint of its block plus at most
 * RG_POS_BLOCK - 1 bytes counted. */
static size_t points_before(const rg_loader *L, size_t off)
{
    size_t k = off / RG_POS_BLOCK;
    return L->points[k] + count_points(L, k * RG_POS_BLOCK, off);
}

rg_pos loader_pos_of_offset(const rg_loader *L, size_t off)
{
    rg_pos p = {0, 0};
    if (!L->lines || !L->points || off > L->len)
        return p;
    size_t lo = 0, hi = L->nlines; /* find the last line start <= off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (L->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    /* The column counts code points from the line start.  Counting them
     * byte by byte made positions quadratic on long lines (a whole 10,000-
     * row file on one line took 144 s); the checkpoints bound each lookup
     * to two partial blocks (issue #20). */
    p.line = (int)lo + 1;
    p.col = (int)(points_before(L, off) - points_before(L, L->lines[lo]) + 1);
    return p;
}

rg_pos loader_node_pos(const rg_loader *L, const xmlNode *node)
{
    while (node && node->type != XML_ELEMENT_NODE)
        node = node->parent;
    rg_pos p = {0, 0};
    if (!node)
        return p;
    if (node->_private)
        return loader_pos_of_offset(L, (size_t)(uintptr_t)node->_private - 1);
    p.line = xmlGetLineNo(node) > 0 ? (int)xmlGetLineNo(node) : 0;
    return p;
}

/* 1 for XML whitespace. */
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

rg_pos loader_attr_pos(const rg_loader *L, const xmlNode *elem, const char *name)
{
    rg_pos fallback = loader_node_pos(L, elem);
    if (!elem || !elem->_private)
        return fallback;
    size_t i = (size_t)(uintptr_t)elem->_private; /* just past '<' */
    size_t n = strlen(name);
    while (i < L->len && !is_space(L->data[i]) && L->data[i] != '>' && L->data[i] != '/')
        i++; /* the element name */
    for (;;) {
        while (i < L->len && is_space(L->data[i]))
            i++;
        if (i >= L->len || L->data[i] == '>' || L->data[i] == '/')
            return fallback;
        size_t start = i;
        while (i < L->len && !is_space(L->data[i]) && L->data[i] != '=')
            i++;
        if (i - start == n && !memcmp(L->data + start, name, n))
            return loader_pos_of_offset(L, start);
        while (i < L->len && L->data[i] != '"' && L->data[i] != '\'')
            i++;
        if (i >= L->len)
            return fallback;
        char q = L->data[i++];
        while (i < L->len && L->data[i] != q)
            i++;
        i++;
    }
}

/* ---- positions inside text ---------------------------------------------- */

/* 1 when the source has the bytes lit at off. */
static int has_at(const rg_loader *L, size_t off, const char *lit)
{
    size_t n = strlen(lit);
    return off <= L->len && L->len - off >= n && !memcmp(L->data + off, lit, n);
}

/* Offset just past the first lit at or after off, or L->len. */
static size_t past(const rg_loader *L, size_t off, const char *lit)
{
    for (; off < L->len; off++)
        if (has_at(L, off, lit))
            return off + strlen(lit);
    return L->len;
}

/* Offset just past the '>' ending the tag whose '<' is at off (quotes
 * honoured); *empty set when it ends with "/>". */
static size_t past_tag(const rg_loader *L, size_t off, int *empty)
{
    char q = 0;
    for (off++; off < L->len; off++) {
        char c = L->data[off];
        if (q) {
            q = c == q ? 0 : q;
        } else if (c == '"' || c == '\'') {
            q = c;
        } else if (c == '>') {
            *empty = L->data[off - 1] == '/';
            return off + 1;
        }
    }
    *empty = 1;
    return L->len;
}

/* Offset just past the markup or text item starting at off: a comment, a
 * processing instruction, a whole element (its content and end tag), or a
 * run of character data (CDATA sections included, as the loader merges
 * them into the text). */
static size_t past_item(const rg_loader *L, size_t off)
{
    size_t depth = 0;
    while (off < L->len) {
        if (has_at(L, off, "<!--"))
            off = past(L, off + 4, "-->");
        else if (has_at(L, off, "<![CDATA["))
            off = past(L, off + 9, "]]>");
        else if (has_at(L, off, "<?"))
            off = past(L, off + 2, "?>");
        else if (has_at(L, off, "</")) {
            int e;
            off = past_tag(L, off, &e);
            if (depth)
                depth--;
        } else if (L->data[off] == '<') {
            int e;
            off = past_tag(L, off, &e);
            depth += !e;
        } else {
            while (off < L->len && (L->data[off] != '<' || has_at(L, off, "<![CDATA[")))
                off = has_at(L, off, "<![CDATA[") ? past(L, off + 9, "]]>") : off + 1;
        }
        if (!depth)
            return off;
    }
    return L->len;
}

/* The UTF-8 length of the character the reference &...; at off stands
 * for; *end is set past its ';'. */
static size_t entity_len(const rg_loader *L, size_t off, size_t *end)
{
    size_t e = off + 1;
    while (e < L->len && L->data[e] != ';' && e - off < 16)
        e++;
    *end = e < L->len ? e + 1 : L->len;
    if (off + 1 >= L->len || L->data[off + 1] != '#')
        return 1; /* &amp; &lt; &gt; &quot; &apos; */
    int hex = off + 2 < e && (L->data[off + 2] == 'x' || L->data[off + 2] == 'X');
    unsigned long cp = 0;
    for (size_t i = off + 2 + (size_t)hex; i < e && cp < 0x110000; i++) {
        char c = L->data[i];
        int v = c >= '0' && c <= '9' ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0)
            break;
        cp = cp * (hex ? 16 : 10) + (unsigned long)v;
    }
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

rg_pos loader_text_pos(const rg_loader *L, const xmlNode *t, size_t at)
{
    rg_pos fallback = loader_node_pos(L, t);
    /* The start of t's raw text: past its nearest element sibling before
     * it (or its parent's start tag), then past the comments and PIs
     * between. */
    const xmlNode *e = t->prev;
    size_t between = 0;
    for (; e && e->type != XML_ELEMENT_NODE; e = e->prev)
        between++;
    size_t off;
    if (e && e->_private) {
        off = past_item(L, (size_t)(uintptr_t)e->_private - 1);
    } else if (!e && t->parent && t->parent->type == XML_ELEMENT_NODE && t->parent->_private) {
        int empty;
        off = past_tag(L, (size_t)(uintptr_t)t->parent->_private - 1, &empty);
    } else {
        return fallback;
    }
    for (; between; between--)
        off = past_item(L, off);
    /* Walk the raw bytes and the decoded content together to byte at:
     * an entity or character reference is one character, CR LF is one
     * LF, CDATA markers are none. */
    for (size_t d = 0; d < at && off < L->len;) {
        if (has_at(L, off, "<![CDATA[")) {
            off += 9;
        } else if (has_at(L, off, "]]>")) {
            off += 3;
        } else if (L->data[off] == '<') {
            return fallback; /* t does not end where it should: give up */
        } else if (L->data[off] == '&') {
            d += entity_len(L, off, &off);
        } else if (L->data[off] == '\r' && off + 1 < L->len && L->data[off + 1] == '\n') {
            off += 2;
            d++;
        } else {
            off++;
            d++;
        }
    }
    return off <= L->len ? loader_pos_of_offset(L, off) : fallback;
}

/* Copy a libxml2 message without its trailing newline. */
static void clean_message(char *dst, size_t size, const char *msg)
{
    snprintf(dst, size, "%s", msg ? msg : "unknown XML error");
    size_t n = strlen(dst);
    while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
        dst[--n] = 0;
}

/* ==== byte-level checks ================================================= */

/* Index the start of every line (LF, CRLF or lone CR ends a line) and the
 * code points before every RG_POS_BLOCK-th byte.  Returns -1 when out of
 * memory. */
static int index_lines(rg_loader *L)
{
    size_t cap = 0;
    if (rg_grow(L->ctx, (void **)&L->lines, &cap, 1, sizeof *L->lines))
        return -1;
    L->lines[0] = 0;
    L->nlines = 1;
    size_t nblocks = L->len / RG_POS_BLOCK + 1, points = 0;
    L->points = rg_malloc(L->ctx, nblocks * sizeof *L->points);
    if (!L->points)
        return -1;
    for (size_t i = 0; i < L->len; i++) {
        if (i % RG_POS_BLOCK == 0)
            L->points[i / RG_POS_BLOCK] = points;
        char c = L->data[i];
        points += ((unsigned char)c & 0xC0) != 0x80;
        if (c == '\r' && i + 1 < L->len && L->data[i + 1] == '\n')
            continue; /* the LF ends it */
        if (c == '\n' || c == '\r') {
            if (rg_grow(L->ctx, (void **)&L->lines, &cap, L->nlines + 1, sizeof *L->lines))
                return -1;
            L->lines[L->nlines++] = i + 1;
        }
    }
    if (L->len % RG_POS_BLOCK == 0)
        L->points[L->len / RG_POS_BLOCK] = points;
    return 0;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is invalid
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (!n || c > 0xF4 || n > avail)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
        (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return n;
}

/* Report the first invalid UTF-8 byte.  Returns 0 when all is valid. */
static int check_utf8(rg_loader *L)
{
    const unsigned char *s = (const unsigned char *)L->data;
    for (size_t i = 0; i < L->len;) {
        size_t n = utf8_seq(s + i, L->len - i);
        if (!n) {
            loader_diag(L, RG_ERROR, "utf8", loader_pos_of_offset(L, i),
                        "invalid UTF-8: byte 0x%02X cannot start or continue a character here; "
                        "report sources must be saved as UTF-8", s[i]);
            return -1;
        }
        i += n;
    }
    return 0;
}

/* The XML declaration may name only UTF-8.  Reports and returns -1 when it
 * names another encoding. */
static int check_declared_encoding(rg_loader *L)
{
    if (L->len < 5 || memcmp(L->data, "<?xml", 5))
        return 0;
    size_t end = 5;
    while (end + 1 < L->len && end < 1024 && !(L->data[end] == '?' && L->data[end + 1] == '>'))
        end++;
    for (size_t i = 5; i + 8 < end; i++) {
        if (memcmp(L->data + i, "encoding", 8))
            continue;
        size_t j = i + 8;
        while (j < end && (is_space(L->data[j]) || L->data[j] == '='))
            j++;
        if (j >= end || (L->data[j] != '"' && L->data[j] != '\''))
            return 0; /* malformed: the parser will say so */
        char q = L->data[j++];
        size_t k = j;
        while (k < end && L->data[k] != q)
            k++;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(k - j), L->data + j);
        if (!strcasecmp(name, "UTF-8") || !strcasecmp(name, "UTF8"))
            return 0;
        loader_diag(L, RG_ERROR, "encoding", loader_pos_of_offset(L, j),
                    "the file declares encoding \"%s\"; report sources must be UTF-8 "
                    "(save the file as UTF-8 and declare encoding=\"UTF-8\")", name);
        return -1;
    }
    return 0;
}

/* ==== libxml2 hooks ===================================================== */

/* The parser's structured error hook.  user is the parser context, whose
 * _private is the loader. */
static void on_parse_error(void *user, xmlErrorPtr e)
{
    xmlParserCtxtPtr pc = user;
    rg_loader *L = pc->_private;
    if (L->doctype || !e)
        return;
    char msg[1024];
    clean_message(msg, sizeof msg, e->message);
    rg_pos p = {e->line, e->int2};
    if (e->level == XML_ERR_WARNING) {
        loader_diag(L, RG_WARNING, "xml", p, "%s", msg);
        return;
    }
    if (L->parse_errors++)
        return; /* only the first well-formedness error is meaningful */
    if (strstr(msg, "Excessive depth in document"))
        loader_diag(L, RG_ERROR, "too-deep", p,
                    "elements are nested more than 256 levels deep (the limit)");
    else if (strstr(msg, "huge text node") || strstr(msg, "too long") ||
             strstr(msg, "Huge input lookup"))
        loader_diag(L, RG_ERROR, "too-large", p,
                    "a text, name or attribute value here is larger than the parser's limit "
                    "(10 MB of text)");
    else if (explain_parse_error(L, msg, p))
        return;
    else if (e->code == XML_ERR_DOCUMENT_END || strstr(msg, "Premature end of data"))
        loader_diag(L, RG_ERROR, "xml", p, "%s (is the file truncated?)", msg);
    else
        loader_diag(L, RG_ERROR, "xml", p, "not well-formed XML: %s", msg);
}

/* startElementNs hook: build the node as SAX2 does, then remember where
 * its '<' is. */
static void on_start_element(void *user, const xmlChar *localname, const xmlChar *prefix,
                             const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
                             int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr pc = user;
    rg_loader *L = pc->_private;
    xmlSAX2StartElementNs(user, localname, prefix, uri, nb_namespaces, namespaces,
                          nb_attributes, nb_defaulted, attributes);
    xmlParserInputPtr in = pc->input;
    if (!pc->node || !in || !in->base || !in->cur)
        return;
    const xmlChar *q = in->cur;
    while (q > in->base && *q != '<')
        q--;
    if (*q != '<')
        return;
    size_t off = (size_t)in->consumed + (size_t)(q - in->base);
    if (off < L->len && L->data[off] == '<')
        pc->node->_private = (void *)(uintptr_t)(off + 1);
}

/* internalSubset hook: a DOCTYPE.  Stop at once; nothing in it is read. */
static void on_doctype(void *user, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr pc = user;
    rg_loader *L = pc->_private;
    L->doctype = 1;
    xmlStopParser(pc);
}

/* Errors in the embedded schema itself: a build defect, reported plainly. */
static void on_schema_error(void *user, xmlErrorPtr e)
{
    rg_loader *L = user;
    char msg[1024];
    clean_message(msg, sizeof msg, e ? e->message : NULL);
    rg_pos none = {0, 0};
    loader_diag(L, RG_ERROR, "internal", none, "the built-in schema is invalid: %s", msg);
}

/* 1 for libxml2's generic RELAX NG summaries that only echo a specific
 * error reported for the same element or a descendant. */
static int generic_schema_error(const char *msg)
{
    static const char *const inline_names[] = {"b", "i", "u", "a", "br", "date", "frac", "num"};
    char name[64];
    if (sscanf(msg, "Expecting an element %63[^,], got nothing", name) == 1)
        for (size_t i = 0; i < sizeof inline_names / sizeof inline_names[0]; i++)
            if (!strcmp(name, inline_names[i]))
                return 1; /* an artefact of mixed content, never the real problem */
    return strstr(msg, "failed to validate content") || strstr(msg, "failed to validate attributes") ||
           strstr(msg, "Invalid sequence in interleave") || strstr(msg, "has extra content");
}

/* The children an element must have (docs/format.md), for naming what is
 * missing when libxml2 only says "Expecting an element , got nothing". */
static const struct {
    const char *element;
    const char *required[6];
} required_children[] = {
    {"report", {"meta"}},
    {"meta", {"agency", "fiscal-year", "round"}},
    {"indicator", {"name", "supervisor", "criteria", "calculation"}},
    {"person", {"name"}},
    {"calculation", {"row"}},
    {"row", {"label", "result"}},
    {"summary", {"title"}},
    {"item", {"name", "result"}},
    {"group", {"name", "item"}},
    {"targets", {"basic", "standard", "advanced"}},
    {"frac", {"num", "den"}},
};

/* Write "<a>, <b>" for the required children node lacks; "" when none is
 * known to be missing. */
static void missing_children(const xmlNode *node, char *out, size_t size)
{
    out[0] = 0;
    if (!node)
        return;
    for (size_t i = 0; i < sizeof required_children / sizeof required_children[0]; i++) {
        if (strcmp((const char *)node->name, required_children[i].element))
            continue;
        for (size_t k = 0; k < 6 && required_children[i].required[k]; k++) {
            const char *want = required_children[i].required[k];
            int found = 0;
            for (const xmlNode *c = node->children; c && !found; c = c->next)
                found = c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, want);
            if (!found) {
                size_t n = strlen(out);
                snprintf(out + n, size - n, "%s<%s>", n ? ", " : "", want);
            }
        }
    }
    if (!strcmp((const char *)node->name, "report")) {
        int forms = 0;
        for (const xmlNode *c = node->children; c; c = c->next)
            forms |= c->type == XML_ELEMENT_NODE && (!strcmp((const char *)c->name, "indicator") ||
                                                     !strcmp((const char *)c->name, "summary"));
        if (!forms) {
            size_t n = strlen(out);
            snprintf(out + n, size - n, "%s<indicator> or <summary>", n ? ", " : "");
        }
    }
}

/* Reword libxml2's RELAX NG messages into the project's style, and point
 * attribute errors at the attribute.  Unknown forms are kept as they are. */
static void reword_schema_error(rg_loader *L, const xmlNode *node, char *msg, size_t size,
                                rg_pos *p)
{
    char a[256], b[256];
    char out[1024];
    if (sscanf(msg, "Did not expect element %255s there", a) == 1)
        snprintf(out, sizeof out,
                 "element <%s> is not allowed here (it is unknown or misplaced, or a required "
                 "element before it is missing)", a);
    else if (sscanf(msg, "Invalid attribute %255s for element %255s", a, b) == 2) {
        /* libxml2 says the same for a known optional attribute whose value
         * has the wrong type, so name both possibilities then. */
        static const char *const known[] = {
            "number", "weight", "template", "rounds", "digits", "complete", "caption", "level",
            "value", "note", "score", "weighted", "align", "indent", "numbering", "start",
            "marker", "widths", "header-rows", "width", "colspan", "rowspan", "valign", "stated",
            "higher-is-better", "points", "threshold", "href", "format", "decimals", "weights",
            "status", "from-round", "method", "thresholds", "floor", "override", "self-score",
            "parent"};
        int is_known = 0;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            is_known |= !strcmp(a, known[i]);
        xmlChar *v = node ? xmlGetNoNsProp(node, (const xmlChar *)a) : NULL;
        if (is_known)
            snprintf(out, sizeof out, "invalid value \"%.200s\" for attribute \"%s\" of <%s> "
                     "(or the attribute is not allowed there)", v ? (const char *)v : "", a, b);
        else
            snprintf(out, sizeof out, "unknown attribute \"%s\" on <%s>", a, b);
        xmlFree(v);
        *p = loader_attr_pos(L, node, a);
    } else if (sscanf(msg, "Expecting an element %255[^,], got nothing", a) == 1)
        snprintf(out, sizeof out, "<%s> is missing the required element <%s>",
                 node ? (const char *)node->name : "?", a);
    else if (!strcmp(msg, "Expecting an element , got nothing")) {
        char which[200];
        missing_children(node, which, sizeof which);
        if (which[0])
            snprintf(out, sizeof out, "<%s> is missing the required element%s %s",
                     node ? (const char *)node->name : "?", strchr(which, ',') ? "s" : "", which);
        else
            snprintf(out, sizeof out, "<%s> is missing a required element",
                     node ? (const char *)node->name : "?");
    }
    else if (!strcmp(msg, "Error validating value") && node && node->type == XML_ELEMENT_NODE) {
        xmlChar *v = xmlNodeGetContent(node);
        snprintf(out, sizeof out, "\"%.200s\" is not an allowed value for <%s>",
                 v ? (const char *)v : "", (const char *)node->name);
        xmlFree(v);
    } else if (sscanf(msg, "Element %255s failed to validate attributes", a) == 1)
        snprintf(out, sizeof out, "an attribute of <%s> is missing or has an invalid value", a);
    else if (sscanf(msg, "Element %255s failed to validate content", a) == 1)
        snprintf(out, sizeof out, "the content of <%s> does not match the format", a);
    else if (sscanf(msg, "Type %255s doesn't allow value '%255[^']'", a, b) == 2)
        /* only number.value uses the string type (report.rng) */
        snprintf(out, sizeof out, "\"%s\" is not a valid %s value", b,
                 !strcmp(a, "string") ? "decimal" : a);
    else
        return;
    snprintf(msg, size, "%s", out);
}

/* RELAX NG validation errors. */
static void on_valid_error(void *user, xmlErrorPtr e)
{
    rg_loader *L = user;
    if (!e)
        return;
    char msg[1024];
    clean_message(msg, sizeof msg, e->message);
    const xmlNode *node = e->node;
    if (node && explain_is_follow_on(L, node))
        return; /* one mistake, one message */
    if (node && explain_schema_error(L, node, msg))
        return;
    if (node && explain_is_echo(L, node))
        return; /* a parent's summary of a problem explained inside it */
    rg_pos p = node ? loader_node_pos(L, node) : (rg_pos){e->line, 0};
    reword_schema_error(L, node, msg, sizeof msg, &p);
    if (generic_schema_error(e->message ? e->message : "")) {
        if (!L->generic_schema++) {
            L->generic_pos = p;
            snprintf(L->generic_msg, sizeof L->generic_msg, "%s", msg);
        }
        return;
    }
    L->schema_errors++;
    loader_diag(L, RG_ERROR, "schema", p, "%s", msg);
}

/* ==== the parse ========================================================= */

static void free_schema(void *schema) { xmlRelaxNGFree(schema); }

/* The compiled schema of this context, parsed on its first use.  Parsing
 * the embedded schema cost more than validating a whole report, once per
 * document; now it is once per context (= per thread), kept in the context
 * because libxml2 does not promise that one compiled RELAX NG schema may
 * validate on several threads at once.  NULL on failure (reported). */
static xmlRelaxNGPtr context_schema(rg_loader *L)
{
    rg_context *ctx = L->ctx;
    if (ctx->schema)
        return ctx->schema;
    xmlRelaxNGParserCtxtPtr pc =
        xmlRelaxNGNewMemParserCtxt((const char *)rg_schema_data, (int)rg_schema_size);
    if (!pc) {
        rg_pos none = {0, 0}; /* no compound literal in the call: xgettext counts its comma */
        loader_diag(L, RG_ERROR, "nomem", none, "out of memory loading the schema");
        return NULL;
    }
    xmlRelaxNGSetParserStructuredErrors(pc, on_schema_error, L);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
    if (schema) {
        ctx->schema = schema;
        ctx->schema_free = free_schema;
    }
    return schema;
}

/* Validate L->doc against the embedded schema, reporting every error. */
static void validate(rg_loader *L)
{
    xmlRelaxNGPtr schema = context_schema(L);
    if (!schema)
        return;
    xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
    if (vc) {
        xmlRelaxNGSetValidStructuredErrors(vc, on_valid_error, L);
        int rc = xmlRelaxNGValidateDoc(vc, L->doc);
        if (rc != 0 && !L->schema_errors) {
            if (L->generic_schema)
                loader_diag(L, RG_ERROR, "schema", L->generic_pos, "%s", L->generic_msg);
            else
                loader_diag(L, RG_ERROR, "schema", loader_node_pos(L, xmlDocGetRootElement(L->doc)),
                            "the document does not match the report schema");
        }
        xmlRelaxNGFreeValidCtxt(vc);
    }
}

/* Find needle in the source; SIZE_MAX when absent. */
static size_t find(const rg_loader *L, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= L->len; i++)
        if (!memcmp(L->data + i, needle, n))
            return i;
    return SIZE_MAX;
}

/* Report, at the element where it is crossed, the first resource bound of
 * RG_MAX_TEXT_BYTES / RG_MAX_ELEMENTS the tree breaks.  Iterative (no
 * recursion), linear in the tree.  Returns -1 when a bound is crossed. */
static int check_bounds(rg_loader *L)
{
    size_t text = 0, elements = 0;
    xmlNode *n = xmlDocGetRootElement(L->doc);
    while (n) {
        if (n->type == XML_ELEMENT_NODE && ++elements > RG_MAX_ELEMENTS) {
            loader_diag(L, RG_ERROR, "too-large", loader_node_pos(L, n),
                        "the document has more than %zu elements (the limit)", RG_MAX_ELEMENTS);
            return -1;
        }
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
            (text += strlen((const char *)n->content)) > RG_MAX_TEXT_BYTES) {
            loader_diag(L, RG_ERROR, "too-large", loader_node_pos(L, n),
                        "the document has more than %zu bytes of text (the limit); split the "
                        "report into several files", RG_MAX_TEXT_BYTES);
            return -1;
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent->type == XML_ELEMENT_NODE ? n->parent : NULL;
        if (n)
            n = n->next;
    }
    return 0;
}

void loader_read(rg_loader *L)
{
    rg_pos none = {0, 0};
    pthread_once(&xml_once, xml_init);
    if (L->len > RG_MAX_SOURCE_SIZE) {
        loader_diag(L, RG_ERROR, "too-large", none,
                    "the file has %zu bytes, more than the limit of %zu", L->len,
                    RG_MAX_SOURCE_SIZE);
        return;
    }
    if (L->len >= 2 && (((unsigned char)L->data[0] == 0xFF && (unsigned char)L->data[1] == 0xFE) ||
                        ((unsigned char)L->data[0] == 0xFE && (unsigned char)L->data[1] == 0xFF))) {
        rg_pos start = {1, 1};
        loader_diag(L, RG_ERROR, "encoding", start,
                    "the file is UTF-16; report sources must be saved as UTF-8");
        return;
    }
    /* A Word or Excel file (a zip) or a PDF saved or renamed as .xml. */
    if ((L->len >= 4 && !memcmp(L->data, "PK\x03\x04", 4)) ||
        (L->len >= 5 && !memcmp(L->data, "%PDF-", 5))) {
        rg_pos start = {1, 1};
        if (L->data[0] == 'P')
            loader_diag(L, RG_ERROR, "not-xml", start,
                        "the file is a zip archive (a Word .docx or Excel .xlsx file?), not a "
                        "report source; write the report as XML, saved as UTF-8 text");
        else
            loader_diag(L, RG_ERROR, "not-xml", start,
                        "the file is a PDF, not a report source; give raingan the XML the PDF "
                        "is made from");
        return;
    }
    if (L->len >= 3 && !memcmp(L->data, "\xEF\xBB\xBF", 3)) {
        L->data += 3; /* a UTF-8 byte order mark is harmless; positions skip it */
        L->len -= 3;
    }
    if (index_lines(L))
        return;
    check_declared_encoding(L);
    if (check_utf8(L))
        return;
    if (L->len > INT32_MAX) /* libxml2 takes an int size */
        return;

    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) {
        loader_diag(L, RG_ERROR, "nomem", none, "out of memory creating the XML parser");
        return;
    }
    pc->_private = L;
    pc->sax->serror = on_parse_error;
    pc->sax->startElementNs = on_start_element;
    pc->sax->internalSubset = on_doctype;
    pc->sax->externalSubset = NULL;
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC;
    xmlDocPtr doc = xmlCtxtReadMemory(pc, L->data, (int)L->len, L->file, "UTF-8", options);
    int wellformed = pc->wellFormed;
    xmlFreeParserCtxt(pc);
    if (L->doctype) {
        size_t at = find(L, "<!DOCTYPE");
        loader_diag(L, RG_ERROR, "doctype", at == SIZE_MAX ? none : loader_pos_of_offset(L, at),
                    "DOCTYPE declarations are not allowed in report sources (raingan never "
                    "loads DTDs or external entities and does not expand custom entities)");
        xmlFreeDoc(doc);
        return;
    }
    if (!doc || !wellformed || L->parse_errors || !xmlDocGetRootElement(doc)) {
        if (!L->parse_errors)
            loader_diag(L, RG_ERROR, "xml", none, "the file holds no XML document");
        xmlFreeDoc(doc);
        return;
    }
    L->doc = doc;
}

void loader_parse(rg_loader *L)
{
    loader_read(L);
    if (!L->doc)
        return;
    if (check_bounds(L)) {
        xmlDocPtr doc = L->doc;
        L->doc = NULL;
        xmlFreeDoc(doc);
        return;
    }
    validate(L);
    loader_check_lexical(L);
}
