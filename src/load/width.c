/* width.c - column widths (see width.h).
 *
 * Numbers are xsd:decimal (dec_parse: no exponent, no "1e3cm"), as every
 * number of a source; units are converted to points once, here. */
#include "load/width.h"
#include "model/decimal.h"

#include <string.h>

/* A decimal number; 0 and *out set on success. */
static int parse_dec(const char *s, double *out)
{
    rg_dec d;
    if (dec_parse(s, &d) != DEC_OK)
        return -1;
    *out = dec_to_double(d);
    return 0;
}

int width_parse(const char *t, size_t len, rg_width *w)
{
    char tok[64];
    if (len == 0 || len >= sizeof tok)
        return -1;
    memcpy(tok, t, len);
    tok[len] = 0;
    if (!strcmp(tok, "auto")) {
        w->kind = RG_WIDTH_AUTO;
        w->value = 0;
        return 0;
    }
    static const struct { const char *unit; double pt; } units[] = {
        {"cm", 72.0 / 2.54}, {"mm", 72.0 / 25.4}, {"in", 72.0}, {"pt", 1.0}};
    if (tok[len - 1] == '*') {
        tok[len - 1] = 0;
        w->kind = RG_WIDTH_RELATIVE;
        w->value = 1;
        return (!tok[0] || (parse_dec(tok, &w->value) == 0 && w->value > 0)) ? 0 : -1;
    }
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (len > 2 && !strcmp(tok + len - 2, units[i].unit)) {
            tok[len - 2] = 0;
            w->kind = RG_WIDTH_FIXED;
            if (parse_dec(tok, &w->value) || w->value <= 0)
                return -1;
            w->value *= units[i].pt;
            return 0;
        }
    }
    return -1;
}

size_t widths_count(const char *s)
{
    size_t n = 0;
    for (const char *p = s; p && *p;) {
        p += strspn(p, " ");
        if (!*p)
            break;
        n++;
        p += strcspn(p, " ");
    }
    return n;
}

long widths_parse(const char *s, rg_width *out, size_t max, size_t *bad_off, size_t *bad_len)
{
    size_t n = 0;
    for (const char *p = s; p && *p;) {
        p += strspn(p, " ");
        if (!*p)
            break;
        size_t len = strcspn(p, " ");
        rg_width w;
        if (width_parse(p, len, &w)) {
            *bad_off = (size_t)(p - s);
            *bad_len = len;
            return -1;
        }
        if (n < max)
            out[n] = w;
        n++;
        p += len;
    }
    return (long)n;
}
