#!/usr/bin/env bash
# preview.sh - drive the real `raingan preview`: one indicator's pages equal
# the same pages of the full render (pdftotext and page counts), stdout
# output, and --watch: re-render on change, keep the last good PDF when a
# change has errors, stop after --max-renders or on SIGTERM.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
wpid=
at_exit() { kill $wpid 2>/dev/null; }
S="$SRC/samples/indicators-2562.xml"
pages() { pdfinfo "$1" | awk '/^Pages:/{print $2}'; }

"$RG" render "$S" -o "$tmp/full.pdf" 2>/dev/null
# Each form starts on a new page, in document order: indicator k's pages
# follow the pages of the indicators before it.
off=0
for n in 1.1 1.2 2 4.2 4.3; do
    "$RG" preview "$S" --indicator "$n" -o "$tmp/p.pdf" 2>"$tmp/err"; rc=$?
    np=$(pages "$tmp/p.pdf")
    pdftotext -layout "$tmp/p.pdf" "$tmp/p.txt"
    pdftotext -layout -f $((off + 1)) -l $((off + np)) "$tmp/full.pdf" "$tmp/f.txt"
    ok "preview of $n: exit 0 and its $np pages' text equals pages $((off + 1))-$((off + np)) of the full render" \
       '[ $rc -eq 0 ] && cmp -s "$tmp/p.txt" "$tmp/f.txt"'
    off=$((off + np))
done
ok "the previews' page counts add up to the full render's" '[ $off -eq $(pages "$tmp/full.pdf") ]'
"$RG" preview "$S" -i 1.2 -o "$tmp/p12.pdf" 2>"$tmp/err"
ok "preview reports what it wrote on stderr" 'grep -q "wrote .*p12.pdf (6 pages" "$tmp/err"'
"$RG" preview "$S" -i 1.2 -o - >"$tmp/stdout.pdf" 2>/dev/null; rc=$?
ok "-o - writes the same PDF to stdout" '[ $rc -eq 0 ] && cmp -s "$tmp/stdout.pdf" "$tmp/p12.pdf"'
"$RG" preview "$S" -i 9.9 -o "$tmp/none.pdf" 2>"$tmp/err"; rc=$?
ok "an unknown indicator fails with a message and writes nothing" \
   '[ $rc -ne 0 ] && grep -q "no indicator numbered .9.9." "$tmp/err" && [ ! -e "$tmp/none.pdf" ]'
ok "the message names the indicators the source has" \
   '[ "$(cat "$tmp/err")" = "$S: error: the document has no indicator numbered '"'"'9.9'"'"'; it has 1.1, 1.2, 2, 4.2, 4.3 [no-such-indicator]" ]'
"$RG" preview --lang th "$S" -i 9.9 -o "$tmp/none.pdf" 2>"$tmp/err"; rc=$?
ok "the same in Thai (exit 2)" \
   '[ $rc -eq 2 ] && [ "$(cat "$tmp/err")" = "$S: ข้อผิดพลาด: เอกสารไม่มีตัวชี้วัดหมายเลข '"'"'9.9'"'"' ตัวชี้วัดที่มีคือหมายเลข 1.1, 1.2, 2, 4.2, 4.3 [no-such-indicator]" ]'
"$RG" preview "$SRC/samples/summary-2564.xml" -i 1 -o "$tmp/none.pdf" 2>"$tmp/err"; rc=$?
ok "a source of summary tables only: it has no indicators" \
   '[ $rc -eq 2 ] && grep -qxF "$SRC/samples/summary-2564.xml: error: the document has no indicator numbered '"'"'1'"'"'; it has no indicators [no-such-indicator]" "$tmp/err"'
"$RG" preview "$S" --watch -o - 2>/dev/null; rc=$?
ok "--watch with -o - is a usage error (2)" '[ $rc -eq 2 ]'
"$RG" preview --help | grep -q -- "--max-renders"; rc=$?
ok "--help documents --watch's stop options" '[ $rc -eq 0 ]'

