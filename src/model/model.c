/* model.c - model helpers (digits, numbers, Thai dates), the text dump and
 * the public query API.
 *
 * Design: the model is plain data in one arena (see model.h), so this file
 * holds no tree logic beyond walking it.  The dump is the model's test
 * surface (libraqm's RAQM_TESTING trace, MuPDF's fz_debug_html): one node a
 * line, two spaces per depth, strings quoted with C escapes, positions as
 * @line:col.  It must stay deterministic: no pointers, no locale-dependent
 * formatting (numbers go through model_format_number, which only uses '.'
 * because the loader never calls setlocale and we format digits by hand). */
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ==== digits, numbers, dates ============================================ */

void model_put_digits(rg_buf *b, const char *s, size_t len, rg_digits digits)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (digits == RG_DIGITS_THAI && c >= '0' && c <= '9') {
            /* U+0E50..U+0E59 THAI DIGIT ZERO..NINE: E0 B9 90+n */
            char th[3] = {(char)0xE0, (char)0xB9, (char)(0x90 + (c - '0'))};
            buf_append(b, th, 3);
        } else {
            buf_putc(b, (char)c);
        }
    }
}

/* Copy a finished buffer into the arena and release the buffer.  Returns
 * NULL when the buffer ran out of memory. */
static char *buf_to_arena(rg_arena *a, rg_buf *b)
{
    char *s = b->failed ? NULL : arena_strndup(a, b->data ? b->data : "", b->len);
    buf_free(b);
    return s;
}

char *model_digits_dup(rg_arena *a, const char *s, rg_digits digits)
{
    if (!s)
        return NULL;
    rg_buf b;
    buf_init(&b, a->ctx);
    model_put_digits(&b, s, strlen(s), digits);
    return buf_to_arena(a, &b);
}

char *model_format_number(rg_arena *a, double v, int decimals, rg_digits digits)
{
    char tmp[64];
    if (decimals < 0)
        decimals = 0;
    if (decimals > 10)
        decimals = 10;
    snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (strchr(tmp, '.')) {
        size_t n = strlen(tmp);
        while (n > 0 && tmp[n - 1] == '0')
            tmp[--n] = 0;
        if (n > 0 && tmp[n - 1] == '.')
            tmp[--n] = 0;
    }
    if (!strcmp(tmp, "-0"))
        strcpy(tmp, "0");
    return model_digits_dup(a, tmp, digits);
}

char *model_dec_text(rg_arena *a, rg_dec v, rg_rounding r, int trim, rg_digits digits)
{
    char tmp[64];
    return model_digits_dup(a, dec_format(v, r, trim, tmp, sizeof tmp), digits);
}

char *model_weight_str(rg_dec w, char *out, size_t size)
{
    return dec_written(w, out, size);
}

char *model_weight_text(rg_arena *a, rg_dec w, rg_digits digits)
{
    char tmp[64];
    return model_digits_dup(a, model_weight_str(w, tmp, sizeof tmp), digits);
}

int model_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

int model_parse_date(const char *s, int *y, int *m, int *d)
{
    if (!s)
        return -1;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    int n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) != 3 || n != 10)
        return -1;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    for (const char *p = s + 10; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return -1;
    if (*y < 1 || *d < 1 || *d > model_days_in_month(*y, *m))
        return -1;
    return 0;
}

char *model_thai_date(rg_arena *a, int y, int m, int d, rg_digits digits)
{
    static const char *months[12] = {
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"};
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%d %s %d", d, months[(m >= 1 && m <= 12) ? m - 1 : 0],
             y + 543);
    return model_digits_dup(a, tmp, digits);
}

const char *model_state_name(rg_state s)
{
    static const char *const names[] = {"", "draft", "submitted", "approved"};
    return s >= RG_STATE_NONE && s <= RG_STATE_APPROVED ? names[s] : "";
}

/* ==== dump ============================================================== */

/* Names used by the dump for enum values. */
static const char *const target_names[] = {"unknown", "none", "basic", "standard", "advanced"};
static const char *const align_names[] = {"left", "right", "center", "justify",
                                          "thai-distributed"};
static const char *const valign_names[] = {"top", "middle", "bottom"};
static const char *const numbering_names[] = {
    "default", "arabic", "thai", "none", "paren-thai", "paren-arabic", "dot-arabic",
    "close-paren-thai", "close-paren-arabic", "outline", "marker"};

