#!/usr/bin/env bash
# growth.sh - no step of raingan is quadratic in its input (issue #20).
#
# Work is counted, not timed: callgrind counts the instructions a run
# executes, the same count on a busy machine as on an idle one.  Each
# shape is rendered at size N and 4N; after the cost of a minimal source
# (start-up, fonts, dictionary) is taken off, a linear step grows 4x and a
# quadratic one 16x.  The growth exponent log(ratio)/log(4) must stay
# under 1.2.  The shapes are the inputs that were quadratic:
#   rows     a one-column table of N rows (the pager walked every cell of
#            the table for every row: 99,000 rows took 40 s);
#   headers  N header rows over N body rows (the header was repeated on
#            every page: 5,000 header rows took 4.3 GiB and 92 s);
#   oneline  N paragraphs on one line (each element's column was counted
#            from the start of its line: 10,000 rows on one line took 144 s).
# Skipped in the sanitizer build (valgrind cannot run ASan binaries).
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
if ldd "$RG" 2>/dev/null | grep -q libasan || ! command -v valgrind >/dev/null; then
  echo "skip - growth is measured in the normal build, with valgrind"
  echo "0 passed, 0 failed"
  exit 0
fi
cd "$tmp" || exit 1
cp "$SRC/tests/data/hostile/ok.xml" ok.xml

# instructions FILE: the instructions one render of FILE executes.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$RG" render "$1" -o out.pdf -j 1 \
    2>&1 >/dev/null | sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
# doc BODY-FILE OUT: ok.xml with BODY-FILE in its <explanation>.
doc() { sed -e "/<!-- BODY/r $1" -e '/<!-- BODY/d' ok.xml >"$2"; }

gen_rows() {
  { echo '<table widths="1*"><tr><th>หัวตาราง</th></tr>'
    for i in $(seq "$1"); do echo "<tr><td>แถวที่ $i</td></tr>"; done
    echo '</table>'; } >body; doc body "$2"
}
gen_headers() {
  { echo "<table widths=\"1*\" header-rows=\"$1\">"
    for i in $(seq "$1"); do echo "<tr><th>หัว $i</th></tr>"; done
    for i in $(seq "$1"); do echo "<tr><td>แถว $i</td></tr>"; done
    echo '</table>'; } >body; doc body "$2"
}
gen_oneline() {
  for i in $(seq "$1"); do printf '<p>ข้อความที่ %d</p>' "$i"; done >body; echo >>body
  doc body "$2"
}

base=$(instructions ok.xml)
ok "the minimal source renders under callgrind" '[ -n "$base" ]'
check() { # check SHAPE N
  local shape=$1 n=$2 small large
  "gen_$shape" "$n" small.xml
  "gen_$shape" $((4 * n)) large.xml
  small=$(instructions small.xml); large=$(instructions large.xml)
  local e
  e=$(awk -v s="$small" -v l="$large" -v b="$base" \
        'BEGIN { if (s - b <= 0 || l - b <= 0) print 9; else printf "%.2f", log((l - b) / (s - b)) / log(4) }')
  echo "  $shape: $n -> $((4 * n)): $((small - base)) -> $((large - base)) instructions, exponent $e"
  ok "$shape: work grows linearly from $n to $((4 * n)) (exponent $e < 1.2)" \
     "awk -v e=$e 'BEGIN { exit !(e < 1.2) }'"
}
check rows 2000
check headers 300
check oneline 1000

finish
