/* explain.c - turning libxml2's RELAX NG complaints into messages that
 * teach: what is wrong, what the schema allows at that place, what to do.
 *
 * Design: libxml2 stays the judge of validity (nothing is reported that
 * it did not find), but its words are poor ("Did not expect element X
 * there", "Element indicator failed to validate attributes").  When it
 * complains about a node, this file reads the schema itself (the embedded
 * report.rng, parsed as plain XML on the first complaint of a load, never
 * for a valid file) and looks at the node the way a person would:
 *
 *   - the content of an element is flattened into slots: an ordered list
 *     of (element names, optional, repeatable), a choice being one slot.
 *     Walking the actual children through the slots names the first
 *     problem: an unknown name (with "did you mean" by case and edit
 *     distance over the names allowed there), an element that belongs
 *     elsewhere, a required element missing before another, one out of
 *     order, one too many, or text where only elements may be;
 *   - the attributes of the element's definition (for a repeated name
 *     such as the five <level>s of <criteria>, the definition of the slot
 *     it occupies) give the unknown attribute, the missing required one,
 *     and a value's exact fault: Thai digits, a % sign, thousands
 *     separators, not a number, not whole, not one of the listed values.
 *
 * One mistake, one message: every node explained is remembered, and a
 * later libxml2 complaint about that node, its ancestors, its descendants
 * or its siblings is a follow-on and is dropped (explain_is_follow_on). */
#define _POSIX_C_SOURCE 200809L
#include "load/load.h"
#include "util/i18n.h"
#include "util/strdist.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

extern const unsigned char rg_schema_data[];
extern const size_t rg_schema_size;

#define MAX_SLOTS 48
#define MAX_NAMES 40

/* One place in an element's content: one of names, maybe optional,
 * maybe repeated. */
typedef struct slot {
    const xmlNode *def[MAX_NAMES]; /* the <element> patterns allowed here */
    int ndef;
    int optional, repeat;
} slot;

/* The flattened content of an element definition. */
typedef struct content {
    slot s[MAX_SLOTS];
    int n;
    int text;     /* text is allowed (mixed, <text/>, data) */
    int overflow; /* too complex to flatten: say less */
} content;

/* ==== the schema as plain XML =========================================== */

static int is_rng(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* The value of attribute name of schema node n (borrowed from the
 * schema's tree; "" when absent). */
static const char *rattr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (!strcmp((const char *)a->name, name) && a->children && a->children->content)
            return (const char *)a->children->content;
    return "";
}

/* The schema's tree, parsed on first use in this load. */
static const xmlNode *schema_root(rg_loader *L)
{
    if (!L->rng)
        L->rng = xmlReadMemory((const char *)rg_schema_data, (int)rg_schema_size, "report.rng",
                               NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                         XML_PARSE_NOWARNING);
    return L->rng ? xmlDocGetRootElement(L->rng) : NULL;
}

/* The <define name=name> of the grammar, or NULL. */
static const xmlNode *find_define(rg_loader *L, const char *name)
{
    const xmlNode *g = schema_root(L);
    for (const xmlNode *c = g ? g->children : NULL; c; c = c->next)
        if (is_rng(c, "define") && !strcmp(rattr(c, "name"), name))
            return c;
    return NULL;
}

/* Every <element name=name> pattern of the schema, in document order. */
static int element_defs(const xmlNode *n, const char *name, const xmlNode **out, int max,
                        int count)
{
    for (const xmlNode *c = n; c && count < max; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_rng(c, "element") && !strcmp(rattr(c, "name"), name))
            out[count++] = c;
        count = element_defs(c->children, name, out, max, count);
    }
    return count;
}

static void add_def(slot *s, const xmlNode *def)
{
    for (int i = 0; i < s->ndef; i++)
        if (s->def[i] == def)
            return;
    if (s->ndef < MAX_NAMES)
        s->def[s->ndef++] = def;
}

/* Collect the element patterns pattern n can start with into s (the
 * branches of a choice, through refs and groups); sets *empty when it
 * can match nothing (text, empty, optional). */
