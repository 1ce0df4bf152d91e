/* model.h - the in-memory report: plain data the layout walks without libxml2.
 *
 * A document owns one arena; every node, string and array of the tree lives
 * in it and is released by rg_document_free in one call.  Nothing here
 * points back into libxml2.  All strings are UTF-8 and NUL-terminated.
 *
 * Every node records where it came from (rg_pos, 1-based line and column in
 * code points; the file name is rg_document.file) so later stages can point
 * diagnostics back at the source.
 *
 * Resolution done at load time, so consumers never repeat it:
 *   - inline whitespace is collapsed HTML-style;
 *   - <date>/<num> become TEXT with the effective digits;
 *   - <li>/<td>/<th> holding inline content directly get one paragraph;
 *   - list labels, weighted scores, target levels and the conclusion line
 *     are computed, each with its display string in the effective digits. */
#ifndef RG_MODEL_MODEL_H
#define RG_MODEL_MODEL_H

#include "model/decimal.h"
#include "model/score.h"
#include "util/arena.h"
#include "util/buf.h"

/* A source position: 1-based line and column (column counts Unicode code
 * points from the start of the line).  0 means unknown. */
typedef struct rg_pos {
    int line; /* 1-based line, 0 if unknown */
    int col;  /* 1-based column in code points, 0 if unknown */
} rg_pos;

/* Which numerals raingan uses for the text it generates. */
typedef enum rg_digits { RG_DIGITS_ARABIC = 0, RG_DIGITS_THAI = 1 } rg_digits;

/* ==== inline content ==================================================== */

/* Style flags of a TEXT run; combined with |. */
enum { RG_STYLE_BOLD = 1, RG_STYLE_ITALIC = 2, RG_STYLE_UNDERLINE = 4 };

typedef enum rg_inline_kind {
    RG_INLINE_TEXT,  /* a run of text in one style */
    RG_INLINE_BREAK, /* <br/>: a forced line break */
    RG_INLINE_FRAC   /* <frac>: a stacked fraction */
} rg_inline_kind;

typedef struct rg_inline rg_inline;

/* A sequence of inline items.  Invariant: no TEXT item is empty, adjacent
 * TEXT items differ in style or href, no item starts or ends the sequence
 * with a space, and no run holds two spaces in a row. */
typedef struct rg_inlines {
    rg_inline *items; /* count items, in the arena; NULL when count is 0 */
    size_t count;     /* number of items; 0 for empty content */
} rg_inlines;

/* One inline item. */
struct rg_inline {
    rg_inline_kind kind; /* which of the fields below are meaningful */
    rg_pos pos;          /* the element (or, for text, the enclosing element) */
    const char *text;    /* TEXT: the run, whitespace collapsed; else NULL */
    unsigned style;      /* TEXT: RG_STYLE_* flags in effect */
    const char *href;    /* TEXT: link target of an enclosing <a>, or NULL */
    rg_inlines num;      /* FRAC: numerator */
    rg_inlines den;      /* FRAC: denominator */
};

/* ==== blocks ============================================================ */

typedef enum rg_block_kind {
    RG_BLOCK_PARA,    /* <p>, or inline content given directly in li/td/th */
    RG_BLOCK_LIST,    /* <ol> or <ul> */
    RG_BLOCK_TABLE,   /* <table> */
    RG_BLOCK_TARGETS, /* <targets> */
    RG_BLOCK_FORMULA, /* <formula> */
    RG_BLOCK_FIGURE,  /* <figure>: a picture with its caption */
    RG_BLOCK_EVIDENCE,/* <evidence><item>: one numbered evidence item */
    RG_BLOCK_PAGE_BREAK /* <page-break/>: what follows starts a new page */
} rg_block_kind;

/* keep="..." of a block (docs/format.md "Page breaks"). */
typedef enum rg_keep {
    RG_KEEP_NONE = 0,
    RG_KEEP_TOGETHER, /* not split across pages, unless taller than a page */
    RG_KEEP_WITH_NEXT /* no page break between the block and the next */
} rg_keep;

