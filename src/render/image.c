/* image.c - PNG and JPEG pictures for the PDF (see image.h).
 *
 * Memory: the file is read whole (at most 32 MiB, checked at load), then
 * decoded a row at a time into a box filter that accumulates each output
 * row's sums, so a 48-megapixel photo shown 10 cm wide needs its file,
 * one decoded row and the small output, never its 144 MB of pixels.  A
 * JPEG is decoded at the smallest DCT scale (1/8, 1/4, 1/2) that still
 * gives at least the output's pixels, which is also most of the speed.
 * Interlaced PNGs cannot be read a row at a time; they are decoded whole
 * and are limited to RG_IMAGE_INTERLACED_PIXELS.
 *
 * Errors: libpng and libjpeg report failures by longjmp from their error
 * callbacks; that is confined to this file, each decoder's state lives in
 * a struct set up before setjmp, and every path frees what it made.  A
 * libjpeg warning (premature end of data, corrupt entropy data) means a
 * damaged picture that would print grey bands: it is an error here.
 *
 * Alpha: composited onto white (c * a + 255 * (255 - a)) / 255, so the
 * archive has no transparency for PDF/A-3b to check and the page looks as
 * printed on white paper. */
#define _POSIX_C_SOURCE 200809L
#include "render/image.h"
#include "util/fileio.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

/* Largest interlaced PNG decoded (whole, 4 bytes a pixel at most). */
#define RG_IMAGE_INTERLACED_PIXELS 16000000
/* Largest picture file read (load.h's RG_MAX_FILE_SIZE: it was checked). */
#define IMAGE_MAX_FILE ((size_t)32 << 20)

/* ---- the box filter ------------------------------------------------------------------ */

/* Area-average downsampling fed one input row at a time.  Output row oy
 * collects input rows y with y * out_h / in_h == oy, column ox the input
 * columns x with x * out_w / in_w == ox (out_w <= in_w, out_h <= in_h, so
 * every output pixel has at least one input pixel). */
typedef struct shrink {
    int in_w, in_h, out_w, out_h, comps;
    uint64_t *sum;        /* out_w * comps sums of the current output row */
    int *cols;            /* input columns of each output column */
    int *colmap;          /* output column of each input column */
    int rows;             /* input rows in sum */
    int cur;              /* the output row being summed */
    unsigned char *out;   /* out_w * out_h * comps */
} shrink;

static void shrink_free(rg_context *ctx, shrink *s)
{
    rg_free(ctx, s->sum);
    rg_free(ctx, s->cols);
    rg_free(ctx, s->colmap);
    rg_free(ctx, s->out);
    memset(s, 0, sizeof *s);
}

static int shrink_init(rg_context *ctx, shrink *s, int in_w, int in_h, int out_w, int out_h,
                       int comps)
{
    memset(s, 0, sizeof *s);
    *s = (shrink){in_w, in_h, out_w, out_h, comps, NULL, NULL, NULL, 0, 0, NULL};
    s->sum = rg_calloc(ctx, (size_t)out_w * comps, sizeof *s->sum);
    s->cols = rg_calloc(ctx, (size_t)out_w, sizeof *s->cols);
    s->colmap = rg_malloc(ctx, (size_t)in_w * sizeof *s->colmap);
    s->out = rg_malloc(ctx, (size_t)out_w * out_h * comps);
    if (!s->sum || !s->cols || !s->colmap || !s->out) {
        shrink_free(ctx, s);
        return -1;
    }
    for (int x = 0; x < in_w; x++) {
        s->colmap[x] = (int)((int64_t)x * out_w / in_w);
        s->cols[s->colmap[x]]++;
    }
    return 0;
}

/* Write the current output row from its sums and clear them. */
static void shrink_emit(shrink *s)
{
    if (!s->rows)
        return;
    unsigned char *o = s->out + (size_t)s->cur * s->out_w * s->comps;
    for (int ox = 0; ox < s->out_w; ox++) {
        uint64_t n = (uint64_t)s->cols[ox] * s->rows;
        for (int k = 0; k < s->comps; k++) {
            uint64_t *v = &s->sum[(size_t)ox * s->comps + k];
            o[(size_t)ox * s->comps + k] = (unsigned char)((*v + n / 2) / n);
            *v = 0;
        }
    }
    s->rows = 0;
}

/* Add input row y (in_w * comps samples). */
static void shrink_row(shrink *s, int y, const unsigned char *row)
{
    int oy = (int)((int64_t)y * s->out_h / s->in_h);
    if (oy != s->cur) {
        shrink_emit(s);
        s->cur = oy;
    }
    for (int x = 0; x < s->in_w; x++) {
        uint64_t *d = &s->sum[(size_t)s->colmap[x] * s->comps];
        for (int k = 0; k < s->comps; k++)
            d[k] += row[(size_t)x * s->comps + k];
    }
    s->rows++;
}