static void choice_elements(rg_loader *L, const xmlNode *n, slot *s, int *empty, int depth)
{
    if (!n || depth > 16)
        return;
    const char *k = (const char *)n->name;
    if (!strcmp(k, "element"))
        add_def(s, n);
    else if (!strcmp(k, "ref")) {
        const xmlNode *d = find_define(L, rattr(n, "name"));
        for (const xmlNode *c = d ? d->children : NULL; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                choice_elements(L, c, s, empty, depth + 1);
    } else if (!strcmp(k, "choice") || !strcmp(k, "group") || !strcmp(k, "optional") ||
               !strcmp(k, "zeroOrMore") || !strcmp(k, "oneOrMore") || !strcmp(k, "mixed") ||
               !strcmp(k, "interleave")) {
        if (!strcmp(k, "optional") || !strcmp(k, "zeroOrMore") || !strcmp(k, "mixed"))
            *empty = 1;
        for (const xmlNode *c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                choice_elements(L, c, s, empty, depth + 1);
    } else if (!strcmp(k, "text") || !strcmp(k, "empty") || !strcmp(k, "data") ||
               !strcmp(k, "value") || !strcmp(k, "list")) {
        *empty = 1;
    }
}

/* Flatten pattern n into slots (optional/repeat: the enclosing context). */
static void flatten(rg_loader *L, const xmlNode *n, int optional, int repeat, content *c,
                    int depth)
{
    if (!n || n->type != XML_ELEMENT_NODE || depth > 16)
        return;
    const char *k = (const char *)n->name;
    if (!strcmp(k, "attribute"))
        return;
    if (!strcmp(k, "text") || !strcmp(k, "data") || !strcmp(k, "value") || !strcmp(k, "list")) {
        c->text = 1;
        return;
    }
    if (!strcmp(k, "element") || !strcmp(k, "choice") || !strcmp(k, "interleave")) {
        if (c->n >= MAX_SLOTS) {
            c->overflow = 1;
            return;
        }
        slot *s = &c->s[c->n];
        memset(s, 0, sizeof *s);
        int empty = 0;
        if (!strcmp(k, "element"))
            add_def(s, n);
        else
            for (const xmlNode *b = n->children; b; b = b->next)
                if (b->type == XML_ELEMENT_NODE) {
                    choice_elements(L, b, s, &empty, depth + 1);
                    if (is_rng(b, "text") || is_rng(b, "mixed"))
                        c->text = 1;
                }
        if (!s->ndef) {
            c->text |= empty;
            return;
        }
        s->optional = optional || empty;
        s->repeat = repeat || !strcmp(k, "interleave");
        c->n++;
        return;
    }
    int opt = optional || !strcmp(k, "optional") || !strcmp(k, "zeroOrMore");
    int rep = repeat || !strcmp(k, "zeroOrMore") || !strcmp(k, "oneOrMore");
    if (!strcmp(k, "mixed"))
        c->text = 1;
    if (!strcmp(k, "ref")) {
        const xmlNode *d = find_define(L, rattr(n, "name"));
        for (const xmlNode *ch = d ? d->children : NULL; ch; ch = ch->next)
            flatten(L, ch, opt, rep, c, depth + 1);
        return;
    }
    for (const xmlNode *ch = n->children; ch; ch = ch->next)
        flatten(L, ch, opt, rep, c, depth + 1);
}

/* The content of element definition def. */
static void content_of(rg_loader *L, const xmlNode *def, content *c)
{
    memset(c, 0, sizeof *c);
    for (const xmlNode *ch = def ? def->children : NULL; ch; ch = ch->next)
        flatten(L, ch, 0, 0, c, 0);
}

/* ==== names and labels ================================================= */

/* 1 when n is an element of the document (not text, comment ...). */
static int is_elem(const xmlNode *n) { return n && n->type == XML_ELEMENT_NODE; }

static const char *name_of(const xmlNode *n) { return (const char *)n->name; }

/* The attribute of def with one fixed value (the five <level value="N">
 * of <criteria>): writes `name="value"` into out, "" when there is none. */
static void fixed_attr(rg_loader *L, const xmlNode *def, char *out, size_t size, int depth)
{
    out[0] = 0;
    for (const xmlNode *c = def ? def->children : NULL; c && depth < 4; c = c->next) {
        if (is_rng(c, "attribute")) {
            const xmlNode *v = c->children;
            while (v && v->type != XML_ELEMENT_NODE)
                v = v->next;
            if (is_rng(v, "value")) {
                xmlChar *t = xmlNodeGetContent(v);
                snprintf(out, size, "%s=\"%s\"", rattr(c, "name"), t ? (const char *)t : "");
                xmlFree(t);
                return;
            }
        } else if (is_rng(c, "ref")) {
            (void)L;
        }
    }
}

/* "<name>" or "<level value="5">" for element pattern def. */
static void label_of(rg_loader *L, const xmlNode *def, char *out, size_t size)
{
    char fixed[128];
    fixed_attr(L, def, fixed, sizeof fixed, 0);
    if (fixed[0])
        snprintf(out, size, "<%s %s>", rattr(def, "name"), fixed);
    else
        snprintf(out, size, "<%s>", rattr(def, "name"));
}

/* "<a>, <b> or <c>" for the distinct names of slot s. */
static void slot_names(const slot *s, char *out, size_t size, const char *or_word)
{
    out[0] = 0;
    for (int i = 0; i < s->ndef; i++) {
        const char *nm = rattr(s->def[i], "name");
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= !strcmp(rattr(s->def[j], "name"), nm);
        if (seen)
            continue;
        size_t n = strlen(out);
        snprintf(out + n, size - n, "%s<%s>", n ? ", " : "", nm);
    }
    char *last = strrchr(out, ',');
    if (last && or_word) {
        char tail[512];
        snprintf(tail, sizeof tail, " %s%s", or_word, last + 1);
        snprintf(last, size - (size_t)(last - out), "%s", tail);
    }
}

/* Everything content c allows, "<a>, <b>, <c>" in order. */
static void content_names(const content *c, char *out, size_t size)
{
    out[0] = 0;
    for (int i = 0; i < c->n; i++)
        for (int k = 0; k < c->s[i].ndef; k++) {
            char part[128];
            snprintf(part, sizeof part, "<%s>", rattr(c->s[i].def[k], "name"));
            if (strstr(out, part))
                continue; /* the five <level>s of <criteria> */
            size_t n = strlen(out);
            snprintf(out + n, size - n, "%s%s", n ? ", " : "", part);
        }
}

/* 1 when slot s allows an element named name. */
static int slot_has(const slot *s, const char *name)
{
    for (int i = 0; i < s->ndef; i++)
        if (!strcmp(rattr(s->def[i], "name"), name))
            return 1;
    return 0;
}

/* ==== follow-ons ======================================================== */

static int is_ancestor(const xmlNode *a, const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n == a)
            return 1;
    return 0;
}

int explain_is_follow_on(const rg_loader *L, const xmlNode *node)
{
    while (node && node->type != XML_ELEMENT_NODE)
        node = node->parent;
    if (!node)
        return 0;
    for (size_t i = 0; i < L->nexplained; i++) {
        const xmlNode *e = L->explained[i].node;
        if (e == node)
            return 1;
        /* a misplaced or unknown element: what is inside it and the
         * siblings after it are not validated sensibly any more */
        if (L->explained[i].whole &&
            (is_ancestor(e, node) || (e->parent && e->parent == node->parent)))
            return 1;
    }
    return 0;
}

int explain_is_echo(const rg_loader *L, const xmlNode *node)
{
    for (size_t i = 0; node && i < L->nexplained; i++)
        if (is_ancestor(node, L->explained[i].node))
            return 1;
    return 0;
}

/* Remember n as explained; whole: its content and siblings too. */
static void remember(rg_loader *L, const xmlNode *n, int whole)
{
    if (n && !rg_grow(L->ctx, (void **)&L->explained, &L->capexplained, L->nexplained + 1,
                      sizeof *L->explained)) {
        L->explained[L->nexplained].node = n;
        L->explained[L->nexplained++].whole = whole;
    }
}

/* Report one explained schema error at p about node n. */
static void xreport(rg_loader *L, const xmlNode *n, rg_pos p, const char *hint, const char *fmt,
                   ...) __attribute__((format(printf, 5, 6)));
static void xreport(rg_loader *L, const xmlNode *n, rg_pos p, const char *hint, const char *fmt,
                   ...)
{
    va_list ap;
    va_start(ap, fmt);
    char h[2048];
    if (hint)
        snprintf(h, sizeof h, "%s", hint);
    rg_vdiag(L->ctx, RG_ERROR, "schema", L->file, p.line, p.col, hint ? h : NULL, fmt, ap);
    va_end(ap);
    L->errors++;
    L->schema_errors++;
    remember(L, n, L->explain_whole);
}

/* ==== element content ==================================================== */

/* The definitions for element n: those named like it, narrowed to the
 * ones its parent's content allows when the parent is known. */
static int defs_for(rg_loader *L, const xmlNode *n, const xmlNode **out, int max)
{
    const xmlNode *root = schema_root(L);
    return root ? element_defs(root, name_of(n), out, max, 0) : 0;
}

/* Union of the contents of every definition of element parent. */
static void parent_content(rg_loader *L, const xmlNode *parent, content *c)
{
    const xmlNode *defs[8];
    int nd = defs_for(L, parent, defs, 8);
    /* A name with several definitions (<name> of an indicator, a person,
     * an item): the one whose content allows the most of the children. */
    int best = -1, bestscore = -1;
    for (int i = 0; i < nd; i++) {
        content t;
        content_of(L, defs[i], &t);
        int score = 0;
        for (const xmlNode *ch = parent->children; ch; ch = ch->next)
            for (int k = 0; is_elem(ch) && k < t.n; k++)
                if (slot_has(&t.s[k], name_of(ch))) {
                    score++;
                    break;
                }
        if (score > bestscore) {
            bestscore = score;
            best = i;
        }
    }
    if (best >= 0)
        content_of(L, defs[best], c);
    else
        memset(c, 0, sizeof *c);
}

/* Walk the element children of parent through c's slots.  Stops at the
 * first child that does not fit; *slot_of receives, for each child in
 * order, the slot it matched (-1 unmatched), at most max.  Returns the
 * child that does not fit, or NULL when all do; *missing receives the
 * first required slot left unmatched (before the bad child, or at the
 * end), -1 when none. */
typedef enum fit { FIT_OK, FIT_UNKNOWN, FIT_MISSING, FIT_ORDER, FIT_TOO_MANY } fit;

typedef struct walk {
    fit kind;
    const xmlNode *at;   /* the child where it went wrong (NULL: at the end) */
    const xmlNode *prev; /* the element child before it */
    int missing;         /* FIT_MISSING: the slot missing */
    int later;           /* FIT_ORDER: the slot already passed that it must precede */
    int slot;            /* the slot of `at` when known */
} walk;

static walk walk_children(const content *c, const xmlNode *parent, const xmlNode *stop_after,
                          int *slot_of, int max)
{
    walk w = {FIT_OK, NULL, NULL, -1, -1, -1};
    int pos = 0, count = 0, k = 0;
    for (const xmlNode *ch = parent->children; ch; ch = ch->next) {
        if (!is_elem(ch))
            continue;
        const char *nm = name_of(ch);
        int j = -1;
        if (pos < c->n && slot_has(&c->s[pos], nm) && (c->s[pos].repeat || count == 0)) {
            count++;
            j = pos;
        } else {
            for (int t = pos + (count > 0 || pos >= c->n ? 1 : 0); t < c->n; t++)
                if (slot_has(&c->s[t], nm)) {
                    j = t;
                    break;
                }
            if (j < 0 && pos < c->n && count == 0 && slot_has(&c->s[pos], nm))
                j = pos;
            if (j >= 0) {
                /* required slots skipped on the way */
                int from = count > 0 ? pos + 1 : pos;
                for (int t = from; t < j; t++)
                    if (!c->s[t].optional) {
                        w.kind = FIT_MISSING;
                        w.at = ch;
                        w.missing = t;
                        w.slot = j;
                        return w;
                    }
                pos = j;
                count = 1;
            } else {
                int earlier = -1;
                for (int t = 0; t < c->n && earlier < 0; t++)
                    if (slot_has(&c->s[t], nm))
                        earlier = t;
                w.at = ch;
                w.slot = earlier;
                if (earlier < 0)
                    w.kind = FIT_UNKNOWN;
                else if (earlier == pos)
                    w.kind = FIT_TOO_MANY;
                else {
                    w.kind = FIT_ORDER;
                    w.later = pos;
                }
                return w;
            }
        }
        if (k < max)
            slot_of[k++] = j;
        w.prev = ch;
        if (ch == stop_after)
            return w;
    }
    int from = count > 0 ? pos + 1 : pos;
    for (int t = from; t < c->n; t++)
        if (!c->s[t].optional) {
            w.kind = FIT_MISSING;
            w.missing = t;
            return w;
        }
    return w;
}

static const xmlNode *def_of(rg_loader *L, const xmlNode *n);

/* Explain an element libxml2 did not expect, or the missing element it
 * expected in parent.  Returns 1 when reported. */
static int explain_content(rg_loader *L, const xmlNode *parent, const xmlNode *bad)
{
    L->explain_whole = 1;
    content c;
    parent_content(L, parent, &c);
    if (c.overflow || !c.n)
        return 0;
    int slots[1];
    walk w = walk_children(&c, parent, NULL, slots, 0);
    if (w.at && explain_is_follow_on(L, w.at))
        return 0; /* explained already: this is its echo */
    const char *pn = name_of(parent);
    char names[2048], a[512], b[512];
    content_names(&c, names, sizeof names);
    char allowed[2400];
    snprintf(allowed, sizeof allowed, i18n_lookup(L->ctx->lang, N_("<%s> may contain: %s")), pn,
             names);
    switch (w.kind) {
    case FIT_UNKNOWN: {
        const char *nm = name_of(w.at);
        const char *cand[MAX_SLOTS * MAX_NAMES];
        int nc = 0;
        for (int i = 0; i < c.n; i++)
            for (int k = 0; k < c.s[i].ndef && nc < MAX_SLOTS * MAX_NAMES; k++)
                cand[nc++] = rattr(c.s[i].def[k], "name");
        const char *near = str_closest(nm, cand, nc);
        rg_pos p = loader_node_pos(L, w.at);
        if (near && !strcasecmp(near, nm)) {
            xreport(L, w.at, p, allowed,
                   "element names are case-sensitive: write <%s>, not <%s>", near, nm);
            return 1;
        }
        if (near) {
            xreport(L, w.at, p, allowed, "unknown element <%s> in <%s>; did you mean <%s>?", nm, pn,
                   near);
            return 1;
        }
        if (!strcmp(nm, "page-break")) {
            /* allowed among blocks, but not where the blocks fill a cell */
            xreport(L, w.at, p,
                    i18n_lookup(L->ctx->lang, N_("put <page-break/> before or after the table, "
                                                 "among the blocks of the section")),
                    "<page-break/> cannot stand in <%s>: a page cannot break inside a table cell",
                    pn);
            return 1;
        }
        const xmlNode *elsewhere[4];
        int ne = element_defs(schema_root(L), nm, elsewhere, 4, 0);
        const xmlNode *home = ne ? elsewhere[0]->parent : NULL;
        while (home && !is_rng(home, "element") && !is_rng(home, "define"))
            home = home->parent;
        if (ne && home && is_rng(home, "element")) {
            xreport(L, w.at, p, allowed, "<%s> is not allowed inside <%s>; it belongs inside <%s>",
                   nm, pn, rattr(home, "name"));
            return 1;
        }
        if (ne)
            xreport(L, w.at, p, allowed, "<%s> is not allowed inside <%s>", nm, pn);
        else
            xreport(L, w.at, p, allowed, "unknown element <%s> in <%s>", nm, pn);
        return 1;
    }
    case FIT_MISSING: {
        /* every required slot missing there: up to the bad child's slot,
         * or to the end */
        a[0] = 0;
        int upto = w.at && w.slot >= 0 ? w.slot : c.n;
        for (int t = w.missing; t < upto; t++) {
            if (c.s[t].optional)
                continue;
            char one[512];
            slot_names(&c.s[t], one, sizeof one, i18n_lookup(L->ctx->lang, N_("or")));
            if (c.s[t].ndef == 1)
                label_of(L, c.s[t].def[0], one, sizeof one);
            /* whole names only: a list too long for a[] stops at the last
             * name that fits, never inside one (or inside a character) */
            size_t k = strlen(a), sep = k ? 2 : 0, n = strlen(one);
            if (k + sep + n >= sizeof a)
                break;
            memcpy(a + k, ", ", sep);
            memcpy(a + k + sep, one, n + 1);
        }
        if (w.at) {
            xreport(L, w.at, loader_node_pos(L, w.at), allowed,
                   "<%s> is missing %s, which must come before <%s>", pn, a, name_of(w.at));
            return 1;
        }
        rg_pos p = w.prev ? loader_node_pos(L, w.prev) : loader_node_pos(L, parent);
        if (w.prev) {
            char prev[256];
            label_of(L, def_of(L, w.prev), prev, sizeof prev);
            xreport(L, parent, p, allowed, "<%s> is missing %s after %s", pn, a, prev);
        }
        else
            xreport(L, parent, p, allowed, "<%s> is missing %s", pn, a);
        return 1;
    }
    case FIT_ORDER:
        slot_names(&c.s[w.later], b, sizeof b, i18n_lookup(L->ctx->lang, N_("or")));
        xreport(L, w.at, loader_node_pos(L, w.at), allowed,
               "<%s> is out of order: in <%s> it must come before %s", name_of(w.at), pn, b);
        return 1;
    case FIT_TOO_MANY:
        xreport(L, w.at, loader_node_pos(L, w.at), NULL, "<%s> may contain only one <%s>", pn,
               name_of(w.at));
        return 1;
    case FIT_OK:
        break;
    }
    (void)bad;
    return 0;
}

/* Position of the first non-blank character of text node t (searched in
 * the source after its parent's start), else the parent's position. */
static rg_pos text_pos(rg_loader *L, const xmlNode *t)
{
    rg_pos fallback = loader_node_pos(L, t->parent);
    const char *s = (const char *)t->content;
    while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++;
    if (!s || !*s || !t->parent->_private)
        return fallback;
    size_t n = 0;
    while (s[n] && s[n] != '&' && s[n] != '<' && n < 24)
        n++;
    if (!n)
        return fallback;
    size_t from = (size_t)(uintptr_t)t->parent->_private;
    for (size_t i = from; i + n <= L->len && i < from + (1u << 20); i++)
        if (!memcmp(L->data + i, s, n))
            return loader_pos_of_offset(L, i);
    return fallback;
}

/* Text where parent allows only elements. */
static int explain_text(rg_loader *L, const xmlNode *parent)
{
    L->explain_whole = 1;
    const xmlNode *t = parent->children;
    for (; t; t = t->next)
        if (t->type == XML_TEXT_NODE && t->content &&
            strspn((const char *)t->content, " \t\r\n") < strlen((const char *)t->content))
            break;
    content c;
    parent_content(L, parent, &c);
    rg_pos p = t ? text_pos(L, t) : loader_node_pos(L, parent);
    int has_p = 0;
    for (int i = 0; i < c.n; i++)
        has_p |= slot_has(&c.s[i], "p");
    char names[2048], allowed[2400];
    content_names(&c, names, sizeof names);
    snprintf(allowed, sizeof allowed, i18n_lookup(L->ctx->lang, N_("<%s> may contain: %s")),
             name_of(parent), names);
    if (has_p)
        xreport(L, parent, p, N_("for example: <p>the text</p>"),
               "text directly inside <%s> must be in a paragraph: wrap it in <p>...</p>",
               name_of(parent));
    else
        xreport(L, parent, p, allowed, "text is not allowed directly inside <%s>",
               name_of(parent));
    return 1;
}

/* ==== values ============================================================= */

/* What is wrong with a value against a datatype or value list. */
typedef enum vfault {
    V_OK, V_EMPTY, V_THAI_DIGITS, V_PERCENT, V_COMMA, V_DECIMAL_COMMA, V_NOT_NUMBER, V_NOT_WHOLE,
    V_NEGATIVE, V_NOT_LISTED, V_NOT_BOOLEAN, V_NOT_DATE, V_NOT_NAME, V_NOT_PERCENT, V_NOT_MATCHING
} vfault;

/* 1 when s holds a Thai digit (U+0E50..U+0E59). */
static int has_thai_digits(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99)
            return 1;
    return 0;
}

