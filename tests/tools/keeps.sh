#!/usr/bin/env bash
# keeps.sh - page-break control where each thing lands (keepcheck.py):
# conclusion lines stay with their target tables, the calculation table's
# working with the table's last row, headings, lead-ins,
# section labels and summary group rows are never the last line of a page;
# <page-break/>, keep="together" and keep="with-next" do what they say, and
# a kept block taller than a page warns at its file:line:col.
set -u
RAINGAN=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1700000000
python3 "$SRC/tests/tools/keepcheck.py" "$RAINGAN" "$TMP"
