/* test_lexical.c - the lexical forms raingan checks by hand instead of
 * RELAX NG pattern facets (src/load/lexical.c, issue #20 item 6).
 *
 *  - each matcher accepts exactly the language of the pattern it replaced:
 *    both are run over every string of a small alphabet up to a length
 *    (and over hand-picked edges), the pattern through libxml2's own
 *    regular expressions, compiled once here;
 *  - lexical.c's table of where the forms are used names exactly the
 *    attributes schema/report.rng marks rg:lexical, and report.rng has no
 *    pattern facet left. */
#include "testhelp.h"
#include "load/load.h"

#include <libxml/parser.h>
#include <libxml/xmlregexp.h>
#include <libxml/xmlschemastypes.h>
#include <stdio.h>
#include <string.h>

/* The patterns the schema had, for each kind. */
static const struct {
    lex_kind kind;
    const char *pattern;
    const char *alphabet; /* the characters generated strings are made of */
    int maxlen;
} langs[] = {
    {LEX_DECIMAL, "\\s*[+\\-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)\\s*", "05.+- ,x", 6},
    {LEX_DATE, "[0-9]{4}-[0-9]{2}-[0-9]{2}", "1-", 10},
    {LEX_WEIGHTS, "(6|9|12):[0-9]+(\\.[0-9]+)?( (6|9|12):[0-9]+(\\.[0-9]+)?)*", "1269:. 0", 6},
    {LEX_PERCENT, "[0-9]+(\\.[0-9]+)?%", "05.%x", 6},
    {LEX_LENGTH, "[0-9]+(\\.[0-9]+)?(%|cm|mm|in|pt)", "0.%cmipt", 6},
};

/* Every string over alphabet up to maxlen: matcher == pattern.  Returns the
 * number of strings that disagree (the first few are printed). */
static long compare_all(int li, long *count)
{
    xmlRegexpPtr re = xmlRegexpCompile((const xmlChar *)langs[li].pattern);
    if (!re)
        return -1;
    const char *al = langs[li].alphabet;
    int na = (int)strlen(al), max = langs[li].maxlen;
    int idx[16];
    char s[17], t[17];
    long bad = 0;
    for (int len = 0; len <= max; len++) {
        for (int i = 0; i < len; i++)
            idx[i] = 0;
        for (;;) {
            for (int i = 0; i < len; i++)
                s[i] = al[idx[i]];
            s[len] = 0;
            /* a token's pattern saw the value with its spaces collapsed */
            xmlChar *c = langs[li].kind == LEX_DECIMAL ? NULL
                                                       : xmlSchemaCollapseString((const xmlChar *)s);
            snprintf(t, sizeof t, "%s", c ? (const char *)c : s);
            xmlFree(c);
            int want = xmlRegexpExec(re, (const xmlChar *)t) == 1;
            int got = lexical_match(langs[li].kind, s);
            (*count)++;
            if (want != got && bad++ < 5)
                printf("  pattern %s: \"%s\" pattern says %d, matcher %d\n", langs[li].pattern, s,
                       want, got);
            int k = len - 1;
            while (k >= 0 && ++idx[k] == na)
                idx[k--] = 0;
            if (k < 0)
                break;
        }
    }
    xmlRegFreeRegexp(re);
    return bad;
}

/* The element names (and, for a define, those of its users) that enclose
 * schema node n. */
static const xmlNode *enclosing_element(const xmlNode *n)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (!strcmp((const char *)n->name, "element") || !strcmp((const char *)n->name, "define"))
            return n;
    return NULL;
}

static const char *prop(const xmlNode *n, const char *name)
{
    static char buf[4][128];
    static int k;
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s", v ? (const char *)v : "");
    xmlFree(v);
    return buf[k];
}

/* Call fn(n, data) for every element below root, depth first. */
static void each_element(const xmlNode *root, void (*fn)(const xmlNode *, void *), void *data)
{
    const xmlNode *stack[4096];
    int sp = 0;
    stack[sp++] = root;
    while (sp) {
        const xmlNode *c = stack[--sp];
        for (const xmlNode *k = c->children; k; k = k->next) {
            if (k->type != XML_ELEMENT_NODE)
                continue;
            fn(k, data);
            if (sp < 4096)
                stack[sp++] = k;
        }
    }
}

typedef struct use {
    char element[64], attr[64], parent[64];
    lex_kind kind;
    int list;
} use;

/* The <data rg:lexical> reached from n by refs (depth-bounded); its kind,
 * and in *list whether a <list> was crossed. */