/* Start a new dump line at the given depth. */
static void line(rg_buf *o, int depth)
{
    for (int i = 0; i < depth; i++)
        buf_puts(o, "  ");
}

/* Append s quoted with C-style escapes; NULL prints as null. */
static void quote(rg_buf *o, const char *s)
{
    if (!s) {
        buf_puts(o, "null");
        return;
    }
    buf_putc(o, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_putc(o, '\\'), buf_putc(o, *s);
        else if (*s == '\n')
            buf_puts(o, "\\n");
        else if (*s == '\t')
            buf_puts(o, "\\t");
        else
            buf_putc(o, *s);
    }
    buf_putc(o, '"');
}

/* Append " @line:col". */
static void pos(rg_buf *o, rg_pos p) { buf_printf(o, " @%d:%d", p.line, p.col); }

/* Append a double the way the model formats them (4 decimals at most). */
static void num(rg_buf *o, double v)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.4f", v);
    size_t n = strlen(tmp);
    while (n > 0 && tmp[n - 1] == '0')
        tmp[--n] = 0;
    if (n > 0 && tmp[n - 1] == '.')
        tmp[--n] = 0;
    buf_puts(o, strcmp(tmp, "-0") ? tmp : "0");
}

static void dump_blocks(rg_buf *o, const rg_blocks *bl, int depth);

/* One line per inline item; fractions nest num/den. */
static void dump_inlines(rg_buf *o, const rg_inlines *in, int depth)
{
    for (size_t i = 0; i < in->count; i++) {
        const rg_inline *it = &in->items[i];
        line(o, depth);
        if (it->kind == RG_INLINE_TEXT) {
            buf_puts(o, "text");
            if (it->style) {
                buf_puts(o, "[");
                const char *sep = "";
                if (it->style & RG_STYLE_BOLD)
                    buf_printf(o, "%sb", sep), sep = ",";
                if (it->style & RG_STYLE_ITALIC)
                    buf_printf(o, "%si", sep), sep = ",";
                if (it->style & RG_STYLE_UNDERLINE)
                    buf_printf(o, "%su", sep);
                buf_puts(o, "]");
            }
            buf_putc(o, ' ');
            quote(o, it->text);
            if (it->href) {
                buf_puts(o, " href=");
                quote(o, it->href);
            }
            buf_putc(o, '\n');
        } else if (it->kind == RG_INLINE_BREAK) {
            buf_puts(o, "br\n");
        } else {
            buf_puts(o, "frac");
            pos(o, it->pos);
            buf_putc(o, '\n');
            line(o, depth + 1);
            buf_puts(o, "num\n");
            dump_inlines(o, &it->num, depth + 2);
            line(o, depth + 1);
            buf_puts(o, "den\n");
            dump_inlines(o, &it->den, depth + 2);
        }
    }
}

/* A labelled inline field: the label line, then its items one deeper. */
static void dump_field(rg_buf *o, const char *label, const rg_inlines *in, int depth)
{
    line(o, depth);
    buf_printf(o, "%s\n", label);
    dump_inlines(o, in, depth + 1);
}

/* A labelled block field, printed only when non-empty. */
static void dump_section(rg_buf *o, const char *label, const rg_blocks *bl, int depth)
{
    if (!bl->count)
        return;
    line(o, depth);
    buf_printf(o, "%s\n", label);
    dump_blocks(o, bl, depth + 1);
}

static void dump_targets(rg_buf *o, const rg_targets *t, int depth)
{
    static const char *const names[3] = {"basic", "standard", "advanced"};
    if (t->caption) {
        buf_puts(o, " caption=");
        quote(o, t->caption);
    }
    if (t->has_value) {
        buf_puts(o, " value=");
        num(o, t->value);
        buf_putc(o, ' ');
        quote(o, t->value_text);
    }
    if (!t->higher_is_better)
        buf_puts(o, " higher-is-better=false");
    buf_printf(o, " stated=%s computed=%s reached=%s\n", target_names[t->stated + 1],
               target_names[t->computed + 1], target_names[t->reached + 1]);
    for (int i = 0; i < 3; i++) {
        const rg_target *g = &t->level[i];
        line(o, depth + 1);
        buf_printf(o, "%s", names[i]);
        pos(o, g->pos);
        buf_puts(o, " points=");
        num(o, g->points);
        buf_putc(o, ' ');
        quote(o, g->points_text);
        if (g->has_threshold) {
            buf_puts(o, " threshold=");
            num(o, g->threshold);
            buf_putc(o, ' ');
            quote(o, g->threshold_text);
        }
        buf_putc(o, '\n');
        dump_inlines(o, &g->content, depth + 2);
    }
    if (t->concluded != RG_TARGET_UNKNOWN) {
        line(o, depth + 1);
        buf_puts(o, t->reached == RG_TARGET_NONE ? "conclusion below " : "conclusion at ");
        buf_puts(o, target_names[t->concluded + 1]);
        buf_putc(o, ' ');
        quote(o, t->concluded_points);
        buf_putc(o, '\n');
    }
}

