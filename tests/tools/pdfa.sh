#!/usr/bin/env bash
# pdfa.sh - rules of PDF/A-3b (ISO 19005-3) that an archive must keep,
# checked with tools independent of raingan:
#   6.2.11.5  for every code shown, /W equals the embedded glyph's advance
#             (pdfwidths.py: qpdf + fontTools), over archives of both samples,
#             `render` of each, a typeset paragraph, and a generated
#             1,000-form archive (every code its fonts' /W list);
#   and text extraction by poppler and MuPDF keeps words whole where the
#   shaped widths differ from the font's (the width aliases of sfnt.c).
# $1: the raingan binary, $2: the source folder.
set -u
RG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; SRC="$2"
PY=/usr/bin/python3 # Debian's, with python3-fonttools (scripts/install-deps.sh)
fail=0; pass=0
ok() { if eval "$2"; then pass=$((pass+1)); echo "ok   - $1"; else fail=$((fail+1)); echo "FAIL - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
I="$SRC/samples/indicators-2562.xml"; S="$SRC/samples/summary-2564.xml"
W="$SRC/tests/tools/pdfwidths.py"

# widths FILE [--all-w]: the check passes, and some codes go through an
# alias (so the check exercised shaped widths that differ from the font's).
widths() {
    "$PY" "$W" "$@" >"$tmp/w.out" 2>&1 || { cat "$tmp/w.out"; return 1; }
    grep -Eq " [1-9][0-9]* through width aliases, 0 mismatches$" "$tmp/w.out" || { cat "$tmp/w.out"; return 1; }
}

"$RG" archive "$I" "$S" -o "$tmp/a.pdf" 2>/dev/null
ok "6.2.11.5: the archive of both samples: every code's /W is its glyph's advance" 'widths "$tmp/a.pdf"'
"$RG" render "$I" -o "$tmp/i.pdf" 2>/dev/null
ok "6.2.11.5: render of the indicator sample" 'widths "$tmp/i.pdf"'
"$RG" render "$S" -o "$tmp/s.pdf" 2>/dev/null
ok "6.2.11.5: render of the summary sample" 'widths "$tmp/s.pdf"'

# The issue's words: a mark-heavy Thai phrase and kerned Latin, typeset;
# both extractors give back every word whole.
printf 'พื้นที่ที่ได้รับการพัฒนา ผู้ปฏิบัติงานในพื้นที่ อำนวยการ AVATAR Wave Tokyo\n' >"$tmp/t.txt"
"$RG" typeset "$tmp/t.txt" -o "$tmp/t.pdf" 2>/dev/null
ok "6.2.11.5: a typeset paragraph of Thai marks and kerned Latin" 'widths "$tmp/t.pdf"'
ok "pdftotext gives back the paragraph exactly (no space inside a word)" \
   '[ "$(pdftotext "$tmp/t.pdf" - | tr -d "\f" | tr "\n" " " | sed "s/ *$//")" = "$(cat "$tmp/t.txt")" ]'
ok "MuPDF gives back the paragraph exactly" \
   '[ "$(mutool draw -F txt "$tmp/t.pdf" 2>/dev/null | tr -d "\f" | tr "\n" " " | sed "s/ *$//")" = "$(cat "$tmp/t.txt")" ]'
ok "pdftotext of the archive shows พื้นที่ whole, never split" \
   'pdftotext "$tmp/a.pdf" - | grep -q "พื้นที่" && ! pdftotext "$tmp/a.pdf" - | grep -q "พื้ นที่"'
ok "the embedded fonts are sound (qpdf --check, pdffonts all embedded)" \
   'qpdf --check "$tmp/a.pdf" >/dev/null 2>&1 && ! pdffonts "$tmp/a.pdf" | tail -n +3 | awk "{print \$(NF-4)}" | grep -q no'

# A generated 1,000-form archive (bench/gen.py).
"$PY" "$SRC/bench/gen.py" split 1000 "$tmp/forms"
"$RG" archive "$tmp/forms" -o "$tmp/big.pdf" 2>/dev/null
ok "6.2.11.5: a generated 1,000-form archive, every code of /W" 'widths --all-w "$tmp/big.pdf"'

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