# --watch: render, break the source (kept: last good PDF), fix it with a
# visible change (rendered), then stop after the third render.
W="$tmp/w.xml"; OUT="$tmp/w.pdf"
cp "$S" "$W"
wait_for() { for _ in $(seq 1 200); do eval "$1" && return 0; sleep 0.05; done; return 1; }
"$RG" preview "$W" -i 1.2 -o "$OUT" --watch --interval 20 --max-renders 3 2>"$tmp/werr" &
wpid=$!
wait_for '[ -s "$OUT" ]'
ok "--watch renders at once" '[ -s "$OUT" ]'
cp "$OUT" "$tmp/good.pdf"
sleep 0.05
sed 's/weight="20"/weight="200"/' "$S" >"$W.tmp" && mv "$W.tmp" "$W"
wait_for 'grep -q "keeps the last good render" "$tmp/werr"'
ok "a change with errors prints them (file:line:col)" 'grep -q "w.xml:[0-9]*:[0-9]*: error: weight=\"200\"" "$tmp/werr"'
ok "and keeps the last good PDF" 'cmp -s "$tmp/good.pdf" "$OUT"'
sleep 0.05
sed 's/ความรุนแรงในครอบครัว/WATCHTEST/' "$S" >"$W.tmp" && mv "$W.tmp" "$W"
wait "$wpid"; rc=$?; wpid=
ok "--max-renders 3 ends the watch with the last render's status (0)" '[ $rc -eq 0 ]'
ok "the fixed source was rendered" 'pdftotext "$OUT" - | grep -q WATCHTEST'

# --watch --lang th: a source error is printed as everywhere else, its
# severity in Thai too (was "error:" before the Thai message), each line
# stamped with the time.
sed 's/weight="20"/weight="200"/' "$S" >"$tmp/b.xml"
(cd "$tmp" && "$RG" preview --lang th b.xml -i 1.2 -o b.pdf --data-dir "$SRC" --watch \
    --interval 20 --max-renders 1 2>"$tmp/berr"); rc=$?
cat >"$tmp/bwant" <<EOF
HH:MM:SS b.xml:114:27: ข้อผิดพลาด: ค่า weight="200" ของ <indicator> อยู่นอกช่วง: ต้องอยู่ระหว่าง 0 ถึง 100 [out-of-range]
HH:MM:SS b.xml:150:12: ข้อผิดพลาด: ค่า weight="200" ของ <row> อยู่นอกช่วง: ต้องอยู่ระหว่าง 0 ถึง 100 [out-of-range]
HH:MM:SS raingan preview: ไม่ได้ปรับปรุง b.pdf ยังเป็นผลที่ถูกต้องครั้งล่าสุด
HH:MM:SS raingan preview: กำลังเฝ้าดู b.xml และ $SRC/templates (กด Ctrl-C เพื่อหยุด)
EOF
sed -E 's/^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] /HH:MM:SS /' "$tmp/berr" >"$tmp/bgot"
ok "--watch --lang th: exit 1, each error stamped, 'ข้อผิดพลาด:' as check says it" \
   '[ $rc -eq 1 ] && diff -u "$tmp/bwant" "$tmp/bgot"'
(cd "$tmp" && "$RG" check --lang th b.xml 2>&1 | grep -qxF "$(sed -n 1p "$tmp/bgot" | cut -c10-)"); rc=$?
ok "the same line as check --lang th prints" '[ $rc -eq 0 ]'

"$RG" preview "$S" -i 2 -o "$tmp/t.pdf" --watch --interval 20 2>"$tmp/terr" &
wpid=$!
wait_for '[ -s "$tmp/t.pdf" ]'
kill -TERM "$wpid"; wait "$wpid"; rc=$?; wpid=
ok "SIGTERM stops --watch cleanly (exit 0, 'stopped')" '[ $rc -eq 0 ] && grep -q "stopped" "$tmp/terr"'

finish