static void dump_table(rg_buf *o, const rg_table *t, int depth)
{
    if (t->nwidths) {
        buf_puts(o, " widths=");
        for (size_t i = 0; i < t->nwidths; i++) {
            if (i)
                buf_putc(o, ',');
            if (t->widths[i].kind == RG_WIDTH_AUTO)
                buf_puts(o, "auto");
            else {
                num(o, t->widths[i].value);
                buf_puts(o, t->widths[i].kind == RG_WIDTH_FIXED ? "pt" : "*");
            }
        }
    }
    buf_printf(o, " header-rows=%d", t->header_rows);
    if (t->align >= 0)
        buf_printf(o, " align=%s", align_names[t->align]);
    if (t->width_pct > 0) {
        buf_puts(o, " width=");
        num(o, t->width_pct);
        buf_putc(o, '%');
    }
    buf_putc(o, '\n');
    for (size_t r = 0; r < t->nrows; r++) {
        line(o, depth + 1);
        buf_puts(o, "row");
        pos(o, t->rows[r].pos);
        buf_putc(o, '\n');
        for (size_t c = 0; c < t->rows[r].count; c++) {
            const rg_cell *cell = &t->rows[r].cells[c];
            line(o, depth + 2);
            buf_puts(o, cell->header ? "th" : "td");
            pos(o, cell->pos);
            if (cell->colspan != 1 || cell->rowspan != 1)
                buf_printf(o, " span=%dx%d", cell->colspan, cell->rowspan);
            if (cell->align >= 0)
                buf_printf(o, " align=%s", align_names[cell->align]);
            if (cell->valign >= 0)
                buf_printf(o, " valign=%s", valign_names[cell->valign]);
            buf_putc(o, '\n');
            dump_blocks(o, &cell->blocks, depth + 3);
        }
    }
}

/* A block's position and its keep="..." (when given). */
static void block_pos(rg_buf *o, const rg_block *b)
{
    static const char *const keep_names[] = {"", "together", "with-next"};
    pos(o, b->pos);
    if (b->keep)
        buf_printf(o, " keep=%s", keep_names[b->keep]);
}