/* The output size of a w x h picture fitted into max_w x max_h. */
static void fit(int w, int h, int max_w, int max_h, int *ow, int *oh)
{
    double k = 1.0;
    if (max_w > 0 && w > max_w)
        k = (double)max_w / w;
    if (max_h > 0 && h * k > max_h)
        k = (double)max_h / h;
    *ow = k >= 1.0 ? w : (int)(w * k + 0.5);
    *oh = k >= 1.0 ? h : (int)(h * k + 0.5);
    if (*ow < 1)
        *ow = 1;
    if (*oh < 1)
        *oh = 1;
}

/* ---- JPEG --------------------------------------------------------------------------- */

typedef struct jerr {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
    char msg[JMSG_LENGTH_MAX];
    int warned;           /* a warning was met: the data is damaged */
} jerr;

static void j_error_exit(j_common_ptr c)
{
    jerr *e = (jerr *)c->err;
    (*c->err->format_message)(c, e->msg);
    longjmp(e->jb, 1);
}

static void j_emit(j_common_ptr c, int level)
{
    jerr *e = (jerr *)c->err;
    if (level < 0 && !e->warned) {
        (*c->err->format_message)(c, e->msg);
        e->warned = 1;
    }
}

/* State of one JPEG job, outside the setjmp frame's locals. */
typedef struct jjob {
    struct jpeg_decompress_struct d;
    struct jpeg_compress_struct c;
    int d_made, c_made;
    unsigned char *row;
    shrink s;
    unsigned char *enc;   /* libjpeg's output buffer (malloc'd by it) */
    unsigned long enc_len;
} jjob;

static int load_jpeg(rg_context *ctx, char *data, size_t len, int max_w, int max_h,
                     rg_image_data *out, char *msg, size_t msgsize)
{
    jjob *j = rg_calloc(ctx, 1, sizeof *j);
    jerr *e = rg_calloc(ctx, 1, sizeof *e);
    int rc = -1;
    if (!j || !e) {
        snprintf(msg, msgsize, "out of memory");
        goto done;
    }
    j->d.err = jpeg_std_error(&e->pub);
    e->pub.error_exit = j_error_exit;
    e->pub.emit_message = j_emit;
    if (setjmp(e->jb)) {
        snprintf(msg, msgsize, "%s", e->msg);
        goto done;
    }
    jpeg_create_decompress(&j->d);
    j->d_made = 1;
    jpeg_mem_src(&j->d, (const unsigned char *)data, (unsigned long)len);
    jpeg_read_header(&j->d, TRUE);
    int comps = j->d.num_components;
    if (comps != 1 && comps != 3) {
        snprintf(msg, msgsize, "it has %d colour components (CMYK?); save it as RGB", comps);
        goto done;
    }
    int w = (int)j->d.image_width, h = (int)j->d.image_height, ow, oh;
    fit(w, h, max_w, max_h, &ow, &oh);
    int keep = ow == w && oh == h;
    /* The smallest scale still giving the output's pixels; a JPEG kept as
     * it is only needs checking, which 1/8 does as well as 1/1. */
    int denom = 8;
    while (denom > 1 && !keep && ((w + denom - 1) / denom < ow || (h + denom - 1) / denom < oh))
        denom /= 2;
    j->d.scale_num = 1;
    j->d.scale_denom = (unsigned)denom;
    j->d.out_color_space = comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(&j->d);
    int dw = (int)j->d.output_width, dh = (int)j->d.output_height;
    j->row = rg_malloc(ctx, (size_t)dw * comps);
    if (!j->row || (!keep && shrink_init(ctx, &j->s, dw, dh, ow < dw ? ow : dw,
                                         oh < dh ? oh : dh, comps))) {
        snprintf(msg, msgsize, "out of memory");
        goto done;
    }
    while (j->d.output_scanline < j->d.output_height) {
        int y = (int)j->d.output_scanline;
        JSAMPROW rp = j->row;
        if (jpeg_read_scanlines(&j->d, &rp, 1) != 1)
            break;
        if (!keep)
            shrink_row(&j->s, y, j->row);
    }
    jpeg_finish_decompress(&j->d);
    if (e->warned) {
        snprintf(msg, msgsize, "%s", e->msg);
        goto done;
    }
    if (keep) { /* the file itself: already a JPEG at the size wanted */
        *out = (rg_image_data){w, h, comps, 1, (unsigned char *)data, len};
        rc = 1;
        goto done;
    }
    shrink_emit(&j->s);
    j->c.err = &e->pub;
    jpeg_create_compress(&j->c);
    j->c_made = 1;
    jpeg_mem_dest(&j->c, &j->enc, &j->enc_len);
    j->c.image_width = (JDIMENSION)j->s.out_w;
    j->c.image_height = (JDIMENSION)j->s.out_h;
    j->c.input_components = comps;
    j->c.in_color_space = comps == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&j->c);
    jpeg_set_quality(&j->c, 85, TRUE);
    jpeg_start_compress(&j->c, TRUE);
    while (j->c.next_scanline < j->c.image_height) {
        JSAMPROW rp = j->s.out + (size_t)j->c.next_scanline * j->s.out_w * comps;
        jpeg_write_scanlines(&j->c, &rp, 1);
    }
    jpeg_finish_compress(&j->c);
    unsigned char *copy = rg_malloc(ctx, j->enc_len ? j->enc_len : 1);
    if (!copy) {
        snprintf(msg, msgsize, "out of memory");
        goto done;
    }
    memcpy(copy, j->enc, j->enc_len);
    *out = (rg_image_data){j->s.out_w, j->s.out_h, comps, 1, copy, j->enc_len};
    rc = 0;
