/* build.c - from the libxml2 tree to the model (model.h).
 *
 * Design: one recursive walk, tolerant of any shape.  The schema has
 * already reported structural problems, but the builder still runs when
 * validation failed so that semantic errors of the same file are reported
 * in the same run; hence every lookup accepts missing children and unknown
 * elements are skipped (or, inside inline content, read for their text).
 *
 * Division of work with the schema: the schema and lexical.c check lexical
 * forms (decimals, date shapes, enumerations); the builder checks what a schema
 * cannot say well: ranges (weight 0-100, score 0-5, level 1-5), calendar
 * dates, column width specs and fiscal-year plausibility.  A value the
 * builder cannot parse is treated as absent without a second message.
 *
 * Inline content is flattened while walking (model.h's invariants): HTML
 * whitespace collapsing across element boundaries, style flags instead of
 * nesting, <date>/<num> resolved to text in the effective digits.  The
 * items grow in a heap array and are copied into the arena when done. */
#define _POSIX_C_SOURCE 200809L
#include "load/load.h"
#include "load/textref.h"
#include "load/width.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builder state for one document. */
/* A <ref item="n"> met while building, checked once its form's evidence
 * items are known. */
typedef struct evref {
    rg_pos pos;  /* the item attribute */
    long item;   /* the number referred to */
} evref;

typedef struct builder {
    rg_loader *L;    /* positions and diagnostics */
    rg_document *doc;/* the document being built */
    rg_arena *a;     /* doc's arena */
    evref *refs;     /* references of the part being built (heap) */
    size_t nrefs, caprefs;
    /* The indicator being built: its evidence item numbers, sorted (in
     * doc's arena), for references written as plain text; 0 outside an
     * indicator or when it has no items (then text is never scanned). */
    const long *items;
    size_t nitems;
    const char *ind_number; /* its number, for messages */
    int in_cell;     /* > 0 while building a table cell's or a summary row's content,
                        where no page may break */
} builder;

/* ==== tree helpers ====================================================== */

