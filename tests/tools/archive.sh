#!/usr/bin/env bash
# archive.sh - drive the real `raingan archive`: qpdf --check clean, the
# outline, the contents' page numbers pointing at the right forms, page
# labels, attachments equal to the sources, the manifest, PDF/A-3b
# identification (XMP) and OutputIntent, identical bytes on two runs, and
# a broken source writing nothing.  $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
I="$SRC/samples/indicators-2562.xml"; S="$SRC/samples/summary-2564.xml"
A="$tmp/archive.pdf"

# The two samples are two agencies' reports of two years: an error naming
# both files and lines, unless mixing is asked for.
"$RG" archive "$I" "$S" -o "$A" 2>"$tmp/err"; rc=$?
ok "sources of two agencies and years are an error (exit 1) naming both files and lines, nothing written" \
   '[ $rc -eq 1 ] && [ ! -e "$A" ] && grep -q "summary-2564.xml:23:5: error: agency \"สำนักงานปลัดกระทรวงแรงงาน\" differs from \"กรมกิจการสตรีและสถาบันครอบครัว\" in .*indicators-2562.xml:21:5" "$tmp/err" && grep -q "summary-2564.xml:24:5: error: fiscal year 2564 differs from 2562 in .*indicators-2562.xml:23:5" "$tmp/err"'
"$RG" archive --allow-mixed "$I" "$S" -o "$A" 2>"$tmp/err"; rc=$?
ok "--allow-mixed archives them (exit 0) with the differences as warnings" \
   '[ $rc -eq 0 ] && grep -q "summary-2564.xml:24:5: warning: fiscal year 2564 differs" "$tmp/err"'
ok "qpdf --check is clean" 'qpdf --check "$A" >/dev/null 2>&1'
ok "the manifest is written beside it" '[ -s "$tmp/archive.manifest.json" ]'

mkdir "$tmp/again"; cp "$I" "$S" "$tmp/again/"
( cd "$tmp" && "$RG" archive --allow-mixed again -o "$tmp/archive2.pdf" 2>/dev/null )
ok "identical inputs give identical bytes (files or a folder, any working directory)" 'cmp -s "$A" "$tmp/archive2.pdf"'

# Outline.
mutool show "$A" outline >"$tmp/outline" 2>/dev/null
ok "the outline has the front-matter parts" 'grep -q "\"ปก\"" "$tmp/outline" && grep -q "\"สารบัญ\"" "$tmp/outline"'
ok "the outline has one entry per indicator" '[ $(grep -c "ตัวชี้วัดที่ " "$tmp/outline") -eq 5 ]'
ok "the outline has the summary form" 'grep -q "ตารางสรุปผลการดำเนินงานตัวชี้วัด" "$tmp/outline"'

# Page labels: Thai letters for the front matter, then 1, 2 ... from the first form.
nfront=$(qpdf --json --json-key=pagelabels "$A" | jq '.pagelabels[] | select(.label["/S"]=="/D") | .index')
ok "page labels: ก, ข, ค for the front matter, 1.. from the first form" \
   '[ "$(qpdf --json --json-key=pagelabels "$A" | jq -r "[.pagelabels[] | .label[\"/P\"] // empty] | join(\",\")")" = "u:ก,u:ข,u:ค" ] && [ "$nfront" -eq 3 ]'
ok "the score summary and the contents print ข and ค at their feet" \
   '[ "$(pdftotext -layout -f 2 -l 2 "$A" - | grep -v "^\s*$" | tail -1 | tr -d " \f")" = "ข" ] && [ "$(pdftotext -layout -f 3 -l 3 "$A" - | grep -v "^\s*$" | tail -1 | tr -d " \f")" = "ค" ]'
"$RG" archive --allow-mixed --front-labels roman "$I" "$S" -o "$tmp/roman.pdf" 2>/dev/null
ok "--front-labels roman: i, ii, iii" \
   '[ "$(qpdf --json --json-key=pagelabels "$tmp/roman.pdf" | jq -r ".pagelabels[0].label[\"/S\"]")" = "/r" ] && [ "$(pdftotext -layout -f 2 -l 2 "$tmp/roman.pdf" - | grep -v "^\s*$" | tail -1 | tr -d " \f")" = "ii" ]'
"$RG" archive --front-labels greek "$I" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
ok "--front-labels greek is a usage error (2)" '[ $rc -eq 2 ] && grep -q "front-labels takes thai or roman" "$tmp/err"'

