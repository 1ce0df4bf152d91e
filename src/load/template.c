/* template.c - reading form templates with libxml2 (the load stage).
 *
 * Templates are small trusted-but-checked XML files: parsed with the same
 * safe options as sources (no network, no entity substitution), every
 * element and attribute is known, and every mistake is reported with the
 * template's file and line, all of them in one run.  Values are checked and
 * typed here (lengths, widths through load/width.c) and copied into the
 * template's arena; libxml2's tree is freed before returning.  A run loads
 * the set its documents name once (templates_load) and layout only reads
 * it.  An engine loads its data folder's templates once (templates_preload)
 * and its runs borrow them, each after one stat() shows the file has not
 * changed (so `preview --watch` and a running server see an edited
 * template at their next render). */
#define _POSIX_C_SOURCE 200809L /* st_mtim */
#include "load/template.h"
#include "load/load.h"
#include "load/width.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/strdist.h"

#include <dirent.h>
#include <sys/stat.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The section ids of form templates (indicator, summary) and of archive
 * templates. */
static const char *const form_sections[] = {
    "name",        "supervisor", "collectors", "phone",      "description", "criteria",
    "levels",      "calculation", "explanation", "supporting", "obstacles",  "suggestions",
    "evidence",    "table",      "signoff",    NULL};
static const char *const archive_sections[] = {"scores", "approvals", "contents", NULL};

/* Every <label id="…">: whether it is an archive template's (else a form
 * template's) and where it goes in rg_template. */
static const struct label_def {
    const char *id;
    int archive;
    size_t off;
} label_defs[] = {
    {"target", 0, offsetof(rg_template, labels.target)},
    {"target-level", 0, offsetof(rg_template, labels.target_level)},
    {"attachment", 0, offsetof(rg_template, labels.attachment)},
    {"working", 0, offsetof(rg_template, labels.working)},
    {"draft", 0, offsetof(rg_template, labels.draft)},
    {"page-of", 0, offsetof(rg_template, labels.page_of)},
    {"pdf-title", 0, offsetof(rg_template, labels.pdf_title)},
    {"level-basic", 0, offsetof(rg_template, labels.level[0])},
    {"level-standard", 0, offsetof(rg_template, labels.level[1])},
    {"level-advanced", 0, offsetof(rg_template, labels.level[2])},
    {"at-target", 0, offsetof(rg_template, labels.at_target)},
    {"below-target", 0, offsetof(rg_template, labels.below_target)},
    {"rounding", 0, offsetof(rg_template, labels.rounding)},
    {"rounding-whole", 0, offsetof(rg_template, labels.rounding_whole)},
    {"round-half-up", 0, offsetof(rg_template, labels.round_mode[RG_ROUND_HALF_UP])},
    {"round-half-even", 0, offsetof(rg_template, labels.round_mode[RG_ROUND_HALF_EVEN])},
    {"round-down", 0, offsetof(rg_template, labels.round_mode[RG_ROUND_DOWN])},
    {"note-cancelled", 0, offsetof(rg_template, labels.note_cancelled)},
    {"note-late", 0, offsetof(rg_template, labels.note_late)},
    {"note-unscored", 0, offsetof(rg_template, labels.note_unscored)},
    {"self-score", 0, offsetof(rg_template, labels.self_score)},
    {"departments", 1, offsetof(rg_template, archive.departments)},
    {"year", 1, offsetof(rg_template, archive.year)},
    {"round", 1, offsetof(rg_template, archive.round)},
    {"pdf-title", 1, offsetof(rg_template, archive.pdf_title)},
    {"part-cover", 1, offsetof(rg_template, archive.part_cover)},
    {"part-scores", 1, offsetof(rg_template, archive.part_scores)},
    {"part-contents", 1, offsetof(rg_template, archive.part_contents)},
    {"form-indicator", 1, offsetof(rg_template, archive.form_indicator)},
    {"form-summary", 1, offsetof(rg_template, archive.form_summary)},
    {"evidence", 1, offsetof(rg_template, archive.evidence)},
    {"evidence-item", 1, offsetof(rg_template, archive.evidence_item)},
    {"evidence-files", 1, offsetof(rg_template, archive.evidence_files)},
    {"evidence-description", 1, offsetof(rg_template, archive.evidence_desc)},
    {"cancelled", 1, offsetof(rg_template, archive.cancelled)},
    {"late", 1, offsetof(rg_template, archive.late)},
    {"no-indicators", 1, offsetof(rg_template, archive.no_indicators)},
    {"subtotal", 1, offsetof(rg_template, archive.subtotal)},
    {"total", 1, offsetof(rg_template, archive.total)},
    {"total-agency", 1, offsetof(rg_template, archive.total_agency)},
    {"left-out", 1, offsetof(rg_template, archive.left_out)},
    {"state-none", 1, offsetof(rg_template, archive.state[RG_STATE_NONE])},
    {"state-draft", 1, offsetof(rg_template, archive.state[RG_STATE_DRAFT])},
    {"state-submitted", 1, offsetof(rg_template, archive.state[RG_STATE_SUBMITTED])},
    {"state-approved", 1, offsetof(rg_template, archive.state[RG_STATE_APPROVED])},
};

