#!/usr/bin/env bash
# batch.sh - drive the real `raingan batch`: one broken source among good
# ones (exit 1, the good PDFs written, the error with file:line:col), the
# summary (JSON and CSV: pages, errors, SHA-256 equal to the files), output
# names (30 sources sharing a stem, suffixes that skip a taken name), PDFs
# equal to `raingan render`'s, the same bytes with 1 or 2 threads,
# --per-indicator, an output that is an input refused, an existing PDF never
# replaced by a broken one, and the usage errors.  $1: the raingan binary,
# $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"

mkdir -p "$tmp/in"
cp "$SRC/samples/indicators-2562.xml" "$SRC/samples/summary-2564.xml" \
   "$SRC/tests/data/batch/broken.xml" "$tmp/in/"
IND="$tmp/out/2562-r12-กองคุ้มครองและพัฒนาอาชีพ.pdf"
SUM="$tmp/out/2564-r12-สำนักงานปลัดกระทรวงแรงงาน.pdf"

"$RG" batch -j 2 "$tmp/in" -o "$tmp/out" 2>"$tmp/err"; rc=$?
ok "a batch with one broken source exits 1" '[ $rc -eq 1 ]'
ok "the broken source is reported as file:line:col: error" \
   'grep -q "broken.xml:7:25: error: weight=\"130\"" "$tmp/err"'
ok "the good sources are written under predictable names" '[ -s "$IND" ] && [ -s "$SUM" ]'
ok "nothing is written for the broken source" '[ $(ls "$tmp/out" | grep -c "\.pdf$") -eq 2 ]'
ok "no temporary files are left" '[ $(ls -A "$tmp/out" | wc -l) -eq 4 ]'
ok "the written PDFs pass qpdf --check" 'qpdf --check "$IND" >/dev/null && qpdf --check "$SUM" >/dev/null'
ok "not a terminal: one quiet line per output" '[ $(grep -c "^raingan batch: ok " "$tmp/err") -eq 2 ]'

csv="$tmp/out/summary.csv"
ok "summary.csv has a header and one row per source" '[ $(wc -l <"$csv") -eq 4 ]'
ok "summary.csv marks the broken source failed with 1 error" \
   'grep -q "broken.xml\",\"\",\"\",failed,0,0,1," "$csv"'
ind_row=$(grep "indicators-2562.xml" "$csv")
ok "summary.csv: SHA-256 of the indicators PDF matches the file" \
   '[ "$(echo "$ind_row" | cut -d, -f8)" = "$(sha256sum "$IND" | cut -d" " -f1)" ]'
ok "summary.csv: its page count matches pdfinfo" \
   'echo "$ind_row" | grep -q ",ok,$(pdfinfo "$IND" | awk "/^Pages:/{print \$2}"),"'
js="$tmp/out/summary.json"
ok "summary.json is valid JSON with 3 sources, 2 outputs, 1 failed" \
   '[ "$(jq -r "[.sources,.outputs,.failed]|@csv" "$js")" = "3,2,1" ]'
ok "summary.json carries the broken source's message" \
   'jq -r ".results[]|select(.status==\"failed\")|.messages[0]" "$js" | grep -q "broken.xml:7:25"'
ok "summary.json: SHA-256 and pages of the summary PDF" \
   '[ "$(jq -r ".results[]|select(.source|endswith(\"summary-2564.xml\"))|.sha256" "$js")" = "$(sha256sum "$SUM" | cut -d" " -f1)" ]'
ok "summary.json: the source's own SHA-256" \
   '[ "$(jq -r ".results[]|select(.source|endswith(\"summary-2564.xml\"))|.source_sha256" "$js")" = "$(sha256sum "$tmp/in/summary-2564.xml" | cut -d" " -f1)" ]'

"$RG" render "$tmp/in/indicators-2562.xml" -o "$tmp/render.pdf" 2>/dev/null
ok "a batch PDF is byte-identical to raingan render's" 'cmp -s "$tmp/render.pdf" "$IND"'

"$RG" batch -q -j 1 "$tmp/in/indicators-2562.xml" "$tmp/in/summary-2564.xml" -o "$tmp/one" 2>"$tmp/err1"; rc=$?
ok "all good sources exit 0" '[ $rc -eq 0 ]'
ok "-q prints nothing when all is well" '[ ! -s "$tmp/err1" ]'
ok "one thread and two threads give the same bytes" \
   'cmp -s "$IND" "$tmp/one/$(basename "$IND")" && cmp -s "$SUM" "$tmp/one/$(basename "$SUM")"'