typedef struct rg_block rg_block;

/* A sequence of blocks (the BLOCKS of format.md). */
typedef struct rg_blocks {
    rg_block *items; /* count blocks in the arena; NULL when count is 0 */
    size_t count;    /* number of blocks */
} rg_blocks;

/* A paragraph. */
typedef struct rg_para {
    int align;         /* an rg_align value, or -1: the template's default */
    int indent_first;  /* 1: indent="first-line" */
    rg_inlines inl;    /* the content */
} rg_para;

/* How an <ol>/<ul> numbers its items. */
typedef enum rg_numbering {
    RG_NUM_DEFAULT,           /* <ol> without numbering: "1." in effective digits */
    RG_NUM_ARABIC,            /* "1." */
    RG_NUM_THAI,              /* "๑." */
    RG_NUM_NONE,              /* no label */
    RG_NUM_PAREN_THAI,        /* "(๑)" */
    RG_NUM_PAREN_ARABIC,      /* "(1)" */
    RG_NUM_DOT_ARABIC,        /* "1." (synonym of arabic) */
    RG_NUM_CLOSE_PAREN_THAI,  /* "๑)" */
    RG_NUM_CLOSE_PAREN_ARABIC,/* "1)" */
    RG_NUM_OUTLINE,           /* "3.11.1": parent item's number + "." + n */
    RG_NUM_MARKER             /* <ul>: the marker string */
} rg_numbering;

/* One list item. */
typedef struct rg_list_item {
    rg_pos pos;         /* the <li> */
    const char *label;  /* printed label ("1.", "๑.", "(๑)", "3.11.1", "-"); "" for none */
    rg_blocks blocks;   /* the content (inline content became one paragraph) */
} rg_list_item;

/* <ol> or <ul>. */
typedef struct rg_list {
    int ordered;            /* 1 for <ol>, 0 for <ul> */
    rg_numbering numbering; /* the style the labels were made with */
    const char *marker;     /* <ul>: "-", "•" or "" (none); NULL for <ol> */
    long start;             /* <ol>: first number (default 1) */
    rg_list_item *items;    /* count items */
    size_t count;           /* at least 1 */
} rg_list;

/* One column's width specification from widths="...". */
typedef enum rg_width_kind {
    RG_WIDTH_AUTO,     /* sized from content */
    RG_WIDTH_FIXED,    /* value is in points (cm, mm, in and pt converted) */
    RG_WIDTH_RELATIVE  /* value is the share ("3*" is 3) */
} rg_width_kind;

typedef struct rg_width {
    rg_width_kind kind; /* how to read value */
    double value;       /* points for FIXED, share for RELATIVE, 0 for AUTO */
} rg_width;

/* One table cell.  Spans are at least 1. */
typedef struct rg_cell {
    rg_pos pos;       /* the <td>/<th> */
    int header;       /* 1 for <th> */
    int colspan;      /* columns covered, >= 1 */
    int rowspan;      /* rows covered, >= 1 */
    int align;        /* RG_ALIGN_LEFT/CENTER/RIGHT, or -1: default */
    int valign;       /* 0 top, 1 middle, 2 bottom, or -1: default */
    rg_blocks blocks; /* the content; inline content became one paragraph */
} rg_cell;

typedef struct rg_row {
    rg_pos pos;      /* the <tr> */
    rg_cell *cells;  /* count cells, in source order */
    size_t count;    /* at least 1 */
} rg_row;

typedef struct rg_table {
    rg_width *widths;   /* nwidths column specs; NULL when widths is absent */
    size_t nwidths;     /* 0 when not given: the layout decides */
    int header_rows;    /* leading rows repeated on each page; default 0 */
    int align;          /* RG_ALIGN_LEFT/CENTER/RIGHT, or -1: default */
    double width_pct;   /* width="80%" gives 80; 0 when not given */
    rg_row *rows;       /* nrows rows */
    size_t nrows;       /* at least 1 */
} rg_table;

