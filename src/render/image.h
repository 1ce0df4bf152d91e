/* image.h - pictures for the PDF: PNG and JPEG decoded (libpng, libjpeg-
 * turbo), alpha flattened onto white, downsampled to the resolution they
 * are shown at.  No libharu here: the writer wraps the result in an image
 * XObject. */
#ifndef RG_RENDER_IMAGE_H
#define RG_RENDER_IMAGE_H

#include "util/context.h"

#include <stddef.h>

/* Pixels per inch a picture is kept at, at the size it is shown: enough
 * for print (photos at 150 ppi look sharp on paper) while a 12-megapixel
 * phone photo shown 10 cm wide shrinks to some 590 x 440 pixels. */
#define RG_IMAGE_PPI 150

/* A picture ready for an image XObject. */
typedef struct rg_image_data {
    int width, height;    /* pixels */
    int components;       /* 1 DeviceGray, 3 DeviceRGB; 8 bits each */
    int dct;              /* 1: data is a JPEG stream (/DCTDecode); 0: raw samples,
                             rows top to bottom (to deflate) */
    unsigned char *data;  /* len bytes, rg_malloc'd from the context */
    size_t len;
} rg_image_data;

/* Read the PNG or JPEG at path and make it at most max_w x max_h pixels
 * (aspect kept; never enlarged).  A JPEG small enough and cleanly decoded
 * is passed through as it is; a larger one is decoded at the smallest DCT
 * scale still above the target, box-filtered down and encoded again
 * (quality 85).  A PNG is decoded row by row (palette, grey, 16-bit and
 * transparency normalised), its alpha composited onto white (PDF/A-3b
 * allows soft masks, but a flat picture is what a printed form shows), and
 * box-filtered down while it is read, so memory stays that of the output
 * plus one row.  Any damage (a truncated file, a bad checksum, a JPEG
 * libjpeg warns about) is an error.  what names the picture in messages
 * ("picture 'photo.jpg'"); the diagnostic goes to ctx at file:line:col.
 * given (given_len bytes), when not NULL, is the file's content (a file
 * given with the source) and path is not read.
 * Returns 0, or -1 with the error reported. */
int image_load(rg_context *ctx, const char *path, const void *given, size_t given_len, int max_w,
               int max_h, const char *what, const char *file, int line, int col,
               rg_image_data *out);
void image_data_free(rg_context *ctx, rg_image_data *img);

#endif