# -o DIR/ (a trailing slash, as shells complete folders): one slash between
# the folder and each name, in the files, the messages and both summaries;
# the counts with their singular word ("1 thread", "1 source").
"$RG" batch -j 1 "$tmp/in/summary-2564.xml" -o "$tmp/slash//" 2>"$tmp/serr"; rc=$?
S1="$tmp/slash/2564-r12-สำนักงานปลัดกระทรวงแรงงาน.pdf"
np=$(pdfinfo "$S1" | awk '/^Pages:/{print $2}')
cat >"$tmp/swant" <<EOF
raingan batch: ok $tmp/in/summary-2564.xml -> $S1 ($np pages)
raingan batch: 1 of 1 output written from 1 source (0 failed), $np pages in T s (R pages/s, 1 thread); summary in $tmp/slash/summary.json and summary.csv
EOF
sed -E 's/ in [0-9.]+ s \([0-9.]+ pages/ in T s (R pages/' "$tmp/serr" >"$tmp/sgot"
ok "-o DIR//: exit 0, the exact lines: one slash, '1 output', '1 source', '1 thread'" \
   '[ $rc -eq 0 ] && diff -u "$tmp/swant" "$tmp/sgot"'
ok "-o DIR//: summary.json's output has one slash" \
   '[ "$(jq -r ".results[0].output" "$tmp/slash/summary.json")" = "$S1" ]'
ok "-o DIR//: summary.csv's output has one slash" \
   '[ "$(sed -n 2p "$tmp/slash/summary.csv" | cut -d, -f2)" = "\"$S1\"" ]'
"$RG" batch -j 2 "$tmp/in/summary-2564.xml" "$tmp/in/indicators-2562.xml" -o "$tmp/two/" 2>"$tmp/serr"; rc=$?
ok "two sources on two threads keep the plural words" \
   '[ $rc -eq 0 ] && tail -1 "$tmp/serr" | grep -q "^raingan batch: 2 of 2 outputs written from 2 sources (0 failed), [0-9]* pages in .* pages/s, 2 threads); summary in $tmp/two/summary.json and summary.csv$"'

# Two sources with the same meta: the second gets -2, in source order.
cp "$SRC/tests/data/model/both-forms.xml" "$tmp/in/a-first.xml"
"$RG" batch -q "$tmp/in/a-first.xml" "$tmp/in/indicators-2562.xml" -o "$tmp/dup" 2>/dev/null
ok "colliding names get -2 in source order" \
   '[ -s "$tmp/dup/2562-r12-กองคุ้มครองและพัฒนาอาชีพ.pdf" ] && [ -s "$tmp/dup/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-2.pdf" ] && cmp -s "$tmp/dup/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-2.pdf" "$IND"'

# Many sources sharing a stem (one department's forms): the names are the
# stem, then -2, -3 ... in source order, exactly as before names were
# looked up in a hash set.  summary.csv lists source and output per row.
UNIT="กองคุ้มครองและพัฒนาอาชีพ"; STEM="2562-r12-$UNIT"
mkdir -p "$tmp/same"
for i in $(seq -w 1 30); do cp "$SRC/tests/data/model/both-forms.xml" "$tmp/same/c$i.xml"; done
"$RG" batch -q -j 2 "$tmp/same" -o "$tmp/same-out" 2>/dev/null; rc=$?
for i in $(seq 1 30); do
  printf '"%s/same/c%02d.xml","%s/same-out/%s%s.pdf"\n' "$tmp" "$i" "$tmp" "$STEM" \
    "$([ "$i" -gt 1 ] && echo "-$i")"
done >"$tmp/same-want"
tail -n +2 "$tmp/same-out/summary.csv" | cut -d, -f1,2 >"$tmp/same-got"
ok "30 sources sharing a stem exit 0" '[ $rc -eq 0 ]'
ok "30 sources sharing a stem are named stem, stem-2 ... stem-30 in source order" \
   'cmp -s "$tmp/same-want" "$tmp/same-got"'
ok "30 sources sharing a stem give 30 PDFs" '[ $(ls "$tmp/same-out" | grep -c "\.pdf$") -eq 30 ]'

# A stem that is itself another's suffixed name: a source of department
# "…-3" first takes stem-3; c01, c02 get stem and stem-2, c03 skips the
# taken stem-3 for stem-4; a later "…-2" finds stem-2 taken and gets stem-2-2.
mkdir -p "$tmp/mix"
sed "s|>$UNIT<|>$UNIT-3<|" "$SRC/tests/data/model/both-forms.xml" >"$tmp/mix/a00.xml"
sed "s|>$UNIT<|>$UNIT-2<|" "$SRC/tests/data/model/both-forms.xml" >"$tmp/mix/d.xml"
cp "$tmp/same/c01.xml" "$tmp/same/c02.xml" "$tmp/same/c03.xml" "$tmp/mix/"
"$RG" batch -q -j 2 "$tmp/mix" -o "$tmp/mix-out" 2>/dev/null; rc=$?
mix=$(tail -n +2 "$tmp/mix-out/summary.csv" | cut -d, -f2 | sed 's|.*/||; s|"||g' | tr '\n' ' ')
ok "suffixes skip a name a natural stem took, in source order" \
   '[ $rc -eq 0 ] && [ "$mix" = "$STEM-3.pdf $STEM.pdf $STEM-2.pdf $STEM-4.pdf $STEM-2-2.pdf " ]'