/* Target levels, in order; NONE means below basic. */
typedef enum rg_target_level {
    RG_TARGET_UNKNOWN = -1, /* not stated / not computable */
    RG_TARGET_NONE = 0,
    RG_TARGET_BASIC = 1,
    RG_TARGET_STANDARD = 2,
    RG_TARGET_ADVANCED = 3
} rg_target_level;

/* One of basic/standard/advanced. */
typedef struct rg_target {
    rg_pos pos;                 /* the element */
    double points;              /* points="75" */
    const char *points_text;    /* points in the effective digits ("๗๕") */
    int has_threshold;          /* 1: threshold is numeric, content is empty */
    double threshold;           /* the numeric threshold */
    const char *threshold_text; /* threshold as written, effective digits; NULL if none */
    rg_inlines content;         /* non-numeric threshold (inline content) */
} rg_target;

typedef struct rg_targets {
    const char *caption;          /* caption="..." or NULL (template default) */
    rg_target level[3];           /* [0] basic, [1] standard, [2] advanced */
    rg_dec points[3];             /* level[i].points exactly */
    rg_dec thresholds[3];         /* level[i].threshold exactly, when has_threshold */
    int has_value;                /* 1: value="..." was given */
    double value;                 /* the numeric result */
    rg_dec value_dec;             /* the same, exactly */
    rg_method method;             /* method="": DISCRETE (default), INTERPOLATED, RATIO,
                                     STATED (score= as given) or NONE */
    int has_method;               /* 1: method= was written */
    int has_score;                /* 1: score="..." (the agency's own figure) was given */
    rg_dec stated_score;          /* score= as given */
    const char *stated_score_text;/* score= in effective digits */
    int override;                 /* override="true": print the stated score */
    rg_dec below;                 /* floor="": the score under basic (default 0) */
    int scored;                   /* 1: score below is meaningful */
    rg_dec score;                 /* the score printed (computed, or stated when it overrides) */
    const char *score_text;       /* score in effective digits (points as written for a
                                     discrete level, all decimals for a computed one) */
    const char *working;          /* e.g. "384.58 / 401.70 × 100 = 95.7381": the formula,
                                     effective digits (layout adds the document's rounding in
                                     the template's words); NULL when there is nothing to show */
    const char *working_plain;    /* the formula alone with ASCII digits (for the API; the
                                     rounding is rg_document_rounding's), or NULL */
    const char *value_text;       /* value in effective digits, or NULL */
    int higher_is_better;         /* 0 when higher-is-better="false" */
    rg_target_level stated;       /* stated="...", or UNKNOWN */
    rg_target_level computed;     /* from value and thresholds, or UNKNOWN */
    rg_target_level reached;      /* the one printed: computed, else stated */
    rg_target_level concluded;    /* the level the conclusion line names: reached, or the
                                     lowest that applies when below every one (the template
                                     words it: at-target, below-target); UNKNOWN: no line */
    const char *concluded_points; /* the figure it gives: the score, else the level's points */
} rg_targets;

/* ==== what makes a report official: files, pictures, evidence, sign-off,
 * approval state (docs/format.md "Sign-off, state, evidence and pictures") */

typedef enum rg_image_format { RG_IMAGE_NONE = 0, RG_IMAGE_PNG, RG_IMAGE_JPEG } rg_image_format;

/* A file a source names (an evidence file, a picture, a signature),
 * checked at load: it exists, is a regular readable file, and its real
 * path (symlinks resolved) lies inside the files root.  One rg_file per
 * distinct real path of a document, shared by every reference. */
