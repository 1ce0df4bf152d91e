#!/bin/bash
# threads.sh - forms laid out on several threads give exactly what one
# thread gives: the same PDF bytes, the same messages in the same order,
# the same exit status, for render and archive, on success and on errors
# in the middle of a document.
#   bash threads.sh RAINGAN SOURCE_DIR
set -u
RG=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { # sentence, then a command that must succeed
    local d=$1; shift
    if "$@"; then pass=$((pass + 1)); echo "ok   - $d"; else fail=$((fail + 1)); echo "FAIL - $d"; fi
}
export SOURCE_DATE_EPOCH=1700000000
S=$SRC/samples/indicators-2562.xml

# 1. Whole samples: byte-identical PDFs for 1, 2, 3 and 8 threads.
for src in indicators-2562 summary-2564; do
    for j in 1 2 3 8; do
        "$RG" render -q -j $j "$SRC/samples/$src.xml" -o "$T/$src-j$j.pdf" 2>"$T/$src-j$j.err"
        echo "exit $?" >>"$T/$src-j$j.err"
    done
    for j in 2 3 8; do
        check "$src: -j $j writes the same bytes as -j 1" cmp -s "$T/$src-j1.pdf" "$T/$src-j$j.pdf"
        check "$src: -j $j prints the same messages as -j 1" cmp -s "$T/$src-j1.err" "$T/$src-j$j.err"
    done
done
check "the five-form sample has its 22 pages" \
    [ "$(pdfinfo "$T/indicators-2562-j1.pdf" | awk '/^Pages:/ {print $2}')" = 22 ]

# 2. Warnings from several forms come in document order: a character no
# font has, in forms 2 and 4 (the order shows in the line numbers).
python3 - "$S" "$T/warn.xml" <<'EOF'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
# Two characters no font has, in forms 1.2 and 4.2, and U+4E2D once more
# in 4.2: a warning is given once per file and character.
for num, ch in (("1.2", "\u4e2d "), ("4.2", "\u6587 \u4e2d ")):
    tag = '<indicator number="%s"' % num
    i = s.index(tag)
    j = s.index("<name>", i) + len("<name>")
    s = s[:j] + ch + s[j:]
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
for j in 1 4; do
    "$RG" render -q -j $j "$T/warn.xml" -o "$T/warn-j$j.pdf" 2>"$T/warn-j$j.err"
    echo "exit $?" >>"$T/warn-j$j.err"
done
check "warnings: two missing-glyph warnings are printed, one per character" \
    [ "$(grep -c 'U+4E2D' "$T/warn-j1.err")/$(grep -c 'U+6587' "$T/warn-j1.err")" = 1/1 ]
check "warnings: -j 4 prints them in the same order as -j 1" cmp -s "$T/warn-j1.err" "$T/warn-j4.err"
check "warnings: -j 4 writes the same bytes as -j 1" cmp -s "$T/warn-j1.pdf" "$T/warn-j4.pdf"

# 3. An error in the third of five forms (an unknown template): the same
# messages and exit status, and the existing output is kept.
sed 's/<indicator number="2" /<indicator number="2" template="no-such-form" /' "$S" >"$T/bad.xml"
for j in 1 4; do
    echo keep >"$T/bad-j$j.pdf"
    "$RG" render -q -j $j "$T/bad.xml" -o "$T/bad-j$j.pdf" 2>"$T/bad-j$j.err"
    echo "exit $?" >>"$T/bad-j$j.err"
    check "unknown template in form 3, -j $j: the old output is left as it was" \
        grep -qx keep "$T/bad-j$j.pdf"
done
check "unknown template in form 3: exit status 1 (the source's mistake)" grep -qx "exit 1" "$T/bad-j1.err"
check "unknown template in form 3: the message names the form's line" \
    grep -q "bad.xml:286:3: error: no template named 'no-such-form'" "$T/bad-j1.err"
check "unknown template in form 3: -j 4 prints what -j 1 prints" cmp -s "$T/bad-j1.err" "$T/bad-j4.err"

# 4. The page bound crossed in the middle: the same form is named.
for j in 1 4; do
    "$RG" render -q -j $j --max-pages 9 "$S" -o "$T/many-j$j.pdf" 2>"$T/many-j$j.err"
    echo "exit $?" >>"$T/many-j$j.err"
done
check "--max-pages 9: too-many-pages is reported" grep -q "more than 9 pages" "$T/many-j1.err"
check "--max-pages 9: -j 4 prints what -j 1 prints" cmp -s "$T/many-j1.err" "$T/many-j4.err"
check "--max-pages 9: no PDF is written" [ ! -e "$T/many-j4.pdf" ]

# 5. Archive of both samples (two agencies: --allow-mixed) and a copy: the same bytes.
mkdir "$T/src"
cp "$SRC/samples/indicators-2562.xml" "$SRC/samples/summary-2564.xml" "$T/src/"
# (another department: one department numbers its indicators once)
sed 's|<department>[^<]*</department>|<department>กองทดสอบ</department>|' "$T/warn.xml" >"$T/src/z-warn.xml"
for j in 1 3; do
    mkdir "$T/j$j"
    (cd "$T/j$j" && "$RG" archive --allow-mixed -q -j $j "$T/src" -o arch.pdf --no-manifest 2>"$T/arch-j$j.err")
    echo "exit $?" >>"$T/arch-j$j.err"
done
check "archive: exit status 0" grep -qx "exit 0" "$T/arch-j1.err"
check "archive: -j 3 writes the same bytes as -j 1" cmp -s "$T/j1/arch.pdf" "$T/j3/arch.pdf"
check "archive: -j 3 prints what -j 1 prints" cmp -s "$T/arch-j1.err" "$T/arch-j3.err"

# 6. Sources loaded on several threads: the reports of two broken ones
# come in source order, and nothing is written.
mkdir "$T/badsrc"
for i in 1 2 3 4 5 6; do cp "$SRC/samples/summary-2564.xml" "$T/badsrc/s$i.xml"; done
sed -i 's/<round>/<round>x/' "$T/badsrc/s2.xml"
printf '<report>\n' >"$T/badsrc/s5.xml"
for j in 1 3; do
    "$RG" archive -q -j $j "$T/badsrc" -o "$T/badarch-j$j.pdf" 2>"$T/badarch-j$j.err"
    echo "exit $?" >>"$T/badarch-j$j.err"
done
check "archive with broken sources: exit status 1" grep -qx "exit 1" "$T/badarch-j1.err"
check "archive with broken sources: s2 is reported before s5" \
    sh -c "grep -n 's[25].xml' '$T/badarch-j1.err' | head -1 | grep -q s2.xml && grep -q s5.xml '$T/badarch-j1.err'"
check "archive with broken sources: -j 3 prints what -j 1 prints" \
    cmp -s "$T/badarch-j1.err" "$T/badarch-j3.err"
check "archive with broken sources: no archive is written" [ ! -e "$T/badarch-j3.pdf" ]

# 7. Bad -j values are usage errors.
"$RG" render -j 0 "$S" -o "$T/x.pdf" 2>"$T/err"; rc=$?
check "-j 0 is a usage error (exit 2) naming the value" \
    sh -c "[ $rc = 2 ] && grep -q \"'0'\" '$T/err'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
