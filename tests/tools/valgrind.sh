#!/usr/bin/env bash
# valgrind.sh - memcheck over the real CLI: the samples rendered and
# checked, error paths (schema errors, a refused DOCTYPE, a missing font,
# output = input) and raingan typeset, each under
#   valgrind --error-exitcode=1 --leak-check=full
# so an invalid read/write, a use of uninitialised memory or a leak fails
# the test.  About 30 s.  Skipped for a sanitizer build (ASan and valgrind
# do not mix; the ASan build checks the same things its own way).
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
if ldd "$RG" 2>/dev/null | grep -q libasan; then
  echo "skip - sanitizer build"; echo "0 passed, 0 failed"; exit 0
fi
if ! command -v valgrind >/dev/null; then
  echo "FAIL - valgrind is not installed (scripts/install-deps.sh)"; exit 1
fi
# vg DESCRIPTION EXPECTED-EXIT ARGS...: one memcheck run.
vg() {
  local what=$1 want=$2; shift 2
  valgrind -q --error-exitcode=99 --leak-check=full --log-file="$tmp/vg.log" "$RG" "$@" \
    >/dev/null 2>"$tmp/err"
  local rc=$?
  if [ $rc -eq "$want" ] && [ ! -s "$tmp/vg.log" ]; then
    pass=$((pass+1)); echo "ok   - memcheck clean: $what"
  else
    fail=$((fail+1)); echo "FAIL - memcheck: $what (exit $rc, expected $want)"
    head -40 "$tmp/vg.log"
  fi
}
cd "$tmp" || exit 1
for s in "$SRC"/samples/*.xml; do
  vg "render $(basename "$s")" 0 render "$s" -o "$tmp/out.pdf"
done
vg "check of every sample" 0 check "$SRC"/samples/*.xml
vg "render of a source with schema and range errors" 1 render "$SRC/tests/data/hostile/numbers.xml" -o out.pdf
vg "render of a refused DOCTYPE (XXE)" 1 render "$SRC/tests/data/errors/xxe.xml" -o out.pdf
vg "render with a missing font" 4 render "$SRC/tests/data/hostile/ok.xml" -o out.pdf --font nofont.ttf
cp "$SRC/tests/data/hostile/ok.xml" ok.xml
vg "render with output = input" 2 render ok.xml -o ok.xml
vg "render --dump-layout" 0 render "$SRC/tests/data/model/both-forms.xml" --dump-layout
printf 'รายงานผลการปฏิบัติราชการ ตามคำรับรอง\n\nย่อหน้าที่สอง %s\n' "$(seq 200 | tr '\n' ' ')" >t.txt
vg "typeset thai-distributed" 0 typeset t.txt -o t.pdf --align thai-distributed
finish