typedef struct rg_file {
    rg_pos pos;              /* the first reference */
    const char *written;     /* the path as the source wrote it */
    const char *path;        /* the real path (absolute, symlinks resolved); for a file
                                given with the source, "<given>/" and its name */
    const void *data;        /* a file given with the source: its bytes (borrowed from
                                rg_load_options.files, size of them); NULL: on disk */
    const char *name;        /* the last component of written */
    const char *mime;        /* MIME type from the file name ("application/pdf") */
    long long size;          /* bytes, at load time */
    rg_image_format format;  /* PNG or JPEG when the file is a picture; else NONE */
    int width, height;       /* picture: pixels */
    int components;          /* picture: 1 grey, 3 colour (alpha already counted out) */
} rg_file;

/* <figure>: a picture block. */
typedef struct rg_figure {
    const rg_file *file;   /* the picture (format PNG or JPEG), in the arena */
    rg_width width;        /* FIXED (points), RELATIVE (percent of the column) or AUTO */
    int align;             /* RG_ALIGN_LEFT/CENTER/RIGHT; default center */
    rg_inlines caption;    /* empty when absent */
} rg_figure;

/* <evidence><item>: หลักฐานอ้างอิง ข้อ n. */
typedef struct rg_evidence_item {
    long number;           /* the item's number, >= 1, unique in its indicator */
    const char *label;     /* "n." in the effective digits */
    rg_inlines title;      /* what the evidence is */
    const char *title_text;/* the title as plain text (outline entries), never NULL */
    const rg_file *file;   /* the attached file, or NULL */
} rg_evidence_item;

/* One sign-off block (ผู้รายงาน, ผู้รับรองข้อมูล, ...). */
typedef struct rg_sign {
    rg_pos pos;              /* the <sign> */
    const char *role;        /* role id, matched against the template's roles */
    const char *name;        /* whitespace-collapsed; "" when the source left it empty */
    const char *position;    /* or NULL */
    const char *date_text;   /* Thai long date (พ.ศ.), effective digits; NULL if none */
    const rg_file *signature;/* signature picture, or NULL */
} rg_sign;

/* <signoff>: the blocks of one form or of the whole report. */
typedef struct rg_signoff {
    rg_pos pos;      /* the <signoff>; line 0 when absent */
    rg_sign *signs;  /* count blocks in source order */
    size_t count;    /* 0 when absent */
} rg_signoff;

/* Approval state of a report. */
typedef enum rg_state {
    RG_STATE_NONE = 0,   /* no <status>: not stated (printed as final) */
    RG_STATE_DRAFT,      /* ร่าง: marked on every page, refused by archive */
    RG_STATE_SUBMITTED,  /* sent to the supervisor */
    RG_STATE_APPROVED    /* approved */
} rg_state;

typedef struct rg_status_info {
    rg_pos pos;                /* the <status>; line 0 when absent */
    rg_state state;
    const char *submitted_by;  /* or NULL */
    const char *submitted_on;  /* YYYY-MM-DD as written, or NULL */
    const char *approved_by;   /* or NULL */
    const char *approved_on;   /* YYYY-MM-DD as written, or NULL */
} rg_status_info;

/* The English name of a state ("draft"), "" for NONE. */
const char *model_state_name(rg_state s);

/* A block.  kind selects the member of the union. */
struct rg_block {
    rg_block_kind kind; /* which union member is valid */
    rg_pos pos;         /* the element (for direct inline content: the container) */
    rg_digits digits;   /* effective digits inside this block */
    rg_keep keep;       /* keep="..."; NONE when absent */
    union {
        rg_para para;         /* PARA */
        rg_list list;         /* LIST */
        rg_table table;       /* TABLE */
        rg_targets targets;   /* TARGETS */
        rg_inlines formula;   /* FORMULA */
        rg_figure figure;     /* FIGURE */
        rg_evidence_item evidence; /* EVIDENCE */
    } u;
};

/* ==== per-indicator form ================================================ */

typedef struct rg_person {
    rg_pos pos;            /* the <person> */
    const char *name;      /* whitespace-collapsed */
    const char *position;  /* or NULL */
    const char **phones;   /* nphones strings */
    size_t nphones;        /* may be 0 */
} rg_person;

/* One row of the calculation table.  The double fields mirror the exact
 * rg_dec ones for callers that only print; every computation uses rg_dec. */