/* s with Thai digits turned Arabic, % and , removed, into out. */
static void arabic(const char *s, char *out, size_t size, int drop_percent, int drop_comma)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && k + 2 < size;) {
        if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x90 && p[2] <= 0x99) {
            out[k++] = (char)('0' + (p[2] - 0x90));
            p += 3;
        } else if ((drop_percent && *p == '%') || (drop_comma && *p == ',') || *p == ' ') {
            p++;
        } else {
            out[k++] = (char)*p++;
        }
    }
    out[k] = 0;
}

/* The fault of a number written with a comma: a decimal comma ("4,5", as
 * spreadsheets of some locales write it: one comma, digits on both sides,
 * not three after it) or thousands separators ("1,000"). */
static vfault comma_fault(const char *s)
{
    const char *c = strchr(s, ',');
    size_t after = strspn(c + 1, "0123456789");
    int decimal = c > s && c[-1] >= '0' && c[-1] <= '9' && after && after != 3 &&
                  !c[1 + after] && !strchr(c + 1, ',');
    return decimal ? V_DECIMAL_COMMA : V_COMMA;
}

/* 1 when s is an xsd:decimal (sign, digits, optional fraction). */
static int is_decimal(const char *s)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    return digits && !*p;
}

/* v (NULL: "") copied into buf of size bytes (cut to fit) without the
 * XML spaces around it; returns the start of the copy. */
