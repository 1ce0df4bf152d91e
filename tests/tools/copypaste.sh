#!/bin/bash
# copypaste.sh - copy-paste gives back the source in poppler, MuPDF and
# Firefox's pdf.js, over the Thai fonts a document may use: Sarabun (the
# default), Debian's TLWG Laksaman, Garuda and Loma, Noto Sans/Serif Thai
# and TH Sarabun New (npm, tests/thaifonts).  The text (tests/data/text/
# copypaste.txt) has stacked and outline-drawn tone marks, sara am, ฤๅ,
# ZWJ/ZWNJ, Thai digits and Latin (and copypaste-marks.txt marks without
# a base, on dotted circles); each line is typeset whole, and
# copycheck.py compares every reader's lines with the source's.
#   bash copypaste.sh RAINGAN SOURCE_DIR [RG_TEXTDUMP]
set -u
RG=$1 SRC=$2
HERE=$SRC/tests/tools
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=0
pass=0 fail=0
note() { # ok|FAIL sentence
    echo "$1 - $2"
    if [ "$1" = ok ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}
FONTS=(
    "$SRC/fonts/Sarabun-Regular.ttf"
    /usr/share/fonts/truetype/tlwg/Laksaman.ttf
    /usr/share/fonts/truetype/tlwg/Garuda.ttf
    /usr/share/fonts/truetype/tlwg/Loma.ttf
    /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf
    /usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf
    "$SRC/tests/thaifonts/node_modules/font-th-sarabun-new/fonts/THSarabunNew-webfont.ttf"
)
if [ -f "$SRC/tests/pdfjs/node_modules/pdfjs-dist/package.json" ]; then
    note ok "pdfjs-dist is installed (scripts/install-npm.sh)"
else
    note FAIL "pdfjs-dist is installed (scripts/install-npm.sh)"
fi
one() { # text-file label font [allowed warning codes, a|b]
    local txt=$1 label=$2 font=$3 allow=${4:-fallback-glyph} pdf out
    pdf=$TMP/$label.pdf
    if ! "$RG" typeset -q "$txt" --font "$font" -o "$pdf" 2>"$TMP/err" ||
        grep -v '^  hint:' "$TMP/err" | grep -Eqv "\[($allow)\]\$"; then
        note FAIL "$label: raingan typeset runs without diagnostics"
        cat "$TMP/err"
        return
    fi
    out=$(python3 "$HERE/copycheck.py" "$pdf" "$txt" "$label")
    echo "$out" | grep -v 'passed,'
    pass=$((pass + $(echo "$out" | grep -c '^ok'))); fail=$((fail + $(echo "$out" | grep -c '^FAIL')))
}
for f in "${FONTS[@]}"; do
    if [ ! -f "$f" ]; then
        note FAIL "font $f is installed (scripts/install-deps.sh)"
        continue
    fi
    # (Noto Thai has no Latin: the fallback's, named in warnings, is allowed.)
    one "$SRC/tests/data/text/copypaste.txt" "$(basename "$f" .ttf)" "$f"
    # Marks without a base, each line starting with one: drawn on dotted
    # circles, which are not text (test_marks checks the warnings).
    one "$SRC/tests/data/text/copypaste-marks.txt" "$(basename "$f" .ttf)-marks" "$f" \
        'fallback-glyph|orphan-mark|misplaced-mark'
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
