#!/bin/bash
# text_pdf.sh - typeset the stress line and long seed paragraphs at narrow and
# wide measures in every alignment, and check each PDF with qpdf, pdffonts,
# pdftotext, mutool draw and mutool trace against the engine's own layout
# (rg_textdump).  See pdfcheck.py for the checks.
#   bash text_pdf.sh RAINGAN SOURCE_DIR RG_TEXTDUMP
set -u
RG=$1 SRC=$2 DUMP=$3
HERE=$SRC/tests/tools
DATA=$SRC/tests/data/text
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=0
pass=0 fail=0
one() { # file width align [--emergency] [--words FILE]
    local f=$1 w=$2 a=$3 extra=() words=()
    shift 3
    while [ $# -gt 0 ]; do
        case $1 in
        --words) words=(--words "$2"); shift 2 ;;
        *) extra+=("$1"); shift ;;
        esac
    done
    local name pdf out
    name=$(basename "$f" .txt)-$w-$a
    pdf=$TMP/$name.pdf
    echo "# $name"
    if ! "$RG" typeset -q "$f" -o "$pdf" --width "$w" --align "$a" "${words[@]}" 2>"$TMP/err" ||
        [ -s "$TMP/err" ]; then
        echo "FAIL - raingan typeset $name runs without diagnostics"; cat "$TMP/err"
        fail=$((fail + 1)); return
    fi
    "$DUMP" "$f" --width "$w" --align "$a" "${words[@]}" >"$TMP/$name.dump" || {
        echo "FAIL - rg_textdump $name"; fail=$((fail + 1)); return; }
    out=$(python3 "$HERE/pdfcheck.py" "$pdf" "$f" "$TMP/$name.dump" "$w" --align="$a" "${extra[@]}")
    echo "$out" | grep -v '^ok' | grep -v 'passed,'
    pass=$((pass + $(echo "$out" | grep -c '^ok'))); fail=$((fail + $(echo "$out" | grep -c '^FAIL')))
}
ALIGNS=${TEXT_PDF_ALIGNS:-left right center justify}
for a in $ALIGNS; do
    for w in 120 200 453 700; do
        one "$DATA/stress.txt" $w $a --emergency # the URL is wider than 120 pt
        one "$DATA/seeds.txt" $w $a --emergency
    done
done
# Emergency breaks: a URL and a 300-character Thai word (kept whole by a
# user word list) at 120 pt break only at grapheme boundaries.
one "$DATA/longword.txt" 120 left --emergency --expect-emergency --words "$DATA/longword.words"
one "$DATA/longword.txt" 120 justify --emergency --expect-emergency --words "$DATA/longword.words"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
