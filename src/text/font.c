/* font.c - loading fonts once and sharing them read-only.
 *
 * Design: shaping uses HarfBuzz's built-in OpenType functions on an
 * hb_font_t that is made immutable after creation, so any number of threads
 * can shape with it.  FreeType is used at load time to read the per-glyph
 * tables the PDF writer needs (advances, glyph names -> natural characters,
 * font descriptor metrics) and later, under a per-font mutex, for outlines.
 * The file's bytes stay in memory for hb-subset.
 *
 * Natural characters: the cmap is inverted (first character wins, lowest
 * code point preferred), then every glyph without a cmap entry is looked up
 * by the base of its name ("uni0E48.small" -> "uni0E48" -> U+0E48,
 * "yoYingthai.less" -> glyph "yoYingthai" -> its character).  The PDF
 * writer uses this only to align glyphs with their cluster's text; the text
 * it extracts always comes from the source, never from this table.
 *
 * The dotted circle: a Thai mark without a base is shown on U+25CC (◌),
 * as HarfBuzz and Word show it.  A font without that glyph (Sarabun) gets
 * a virtual one, numbered one past its last glyph: the size and advance of
 * its อ, twelve round dots, answered by font_advance, font_ink,
 * font_natural_char and font_outline_pdf (it is always drawn as a path,
 * never subset). */
#define _POSIX_C_SOURCE 200809L
#include "text/font.h"
#include "util/fileio.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include FT_TRUETYPE_TABLES_H
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

struct rg_font {
    atomic_int refs;            /* owners; freed at zero */
    rg_context *ctx;            /* allocator the font was made with (outlives it) */
    char *path;                 /* file it came from */
    char *psname;               /* PostScript name, never NULL */
    unsigned char *data;        /* file bytes: mapped, or read into memory */
    size_t len;                 /* their length */
    int mapped;                 /* data is an mmap of the file */
    hb_blob_t *blob;            /* wraps data */
    hb_face_t *face;            /* HarfBuzz face */
    hb_font_t *font;            /* immutable, scale = upem */
    unsigned upem;              /* units per em */
    unsigned nglyphs;           /* glyphs in the font */
    int ascender, descender;    /* font units; descender negative */
    int line_gap;               /* font units, >= 0, from the same table */
    int cap_height;             /* font units */
    int italic_angle;           /* degrees, rounded */
    int bold;                   /* usWeightClass >= 600 */
    int bbox[4];                /* head table bbox */
    uint32_t circle;            /* glyph of U+25CC: the font's, or nglyphs (virtual) */
    int circle_adv;             /* the virtual circle's advance, font units */
    int circle_box[4];          /* its ink box (xmin, ymin, xmax, ymax) */
    uint32_t *natural;          /* nglyphs characters, 0 = unknown; filled on first use */
    int16_t (*ink)[4];          /* nglyphs ink boxes (xmin, ymin, xmax, ymax), font units;
                                   filled on first use */
    atomic_int ink_ready;       /* ink is filled (set under ft_lock) */
    atomic_int natural_ready;   /* natural is filled (set under ft_lock) */
    pthread_mutex_t ft_lock;    /* guards ft_lib/ft_face after load */
    FT_Library ft_lib;          /* private FreeType instance */
    FT_Face ft_face;            /* for outlines */
    char *family;               /* family name (name table), never NULL */
    rg_font *next;              /* kept: the font tried next for a character this one
                                   lacks (a family's companion), or NULL; set before
                                   the font is shared (font_set_next) */
};

static void font_destroy(rg_font *f)
{
    if (!f)
        return;
    rg_context *ctx = f->ctx;
    if (f->font)
        hb_font_destroy(f->font);
    if (f->face)
        hb_face_destroy(f->face);
    if (f->blob)
        hb_blob_destroy(f->blob);
    if (f->ft_face)
        FT_Done_Face(f->ft_face);
    if (f->ft_lib)
        FT_Done_FreeType(f->ft_lib);
    pthread_mutex_destroy(&f->ft_lock);
    rg_free(ctx, f->natural);
    rg_free(ctx, f->ink);
    if (f->mapped)
        munmap(f->data, f->len);
    else
        rg_free(ctx, f->data);
    font_drop(f->next);
    rg_free(ctx, f->path);
    rg_free(ctx, f->psname);
    rg_free(ctx, f->family);
    rg_free(ctx, f);
}