# Contents: for each indicator X listed on page N, the page labelled N is X's form.
toc=$(for p in $(seq 1 "$nfront"); do pdftotext -layout -f $p -l $p "$A" - 2>/dev/null | grep -q "สารบัญ" && echo $p; done | head -1)
pdftotext -layout -f "$toc" -l "$nfront" "$A" "$tmp/toc.txt"
for x in 1.1 1.2 2 4.2 4.3; do
    n=$(grep "ตัวชี้วัดที่ $x " "$tmp/toc.txt" | head -1 | awk '{print $NF}')
    phys=$((nfront + n))
    ok "contents: indicator $x is on page $n (physical $phys), whose form is $x" \
       'pdftotext -f $phys -l $phys "$A" - | tr "\n" " " | grep -q "ชื่อตัวชี้วัด : $x "'
    ok "outline: indicator $x opens page $phys" 'grep "ตัวชี้วัดที่ $x " "$tmp/outline" | grep -q "#page=$phys&"'
    ok "page $phys prints its number $n at the foot" \
       '[ "$(pdftotext -layout -f $phys -l $phys "$A" - | grep -v "^\s*$" | tail -1 | tr -d " \f")" = "$n" ]'
done
pdftotext -layout -f 1 -l 1 "$A" "$tmp/cover.txt"
ok "the cover names the agency (the first source's), fiscal year and round" \
   'grep -q "กรมกิจการสตรีและสถาบันครอบครัว" "$tmp/cover.txt" && grep -q "พ.ศ. 2562" "$tmp/cover.txt" && grep -q "รอบ 12 เดือน" "$tmp/cover.txt"'
"$RG" archive "$I" -o "$tmp/one.pdf" 2>/dev/null
ok "one department's archive names its department on the cover" \
   'pdftotext -f 1 -l 1 "$tmp/one.pdf" - | grep -q "กองคุ้มครองและพัฒนาอาชีพ"'
pdftotext -layout -f 2 -l 2 "$A" "$tmp/scores.txt"
ok "the score summary lists 1.2 with weight 20, score 3, weighted 0.6" \
   'grep -Eq "^ *1\.2 .* 20 +3 +0\.6$" "$tmp/scores.txt"'
# 3.1 over the 70 of weight the sample's five indicators carry:
# 3.1 x 100 / 70 = 4.428571... -> 4.4286 (the total renormalised, docs/format.md)
ok "the score summary groups by department: its name, its subtotal (70, 4.4286 = 3.1 x 100 / 70, 3.1)" \
   'grep -Eq "^ *กองคุ้มครองและพัฒนาอาชีพ *$" "$tmp/scores.txt" && grep -Eq "รวม กองคุ้มครองและพัฒนาอาชีพ +70 +4\.4286 +3\.1$" "$tmp/scores.txt"'
ok "the score summary ends with the agency's total" 'grep -Eq "รวมทั้งหน่วยงาน +70 +4\.4286 +3\.1$" "$tmp/scores.txt"'
ok "the forms' pages are render's pages (text of indicator 1.2's first page)" \
   '"$RG" render "$I" -o "$tmp/full.pdf" 2>/dev/null && [ "$(pdftotext -f 4 -l 4 "$tmp/full.pdf" - | head -5)" = "$(pdftotext -f $((nfront + 4)) -l $((nfront + 4)) "$A" - | head -5)" ]'

# Attachments.
mkdir "$tmp/det"
pdfdetach -saveall -o "$tmp/det" "$A" 2>/dev/null
ok "the sources are attached and extract byte-identical" \
   'cmp -s "$tmp/det/indicators-2562.xml" "$I" && cmp -s "$tmp/det/summary-2564.xml" "$S"'
ok "the manifest is attached and equals the one beside" 'cmp -s "$tmp/det/manifest.json" "$tmp/archive.manifest.json"'
ok "the manifest holds each source's SHA-256" \
   '[ "$(jq -r ".sources[0].sha256" "$tmp/archive.manifest.json")" = "$(sha256sum "$I" | cut -d" " -f1)" ] && [ "$(jq -r ".sources[1].name" "$tmp/archive.manifest.json")" = "summary-2564.xml" ]'
mutool show "$A" trailer/Root >"$tmp/root" 2>/dev/null
ok "the catalog's /AF lists the attachments, each /AFRelationship" \
   'grep -q "/AF \[" "$tmp/root" && [ $(mutool show "$A" grep 2>/dev/null | grep -c "/AFRelationship/Source") -eq 2 ]'