done:
    if (j) {
        if (j->d_made)
            jpeg_destroy_decompress(&j->d);
        if (j->c_made)
            jpeg_destroy_compress(&j->c);
        free(j->enc);
        rg_free(ctx, j->row);
        shrink_free(ctx, &j->s);
    }
    rg_free(ctx, j);
    rg_free(ctx, e);
    return rc;
}

/* ---- PNG ---------------------------------------------------------------------------- */

typedef struct pjob {
    const unsigned char *data;
    size_t len, pos;
    char msg[256];
    png_structp png;
    png_infop info;
    unsigned char *row;   /* one decoded row, or the whole image when interlaced */
    unsigned char *flat;  /* one row with alpha composited */
    shrink s;
} pjob;

static void p_read(png_structp png, png_bytep to, size_t n)
{
    pjob *p = png_get_io_ptr(png);
    if (n > p->len - p->pos)
        png_error(png, "the file ends early (truncated)");
    memcpy(to, p->data + p->pos, n);
    p->pos += n;
}

static void p_error(png_structp png, png_const_charp m)
{
    pjob *p = png_get_error_ptr(png);
    snprintf(p->msg, sizeof p->msg, "%s", m);
    png_longjmp(png, 1);
}

static void p_warning(png_structp png, png_const_charp m)
{
    (void)png;
    (void)m; /* colour profiles and text chunks: nothing the picture needs */
}

/* Composite row (w pixels of ch channels, alpha last when ch is 2 or 4)
 * onto white into out (ch - alpha channels). */
static void flatten(const unsigned char *row, int w, int ch, unsigned char *out)
{
    int alpha = ch == 2 || ch == 4, oc = alpha ? ch - 1 : ch;
    for (int x = 0; x < w; x++) {
        const unsigned char *px = row + (size_t)x * ch;
        unsigned a = alpha ? px[ch - 1] : 255;
        for (int k = 0; k < oc; k++)
            out[(size_t)x * oc + k] = (unsigned char)((px[k] * a + 255 * (255 - a) + 127) / 255);
    }
}