/* Fill natural[] from the cmap and, for unmapped glyphs, from glyph names. */
static void compute_natural(rg_font *f)
{
    FT_UInt gi;
    FT_ULong cp = FT_Get_First_Char(f->ft_face, &gi);
    while (gi != 0) {
        if (gi < f->nglyphs && (f->natural[gi] == 0 || cp < f->natural[gi]))
            f->natural[gi] = (uint32_t)cp;
        cp = FT_Get_Next_Char(f->ft_face, cp, &gi);
    }
    if (!FT_HAS_GLYPH_NAMES(f->ft_face))
        return;
    /* Names through HarfBuzz, not FreeType: FT_Get_Name_Index scans every
     * glyph name per call, which made this loop quadratic (a third of a
     * cold start); HarfBuzz's post/CFF accelerator sorts the names once
     * and answers by binary search.  Both read the same tables. */
    for (unsigned g = 1; g < f->nglyphs; g++) {
        if (f->natural[g])
            continue;
        char name[128];
        if (!hb_font_get_glyph_name(f->font, g, name, sizeof name))
            continue;
        char *dot = strchr(name, '.');
        if (dot)
            *dot = 0;
        char *us = strchr(name, '_'); /* ligature names: take the first part */
        if (us)
            *us = 0;
        unsigned long u = 0;
        if (!strncmp(name, "uni", 3) && strlen(name) == 7 && sscanf(name + 3, "%lx", &u) == 1) {
            f->natural[g] = (uint32_t)u;
            continue;
        }
        hb_codepoint_t base = 0;
        if (hb_font_get_glyph_from_name(f->font, name, -1, &base) && base && base < f->nglyphs &&
            base != g)
            f->natural[g] = f->natural[base];
    }
}

/* The line metrics, as the font's maker asks applications to use them:
 * OS/2 typo ascender, descender and line gap when fsSelection's
 * USE_TYPO_METRICS bit (7) says so, else hhea's (what Windows' GDI-era
 * fonts and LibreOffice and browsers on Linux use: TH Sarabun New's typo
 * metrics span only 1.0 em, its hhea 1.94 em), else OS/2 win, else typo.
 * The line gap comes from the same table as the ascender. */
