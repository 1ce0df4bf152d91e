#!/bin/bash
# justify.sh - how justified Thai reads (bench/justify.py): largest gaps,
# short lines, false spaces in pdftotext / pdftotext -raw / MuPDF, over a
# corpus of Thai paragraphs, 3 measures x 2 modes x 7 fonts.
#   bash bench/justify.sh                       # build/ of this tree
#   RG=/old/raingan DUMP=/old/rg_textdump bash bench/justify.sh   # another build
#   FONTS=Sarabun,Laksaman WIDTHS=120,453 bash bench/justify.sh
# Prints Markdown tables (also $WORK/justify.md).  Several minutes on a busy
# 2-core machine: each of the 42 runs typesets the corpus and reads it
# back with three extractors.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RG=${RG:-$ROOT/build/raingan}
DUMP=${DUMP:-$ROOT/build/tests/rg_textdump}
WORK=${WORK:-$(mktemp -d)}
mkdir -p "$WORK"
export SOURCE_DATE_EPOCH=0
args=()
[ -n "${FONTS:-}" ] && args+=(--fonts "$FONTS")
[ -n "${WIDTHS:-}" ] && args+=(--widths "$WIDTHS")
python3 "$ROOT/bench/justify.py" "$RG" "$DUMP" "$WORK" "${args[@]}" 2>/dev/null | tee "$WORK/justify.md"
