/* score.h - a document's scores as JSON, the one writer of `raingan score
 * --json` (each file's object) and of `raingan serve`'s POST /check. */
#ifndef RG_CLI_SCORE_H
#define RG_CLI_SCORE_H

#include "raingan.h"
#include "util/buf.h"

/* Append d's scores to o as one JSON object: {"file", "round", "decimals",
 * "indicators": [...], "total": {...}, "targets": [...]} (figures exact). */
void cli_score_json(rg_buf *o, const rg_document *d);

/* The approval state of d as five fields, in this order: state ("draft",
 * "submitted", "approved"), submitted_by, submitted_on, approved_by,
 * approved_on (dates YYYY-MM-DD as written); NULL for what the source does
 * not say (d NULL: all NULL). */
extern const char *const cli_state_keys[5];
void cli_state_fields(const rg_document *d, const char *out[5]);

/* Append them to o as JSON members, each after a ",": "key":value, null
 * for NULL; spaced: ", " and ": " (batch's summary.json), else "," and ":". */
void cli_state_json(rg_buf *o, const rg_document *d, int spaced);

#endif
