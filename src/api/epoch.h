/* epoch.h - the one place the output date is decided. */
#ifndef RG_API_EPOCH_H
#define RG_API_EPOCH_H

/* The date (Unix seconds) an output is stamped with: given when >= 0,
 * else SOURCE_DATE_EPOCH when set and not empty (reproducible builds),
 * else the clock.  *from_clock (when not NULL) is set to 1 when the clock
 * was read, so a caller can keep the clock out of anything that must be
 * reproducible (the archive's /ID).  Read once per output by api/, which
 * hands the result to the renderer. */
long long api_epoch(long long given, int *from_clock);

#endif
