/* lexical.c - the lexical forms the schema leaves to raingan: decimals,
 * YYYY-MM-DD dates, per-round weights ("6:20 9:25 12:30") and widths
 * ("80%", "5cm").
 *
 * Design: a RELAX NG pattern facet makes libxml2 2.9 compile a regular
 * expression for every value it checks (xmlRegexpCompile, per value, per
 * load), and that compilation does not check one of its allocations: under
 * a memory limit about 1 batch in 25 died with SIGSEGV inside it (issue
 * #20 item 6).  So report.rng types these values as plain strings marked
 * rg:lexical="KIND", and this file checks them by hand after validation:
 * each matcher is a single left-to-right scan (linear, no allocation, no
 * regular expression), the language of the pattern it replaces (the
 * pattern is kept in each matcher's comment; tests/unit/test_lexical.c
 * compares matcher and pattern over many generated values).
 *
 * Where each kind is used is the table `forms` below; test_lexical.c
 * checks that it names exactly the attributes report.rng marks.  Faults
 * are worded by explain.c, as every other value fault, so the messages
 * are the ones the schema gave (English and Thai).  An element libxml2
 * already complained about is skipped when its complaint was explained:
 * one mistake, one message.
 *
 * Whitespace: xsd:token values (dates, weights, widths) are compared after
 * collapsing spaces, as the schema's token type does; a decimal (string
 * type) allows spaces only around it. */
#include "load/load.h"

#include <stdio.h>
#include <string.h>

/* ==== matchers ========================================================== */

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Skip [0-9]+ at *p; 1 when at least one digit was there. */
static int digits(const char **p)
{
    const char *s = *p;
    while (is_digit(**p))
        (*p)++;
    return *p > s;
}

/* [0-9]+(\.[0-9]+)? at *p; 1 when it is there (*p moved past it). */
static int unsigned_number(const char **p)
{
    if (!digits(p))
        return 0;
    if (**p == '.') {
        (*p)++;
        return digits(p);
    }
    return 1;
}

/* \s*[+\-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s* */
static int match_decimal(const char *p)
{
    while (is_xml_space(*p))
        p++;
    if (*p == '+' || *p == '-')
        p++;
    int whole = digits(&p);
    if (*p == '.') {
        p++;
        if (!digits(&p) && !whole)
            return 0;
    } else if (!whole) {
        return 0;
    }
    while (is_xml_space(*p))
        p++;
    return !*p;
}

/* [0-9]{4}-[0-9]{2}-[0-9]{2} */
static int match_date(const char *p)
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? !is_digit(p[i]) : p[i] != shape[i])
            return 0;
    return !p[sizeof shape - 1];
}

/* (6|9|12):[0-9]+(\.[0-9]+)?( (6|9|12):[0-9]+(\.[0-9]+)?)* */
static int match_weights(const char *p)
{
    for (;;) {
        if (p[0] == '1' && p[1] == '2')
            p += 2;
        else if (*p == '6' || *p == '9')
            p++;
        else
            return 0;
        if (*p++ != ':' || !unsigned_number(&p))
            return 0;
        if (!*p)
            return 1;
        if (*p++ != ' ')
            return 0;
    }
}

/* [0-9]+(\.[0-9]+)?%  (percent), [0-9]+(\.[0-9]+)?(%|cm|mm|in|pt)  (length) */
static int match_width(const char *p, int units)
{
    if (!unsigned_number(&p))
        return 0;
    if (!strcmp(p, "%"))
        return 1;
    return units && (!strcmp(p, "cm") || !strcmp(p, "mm") || !strcmp(p, "in") ||
                     !strcmp(p, "pt"));
}

/* s as xsd:token sees it: spaces collapsed, none at either end, into out
 * (truncated to size; a value that long is wrong anyway). */
static void collapse(const char *s, char *out, size_t size)
{
    size_t k = 0;
    int space = 0;
    for (; *s && k + 2 < size; s++) {
        if (is_xml_space(*s)) {
            space = k > 0;
            continue;
        }
        if (space)
            out[k++] = ' ';
        space = 0;
        out[k++] = *s;
    }
    out[k] = 0;
}

int lexical_match(lex_kind kind, const char *s)
{
    if (!s)
        return 0;
    if (kind == LEX_DECIMAL)
        return match_decimal(s);
    /* the token kinds; longer than any valid date, weights or width */
    char t[512];
    if (strlen(s) >= sizeof t - 2)
        return 0;
    collapse(s, t, sizeof t);
    switch (kind) {
    case LEX_DATE:
        return match_date(t);
    case LEX_WEIGHTS:
        return match_weights(t);
    case LEX_PERCENT:
        return match_width(t, 0);
    case LEX_LENGTH:
        return match_width(t, 1);
    default:
        return 0;
    }
}

lex_kind lexical_kind_named(const char *name)
{
    static const char *const names[] = {"", "decimal", "date", "weights", "percent", "length"};
    for (int k = 1; k < (int)(sizeof names / sizeof names[0]); k++)
        if (name && !strcmp(name, names[k]))
            return (lex_kind)k;
    return LEX_NONE;
}