# An output that is an input under another name (a hard link) is refused,
# the input unchanged; the other source is still written.
mkdir -p "$tmp/trap-in" "$tmp/trap"
cp "$SRC/tests/data/model/both-forms.xml" "$tmp/trap-in/a.xml"
cp "$SRC/tests/data/model/both-forms.xml" "$tmp/trap-in/b.xml"
ln "$tmp/trap-in/a.xml" "$tmp/trap/$STEM.pdf"
"$RG" batch -q -j 2 "$tmp/trap-in" -o "$tmp/trap" 2>"$tmp/trap-err"; rc=$?
ok "writing over an input exits 2 (usage), as render does" '[ $rc -eq 2 ]'
want="$tmp/trap/$STEM.pdf: error: output path is the input file $tmp/trap-in/a.xml"
ok "writing over an input is output-is-input, naming the input" \
   'grep -qF "$want" "$tmp/trap-err" && grep -q "hint: choose another output path" "$tmp/trap-err"'
ok "the input written over is unchanged" \
   'cmp -s "$tmp/trap-in/a.xml" "$SRC/tests/data/model/both-forms.xml"'
ok "the other source is written" '[ "$(head -c 5 "$tmp/trap/$STEM-2.pdf")" = "%PDF-" ]'

"$RG" batch -q --per-indicator "$tmp/in/indicators-2562.xml" "$tmp/in/summary-2564.xml" -o "$tmp/per" 2>/dev/null; rc=$?
ok "--per-indicator writes one PDF per indicator (5) plus the summary source" \
   '[ $rc -eq 0 ] && [ $(ls "$tmp/per" | grep -c "\.pdf$") -eq 6 ]'
"$RG" render "$tmp/in/indicators-2562.xml" -i 4.2 -o "$tmp/r42.pdf" 2>/dev/null
ok "--per-indicator's 4.2 equals render --indicator 4.2" \
   'cmp -s "$tmp/r42.pdf" "$tmp/per/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-4.2.pdf"'

# A source of indicators and a summary table: the table is not dropped.
B="$SRC/tests/data/model/both-forms.xml"
"$RG" batch -q --per-indicator "$B" -o "$tmp/bf" 2>/dev/null; rc=$?
"$RG" render "$B" -o "$tmp/bf-all.pdf" 2>/dev/null
pp() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
ok "--per-indicator also writes a source's summary tables (...-summary.pdf), so every page is written" \
   '[ $rc -eq 0 ] && [ $(ls "$tmp/bf" | grep -c "\.pdf$") -eq 3 ] && [ -e "$tmp/bf/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-summary.pdf" ] && [ $(( $(pp "$tmp/bf/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-1.1.pdf") + $(pp "$tmp/bf/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-1.2.pdf") + $(pp "$tmp/bf/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-summary.pdf") )) -eq $(pp "$tmp/bf-all.pdf") ]'
ok "the summary PDF holds the summary form" \
   'pdftotext "$tmp/bf/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-summary.pdf" - | grep -q "รายงานผลการดำเนินงานตัวชี้วัด" && ! pdftotext "$tmp/bf/2562-r12-กองคุ้มครองและพัฒนาอาชีพ-summary.pdf" - | grep -q "ผู้กำกับดูแลตัวชี้วัด"'

# An existing PDF is never replaced by a broken render: make the good
# source broken and run again into the same folder.
rm "$tmp/in/a-first.xml"
cp "$IND" "$tmp/before.pdf"
sed -i 's/weight="30"/weight="300"/' "$tmp/in/indicators-2562.xml"
"$RG" batch -q "$tmp/in" -o "$tmp/out" 2>/dev/null; rc=$?
ok "a now-broken source exits 1" '[ $rc -eq 1 ]'
ok "its old PDF is left as it was" 'cmp -s "$tmp/before.pdf" "$IND"'

"$RG" batch --help >"$tmp/out.txt"; rc=$?
ok "--help exits 0 and documents exit statuses" '[ $rc -eq 0 ] && grep -q "exit status" "$tmp/out.txt"'
"$RG" batch "$tmp/in" 2>/dev/null; rc=$?
ok "no -o is a usage error (2)" '[ $rc -eq 2 ]'
"$RG" batch -j 0 "$tmp/in" -o "$tmp/x" 2>/dev/null; rc=$?
ok "-j 0 is a usage error (2)" '[ $rc -eq 2 ]'
"$RG" batch "$tmp/missing" -o "$tmp/x" 2>"$tmp/err"; rc=$?
ok "a missing source exits 1 naming it" '[ $rc -eq 1 ] && grep -q missing "$tmp/err"'

finish