/* The label slot of def in t. */
static const char **label_slot(rg_template *t, const struct label_def *def)
{
    return (const char **)((char *)t + def->off);
}

rg_mpt template_length(const char *s)
{
    if (!s || !*s)
        return -1;
    char *end;
    double v = strtod(s, &end);
    if (end == s || v < 0 || v > 10000)
        return -1;
    double pt;
    if (!strcmp(end, "cm"))
        pt = v * 72 / 2.54;
    else if (!strcmp(end, "mm"))
        pt = v * 72 / 25.4;
    else if (!strcmp(end, "in"))
        pt = v * 72;
    else if (!strcmp(end, "pt") || !*end)
        pt = v;
    else
        return -1;
    return (rg_mpt)(pt * 1000 + 0.5);
}

typedef struct tload {
    rg_context *ctx;
    rg_template *t;
    rg_loader X;   /* the bytes, the tree and its positions (load/xml.c) */
    const xmlNode *secnode[64]; /* the element of section i (< 64), while the tree lives */
    int errors;
} tload;

/* Report the finished message msg at p in the template. */
static void terr_text(tload *L, rg_pos p, const char *msg)
{
    rg_diag(L->ctx, RG_ERROR, "template", L->t->file, p.line, p.col, NULL, "%s", msg);
    L->errors++;
}

/* Report an error at p in the template: fmt (translated) with its
 * arguments. */
static void terr_fmt(tload *L, rg_pos p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void terr_fmt(tload *L, rg_pos p, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, rg_context_translate(L->ctx, fmt), ap);
    va_end(ap);
    terr_text(L, p, msg);
}

/* The same with two strings (NULL: ""). */
static void terr_at(tload *L, rg_pos p, const char *fmt, const char *a, const char *b)
{
    terr_fmt(L, p, fmt, a ? a : "", b ? b : "");
}

/* Report an error at n's attribute attr_name (NULL: at n's '<'). */
static void terr(tload *L, const xmlNode *n, const char *attr_name, const char *fmt,
                 const char *a, const char *b)
{
    rg_pos p = attr_name ? loader_attr_pos(&L->X, n, attr_name) : loader_node_pos(&L->X, n);
    terr_at(L, p, fmt, a, b);
}

static const char *attr(tload *L, xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *c = arena_strdup(&L->t->arena, (const char *)v);
    xmlFree(v);
    return c;
}

static const char *text_of(tload *L, xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *c = arena_strdup(&L->t->arena, v ? (const char *)v : "");
    xmlFree(v);
    return c;
}

/* Check that n has only the listed attributes. */
static void only_attrs(tload *L, xmlNode *n, const char *const *names)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        int ok = 0;
        for (size_t i = 0; names[i]; i++)
            ok |= !strcmp((const char *)a->name, names[i]);
        if (!ok)
            terr(L, n, (const char *)a->name, "unknown attribute '%s' on <%s>", (const char *)a->name,
                 (const char *)n->name);
    }
}

static void length_attr(tload *L, xmlNode *n, const char *name, rg_mpt *out)
{
    const char *v = attr(L, n, name);
    if (!v)
        return;
    rg_mpt m = template_length(v);
    if (m < 0)
        terr(L, n, name, "bad length '%s' for %s (use e.g. 3cm, 25mm, 12pt)", v, name);
    else
        *out = m;
}

static void read_page(tload *L, xmlNode *n)
{
    static const char *names[] = {"size", "orientation", "margin-left", "margin-right",
                                  "margin-top", "margin-bottom", NULL};
    only_attrs(L, n, names);
    rg_template *t = L->t;
    const char *size = attr(L, n, "size");
    if (size && strcmp(size, "A4"))
        terr(L, n, "size", "unknown page size '%s' (raingan knows A4)", size, NULL);
    const char *o = attr(L, n, "orientation");
    if (o && !strcmp(o, "landscape")) {
        rg_mpt w = t->page_w;
        t->page_w = t->page_h;
        t->page_h = w;
    } else if (o && strcmp(o, "portrait")) {
        terr(L, n, "orientation", "orientation must be portrait or landscape, not '%s'", o, NULL);
    }
    length_attr(L, n, "margin-left", &t->margin_l);
    length_attr(L, n, "margin-right", &t->margin_r);
    length_attr(L, n, "margin-top", &t->margin_t);
    length_attr(L, n, "margin-bottom", &t->margin_b);
}

/* A font family name as written (family="TH Sarabun New"): trimmed, not
 * empty, without the characters fontconfig gives meaning to. */
static const char *family_name(tload *L, xmlNode *n, const char *attr_name, const char *v)
{
    while (*v == ' ')
        v++;
    size_t len = strlen(v);
    while (len && v[len - 1] == ' ')
        len--;
    if (!len || strcspn(v, ",:=\\") < len) {
        terr(L, n, attr_name,
             "%s=\"%s\" of <fonts> is not a font family name (write one installed family, as "
             "fc-list : family lists it)",
             attr_name, v);
        return NULL;
    }
    return arena_strndup(&L->t->arena, v, len);
}

