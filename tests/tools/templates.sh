#!/usr/bin/env bash
# templates.sh - templates are data, not code: the shipped templates validate
# against templates/template.rng; a variant template changes labels, rounds,
# sections and page numbers with no code; a broken template is reported with
# its file and line.
set -u
RAINGAN=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0
ok() { echo "ok   - $1"; }
bad() { echo "FAIL - $1"; status=1; }

for t in "$SRC"/templates/*.xml; do
  if xmllint --noout --relaxng "$SRC/templates/template.rng" "$t" 2>/dev/null; then
    ok "$(basename "$t") is valid against template.rng"
  else
    bad "$(basename "$t") is valid against template.rng"
  fi
done

# The variant: one indicator of the sample, switched to indicator-9m.
python3 - "$SRC/samples/indicators-2562.xml" "$TMP/v.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s.replace('<indicator number="4.3"', '<indicator template="indicator-9m" number="4.3"', 1)
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
if "$RAINGAN" render "$TMP/v.xml" --indicator 4.3 -o "$TMP/v.pdf" 2>"$TMP/v.err"; then
  ok "a source can pick the variant template"
else
  bad "a source can pick the variant template"; cat "$TMP/v.err"
fi
txt=$(pdftotext -raw "$TMP/v.pdf" - 2>/dev/null | tr -d ' \n')
pages=$(pdfinfo "$TMP/v.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
[[ $txt == *"แบบรายงานผลการดำเนินงานตามตัวชี้วัด"* ]] && ok "the variant's title is printed" || bad "the variant's title is printed"
[[ $txt == *"ตัวชี้วัดที่:4.3"* && $txt == *"ผู้รับผิดชอบ:"* ]] && ok "the variant's labels are printed" || bad "the variant's labels are printed"
[[ $txt == *"รอบ9เดือน"* && $txt == *"รอบ12เดือน"* ]] && ok "the rounds of the source (9 and 12) are shown" || bad "the rounds of the source (9 and 12) are shown"
[[ $txt != *"โทรศัพท์"* && $txt != *"ปัจจัยสนับสนุน"* ]] && ok "sections the variant leaves out (phone, supporting) are not printed" \
  || bad "sections the variant leaves out (phone, supporting) are not printed"
[[ $txt == *"หน้า1/$pages"* ]] && ok "page numbers in the variant's style (หน้า 1/$pages)" || bad "page numbers in the variant's style"

# A broken template: unknown element and a bad length, both reported.
mkdir -p "$TMP/data/templates"
ln -s "$SRC/fonts" "$TMP/data/fonts"
ln -s "$SRC/data" "$TMP/data/data"
cp "$SRC/templates/indicator.xml" "$TMP/data/templates/"
sed -e 's|<fonts body="16"|<fonts body="16zz"|' -e 's|<title>|<colour/><title>|' \
  "$SRC/templates/indicator.xml" >"$TMP/data/templates/broken.xml"
sed 's/<indicator number="1.1"/<indicator template="broken" number="1.1"/' \
  "$SRC/samples/indicators-2562.xml" >"$TMP/b.xml"
"$RAINGAN" render --data-dir "$TMP/data" "$TMP/b.xml" -o "$TMP/b.pdf" 2>"$TMP/b.err"
rc=$?
line_fonts=$(grep -n '<fonts' "$TMP/data/templates/broken.xml" | cut -d: -f1)
line_colour=$(grep -n '<colour' "$TMP/data/templates/broken.xml" | cut -d: -f1)
if [ $rc -ne 0 ] && [ ! -e "$TMP/b.pdf" ] &&
   grep -q "broken.xml:$line_fonts:.*bad length '16zz'" "$TMP/b.err" &&
   grep -q "broken.xml:$line_colour:.*unknown element <colour>" "$TMP/b.err"; then
  ok "a broken template is refused with every mistake at its file:line"
else
  bad "a broken template is refused with every mistake at its file:line (rc=$rc)"; cat "$TMP/b.err"
fi
# A mistake in the standard template is an input error (exit 1, as check
# says), not an internal one (4, kept for a template that is missing): each
# mistake at the template's file:line:col, then the form it stops, with a hint.
mkdir -p "$TMP/std/templates"
ln -s "$SRC/fonts" "$TMP/std/fonts"
ln -s "$SRC/data" "$TMP/std/data"
cp "$SRC/templates/summary.xml" "$TMP/std/templates/"
sed -e 's|<fonts body="16"|<fonts body="16zz"|' -e 's|<title>|<colour/><title>|' \
  "$SRC/templates/indicator.xml" >"$TMP/std/templates/indicator.xml"
cp "$SRC/samples/indicators-2562.xml" "$TMP/s.xml"
(cd "$TMP" && "$RAINGAN" render --data-dir std s.xml -o s.pdf 2>s.err)
rc=$?
lf=$(grep -n '<fonts' "$TMP/std/templates/indicator.xml" | cut -d: -f1)
cf=$(awk -v l="$lf" 'NR == l { print index($0, "body=") }' "$TMP/std/templates/indicator.xml")
lc=$(grep -n '<colour' "$TMP/std/templates/indicator.xml" | cut -d: -f1)
cc=$(awk -v l="$lc" 'NR == l { print index($0, "<colour") }' "$TMP/std/templates/indicator.xml")
li=$(grep -n '<indicator ' "$TMP/s.xml" | head -1 | cut -d: -f1)
ci=$(awk -v l="$li" 'NR == l { print index($0, "<indicator") }' "$TMP/s.xml")
cat >"$TMP/s.want" <<EOF
std/templates/indicator.xml:$lf:$cf: error: bad length '16zz' for body (use e.g. 3cm, 25mm, 12pt) [template]
std/templates/indicator.xml:$lc:$cc: error: unknown element <colour> in a template [template]
s.xml:$li:$ci: error: template 'indicator' has errors (above); this form cannot be laid out [bad-template]
  hint: correct the template where shown; templates/template.rng and docs/format.md describe the format
EOF
if [ $rc -eq 1 ] && [ ! -e "$TMP/s.pdf" ] && diff -u "$TMP/s.want" "$TMP/s.err"; then
  ok "a mistake in the standard template: exit 1, at file:line:col ($lf:$cf, $lc:$cc), with a hint"
else
  bad "a mistake in the standard template: exit 1, at file:line:col, with a hint (rc=$rc)"
fi
rm "$TMP/std/templates/indicator.xml"
(cd "$TMP" && "$RAINGAN" render --data-dir std s.xml -o s.pdf 2>s.err)
rc=$?
cat >"$TMP/s.want" <<EOF
s.xml:$li:$ci: error: no template named 'indicator' (looked for std/templates/indicator.xml) [unknown-template]
  hint: templates live in the data folder's templates/ (see --data-dir)
EOF
if [ $rc -eq 4 ] && [ ! -e "$TMP/s.pdf" ] && diff -u "$TMP/s.want" "$TMP/s.err"; then
  ok "a standard template missing is the installation's: exit 4"
else
  bad "a standard template missing is the installation's: exit 4 (rc=$rc)"
fi
# A bad column width in a template (it used to render with exit 0 and a
# zero-width column of one Thai letter per line): refused at its line.
sed 's|widths="3.1cm 1\*"|widths="3.1xx 1*"|' "$SRC/templates/indicator.xml" \
  >"$TMP/data/templates/badwidth.xml"
sed 's/<indicator number="1.1"/<indicator template="badwidth" number="1.1"/' \
  "$SRC/samples/indicators-2562.xml" >"$TMP/w.xml"
"$RAINGAN" render --data-dir "$TMP/data" "$TMP/w.xml" -o "$TMP/w.pdf" 2>"$TMP/w.err"
rc=$?
line_w=$(grep -n 'widths="3.1xx' "$TMP/data/templates/badwidth.xml" | cut -d: -f1)
if [ -n "$line_w" ] && [ $rc -ne 0 ] && [ ! -e "$TMP/w.pdf" ] &&
   grep -q "badwidth.xml:$line_w:.*column width '3.1xx' is not understood" "$TMP/w.err"; then
  ok "widths=\"3.1xx 1*\" in a template is refused at its file:line"
else
  bad "widths=\"3.1xx 1*\" in a template is refused at its file:line (rc=$rc)"; cat "$TMP/w.err"
fi
# Every printed label lives in the template: one left out is an error at
# the template, not a label from C; a section's needed attribute too.
grep -v '<label id="draft">' "$SRC/templates/indicator.xml" >"$TMP/data/templates/nolabel.xml"
sed 's|<section id="levels" label="เกณฑ์การให้คะแนน :" caption="ระดับคะแนน {n}"/>|<section id="levels" label="เกณฑ์การให้คะแนน :"/>|' \
  "$SRC/templates/indicator.xml" >"$TMP/data/templates/nocaption.xml"
line_lv=$(grep -n '<section id="levels"' "$TMP/data/templates/nocaption.xml" | cut -d: -f1)
for t in nolabel nocaption; do
  sed "s/<indicator number=\"1.1\"/<indicator template=\"$t\" number=\"1.1\"/" \
    "$SRC/samples/indicators-2562.xml" >"$TMP/$t.xml"
  "$RAINGAN" check --data-dir "$TMP/data" "$TMP/$t.xml" >"$TMP/$t.out" 2>&1
  echo "rc=$?" >>"$TMP/$t.out"
done
if grep -q "nolabel.xml:[0-9]*:[0-9]*: error: the template gives no <label id=\"draft\">" "$TMP/nolabel.out" &&
   grep -q "rc=1" "$TMP/nolabel.out"; then
  ok "a template without the draft label is refused (no label comes from C)"
else
  bad "a template without the draft label is refused (no label comes from C)"; cat "$TMP/nolabel.out"
fi
if [ -n "$line_lv" ] && grep -q "nocaption.xml:$line_lv:[0-9]*: error: section 'levels' needs caption=" "$TMP/nocaption.out" &&
   grep -q "rc=1" "$TMP/nocaption.out"; then
  ok "a levels section without its caption is refused at its line"
else
  bad "a levels section without its caption is refused at its line"; cat "$TMP/nocaption.out"
fi

# check loads templates as render does (the load stage, once): the bad
# width is found without rendering, and a form naming a template of the
# other kind is refused at the form.
"$RAINGAN" check --data-dir "$TMP/data" "$TMP/w.xml" >"$TMP/wc.out" 2>&1
rc=$?
if [ $rc -eq 1 ] && grep -q "badwidth.xml:$line_w:.*column width '3.1xx' is not understood" "$TMP/wc.out"; then
  ok "check finds the template's bad width too"
else
  bad "check finds the template's bad width too (rc=$rc)"; cat "$TMP/wc.out"
fi
sed 's/<indicator number="1.1"/<indicator template="summary" number="1.1"/' \
  "$SRC/samples/indicators-2562.xml" >"$TMP/k.xml"
line_k=$(grep -n 'template="summary" number="1.1"' "$TMP/k.xml" | cut -d: -f1)
for cmd in check render; do
  out=(); [ $cmd = render ] && out=(-o "$TMP/k.pdf")
  "$RAINGAN" $cmd "$TMP/k.xml" "${out[@]}" >"$TMP/k.out" 2>&1
  rc=$?
  if [ -n "$line_k" ] && [ $rc -ne 0 ] && [ ! -e "$TMP/k.pdf" ] &&
     grep -q "k.xml:$line_k:[0-9]*: error: template 'summary' is for summary forms" "$TMP/k.out"; then
    ok "$cmd refuses an indicator naming the summary template, at the form"
  else
    bad "$cmd refuses an indicator naming the summary template, at the form (rc=$rc)"; cat "$TMP/k.out"
  fi
done

# The archive's front matter prints the archive template's words (no label
# from C): a variant archive.xml changes them, its widths the tables'.
mkdir -p "$TMP/arch/templates"
ln -s "$SRC/fonts" "$TMP/arch/fonts"
ln -s "$SRC/data" "$TMP/arch/data"
cp "$SRC/templates/indicator.xml" "$SRC/templates/summary.xml" "$TMP/arch/templates/"
sed -e 's|label="สารบัญ"|label="สารบัญเรื่อง"|' -e 's|>อนุมัติแล้ว<|>ได้รับอนุมัติ<|' \
    -e 's|<label id="part-cover">ปก<|<label id="part-cover">หน้าปก<|' \
    -e 's|>ประจำปีงบประมาณ พ.ศ. {year}<|>ปีงบประมาณ {year}<|' \
  "$SRC/templates/archive.xml" >"$TMP/arch/templates/archive.xml"
"$RAINGAN" archive -q --data-dir "$TMP/arch" "$SRC/samples/official-2562.xml" -o "$TMP/a.pdf" 2>"$TMP/a.err"
rc=$?
front=$(pdftotext -l 3 "$TMP/a.pdf" - 2>/dev/null | tr -d ' \n')
outline=$(qpdf --json --json-key=outlines "$TMP/a.pdf" 2>/dev/null | jq -r '.outlines[].title' | tr '\n' '|')
if [ $rc -eq 0 ] && [[ $front == *"สารบัญเรื่อง"* && $front == *"ได้รับอนุมัติ"* ]] &&
   [[ $front == *"ปีงบประมาณ2562"* && $front != *"พ.ศ.2562"* && $front != *"อนุมัติแล้ว"* ]] &&
   [[ $outline == "หน้าปก|สรุปผลคะแนน|สารบัญ|"* ]]; then
  ok "a variant archive template changes the cover, contents, approval state and outline"
else
  bad "a variant archive template changes the cover, contents, approval state and outline (rc=$rc, outline $outline)"
  cat "$TMP/a.err"
fi
# A label left out, a table of four widths for five columns, a <page>: each
# refused at its file:line:col, in line order, exit 1, nothing written.
grep -v '<label id="late">' "$SRC/templates/archive.xml" |
  sed -e 's|widths="1.3cm 1\* 2.2cm 2.2cm 3.2cm"|widths="1.3cm 1* 2.2cm 2.2cm"|' \
      -e 's|<title>รายงาน|<page size="A4"/><title>รายงาน|' >"$TMP/arch/templates/archive.xml"
(cd "$TMP" && "$RAINGAN" archive -q --data-dir arch "$SRC/samples/official-2562.xml" -o b.pdf 2>b.err)
rc=$?
T=$TMP/arch/templates/archive.xml
lr=$(grep -n '<template ' "$T" | cut -d: -f1)
cr=$(awk -v l="$lr" 'NR == l { print index($0, "<template") }' "$T")
lw=$(grep -n 'widths="1.3cm' "$T" | cut -d: -f1)
cw=$(awk -v l="$lw" 'NR == l { print index($0, "widths=") }' "$T")
lp=$(grep -n '<page size' "$T" | cut -d: -f1)
cp_=$(awk -v l="$lp" 'NR == l { print index($0, "<page") }' "$T")
cat >"$TMP/b.want" <<EOF
arch/templates/archive.xml:$lr:$cr: error: the template gives no <label id="late"> [template]
  hint: copy it from the standard templates/archive.xml, which gives every label
arch/templates/archive.xml:$lp:$cp_: error: <page> is not for an archive template (its pages and fonts are the indicator template's; it has <title>, <section> and <label>) [template]
arch/templates/archive.xml:$lw:$cw: error: section 'scores' needs 5 column widths, not 4 [template]
EOF
if [ $rc -eq 1 ] && [ ! -e "$TMP/b.pdf" ] && diff -u "$TMP/b.want" "$TMP/b.err"; then
  ok "an archive template's mistakes: exit 1, each at its file:line:col"
else
  bad "an archive template's mistakes: exit 1, each at its file:line:col (rc=$rc)"
fi

# Sign-off roles are parsed when the template loads: a role given twice is
# refused at its columns= (file:line:col), not found at layout.
sed 's#columns="reporter=ผู้รายงาน|certifier=ผู้รับรองข้อมูล"#columns="reporter=ผู้รายงาน|reporter=ผู้รับรองข้อมูล"#' \
  "$SRC/templates/indicator.xml" >"$TMP/data/templates/tworoles.xml"
sed 's/<indicator number="1.1"/<indicator template="tworoles" number="1.1"/' \
  "$SRC/samples/indicators-2562.xml" >"$TMP/r.xml"
"$RAINGAN" check --data-dir "$TMP/data" "$TMP/r.xml" >"$TMP/r.out" 2>&1
rc=$?
lr=$(grep -n 'columns="reporter=' "$TMP/data/templates/tworoles.xml" | cut -d: -f1)
cr=$(awk -v l="$lr" 'NR == l { print index($0, "columns=") }' "$TMP/data/templates/tworoles.xml")
if [ -n "$lr" ] && [ $rc -eq 1 ] &&
   grep -qx "$TMP/data/templates/tworoles.xml:$lr:$cr: error: sign-off role 'reporter' is given twice \[template\]" "$TMP/r.out"; then
  ok "a sign-off role given twice is refused at its columns= ($lr:$cr)"
else
  bad "a sign-off role given twice is refused at its columns= (rc=$rc)"; cat "$TMP/r.out"
fi
# The words around the model's figures are the template's too: an edited
# conclusion, rounding, level name, note and self-score show, with the
# model's figures in their places, and none of the shipped words.
mkdir -p "$TMP/wd/templates"
ln -s "$SRC/fonts" "$TMP/wd/fonts"
ln -s "$SRC/data" "$TMP/wd/data"
for t in indicator summary archive; do
  sed -e 's|<label id="at-target">[^<]*<|<label id="at-target">AT[{level}/{points}]<|' \
      -e 's|<label id="level-basic">[^<]*<|<label id="level-basic">LEVEL1<|' \
      -e 's|<label id="rounding">[^<]*<|<label id="rounding">{working} ROUND[{places}/{mode}]<|' \
      -e 's|<label id="round-half-up">[^<]*<|<label id="round-half-up">HALFUP<|' \
      -e 's|<label id="note-late">[^<]*<|<label id="note-late">LATE[{from}/{round}]<|' \
      -e 's|<label id="note-cancelled">[^<]*<|<label id="note-cancelled">CANCELLED 100<|' \
      -e 's|<label id="note-unscored">[^<]*<|<label id="note-unscored">UNSCORED<|' \
      -e 's|<label id="self-score">[^<]*<|<label id="self-score">SELF[{self}/{score}]<|' \
      -e 's|<label id="pdf-title">[^<]*<|<label id="pdf-title">TITLE<|' \
      "$SRC/templates/$t.xml" >"$TMP/wd/templates/$t.xml"
done
"$RAINGAN" render --data-dir "$TMP/wd" "$SRC/tests/data/scores/methods.xml" -o "$TMP/wd.pdf" >/dev/null 2>&1
wtxt=$(pdftotext -raw "$TMP/wd.pdf" - 2>/dev/null | tr -d ' \n')
sed 's|<report |<report digits="thai" |' "$SRC/tests/data/scores/methods.xml" >"$TMP/wdthai.xml"
"$RAINGAN" render --data-dir "$TMP/wd" "$TMP/wdthai.xml" -o "$TMP/wdthai.pdf" >/dev/null 2>&1
ttxt=$(pdftotext -raw "$TMP/wdthai.pdf" - 2>/dev/null | tr -d ' \n')
if [[ $wtxt == *"=3.7500ROUND[4/HALFUP]"* && $wtxt == *"AT[LEVEL1/62.5000]"* &&
      $wtxt == *"LATE[12/9]"* && $wtxt == *"CANCELLED100"* && $wtxt == *"SELF[4/3.7500]"* && $wtxt == *"UNSCORED"* &&
      $wtxt != *"ทศนิยม"* && $wtxt != *"ผลการดำเนินงานอยู่ระดับ"* && $wtxt != *"หมายเหตุ"* &&
      $(pdfinfo "$TMP/wd.pdf" | awk '/^Title:/ {print $2}') == TITLE ]]; then
  ok "the conclusion, rounding, level, notes and title are the template's words"
else
  bad "the conclusion, rounding, level, notes and title are the template's words"
  echo "$wtxt" | grep -o 'ROUND\[[^]]*\]\|AT\[[^]]*\]\|LATE\[[^]]*\]\|SELF\[[^]]*\]' | head
fi
if [[ $ttxt == *"=๓.๗๕๐๐ROUND[๔/HALFUP]"* && $ttxt == *"LATE[๑๒/๙]"* && $ttxt == *"CANCELLED๑๐๐"* ]]; then
  ok "... in the source's digits, the template's own digits too (digits=\"thai\")"
else
  bad "... in the source's digits, the template's own digits too (digits=\"thai\")"
fi
# A template's mistakes teach in the template's terms, in English and Thai:
# an empty file is told what a template starts with (not a report source),
# and a calculation section with two widths for its five columns is refused
# at widths= (it was laid out with three columns of no set width).
mkdir -p "$TMP/tm/templates"
ln -s "$SRC/fonts" "$TMP/tm/fonts"
ln -s "$SRC/data" "$TMP/tm/data"
cp "$SRC"/templates/*.xml "$TMP/tm/templates/"
: >"$TMP/tm/templates/empty.xml"
sed 's|widths="3.7\* 1.7\* 1.9\* 1.9\* 2.1\*"|widths="3.7* 1.7*"|' "$SRC/templates/indicator.xml" \
  >"$TMP/tm/templates/twowidths.xml"
lw=$(grep -n 'widths="3.7\* 1.7\*"' "$TMP/tm/templates/twowidths.xml" | cut -d: -f1)
cw=$(($(sed -n "${lw}p" "$TMP/tm/templates/twowidths.xml" | awk '{print index($0, "widths=")}')))
for t in empty twowidths; do
  sed "s/<indicator number=\"1.1\"/<indicator template=\"$t\" number=\"1.1\"/" \
    "$SRC/samples/indicators-2562.xml" >"$TMP/tm/$t.xml"
  for l in en th; do
    "$RAINGAN" --lang $l check --data-dir "$TMP/tm" "$TMP/tm/$t.xml" >"$TMP/tm/$t.$l" 2>&1
    echo "rc=$?" >>"$TMP/tm/$t.$l"
  done
done
if grep -qF "empty.xml:1:1: error: the file does not start with an XML element [xml]" "$TMP/tm/empty.en" &&
   grep -qF '  hint: a template starts with <template xmlns="urn:raingan:template:1" name="…" form="indicator">; templates/indicator.xml is one to copy' "$TMP/tm/empty.en" &&
   grep -qF '  คำแนะนำ: แม่แบบต้องขึ้นต้นด้วย <template xmlns="urn:raingan:template:1"' "$TMP/tm/empty.th" &&
   ! grep -q "report source" "$TMP/tm/empty.en" && grep -q "rc=1" "$TMP/tm/empty.en"; then
  ok "an empty template is told what a template starts with (English and Thai)"
else
  bad "an empty template is told what a template starts with (English and Thai)"; cat "$TMP/tm/empty.en" "$TMP/tm/empty.th"
fi
if grep -qF "twowidths.xml:$lw:$cw: error: section 'calculation' needs 5 column widths, not 2 [template]" "$TMP/tm/twowidths.en" &&
   grep -qF "twowidths.xml:$lw:$cw: ข้อผิดพลาด: ส่วน 'calculation' ต้องมีความกว้างคอลัมน์ 5 ค่า ไม่ใช่ 2 ค่า [template]" "$TMP/tm/twowidths.th" &&
   grep -q "rc=1" "$TMP/tm/twowidths.en"; then
  ok "two widths for the calculation's five columns: refused at widths= ($lw:$cw), English and Thai"
else
  bad "two widths for the calculation's five columns: refused at widths= ($lw:$cw), English and Thai"; cat "$TMP/tm/twowidths.en" "$TMP/tm/twowidths.th"
fi
exit $status