static void choose_metrics(rg_font *f, const TT_OS2 *os2, const TT_HoriHeader *hhea)
{
    int has_os2 = os2 && os2->version != 0xFFFF;
    if (has_os2 && (os2->fsSelection & 0x80) && os2->sTypoAscender > 0) {
        f->ascender = os2->sTypoAscender;
        f->descender = os2->sTypoDescender;
        f->line_gap = os2->sTypoLineGap;
    } else if (hhea && hhea->Ascender > 0) {
        f->ascender = hhea->Ascender;
        f->descender = hhea->Descender;
        f->line_gap = hhea->Line_Gap;
    } else if (has_os2 && os2->usWinAscent > 0) {
        f->ascender = os2->usWinAscent;
        f->descender = -(int)os2->usWinDescent;
        f->line_gap = 0;
    } else if (has_os2 && os2->sTypoAscender > 0) {
        f->ascender = os2->sTypoAscender;
        f->descender = os2->sTypoDescender;
        f->line_gap = os2->sTypoLineGap;
    } else {
        f->ascender = f->ft_face->ascender;
        f->descender = f->ft_face->descender;
        f->line_gap = 0;
    }
    if (f->descender > 0) /* some old fonts store it positive */
        f->descender = -f->descender;
    if (f->line_gap < 0 || f->line_gap > 4 * (int)f->upem)
        f->line_gap = 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Every table the directory lists must lie inside the file: FreeType and
 * HarfBuzz read a truncated font without complaint and draw every glyph
 * whose outline is past the end as nothing (a PDF of blank text).  A
 * collection (ttcf) is checked through its first font's directory. */
static int check_tables(rg_context *ctx, rg_font *f)
{
    const unsigned char *d = f->data;
    size_t len = f->len, dir = 0;
    if (len >= 16 && !memcmp(d, "ttcf", 4))
        dir = be32(d + 12);
    if (dir > len || len - dir < 12)
        goto short_file;
    unsigned n = (unsigned)d[dir + 4] << 8 | d[dir + 5];
    if ((len - dir - 12) / 16 < n)
        goto short_file;
    int glyphs = 0;
    for (unsigned i = 0; i < n; i++) {
        const unsigned char *r = d + dir + 12 + 16 * (size_t)i;
        uint64_t off = be32(r + 8), tlen = be32(r + 12);
        if (off + tlen > len) {
            rg_diag(ctx, RG_ERROR, "font-corrupt", f->path, 0, 0,
                    "the file is truncated or damaged: copy it again",
                    "table '%.4s' ends at byte %llu but the file has %zu bytes", (const char *)r,
                    (unsigned long long)(off + tlen), len);
            return -1;
        }
        glyphs += !memcmp(r, "glyf", 4) || !memcmp(r, "CFF ", 4) || !memcmp(r, "CFF2", 4);
    }
    if (glyphs)
        return 0;
    rg_diag(ctx, RG_ERROR, "font-corrupt", f->path, 0, 0, "use a TrueType or OpenType font",
            "the font has no glyph outlines (no glyf or CFF table)");
    return -1;
short_file:
    rg_diag(ctx, RG_ERROR, "font-corrupt", f->path, 0, 0,
            "the file is truncated or damaged: copy it again",
            "the table directory does not fit in the file (%zu bytes)", len);
    return -1;
}

/* The dotted circle: the font's own glyph for U+25CC, else the virtual
 * one, as big as the font's อ (or, without Thai, 0.5 em square on the
 * baseline) and as wide. */
static void choose_circle(rg_font *f)
{
    hb_codepoint_t g;
    if (hb_font_get_nominal_glyph(f->font, 0x25CC, &g) && g) {
        f->circle = g;
        return;
    }
    f->circle = f->nglyphs;
    hb_glyph_extents_t e;
    int u = (int)f->upem;
    if (hb_font_get_nominal_glyph(f->font, 0x0E2D, &g) && g &&
        hb_font_get_glyph_extents(f->font, g, &e) && e.width > 0 && e.height < 0) {
        f->circle_adv = (int)hb_font_get_glyph_h_advance(f->font, g);
        f->circle_box[0] = e.x_bearing;
        f->circle_box[1] = e.y_bearing + e.height;
        f->circle_box[2] = e.x_bearing + e.width;
        f->circle_box[3] = e.y_bearing;
    } else {
        f->circle_adv = u * 6 / 10;
        f->circle_box[0] = u / 20;
        f->circle_box[1] = 0;
        f->circle_box[2] = u * 11 / 20;
        f->circle_box[3] = u / 2;
    }
}

rg_font *font_load(rg_context *ctx, const char *path)
{
    rg_font *f = rg_calloc(ctx, 1, sizeof *f);
    if (!f)
        return NULL;
    atomic_init(&f->refs, 1);
    atomic_init(&f->natural_ready, 0);
    atomic_init(&f->ink_ready, 0);
    f->ctx = ctx;
    pthread_mutex_init(&f->ft_lock, NULL);
    f->path = rg_strdup(ctx, path);

    /* The file is mapped, as FreeType and HarfBuzz map fonts themselves:
     * only the tables in use are paged in (a cold start read all 1.1 MB
     * of the five fonts into fresh memory, 4 ms of page faults).  A file
     * that cannot be mapped (a pipe) is read. */
    if (file_is_named_pipe(path)) {
        rg_diag(ctx, RG_ERROR, "font-missing", path, 0, 0, "give the font file itself",
                "is a named pipe (FIFO), not a font file");
        font_destroy(f);
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        rg_diag(ctx, RG_ERROR, "font-missing", path, 0, 0,
                "install the fonts (cmake --install) or pass --font; a --data-dir folder needs "
                "fonts/, data/ and templates/ (copy the installed one, then change it)",
                "cannot open font file");
        if (fd >= 0)
            close(fd);
        font_destroy(f);
        return NULL;
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size < (64L << 20)) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            f->data = m;
            f->len = (size_t)st.st_size;
            f->mapped = 1;
        }
    }
    if (!f->mapped && !S_ISDIR(st.st_mode)) {
        size_t cap = 0, n = 0;
        for (;;) {
            if (n == cap && (cap >= (64u << 20) ||
                             rg_grow(ctx, (void **)&f->data, &cap, n + 65536, 1)))
                break;
            ssize_t r = read(fd, f->data + n, cap - n);
            if (r <= 0)
                break;
            n += (size_t)r;
        }
        f->len = n;
    }
    close(fd);
    if (!f->len || FT_Init_FreeType(&f->ft_lib) ||
        FT_New_Memory_Face(f->ft_lib, f->data, (FT_Long)f->len, 0, &f->ft_face) ||
        !FT_IS_SFNT(f->ft_face) || !FT_IS_SCALABLE(f->ft_face)) {
        rg_diag(ctx, RG_ERROR, "font-corrupt", path, 0, 0, NULL,
                "not a usable TrueType/OpenType font");
        font_destroy(f);
        return NULL;
    }
    if (check_tables(ctx, f)) {
        font_destroy(f);
        return NULL;
    }
    f->blob = hb_blob_create((const char *)f->data, (unsigned)f->len, HB_MEMORY_MODE_READONLY,
                             NULL, NULL);
    f->face = hb_face_create(f->blob, 0);
    hb_face_make_immutable(f->face);
    f->upem = hb_face_get_upem(f->face);
    f->nglyphs = hb_face_get_glyph_count(f->face);
    f->font = hb_font_create(f->face);
    hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
    hb_font_make_immutable(f->font);
    if (f->nglyphs == 0 || f->upem == 0) {
        rg_diag(ctx, RG_ERROR, "font-corrupt", path, 0, 0, NULL, "font has no glyphs");
        font_destroy(f);
        return NULL;
    }

    const char *ps = FT_Get_Postscript_Name(f->ft_face);
    f->psname = rg_strdup(ctx, ps ? ps : "Unnamed");
    f->family = rg_strdup(ctx, f->ft_face->family_name ? f->ft_face->family_name : "");
    if (!f->psname || !f->family) {
        font_destroy(f);
        return NULL;
    }
    TT_OS2 *os2 = FT_Get_Sfnt_Table(f->ft_face, FT_SFNT_OS2);
    TT_HoriHeader *hhea = FT_Get_Sfnt_Table(f->ft_face, FT_SFNT_HHEA);
    TT_Postscript *post = FT_Get_Sfnt_Table(f->ft_face, FT_SFNT_POST);
    choose_metrics(f, os2, hhea);
    if (os2 && os2->version != 0xFFFF) {
        f->cap_height = os2->version >= 2 ? os2->sCapHeight : 0;
        f->bold = os2->usWeightClass >= 600;
    }
    if (!f->cap_height)
        f->cap_height = f->ascender * 7 / 10;
    if (post)
        f->italic_angle = (int)(post->italicAngle / 65536);
    f->bbox[0] = (int)f->ft_face->bbox.xMin;
    f->bbox[1] = (int)f->ft_face->bbox.yMin;
    f->bbox[2] = (int)f->ft_face->bbox.xMax;
    f->bbox[3] = (int)f->ft_face->bbox.yMax;

    f->natural = rg_calloc(ctx, f->nglyphs, sizeof *f->natural);
    f->ink = rg_calloc(ctx, f->nglyphs, sizeof *f->ink);
    if (!f->natural || !f->ink) {
        font_destroy(f);
        return NULL;
    }
    choose_circle(f);
    /* natural[] is filled when the PDF writer first asks (font_natural_char):
     * for DejaVu's 6,000 glyph names that is most of loading the font,
     * and the fallback font is seldom drawn at all. */
    return f;
}

