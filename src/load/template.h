/* template.h - declarative form templates (templates/NAME.xml).
 *
 * A template says how a form looks: page size and margins, font sizes,
 * page numbers, the title, and its sections in order with their labels,
 * table captions and column widths.  Sections a template leaves out are
 * not shown.  A new agency's variant is a new file, not new code.
 *
 * Templates are input, so the load stage reads them: once per run, with
 * libxml2, every mistake reported at the template's file:line, every value
 * checked and typed (lengths in mpt, widths as rg_width).  Layout receives
 * the loaded set read-only (templates_find) and never parses a template. */
#ifndef RG_LOAD_TEMPLATE_H
#define RG_LOAD_TEMPLATE_H

#include "model/model.h"
#include "util/units.h"

/* Largest template file read, in bytes (the standard ones are 3 KB). */
#define RG_MAX_TEMPLATE_SIZE ((size_t)1 << 20)

/* What a template is for: a per-indicator form, a summary form, or the
 * archive's front matter (cover, score summary, approvals, contents and
 * outline titles: templates/archive.xml; its page and fonts are the
 * indicator template's, so the front matter looks like the forms). */
typedef enum rg_form_kind { FORM_INDICATOR, FORM_SUMMARY, FORM_ARCHIVE } rg_form_kind;

typedef enum rg_pagenum_style {
    PAGENUM_NONE,   /* no page numbers */
    PAGENUM_DASH,   /* "- ๒ -" */
    PAGENUM_PAGE_OF,/* "หน้า ๑/๓" */
    PAGENUM_FRACTION/* "1/3" */
} rg_pagenum_style;

typedef enum rg_pagenum_pos { PAGENUM_TOP_CENTER, PAGENUM_BOTTOM_CENTER, PAGENUM_BOTTOM_RIGHT } rg_pagenum_pos;

/* One sign-off role of a form (its signoff section's columns="id=label|…"),
 * in the order the blocks are printed. */
typedef struct rg_role {
    const char *id;    /* matched against <sign role="…"> */
    const char *label; /* printed after the signature line ("ผู้รายงาน") */
} rg_role;

/* One section of a form. */
typedef struct rg_section {
    char id[24];            /* e.g. "description" */
    const char *label;      /* printed label, or NULL */
    const char *caption;    /* table caption (criteria level column, levels "{n}") */
    const char *default_caption; /* criteria column caption when the source has none */
    const char *columns;    /* "|"-separated column captions, as written */
    const char *const *cols; /* the same, split: ncols captions (NULL, 0 when absent) */
    size_t ncols;
    const char *widths;     /* column widths as written (for messages; layout reads
                               wspec), checked when the template loads (load/width.h) */
    const rg_width *wspec;  /* the same, parsed: nwspec specs (NULL, 0 when absent) */
    size_t nwspec;
    const char *target_caption; /* summary: caption over the target table */
    const rg_role *roles;   /* signoff: the roles of columns, parsed (nroles; NULL, 0
                               elsewhere) */
    size_t nroles;
    const char *sign_words[3]; /* signoff: caption's three words before the dotted
                               line, the position and the date ("ลงชื่อ", "ตำแหน่ง",
                               "วันที่"); checked to be three when the template loads */
    int working;            /* working="below": print how each computed score was reached
                               under the table (calculation; summary target tables) */
    rg_pos pos;             /* where it is in the template file (its '<') */
} rg_section;

/* The labels a form prints outside its sections, each from the template
 * (<label id="…">), never from C: every template gives every one. */