static void dump_blocks(rg_buf *o, const rg_blocks *bl, int depth)
{
    for (size_t i = 0; i < bl->count; i++) {
        const rg_block *b = &bl->items[i];
        line(o, depth);
        switch (b->kind) {
        case RG_BLOCK_PARA:
            buf_puts(o, "para");
            block_pos(o, b);
            if (b->u.para.align >= 0)
                buf_printf(o, " align=%s", align_names[b->u.para.align]);
            if (b->u.para.indent_first)
                buf_puts(o, " indent=first-line");
            buf_printf(o, "%s\n", b->digits == RG_DIGITS_THAI ? " digits=thai" : "");
            dump_inlines(o, &b->u.para.inl, depth + 1);
            break;
        case RG_BLOCK_LIST: {
            const rg_list *l = &b->u.list;
            buf_puts(o, l->ordered ? "ol" : "ul");
            block_pos(o, b);
            buf_printf(o, " numbering=%s", numbering_names[l->numbering]);
            if (l->ordered && l->start != 1)
                buf_printf(o, " start=%ld", l->start);
            buf_putc(o, '\n');
            for (size_t k = 0; k < l->count; k++) {
                line(o, depth + 1);
                buf_puts(o, "li");
                pos(o, l->items[k].pos);
                buf_puts(o, " label=");
                quote(o, l->items[k].label);
                buf_putc(o, '\n');
                dump_blocks(o, &l->items[k].blocks, depth + 2);
            }
            break;
        }
        case RG_BLOCK_TABLE:
            buf_puts(o, "table");
            block_pos(o, b);
            dump_table(o, &b->u.table, depth);
            break;
        case RG_BLOCK_TARGETS:
            buf_puts(o, "targets");
            block_pos(o, b);
            dump_targets(o, &b->u.targets, depth);
            break;
        case RG_BLOCK_FORMULA:
            buf_puts(o, "formula");
            block_pos(o, b);
            buf_putc(o, '\n');
            dump_inlines(o, &b->u.formula, depth + 1);
            break;
        case RG_BLOCK_FIGURE: {
            const rg_figure *f = &b->u.figure;
            buf_puts(o, "figure");
            block_pos(o, b);
            buf_puts(o, " src=");
            quote(o, f->file ? f->file->written : "");
            if (f->width.kind != RG_WIDTH_AUTO) {
                buf_puts(o, " width=");
                num(o, f->width.value);
                buf_puts(o, f->width.kind == RG_WIDTH_RELATIVE ? "%" : "pt");
            }
            buf_printf(o, " align=%s\n", align_names[f->align]);
            if (f->caption.count)
                dump_field(o, "caption", &f->caption, depth + 1);
            break;
        }
        case RG_BLOCK_PAGE_BREAK:
            buf_puts(o, "page-break");
            block_pos(o, b);
            buf_putc(o, '\n');
            break;
        case RG_BLOCK_EVIDENCE: {
            const rg_evidence_item *e = &b->u.evidence;
            buf_printf(o, "evidence-item %ld", e->number);
            block_pos(o, b);
            buf_puts(o, " label=");
            quote(o, e->label);
            if (e->file) {
                buf_puts(o, " file=");
                quote(o, e->file->written);
            }
            buf_putc(o, '\n');
            dump_inlines(o, &e->title, depth + 1);
            break;
        }
        }
    }
}

static void dump_person(rg_buf *o, const char *role, const rg_person *p, int depth)
{
    line(o, depth);
    buf_printf(o, "%s", role);
    pos(o, p->pos);
    buf_putc(o, ' ');
    quote(o, p->name);
    if (p->position) {
        buf_puts(o, " position=");
        quote(o, p->position);
    }
    for (size_t i = 0; i < p->nphones; i++) {
        buf_puts(o, " phone=");
        quote(o, p->phones[i]);
    }
    buf_putc(o, '\n');
}

static void dump_signoff(rg_buf *o, const rg_signoff *so, int depth)
{
    if (!so->count)
        return;
    line(o, depth);
    buf_puts(o, "signoff");
    pos(o, so->pos);
    buf_putc(o, '\n');
    for (size_t i = 0; i < so->count; i++) {
        const rg_sign *s = &so->signs[i];
        line(o, depth + 1);
        buf_printf(o, "sign %s", s->role);
        pos(o, s->pos);
        buf_putc(o, ' ');
        quote(o, s->name);
        if (s->position) {
            buf_puts(o, " position=");
            quote(o, s->position);
        }
        if (s->date_text) {
            buf_puts(o, " date=");
            quote(o, s->date_text);
        }
        if (s->signature) {
            buf_puts(o, " signature=");
            quote(o, s->signature->written);
        }
        buf_putc(o, '\n');
    }
}