rg_font *font_keep(rg_font *f)
{
    if (f)
        atomic_fetch_add(&f->refs, 1);
    return f;
}

void font_drop(rg_font *f)
{
    if (f && atomic_fetch_sub(&f->refs, 1) == 1)
        font_destroy(f);
}

hb_font_t *font_hb(const rg_font *f) { return f->font; }
hb_face_t *font_hb_face(const rg_font *f) { return f->face; }
unsigned font_upem(const rg_font *f) { return f->upem; }
unsigned font_glyph_count(const rg_font *f) { return f->nglyphs; }
const char *font_path(const rg_font *f) { return f->path; }
const char *font_postscript_name(const rg_font *f) { return f->psname; }
const char *font_family(const rg_font *f) { return f->family; }
rg_font *font_next(const rg_font *f) { return f->next; }

void font_set_next(rg_font *f, rg_font *next)
{
    while (f->next)
        f = f->next;
    f->next = next;
}
int font_ascender(const rg_font *f) { return f->ascender; }
int font_descender(const rg_font *f) { return f->descender; }
int font_line_gap(const rg_font *f) { return f->line_gap; }
int font_cap_height(const rg_font *f) { return f->cap_height; }
int font_italic_angle(const rg_font *f) { return f->italic_angle; }
int font_is_bold(const rg_font *f) { return f->bold; }
void font_bbox(const rg_font *f, int bbox[4]) { memcpy(bbox, f->bbox, sizeof f->bbox); }

