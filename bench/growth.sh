#!/usr/bin/env bash
# growth.sh - how each stage's work grows with its input, from 1x to 10x
# (issue #20: "no quadratic step anywhere").
#
#   bash bench/growth.sh [BUILD_DIR]
#
# Work is counted in instructions (valgrind --tool=callgrind), so the
# figures do not depend on the machine's load.  For each shape the cost of
# a minimal source is taken off, then the exponent is
# log(work(10x) / work(1x)) / log(10): 1.0 is linear, 2.0 quadratic.
# tests/tools/growth.sh asserts the same at 1x and 4x for the shapes that
# once were quadratic; this script records the figures for bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
B=${1:-build}
RG=$(realpath "$B/raingan")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/data/hostile/ok.xml "$tmp/ok.xml"
cd "$tmp"

count() { # count ARGS...: instructions of one raingan run
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$RG" "$@" -j 1 2>&1 >/dev/null |
    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
doc() { sed -e "/<!-- BODY/r $1" -e '/<!-- BODY/d' ok.xml >"$2"; }

# Generators: gen_SHAPE N OUT writes an input of size N.
gen_paragraphs() { for i in $(seq "$1"); do echo "<p>ย่อหน้าที่ $i ของรายงานผลการดำเนินงานตามตัวชี้วัด</p>"; done >b; doc b "$2"; }
gen_rows() { { echo '<table widths="1*"><tr><th>หัว</th></tr>'
  for i in $(seq "$1"); do echo "<tr><td>แถวที่ $i</td></tr>"; done; echo '</table>'; } >b; doc b "$2"; }
gen_cells() { { echo '<table widths="1* 1* 1* 1* 1*"><tr><th>ก</th><th>ข</th><th>ค</th><th>ง</th><th>จ</th></tr>'
  for i in $(seq "$1"); do echo "<tr><td>$i</td><td>ข้อมูล</td><td>ผล</td><td>ร้อยละ</td><td>หมายเหตุ</td></tr>"; done
  echo '</table>'; } >b; doc b "$2"; }
gen_headers() { { echo "<table widths=\"1*\" header-rows=\"$1\">"
  for i in $(seq "$1"); do echo "<tr><th>หัว $i</th></tr>"; done
  for i in $(seq "$1"); do echo "<tr><td>แถว $i</td></tr>"; done; echo '</table>'; } >b; doc b "$2"; }
gen_oneline() { for i in $(seq "$1"); do printf '<p>ข้อความที่ %d</p>' "$i"; done >b; echo >>b; doc b "$2"; }
gen_indicators() {
  { echo '<report xmlns="urn:raingan:report:1"><meta><agency>ก</agency><fiscal-year>2562</fiscal-year><round>12</round></meta>'
    for i in $(seq "$1"); do
      echo "<indicator number=\"$i\" weight=\"1\"><name>ตัวชี้วัดที่ $i</name><supervisor><person><name>นาย ก</name></person></supervisor><criteria><level value=\"1\">ก</level><level value=\"2\">ข</level><level value=\"3\">ค</level><level value=\"4\">ง</level><level value=\"5\">จ</level></criteria><achieved level=\"5\"/><calculation><row weight=\"100\" score=\"5\"><label>a</label><result>5</result></row></calculation></indicator>"
    done; echo '</report>'; } >"$2"
}

printf '| shape | 1x | work 1x | work 10x | exponent |\n| --- | --- | --- | --- | --- |\n'
base=$(count render ok.xml -o out.pdf)
for spec in paragraphs:200 rows:500 cells:200 headers:100 oneline:500 indicators:20; do
  shape=${spec%%:*} n=${spec##*:}
  "gen_$shape" "$n" a.xml
  "gen_$shape" $((10 * n)) b.xml
  a=$(count render a.xml -o out.pdf); b=$(count render b.xml -o out.pdf)
  e=$(awk -v a="$a" -v b="$b" -v z="$base" 'BEGIN { printf "%.2f", log((b - z) / (a - z)) / log(10) }')
  printf '| %s | %s | %s | %s | %s |\n' "$shape" "$n" $((a - base)) $((b - base)) "$e"
done
# The text engine alone: one grapheme cluster of N combining marks.
python3 -c "import sys; sys.stdout.write('ก' + '\u0e4e' * 300)" >m1.txt
python3 -c "import sys; sys.stdout.write('ก' + '\u0e4e' * 3000)" >m10.txt
echo 'ก' >m0.txt
z=$(count typeset m0.txt -o out.pdf); a=$(count typeset m1.txt -o out.pdf); b=$(count typeset m10.txt -o out.pdf)
e=$(awk -v a="$a" -v b="$b" -v z="$z" 'BEGIN { printf "%.2f", log((b - z) / (a - z)) / log(10) }')
printf '| marks (typeset) | 300 | %s | %s | %s |\n' $((a - z)) $((b - z)) "$e"