typedef struct rg_calc_row {
    rg_pos pos;                /* the <row> */
    double weight;             /* percent, 0..100 */
    double score;              /* 0..5: the score printed */
    double weighted;           /* computed weight * score / 100 */
    int has_stated_weighted;   /* 1: weighted="..." was given */
    double stated_weighted;    /* as given */
    rg_dec weight_dec;         /* weight, exactly */
    rg_dec score_dec;          /* the score printed, exactly (rounded to the document's places) */
    rg_dec weighted_dec;       /* weight × score / 100 at the document's places */
    rg_dec stated_weighted_dec;/* weighted= exactly */
    rg_method method;          /* method=""; STATED when absent */
    int has_score;             /* 1: score="..." was given */
    rg_dec stated_score;       /* score= as given */
    int has_value;             /* 1: value="..." (the indicator's result) was given */
    int bad_number;            /* 1: value= or thresholds= is present but not decimals
                                  (the loader reported it; the method is not tried) */
    rg_dec value;              /* value= */
    int nthresholds;           /* numbers in thresholds="..." (5 needed by five-level) */
    rg_dec thresholds[5];      /* thresholds= v1..v5 */
    int lower;                 /* higher-is-better="false" */
    rg_dec below;              /* floor="": the score under v1 (default 0) */
    int override;              /* override="true": print the stated score */
    int has_self;              /* 1: self-score="..." (ประเมินตนเอง) was given */
    rg_dec self_score;         /* self-score= */
    const char *self_text;     /* self-score in effective digits, or NULL */
    int scored;                /* 0: method none, or the score could not be computed */
    const char *working;       /* how the score was reached (as the targets' working: the
                                  formula alone), effective digits, or NULL */
    const char *working_plain; /* the formula alone with ASCII digits (for the API), or NULL */
    const char *weight_text;   /* the weight as every output prints it (model_weight_str),
                                  effective digits */
    const char *score_text;
    const char *weighted_text; /* the computed value, at most 4 decimals */
    rg_inlines label;          /* first column */
    rg_inlines result;         /* ผลการดำเนินงาน */
    int has_score_display;     /* 1: <score-text> was given */
    rg_inlines score_display;  /* how ค่าคะแนนที่ได้ is shown, when given */
} rg_calc_row;

/* Why an indicator's form notes it is left out of the round's total. */
typedef enum rg_note {
    RG_NOTE_NONE = 0,
    RG_NOTE_CANCELLED, /* status="cancelled": the others' weights are renormalised */
    RG_NOTE_LATE,      /* from-round after the document's round */
    RG_NOTE_UNSCORED   /* method="none": no score */
} rg_note;

