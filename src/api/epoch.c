/* epoch.c - api_epoch (see epoch.h).  The renderer never reads the
 * environment or the clock itself: an output's every date (Info, XMP,
 * embedded files' ModDate) comes from the one value resolved here. */
#include "api/epoch.h"

#include <stdlib.h>
#include <time.h>

long long api_epoch(long long given, int *from_clock)
{
    if (from_clock)
        *from_clock = 0;
    if (given >= 0)
        return given;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        return atoll(sde);
    if (from_clock)
        *from_clock = 1;
    return (long long)time(NULL);
}