/* Straight from hmtx through HarfBuzz (the writer asks once per glyph it
 * encodes; a table of every glyph's advance cost a millisecond per font
 * load, mostly for DejaVu glyphs never drawn). */
int font_advance(const rg_font *f, uint32_t gid)
{
    if (gid == f->circle && gid == f->nglyphs)
        return f->circle_adv;
    return gid < f->nglyphs ? (int)hb_font_get_glyph_h_advance(f->font, gid) : 0;
}

uint32_t font_dotted_circle(const rg_font *f) { return f->circle; }

int font_circle_is_virtual(const rg_font *f) { return f->circle == f->nglyphs; }

uint32_t font_natural_char(const rg_font *f, uint32_t gid)
{
    if (!atomic_load_explicit(&f->natural_ready, memory_order_acquire)) {
        rg_font *mf = (rg_font *)f; /* filling a cache: the font stays logically const */
        pthread_mutex_lock(&mf->ft_lock);
        if (!atomic_load_explicit(&mf->natural_ready, memory_order_relaxed)) {
            compute_natural(mf);
            atomic_store_explicit(&mf->natural_ready, 1, memory_order_release);
        }
        pthread_mutex_unlock(&mf->ft_lock);
    }
    if (gid == f->circle && gid == f->nglyphs)
        return 0x25CC;
    return gid < f->nglyphs ? f->natural[gid] : 0;
}

static int16_t clamp16(int v) { return (int16_t)(v < -32768 ? -32768 : v > 32767 ? 32767 : v); }

/* Ink boxes of every glyph at once, the first time one is asked for: a
 * Thai font has a few hundred glyphs, and HarfBuzz reads them from glyf or
 * CFF without hinting. */
void font_ink(const rg_font *f, uint32_t gid, int box[4])
{
    if (!atomic_load_explicit(&f->ink_ready, memory_order_acquire)) {
        rg_font *mf = (rg_font *)f; /* filling a cache: the font stays logically const */
        pthread_mutex_lock(&mf->ft_lock);
        if (!atomic_load_explicit(&mf->ink_ready, memory_order_relaxed)) {
            for (unsigned g = 0; g < mf->nglyphs; g++) {
                hb_glyph_extents_t e;
                if (!hb_font_get_glyph_extents(mf->font, g, &e) || !e.width || !e.height)
                    continue; /* no ink: all zero */
                mf->ink[g][0] = clamp16(e.x_bearing);
                mf->ink[g][1] = clamp16(e.y_bearing + e.height);
                mf->ink[g][2] = clamp16(e.x_bearing + e.width);
                mf->ink[g][3] = clamp16(e.y_bearing);
            }
            atomic_store_explicit(&mf->ink_ready, 1, memory_order_release);
        }
        pthread_mutex_unlock(&mf->ft_lock);
    }
    for (int i = 0; i < 4; i++)
        box[i] = gid < f->nglyphs ? f->ink[gid][i] : gid == f->circle ? f->circle_box[i] : 0;
}

int font_has_char(const rg_font *f, uint32_t cp)
{
    hb_codepoint_t g;
    return hb_font_get_nominal_glyph(f->font, cp, &g) && g != 0;
}

const unsigned char *font_data(const rg_font *f, size_t *len)
{
    *len = f->len;
    return f->data;
}

/* ---- outlines as PDF paths ---------------------------------------------- */

