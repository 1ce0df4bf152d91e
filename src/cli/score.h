/* score.h - a document's scores as JSON, the one writer of `raingan score
 * --json` (each file's object) and of `raingan serve`'s POST /check. */
#ifndef RG_CLI_SCORE_H
#define RG_CLI_SCORE_H

#include "raingan.h"
#include "util/buf.h"

/* Append d's scores to o as one JSON object: {"file", "round", "decimals",
 * "indicators": [...], "total": {...}, "targets": [...]} (figures exact). */
void cli_score_json(rg_buf *o, const rg_document *d);

#endif