typedef struct rg_indicator rg_indicator;
struct rg_indicator {
    rg_pos pos;                   /* the <indicator> */
    const char *number;           /* as printed, e.g. "1.1" */
    double weight;                /* percent */
    const char *weight_text;      /* the weight in the document's round as every output
                                     prints it (model_weight_str), effective digits */
    const char *weight_plain;     /* the same with ASCII digits (score output, the archive
                                     in its own digits) */
    const char *template_name;    /* default "indicator" */
    int rounds[3];                /* round checkboxes, e.g. {6, 12} */
    size_t nrounds;               /* 1..3 (duplicates allowed as written) */
    rg_digits digits;             /* effective digits */
    rg_inlines name;              /* indicator name */
    const char *name_text;        /* the name as plain text (for the API) */
    rg_person *supervisors;       /* nsupervisors >= 1 */
    size_t nsupervisors;
    rg_person *collectors;        /* may be 0 */
    size_t ncollectors;
    rg_inlines collectors_note;   /* <collectors><note>, empty when absent */
    rg_blocks description;        /* empty when absent */
    const char *criteria_caption; /* NULL: template default */
    rg_inlines criteria[5];       /* criteria[i] is level i+1 */
    int achieved;                 /* 1..5, 0 when <achieved> is absent */
    double score_top;             /* the top of its scoring scale: 5, or the highest points=
                                     of its form's target tables (scored by target levels) */
    const char *calc_note;        /* calculation note="..." or NULL */
    rg_calc_row *rows;            /* nrows >= 1 */
    size_t nrows;
    double weighted;              /* sum of the rows' weighted scores */
    const char *weighted_text;    /* display, effective digits */
    rg_dec weight_dec;            /* the weight in the document's round (weights= or weight=) */
    rg_dec weighted_dec;          /* sum of the rows' weighted scores, exactly */
    rg_dec score_dec;             /* the indicator's score: Σ(row weight × row score) / Σ row
                                     weights rounded once (one row: its score) */
    const char *score_text;       /* score_dec in effective digits (trimmed) */
    int has_round_weight[3];      /* weights="6:20 9:25 12:30": [0] 6, [1] 9, [2] 12 months */
    rg_dec round_weight[3];
    int status;                   /* RG_STATUS_*: status="" and from-round="" */
    int from_round;               /* from-round="9": first round it is reported in; 0 none */
    int counted;                  /* 1: counted in the round's totals */
    const char *parent;           /* parent="1.2": a sub-indicator; its weight is its share
                                     (percent) of the parent's score; NULL for a top one */
    struct rg_indicator *parent_ind; /* the indicator numbered parent, or NULL */
    int nchildren;                /* sub-indicators naming this one as parent */
    int scored;                   /* 1: every row has a score */
    rg_note note;                 /* the form's note under the calculation table: why the
                                     indicator is left out of the total (the template words it) */
    int note_self;                /* 1: the note gives the self-assessed score beside the
                                     verified one (rows[0]'s self_score and score_text) */
    rg_blocks explanation;        /* the five free-text sections, empty when absent */
    rg_blocks supporting;
    rg_blocks obstacles;
    rg_blocks suggestions;
    rg_blocks evidence;           /* blocks and numbered items (RG_BLOCK_EVIDENCE) */
    rg_evidence_item **items;     /* the numbered items of evidence, in order */
    size_t nitems;
    rg_signoff signoff;           /* the form's sign-off blocks; count 0 when absent */
};

/* ==== summary table ===================================================== */

typedef enum rg_summary_row_kind {
    RG_SUMMARY_ITEM,  /* an indicator row */
    RG_SUMMARY_GROUP  /* a group heading; the items of the group follow it */
} rg_summary_row_kind;

/* One row of a summary table, groups flattened: a GROUP row is followed by
 * its items, which have in_group set. */
typedef struct rg_summary_row {
    rg_summary_row_kind kind; /* ITEM or GROUP */
    rg_pos pos;               /* the <item> or <group> */
    int in_group;             /* ITEM: 1 when inside a <group> */
    const char *number;       /* as printed, e.g. "๔.๑" */
    rg_inlines name;          /* the indicator or group name */
    rg_blocks result;         /* ITEM: ผลการดำเนินงาน */
    rg_blocks problems;       /* ITEM: ปัญหา/อุปสรรค, empty when absent */
} rg_summary_row;

typedef struct rg_summary {
    rg_pos pos;                /* the <summary> */
    const char *template_name; /* default "summary" */
    rg_digits digits;          /* effective digits */
    rg_inlines title;
    int has_subtitle;          /* 0: the layout derives it from <meta> */
    rg_inlines subtitle;
    rg_summary_row *rows;      /* nrows >= 1 */
    size_t nrows;
} rg_summary;

/* ==== document ========================================================== */

typedef enum rg_part_kind { RG_PART_INDICATOR, RG_PART_SUMMARY } rg_part_kind;

/* One form of the report, in document order. */
typedef struct rg_part {
    rg_part_kind kind;       /* which pointer is set */
    rg_indicator *indicator; /* INDICATOR, in the arena */
    rg_summary *summary;     /* SUMMARY, in the arena */
} rg_part;