/* ==== where the forms are used ============================================ */

/* Attribute attr (NULL: the text) of element, under parent (NULL: any),
 * has form kind; list: a space-separated list of them. */
static const struct form {
    const char *element, *attr, *parent;
    lex_kind kind;
    int list;
} forms[] = {
    {"indicator", "weight", NULL, LEX_DECIMAL, 0},
    {"indicator", "weights", NULL, LEX_WEIGHTS, 0},
    {"row", "weight", NULL, LEX_DECIMAL, 0},
    {"row", "score", NULL, LEX_DECIMAL, 0},
    {"row", "weighted", NULL, LEX_DECIMAL, 0},
    {"row", "value", NULL, LEX_DECIMAL, 0},
    {"row", "thresholds", NULL, LEX_DECIMAL, 1},
    {"row", "floor", NULL, LEX_DECIMAL, 0},
    {"row", "self-score", NULL, LEX_DECIMAL, 0},
    {"targets", "value", NULL, LEX_DECIMAL, 0},
    {"targets", "score", NULL, LEX_DECIMAL, 0},
    {"targets", "floor", NULL, LEX_DECIMAL, 0},
    {"basic", "points", NULL, LEX_DECIMAL, 0},
    {"basic", "threshold", NULL, LEX_DECIMAL, 0},
    {"standard", "points", NULL, LEX_DECIMAL, 0},
    {"standard", "threshold", NULL, LEX_DECIMAL, 0},
    {"advanced", "points", NULL, LEX_DECIMAL, 0},
    {"advanced", "threshold", NULL, LEX_DECIMAL, 0},
    {"num", "value", NULL, LEX_DECIMAL, 0},
    {"table", "width", NULL, LEX_PERCENT, 0},
    {"figure", "width", NULL, LEX_LENGTH, 0},
    {"submitted", "date", NULL, LEX_DATE, 0},
    {"approved", "date", NULL, LEX_DATE, 0},
    {"sign", "date", NULL, LEX_DATE, 0},
    {"date", "value", NULL, LEX_DATE, 0},
    {"date", NULL, "meta", LEX_DATE, 0},
};

lex_kind lexical_kind_of(const char *element, const char *attr, const char *parent, int *list)
{
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const struct form *f = &forms[i];
        if (strcmp(f->element, element) || (!f->attr) != (!attr) ||
            (attr && strcmp(f->attr, attr)) || (f->parent && (!parent || strcmp(f->parent, parent))))
            continue;
        if (list)
            *list = f->list;
        return f->kind;
    }
    return LEX_NONE;
}

size_t lexical_forms(void) { return sizeof forms / sizeof forms[0]; }

/* ==== the check =========================================================== */

/* Check value v (attribute attr, or the text when attr is NULL) of el
 * against its form; report the first fault. */
static void check_one(rg_loader *L, const xmlNode *el, const char *attr, const char *v,
                      lex_kind kind, int list)
{
    if (!list) {
        if (!lexical_match(kind, v))
            explain_lexical(L, el, attr, v, kind, NULL);
        return;
    }
    /* the tokens of a list, as <list> splits them */
    char tok[512];
    for (const char *p = v; *p;) {
        while (is_xml_space(*p))
            p++;
        size_t n = 0;
        while (p[n] && !is_xml_space(p[n]))
            n++;
        if (!n)
            break;
        snprintf(tok, sizeof tok, "%.*s", (int)(n < sizeof tok ? n : sizeof tok - 1), p);
        if (!lexical_match(kind, tok)) {
            explain_lexical(L, el, attr, v, kind, tok);
            return;
        }
        p += n;
    }
}

void loader_check_lexical(rg_loader *L)
{
    const xmlNode *root = L->doc ? xmlDocGetRootElement(L->doc) : NULL;
    const xmlNode *n = root;
    /* iterative document-order walk, linear in the tree */
    while (n) {
        if (n->type == XML_ELEMENT_NODE && n->ns && !explain_is_follow_on(L, n)) {
            const char *name = (const char *)n->name;
            const char *parent = n->parent && n->parent->type == XML_ELEMENT_NODE
                                     ? (const char *)n->parent->name
                                     : NULL;
            for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
                const struct form *f = &forms[i];
                if (strcmp(f->element, name) || (f->parent && (!parent || strcmp(f->parent, parent))))
                    continue;
                xmlChar *v = f->attr ? xmlGetNoNsProp(n, (const xmlChar *)f->attr)
                                     : xmlNodeGetContent(n);
                if (v)
                    check_one(L, n, f->attr, (const char *)v, f->kind, f->list);
                xmlFree(v);
                if (explain_is_follow_on(L, n))
                    break; /* one message per element */
            }
        }
        if (n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent && n->parent != (const xmlNode *)L->doc ? n->parent : NULL;
        if (n)
            n = n->next;
    }
}