static char *trim_copy(const char *v, char *buf, size_t size)
{
    snprintf(buf, size, "%s", v ? v : "");
    char *s = buf;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

/* The fault of s (whitespace-trimmed), which should have lexical form kind
 * (lexical.c), in the words of the pattern facets that once checked it:
 * Thai digits; a date; a width ("a percentage"); else a number's faults. */
static vfault lexical_fault(lex_kind kind, const char *s)
{
    if (lexical_match(kind, s))
        return V_OK;
    if (has_thai_digits(s))
        return V_THAI_DIGITS;
    if (kind == LEX_DATE)
        return V_NOT_DATE;
    if (kind == LEX_PERCENT || kind == LEX_LENGTH)
        return V_NOT_PERCENT;
    return !*s ? V_EMPTY
           : strchr(s, '%') ? V_PERCENT
           : strchr(s, ',') ? comma_fault(s)
                            : V_NOT_NUMBER;
}

/* The fault of value v (whitespace-trimmed) for type pattern t (a <data>,
 * <value>, <choice> of values, <list> or <ref> to one); values receives
 * the allowed values ("6, 9, 12") for V_NOT_LISTED. */
static vfault check_value(rg_loader *L, const xmlNode *t, const char *raw, char *values,
                          size_t vsize, int depth, char *bad)
{
    char v[512];
    char *s = trim_copy(raw, v, sizeof v);
    if (!t || depth > 8)
        return V_OK;
    if (is_rng(t, "ref")) {
        const xmlNode *d = find_define(L, rattr(t, "name"));
        const xmlNode *c = d ? d->children : NULL;
        while (c && c->type != XML_ELEMENT_NODE)
            c = c->next;
        return check_value(L, c, s, values, vsize, depth + 1, bad);
    }
    if (is_rng(t, "value") || is_rng(t, "choice")) {
        values[0] = 0;
        int found = 0, listed = 0;
        const xmlNode *first = is_rng(t, "value") ? t : t->children;
        for (const xmlNode *c = first; c; c = is_rng(t, "value") ? NULL : c->next) {
            if (!is_rng(c, "value"))
                continue;
            xmlChar *x = xmlNodeGetContent(c);
            const char *xs = x ? (const char *)x : "";
            found |= !strcmp(xs, s);
            size_t k = strlen(values);
            snprintf(values + k, vsize - k, "%s%s", listed++ ? ", " : "", xs);
            xmlFree(x);
        }
        if (found)
            return V_OK;
        if (!*s)
            return V_EMPTY;
        return has_thai_digits(s) ? V_THAI_DIGITS : V_NOT_LISTED;
    }
    if (is_rng(t, "list")) {
        const xmlNode *c = t->children;
        while (c && c->type != XML_ELEMENT_NODE)
            c = c->next;
        char *save = NULL;
        for (char *tok = strtok_r(s, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
            vfault f = check_value(L, is_rng(c, "oneOrMore") ? c->children : c, tok, values, vsize,
                                   depth + 1, bad);
            if (f != V_OK) {
                snprintf(bad, 128, "%s", tok);
                return f;
            }
        }
        return V_OK;
    }
    if (is_rng(t, "oneOrMore") || is_rng(t, "zeroOrMore")) {
        const xmlNode *c = t->children;
        while (c && c->type != XML_ELEMENT_NODE)
            c = c->next;
        return check_value(L, c, s, values, vsize, depth + 1, bad);
    }
    if (!is_rng(t, "data"))
        return V_OK;
    if (*rattr(t, "lexical"))
        return lexical_fault(lexical_kind_named(rattr(t, "lexical")), s);
    const char *type = rattr(t, "type");
    int numeric = !strcmp(type, "decimal") || !strcmp(type, "integer") ||
                  !strcmp(type, "nonNegativeInteger") || !strcmp(type, "positiveInteger");
    if (numeric) {
        if (!*s)
            return V_EMPTY;
        if (has_thai_digits(s))
            return V_THAI_DIGITS;
        if (strchr(s, '%'))
            return V_PERCENT;
        if (strchr(s, ','))
            return comma_fault(s);
        if (!is_decimal(s))
            return V_NOT_NUMBER;
        if (strcmp(type, "decimal") && strchr(s, '.'))
            return V_NOT_WHOLE;
        if ((!strcmp(type, "nonNegativeInteger") && s[0] == '-') ||
            (!strcmp(type, "positiveInteger") && (s[0] == '-' || strtod(s, NULL) < 1)))
            return V_NEGATIVE;
        return V_OK;
    }
    if (!strcmp(type, "boolean"))
        return !strcmp(s, "true") || !strcmp(s, "false") || !strcmp(s, "1") || !strcmp(s, "0")
                   ? V_OK
                   : V_NOT_BOOLEAN;
    if (!strcmp(type, "NCName")) {
        if (!*s)
            return V_EMPTY;
        for (const char *p = s; *p; p++)
            if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9' && p > s) || *p == '-' || *p == '_' || *p == '.'))
                return V_NOT_NAME;
        return V_OK;
    }
    for (const xmlNode *p = t->children; p; p = p->next)
        if (is_rng(p, "param") && !strcmp(rattr(p, "name"), "minLength") && !*s)
            return V_EMPTY;
    return V_OK;
}

/* The type pattern of attribute pattern a (its first element child). */
static const xmlNode *type_of(const xmlNode *a)
{
    for (const xmlNode *c = a ? a->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return c;
    return NULL;
}

/* An example value for a fault's message. */
static const char *example_for(const char *attr)
{
    static const struct {
        const char *name, *example;
    } ex[] = {{"weight", "20"}, {"score", "4.5"}, {"weighted", "0.9"}, {"level", "5"},
              {"value", "80"},  {"points", "75"}, {"threshold", "80"}, {"number", "1.1"},
              {"start", "1"},   {"colspan", "2"}, {"rowspan", "2"},    {"decimals", "2"}};
    for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++)
        if (!strcmp(attr, ex[i].name))
            return ex[i].example;
    return "1";
}

/* What the values of a listed attribute mean, where the names alone do
 * not say it (the hint of V_NOT_LISTED); NULL for the others. */
static const char *listed_hint(const char *element, const char *attr)
{
    if (!strcmp(element, "report") && !strcmp(attr, "rounding"))
        return N_("rounding= says how computed scores, weighted scores and totals are "
                  "rounded to decimals=: half-up (2.34565 -> 2.3457, the default), half-even "
                  "(2.34565 -> 2.3456, 2.34575 -> 2.3458) or down (2.34569 -> 2.3456)");
    return NULL;
}

/* Report fault f of attribute name="v" on element el at p. */
static void report_value(rg_loader *L, const xmlNode *el, rg_pos p, const char *name,
                         const char *v, vfault f, const char *values)
{
    const char *en = name_of(el);
    char fixed[512];
    switch (f) {
    case V_OK:
        return;
    case V_EMPTY:
        xreport(L, el, p, NULL, "%s on <%s> is empty; write a value such as %s=\"%s\"", name, en,
               name, example_for(name));
        return;
    case V_THAI_DIGITS:
        arabic(v, fixed, sizeof fixed, 0, 0);
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s>: use Arabic digits in attributes: %s=\"%s\"",
               name, v, en, name, fixed);
        return;
    case V_PERCENT:
        arabic(v, fixed, sizeof fixed, 1, 0);
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not a number: write it without the %% sign: "
               "%s=\"%s\"", name, v, en, name, fixed);
        return;
    case V_COMMA:
        arabic(v, fixed, sizeof fixed, 0, 1);
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not a number: write it without commas: "
               "%s=\"%s\"", name, v, en, name, fixed);
        return;
    case V_DECIMAL_COMMA:
        arabic(v, fixed, sizeof fixed, 0, 0);
        *strchr(fixed, ',') = '.';
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not a number: write the decimal point as "
               "a full stop: %s=\"%s\"", name, v, en, name, fixed);
        return;
    case V_NOT_NUMBER:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not a number; write digits with an optional "
               "decimal point, such as %s=\"%s\"", name, v, en, name, example_for(name));
        return;
    case V_NOT_WHOLE:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> must be a whole number", name, v, en);
        return;
    case V_NEGATIVE:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> must be a positive whole number", name, v, en);
        return;
    case V_NOT_LISTED: {
        char vals[512], *save = NULL;
        const char *cand[32];
        int nc = 0;
        snprintf(vals, sizeof vals, "%s", values);
        for (char *t = strtok_r(vals, ", ", &save); t && nc < 32; t = strtok_r(NULL, ", ", &save))
            cand[nc++] = t;
        const char *near = str_closest(v, cand, nc);
        const char *hint = listed_hint((const char *)el->name, name);
        if (near)
            xreport(L, el, p, hint, "%s=\"%s\" on <%s> is not allowed; did you mean %s=\"%s\"? "
                   "(allowed: %s)", name, v, en, name, near, values);
        else
            xreport(L, el, p, hint, "%s=\"%s\" on <%s> is not allowed; use one of: %s", name, v,
                   en, values);
        return;
    }
    case V_NOT_BOOLEAN:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> must be true or false", name, v, en);
        return;
    case V_NOT_DATE:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not a date; write YYYY-MM-DD in the "
               "Gregorian calendar, such as %s=\"2023-09-30\"", name, v, en, name);
        return;
    case V_NOT_NAME:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not a valid name; use letters, digits, "
               "'-' and '_'", name, v, en);
        return;
    case V_NOT_PERCENT:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> must be a percentage such as %s=\"80%%\"",
                name, v, en, name);
        return;
    case V_NOT_MATCHING:
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s> is not written the way docs/format.md "
                "describes", name, v, en);
        return;
    }
}

