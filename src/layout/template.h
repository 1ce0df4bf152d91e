/* template.h - declarative form templates (templates/NAME.xml).
 *
 * A template says how a form looks: page size and margins, font sizes,
 * page numbers, the title, and its sections in order with their labels,
 * table captions and column widths.  Sections a template leaves out are
 * not shown.  A new agency's variant is a new file, not new code. */
#ifndef RG_LAYOUT_TEMPLATE_H
#define RG_LAYOUT_TEMPLATE_H

#include "model/model.h"
#include "text/text.h"

typedef enum rg_form_kind { FORM_INDICATOR, FORM_SUMMARY } rg_form_kind;

typedef enum rg_pagenum_style {
    PAGENUM_NONE,   /* no page numbers */
    PAGENUM_DASH,   /* "- ๒ -" */
    PAGENUM_PAGE_OF,/* "หน้า ๑/๓" */
    PAGENUM_FRACTION/* "1/3" */
} rg_pagenum_style;

typedef enum rg_pagenum_pos { PAGENUM_TOP_CENTER, PAGENUM_BOTTOM_CENTER, PAGENUM_BOTTOM_RIGHT } rg_pagenum_pos;

/* One section of a form. */
typedef struct rg_section {
    char id[24];            /* e.g. "description" */
    const char *label;      /* printed label, or NULL */
    const char *caption;    /* table caption (criteria level column, levels "{n}") */
    const char *default_caption; /* criteria column caption when the source has none */
    const char *columns;    /* "|"-separated column captions */
    const char *widths;     /* column widths in the source format's syntax, checked
                               when the template loads (load/width.h) */
    const rg_width *wspec;  /* the same, parsed: nwspec specs (NULL, 0 when absent) */
    size_t nwspec;
    const char *target_caption; /* summary: caption over the target table */
    int working;            /* working="below": print how each computed score was reached
                               under the table (calculation; summary target tables) */
    int line;               /* where it is in the template file */
} rg_section;

typedef struct rg_template {
    char *name;              /* "indicator" */
    char *file;              /* path it was read from */
    rg_form_kind form;
    rg_mpt page_w, page_h;   /* after orientation */
    rg_mpt margin_l, margin_r, margin_t, margin_b;
    rg_mpt body_size, table_size, title_size;
    double line_spacing;     /* multiple of the font's ascent + descent */
    rg_pagenum_style pagenum;
    rg_pagenum_pos pagenum_pos;
    int pagenum_first;       /* number the first page of a form too */
    const char *title;       /* form title, or NULL */
    const char *subtitle;    /* pattern with {year} {round}, or NULL */
    const char *round_label; /* pattern with {n} */
    rg_section *sections;    /* in order */
    size_t nsections;
    rg_arena arena;          /* the strings above */
} rg_template;

/* Load templates/<name>.xml from dir.  Unknown elements, attributes or
 * section ids and bad lengths are errors naming file:line.  NULL on error. */
rg_template *template_load(rg_context *ctx, const char *dir, const char *name);
void template_free(rg_template *t);
/* The section with this id, or NULL when the template hides it. */
const rg_section *template_section(const rg_template *t, const char *id);

/* Parse a length ("3cm", "25mm", "1in", "12pt", "12") into mpt; -1 on error. */
rg_mpt template_length(const char *s);

/* Move src's diagnostics (a template load's) into dst; those without a
 * file (no such template, a bad name) are placed at file:pos, the form
 * that names the template.  Returns 1 when any was placed so. */
int template_move_diagnostics(rg_context *dst, rg_context *src, const char *file, rg_pos pos);

#endif