static void read_fonts(tload *L, xmlNode *n)
{
    static const char *names[] = {"body", "table", "title", "line-spacing", "family", "fallback",
                                  NULL};
    only_attrs(L, n, names);
    const char *fam = attr(L, n, "family"), *fb = attr(L, n, "fallback");
    if (fam) {
        L->t->family = family_name(L, n, "family", fam);
        L->t->family_pos = loader_attr_pos(&L->X, n, "family");
    }
    if (fb) {
        size_t cnt = 1;
        for (const char *p = fb; *p; p++)
            cnt += *p == ',';
        const char **list = arena_alloc(&L->t->arena, cnt * sizeof *list);
        size_t k = 0;
        for (const char *p = fb; list;) {
            size_t len = strcspn(p, ",");
            char *one = arena_strndup(&L->t->arena, p, len);
            const char *name = one ? family_name(L, n, "fallback", one) : NULL;
            if (name)
                list[k++] = name;
            if (!p[len])
                break;
            p += len + 1;
        }
        L->t->fallbacks = list;
        L->t->nfallbacks = k;
        L->t->fallback_pos = loader_attr_pos(&L->X, n, "fallback");
        if (!fam)
            terr(L, n, "fallback",
                 "fallback= of <fonts> needs family= (the fallback is that family's)%s%s", NULL,
                 NULL);
    }
    length_attr(L, n, "body", &L->t->body_size);
    length_attr(L, n, "table", &L->t->table_size);
    length_attr(L, n, "title", &L->t->title_size);
    const char *ls = attr(L, n, "line-spacing");
    if (ls) {
        double v = atof(ls);
        if (v < 0.5 || v > 3)
            terr(L, n, "line-spacing", "line-spacing '%s' must be between 0.5 and 3", ls, NULL);
        else
            L->t->line_spacing = v;
    }
}

static void read_pagenum(tload *L, xmlNode *n)
{
    static const char *names[] = {"style", "position", "first", "restart", NULL};
    only_attrs(L, n, names);
    const char *s = attr(L, n, "style"), *p = attr(L, n, "position"), *f = attr(L, n, "first");
    if (s) {
        if (!strcmp(s, "none"))
            L->t->pagenum = PAGENUM_NONE;
        else if (!strcmp(s, "dash"))
            L->t->pagenum = PAGENUM_DASH;
        else if (!strcmp(s, "page-of"))
            L->t->pagenum = PAGENUM_PAGE_OF;
        else if (!strcmp(s, "fraction"))
            L->t->pagenum = PAGENUM_FRACTION;
        else
            terr(L, n, "style", "page-number style '%s' is not none, dash, page-of or fraction", s,
                 NULL);
    }
    if (p) {
        if (!strcmp(p, "top-center"))
            L->t->pagenum_pos = PAGENUM_TOP_CENTER;
        else if (!strcmp(p, "bottom-center"))
            L->t->pagenum_pos = PAGENUM_BOTTOM_CENTER;
        else if (!strcmp(p, "bottom-right"))
            L->t->pagenum_pos = PAGENUM_BOTTOM_RIGHT;
        else
            terr(L, n, "position",
                 "page-number position '%s' is not top-center, bottom-center or bottom-right", p,
                 NULL);
    }
    if (f)
        L->t->pagenum_first = !strcmp(f, "true");
}

/* The sign-off's roles (columns="id=label|…"; a field without '=' is its
 * own id and label) and its three words (caption="ลงชื่อ|ตำแหน่ง|วันที่"),
 * parsed once here.  An empty or repeated id is an error at columns=; the
 * counts are checked with the template (check_complete). */
static void read_roles(tload *L, xmlNode *n, rg_section *sec)
{
    rg_template *t = L->t;
    if (sec->ncols) {
        rg_role *r = arena_alloc(&t->arena, sec->ncols * sizeof *r);
        for (size_t i = 0; r && i < sec->ncols; i++) {
            const char *c = sec->cols[i], *eq = strchr(c, '=');
            r[i].id = eq ? arena_strndup(&t->arena, c, (size_t)(eq - c)) : c;
            r[i].label = eq ? eq + 1 : c;
            if (!r[i].id || !*r[i].id)
                terr(L, n, "columns", "sign-off role '%s' has no id (write id=label)%s", c, NULL);
            for (size_t k = 0; r[i].id && k < i; k++)
                if (r[k].id && !strcmp(r[k].id, r[i].id))
                    terr(L, n, "columns", "sign-off role '%s' is given twice%s", r[i].id, NULL);
        }
        sec->roles = r;
        sec->nroles = r ? sec->ncols : 0;
    }
    const char *cap = sec->caption;
    for (size_t i = 0; cap && i < 3; i++) {
        size_t len = strcspn(cap, "|");
        sec->sign_words[i] = arena_strndup(&t->arena, cap, len);
        cap = cap[len] ? cap + len + 1 : NULL;
    }
}