static int load_png(rg_context *ctx, const char *data, size_t len, int max_w, int max_h,
                    rg_image_data *out, char *msg, size_t msgsize)
{
    pjob *p = rg_calloc(ctx, 1, sizeof *p);
    int rc = -1;
    if (!p) {
        snprintf(msg, msgsize, "out of memory");
        return -1;
    }
    p->data = (const unsigned char *)data;
    p->len = len;
    p->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, p, p_error, p_warning);
    p->info = p->png ? png_create_info_struct(p->png) : NULL;
    if (!p->info) {
        snprintf(msg, msgsize, "out of memory");
        goto done;
    }
    if (setjmp(png_jmpbuf(p->png))) {
        snprintf(msg, msgsize, "%s", p->msg[0] ? p->msg : "damaged data");
        goto done;
    }
    png_set_read_fn(p->png, p, p_read);
    png_read_info(p->png, p->info);
    png_uint_32 w, h;
    int depth, type, interlace;
    png_get_IHDR(p->png, p->info, &w, &h, &depth, &type, &interlace, NULL, NULL);
    if (type == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(p->png);
    if (type == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(p->png);
    if (png_get_valid(p->png, p->info, PNG_INFO_tRNS))
        png_set_tRNS_to_alpha(p->png);
    if (depth == 16)
        png_set_strip_16(p->png);
    int passes = png_set_interlace_handling(p->png);
    png_read_update_info(p->png, p->info);
    int ch = png_get_channels(p->png, p->info);
    int oc = ch == 2 || ch == 4 ? ch - 1 : ch;
    int ow, oh;
    fit((int)w, (int)h, max_w, max_h, &ow, &oh);
    size_t rowbytes = png_get_rowbytes(p->png, p->info);
    if (passes > 1 && (double)w * h > RG_IMAGE_INTERLACED_PIXELS) {
        snprintf(msg, msgsize,
                 "an interlaced PNG of over %d million pixels is not read; save it "
                 "non-interlaced", RG_IMAGE_INTERLACED_PIXELS / 1000000);
        goto done;
    }
    p->row = rg_malloc(ctx, passes > 1 ? rowbytes * h : rowbytes);
    p->flat = rg_malloc(ctx, (size_t)w * oc);
    if (!p->row || !p->flat || shrink_init(ctx, &p->s, (int)w, (int)h, ow, oh, oc)) {
        snprintf(msg, msgsize, "out of memory");
        goto done;
    }
    if (passes > 1) {
        for (int pass = 0; pass < passes; pass++)
            for (png_uint_32 y = 0; y < h; y++)
                png_read_row(p->png, p->row + rowbytes * y, NULL);
        for (png_uint_32 y = 0; y < h; y++) {
            flatten(p->row + rowbytes * y, (int)w, ch, p->flat);
            shrink_row(&p->s, (int)y, p->flat);
        }
    } else {
        for (png_uint_32 y = 0; y < h; y++) {
            png_read_row(p->png, p->row, NULL);
            flatten(p->row, (int)w, ch, p->flat);
            shrink_row(&p->s, (int)y, p->flat);
        }
    }
    png_read_end(p->png, NULL);
    shrink_emit(&p->s);
    *out = (rg_image_data){ow, oh, oc, 0, p->s.out, (size_t)ow * oh * oc};
    p->s.out = NULL; /* handed over */
    rc = 0;
done:
    if (p->png)
        png_destroy_read_struct(&p->png, p->info ? &p->info : NULL, NULL);
    rg_free(ctx, p->row);
    rg_free(ctx, p->flat);
    shrink_free(ctx, &p->s);
    rg_free(ctx, p);
    return rc;
}

/* ---- entry ---------------------------------------------------------------------------- */

int image_load(rg_context *ctx, const char *path, const void *given, size_t given_len, int max_w,
               int max_h, const char *what, const char *file, int line, int col,
               rg_image_data *out)
{
    memset(out, 0, sizeof *out);
    char *data = NULL;
    size_t len = 0;
    char msg[JMSG_LENGTH_MAX + 64] = "";
    int rc = -1;
    /* Read errors go to a context of their own: the message must name the
     * source line, not the file's real path. */
    rg_context *quiet = rg_context_new();
    if (quiet)
        rg_context_set_language(quiet, rg_context_language(ctx));
    rg_status st = RG_ERR_NOMEM;
    if (quiet && given) { /* a file given with the source: its bytes, copied */
        data = rg_malloc(quiet, given_len + 1);
        if (data) {
            memcpy(data, given, given_len);
            data[given_len] = 0;
            len = given_len;
            st = RG_OK;
        }
    } else if (quiet) {
        st = file_read_all(quiet, path, IMAGE_MAX_FILE, &data, &len);
    }
    if (st != RG_OK) {
        const rg_diagnostic *d = quiet ? rg_context_diagnostic(quiet, 0) : NULL;
        snprintf(msg, sizeof msg, "%s", d ? d->message : "out of memory");
    } else if (len >= 8 && !memcmp(data, "\x89PNG\r\n\x1a\n", 8)) {
        rc = load_png(ctx, data, len, max_w, max_h, out, msg, sizeof msg);
    } else if (len >= 3 && (unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xD8) {
        /* Copy the bytes into ctx's allocator: a JPEG kept as it is hands
         * them over. */
        char *mine = rg_malloc(ctx, len ? len : 1);
        if (mine) {
            memcpy(mine, data, len);
            rc = load_jpeg(ctx, mine, len, max_w, max_h, out, msg, sizeof msg);
            if (rc == 1)
                rc = 0; /* out->data is mine */
            else
                rg_free(ctx, mine);
        } else {
            snprintf(msg, sizeof msg, "out of memory");
        }
    } else {
        snprintf(msg, sizeof msg, "it is no longer a PNG or JPEG file");
    }
    if (quiet)
        rg_free(quiet, data);
    rg_context_free(quiet);
    if (rc) {
        /* libjpeg's and libpng's messages end without a full stop. */
        rg_diag(ctx, RG_ERROR, "bad-image", file, line, col, NULL, "%s cannot be read: %s", what,
                msg);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

void image_data_free(rg_context *ctx, rg_image_data *img)
{
    if (img) {
        rg_free(ctx, img->data);
        memset(img, 0, sizeof *img);
    }
}
