#!/usr/bin/env bash
# pdfa.sh - rules of PDF/A-3b (ISO 19005-3) that an archive must keep,
# checked with tools independent of raingan:
#   6.2.11.5  for every code shown, /W equals the embedded glyph's advance
#             (pdfwidths.py: qpdf + fontTools), over archives of both samples,
#             `render` of each, a typeset paragraph, and a generated
#             1,000-form archive (every code its fonts' /W list);
#   and text extraction by poppler and MuPDF keeps words whole where the
#   shaped widths differ from the font's (the width aliases of sfnt.c);
#   Info dates in UTC ending in Z, a trailer /ID that hashes the content,
#   attachment names as /UF text with an ASCII /F, bad ICC profiles refused.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
I="$SRC/samples/indicators-2562.xml"; S="$SRC/samples/summary-2564.xml"
W="$SRC/tests/tools/pdfwidths.py"

# widths FILE [--all-w]: the check passes, and some codes go through an
# alias (so the check exercised shaped widths that differ from the font's).
widths() {
    "$PY" "$W" "$@" >"$tmp/w.out" 2>&1 || { cat "$tmp/w.out"; return 1; }
    grep -Eq " [1-9][0-9]* through width aliases, 0 mismatches$" "$tmp/w.out" || { cat "$tmp/w.out"; return 1; }
}

"$RG" archive --allow-mixed "$I" "$S" -o "$tmp/a.pdf" 2>/dev/null
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

# Info dates end in Z (UTC), as XMP's; the /ID hashes the content.
ok "Info /CreationDate and /ModDate end in Z" \
   '[ "$(pdfinfo -rawdates "$tmp/a.pdf" | grep -Ec "^(CreationDate|ModDate): +D:[0-9]{14}Z$")" -eq 2 ]'
"$RG" archive --allow-mixed --front-labels roman "$I" "$S" -o "$tmp/r.pdf" 2>/dev/null
id() { mutool show "$1" trailer 2>/dev/null | grep -o "/ID \[ <[0-9A-Fa-f]*>" ; }
ok "the /ID hashes the content: same sources, other page labels, another /ID" \
   '[ -n "$(id "$tmp/a.pdf")" ] && [ "$(id "$tmp/a.pdf")" != "$(id "$tmp/r.pdf")" ]'

# A non-ASCII attachment name: /UF holds it exactly, /F an ASCII stand-in.
cp "$I" "$tmp/รายงาน.xml"
"$RG" archive "$tmp/รายงาน.xml" -o "$tmp/n.pdf" 2>/dev/null
mkdir "$tmp/det"; pdfdetach -saveall -o "$tmp/det" "$tmp/n.pdf" 2>/dev/null
ok "a Thai attachment name: /F is ASCII, /UF is the name, pdfdetach gives the file back under it" \
   'qpdf --qdf --object-streams=disable "$tmp/n.pdf" "$tmp/nq.pdf" && grep -aq "/F (______.xml)" "$tmp/nq.pdf" && ! LC_ALL=C grep -aq "/F (.*[^ -~].*)" "$tmp/nq.pdf" && cmp -s "$tmp/det/รายงาน.xml" "$I"'

# A bad ICC profile is an error (exit 4), nothing written.
bad_icc() { "$RG" archive "$I" -o "$tmp/icc.pdf" --icc "$1" 2>"$tmp/icc.err"; echo $?; }
ok "a Gray ICC profile is an error naming it" \
   '[ "$(bad_icc /usr/share/color/icc/Gray.icc)" = 4 ] && [ ! -e "$tmp/icc.pdf" ] && grep -q "Gray.icc: error: an ICC profile of colour space .GRAY., not RGB" "$tmp/icc.err"'
head -c 4000 "$SRC/fonts/DejaVuSans.ttf" >"$tmp/bytes.icc"
ok "bytes that are not an ICC profile are an error" \
   '[ "$(bad_icc "$tmp/bytes.icc")" = 4 ] && grep -q "bytes.icc: error: not an ICC profile" "$tmp/icc.err"'
head -c 1000 /usr/share/color/icc/sRGB.icc >"$tmp/short.icc"
ok "a truncated sRGB profile is an error" \
   '[ "$(bad_icc "$tmp/short.icc")" = 4 ] && grep -q "short.icc: error: a truncated ICC profile" "$tmp/icc.err"'
RG_ICC_PROFILE=/usr/share/color/icc/Gray.icc "$RG" archive "$I" -o "$tmp/icc.pdf" 2>/dev/null; rc=$?
ok "RG_ICC_PROFILE is checked the same" '[ $rc -eq 4 ] && [ ! -e "$tmp/icc.pdf" ]'

# A generated 1,000-form archive (bench/gen.py).
"$PY" "$SRC/bench/gen.py" split 1000 "$tmp/forms"
"$RG" archive "$tmp/forms" -o "$tmp/big.pdf" 2>/dev/null
ok "6.2.11.5: a generated 1,000-form archive, every code of /W" 'widths --all-w "$tmp/big.pdf"'

finish