static void read_section(tload *L, xmlNode *n)
{
    static const char *names[] = {"id", "label", "caption", "default-caption", "columns",
                                  "widths", "target-caption", "working", NULL};
    only_attrs(L, n, names);
    const char *id = attr(L, n, "id");
    int known = 0;
    const char *const *ids = L->t->form == FORM_ARCHIVE ? archive_sections : form_sections;
    for (size_t i = 0; id && ids[i]; i++)
        known |= !strcmp(id, ids[i]);
    if (!known) {
        terr(L, n, id ? "id" : NULL, "unknown section id '%s'", id ? id : "(missing)", NULL);
        return;
    }
    rg_template *t = L->t;
    rg_section *s = arena_alloc(&t->arena, (t->nsections + 1) * sizeof *s);
    if (!s)
        return;
    if (t->nsections)
        memcpy(s, t->sections, t->nsections * sizeof *s);
    t->sections = s;
    rg_section *sec = &s[t->nsections++];
    snprintf(sec->id, sizeof sec->id, "%s", id);
    sec->label = attr(L, n, "label");
    sec->caption = attr(L, n, "caption");
    sec->default_caption = attr(L, n, "default-caption");
    sec->columns = attr(L, n, "columns");
    if (sec->columns) {
        /* Split once here; layout reads the captions, never the string. */
        size_t nc = 1;
        for (const char *p = sec->columns; *p; p++)
            nc += *p == '|';
        const char **cols = arena_alloc(&t->arena, nc * sizeof *cols);
        for (size_t i = 0, at = 0; cols && i < nc; i++) {
            size_t len = strcspn(sec->columns + at, "|");
            cols[i] = arena_strndup(&t->arena, sec->columns + at, len);
            at += len + 1;
        }
        sec->cols = cols;
        sec->ncols = cols ? nc : 0;
    }
    sec->widths = attr(L, n, "widths");
    if (sec->widths) {
        /* One parser for every widths attribute: a template's mistake is
         * reported here, with its line, not drawn as a zero-width column. */
        size_t count = widths_count(sec->widths), off = 0, len = 0;
        rg_width *ws = arena_alloc(&t->arena, (count ? count : 1) * sizeof *ws);
        long got = ws ? widths_parse(sec->widths, ws, count, &off, &len) : 0;
        if (got < 0) {
            char tok[64];
            snprintf(tok, sizeof tok, "%.*s", (int)(len < 60 ? len : 60), sec->widths + off);
            terr(L, n, "widths",
                 "column width '%s' is not understood in widths=\"%s\"; use a length (2.5cm, "
                 "40pt, 10mm, 1in), a share (3*) or auto",
                 tok, sec->widths);
        } else {
            /* Fixed widths rounded to whole millipoints, as table.c rounds
             * the widths it parses itself. */
            for (long i = 0; i < got; i++)
                if (ws[i].kind == RG_WIDTH_FIXED)
                    ws[i].value = (rg_mpt)(ws[i].value * 1000 + 0.5) / 1000.0;
            sec->wspec = ws;
            sec->nwspec = (size_t)got;
        }
    }
    if (!strcmp(id, "signoff"))
        read_roles(L, n, sec);
    sec->target_caption = attr(L, n, "target-caption");
    const char *working = attr(L, n, "working");
    if (working && strcmp(working, "below") && strcmp(working, "none"))
        terr(L, n, "working", "section working '%s' is not below or none", working, NULL);
    sec->working = working && !strcmp(working, "below");
    sec->pos = loader_node_pos(&L->X, n);
    if (t->nsections <= sizeof L->secnode / sizeof L->secnode[0])
        L->secnode[t->nsections - 1] = n;
}

/* <label id="…">text</label>: one of the labels printed outside sections. */
static void read_label(tload *L, xmlNode *n)
{
    static const char *names[] = {"id", NULL};
    only_attrs(L, n, names);
    const char *id = attr(L, n, "id");
    int archive = L->t->form == FORM_ARCHIVE;
    char known[1024] = "";
    for (size_t i = 0, len = 0; i < sizeof label_defs / sizeof label_defs[0]; i++) {
        const struct label_def *d = &label_defs[i];
        if (d->archive != archive)
            continue;
        if (id && !strcmp(id, d->id)) {
            *label_slot(L->t, d) = text_of(L, n);
            return;
        }
        if (len < sizeof known)
            len += (size_t)snprintf(known + len, sizeof known - len, "%s%s", len ? ", " : "",
                                    d->id);
    }
    terr(L, n, id ? "id" : NULL, "unknown label id '%s' (this kind of template has %s)",
         id ? id : "(missing)", known);
}

/* The number of '|'-separated fields of s. */
static size_t fields(const char *s)
{
    size_t n = 1;
    for (; *s; s++)
        n += *s == '|';
    return n;
}

/* Everything the form prints comes from the template: the labels, and the
 * section attributes layout needs, with the right number of columns. */
