/* json.h - the one JSON writing helper the summaries and manifests need. */
#ifndef RG_UTIL_JSON_H
#define RG_UTIL_JSON_H

#include "util/buf.h"

/* Append s as a JSON string: quoted, '"' and '\' escaped, control
 * characters as \u00XX, UTF-8 passed through.  NULL is written as null. */
void json_put_string(rg_buf *b, const char *s);

#endif