typedef struct outline_sink {
    rg_buf *out;      /* where operators go */
    double scale;     /* PDF units per font unit */
    double x, y;      /* origin */
    FT_Vector last;   /* current point, for conic -> cubic */
    int open;         /* a subpath is open */
} outline_sink;

static void pt(outline_sink *s, const FT_Vector *v)
{
    buf_put_dec3(s->out, s->x + v->x * s->scale);
    buf_putc(s->out, ' ');
    buf_put_dec3(s->out, s->y + v->y * s->scale);
    buf_putc(s->out, ' ');
}

static int on_move(const FT_Vector *to, void *user)
{
    outline_sink *s = user;
    if (s->open)
        buf_puts(s->out, "h ");
    pt(s, to);
    buf_puts(s->out, "m ");
    s->last = *to;
    s->open = 1;
    return 0;
}

static int on_line(const FT_Vector *to, void *user)
{
    outline_sink *s = user;
    pt(s, to);
    buf_puts(s->out, "l ");
    s->last = *to;
    return 0;
}

static int on_conic(const FT_Vector *c, const FT_Vector *to, void *user)
{
    /* Quadratic -> cubic: control points at 2/3 of the way to c. */
    outline_sink *s = user;
    FT_Vector c1 = {s->last.x + 2 * (c->x - s->last.x) / 3, s->last.y + 2 * (c->y - s->last.y) / 3};
    FT_Vector c2 = {to->x + 2 * (c->x - to->x) / 3, to->y + 2 * (c->y - to->y) / 3};
    pt(s, &c1);
    pt(s, &c2);
    pt(s, to);
    buf_puts(s->out, "c ");
    s->last = *to;
    return 0;
}

static int on_cubic(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user)
{
    outline_sink *s = user;
    pt(s, c1);
    pt(s, c2);
    pt(s, to);
    buf_puts(s->out, "c ");
    s->last = *to;
    return 0;
}

/* The virtual dotted circle: twelve dots on a circle filling the box. */
static void circle_pdf(const rg_font *f, double scale, double x, double y, rg_buf *out)
{
    const int *b = f->circle_box;
    double cx = (b[0] + b[2]) / 2.0, cy = (b[1] + b[3]) / 2.0;
    double w = b[2] - b[0], h = b[3] - b[1];
    double r = (w < h ? w : h) * 0.45, d = r * 0.12, k = d * 0.5523;
    for (int i = 0; i < 12; i++) {
        double a = i * 3.14159265358979 / 6;
        double px = x + (cx + r * cos(a)) * scale, py = y + (cy + r * sin(a)) * scale;
        double rd = d * scale, rk = k * scale;
        /* A dot: four Bezier quarters, counter-clockwise from its right. */
        double pts[13][2] = {{px + rd, py},      {px + rd, py + rk}, {px + rk, py + rd},
                             {px, py + rd},      {px - rk, py + rd}, {px - rd, py + rk},
                             {px - rd, py},      {px - rd, py - rk}, {px - rk, py - rd},
                             {px, py - rd},      {px + rk, py - rd}, {px + rd, py - rk},
                             {px + rd, py}};
        for (int j = 0; j < 13; j++) {
            buf_put_dec3(out, pts[j][0]);
            buf_putc(out, ' ');
            buf_put_dec3(out, pts[j][1]);
            buf_puts(out, j == 0 ? " m " : j % 3 == 0 ? " c " : " ");
        }
        buf_puts(out, "h ");
    }
}

int font_outline_pdf(rg_font *f, uint32_t gid, double scale, double x, double y, rg_buf *out)
{
    static const FT_Outline_Funcs funcs = {on_move, on_line, on_conic, on_cubic, 0, 0};
    int rc = -1;
    if (gid == f->circle && gid == f->nglyphs) {
        circle_pdf(f, scale, x, y, out);
        return out->failed ? -1 : 0;
    }
    pthread_mutex_lock(&f->ft_lock);
    if (!FT_Load_Glyph(f->ft_face, gid, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) &&
        f->ft_face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
        outline_sink s = {out, scale, x, y, {0, 0}, 0};
        if (!FT_Outline_Decompose(&f->ft_face->glyph->outline, &funcs, &s)) {
            if (s.open)
                buf_puts(out, "h ");
            rc = 0;
        }
    }
    pthread_mutex_unlock(&f->ft_lock);
    return rc;
}