static void check_complete(tload *L, xmlNode *root)
{
    rg_template *t = L->t;
    int archive = t->form == FORM_ARCHIVE;
    for (size_t i = 0; i < sizeof label_defs / sizeof label_defs[0]; i++) {
        const struct label_def *d = &label_defs[i];
        /* page-of is needed only by its page-number style */
        if (d->archive == archive && !*label_slot(t, d) &&
            (strcmp(d->id, "page-of") || t->pagenum == PAGENUM_PAGE_OF)) {
            /* a template written for an earlier raingan lacks the labels
             * added since: each is named, with where to copy it from */
            rg_pos p = loader_node_pos(&L->X, root);
            rg_diag(L->ctx, RG_ERROR, "template", t->file, p.line, p.col,
                    archive ? N_("copy it from the standard templates/archive.xml, which gives "
                                 "every label")
                            : N_("copy it from the standard templates/indicator.xml, which gives "
                                 "every label"),
                    "the template gives no <label id=\"%s\">", d->id);
            L->errors++;
        }
    }
    if (archive && !t->title)
        terr(L, root, NULL,
             "an archive template needs a <title> (the report's title when the sources give "
             "none)%s%s",
             NULL, NULL);
    if (t->form == FORM_SUMMARY && !template_section(t, "table"))
        terr(L, root, NULL, "a summary template needs <section id=\"table\" columns=\"…\"/>%s%s", NULL,
             NULL);
    if (t->form == FORM_INDICATOR && !t->round_label)
        terr(L, root, NULL, "an indicator template needs a <round-label> (e.g. รอบ {n} เดือน)%s%s",
             NULL, NULL);
    /* The attributes layout needs of a section, with their number of
     * fields ('|'-separated; widths: lengths); an archive template's
     * sections are all needed (its three tables). */
    /* optional: checked only when given (the form has default widths) */
    static const struct {
        const char *id, *attr;
        size_t fields;
        int archive, optional;
    } attrs[] = {
        {"levels", "caption", 0, 0, 0},      {"calculation", "columns", 5, 0, 0},
        {"calculation", "widths", 5, 0, 1},  {"criteria", "widths", 2, 0, 1},
        {"table", "columns", 3, 0, 0},       {"table", "widths", 3, 0, 1},
        {"signoff", "columns", 0, 0, 0},     {"signoff", "caption", 3, 0, 0},
        {"scores", "label", 0, 1, 0},        {"scores", "columns", 5, 1, 0},
        {"scores", "widths", 5, 1, 0},       {"approvals", "label", 0, 1, 0},
        {"approvals", "columns", 5, 1, 0},   {"approvals", "widths", 5, 1, 0},
        {"contents", "label", 0, 1, 0},      {"contents", "columns", 2, 1, 0},
        {"contents", "widths", 2, 1, 0}};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        if (attrs[i].archive != archive)
            continue;
        const rg_section *sec = template_section(t, attrs[i].id);
        if (!sec) {
            if (archive) {
                terr_fmt(L, loader_node_pos(&L->X, root),
                         "an archive template needs <section id=\"%s\">", attrs[i].id);
                while (i + 1 < sizeof attrs / sizeof attrs[0] &&
                       !strcmp(attrs[i + 1].id, attrs[i].id))
                    i++; /* once a section */
            }
            continue;
        }
        const char *a = attrs[i].attr;
        const char *v = !strcmp(a, "caption")   ? sec->caption
                        : !strcmp(a, "columns") ? sec->columns
                        : !strcmp(a, "label")   ? sec->label
                                                : sec->widths;
        size_t got = !v ? 0 : !strcmp(a, "widths") ? sec->nwspec : fields(v);
        if ((v && (!attrs[i].fields || got == attrs[i].fields)) || (!v && attrs[i].optional))
            continue;
        /* at the attribute when it is there (too few fields), else the section */
        size_t k = (size_t)(sec - t->sections);
        const xmlNode *el = k < sizeof L->secnode / sizeof L->secnode[0] ? L->secnode[k] : NULL;
        rg_pos at = v && el ? loader_attr_pos(&L->X, el, a) : sec->pos;
        if (!v)
            terr_fmt(L, at, "section '%s' needs %s=\"…\"", attrs[i].id, a);
        else if (!strcmp(a, "widths"))
            terr_fmt(L, at, "section '%s' needs %zu column widths, not %zu", attrs[i].id,
                     attrs[i].fields, got);
        else
            terr_fmt(L, at, "section '%s' needs %zu '|'-separated %s, not %zu", attrs[i].id,
                     attrs[i].fields, a, got);
    }
}

