/* units.h - raingan's one length unit, shared by every stage that measures:
 * the millipoint (1/1000 pt) as an int32_t. */
#ifndef RG_UTIL_UNITS_H
#define RG_UTIL_UNITS_H

#include <stdint.h>

typedef int32_t rg_mpt; /* millipoints */

#define RG_PT(x) ((rg_mpt)((x) * 1000))

#endif