static void dump_indicator(rg_buf *o, const rg_indicator *ind)
{
    line(o, 1);
    buf_puts(o, "indicator ");
    quote(o, ind->number);
    pos(o, ind->pos);
    buf_puts(o, " weight=");
    num(o, ind->weight);
    buf_putc(o, ' ');
    quote(o, ind->weight_text);
    buf_printf(o, " template=%s rounds=", ind->template_name);
    for (size_t i = 0; i < ind->nrounds; i++)
        buf_printf(o, "%s%d", i ? "," : "", ind->rounds[i]);
    buf_printf(o, " digits=%s\n", ind->digits == RG_DIGITS_THAI ? "thai" : "arabic");
    dump_field(o, "name", &ind->name, 2);
    for (size_t i = 0; i < ind->nsupervisors; i++)
        dump_person(o, "supervisor", &ind->supervisors[i], 2);
    for (size_t i = 0; i < ind->ncollectors; i++)
        dump_person(o, "collector", &ind->collectors[i], 2);
    if (ind->collectors_note.count)
        dump_field(o, "collectors-note", &ind->collectors_note, 2);
    dump_section(o, "description", &ind->description, 2);
    line(o, 2);
    buf_puts(o, "criteria");
    if (ind->criteria_caption) {
        buf_puts(o, " caption=");
        quote(o, ind->criteria_caption);
    }
    buf_putc(o, '\n');
    for (int l = 0; l < 5; l++) {
        char label[16];
        snprintf(label, sizeof label, "level %d", l + 1);
        dump_field(o, label, &ind->criteria[l], 3);
    }
    line(o, 2);
    buf_printf(o, "achieved %d\n", ind->achieved);
    line(o, 2);
    buf_puts(o, "calculation");
    if (ind->calc_note) {
        buf_puts(o, " note=");
        quote(o, ind->calc_note);
    }
    buf_putc(o, '\n');
    for (size_t r = 0; r < ind->nrows; r++) {
        const rg_calc_row *row = &ind->rows[r];
        line(o, 3);
        buf_puts(o, "row");
        pos(o, row->pos);
        buf_puts(o, " weight=");
        quote(o, row->weight_text);
        buf_puts(o, " score=");
        quote(o, row->score_text);
        buf_puts(o, " weighted=");
        quote(o, row->weighted_text);
        if (row->has_stated_weighted) {
            buf_puts(o, " stated-weighted=");
            num(o, row->stated_weighted);
        }
        buf_putc(o, '\n');
        dump_field(o, "label", &row->label, 4);
        dump_field(o, "result", &row->result, 4);
        if (row->has_score_display)
            dump_field(o, "score-text", &row->score_display, 4);
    }
    line(o, 2);
    buf_puts(o, "weighted-total ");
    quote(o, ind->weighted_text);
    buf_putc(o, '\n');
    dump_section(o, "explanation", &ind->explanation, 2);
    dump_section(o, "supporting", &ind->supporting, 2);
    dump_section(o, "obstacles", &ind->obstacles, 2);
    dump_section(o, "suggestions", &ind->suggestions, 2);
    dump_section(o, "evidence", &ind->evidence, 2);
    dump_signoff(o, &ind->signoff, 2);
}

static void dump_summary(rg_buf *o, const rg_summary *s)
{
    line(o, 1);
    buf_puts(o, "summary");
    pos(o, s->pos);
    buf_printf(o, " template=%s digits=%s\n", s->template_name,
               s->digits == RG_DIGITS_THAI ? "thai" : "arabic");
    dump_field(o, "title", &s->title, 2);
    if (s->has_subtitle)
        dump_field(o, "subtitle", &s->subtitle, 2);
    for (size_t i = 0; i < s->nrows; i++) {
        const rg_summary_row *r = &s->rows[i];
        int d = 2 + (r->kind == RG_SUMMARY_ITEM && r->in_group);
        line(o, d);
        buf_puts(o, r->kind == RG_SUMMARY_GROUP ? "group " : "item ");
        quote(o, r->number);
        pos(o, r->pos);
        buf_putc(o, '\n');
        dump_field(o, "name", &r->name, d + 1);
        if (r->kind == RG_SUMMARY_ITEM) {
            dump_section(o, "result", &r->result, d + 1);
            dump_section(o, "problems", &r->problems, d + 1);
        }
    }
}