/* Report fault f of the text of element el. */
static void report_text(rg_loader *L, const xmlNode *el, const char *v, vfault f,
                        const char *values)
{
    const char *en = name_of(el);
    rg_pos p = loader_node_pos(L, el);
    char fixed[512];
    switch (f) {
    case V_OK:
        return;
    case V_EMPTY:
        xreport(L, el, p, NULL, "<%s> is empty", en);
        return;
    case V_THAI_DIGITS:
        arabic(v, fixed, sizeof fixed, 0, 0);
        xreport(L, el, p, NULL, "<%s>%s</%s>: use Arabic digits here: <%s>%s</%s>", en, v, en,
               en, fixed, en);
        return;
    case V_PERCENT:
    case V_COMMA:
    case V_DECIMAL_COMMA:
    case V_NOT_NUMBER:
        xreport(L, el, p, NULL, "<%s> must hold a number, not \"%s\"", en, v);
        return;
    case V_NOT_WHOLE:
    case V_NEGATIVE:
        xreport(L, el, p, NULL, "<%s> must hold a whole number, not \"%s\"", en, v);
        return;
    case V_NOT_LISTED:
        xreport(L, el, p, NULL, "<%s> must be one of %s, not \"%s\"", en, values, v);
        return;
    case V_NOT_BOOLEAN:
        xreport(L, el, p, NULL, "<%s> must be true or false, not \"%s\"", en, v);
        return;
    case V_NOT_DATE:
        xreport(L, el, p, NULL, "<%s> must be a date written YYYY-MM-DD in the Gregorian "
               "calendar, such as 2023-09-30, not \"%s\"", en, v);
        return;
    case V_NOT_NAME:
        xreport(L, el, p, NULL, "<%s> must be a name, not \"%s\"", en, v);
        return;
    case V_NOT_PERCENT:
    case V_NOT_MATCHING:
        xreport(L, el, p, NULL, "<%s> is not written the way docs/format.md describes: \"%s\"",
                en, v);
        return;
    }
}