rg_template *template_load(rg_context *ctx, const char *dir, const char *name, rg_status *why)
{
    rg_status dummy;
    why = why ? why : &dummy;
    *why = RG_ERR_INVALID;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')) {
            rg_diag(ctx, RG_ERROR, "unknown-template", NULL, 0, 0,
                    "template names use a-z, 0-9, '-' and '_'", "bad template name '%s'", name);
            return NULL;
        }
    rg_template *t = rg_calloc(ctx, 1, sizeof *t);
    if (!t) {
        *why = RG_ERR_NOMEM;
        return NULL;
    }
    arena_init(&t->arena, ctx, 8192);
    char path[4096];
    snprintf(path, sizeof path, "%s/templates/%s.xml", dir, name);
    t->file = arena_strdup(&t->arena, path);
    t->name = arena_strdup(&t->arena, name);
    t->page_w = RG_PT(595.276);
    t->page_h = RG_PT(841.89);
    t->margin_l = template_length("3cm");
    t->margin_r = t->margin_t = t->margin_b = template_length("2cm");
    t->body_size = t->table_size = t->title_size = RG_PT(16);
    t->line_spacing = 1.0;
    t->pagenum = PAGENUM_DASH;

    FILE *f = fopen(path, "rb");
    if (!f) {
        /* did you mean: the nearest name among the folder's templates */
        char tdir[4096], names[64][64];
        const char *cand[64];
        int n = 0;
        snprintf(tdir, sizeof tdir, "%s/templates", dir);
        DIR *d = opendir(tdir);
        for (struct dirent *e; d && n < 64 && (e = readdir(d));) {
            size_t len = strlen(e->d_name);
            if (len > 4 && len < 64 && !strcmp(e->d_name + len - 4, ".xml")) {
                snprintf(names[n], sizeof names[n], "%.*s", (int)(len - 4), e->d_name);
                cand[n] = names[n];
                n++;
            }
        }
        if (d)
            closedir(d);
        const char *near = str_closest(name, cand, n);
        if (near)
            rg_diag(ctx, RG_ERROR, "unknown-template", NULL, 0, 0,
                    "templates live in the data folder's templates/ (see --data-dir)",
                    "no template named '%s'; did you mean '%s'?", name, near);
        else
            rg_diag(ctx, RG_ERROR, "unknown-template", NULL, 0, 0,
                    "templates live in the data folder's templates/ (see --data-dir)",
                    "no template named '%s' (looked for %s)", name, path);
        *why = RG_ERR_TEMPLATE;
        template_free(t);
        return NULL;
    }
    fclose(f);
    /* Read as sources are (load/xml.c: byte checks, no network, no DTD,
     * every element's place recorded), without the report schema. */
    tload L = {.ctx = ctx, .t = t};
    L.X.ctx = ctx;
    L.X.file = t->file;
    L.X.is_template = 1;
    char *data = NULL;
    size_t len = 0;
    if (file_read_all(ctx, path, RG_MAX_TEMPLATE_SIZE, &data, &len) != RG_OK) {
        L.errors++;
    } else {
        L.X.data = data;
        L.X.len = len;
        loader_read(&L.X);
    }
    xmlNode *root = L.X.doc ? xmlDocGetRootElement(L.X.doc) : NULL;
    if (!root) {
        L.errors++; /* reported by loader_read or file_read_all */
    } else if (strcmp((const char *)root->name, "template") || !root->ns ||
               strcmp((const char *)root->ns->href, "urn:raingan:template:1")) {
        terr(&L, root, NULL, "root must be <template xmlns=\"urn:raingan:template:1\">", NULL, NULL);
    } else {
        static const char *names[] = {"name", "form", NULL};
        only_attrs(&L, root, names);
        const char *form = attr(&L, root, "form");
        if (form && !strcmp(form, "summary"))
            t->form = FORM_SUMMARY;
        else if (form && !strcmp(form, "archive"))
            t->form = FORM_ARCHIVE;
        else if (!form || strcmp(form, "indicator"))
            terr(&L, root, "form", "form must be indicator, summary or archive, not '%s'", form,
                 NULL);
        for (xmlNode *n = root->children; n; n = n->next) {
            if (n->type != XML_ELEMENT_NODE)
                continue;
            const char *en = (const char *)n->name;
            if (t->form == FORM_ARCHIVE && strcmp(en, "title") && strcmp(en, "section") &&
                strcmp(en, "label"))
                terr(&L, n, NULL,
                     "<%s> is not for an archive template (its pages and fonts are the "
                     "indicator template's; it has <title>, <section> and <label>)%s",
                     en, NULL);
            else if (!strcmp(en, "page"))
                read_page(&L, n);
            else if (!strcmp(en, "fonts"))
                read_fonts(&L, n);
            else if (!strcmp(en, "page-number"))
                read_pagenum(&L, n);
            else if (!strcmp(en, "title"))
                t->title = text_of(&L, n);
            else if (!strcmp(en, "subtitle"))
                t->subtitle = text_of(&L, n);
            else if (!strcmp(en, "round-label"))
                t->round_label = text_of(&L, n);
            else if (!strcmp(en, "section"))
                read_section(&L, n);
            else if (!strcmp(en, "label"))
                read_label(&L, n);
            else
                terr(&L, n, NULL, "unknown element <%s> in a template", en, NULL);
        }
        check_complete(&L, root);
        if (t->margin_l + t->margin_r > t->page_w - RG_PT(72) ||
            t->margin_t + t->margin_b > t->page_h - RG_PT(72))
            terr(&L, root, NULL, "margins leave less than 1 inch for the text%s%s", NULL, NULL);
    }
    xmlFreeDoc(L.X.doc);
    rg_free(ctx, L.X.lines);
    rg_free(ctx, L.X.points);
    rg_free(ctx, data);
    if (L.errors || L.X.errors || ctx->out_of_memory) {
        *why = ctx->out_of_memory ? RG_ERR_NOMEM : RG_ERR_INVALID;
        template_free(t);
        return NULL;
    }
    return t;
}

void template_free(rg_template *t)
{
    if (!t)
        return;
    rg_context *ctx = t->arena.ctx;
    arena_free(&t->arena);
    rg_free(ctx, t);
}

const rg_section *template_section(const rg_template *t, const char *id)
{
    for (size_t i = 0; i < t->nsections; i++)
        if (!strcmp(t->sections[i].id, id))
            return &t->sections[i];
    return NULL;
}

int template_move_diagnostics(rg_context *dst, rg_context *src, const char *file, rg_pos pos)
{
    int placed = 0;
    for (size_t i = 0; i < src->ndiags; i++) {
        const rg_diagnostic *d = &src->diags[i];
        int here = !d->file;
        placed |= here;
        rg_diag(dst, d->severity, d->code, here ? file : d->file, here ? pos.line : d->line,
                here ? pos.col : d->col, d->hint, "%s", d->message);
    }
    if (src->out_of_memory)
        dst->out_of_memory = 1;
    rg_context_clear_diagnostics(src);
    return placed;
}