static lex_kind kind_below(const xmlNode *root, const xmlNode *n, int *list, int depth)
{
    for (; n && depth < 6; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *nm = (const char *)n->name;
        if (!strcmp(nm, "data") && prop(n, "lexical")[0])
            return lexical_kind_named(prop(n, "lexical"));
        if (!strcmp(nm, "element") || !strcmp(nm, "attribute"))
            continue;
        if (!strcmp(nm, "list"))
            *list = 1;
        if (!strcmp(nm, "ref")) {
            for (const xmlNode *d = root->children; d; d = d->next)
                if (d->type == XML_ELEMENT_NODE && !strcmp((const char *)d->name, "define") &&
                    !strcmp(prop(d, "name"), prop(n, "name"))) {
                    lex_kind k = kind_below(root, d->children, list, depth + 1);
                    if (k != LEX_NONE)
                        return k;
                }
            continue;
        }
        lex_kind k = kind_below(root, n->children, list, depth + 1);
        if (k != LEX_NONE)
            return k;
    }
    return LEX_NONE;
}

/* The uses of a define being collected (add_ref_uses). */
struct refs {
    const xmlNode *root;
    const char *attr;
    lex_kind kind;
    int list;
    use *out;
    int *n, max;
    char define[128];
};
static void add_ref_uses(const xmlNode *k, void *data);

/* Add the uses of an attribute or text with the given kind inside element
 * pattern e (or define d: at each element referring to it). */
static void add_uses(const xmlNode *root, const xmlNode *e, const char *attr, lex_kind kind,
                     int list, use *out, int *n, int max)
{
    if (!strcmp((const char *)e->name, "element")) {
        const xmlNode *p = enclosing_element(e);
        while (p && strcmp((const char *)p->name, "element"))
            p = NULL;
        if (*n < max) {
            snprintf(out[*n].element, 64, "%s", prop(e, "name"));
            snprintf(out[*n].attr, 64, "%s", attr ? attr : "");
            snprintf(out[*n].parent, 64, "%s", p ? prop(p, "name") : "");
            out[*n].kind = kind;
            out[(*n)++].list = list;
        }
        return;
    }
    /* a define: every <ref> to it inside an element */
    struct refs r = {root, attr, kind, list, out, n, max, ""};
    snprintf(r.define, sizeof r.define, "%s", prop(e, "name"));
    each_element(root, add_ref_uses, &r);
}

static void add_ref_uses(const xmlNode *k, void *data)
{
    struct refs *r = data;
    const xmlNode *x = enclosing_element(k);
    if (!strcmp((const char *)k->name, "ref") && !strcmp(prop(k, "name"), r->define) && x)
        add_uses(r->root, x, r->attr, r->kind, r->list, r->out, r->n, r->max);
}

/* What report.rng says: its pattern facets and rg:lexical uses. */
struct survey {
    const xmlNode *root;
    use uses[128];
    int nuses, patterns;
};

static void survey_node(const xmlNode *k, void *data)
{
    struct survey *sv = data;
    const char *nm = (const char *)k->name;
    if (!strcmp(nm, "param") && !strcmp(prop(k, "name"), "pattern"))
        sv->patterns++;
    int list = 0;
    if (!strcmp(nm, "attribute")) {
        lex_kind kind = kind_below(sv->root, k->children, &list, 0);
        const xmlNode *e = enclosing_element(k);
        char an[128];
        snprintf(an, sizeof an, "%s", prop(k, "name"));
        if (kind != LEX_NONE && e)
            add_uses(sv->root, e, an, kind, list, sv->uses, &sv->nuses, 128);
    } else if (!strcmp(nm, "element")) {
        lex_kind kind = kind_below(sv->root, k->children, &list, 0);
        if (kind != LEX_NONE)
            add_uses(sv->root, k, NULL, kind, list, sv->uses, &sv->nuses, 128);
    }
}