/* ==== attributes ========================================================== */

typedef struct attr_def {
    const xmlNode *a[24];  /* <attribute> patterns */
    int required[24];
    int n;
} attr_def;

static void collect_attrs(rg_loader *L, const xmlNode *n, int optional, attr_def *ad, int depth)
{
    for (const xmlNode *c = n; c && depth < 8; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || is_rng(c, "element"))
            continue;
        if (is_rng(c, "attribute")) {
            if (ad->n < 24) {
                ad->a[ad->n] = c;
                ad->required[ad->n++] = !optional;
            }
        } else if (is_rng(c, "ref")) {
            const xmlNode *d = find_define(L, rattr(c, "name"));
            if (d)
                collect_attrs(L, d->children, optional, ad, depth + 1);
        } else {
            int opt = optional || is_rng(c, "optional") || is_rng(c, "zeroOrMore") ||
                      is_rng(c, "choice");
            collect_attrs(L, c->children, opt, ad, depth + 1);
        }
    }
}

/* The definition element n has: for a name with several definitions,
 * the one of the slot it occupies in its parent (the third <level> of
 * <criteria> is <level value="3">). */
static const xmlNode *def_of(rg_loader *L, const xmlNode *n)
{
    const xmlNode *defs[8];
    int nd = defs_for(L, n, defs, 8);
    if (nd <= 1 || !is_elem(n->parent))
        return nd ? defs[0] : NULL;
    content c;
    parent_content(L, n->parent, &c);
    int slots[256];
    for (int i = 0; i < 256; i++)
        slots[i] = -1;
    walk_children(&c, n->parent, n, slots, 256);
    int k = 0;
    for (const xmlNode *ch = n->parent->children; ch && k < 256; ch = ch->next) {
        if (!is_elem(ch))
            continue;
        if (ch == n) {
            int s = slots[k];
            for (int i = 0; s >= 0 && i < c.s[s].ndef; i++)
                if (!strcmp(rattr(c.s[s].def[i], "name"), name_of(n)))
                    return c.s[s].def[i];
            break;
        }
        k++;
    }
    /* not placed: the definition allowed in the parent at all */
    for (int s = 0; s < c.n; s++)
        for (int i = 0; i < c.s[s].ndef; i++)
            if (!strcmp(rattr(c.s[s].def[i], "name"), name_of(n)))
                return c.s[s].def[i];
    return defs[0];
}