/* The template name and place of part p. */
static const char *part_template(const rg_part *p, rg_pos *pos, rg_form_kind *kind)
{
    int ind = p->kind == RG_PART_INDICATOR;
    *pos = ind ? p->indicator->pos : p->summary->pos;
    *kind = ind ? FORM_INDICATOR : FORM_SUMMARY;
    return ind ? p->indicator->template_name : p->summary->template_name;
}

static struct rg_template_entry *entry_of(const rg_templates *set, const char *name)
{
    for (size_t i = 0; i < set->n; i++)
        if (!strcmp(set->entries[i].name, name))
            return &set->entries[i];
    return NULL;
}

/* The identity of dir/templates/name.xml in stamp; -1 when it has none. */
static int file_stamp(const char *dir, const char *name, long long stamp[4])
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/templates/%s.xml", dir, name);
    if (stat(path, &st))
        return -1;
    stamp[0] = (long long)st.st_dev;
    stamp[1] = (long long)st.st_ino;
    stamp[2] = (long long)st.st_size;
    stamp[3] = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    return 0;
}

/* preloaded's template name when its file has not changed since, or NULL. */
static const rg_template *still_preloaded(const rg_templates *preloaded, const char *dir,
                                          const char *name)
{
    const struct rg_template_entry *e = preloaded ? entry_of(preloaded, name) : NULL;
    long long now[4];
    if (!e || !e->t || file_stamp(dir, name, now) || memcmp(now, e->stamp, sizeof now))
        return NULL;
    return e->t;
}

/* Load name into set once; reports without a place go to file:pos (or
 * stay without one when file is NULL).  The entry, or NULL when out of
 * memory. */
static struct rg_template_entry *load_one(rg_context *ctx, const char *dir,
                                          const rg_templates *preloaded, rg_templates *set,
                                          const char *name, const char *file, rg_pos pos)
{
    struct rg_template_entry *e = entry_of(set, name);
    if (e)
        return e;
    const rg_template *ready = still_preloaded(preloaded, dir, name);
    if (!set->ctx)
        set->ctx = ctx;
    char *copy = rg_malloc(set->ctx, strlen(name) + 1);
    if (!copy || rg_grow(set->ctx, (void **)&set->entries, &set->cap, set->n + 1,
                         sizeof *set->entries)) {
        rg_free(set->ctx, copy);
        return NULL;
    }
    strcpy(copy, name);
    if (ready) {
        e = &set->entries[set->n++];
        *e = (struct rg_template_entry){copy, (rg_template *)ready, RG_OK, 1, {0}};
        return e;
    }
    /* Loaded in the set's own context, which outlives every form (the
     * templates' arenas use it); its reports move to ctx at once. */
    if (!set->own)
        set->own = context_new_child(ctx);
    if (!set->own) {
        rg_free(set->ctx, copy);
        return NULL;
    }
    rg_status why = RG_OK;
    rg_template *t = template_load(set->own, dir, name, &why);
    int placed = template_move_diagnostics(ctx, set->own, file, pos);
    if (!t && !placed && file)
        rg_diag(ctx, RG_ERROR, "bad-template", file, pos.line, pos.col,
                "correct the template where shown; templates/template.rng and docs/format.md "
                "describe the format",
                "template '%s' has errors (above); this form cannot be laid out", name);
    e = &set->entries[set->n++];
    *e = (struct rg_template_entry){copy, t, t ? RG_OK : why, 0, {0}};
    return e;
}

/* The word for a template's kind in messages. */
static const char *kind_name(rg_form_kind k)
{
    return k == FORM_SUMMARY ? "summary" : k == FORM_ARCHIVE ? "archive" : "indicator";
}

/* A source's sign-off against the template of the form that prints it: a
 * role the template does not print, or a sign-off on a form whose template
 * shows none, is left out of the form, with a warning here (the load
 * stage, so `check` and the studio say it too). */
static void check_signoff(rg_context *ctx, const char *file, const rg_template *t,
                          const rg_signoff *so)
{
    if (!so->count)
        return;
    const rg_section *sec = template_section(t, "signoff");
    if (!sec) {
        rg_diag(ctx, RG_WARNING, "unknown-role", file, so->signs[0].pos.line,
                so->signs[0].pos.col, NULL,
                "template '%s' has no signoff section; the sign-off is not printed", t->name);
        return;
    }
    for (size_t i = 0; i < so->count; i++) {
        int found = 0;
        for (size_t k = 0; k < sec->nroles && !found; k++)
            found = !strcmp(sec->roles[k].id, so->signs[i].role);
        if (!found)
            rg_diag(ctx, RG_WARNING, "unknown-role", file, so->signs[i].pos.line,
                    so->signs[i].pos.col, NULL,
                    "sign-off role '%s' is not one of this form's (%s); it is not printed",
                    so->signs[i].role, sec->columns);
    }
}