/* Whether an indicator counts in the round (rg_indicator.status). */
enum {
    RG_STATUS_ACTIVE = 0,    /* counted */
    RG_STATUS_CANCELLED = 1, /* status="cancelled" (ยกเลิก): left out, the rest renormalised */
    RG_STATUS_LATE = 2       /* from-round later than the document's round: left out */
};

/* The totals of a set of indicators in one round (score_total). */
typedef struct rg_total {
    rg_dec weight;          /* Σ weights of the counted indicators */
    rg_dec weighted;        /* Σ their weighted scores */
    rg_dec score;           /* Σ weighted × 100 / Σ weight (renormalised), when has_score */
    int has_score;          /* 0: nothing counted (all cancelled, or no weight) */
    size_t counted;         /* indicators counted */
    size_t left_out;        /* cancelled, late or unscored indicators left out */
} rg_total;

/* A target table of a summary item, for the score listings. */
typedef struct rg_scored_target {
    const char *number;        /* the <item> number as printed */
    const rg_targets *targets; /* in the document */
} rg_scored_target;

/* The report.  Owns its arena; everything reachable is inside it. */
/* Indexes of rg_document.meta_pos. */
enum { RG_META_AGENCY, RG_META_DEPARTMENT, RG_META_YEAR, RG_META_ROUND };

struct rg_document {
    rg_arena arena;            /* owns every node and string below */
    const char *file;          /* source name for diagnostics */
    rg_pos pos;                /* the <report> element */
    rg_digits digits;          /* report-level digits */
    int complete;              /* complete="true": weights must sum to 100 */
    rg_rounding rounding;      /* decimals="" and rounding="": how every computed score,
                                  weighted score, subtotal and total is rounded (default
                                  4 places, half-up) */
    rg_total total;            /* the round's totals over all indicators (model_check) */
    rg_scored_target *targets; /* every summary item's target tables, in order (model_check) */
    size_t ntargets;
    const char *agency;        /* meta */
    const char *department;    /* or NULL */
    int fiscal_year;           /* Buddhist era, e.g. 2562 */
    int round;                 /* 6, 9 or 12 */
    const char *title;         /* or NULL */
    rg_pos meta_pos[4];        /* where agency, department, fiscal year and round are
                                  (RG_META_*; <meta> itself for one absent) */
    int has_date;              /* 1: <meta><date> given */
    int year, month, day;      /* the report date (Gregorian) */
    const char *date_text;     /* Thai long date, report digits; NULL if none */
    rg_part *parts;            /* nparts forms, in order */
    size_t nparts;
    rg_indicator **indicators; /* the indicator parts only, in order */
    size_t nindicators;
    rg_summary **summaries;    /* the summary parts only, in order */
    size_t nsummaries;
    rg_status_info status;     /* <meta><status>; state NONE when absent */
    rg_signoff signoff;        /* the whole report's sign-off; count 0 when absent */
    rg_file **files;           /* every distinct file the source names, in order */
    size_t nfiles;
};

/* ==== helpers shared by the loader and the checks ======================= */

/* Append s (len bytes) to b, converting ASCII digits to Thai ones when
 * digits is RG_DIGITS_THAI; other bytes are copied. */
void model_put_digits(rg_buf *b, const char *s, size_t len, rg_digits digits);

/* An arena copy of s with digits converted as above.  NULL in, NULL out. */
char *model_digits_dup(rg_arena *a, const char *s, rg_digits digits);

/* Format v with at most `decimals` decimals, trailing zeros and a trailing
 * point removed (1.5000 -> "1.5", 30 -> "30"), into the arena with the
 * given digits.  Negative zero prints as "0". */
char *model_format_number(rg_arena *a, double v, int decimals, rg_digits digits);

/* A decimal in the given digits into the arena, rounded by r (the
 * document's places and mode); trim drops trailing fraction zeros
 * ("1.5000" -> "1.5").  The one place where scores and totals become
 * text, for every stage. */
char *model_dec_text(rg_arena *a, rg_dec v, rg_rounding r, int trim, rg_digits digits);