void model_dump(const rg_document *doc, rg_buf *o)
{
    const char *base = doc->file ? strrchr(doc->file, '/') : NULL;
    buf_puts(o, "document ");
    quote(o, base ? base + 1 : doc->file);
    buf_printf(o, " digits=%s complete=%s\n", doc->digits == RG_DIGITS_THAI ? "thai" : "arabic",
               doc->complete ? "true" : "false");
    line(o, 1);
    buf_puts(o, "meta agency=");
    quote(o, doc->agency);
    if (doc->department) {
        buf_puts(o, " department=");
        quote(o, doc->department);
    }
    buf_printf(o, " fiscal-year=%d round=%d\n", doc->fiscal_year, doc->round);
    if (doc->title) {
        line(o, 2);
        buf_puts(o, "title ");
        quote(o, doc->title);
        buf_putc(o, '\n');
    }
    if (doc->has_date) {
        line(o, 2);
        buf_printf(o, "date %04d-%02d-%02d ", doc->year, doc->month, doc->day);
        quote(o, doc->date_text);
        buf_putc(o, '\n');
    }
    const rg_status_info *st = &doc->status;
    if (st->pos.line) {
        line(o, 2);
        buf_printf(o, "status %s", model_state_name(st->state));
        pos(o, st->pos);
        if (st->submitted_by)
            buf_printf(o, " submitted=%s", st->submitted_on ? st->submitted_on : "");
        if (st->submitted_by) {
            buf_puts(o, " by ");
            quote(o, st->submitted_by);
        }
        if (st->approved_by)
            buf_printf(o, " approved=%s", st->approved_on ? st->approved_on : "");
        if (st->approved_by) {
            buf_puts(o, " by ");
            quote(o, st->approved_by);
        }
        buf_putc(o, '\n');
    }
    for (size_t i = 0; i < doc->nfiles; i++) {
        const rg_file *f = doc->files[i];
        line(o, 2);
        buf_puts(o, "file ");
        quote(o, f->written);
        pos(o, f->pos);
        buf_printf(o, " size=%lld mime=%s", f->size, f->mime);
        if (f->format)
            buf_printf(o, " %s %dx%d components=%d", f->format == RG_IMAGE_PNG ? "png" : "jpeg",
                       f->width, f->height, f->components);
        buf_putc(o, '\n');
    }
    for (size_t i = 0; i < doc->nparts; i++) {
        if (doc->parts[i].kind == RG_PART_INDICATOR)
            dump_indicator(o, doc->parts[i].indicator);
        else
            dump_summary(o, doc->parts[i].summary);
    }
    dump_signoff(o, &doc->signoff, 1);
}

/* ==== public API ======================================================== */

void rg_document_free(rg_document *doc)
{
    if (!doc)
        return;
    rg_context *ctx = doc->arena.ctx;
    rg_arena a = doc->arena; /* doc itself lives outside the arena */
    arena_free(&a);
    rg_free(ctx, doc);
}

char *rg_document_dump(const rg_document *doc, size_t *len)
{
    if (!doc)
        return NULL;
    rg_buf b;
    buf_init(&b, doc->arena.ctx);
    model_dump(doc, &b);
    char *s = b.failed ? NULL : malloc(b.len + 1);
    if (s) {
        memcpy(s, b.data ? b.data : "", b.len);
        s[b.len] = 0;
        if (len)
            *len = b.len;
    }
    buf_free(&b);
    return s;
}

const char *rg_document_file(const rg_document *doc) { return doc ? doc->file : NULL; }

const char *rg_document_state(const rg_document *doc)
{
    return doc ? model_state_name(doc->status.state) : "";
}

const char *rg_document_approved_by(const rg_document *doc)
{
    return doc ? doc->status.approved_by : NULL;
}

const char *rg_document_approved_on(const rg_document *doc)
{
    return doc ? doc->status.approved_on : NULL;
}

const char *rg_document_submitted_by(const rg_document *doc)
{
    return doc ? doc->status.submitted_by : NULL;
}

const char *rg_document_submitted_on(const rg_document *doc)
{
    return doc ? doc->status.submitted_on : NULL;
}

size_t rg_document_indicator_count(const rg_document *doc) { return doc ? doc->nindicators : 0; }

size_t rg_document_summary_count(const rg_document *doc) { return doc ? doc->nsummaries : 0; }

/* The i-th indicator or NULL past the end. */
static const rg_indicator *indicator_at(const rg_document *doc, size_t i)
{
    return doc && i < doc->nindicators ? doc->indicators[i] : NULL;
}

const char *rg_indicator_number(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = indicator_at(doc, i);
    return ind ? ind->number : NULL;
}

const char *rg_indicator_name(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = indicator_at(doc, i);
    return ind ? ind->name_text : NULL;
}

double rg_indicator_weight(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = indicator_at(doc, i);
    return ind ? ind->weight : 0;
}

double rg_indicator_score(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = indicator_at(doc, i);
    return ind && ind->nrows ? ind->rows[0].score : 0;
}

double rg_indicator_weighted_score(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = indicator_at(doc, i);
    return ind ? ind->weighted : 0;
}

int rg_indicator_achieved(const rg_document *doc, size_t i)
{
    const rg_indicator *ind = indicator_at(doc, i);
    return ind ? ind->achieved : 0;
}