typedef struct rg_template_labels {
    const char *target;       /* "เป้าหมาย": the caption over a target table (the
                                 summary's table section may give its own) */
    const char *target_level; /* "{level}\n({points} คะแนน)": a target level's head */
    const char *attachment;   /* "(ไฟล์แนบ: {name})": after an attached evidence item
                                 (the evidence section's caption, when given, wins) */
    const char *working;      /* "ค่าคะแนนที่ได้ = {working}": how a score was reached */
    const char *draft;        /* "ร่าง": the mark on every page of a draft */
    const char *page_of;      /* "หน้า {n}/{total}": page-number style page-of (required
                                 only with that style) */
    const char *pdf_title;    /* "รายงานผลการปฏิบัติราชการ": the PDF's title (document info)
                                 when the source gives no <title> */
    const char *level[3];     /* "ขั้นต้น", "มาตรฐาน", "ขั้นสูง": a target level's name
                                 ({level} of target-level, at-target, below-target) */
    const char *at_target;    /* "(ผลการดำเนินงานอยู่ระดับเป้าหมาย{level} {points} คะแนน)":
                                 the conclusion under a target table */
    const char *below_target; /* "(ผลการดำเนินงานต่ำกว่าเป้าหมาย{level} {points} คะแนน)": the
                                 same, below every level ({level}: the lowest that applies) */
    const char *rounding;     /* "{working} (ทศนิยม {places} ตำแหน่ง {mode})": a working and
                                 the document's rounding, so a reader rounds the same way */
    const char *rounding_whole; /* "{working} (จำนวนเต็ม {mode})": the same at 0 places */
    const char *round_mode[3];/* by rg_round_mode: ปัดครึ่งขึ้น, ปัดครึ่งเข้าหาเลขคู่, ตัดเศษทิ้ง */
    const char *note_cancelled; /* the notes under the calculation table (rg_note): */
    const char *note_late;      /* ... ({from}: the indicator's first round, {round}: the
                                   document's) */
    const char *note_unscored;
    const char *self_score;   /* "คะแนนประเมินตนเอง {self} ผลการประเมิน {score}": after
                                 the note, when a self-assessed score is given */
} rg_template_labels;

/* The labels of an archive template (<label id="…">), every one required;
 * {x} are replaced as said.  The section labels, column captions and
 * widths of its tables are its sections': scores, approvals, contents. */
typedef struct rg_archive_labels {
    const char *departments;   /* "({n} หน่วยงาน)": the cover, with several departments */
    const char *year;          /* "ประจำปีงบประมาณ พ.ศ. {year}": the cover */
    const char *round;         /* "รอบ {n} เดือน": the cover */
    const char *pdf_title;     /* "{title} {agency} ประจำปีงบประมาณ พ.ศ. {year} รอบ {round}
                                  เดือน": the PDF's title (document info; ASCII digits) */
    const char *part_cover;    /* "ปก": the outline's entries of the front matter */
    const char *part_scores;   /* "สรุปผลคะแนน" */
    const char *part_contents; /* "สารบัญ" */
    const char *form_indicator;/* "ตัวชี้วัดที่ {number} {name}": a form's outline and
                                  contents title */
    const char *form_summary;  /* "ตารางสรุปผลการดำเนินงานตัวชี้วัด": a summary form's */
    const char *evidence;      /* "หลักฐานอ้างอิง": the outline entry over a form's items */
    const char *evidence_item; /* "{item} (ไฟล์แนบ: {name})": an item with a file */
    const char *evidence_files;/* "หลักฐานอ้างอิง (ไฟล์แนบ)": the outline's last entry,
                                  listing the attached evidence files */
    const char *evidence_desc; /* "evidence (หลักฐานอ้างอิง)": an attached file's
                                  description */
    const char *cancelled;     /* "ยกเลิก": the score of a cancelled indicator */
    const char *late;          /* "ยังไม่ถึงรอบ": of one not yet assessed this round */
    const char *no_indicators; /* "ไม่มีตัวชี้วัด": a department without indicators */
    const char *subtotal;      /* "รวม {name}": a department's subtotal row */
    const char *total;         /* "รวม": the total row of one department */
    const char *total_agency;  /* "รวมทั้งหน่วยงาน": of several */
    const char *left_out;      /* "หมายเหตุ: ไม่นับ {n} ตัวชี้วัด…": under the scores when
                                  some are not counted */
    const char *state[4];      /* by rg_state: ไม่ระบุ, ร่าง, เสนอแล้ว, อนุมัติแล้ว */
} rg_archive_labels;

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
    const char *title;       /* form title, or NULL; archive: the report's title when
                                the sources give none (required) */
    const char *subtitle;    /* pattern with {year} {round}, or NULL */
    const char *round_label; /* pattern with {n} (required of indicator templates) */
    rg_template_labels labels; /* indicator and summary templates */
    rg_archive_labels archive; /* archive templates */
    const char *family;      /* <fonts family="…">: the installed font family the form is
                                set in (found with fontconfig when the run starts), or
                                NULL: the engine's fonts (Sarabun, or --font/--family) */
    const char *const *fallbacks; /* <fonts fallback="A, B">: families tried, in order,
                                for characters family lacks (nfallbacks; NULL, 0 when
                                absent: the companion rule of text/fontfind.h) */
    size_t nfallbacks;
    rg_pos family_pos;       /* where family= is written (line, col of the attribute) */
    rg_pos fallback_pos;     /* where fallback= is written */
    rg_section *sections;    /* in order */
    size_t nsections;
    rg_arena arena;          /* the strings above */
} rg_template;