/* The one rule for printing a weight, in every output (forms, archive,
 * `raingan score`, the API, batch summaries): the decimals the agency
 * wrote, nothing else: "30" stays "30", "12.50" stays "12.50" (the form
 * keeps looking like the agency's form), a sign or leading zeros go
 * ("+030" -> "30"); a sum keeps the most decimals of its terms (30 +
 * 12.50 = "42.50").  ASCII digits into out (>= 64 bytes); returns out. */
char *model_weight_str(rg_dec w, char *out, size_t size);

/* model_weight_str in the given digits, into the arena. */
char *model_weight_text(rg_arena *a, rg_dec w, rg_digits digits);

/* Totals of inds[0..n-1] (e.g. one department's indicators, or a whole
 * archive) in the round their documents give: Σ weight and Σ weighted
 * score of those counted, and the renormalised score, rounded by r.
 * Indicators cancelled, not yet started or without a score are left out
 * (counted in left_out).  Never fails; an empty set gives has_score 0. */
void model_total(const rg_indicator *const *inds, size_t n, rg_rounding r, rg_total *out);

/* ==== score sheet: several sources by department (sheet.c) ============ */

/* One department of a sheet: the sources naming it, their indicators and
 * their subtotal. */
typedef struct rg_score_group {
    const char *name;               /* the <department>, or the agency for sources naming none */
    const rg_document **docs;       /* ndocs sources, in the order given */
    size_t *idx;                    /* their indexes in the list given */
    size_t ndocs;
    const rg_indicator *const *inds;/* ninds indicators of those sources, in order */
    size_t ninds;
    rg_total total;                 /* the department's subtotal (model_total) */
} rg_score_group;

/* The scores of several sources of one agency (the archive's summary). */
typedef struct rg_score_sheet {
    rg_rounding rounding;             /* the first source's: subtotals and the total */
    rg_score_group *groups;           /* ngroups departments, in order of first appearance */
    size_t ngroups;
    const rg_indicator *const *all;   /* nall indicators, department by department */
    size_t nall;
    rg_total total;                   /* the agency's total over all of them */
} rg_score_sheet;

/* Group docs[0..n-1] by department and total them (the arena holds every
 * array).  agency names the group of sources naming neither a department
 * nor an agency.  0, or -1 when out of memory (out is then unusable). */
int model_score_sheet(rg_arena *a, const rg_document *const *docs, size_t n, const char *agency,
                      rg_score_sheet *out);

/* Days in a Gregorian month, 0 for a month outside 1..12. */
int model_days_in_month(int year, int month);

/* Parse "YYYY-MM-DD" into y/m/d.  Returns 0 when the form and calendar
 * are valid, -1 otherwise (the outputs are then unspecified). */
int model_parse_date(const char *s, int *y, int *m, int *d);

/* The Thai long date "5 กุมภาพันธ์ 2562" (Buddhist era) into the arena. */
char *model_thai_date(rg_arena *a, int y, int m, int d, rg_digits digits);

/* Semantic checks and computed fields (docs/format.md): weighted scores,
 * indicator totals, target levels and conclusions, duplicate numbers,
 * level and weight-sum agreement.  Reports into ctx against doc->file.
 * Returns the number of errors reported (warnings are not counted). */
int model_check(rg_context *ctx, rg_document *doc);

/* A digest of doc (model/digest.c): a new document holding only what an
 * archive's front matter reads (meta, approval state; per indicator its
 * number, name, weight, scores, status, parent and evidence items with
 * their files; parts with their kind, position and template), copied, so
 * doc may be freed.  Not a report: it must not be laid out.  Free with
 * rg_document_free; NULL when out of memory (ctx->out_of_memory set). */
rg_document *model_digest(rg_context *ctx, const rg_document *doc);

/* Write a deterministic, indented text dump of the whole document to out
 * (appending).  Positions are printed as @line:col. */
void model_dump(const rg_document *doc, rg_buf *out);

#endif