/* Explain the attributes of el.  Returns 1 when something was reported. */
static int explain_attributes(rg_loader *L, const xmlNode *el)
{
    const xmlNode *def = def_of(L, el);
    if (!def)
        return 0;
    attr_def ad = {{0}, {0}, 0};
    collect_attrs(L, def->children, 0, &ad, 0);
    /* unknown attributes first, in source order */
    for (const xmlAttr *a = el->properties; a; a = a->next) {
        if (a->ns)
            continue;
        int known = 0;
        const char *cand[24];
        for (int i = 0; i < ad.n; i++) {
            cand[i] = rattr(ad.a[i], "name");
            known |= !strcmp(cand[i], (const char *)a->name);
        }
        if (known)
            continue;
        const char *near = str_closest((const char *)a->name, cand, ad.n);
        char list[512] = "", hint[700];
        for (int i = 0; i < ad.n; i++) {
            size_t k = strlen(list);
            snprintf(list + k, sizeof list - k, "%s%s", k ? ", " : "", cand[i]);
        }
        snprintf(hint, sizeof hint, i18n_lookup(L->ctx->lang, N_("<%s> may have: %s")),
                 name_of(el), ad.n ? list : "-");
        rg_pos p = loader_attr_pos(L, el, (const char *)a->name);
        if (near)
            xreport(L, el, p, hint, "unknown attribute %s on <%s>; did you mean %s?",
                   (const char *)a->name, name_of(el), near);
        else
            xreport(L, el, p, hint, "unknown attribute %s on <%s>", (const char *)a->name,
                   name_of(el));
        return 1;
    }
    /* values of the attributes present */
    for (int i = 0; i < ad.n; i++) {
        const char *nm = rattr(ad.a[i], "name");
        xmlChar *v = xmlGetNoNsProp(el, (const xmlChar *)nm);
        if (!v)
            continue;
        char values[512] = "";
        const xmlNode *t = type_of(ad.a[i]);
        char bad[128] = "";
        vfault f = check_value(L, t, (const char *)v, values, sizeof values, 0, bad);
        if (f != V_OK && bad[0]) {
            xreport(L, el, loader_attr_pos(L, el, nm), NULL,
                    "%s=\"%s\" on <%s>: \"%s\" is not allowed; use %s", nm, (const char *)v,
                    name_of(el), bad, values);
            xmlFree(v);
            return 1;
        }
        if (f == V_NOT_LISTED && is_rng(t, "value")) {
            /* a fixed value: the Nth of a sequence such as <level value="N">;
             * the other misplaced ones of the sequence are this mistake */
            L->explain_whole = 1;
            char hint[512];
            snprintf(hint, sizeof hint,
                     i18n_lookup(L->ctx->lang,
                                 N_("the <%s> elements of <%s> come in order, each once")),
                     name_of(el), is_elem(el->parent) ? name_of(el->parent) : "?");
            xreport(L, el, loader_attr_pos(L, el, nm), hint,
                   "this <%s> must have %s=\"%s\", not %s=\"%s\"", name_of(el), nm, values, nm,
                   (const char *)v);
            xmlFree(v);
            return 1;
        }
        if (f != V_OK) {
            report_value(L, el, loader_attr_pos(L, el, nm), nm, (const char *)v, f, values);
            xmlFree(v);
            return 1;
        }
        xmlFree(v);
    }
    /* required attributes missing */
    for (int i = 0; i < ad.n; i++) {
        const char *nm = rattr(ad.a[i], "name");
        if (!ad.required[i] || xmlHasProp(el, (const xmlChar *)nm))
            continue;
        char hint[256];
        snprintf(hint, sizeof hint, i18n_lookup(L->ctx->lang, N_("for example: <%s %s=\"%s\">")),
                 name_of(el), nm, example_for(nm));
        xreport(L, el, loader_node_pos(L, el), hint, "<%s> is missing the required attribute %s",
               name_of(el), nm);
        return 1;
    }
    return 0;
}

/* The text of el against its definition's datatype. */
static int explain_value(rg_loader *L, const xmlNode *el)
{
    const xmlNode *def = def_of(L, el);
    if (!def)
        return 0;
    const xmlNode *t = NULL;
    for (const xmlNode *c = def->children; c && !t; c = c->next)
        if (c->type == XML_ELEMENT_NODE && !is_rng(c, "attribute") && !is_rng(c, "optional"))
            t = c;
    if (!t)
        return 0;
    xmlChar *v = xmlNodeGetContent(el);
    char values[512] = "";
    char bad[128] = "";
    vfault f = check_value(L, t, v ? (const char *)v : "", values, sizeof values, 0, bad);
    if (f != V_OK) {
        char trimmed[512];
        report_text(L, el, trim_copy((const char *)v, trimmed, sizeof trimmed), f, values);
    }
    xmlFree(v);
    return f != V_OK;
}

/* Report value v of el's attribute attr (NULL: el's text), which does not
 * have lexical form kind (for a list, token bad does not), as explain_value
 * and explain_attributes word it. */
void explain_lexical(rg_loader *L, const xmlNode *el, const char *attr, const char *v,
                     lex_kind kind, const char *bad)
{
    L->explain_whole = 0;
    char trimmed[512];
    char *s = trim_copy(v, trimmed, sizeof trimmed);
    if (!attr) {
        report_text(L, el, s, lexical_fault(kind, s), "");
        return;
    }
    rg_pos p = loader_attr_pos(L, el, attr);
    if (bad)
        xreport(L, el, p, NULL, "%s=\"%s\" on <%s>: \"%s\" is not allowed; use %s", attr, v,
                name_of(el), bad, "");
    else
        report_value(L, el, p, attr, v, lexical_fault(kind, s), "");
}

/* ==== the namespace ======================================================= */

static int explain_namespace(rg_loader *L, const xmlNode *el)
{
    const char *want = rattr(schema_root(L), "ns");
    rg_pos p = loader_node_pos(L, el);
    if (!el->ns || !el->ns->href)
        xreport(L, el, p, NULL, "<%s> has no namespace: write <%s xmlns=\"%s\">", name_of(el),
               name_of(el), want);
    else
        xreport(L, el, p, NULL, "<%s> is in namespace \"%s\", but report sources use \"%s\": "
               "write <%s xmlns=\"%s\">", name_of(el), (const char *)el->ns->href, want,
               name_of(el), want);
    return 1;
}

/* ==== entry ============================================================= */

int explain_schema_error(rg_loader *L, const xmlNode *node, const char *msg)
{
    if (!node || node->type != XML_ELEMENT_NODE || !msg || !schema_root(L))
        return 0;
    L->explain_whole = 0;
    char a[256], b[256];
    const xmlNode *root = xmlDocGetRootElement(node->doc);
    /* The root: the namespace, or another element altogether. */
    if (node == root) {
        const char *want = rattr(schema_root(L), "ns");
        if (!node->ns || !node->ns->href || strcmp((const char *)node->ns->href, want)) {
            if (!strcmp(name_of(node), "report"))
                return explain_namespace(L, node);
        }
        if (strcmp(name_of(node), "report")) {
            xreport(L, node, loader_node_pos(L, node), NULL,
                   "the document's element is <%s>; a report source starts with <report "
                   "xmlns=\"%s\">", name_of(node), want);
            return 1;
        }
    }
    if (!node->ns && is_elem(node->parent) && node->parent->ns) {
        xreport(L, node, loader_node_pos(L, node), NULL,
               "<%s> is outside the report namespace (an xmlns=\"\" or a prefix); remove it",
               name_of(node));
        return 1;
    }
    if (strstr(msg, "Did not expect text"))
        return explain_text(L, node);
    if (sscanf(msg, "Did not expect element %255s there", a) == 1 ||
        sscanf(msg, "Expecting element %255[^,], got %255s", a, b) == 2 ||
        strstr(msg, "Extra element"))
        return is_elem(node->parent) ? explain_content(L, node->parent, node) : 0;
    if (strstr(msg, "Expecting an element") || strstr(msg, "failed to validate content") ||
        strstr(msg, "Invalid sequence in interleave") || strstr(msg, "has extra content"))
        return explain_content(L, node, NULL) || explain_value(L, node);
    if (strstr(msg, "failed to validate attributes") || strstr(msg, "Invalid attribute") ||
        strstr(msg, "Type ") || strstr(msg, "Error validating"))
        return explain_attributes(L, node) || explain_value(L, node);
    return 0;
}