/* 1 when n is an element named name. */
static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The first child element of parent named name, or NULL. */
static const xmlNode *child(const xmlNode *parent, const char *name)
{
    for (const xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

/* The next sibling element after n named name, or NULL. */
static const xmlNode *next_el(const xmlNode *n, const char *name)
{
    for (n = n->next; n; n = n->next)
        if (is_el(n, name))
            return n;
    return NULL;
}

/* Number of child elements named name. */
static size_t count_children(const xmlNode *parent, const char *name)
{
    size_t n = 0;
    for (const xmlNode *c = child(parent, name); c; c = next_el(c, name))
        n++;
    return n;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Copy s into the arena with whitespace runs collapsed to one space and
 * the ends trimmed.  NULL gives NULL. */
static char *collapse(builder *B, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *d = arena_alloc(B->a, n + 1);
    if (!d)
        return NULL;
    size_t k = 0;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        if (is_space(s[i])) {
            if (!space)
                d[k++] = ' ';
            space = 1;
        } else {
            d[k++] = s[i];
            space = 0;
        }
    }
    if (k > 0 && d[k - 1] == ' ')
        k--;
    d[k] = 0;
    return d;
}

/* An attribute value, whitespace-collapsed, in the arena; NULL if absent. */
static char *attr(builder *B, const xmlNode *n, const char *name)
{
    if (!n)
        return NULL;
    xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = collapse(B, (const char *)v);
    xmlFree(v);
    return s;
}

/* The text content of an element, collapsed; NULL when n is NULL. */
static char *text_of(builder *B, const xmlNode *n)
{
    if (!n)
        return NULL;
    xmlChar *v = xmlNodeGetContent(n);
    char *s = collapse(B, v ? (const char *)v : "");
    xmlFree(v);
    return s;
}

/* Parse a decimal number (optional sign, digits, optional fraction; no
 * exponent, as xsd:decimal).  Returns 0 and sets *out on success. */
static int parse_decimal(const char *s, double *out)
{
    rg_dec d;
    if (dec_parse(s, &d) != DEC_OK)
        return -1;
    *out = dec_to_double(d);
    return 0;
}

/* A numeric attribute: 1 and *v set when present and parseable, else 0. */
static int num_attr(builder *B, const xmlNode *n, const char *name, double *v)
{
    return parse_decimal(attr(B, n, name), v) == 0;
}

/* An exact decimal attribute: 1 and *v set when present and a decimal.
 * A decimal with more than 36 digits before the point is reported
 * (out-of-range) and gives 0. */
static int dec_attr(builder *B, const xmlNode *n, const char *name, rg_dec *v)
{
    const char *s = attr(B, n, name);
    int st = dec_parse(s, v);
    if (st == DEC_TOO_LARGE)
        loader_diag(B->L, RG_ERROR, "out-of-range", loader_attr_pos(B->L, n, name),
                    "%s=\"%.60s...\" on <%s> is out of range: raingan computes with at most "
                    "36 digits before the decimal point", name, s, (const char *)n->name);
    return st == DEC_OK;
}

/* As written, in digits d, or NULL. */
static char *attr_digits(builder *B, const xmlNode *n, const char *name, rg_digits d)
{
    return model_digits_dup(B->a, attr(B, n, name), d);
}

/* 1 when a boolean attribute says true. */
static int bool_attr(builder *B, const xmlNode *n, const char *name)
{
    const char *v = attr(B, n, name);
    return v && (!strcmp(v, "true") || !strcmp(v, "1"));
}

/* The method= of a row or target table; dflt when absent. */
static rg_method method_attr(builder *B, const xmlNode *n, rg_method dflt)
{
    int m = score_method_from_name(attr(B, n, "method"));
    return m < 0 ? dflt : (rg_method)m;
}

/* Report an out-of-range numeric attribute.  Returns 1 when in range. */
static int check_range(builder *B, const xmlNode *n, const char *name, double v, double lo,
                       double hi)
{
    if (v >= lo && v <= hi)
        return 1;
    loader_diag(B->L, RG_ERROR, "out-of-range", loader_attr_pos(B->L, n, name),
                "%s=\"%s\" on <%s> is out of range: it must be between %g and %g", name,
                attr(B, n, name), (const char *)n->name, lo, hi);
    return 0;
}

static rg_pos pos_of(builder *B, const xmlNode *n) { return loader_node_pos(B->L, n); }

/* The effective digits of n: its digits attribute, else inherited. */
static rg_digits digits_of(builder *B, const xmlNode *n, rg_digits inherited)
{
    const char *d = attr(B, n, "digits");
    if (d && !strcmp(d, "thai"))
        return RG_DIGITS_THAI;
    if (d && !strcmp(d, "arabic"))
        return RG_DIGITS_ARABIC;
    return inherited;
}

/* Index of s in names (count entries), or -1. */
static int lookup(const char *s, const char *const *names, int count)
{
    for (int i = 0; s && i < count; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

/* Alignment names, in rg_align order. */
static const char *const align_names[] = {"left", "right", "center", "justify",
                                          "thai-distributed"};

/* ==== inline content ==================================================== */

/* Growing inline sequence with the whitespace state of HTML collapsing. */
typedef struct ibuild {
    builder *B;
    rg_inline *items; /* heap array, copied to the arena by ib_finish */
    size_t n, cap;    /* used / allocated items */
    rg_buf run;       /* the TEXT run being collected */
    unsigned style;   /* style of run (valid when run.len > 0) */
    const char *href; /* href of run */
    rg_pos pos;       /* position of run */
    int last_space;   /* 1: the last emitted character was a space, or at start */
} ibuild;

static void ib_init(ibuild *ib, builder *B)
{
    memset(ib, 0, sizeof *ib);
    ib->B = B;
    buf_init(&ib->run, B->L->ctx);
    ib->last_space = 1;
}

/* Append one item. */
static void ib_push(ibuild *ib, rg_inline item)
{
    if (rg_grow(ib->B->L->ctx, (void **)&ib->items, &ib->cap, ib->n + 1, sizeof item))
        return;
    ib->items[ib->n++] = item;
}

/* Close the current run into a TEXT item (nothing when empty). */
static void ib_flush(ibuild *ib)
{
    if (!ib->run.len)
        return;
    rg_inline it = {0};
    it.kind = RG_INLINE_TEXT;
    it.pos = ib->pos;
    it.text = arena_strndup(ib->B->a, ib->run.data, ib->run.len);
    it.style = ib->style;
    it.href = ib->href;
    buf_clear(&ib->run);
    if (it.text)
        ib_push(ib, it);
}

/* Drop one trailing space, from the run or else from the last TEXT item
 * (removing it when it becomes empty). */
static void ib_trim(ibuild *ib)
{
    if (ib->run.len) {
        if (ib->run.data[ib->run.len - 1] == ' ')
            ib->run.data[--ib->run.len] = 0;
        return;
    }
    if (ib->n && ib->items[ib->n - 1].kind == RG_INLINE_TEXT) {
        char *t = (char *)ib->items[ib->n - 1].text;
        size_t len = strlen(t);
        if (len && t[len - 1] == ' ')
            t[--len] = 0;
        if (!len)
            ib->n--;
    }
}

/* Add text in a style.  collapse: source text (whitespace collapsed);
 * otherwise generated text, added as is. */
static void ib_text(ibuild *ib, const char *s, size_t len, unsigned style, const char *href,
                    rg_pos p, int collapse_ws)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (collapse_ws && is_space(c)) {
            if (ib->last_space)
                continue;
            c = ' ';
            ib->last_space = 1;
        } else {
            ib->last_space = 0;
        }
        if (ib->run.len && (style != ib->style || href != ib->href))
            ib_flush(ib);
        if (!ib->run.len) {
            ib->style = style;
            ib->href = href;
            ib->pos = p;
        }
        buf_putc(&ib->run, c);
    }
}

/* Finish: trim, flush and copy the items into the arena. */
static void ib_finish(ibuild *ib, rg_inlines *out)
{
    ib_trim(ib);
    ib_flush(ib);
    out->count = 0;
    out->items = NULL;
    if (ib->n) {
        out->items = arena_memdup(ib->B->a, ib->items, ib->n * sizeof *ib->items);
        out->count = out->items ? ib->n : 0;
    }
    rg_free(ib->B->L->ctx, ib->items);
    buf_free(&ib->run);
}

static void build_inlines(builder *B, const xmlNode *parent, rg_digits d, rg_inlines *out);

/* Format a <num>: value as written unless decimals is given (then rounded
 * by the document's rounding= mode, half up by default, as Thai reports
 * round), optionally grouped by thousands with ",", in the given digits.
 * A zero never keeps its sign ("-0" -> "0"). */
static char *format_num(builder *B, const char *value, rg_dec v, int decimals, int grouped,
                        rg_digits d)
{
    char tmp[128];
    if (decimals >= 0)
        dec_format(v, (rg_rounding){decimals, B->doc->rounding.mode}, 0, tmp, sizeof tmp);
    else
        snprintf(tmp, sizeof tmp, "%s",
                 value[0] == '+' || (value[0] == '-' && dec_is_zero(v)) ? value + 1 : value);
    if (!grouped)
        return model_digits_dup(B->a, tmp, d);
    char out[200];
    size_t k = 0, i = 0;
    if (tmp[0] == '-')
        out[k++] = tmp[i++];
    size_t int_len = strcspn(tmp + i, ".");
    for (size_t j = 0; j < int_len; j++) {
        if (j && (int_len - j) % 3 == 0)
            out[k++] = ',';
        out[k++] = tmp[i + j];
    }
    snprintf(out + k, sizeof out - k, "%s", tmp + i + int_len);
    return model_digits_dup(B->a, out, d);
}

/* Walk the sibling nodes first..stop (exclusive; NULL: to the end) as
 * inline content; parent gives text runs their position. */
static void walk_range(ibuild *ib, const xmlNode *parent, const xmlNode *first,
                       const xmlNode *stop, unsigned style, const char *href, rg_digits d);

/* A date of the source (v, written at p in element el: <date>, <date
 * value>, <sign date>, <approved date> ...) into *y, *m, *d; 0 when it is
 * one.  Not a date: the bad-date error, unless the schema has said so for
 * el already (one mistake, one message), and -1.  A year from 2400 on is
 * a Buddhist-era year written where the Gregorian one belongs (officers
 * count in พ.ศ.; no report is dated after AD 2400): a warning, and the
 * date is read with 543 taken off, so the form shows the พ.ศ. year that
 * was meant instead of one 543 years later. */
static int build_date(builder *B, const xmlNode *el, const char *v, rg_pos p, int *y, int *m,
                      int *d)
{
    /* v with its year made Gregorian when it reads as พ.ศ. (29 February
     * 2567 is a day only in AD 2024) */
    char g[32];
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
        v++;
    snprintf(g, sizeof g, "%s", v);
    int be = strspn(g, "0123456789") >= 4 && strlen(v) < sizeof g &&
             (g[0] - '0') * 1000 + (g[1] - '0') * 100 + (g[2] - '0') * 10 + (g[3] - '0') >= 2400;
    if (be) {
        int year = (g[0] - '0') * 1000 + (g[1] - '0') * 100 + (g[2] - '0') * 10 + (g[3] - '0');
        char four[8];
        snprintf(four, sizeof four, "%04d", (year - 543) % 10000);
        memcpy(g, four, 4);
    }
    if (be && model_parse_date(g, y, m, d) == 0) {
        loader_diag(B->L, RG_WARNING, "buddhist-date", p,
                    "date \"%s\" has the Buddhist-era year %d; dates are written with the "
                    "Gregorian year: \"%04d-%02d-%02d\" (raingan reads it so, and the form "
                    "shows พ.ศ. %d)", v, *y + 543, *y, *m, *d, *y + 543);
        return 0;
    }
    if (model_parse_date(v, y, m, d) != 0) {
        if (!explain_is_follow_on(B->L, el))
            loader_diag(B->L, RG_ERROR, "bad-date", p,
                        "\"%s\" is not a valid date; write an existing Gregorian date as "
                        "YYYY-MM-DD", v);
        return -1;
    }
    return 0;
}

/* The href of <a>, or NULL (a warning) when it is longer than a PDF string
 * may be (32,767 bytes, the PDF/A limit; libharu fails over 65,535): the
 * text is then shown without the link. */
static const char *link_target(builder *B, const xmlNode *a)
{
    const char *h = attr(B, a, "href");
    if (h && strlen(h) > 32767) {
        loader_diag(B->L, RG_WARNING, "href-too-long", loader_attr_pos(B->L, a, "href"),
                    "the link target is %zu bytes, longer than a PDF string may be (32,767); "
                    "its text is shown without the link", strlen(h));
        return NULL;
    }
    return h;
}

/* ---- evidence references written as plain text ------------------------ */

/* The state of one text node being scanned for references. */
typedef struct refscan {
    ibuild *ib;
    const xmlNode *node; /* the text node (positions of warnings) */
    const char *text;    /* its content */
    size_t done;         /* bytes of text already emitted */
    unsigned style;
    rg_pos pos;          /* position of its runs */
} refscan;

/* 1 when the indicator being built has evidence item v. */
static int has_item(const builder *B, long v)
{
    size_t lo = 0, hi = B->nitems;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (B->items[mid] == v)
            return 1;
        if (B->items[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* One number of a plain-text reference: the text before it as it is, then
 * the number's own bytes linked to its item ("#evidence-N", as <ref>), or,
 * when the indicator has no such item, unlinked with a warning at it. */
static void on_textref(void *user, const textref *r)
{
    refscan *rs = user;
    builder *B = rs->ib->B;
    ib_text(rs->ib, rs->text + rs->done, r->start - rs->done, rs->style, NULL, rs->pos, 1);
    const char *h = NULL;
    if (has_item(B, r->item)) {
        char target[32];
        snprintf(target, sizeof target, "#evidence-%ld", r->item);
        h = arena_strdup(B->a, target);
    } else {
        loader_diag(B->L, RG_WARNING, "unknown-evidence",
                    loader_text_pos(B->L, rs->node, r->start),
                    "the text refers to evidence item %ld, which indicator %s does not have; "
                    "it is printed without a link",
                    r->item, B->ind_number ? B->ind_number : "");
    }
    ib_text(rs->ib, rs->text + r->start, r->end - r->start, rs->style, h, rs->pos, 1);
    rs->done = r->end;
}

/* Text node t (content s) of an indicator with evidence items: its
 * references written as plain text ("หลักฐานอ้างอิง ข้อ ๒๕ และ ๒๖")
 * become links to the items, every byte kept as written (textref.c). */
static void text_with_refs(ibuild *ib, const xmlNode *t, const char *s, unsigned style,
                           rg_pos p)
{
    refscan rs = {ib, t, s, 0, style, p};
    size_t n = strlen(s);
    textref_scan(s, n, on_textref, &rs);
    ib_text(ib, s + rs.done, n - rs.done, style, NULL, p, 1);
}

static void walk_inline(ibuild *ib, const xmlNode *parent, unsigned style, const char *href,
                        rg_digits d)
{
    walk_range(ib, parent, parent->children, NULL, style, href, d);
}

static void walk_range(ibuild *ib, const xmlNode *parent, const xmlNode *first,
                       const xmlNode *stop, unsigned style, const char *href, rg_digits d)
{
    builder *B = ib->B;
    for (const xmlNode *c = first; c && c != stop; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            const char *t = (const char *)c->content;
            if (t && !href && B->nitems)
                text_with_refs(ib, c, t, style, pos_of(B, parent));
            else if (t)
                ib_text(ib, t, strlen(t), style, href, pos_of(B, parent), 1);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        rg_pos p = pos_of(B, c);
        if (!strcmp(name, "b"))
            walk_inline(ib, c, style | RG_STYLE_BOLD, href, d);
        else if (!strcmp(name, "i"))
            walk_inline(ib, c, style | RG_STYLE_ITALIC, href, d);
        else if (!strcmp(name, "u"))
            walk_inline(ib, c, style | RG_STYLE_UNDERLINE, href, d);
        else if (!strcmp(name, "a"))
            walk_inline(ib, c, style, link_target(B, c), d);
        else if (!strcmp(name, "br")) {
            ib_trim(ib);
            ib_flush(ib);
            rg_inline it = {.kind = RG_INLINE_BREAK, .pos = p};
            ib_push(ib, it);
            ib->last_space = 1;
        } else if (!strcmp(name, "date")) {
            const char *v = attr(B, c, "value");
            int y, m, dd;
            if (v && build_date(B, c, v, loader_attr_pos(B->L, c, "value"), &y, &m, &dd) == 0) {
                char *t = model_thai_date(B->a, y, m, dd, d);
                if (t)
                    ib_text(ib, t, strlen(t), style, href, p, 0);
            }
        } else if (!strcmp(name, "ref")) {
            /* An evidence reference: a link to "#evidence-N" (layout scopes
             * it to the form), showing its content or else the number. */
            const char *v = attr(B, c, "item");
            double n;
            if (parse_decimal(v, &n) == 0 && n >= 1 && n <= 1e9 && n == floor(n)) {
                char target[32];
                snprintf(target, sizeof target, "#evidence-%ld", (long)n);
                const char *h = arena_strdup(B->a, target);
                if (!rg_grow(B->L->ctx, (void **)&B->refs, &B->caprefs, B->nrefs + 1,
                             sizeof *B->refs))
                    B->refs[B->nrefs++] = (evref){loader_attr_pos(B->L, c, "item"), (long)n};
                if (c->children) {
                    walk_inline(ib, c, style, h, d);
                } else {
                    char *t = model_format_number(B->a, n, 0, d);
                    if (t)
                        ib_text(ib, t, strlen(t), style, h, p, 0);
                }
            }
        } else if (!strcmp(name, "frac")) {
            ib_flush(ib);
            rg_inline it = {.kind = RG_INLINE_FRAC, .pos = p};
            build_inlines(B, child(c, "num"), d, &it.num);
            build_inlines(B, child(c, "den"), d, &it.den);
            ib_push(ib, it);
            ib->last_space = 0;
        } else if (!strcmp(name, "num")) {
            const char *v = attr(B, c, "value");
            rg_dec val;
            double dec;
            if (dec_attr(B, c, "value", &val)) {
                /* more than 20 decimals is refused, not silently capped */
                int decimals = -1;
                if (num_attr(B, c, "decimals", &dec) &&
                    check_range(B, c, "decimals", dec, 0, RG_DEC_MAX_SCALE))
                    decimals = (int)dec;
                const char *fmt = attr(B, c, "format");
                char *t = format_num(B, v, val, decimals, fmt && !strcmp(fmt, "grouped"), d);
                if (t)
                    ib_text(ib, t, strlen(t), style, href, p, 0);
            }
        } else {
            walk_inline(ib, c, style, href, d); /* unknown: keep its text */
        }
    }
}

/* Build the inline content of parent (NULL: empty). */
static void build_inlines(builder *B, const xmlNode *parent, rg_digits d, rg_inlines *out)
{
    out->items = NULL;
    out->count = 0;
    if (!parent)
        return;
    ibuild ib;
    ib_init(&ib, B);
    walk_inline(&ib, parent, 0, NULL, d);
    ib_finish(&ib, out);
}

/* Append the plain text of inlines to b (breaks as spaces, fractions as
 * num/den). */
static void plain_text(rg_buf *b, const rg_inlines *in)
{
    for (size_t i = 0; i < in->count; i++) {
        const rg_inline *it = &in->items[i];
        if (it->kind == RG_INLINE_TEXT)
            buf_puts(b, it->text);
        else if (it->kind == RG_INLINE_BREAK)
            buf_putc(b, ' ');
        else {
            plain_text(b, &it->num);
            buf_putc(b, '/');
            plain_text(b, &it->den);
        }
    }
}

/* ==== blocks ============================================================ */

static const char *const block_names[] = {"p",       "ol",      "ul",     "table",
                                          "targets", "formula", "figure", "page-break"};

/* 1 when n is a block element. */
static int is_block(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE &&
           lookup((const char *)n->name, block_names, (int)(sizeof block_names / sizeof block_names[0])) >= 0;
}

static void build_blocks(builder *B, const xmlNode *parent, rg_digits d, const char *label,
                         rg_blocks *out);
static void build_block(builder *B, const xmlNode *el, rg_digits d_in, const char *label,
                        rg_block *blk);

/* Content of li/td/th: blocks and inline content mixed; each run of
 * inline nodes between blocks becomes one paragraph (dropped when it holds
 * only whitespace). */
static void build_flow(builder *B, const xmlNode *el, rg_digits d, const char *label,
                       rg_blocks *out)
{
    out->items = NULL;
    out->count = 0;
    size_t n = 0, runs = 0;
    int in_run = 0;
    for (const xmlNode *c = el->children; c; c = c->next) {
        int blk = is_block(c);
        n += blk;
        runs += !blk && !in_run;
        in_run = !blk;
    }
    if (!(n + runs) || !(out->items = arena_alloc(B->a, (n + runs) * sizeof *out->items)))
        return;
    for (const xmlNode *c = el->children; c;) {
        if (is_block(c)) {
            build_block(B, c, d, label, &out->items[out->count++]);
            c = c->next;
            continue;
        }
        const xmlNode *stop = c;
        while (stop && !is_block(stop))
            stop = stop->next;
        ibuild ib;
        ib_init(&ib, B);
        walk_range(&ib, el, c, stop, 0, NULL, d);
        rg_block *blk = &out->items[out->count];
        ib_finish(&ib, &blk->u.para.inl);
        if (blk->u.para.inl.count) {
            blk->kind = RG_BLOCK_PARA;
            blk->pos = c->type == XML_ELEMENT_NODE ? pos_of(B, c) : pos_of(B, el);
            blk->digits = d;
            blk->u.para.align = -1;
            out->count++;
        }
        c = stop;
    }
}

/* The label of item n of a list.  parent: the enclosing item's label
 * (outline numbering), or NULL. */
static const char *list_label(builder *B, rg_numbering num, long n, rg_digits d,
                              const char *parent, const char *marker)
{
    char tmp[256];
    rg_digits dd = d;
    switch (num) {
    case RG_NUM_NONE: return "";
    case RG_NUM_MARKER: return marker;
    case RG_NUM_DEFAULT: snprintf(tmp, sizeof tmp, "%ld.", n); break;
    case RG_NUM_ARABIC:
    case RG_NUM_DOT_ARABIC: snprintf(tmp, sizeof tmp, "%ld.", n), dd = RG_DIGITS_ARABIC; break;
    case RG_NUM_THAI: snprintf(tmp, sizeof tmp, "%ld.", n), dd = RG_DIGITS_THAI; break;
    case RG_NUM_PAREN_ARABIC: snprintf(tmp, sizeof tmp, "(%ld)", n), dd = RG_DIGITS_ARABIC; break;
    case RG_NUM_PAREN_THAI: snprintf(tmp, sizeof tmp, "(%ld)", n), dd = RG_DIGITS_THAI; break;
    case RG_NUM_CLOSE_PAREN_ARABIC: snprintf(tmp, sizeof tmp, "%ld)", n), dd = RG_DIGITS_ARABIC; break;
    case RG_NUM_CLOSE_PAREN_THAI: snprintf(tmp, sizeof tmp, "%ld)", n), dd = RG_DIGITS_THAI; break;
    case RG_NUM_OUTLINE: {
        /* "(3.1)" / "3.1." / "3.1)" -> "3.1", then ".n" */
        const char *p = parent ? parent : "";
        size_t len = strlen(p);
        while (len && (p[len - 1] == '.' || p[len - 1] == ')' || p[len - 1] == ' '))
            len--;
        if (len && p[0] == '(')
            p++, len--;
        if (len > 200)
            len = 200;
        if (len)
            snprintf(tmp, sizeof tmp, "%.*s.%ld", (int)len, p, n);
        else
            snprintf(tmp, sizeof tmp, "%ld", n);
        break;
    }
    }
    return model_digits_dup(B->a, tmp, dd);
}

static void build_list(builder *B, const xmlNode *el, rg_digits d, const char *parent_label,
                       rg_list *l)
{
    static const char *const nums[] = {"arabic", "thai", "none", "paren-thai", "paren-arabic",
                                       "dot-arabic", "close-paren-thai", "close-paren-arabic",
                                       "outline"};
    l->ordered = is_el(el, "ol");
    l->start = 1;
    if (l->ordered) {
        int k = lookup(attr(B, el, "numbering"), nums, 9);
        l->numbering = k < 0 ? RG_NUM_DEFAULT : (rg_numbering)(RG_NUM_ARABIC + k);
        double s;
        if (num_attr(B, el, "start", &s) && s >= 0 && s < 1e9)
            l->start = (long)s;
    } else {
        const char *m = attr(B, el, "marker");
        l->numbering = RG_NUM_MARKER;
        l->marker = !m ? "-" : !strcmp(m, "none") ? "" : m;
    }
    l->count = count_children(el, "li");
    l->items = l->count ? arena_alloc(B->a, l->count * sizeof *l->items) : NULL;
    if (!l->items) {
        l->count = 0;
        return;
    }
    size_t k = 0;
    for (const xmlNode *li = child(el, "li"); li; li = next_el(li, "li"), k++) {
        rg_list_item *it = &l->items[k];
        it->pos = pos_of(B, li);
        const char *over = attr(B, li, "number");
        it->label = over ? over
                         : list_label(B, l->numbering, l->start + (long)k, d, parent_label,
                                      l->marker);
        build_flow(B, li, d, it->label, &it->blocks);
    }
}

static void build_table(builder *B, const xmlNode *el, rg_digits d, rg_table *t)
{
    static const char *const valigns[] = {"top", "middle", "bottom"};
    const char *widths = attr(B, el, "widths");
    if (widths && *widths) {
        size_t n = 1;
        for (const char *p = widths; *p; p++)
            n += *p == ' ';
        t->widths = arena_alloc(B->a, n * sizeof *t->widths);
        for (const char *p = widths; t->widths && *p;) {
            size_t len = strcspn(p, " ");
            if (width_parse(p, len, &t->widths[t->nwidths]) == 0)
                t->nwidths++;
            else
                loader_diag(B->L, RG_ERROR, "bad-width", loader_attr_pos(B->L, el, "widths"),
                            "column width \"%.*s\" is not understood; use a length (2.5cm, "
                            "40pt, 10mm, 1in), a share (3*) or auto", (int)len, p);
            p += len;
            while (*p == ' ')
                p++;
        }
    }
    double v;
    t->header_rows = num_attr(B, el, "header-rows", &v) && v < 1e6 ? (int)v : 0;
    t->align = lookup(attr(B, el, "align"), align_names, 3);
    const char *w = attr(B, el, "width");
    if (w && strlen(w) > 1) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%.*s", (int)strlen(w) - 1, w);
        if (parse_decimal(tmp, &v) == 0)
            t->width_pct = v;
    }
    t->nrows = count_children(el, "tr");
    t->rows = t->nrows ? arena_alloc(B->a, t->nrows * sizeof *t->rows) : NULL;
    if (!t->rows) {
        t->nrows = 0;
        return;
    }
    size_t r = 0;
    for (const xmlNode *tr = child(el, "tr"); tr; tr = next_el(tr, "tr"), r++) {
        rg_row *row = &t->rows[r];
        row->pos = pos_of(B, tr);
        size_t n = 0;
        for (const xmlNode *c = tr->children; c; c = c->next)
            n += is_el(c, "td") || is_el(c, "th");
        row->cells = n ? arena_alloc(B->a, n * sizeof *row->cells) : NULL;
        if (!row->cells)
            continue;
        for (const xmlNode *c = tr->children; c; c = c->next) {
            if (!is_el(c, "td") && !is_el(c, "th"))
                continue;
            rg_cell *cell = &row->cells[row->count++];
            cell->pos = pos_of(B, c);
            cell->header = is_el(c, "th");
            /* Out-of-range spans are errors, not silently 1 (a table has at
             * most 64 columns; a row span past the table's end is cut). */
            cell->colspan = num_attr(B, c, "colspan", &v) && check_range(B, c, "colspan", v, 1, 64)
                                ? (int)v
                                : 1;
            cell->rowspan =
                num_attr(B, c, "rowspan", &v) && check_range(B, c, "rowspan", v, 1, 10000) ? (int)v
                                                                                         : 1;
            cell->align = lookup(attr(B, c, "align"), align_names, 3);
            cell->valign = lookup(attr(B, c, "valign"), valigns, 3);
            B->in_cell++;
            build_flow(B, c, d, NULL, &cell->blocks);
            B->in_cell--;
        }
    }
}

static void build_targets(builder *B, const xmlNode *el, rg_digits d, rg_targets *t)
{
    static const char *const levels[3] = {"basic", "standard", "advanced"};
    static const char *const stated[] = {"none", "basic", "standard", "advanced"};
    t->caption = attr(B, el, "caption");
    const char *value = attr(B, el, "value");
    t->has_value = dec_attr(B, el, "value", &t->value_dec);
    t->value = dec_to_double(t->value_dec);
    t->has_method = attr(B, el, "method") != NULL;
    t->method = method_attr(B, el, RG_METHOD_DISCRETE);
    t->has_score = dec_attr(B, el, "score", &t->stated_score);
    t->stated_score_text = t->has_score ? attr_digits(B, el, "score", d) : NULL;
    t->override = bool_attr(B, el, "override");
    t->below = dec_from_int(0);
    dec_attr(B, el, "floor", &t->below);
    t->value_text = t->has_value ? model_digits_dup(B->a, value, d) : NULL;
    const char *hib = attr(B, el, "higher-is-better");
    t->higher_is_better = !(hib && (!strcmp(hib, "false") || !strcmp(hib, "0")));
    int s = lookup(attr(B, el, "stated"), stated, 4);
    t->stated = s < 0 ? RG_TARGET_UNKNOWN : (rg_target_level)s;
    t->computed = RG_TARGET_UNKNOWN;
    t->reached = RG_TARGET_UNKNOWN;
    for (int i = 0; i < 3; i++) {
        rg_target *g = &t->level[i];
        const xmlNode *c = child(el, levels[i]);
        g->pos = pos_of(B, c ? c : el);
        if (!c)
            continue;
        const char *pts = attr(B, c, "points");
        if (dec_attr(B, c, "points", &t->points[i])) {
            g->points = dec_to_double(t->points[i]);
            g->points_text = model_digits_dup(B->a, pts, d);
        }
        const char *th = attr(B, c, "threshold");
        g->has_threshold = dec_attr(B, c, "threshold", &t->thresholds[i]);
        g->threshold = dec_to_double(t->thresholds[i]);
        g->threshold_text = g->has_threshold ? model_digits_dup(B->a, th, d) : NULL;
        build_inlines(B, c, d, &g->content);
    }
    /* A stated score is in the scheme's own points (50/75/100, 50/70/100):
     * from 0 to the highest level's points, not the 0-5 of a calculation
     * row (issue #12). */
    if (t->has_score) {
        double top = 0;
        for (int i = 0; i < 3; i++)
            if (t->level[i].points > top)
                top = t->level[i].points;
        check_range(B, el, "score", dec_to_double(t->stated_score), 0, top > 0 ? top : 100);
    }
}

/* <figure src width align><caption/></figure>.  A width the schema let
 * through but that makes no sense (0%, over 100%) is an error. */
static void build_figure(builder *B, const xmlNode *el, rg_digits d, rg_figure *f)
{
    f->file = loader_file(B->L, B->doc, attr(B, el, "src"), loader_attr_pos(B->L, el, "src"), 1);
    f->align = lookup(attr(B, el, "align"), align_names, 3);
    if (f->align < 0)
        f->align = RG_ALIGN_CENTER;
    const char *w = attr(B, el, "width");
    size_t n = w ? strlen(w) : 0;
    f->width.kind = RG_WIDTH_AUTO;
    if (n > 1 && w[n - 1] == '%') {
        char num[32];
        double v;
        if (n - 1 < sizeof num) {
            memcpy(num, w, n - 1);
            num[n - 1] = 0;
            if (parse_decimal(num, &v) == 0 && v > 0 && v <= 100)
                f->width = (rg_width){RG_WIDTH_RELATIVE, v};
            else
                loader_diag(B->L, RG_ERROR, "bad-width", loader_attr_pos(B->L, el, "width"),
                            "figure width \"%s\" must be a percentage above 0 and at most 100",
                            w);
        }
    } else if (w && (width_parse(w, n, &f->width) || f->width.kind != RG_WIDTH_FIXED)) {
        f->width.kind = RG_WIDTH_AUTO;
        loader_diag(B->L, RG_ERROR, "bad-width", loader_attr_pos(B->L, el, "width"),
                    "figure width \"%s\" is not a length (cm, mm, in, pt) or a percentage", w);
    }
    build_inlines(B, child(el, "caption"), d, &f->caption);
}

/* Build one block element into blk. */
static void build_block(builder *B, const xmlNode *el, rg_digits d_in, const char *label,
                        rg_block *blk)
{
    rg_digits d = digits_of(B, el, d_in);
    memset(blk, 0, sizeof *blk);
    blk->pos = pos_of(B, el);
    blk->digits = d;
    static const char *const keeps[] = {"together", "with-next"};
    blk->keep = (rg_keep)(lookup(attr(B, el, "keep"), keeps, 2) + 1); /* the schema checks it */
    const char *name = (const char *)el->name;
    if (!strcmp(name, "page-break")) {
        blk->kind = RG_BLOCK_PAGE_BREAK;
        /* The schema allows it in <li>, which may stand in a cell (in
         * <td> itself, or a summary's <result>, the schema reported it). */
        if (B->in_cell && el->parent && is_el(el->parent, "li"))
            loader_diag(B->L, RG_ERROR, "page-break-in-cell", blk->pos,
                        "<page-break/> cannot stand in a list inside a table cell: a page "
                        "cannot break inside a cell; put it before or after the table");
    } else if (!strcmp(name, "p")) {
        blk->kind = RG_BLOCK_PARA;
        blk->u.para.align = lookup(attr(B, el, "align"), align_names, 5);
        const char *ind = attr(B, el, "indent");
        blk->u.para.indent_first = ind && !strcmp(ind, "first-line");
        build_inlines(B, el, d, &blk->u.para.inl);
    } else if (!strcmp(name, "ol") || !strcmp(name, "ul")) {
        blk->kind = RG_BLOCK_LIST;
        build_list(B, el, d, label, &blk->u.list);
    } else if (!strcmp(name, "table")) {
        blk->kind = RG_BLOCK_TABLE;
        build_table(B, el, d, &blk->u.table);
    } else if (!strcmp(name, "targets")) {
        blk->kind = RG_BLOCK_TARGETS;
        build_targets(B, el, d, &blk->u.targets);
    } else if (!strcmp(name, "figure")) {
        blk->kind = RG_BLOCK_FIGURE;
        build_figure(B, el, d, &blk->u.figure);
    } else {
        blk->kind = RG_BLOCK_FORMULA;
        build_inlines(B, el, d, &blk->u.formula);
    }
}

/* The block children of parent (non-block children are skipped: the
 * schema reported them).  label: the enclosing list item's label. */
static void build_blocks(builder *B, const xmlNode *parent, rg_digits d, const char *label,
                         rg_blocks *out)
{
    out->items = NULL;
    out->count = 0;
    if (!parent)
        return;
    size_t n = 0;
    for (const xmlNode *c = parent->children; c; c = c->next)
        n += is_block(c);
    if (!n || !(out->items = arena_alloc(B->a, n * sizeof *out->items)))
        return;
    for (const xmlNode *c = parent->children; c; c = c->next)
        if (is_block(c))
            build_block(B, c, d, label, &out->items[out->count++]);
}

/* ==== indicator form ==================================================== */

/* Build the <person> children of parent; returns the count. */
static size_t build_people(builder *B, const xmlNode *parent, rg_person **out)
{
    size_t n = count_children(parent, "person");
    *out = n ? arena_alloc(B->a, n * sizeof **out) : NULL;
    if (!*out)
        return 0;
    size_t k = 0;
    for (const xmlNode *p = child(parent, "person"); p; p = next_el(p, "person"), k++) {
        rg_person *pe = &(*out)[k];
        pe->pos = pos_of(B, p);
        pe->name = text_of(B, child(p, "name"));
        pe->position = text_of(B, child(p, "position"));
        pe->nphones = count_children(p, "phone");
        pe->phones = pe->nphones ? arena_alloc(B->a, pe->nphones * sizeof *pe->phones) : NULL;
        if (!pe->phones)
            pe->nphones = 0;
        size_t j = 0;
        for (const xmlNode *ph = child(p, "phone"); ph && j < pe->nphones; ph = next_el(ph, "phone"))
            pe->phones[j++] = text_of(B, ph);
    }
    return n;
}

/* The highest points= of the target tables inside el (an indicator's
 * form): the top of its scheme when it scores by target levels; 0 when it
 * has none (the five-level scheme, 0 to 5).  Iterative, linear in el's
 * subtree. */
static double target_top(const xmlNode *el)
{
    double top = 0;
    const xmlNode *n = el ? el->children : NULL;
    while (n) {
        if (is_el(n, "basic") || is_el(n, "standard") || is_el(n, "advanced")) {
            double v;
            xmlChar *p = xmlGetNoNsProp(n, (const xmlChar *)"points");
            if (p && parse_decimal((const char *)p, &v) == 0 && v > top)
                top = v;
            xmlFree(p);
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != el && !n->next)
            n = n->parent;
        n = n && n != el ? n->next : NULL;
    }
    return top;
}

/* One calculation row; top: the highest score of the indicator's scheme
 * (5, or a target table's top points). */
static void build_calc_row(builder *B, const xmlNode *r, rg_digits d, rg_calc_row *row,
                           double top)
{
    row->pos = pos_of(B, r);
    if (dec_attr(B, r, "weight", &row->weight_dec)) {
        row->weight = dec_to_double(row->weight_dec);
        check_range(B, r, "weight", row->weight, 0, 100);
    }
    row->has_score = dec_attr(B, r, "score", &row->stated_score);
    if (row->has_score) {
        row->score = dec_to_double(row->stated_score);
        check_range(B, r, "score", row->score, 0, top);
    }
    row->has_stated_weighted = dec_attr(B, r, "weighted", &row->stated_weighted_dec);
    row->stated_weighted = dec_to_double(row->stated_weighted_dec);
    row->method = method_attr(B, r, RG_METHOD_STATED);
    row->has_value = dec_attr(B, r, "value", &row->value);
    /* a value= or score= that is not a number was reported by the schema */
    row->bad_number = (!row->has_value && attr(B, r, "value")) ||
                      (!row->has_score && attr(B, r, "score"));
    const char *th = attr(B, r, "thresholds");
    for (const char *p = th; p && *p && row->nthresholds < 5;) {
        size_t n = strcspn(p, " ");
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n < sizeof tmp ? n : sizeof tmp - 1), p);
        if (dec_parse(tmp, &row->thresholds[row->nthresholds]) != DEC_OK) {
            row->bad_number = 1;
            break;
        }
        row->nthresholds++;
        p += n;
        while (*p == ' ')
            p++;
        if (*p && row->nthresholds == 5)
            row->nthresholds = 6; /* more than five: reported by the checks */
    }
    row->lower = attr(B, r, "higher-is-better") && !bool_attr(B, r, "higher-is-better");
    row->below = dec_from_int(0);
    dec_attr(B, r, "floor", &row->below);
    row->override = bool_attr(B, r, "override");
    row->has_self = dec_attr(B, r, "self-score", &row->self_score);
    row->self_text = row->has_self ? attr_digits(B, r, "self-score", d) : NULL;
    row->score_text = attr_digits(B, r, "score", d);
    build_inlines(B, child(r, "label"), d, &row->label);
    build_inlines(B, child(r, "result"), d, &row->result);
    const xmlNode *st = child(r, "score-text");
    row->has_score_display = st != NULL;
    build_inlines(B, st, d, &row->score_display);
}

/* <evidence>: blocks and numbered <item>s in order.  Items number on
 * from the previous one (from 1) unless they say; numbers are unique in
 * the form.  The items are also listed in ind->items for references. */
static void build_evidence(builder *B, const xmlNode *el, rg_digits d, rg_indicator *ind)
{
    rg_blocks *out = &ind->evidence;
    memset(out, 0, sizeof *out);
    if (!el)
        return;
    size_t n = 0, ni = 0;
    for (const xmlNode *c = el->children; c; c = c->next) {
        n += is_block(c) || is_el(c, "item");
        ni += is_el(c, "item");
    }
    if (!n || !(out->items = arena_alloc(B->a, n * sizeof *out->items)))
        return;
    if (ni && !(ind->items = arena_alloc(B->a, ni * sizeof *ind->items)))
        return;
    long next = 1;
    for (const xmlNode *c = el->children; c; c = c->next) {
        if (is_block(c)) {
            build_block(B, c, d, NULL, &out->items[out->count++]);
            continue;
        }
        if (!is_el(c, "item"))
            continue;
        rg_block *blk = &out->items[out->count++];
        memset(blk, 0, sizeof *blk);
        blk->kind = RG_BLOCK_EVIDENCE;
        blk->pos = pos_of(B, c);
        blk->digits = d;
        rg_evidence_item *it = &blk->u.evidence;
        double v;
        if (num_attr(B, c, "number", &v) && v >= 1 && v <= 1e9 && v == floor(v))
            next = (long)v;
        it->number = next++;
        for (size_t k = 0; k < ind->nitems; k++)
            if (ind->items[k]->number == it->number)
                loader_diag(B->L, RG_ERROR, "duplicate-number", blk->pos,
                            "evidence item %ld is numbered twice in indicator %s", it->number,
                            ind->number ? ind->number : "");
        char num[48];
        snprintf(num, sizeof num, "%ld.", it->number);
        it->label = model_digits_dup(B->a, num, d);
        build_inlines(B, c, d, &it->title);
        rg_buf tb;
        buf_init(&tb, B->L->ctx);
        plain_text(&tb, &it->title);
        it->title_text = arena_strndup(B->a, tb.data ? tb.data : "", tb.len);
        if (!it->title_text)
            it->title_text = "";
        buf_free(&tb);
        it->file = loader_file(B->L, B->doc, attr(B, c, "file"), loader_attr_pos(B->L, c, "file"), 0);
        ind->items[ind->nitems++] = it;
    }
}

/* The references recorded since `from`: each must name an item of ind
 * (NULL: a summary, which has no evidence items). */
static void check_refs(builder *B, size_t from, const rg_indicator *ind)
{
    for (size_t i = from; i < B->nrefs; i++) {
        const evref *r = &B->refs[i];
        int found = 0;
        for (size_t k = 0; ind && k < ind->nitems && !found; k++)
            found = ind->items[k]->number == r->item;
        if (found)
            continue;
        if (!ind)
            loader_diag(B->L, RG_ERROR, "unknown-evidence", r->pos,
                        "<ref item=\"%ld\"> is outside an indicator's form; evidence items "
                        "belong to an indicator", r->item);
        else if (!ind->nitems)
            loader_diag(B->L, RG_ERROR, "unknown-evidence", r->pos,
                        "<ref item=\"%ld\">: indicator %s has no numbered evidence items "
                        "(<evidence><item>)", r->item, ind->number ? ind->number : "");
        else
            loader_diag(B->L, RG_ERROR, "unknown-evidence", r->pos,
                        "<ref item=\"%ld\">: indicator %s has no evidence item %ld", r->item,
                        ind->number ? ind->number : "", r->item);
    }
    B->nrefs = from;
}

/* <signoff>: the sign-off blocks in source order.  A block without a name
 * is kept (an empty line to sign by hand) with a warning. */
static void build_signoff(builder *B, const xmlNode *el, rg_digits d, rg_signoff *out)
{
    memset(out, 0, sizeof *out);
    if (!el)
        return;
    out->pos = pos_of(B, el);
    size_t n = count_children(el, "sign");
    if (!n || !(out->signs = arena_alloc(B->a, n * sizeof *out->signs)))
        return;
    for (const xmlNode *c = child(el, "sign"); c; c = next_el(c, "sign")) {
        rg_sign *s = &out->signs[out->count++];
        memset(s, 0, sizeof *s);
        s->pos = pos_of(B, c);
        s->role = attr(B, c, "role");
        if (!s->role)
            s->role = "";
        s->name = text_of(B, child(c, "name"));
        if (!s->name || !*s->name) {
            s->name = "";
            /* a <sign> without <name> was reported by the schema */
            if (!explain_is_follow_on(B->L, c) && !explain_is_echo(B->L, c))
                loader_diag(B->L, RG_WARNING, "signoff-no-name", s->pos,
                        "sign-off '%s' has no name; the form shows an empty line for it",
                        s->role);
        }
        s->position = text_of(B, child(c, "position"));
        const char *date = attr(B, c, "date");
        int y, m, dd;
        if (date && build_date(B, c, date, loader_attr_pos(B->L, c, "date"), &y, &m, &dd) == 0)
            s->date_text = model_thai_date(B->a, y, m, dd, d);
        s->signature = loader_file(B->L, B->doc, attr(B, c, "signature"),
                                   loader_attr_pos(B->L, c, "signature"), 1);
    }
}

/* weights="6:20 9:25 12:30" into the per-round weights. */
static void build_round_weights(builder *B, const xmlNode *el, rg_indicator *ind)
{
    const char *w = attr(B, el, "weights");
    for (const char *p = w; p && *p;) {
        char *end;
        long round = strtol(p, &end, 10);
        if (*end != ':')
            break;
        p = end + 1;
        size_t n = strcspn(p, " ");
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(n < sizeof tmp ? n : sizeof tmp - 1), p);
        int i = round == 6 ? 0 : round == 9 ? 1 : round == 12 ? 2 : -1;
        if (i >= 0 && dec_parse(tmp, &ind->round_weight[i]) == DEC_OK)
            ind->has_round_weight[i] = 1;
        p += n;
        while (*p == ' ')
            p++;
    }
}

/* qsort order of item numbers. */
static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* The item numbers of <evidence> el, numbered as build_evidence numbers
 * them, sorted into B->items (none: B->nitems 0). */
static void known_items(builder *B, const xmlNode *el)
{
    B->items = NULL;
    B->nitems = 0;
    size_t n = count_children(el, "item");
    long *v = n ? arena_alloc(B->a, n * sizeof *v) : NULL;
    if (!v)
        return;
    long next = 1;
    for (const xmlNode *c = child(el, "item"); c; c = next_el(c, "item")) {
        double x;
        if (num_attr(B, c, "number", &x) && x >= 1 && x <= 1e9 && x == floor(x))
            next = (long)x;
        v[B->nitems++] = next++;
    }
    qsort(v, B->nitems, sizeof *v, cmp_long);
    B->items = v;
}

static rg_indicator *build_indicator(builder *B, const xmlNode *el)
{
    size_t refs_from = B->nrefs;
    rg_indicator *ind = arena_alloc(B->a, sizeof *ind);
    if (!ind)
        return NULL;
    known_items(B, child(el, "evidence"));
    B->ind_number = attr(B, el, "number");
    rg_digits d = digits_of(B, el, B->doc->digits);
    ind->pos = pos_of(B, el);
    ind->digits = d;
    ind->number = attr(B, el, "number");
    if (dec_attr(B, el, "weight", &ind->weight_dec)) {
        ind->weight = dec_to_double(ind->weight_dec);
        check_range(B, el, "weight", ind->weight, 0, 100);
    }
    build_round_weights(B, el, ind);
    const char *status = attr(B, el, "status");
    ind->status = status && !strcmp(status, "cancelled") ? RG_STATUS_CANCELLED : RG_STATUS_ACTIVE;
    double fr;
    ind->from_round = num_attr(B, el, "from-round", &fr) && fr >= 0 && fr <= 12 ? (int)fr : 0;
    ind->parent = attr(B, el, "parent");
    const char *tpl = attr(B, el, "template");
    ind->template_name = tpl ? tpl : "indicator";
    const char *rounds = attr(B, el, "rounds");
    if (!rounds)
        rounds = "6 12";
    for (const char *p = rounds; *p && ind->nrounds < 3;) {
        char *end;
        long v = strtol(p, &end, 10);
        if (end == p)
            break;
        ind->rounds[ind->nrounds++] = (int)v;
        p = end;
        while (*p == ' ')
            p++;
    }
    build_inlines(B, child(el, "name"), d, &ind->name);
    rg_buf b;
    buf_init(&b, B->L->ctx);
    plain_text(&b, &ind->name);
    ind->name_text = arena_strndup(B->a, b.data ? b.data : "", b.len);
    buf_free(&b);
    ind->nsupervisors = build_people(B, child(el, "supervisor"), &ind->supervisors);
    const xmlNode *col = child(el, "collectors");
    ind->ncollectors = build_people(B, col, &ind->collectors);
    build_inlines(B, child(col, "note"), d, &ind->collectors_note);
    build_blocks(B, child(el, "description"), d, NULL, &ind->description);
    const xmlNode *crit = child(el, "criteria");
    ind->criteria_caption = attr(B, crit, "caption");
    for (const xmlNode *lv = child(crit, "level"); lv; lv = next_el(lv, "level")) {
        double v;
        if (num_attr(B, lv, "value", &v) && v >= 1 && v <= 5 && v == floor(v))
            build_inlines(B, lv, d, &ind->criteria[(int)v - 1]);
    }
    const xmlNode *ach = child(el, "achieved");
    double lvl;
    /* 4.5 is the schema's error (not an integer); no second message */
    if (ach && num_attr(B, ach, "level", &lvl) && lvl == floor(lvl) &&
        check_range(B, ach, "level", lvl, 1, 5))
        ind->achieved = (int)lvl;
    const xmlNode *calc = child(el, "calculation");
    ind->calc_note = attr(B, calc, "note");
    ind->nrows = count_children(calc, "row");
    ind->rows = ind->nrows ? arena_alloc(B->a, ind->nrows * sizeof *ind->rows) : NULL;
    if (!ind->rows)
        ind->nrows = 0;
    size_t k = 0;
    /* a form scored by target levels states points (50/75/100), else 0-5 */
    double top = target_top(el);
    ind->score_top = top > 0 ? top : 5;
    for (const xmlNode *r = child(calc, "row"); r && k < ind->nrows; r = next_el(r, "row"))
        build_calc_row(B, r, d, &ind->rows[k++], ind->score_top);
    build_blocks(B, child(el, "explanation"), d, NULL, &ind->explanation);
    build_blocks(B, child(el, "supporting"), d, NULL, &ind->supporting);
    build_blocks(B, child(el, "obstacles"), d, NULL, &ind->obstacles);
    build_blocks(B, child(el, "suggestions"), d, NULL, &ind->suggestions);
    build_evidence(B, child(el, "evidence"), d, ind);
    check_refs(B, refs_from, ind);
    build_signoff(B, child(el, "signoff"), d, &ind->signoff);
    B->items = NULL;
    B->nitems = 0;
    return ind;
}

/* ==== summary =========================================================== */

/* Fill one summary row from an <item> or <group>. */
static void build_summary_row(builder *B, const xmlNode *el, rg_digits d, int in_group,
                              rg_summary_row *row)
{
    row->kind = is_el(el, "group") ? RG_SUMMARY_GROUP : RG_SUMMARY_ITEM;
    row->pos = pos_of(B, el);
    row->in_group = in_group;
    row->number = attr(B, el, "number");
    build_inlines(B, child(el, "name"), d, &row->name);
    if (row->kind == RG_SUMMARY_ITEM) {
        B->in_cell++; /* a summary row is a table row */
        build_blocks(B, child(el, "result"), d, NULL, &row->result);
        build_blocks(B, child(el, "problems"), d, NULL, &row->problems);
        B->in_cell--;
    }
}

static rg_summary *build_summary(builder *B, const xmlNode *el)
{
    size_t refs_from = B->nrefs;
    rg_summary *s = arena_alloc(B->a, sizeof *s);
    if (!s)
        return NULL;
    rg_digits d = digits_of(B, el, B->doc->digits);
    s->pos = pos_of(B, el);
    s->digits = d;
    const char *tpl = attr(B, el, "template");
    s->template_name = tpl ? tpl : "summary";
    build_inlines(B, child(el, "title"), d, &s->title);
    const xmlNode *sub = child(el, "subtitle");
    s->has_subtitle = sub != NULL;
    build_inlines(B, sub, d, &s->subtitle);
    size_t n = count_children(el, "item");
    for (const xmlNode *g = child(el, "group"); g; g = next_el(g, "group"))
        n += 1 + count_children(g, "item");
    s->rows = n ? arena_alloc(B->a, n * sizeof *s->rows) : NULL;
    for (const xmlNode *c = el->children; s->rows && c; c = c->next) {
        if (is_el(c, "item"))
            build_summary_row(B, c, d, 0, &s->rows[s->nrows++]);
        else if (is_el(c, "group")) {
            build_summary_row(B, c, d, 0, &s->rows[s->nrows++]);
            for (const xmlNode *it = child(c, "item"); it; it = next_el(it, "item"))
                build_summary_row(B, it, d, 1, &s->rows[s->nrows++]);
        }
    }
    check_refs(B, refs_from, NULL);
    return s;
}

/* ==== document ========================================================== */

/* A step of <status> (<submitted>, <approved>): date and by. */
static void status_step(builder *B, const xmlNode *el, const char **by, const char **on)
{
    if (!el)
        return;
    *by = attr(B, el, "by");
    *on = attr(B, el, "date");
    int y, m, d;
    if (*on && build_date(B, el, *on, loader_attr_pos(B->L, el, "date"), &y, &m, &d)) {
        *on = NULL;
    } else if (*on) { /* as read: a Buddhist-era year made Gregorian */
        char iso[16];
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        *on = arena_strdup(B->a, iso);
    }
}

/* <meta><status state>: the approval state and who moved it there.  An
 * approved report without an <approved> step, or a step the state has
 * not reached, is only warned about. */
static void build_status(builder *B, const xmlNode *el)
{
    rg_status_info *st = &B->doc->status;
    if (!el)
        return;
    static const char *const names[] = {"draft", "submitted", "approved"};
    st->pos = pos_of(B, el);
    int k = lookup(attr(B, el, "state"), names, 3);
    st->state = k < 0 ? RG_STATE_NONE : (rg_state)(k + 1);
    status_step(B, child(el, "submitted"), &st->submitted_by, &st->submitted_on);
    status_step(B, child(el, "approved"), &st->approved_by, &st->approved_on);
    if (st->state == RG_STATE_APPROVED && !st->approved_by)
        loader_diag(B->L, RG_WARNING, "status", st->pos,
                    "the report is approved but <status> does not say by whom "
                    "(<approved date=\"...\" by=\"...\"/>)");
    if (st->state != RG_STATE_APPROVED && st->approved_by)
        loader_diag(B->L, RG_WARNING, "status", st->pos,
                    "<status state=\"%s\"> has an <approved> step; is the report approved?",
                    names[k < 0 ? 0 : k]);
}

/* <meta>: plain fields, the report date and fiscal-year plausibility. */
static void build_meta(builder *B, const xmlNode *meta)
{
    rg_document *doc = B->doc;
    doc->agency = text_of(B, child(meta, "agency"));
    doc->department = text_of(B, child(meta, "department"));
    doc->title = text_of(B, child(meta, "title"));
    const xmlNode *fy = child(meta, "fiscal-year");
    const xmlNode *ag = child(meta, "agency"), *dep = child(meta, "department");
    const xmlNode *rnd = child(meta, "round");
    doc->meta_pos[RG_META_AGENCY] = ag ? pos_of(B, ag) : pos_of(B, meta);
    doc->meta_pos[RG_META_DEPARTMENT] = dep ? pos_of(B, dep) : pos_of(B, meta);
    doc->meta_pos[RG_META_YEAR] = fy ? pos_of(B, fy) : pos_of(B, meta);
    doc->meta_pos[RG_META_ROUND] = rnd ? pos_of(B, rnd) : pos_of(B, meta);
    double v;
    if (fy && parse_decimal(text_of(B, fy), &v) == 0 && v == floor(v) && fabs(v) < 1e6) {
        doc->fiscal_year = (int)v;
        if (v >= 1900 && v < 2200)
            loader_diag(B->L, RG_WARNING, "fiscal-year", pos_of(B, fy),
                        "fiscal year %d looks like a Gregorian year; <fiscal-year> takes the "
                        "Buddhist-era year (%d)", doc->fiscal_year, doc->fiscal_year + 543);
        else if (v < 2450 || v > 2700)
            loader_diag(B->L, RG_WARNING, "fiscal-year", pos_of(B, fy),
                        "fiscal year %d is implausible; expected a Buddhist-era year such as "
                        "2562", doc->fiscal_year);
    }
    const xmlNode *round = child(meta, "round");
    if (round && parse_decimal(text_of(B, round), &v) == 0 && fabs(v) < 1e6)
        doc->round = (int)v;
    const xmlNode *date = child(meta, "date");
    if (date) {
        const char *t = text_of(B, date);
        if (t && build_date(B, date, t, pos_of(B, date), &doc->year, &doc->month, &doc->day) ==
                     0) {
            doc->has_date = 1;
            doc->date_text = model_thai_date(B->a, doc->year, doc->month, doc->day, doc->digits);
        }
    }
    build_status(B, child(meta, "status"));
}

rg_document *loader_build(rg_loader *L)
{
    rg_document *doc = rg_calloc(L->ctx, 1, sizeof *doc);
    if (!doc)
        return NULL;
    /* 16 KiB chunks: a model holds 16-200 KiB (79 KiB on average over the
     * benchmark's forms), and an archive keeps every source's model until
     * it is written; 64 KiB chunks left a third of each model's memory
     * unused (118 KiB taken for 79 KiB). */
    arena_init(&doc->arena, L->ctx, 16 * 1024);
    builder B = {L, doc, &doc->arena, NULL, 0, 0, NULL, 0, NULL, 0};
    doc->file = arena_strdup(&doc->arena, L->file);
    const xmlNode *root = xmlDocGetRootElement(L->doc);
    doc->pos = pos_of(&B, root);
    doc->digits = digits_of(&B, root, RG_DIGITS_ARABIC);
    const char *complete = attr(&B, root, "complete");
    doc->complete = complete && (!strcmp(complete, "true") || !strcmp(complete, "1"));
    double places;
    doc->rounding = (rg_rounding){4, RG_ROUND_HALF_UP};
    if (num_attr(&B, root, "decimals", &places) &&
        check_range(&B, root, "decimals", places, 0, RG_DEC_MAX_SCALE))
        doc->rounding.places = (int)places;
    /* the schema allows only the modes' names; an unknown one was reported */
    int mode = dec_round_mode_from_name(attr(&B, root, "rounding"));
    if (mode >= 0)
        doc->rounding.mode = (rg_round_mode)mode;
    build_meta(&B, child(root, "meta"));
    for (const xmlNode *c = root->children; c; c = c->next) {
        doc->nparts += is_el(c, "indicator") || is_el(c, "summary");
        doc->nindicators += is_el(c, "indicator");
        doc->nsummaries += is_el(c, "summary");
    }
    rg_arena *a = &doc->arena;
    doc->parts = doc->nparts ? arena_alloc(a, doc->nparts * sizeof *doc->parts) : NULL;
    doc->indicators =
        doc->nindicators ? arena_alloc(a, doc->nindicators * sizeof *doc->indicators) : NULL;
    doc->summaries =
        doc->nsummaries ? arena_alloc(a, doc->nsummaries * sizeof *doc->summaries) : NULL;
    size_t np = 0, ni = 0, ns = 0;
    for (const xmlNode *c = root->children; c; c = c->next) {
        if (is_el(c, "indicator")) {
            rg_indicator *ind = build_indicator(&B, c);
            if (ind && doc->parts && doc->indicators) {
                doc->parts[np++] = (rg_part){RG_PART_INDICATOR, ind, NULL};
                doc->indicators[ni++] = ind;
            }
        } else if (is_el(c, "summary")) {
            rg_summary *s = build_summary(&B, c);
            if (s && doc->parts && doc->summaries) {
                doc->parts[np++] = (rg_part){RG_PART_SUMMARY, NULL, s};
                doc->summaries[ns++] = s;
            }
        }
    }
    doc->nparts = np;
    doc->nindicators = ni;
    doc->nsummaries = ns;
    build_signoff(&B, child(root, "signoff"), doc->digits, &doc->signoff);
    /* The files list moves from the loader's heap into the arena. */
    if (doc->nfiles && (doc->files = arena_alloc(a, doc->nfiles * sizeof *doc->files)))
        memcpy(doc->files, L->files, doc->nfiles * sizeof *doc->files);
    else
        doc->nfiles = 0;
    rg_free(L->ctx, L->files);
    L->files = NULL;
    rg_free(L->ctx, B.refs);
    return doc;
}