rg_status templates_load(rg_context *ctx, const char *dir, const rg_document *const *docs,
                         size_t ndocs, int archive, const rg_templates *preloaded,
                         rg_templates *set)
{
    rg_status st = RG_OK;
    for (size_t d = 0; d < ndocs; d++) {
        const rg_template *last = NULL; /* the last form's, which closes with the report's sign-off */
        for (size_t i = 0; i < docs[d]->nparts; i++) {
            rg_pos pos;
            rg_form_kind kind;
            const char *name = part_template(&docs[d]->parts[i], &pos, &kind);
            struct rg_template_entry *e =
                load_one(ctx, dir, preloaded, set, name, docs[d]->file, pos);
            if (!e)
                return RG_ERR_NOMEM;
            /* A template the source chose (template="...") that is missing
             * or for the other kind of form, and any template with mistakes
             * (reported at their file:line:col), are input errors (exit 1);
             * a standard one missing is the installation's (exit 4), and
             * wins. */
            int chosen = strcmp(name, kind == FORM_SUMMARY ? "summary" : "indicator") != 0;
            rg_status bad = !e->t && e->why != RG_ERR_INVALID && !chosen ? e->why
                                                                         : RG_ERR_INVALID;
            last = e->t && e->t->form == kind ? e->t : NULL;
            if (!e->t) {
                st = st == RG_ERR_TEMPLATE ? st : bad;
            } else if (e->t->form != kind) {
                rg_diag(ctx, RG_ERROR, "wrong-template", docs[d]->file, pos.line, pos.col, NULL,
                        "template '%s' is for %s forms", name, kind_name(e->t->form));
                st = st == RG_ERR_TEMPLATE ? st : bad;
            } else if (kind == FORM_INDICATOR) {
                check_signoff(ctx, docs[d]->file, e->t, &docs[d]->parts[i].indicator->signoff);
            }
        }
        if (last)
            check_signoff(ctx, docs[d]->file, last, &docs[d]->signoff);
    }
    /* The archive's front matter: the indicator template's page and fonts,
     * the archive template's labels. */
    static const struct { const char *name; rg_form_kind kind; } front[] = {
        {"indicator", FORM_INDICATOR}, {"archive", FORM_ARCHIVE}};
    for (size_t i = 0; archive && i < sizeof front / sizeof front[0]; i++) {
        rg_pos none = {0, 0};
        struct rg_template_entry *e =
            load_one(ctx, dir, preloaded, set, front[i].name, NULL, none);
        if (!e)
            return RG_ERR_NOMEM;
        if (!e->t && st != RG_ERR_TEMPLATE) {
            st = e->why;
        } else if (e->t && e->t->form != front[i].kind) {
            rg_diag(ctx, RG_ERROR, "wrong-template", e->t->file, 0, 0, NULL,
                    "template '%s' is for %s forms", front[i].name, kind_name(e->t->form));
            st = st == RG_ERR_TEMPLATE ? st : RG_ERR_INVALID;
        }
    }
    return ctx->out_of_memory ? RG_ERR_NOMEM : st;
}

const rg_template *templates_find(const rg_templates *set, const char *name)
{
    const struct rg_template_entry *e = set ? entry_of(set, name) : NULL;
    return e ? e->t : NULL;
}

rg_status templates_preload(rg_context *ctx, const char *dir, rg_templates *set)
{
    char tdir[4096];
    snprintf(tdir, sizeof tdir, "%s/templates", dir);
    DIR *d = opendir(tdir);
    if (!d)
        return RG_OK;
    /* The set's entries and templates belong to ctx; the reports of
     * those left out go to quiet, and away. */
    if (!set->ctx)
        set->ctx = ctx;
    if (!set->own)
        set->own = context_new_child(ctx);
    rg_context *quiet = set->own ? context_new_child(ctx) : NULL;
    rg_status st = quiet ? RG_OK : RG_ERR_NOMEM;
    for (struct dirent *e; !st && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        char name[64];
        if (len <= 4 || len >= sizeof name + 4 || strcmp(e->d_name + len - 4, ".xml"))
            continue;
        snprintf(name, sizeof name, "%.*s", (int)(len - 4), e->d_name);
        long long stamp[4];
        if (file_stamp(dir, name, stamp)) /* (stamped before reading: a change meanwhile
                                             is seen as one at the next run) */
            continue;
        struct rg_template_entry *got = load_one(quiet, dir, NULL, set, name, NULL, (rg_pos){0, 0});
        if (got)
            memcpy(got->stamp, stamp, sizeof stamp);
        if (!got) {
            st = RG_ERR_NOMEM;
        } else if (quiet->ndiags || quiet->out_of_memory) {
            /* not clean: drop it, so that each run loads and reports it */
            template_free(got->t);
            rg_free(set->ctx, got->name);
            set->n--;
            rg_context_clear_diagnostics(quiet);
            if (quiet->out_of_memory)
                st = RG_ERR_NOMEM;
        }
    }
    closedir(d);
    rg_context_free(quiet);
    return st;
}

void templates_free(rg_templates *set)
{
    for (size_t i = 0; i < set->n; i++) {
        if (!set->entries[i].borrowed)
            template_free(set->entries[i].t);
        rg_free(set->ctx, set->entries[i].name);
    }
    if (set->ctx)
        rg_free(set->ctx, set->entries);
    rg_context_free(set->own);
    *set = (rg_templates){0};
}
