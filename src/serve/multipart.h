/* multipart.h - a strict multipart/form-data reader (RFC 7578) over a
 * whole request body already in memory. */
#ifndef RG_SERVE_MULTIPART_H
#define RG_SERVE_MULTIPART_H

#include <stddef.h>

enum { MP_NAME_MAX = 256, MP_PARTS_MAX = 64 };

/* One part.  data points into the body given to mp_parse (borrowed). */
typedef struct mp_part {
    char name[MP_NAME_MAX];     /* the form field's name ("" when absent) */
    char filename[MP_NAME_MAX]; /* the file name sent, as sent ("" when none) */
    const char *data;           /* the part's bytes */
    size_t len;                 /* their count */
} mp_part;

/* Split body[0..len) sent with Content-Type ctype into at most max parts.
 * Returns the number of parts (>= 1), or -1 with *err set to a static
 * English sentence: no or bad boundary, a part without headers or without
 * Content-Disposition, a header or name too long, a missing closing
 * delimiter, more than max parts. */
int mp_parse(const char *ctype, const char *body, size_t len, mp_part *parts, int max,
             const char **err);

/* Whether ctype (a Content-Type value, may be NULL) is multipart/form-data. */
int mp_is_multipart(const char *ctype);

/* Whether name is a safe file name to accept from a client: 1..200 bytes,
 * not starting with '.', without '/', '\\', ':' or control characters.  It
 * names a file only in messages and attachments, never on disk. */
int mp_safe_name(const char *name);

#endif