/* ==== well-formedness ===================================================== */

/* Byte offset of position p (line, column in code points); the end of the
 * line when the column is past it. */
static size_t offset_of(const rg_loader *L, rg_pos p)
{
    if (p.line < 1 || (size_t)p.line > L->nlines)
        return L->len;
    size_t i = L->lines[p.line - 1];
    for (int c = 1; c < p.col && i < L->len && L->data[i] != '\n' && L->data[i] != '\r'; i++)
        if (((unsigned char)L->data[i + 1] & 0xC0) != 0x80)
            c++;
    return i < L->len ? i : L->len;
}

/* The last ch at or before off, at most 64 bytes back; off when none. */
static size_t back_to(const rg_loader *L, size_t off, char ch)
{
    if (off >= L->len)
        off = L->len ? L->len - 1 : 0;
    for (size_t i = off, k = 0; k < 64 && L->len; i--, k++) {
        if (L->data[i] == ch)
            return i;
        if (!i)
            break;
    }
    return off;
}

/* Report a well-formedness error with a hint. */
static void perr(rg_loader *L, rg_pos p, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void perr(rg_loader *L, rg_pos p, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_vdiag(L->ctx, RG_ERROR, "xml", L->file, p.line, p.col, hint, fmt, ap);
    va_end(ap);
    L->errors++;
}

int explain_parse_error(rg_loader *L, const char *msg, rg_pos p)
{
    char a[128], b[128];
    int n;
    unsigned u = 0;
    size_t off = offset_of(L, p);
    if (strstr(msg, "xmlParseEntityRef: no name") || strstr(msg, "EntityRef: expecting ';'")) {
        perr(L, loader_pos_of_offset(L, back_to(L, off, '&')), N_("for example: A &amp; B"),
             "a bare \"&\" is not allowed in XML text; write it as &amp;");
        return 1;
    }
    if (strstr(msg, "StartTag: invalid element name")) {
        perr(L, loader_pos_of_offset(L, back_to(L, off, '<')),
             N_("for example: score &lt; 5"),
             "a bare \"<\" starts a tag here; if it is the character, write it as &lt;");
        return 1;
    }
    if (sscanf(msg, "Entity '%127[^']' not defined", a) == 1) {
        rg_pos at = loader_pos_of_offset(L, back_to(L, off, '&'));
        if (!strcmp(a, "nbsp"))
            perr(L, at, N_("write a plain space, or &#160; for a non-breaking one"),
                 "&nbsp; is an HTML entity, not XML");
        else
            perr(L, at, N_("write the character itself; for a plain \"&\" write &amp;"),
                 "&%s; is not defined in XML: only &amp; &lt; &gt; &quot; &apos; are", a);
        return 1;
    }
    if (sscanf(msg, "Opening and ending tag mismatch: %127s line %d and %127s", a, &n, b) == 3 &&
        !strcmp(a, "br")) { /* HTML's <br>, pasted or typed from habit */
        perr(L, loader_pos_of_offset(L, back_to(L, off, '<')), NULL,
             "<br> on line %d is not closed: a line break is written <br/> in XML", n);
        return 1;
    }
    if (sscanf(msg, "Opening and ending tag mismatch: %127s line %d and %127s", a, &n, b) == 3) {
        perr(L, loader_pos_of_offset(L, back_to(L, off, '<')), NULL,
             "</%s> does not close <%s> opened on line %d: close <%s> with </%s> first, or "
             "correct the name", b, a, n, a, a);
        return 1;
    }
    if (sscanf(msg, "Premature end of data in tag %127s line %d", a, &n) == 2) {
        perr(L, p, N_("is the file truncated?"),
             "the file ends before <%s> opened on line %d is closed with </%s>", a, n, a);
        return 1;
    }
    if (strstr(msg, "Extra content at the end of the document")) {
        perr(L, p,
             L->is_template ? N_("a template has one <template> element; delete what follows it")
                            : N_("a report source has one <report> element; delete what follows it"),
             "there is more after the end of the document's element");
        return 1;
    }
    if (strstr(msg, "Document is empty") || strstr(msg, "Start tag expected")) {
        perr(L, p,
             L->is_template
                 ? N_("a template starts with <template xmlns=\"urn:raingan:template:1\" "
                      "name=\"…\" form=\"indicator\">; templates/indicator.xml is one to copy")
                 : N_("a report source starts with <report xmlns=\"urn:raingan:report:1\">"),
             "the file does not start with an XML element");
        return 1;
    }
    if (strstr(msg, "AttValue: \" or ' expected")) {
        size_t eq = back_to(L, off, '='), s = eq;
        while (s > 0 && L->data[s - 1] != ' ' && L->data[s - 1] != '\t' && L->data[s - 1] != '\n')
            s--;
        size_t e = off;
        while (e < L->len && !strchr(" \t\r\n/>", L->data[e]))
            e++;
        perr(L, loader_pos_of_offset(L, s), NULL,
             "attribute values must be in quotes: write %.*s\"%.*s\"", (int)(eq + 1 - s),
             L->data + s, (int)(e - off), L->data + off);
        return 1;
    }
    if (sscanf(msg, "Attribute %127s redefined", a) == 1) {
        perr(L, p, N_("keep one of them"), "attribute %s is given twice on the same element", a);
        return 1;
    }
    if (strstr(msg, "Unescaped '<' not allowed in attributes values")) {
        perr(L, p, NULL, "a \"<\" in an attribute value must be written &lt;");
        return 1;
    }
    int bad_char = sscanf(msg, "PCDATA invalid Char value %u", &u) == 1 ||
                   sscanf(msg, "Char 0x%X out of allowed range", &u) == 1;
    if (!bad_char && strstr(msg, "invalid character in attribute value")) {
        u = off < L->len ? (unsigned char)L->data[off] : 0;
        bad_char = 1;
    }
    if (bad_char) {
        perr(L, p, N_("delete it; it often comes from text copied out of another program"),
             "control character U+%04X is not allowed in XML", u);
        return 1;
    }
    if (sscanf(msg, "Namespace prefix %127s on %127s is not defined", a, b) == 2) {
        perr(L, loader_pos_of_offset(L, back_to(L, off, '<')), NULL,
             "the prefix \"%s:\" of <%s:%s> is not declared; report elements take no prefix: "
             "write <%s>", a, a, b, b);
        return 1;
    }
    if (sscanf(msg, "Specification mandates value for attribute %127s", a) == 1) {
        perr(L, p, NULL, "attribute %s has no value: write %s=\"...\"", a, a);
        return 1;
    }
    if (sscanf(msg, "Couldn't find end of Start Tag %127s", a) == 1) {
        perr(L, p, N_("is a quote or a \">\" missing?"), "the start tag <%s> is not finished",
             a);
        return 1;
    }
    if (strstr(msg, "Comment not terminated")) {
        perr(L, p, NULL, "a comment <!-- is not closed with -->");
        return 1;
    }
    return 0;
}
