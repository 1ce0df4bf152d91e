#!/bin/bash
# threads.sh - forms laid out on several threads give exactly what one
# thread gives: the same PDF bytes, the same messages in the same order,
# the same exit status, for render and archive, on success and on errors
# in the middle of a document.
#   bash threads.sh RAINGAN SOURCE_DIR
source "$(dirname "$0")/lib.bash" "$@"
S=$SRC/samples/indicators-2562.xml

# 1. Whole samples: byte-identical PDFs for 1, 2, 3 and 8 threads.
for src in indicators-2562 summary-2564; do
    for j in 1 2 3 8; do
        "$RG" render -q -j $j "$SRC/samples/$src.xml" -o "$tmp/$src-j$j.pdf" 2>"$tmp/$src-j$j.err"
        echo "exit $?" >>"$tmp/$src-j$j.err"
    done
    for j in 2 3 8; do
        check "$src: -j $j writes the same bytes as -j 1" cmp -s "$tmp/$src-j1.pdf" "$tmp/$src-j$j.pdf"
        check "$src: -j $j prints the same messages as -j 1" cmp -s "$tmp/$src-j1.err" "$tmp/$src-j$j.err"
    done
done
check "the five-form sample has its 22 pages" \
    [ "$(pdfinfo "$tmp/indicators-2562-j1.pdf" | awk '/^Pages:/ {print $2}')" = 22 ]

# 2. Warnings from several forms come in document order: a character no
# font has, in forms 2 and 4 (the order shows in the line numbers).
python3 - "$S" "$tmp/warn.xml" <<'EOF'
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
    "$RG" render -q -j $j "$tmp/warn.xml" -o "$tmp/warn-j$j.pdf" 2>"$tmp/warn-j$j.err"
    echo "exit $?" >>"$tmp/warn-j$j.err"
done
check "warnings: two missing-glyph warnings are printed, one per character" \
    [ "$(grep -c 'U+4E2D' "$tmp/warn-j1.err")/$(grep -c 'U+6587' "$tmp/warn-j1.err")" = 1/1 ]
check "warnings: -j 4 prints them in the same order as -j 1" cmp -s "$tmp/warn-j1.err" "$tmp/warn-j4.err"
check "warnings: -j 4 writes the same bytes as -j 1" cmp -s "$tmp/warn-j1.pdf" "$tmp/warn-j4.pdf"

# 3. An error in the third of five forms (an unknown template): the same
# messages and exit status, and the existing output is kept.
sed 's/<indicator number="2" /<indicator number="2" template="no-such-form" /' "$S" >"$tmp/bad.xml"
for j in 1 4; do
    echo keep >"$tmp/bad-j$j.pdf"
    "$RG" render -q -j $j "$tmp/bad.xml" -o "$tmp/bad-j$j.pdf" 2>"$tmp/bad-j$j.err"
    echo "exit $?" >>"$tmp/bad-j$j.err"
    check "unknown template in form 3, -j $j: the old output is left as it was" \
        grep -qx keep "$tmp/bad-j$j.pdf"
done
check "unknown template in form 3: exit status 1 (the source's mistake)" grep -qx "exit 1" "$tmp/bad-j1.err"
check "unknown template in form 3: the message names the form's line" \
    grep -q "bad.xml:286:3: error: no template named 'no-such-form'" "$tmp/bad-j1.err"
check "unknown template in form 3: -j 4 prints what -j 1 prints" cmp -s "$tmp/bad-j1.err" "$tmp/bad-j4.err"

# 4. The page bound crossed in the middle: the same form is named.
for j in 1 4; do
    "$RG" render -q -j $j --max-pages 9 "$S" -o "$tmp/many-j$j.pdf" 2>"$tmp/many-j$j.err"
    echo "exit $?" >>"$tmp/many-j$j.err"
done
check "--max-pages 9: too-many-pages is reported" grep -q "more than 9 pages" "$tmp/many-j1.err"
check "--max-pages 9: -j 4 prints what -j 1 prints" cmp -s "$tmp/many-j1.err" "$tmp/many-j4.err"
check "--max-pages 9: no PDF is written" [ ! -e "$tmp/many-j4.pdf" ]

# 5. Archive of both samples (two agencies: --allow-mixed) and a copy: the same bytes.
mkdir "$tmp/src"
cp "$SRC/samples/indicators-2562.xml" "$SRC/samples/summary-2564.xml" "$tmp/src/"
# (another department: one department numbers its indicators once)
sed 's|<department>[^<]*</department>|<department>กองทดสอบ</department>|' "$tmp/warn.xml" >"$tmp/src/z-warn.xml"
for j in 1 3; do
    mkdir "$tmp/j$j"
    (cd "$tmp/j$j" && "$RG" archive --allow-mixed -q -j $j "$tmp/src" -o arch.pdf --no-manifest 2>"$tmp/arch-j$j.err")
    echo "exit $?" >>"$tmp/arch-j$j.err"
done
check "archive: exit status 0" grep -qx "exit 0" "$tmp/arch-j1.err"
check "archive: -j 3 writes the same bytes as -j 1" cmp -s "$tmp/j1/arch.pdf" "$tmp/j3/arch.pdf"
check "archive: -j 3 prints what -j 1 prints" cmp -s "$tmp/arch-j1.err" "$tmp/arch-j3.err"

# 6. Sources loaded on several threads: the reports of two broken ones
# come in source order, and nothing is written.
mkdir "$tmp/badsrc"
for i in 1 2 3 4 5 6; do cp "$SRC/samples/summary-2564.xml" "$tmp/badsrc/s$i.xml"; done
sed -i 's/<round>/<round>x/' "$tmp/badsrc/s2.xml"
printf '<report>\n' >"$tmp/badsrc/s5.xml"
for j in 1 3; do
    "$RG" archive -q -j $j "$tmp/badsrc" -o "$tmp/badarch-j$j.pdf" 2>"$tmp/badarch-j$j.err"
    echo "exit $?" >>"$tmp/badarch-j$j.err"
done
check "archive with broken sources: exit status 1" grep -qx "exit 1" "$tmp/badarch-j1.err"
check "archive with broken sources: s2 is reported before s5" \
    sh -c "grep -n 's[25].xml' '$tmp/badarch-j1.err' | head -1 | grep -q s2.xml && grep -q s5.xml '$tmp/badarch-j1.err'"
check "archive with broken sources: -j 3 prints what -j 1 prints" \
    cmp -s "$tmp/badarch-j1.err" "$tmp/badarch-j3.err"
check "archive with broken sources: no archive is written" [ ! -e "$tmp/badarch-j3.pdf" ]

# 7. Bad -j values are usage errors.
"$RG" render -j 0 "$S" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
check "-j 0 is a usage error (exit 2) naming the value" \
    sh -c "[ $rc = 2 ] && grep -q \"'0'\" '$tmp/err'"

finish
