/* signals.h - SIGINT, SIGTERM and SIGHUP while a command writes: the
 * temporary files this process made in its output folders (named
 * NAME.tmpPID.XXXXXX by util/fileio.c) are removed, then the process ends
 * by the signal as it would have without a handler (status 128 + N in a
 * shell), so no *.tmp* is left behind and an existing output is untouched.
 * A signal that was ignored when the program started (nohup) stays
 * ignored. */
#ifndef RG_CLI_SIGNALS_H
#define RG_CLI_SIGNALS_H

#include "util/fileio.h"

#include <stddef.h>

/* Watch for the signals from now on, cleaning the folders of the n output
 * paths given ("-" and NULL entries are skipped; "x.pdf" is in ".").  Call
 * once, before any thread is started (the engine starts one): the signals
 * are blocked in this thread and so in every thread made after, and a
 * thread of its own waits for them.  Returns 0, -1 if it could not start
 * (then signals act as before). */
int cli_signals_cleanup(const char *const *outputs, size_t n);
/* file_write_atomic, but never after a signal's cleanup has begun (the
 * writer then waits for the end of the process): every whole-buffer write
 * of the commands goes through it. */
rg_status cli_signals_write(rg_context *ctx, const char *path, const void *data, size_t len,
                            const rg_guard *guard);
/* Stop watching (the program's end: main calls it after the command). */
void cli_signals_end(void);

#endif