int main(void)
{
    /* ---- matchers against the patterns ---- */
    for (int i = 0; i < (int)(sizeof langs / sizeof langs[0]); i++) {
        long count = 0, bad = compare_all(i, &count);
        char what[256];
        snprintf(what, sizeof what, "%s: the matcher agrees with the pattern on all %ld strings",
                 langs[i].pattern, count);
        test_cond(what, bad == 0 && count > 1000);
    }
    static const struct {
        lex_kind kind;
        const char *s;
        int ok;
    } edges[] = {
        {LEX_DECIMAL, "123456789012345678901234567890.5", 1},
        {LEX_DECIMAL, " \t12.5\r\n", 1},
        {LEX_DECIMAL, "-0", 1},
        {LEX_DECIMAL, "5.", 1},
        {LEX_DECIMAL, ".5", 1},
        {LEX_DECIMAL, ".", 0},
        {LEX_DECIMAL, "", 0},
        {LEX_DECIMAL, "1e5", 0},
        {LEX_DECIMAL, "\xe0\xb9\x98\xe0\xb9\x90", 0},
        {LEX_DATE, "2019-09-30", 1},
        {LEX_DATE, " 2019-09-30 ", 1},
        {LEX_DATE, "2019-9-30", 0},
        {LEX_DATE, "2019-09-30x", 0},
        {LEX_DATE, "", 0},
        {LEX_WEIGHTS, "6:20 9:25.5 12:30", 1},
        {LEX_WEIGHTS, " 6:20\t\n 12:1 ", 1},
        {LEX_WEIGHTS, "7:20", 0},
        {LEX_WEIGHTS, "6:5.", 0},
        {LEX_WEIGHTS, "12:", 0},
        {LEX_WEIGHTS, "1:2", 0},
        {LEX_PERCENT, "80.5%", 1},
        {LEX_PERCENT, "80", 0},
        {LEX_PERCENT, "80cm", 0},
        {LEX_LENGTH, "2.5cm", 1},
        {LEX_LENGTH, "40mm", 1},
        {LEX_LENGTH, "1in", 1},
        {LEX_LENGTH, "120pt", 1},
        {LEX_LENGTH, "50%", 1},
        {LEX_LENGTH, "5", 0},
        {LEX_LENGTH, "5px", 0},
        {LEX_LENGTH, "5 cm", 0},
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        char what[160];
        snprintf(what, sizeof what, "kind %d: \"%s\" is %s", edges[i].kind, edges[i].s,
                 edges[i].ok ? "accepted" : "refused");
        test_cond(what, lexical_match(edges[i].kind, edges[i].s) == edges[i].ok);
    }
    char big[4096];
    memset(big, '1', sizeof big - 1);
    big[sizeof big - 1] = 0;
    test_cond("a 4,095-digit decimal is a decimal", lexical_match(LEX_DECIMAL, big));
    test_cond("a 4,095-character date is not a date", !lexical_match(LEX_DATE, big));
    test_cond("NULL is no value", !lexical_match(LEX_DECIMAL, NULL));

    /* ---- the table against report.rng ---- */
    xmlDocPtr rng = xmlReadFile(RG_SOURCE_DIR "/schema/report.rng", NULL, XML_PARSE_NONET);
    test_cond("schema/report.rng is read", rng != NULL);
    if (!rng)
        return test_report();
    const xmlNode *root = xmlDocGetRootElement(rng);
    static struct survey sv;
    sv.root = root;
    each_element(root, survey_node, &sv);
    use *uses = sv.uses;
    int nuses = sv.nuses, patterns = sv.patterns;
    test_cond("report.rng has no pattern facet (libxml2 compiles one per value checked)",
              patterns == 0);
    int agree = 1;
    for (int i = 0; i < nuses; i++) {
        int list = -1;
        lex_kind k = lexical_kind_of(uses[i].element, uses[i].attr[0] ? uses[i].attr : NULL,
                                     uses[i].parent[0] ? uses[i].parent : NULL, &list);
        if (k != uses[i].kind || list != uses[i].list) {
            agree = 0;
            printf("  <%s %s> under <%s>: schema says kind %d%s, lexical.c %d\n",
                   uses[i].element, uses[i].attr, uses[i].parent, uses[i].kind,
                   uses[i].list ? " (list)" : "", k);
        }
    }
    char what[160];
    snprintf(what, sizeof what, "lexical.c knows the form of all %d rg:lexical uses of report.rng",
             nuses);
    test_cond(what, agree && nuses >= 20);
    /* <date> under meta and inline <date value> count as distinct uses */
    int distinct = 0;
    for (int i = 0; i < nuses; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= !strcmp(uses[i].element, uses[j].element) &&
                    !strcmp(uses[i].attr, uses[j].attr);
        distinct += !seen;
    }
    snprintf(what, sizeof what, "and lexical.c has no use the schema lacks (%d = %zu)", distinct,
             lexical_forms());
    test_cond(what, (size_t)distinct == lexical_forms());
    test_cond("a plain attribute has no lexical form", lexical_kind_of("row", "method", "calculation", NULL) == LEX_NONE);
    test_cond("inline <date> has no text form", lexical_kind_of("date", NULL, "name", NULL) == LEX_NONE);
    xmlFreeDoc(rng);
    xmlCleanupParser();
    return test_report();
}