/* The templates of one run, each loaded once and then read-only (shared
 * by the layout threads).  A name that failed to load is kept with t NULL
 * so that it is reported once.  An engine keeps a set too: the templates
 * of its data folder that load cleanly, loaded when it is made, which
 * every run borrows (templates_load's preloaded). */
typedef struct rg_templates {
    struct rg_template_entry {
        char *name;
        rg_template *t;  /* NULL: it did not load (reported) */
        rg_status why;   /* then: RG_ERR_TEMPLATE no such file, RG_ERR_INVALID it has
                            mistakes, RG_ERR_NOMEM */
        int borrowed;    /* t belongs to a preloaded set (not freed with this one) */
        long long stamp[4]; /* a preloaded t's file: device, inode, size, mtime (ns) */
    } *entries;
    size_t n, cap;
    rg_context *ctx;     /* the allocator of entries */
    rg_context *own;     /* the templates' (a child of ctx), freed with the set */
} rg_templates;

/* Load into set (empty or from earlier calls) the template of every form
 * of docs, each name once, and check that it is for the form's kind
 * (wrong-template); the reports of a template are placed at the first
 * form naming it when they have no place of their own (no such template, a
 * bad name).  archive: also load 'indicator' and 'archive' (the archive's
 * front matter), checked to be of those kinds.  Returns RG_OK, or with
 * diagnostics in ctx RG_ERR_INVALID (a template a form chose by name is
 * missing or for the other kind of form, or any template has mistakes:
 * input errors), RG_ERR_TEMPLATE (a standard one is missing: the
 * installation's) or RG_ERR_NOMEM.  preloaded (or NULL): a set whose
 * templates are used as they are instead of reading the file again
 * (templates_preload), when the file is still the one it was loaded from
 * (same device, inode, size and modification time: one stat). */
rg_status templates_load(rg_context *ctx, const char *dir, const rg_document *const *docs,
                         size_t ndocs, int archive, const rg_templates *preloaded,
                         rg_templates *set);
/* Load into the empty set every template of dir/templates (*.xml) that
 * loads without any report; the others are left to templates_load, which
 * reports their problems where a form names them.  RG_OK or RG_ERR_NOMEM. */
rg_status templates_preload(rg_context *ctx, const char *dir, rg_templates *set);
/* The loaded template named so, or NULL. */
const rg_template *templates_find(const rg_templates *set, const char *name);
void templates_free(rg_templates *set);

/* Load templates/<name>.xml from dir.  Unknown elements, attributes or
 * section ids and bad lengths are errors naming file:line:col.  NULL on
 * error, with *why (when why is not NULL) RG_ERR_TEMPLATE when there is no
 * such template, RG_ERR_INVALID when it (or its name) has mistakes,
 * RG_ERR_NOMEM. */
rg_template *template_load(rg_context *ctx, const char *dir, const char *name, rg_status *why);
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
