/* multipart.c - multipart/form-data (RFC 7578, RFC 2046 section 5.1).
 *
 * The service reads a request body whole (it is bounded in size) before
 * any work, so parsing is a walk over one buffer: find the boundary in the
 * Content-Type, then each "--boundary" line, the part's headers up to the
 * empty line, and the bytes up to CRLF "--boundary".  Parts are not
 * copied.  The reader is strict where leniency would guess (a part without
 * a Content-Disposition, a body without the closing "--boundary--" is an
 * error) and lenient where clients differ harmlessly (a preamble before the
 * first boundary, quoted or bare parameter values, header names in any
 * case). */
#define _GNU_SOURCE
#include "serve/multipart.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

int mp_is_multipart(const char *ctype)
{
    return ctype && !strncasecmp(ctype, "multipart/form-data", 19) &&
           (ctype[19] == ';' || ctype[19] == ' ' || ctype[19] == 0);
}

int mp_safe_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 200 || name[0] == '.')
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' || *p == ':')
            return 0;
    return 1;
}

/* Copy the value of parameter key (e.g. "boundary", "name") from a header
 * value's "; key=value" list into out (size out_size), unquoting "..." with
 * backslash escapes.  Returns 1 found, 0 absent, -1 too long or unclosed. */
static int param(const char *v, const char *vend, const char *key, char *out, size_t out_size)
{
    size_t klen = strlen(key);
    const char *p = v;
    while (p < vend) {
        const char *semi = memchr(p, ';', (size_t)(vend - p));
        if (!semi)
            return 0;
        p = semi + 1;
        while (p < vend && (*p == ' ' || *p == '\t'))
            p++;
        if ((size_t)(vend - p) <= klen || strncasecmp(p, key, klen) || p[klen] != '=')
            continue;
        p += klen + 1;
        size_t n = 0;
        if (p < vend && *p == '"') {
            for (p++; p < vend && *p != '"'; p++) {
                if (*p == '\\' && p + 1 < vend)
                    p++;
                if (n + 1 >= out_size)
                    return -1;
                out[n++] = *p;
            }
            if (p >= vend)
                return -1;
        } else {
            for (; p < vend && *p != ';' && *p != ' ' && *p != '\t'; p++) {
                if (n + 1 >= out_size)
                    return -1;
                out[n++] = *p;
            }
        }
        out[n] = 0;
        return 1;
    }
    return 0;
}

/* Read the headers of one part from p (just after the boundary's CRLF) up
 * to the empty line; fills name and filename.  Returns the first byte of
 * the part's data, or NULL with *err set. */
static const char *part_headers(const char *p, const char *end, mp_part *part, const char **err)
{
    int disposition = 0;
    for (int lines = 0;; lines++) {
        const char *eol = memmem(p, (size_t)(end - p), "\r\n", 2);
        if (!eol || lines > 16 || eol - p > 1024) {
            *err = "a part's headers do not end (or are too long)";
            return NULL;
        }
        if (eol == p) {
            if (!disposition) {
                *err = "a part has no Content-Disposition header";
                return NULL;
            }
            return eol + 2;
        }
        const char *colon = memchr(p, ':', (size_t)(eol - p));
        if (!colon) {
            *err = "a part's header line has no ':'";
            return NULL;
        }
        if (colon - p == 19 && !strncasecmp(p, "Content-Disposition", 19)) {
            const char *v = colon + 1;
            while (v < eol && *v == ' ')
                v++;
            if ((size_t)(eol - v) < 9 || strncasecmp(v, "form-data", 9)) {
                *err = "a part's Content-Disposition is not form-data";
                return NULL;
            }
            if (param(v, eol, "name", part->name, sizeof part->name) < 0 ||
                param(v, eol, "filename", part->filename, sizeof part->filename) < 0) {
                *err = "a part's name or filename is too long or badly quoted";
                return NULL;
            }
            disposition = 1;
        }
        p = eol + 2;
    }
}

int mp_parse(const char *ctype, const char *body, size_t len, mp_part *parts, int max,
             const char **err)
{
    char boundary[80], delim[84];
    if (!mp_is_multipart(ctype)) {
        *err = "the body is not multipart/form-data";
        return -1;
    }
    int found = param(ctype, ctype + strlen(ctype), "boundary", boundary, sizeof boundary);
    if (found <= 0 || !boundary[0]) {
        *err = "the Content-Type has no usable boundary (1 to 70 characters)";
        return -1;
    }
    size_t dlen = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
    const char *end = body + len;
    const char *p;
    /* The first delimiter may open the body (no CRLF before it). */
    if (len >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2))
        p = body + dlen - 2;
    else {
        p = memmem(body, len, delim, dlen);
        if (!p) {
            *err = "the body holds no part (boundary not found)";
            return -1;
        }
        p += dlen;
    }
    int n = 0;
    for (;;) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-')
            break; /* the closing delimiter; an epilogue after it is ignored */
        while (p < end && (*p == ' ' || *p == '\t'))
            p++; /* transport padding */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
            *err = "a boundary line is not followed by CRLF";
            return -1;
        }
        p += 2;
        if (n == max) {
            *err = "too many parts";
            return -1;
        }
        mp_part *part = &parts[n];
        memset(part, 0, sizeof *part);
        const char *data = part_headers(p, end, part, err);
        if (!data)
            return -1;
        const char *next = memmem(data, (size_t)(end - data), delim, dlen);
        if (!next) {
            *err = "a part does not end with the boundary (truncated body?)";
            return -1;
        }
        part->data = data;
        part->len = (size_t)(next - data);
        n++;
        p = next + dlen;
    }
    if (n == 0) {
        *err = "the body holds no part";
        return -1;
    }
    return n;
}