# PDF/A-3b.
mutool show "$A" trailer/Root/Metadata >"$tmp/xmp" 2>/dev/null
ok "XMP identifies PDF/A-3b (pdfaid:part 3, conformance B)" \
   'grep -q "<pdfaid:part>3</pdfaid:part>" "$tmp/xmp" && grep -q "<pdfaid:conformance>B</pdfaid:conformance>" "$tmp/xmp"'
ok "XMP dc:title matches the Info title's start" 'grep -q "<dc:title>" "$tmp/xmp"'
icc=$(grep -o "/DestOutputProfile [0-9]*" "$tmp/root" | awk '{print $2}')
ok "the sRGB OutputIntent is present with an ICC profile" \
   'grep -q "/S /GTS_PDFA1" "$tmp/root" && mutool show "$A" "$icc" 2>/dev/null | grep -q "/N 3"'
ok "the ICC profile is Debian's sRGB profile, byte for byte" \
   '[ ! -e /usr/share/color/icc/sRGB.icc ] || { qpdf --show-object="$icc" --filtered-stream-data "$A" >"$tmp/icc"; cmp -s "$tmp/icc" /usr/share/color/icc/sRGB.icc; }'
ok "the file is PDF 1.7 with a binary comment" '[ "$(head -c 8 "$A")" = "%PDF-1.7" ]'
ok "the trailer has a content-derived /ID" 'mutool show "$A" trailer | grep -q "/ID \[ <"'
ok "pdffonts: every font embedded" '! pdffonts "$A" | tail -n +3 | awk "{print \$(NF-4)}" | grep -q no'

# A broken source: nothing written.
"$RG" archive "$I" "$SRC/tests/data/batch/broken.xml" -o "$tmp/bad.pdf" 2>"$tmp/err"; rc=$?
ok "a broken source exits 1, names file:line:col and writes nothing" \
   '[ $rc -eq 1 ] && grep -q "broken.xml:7:25: error" "$tmp/err" && [ ! -e "$tmp/bad.pdf" ] && [ ! -e "$tmp/bad.manifest.json" ]'
"$RG" archive --help | grep -q "PDF/A-3b"; rc=$?
ok "--help describes the archive" '[ $rc -eq 0 ]'
"$RG" archive "$I" "$S" 2>/dev/null; rc=$?
ok "no -o with two sources is a usage error (2)" '[ $rc -eq 2 ]'

# Written straight to a device: it stays a device, no manifest beside it,
# and no temporary file is left next to a regular output.
if [ -w /dev/null ]; then
  "$RG" archive "$I" -o /dev/null 2>/dev/null; rc=$?
  ok "-o /dev/null works, /dev/null stays a device, no manifest beside it" \
     '[ $rc -eq 0 ] && [ -c /dev/null ] && [ ! -e /dev/null.manifest.json ]'
fi
# The approvals table sets a name as the forms do (whole on one line when
# it fits the cell) and a Thai date as a unit: the name and date of the
# report that broke as "นางสาวสุดา ใจ|งาม (10 ตุลาคม|2567)".
mkdir "$tmp/appr"; cp -r "$SRC/samples/evidence" "$tmp/appr/"
sed -e 's|<submitted date="2019-10-03" by="[^"]*"/>|<submitted date="2024-10-10" by="นางสาวสุดา ใจงาม"/>|' \
    -e 's|<approved date="2019-10-05" by="[^"]*"/>|<approved date="2024-10-15" by="นายประเสริฐ มั่นคง"/>|' \
    "$SRC/samples/official-2562.xml" >"$tmp/appr/a.xml"
"$RG" archive "$tmp/appr/a.xml" -o "$tmp/appr.pdf" 2>/dev/null
pdftotext -f 2 -l 2 "$tmp/appr.pdf" "$tmp/appr.txt"
ok "approvals: the submitter's name is one line (นางสาวสุดา ใจงาม), the date one line after it" \
   'grep -qxF "นางสาวสุดา ใจงาม" "$tmp/appr.txt" && grep -qxF "(10 ตุลาคม 2567)" "$tmp/appr.txt"'
ok "… and the approver's (นายประเสริฐ มั่นคง, (15 ตุลาคม 2567))" \
   'grep -qxF "นายประเสริฐ มั่นคง" "$tmp/appr.txt" && grep -qxF "(15 ตุลาคม 2567)" "$tmp/appr.txt"'

ok "no temporary files are left beside the archives" '[ -z "$(ls "$tmp" | grep tmp)" ]'

finish
