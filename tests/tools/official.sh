#!/usr/bin/env bash
# official.sh - what makes a report official, through the real CLI: sign-off
# blocks (text in order, kept on one page), the approval state (the draft
# mark on every page, archive refusing a draft, the state in batch's
# summary), numbered evidence (references, links to the right item,
# attachments byte-identical through pdfdetach, the manifest), pictures
# (placed at the right size on the rendered page, alpha flattened, PDF/A
# kept), and the bad inputs of the issue, each with its exact message.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
S="$SRC/samples/official-2562.xml"

# A source in folder $1 named $2 whose indicator 1.1 ends with $3 (evidence,
# sign-off ...) and whose <meta> ends with $4.
mksrc() {
    cat >"$1/$2" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:raingan:report:1">
  <meta><agency>กรม</agency><fiscal-year>2562</fiscal-year><round>12</round>$4</meta>
  <indicator number="1.1" weight="30">
    <name>ตัวชี้วัด <ref item="1"/></name>
    <supervisor><person><name>นาย ก</name></person></supervisor>
    <criteria><level value="1">ก</level><level value="2">ข</level><level value="3">ค</level><level value="4">ง</level><level value="5">จ</level></criteria>
    <calculation><row weight="30" score="5"><label>a</label><result>5</result></row></calculation>
$3
  </indicator>
</report>
EOF
}

# ---- the sample --------------------------------------------------------------
"$RG" check "$S" 2>"$tmp/err"; rc=$?
ok "the sample checks clean" '[ $rc -eq 0 ] && ! grep -q "warning:\|error:" "$tmp/err"'
"$RG" check --dump "$S" >"$tmp/dump" 2>/dev/null
ok "the dump lists the approval state with its steps" \
   'grep -q "status approved @22:5 submitted=2019-10-03 by \"นางสาวพัชรี ศุภดิษฐ์\" approved=2019-10-05 by \"นายวิศิษฐ์ ผลตก\"" "$tmp/dump"'
ok "the dump numbers the evidence items 1..5" \
   '[ "$(grep -o "evidence-item [0-9]*" "$tmp/dump" | tr "\n" " ")" = "evidence-item 1 evidence-item 2 evidence-item 3 evidence-item 4 evidence-item 5 " ]'
ok "a photo used twice (evidence 3, figure) is one file" \
   '[ $(grep -c "^    file \"evidence/meeting-photo.jpg\"" "$tmp/dump") -eq 1 ]'
ok "the signature is read as a 300x90 PNG" 'grep -q "file \"evidence/signature.png\" .* png 300x90" "$tmp/dump"'
ok "references link to #evidence-N" 'grep -q "text \"4\" href=\"#evidence-4\"" "$tmp/dump"'

"$RG" render "$S" -o "$tmp/s.pdf" 2>"$tmp/err"; rc=$?
ok "the sample renders without warnings" '[ $rc -eq 0 ] && ! grep -q "warning\|error" "$tmp/err"'
ok "qpdf --check is clean" 'qpdf --check "$tmp/s.pdf" >/dev/null 2>&1'
np=$(pdfinfo "$tmp/s.pdf" | awk '/^Pages:/{print $2}')

# Sign-off: both blocks of the form on one page, in order: the reporter's
# line, name, position and date, then the certifier's; the same words for
# the whole report's sign-off at the end.
signpage=0
for p in $(seq 1 "$np"); do
    pdftotext -f $p -l $p "$tmp/s.pdf" - | grep -q "ผู้รับรองข้อมูล" && { signpage=$p; break; }
done
pdftotext -f $signpage -l $signpage "$tmp/s.pdf" "$tmp/sign.txt"
order() { # the words $2.. appear in file $1 in this order
    local f="$1" at=0 n; shift
    for w in "$@"; do
        n=$(grep -n -F -- "$w" "$f" | cut -d: -f1 | awk -v a=$at '$1>=a{print; exit}')
        [ -n "$n" ] || return 1
        at=$n
    done
}
ok "the form's sign-off is on one page with both blocks" \
   'grep -q "ผู้รายงาน" "$tmp/sign.txt" && grep -q "(นายวิศิษฐ์ ผลตก)" "$tmp/sign.txt" && grep -q "วันที่ 5 ตุลาคม 2562" "$tmp/sign.txt"'
pdftotext -raw -f $signpage -l $signpage "$tmp/s.pdf" "$tmp/sign-raw.txt"
ok "the reporter's block reads in order: ลงชื่อ … ผู้รายงาน, (name), ตำแหน่ง, วันที่" \
   'order "$tmp/sign-raw.txt" "ผู้รายงาน" "(นางสาวพัชรี ศุภดิษฐ์)" "ตำแหน่ง นักพัฒนาสังคม" "วันที่ 3 ตุลาคม 2562"'
ok "the certifier's block reads in order after it" \
   'order "$tmp/sign-raw.txt" "วันที่ 3 ตุลาคม 2562" "ผู้รับรองข้อมูล" "(นายวิศิษฐ์ ผลตก)" "ตำแหน่ง ผู้อำนวยการกอง" "วันที่ 5 ตุลาคม 2562"'
# The dotted line to sign on is at least 4 cm (113.4 pt) whatever the role
# (it shrank to 16 dots beside ผู้รับรองข้อมูล, 10 beside a longer role); a
# role that does not fit beside it goes on the line under it; the signature
# picture is centred over the dotted line (it sat over the role).
pdftotext -f $signpage -l $signpage -bbox "$tmp/s.pdf" - |
    awk -F'"' '/>ลงชื่อ</{getline; if ($0 ~ />\.+</) print $2, $6}' >"$tmp/dots"
ok "each block's dotted line is at least 4 cm long ($(awk '{printf "%.0f ", $2 - $1}' "$tmp/dots")pt)" \
   '[ $(wc -l <"$tmp/dots") -eq 2 ] && awk "\$2 - \$1 < 113.4 {exit 1}" "$tmp/dots"'
ok "… the roles are lines of their own under it" \
   'grep -qx "ผู้รายงาน" "$tmp/sign.txt" && grep -qx "ผู้รับรองข้อมูล" "$tmp/sign.txt"'
"$RG" render "$S" --dump-layout -o "$tmp/s2.pdf" 2>/dev/null | awk '/^page /{p++} p == '"$signpage"' && /image .* evidence\/signature.png/' |
    sed 's/^ *image \([0-9.]*\),[0-9.]* \([0-9.]*\)x.*/\1 \2/' >"$tmp/sig"
ok "the signature is centred over its dotted line (within 1.5 pt)" \
   '[ -s "$tmp/sig" ] && awk -v x="$(cut -d" " -f1 "$tmp/sig")" -v w="$(cut -d" " -f2 "$tmp/sig")" "BEGIN{c = x + w / 2; best = 1e9} {d = (\$1 + \$2) / 2 - c; if (d < 0) d = -d; if (d < best) best = d} END{exit !(best <= 1.5)}" "$tmp/dots"'
pdftotext -f $np -l $np "$tmp/s.pdf" "$tmp/last.txt"
ok "the whole report's sign-off closes the last page" \
   'grep -q "ผู้รายงาน" "$tmp/last.txt" && grep -q "(นายวิศิษฐ์ ผลตก)" "$tmp/last.txt"'
ok "no page of an approved report carries the draft mark" '! pdftotext "$tmp/s.pdf" - | grep -q "ร่าง"'

# A sign-off block taller than what is left of a page moves whole: render a
# form whose evidence fills most of a page, then the sign-off.
mkdir "$tmp/keep"
items=""; for i in $(seq 1 34); do items="$items<item>หลักฐานรายการที่ $i</item>"; done
mksrc "$tmp/keep" k.xml "<evidence>$items</evidence><signoff><sign role=\"reporter\"><name>นางสาว ข</name><position>นักวิเคราะห์</position></sign><sign role=\"certifier\"><name>นาย ค</name></sign></signoff>" ""
"$RG" render "$tmp/keep/k.xml" -o "$tmp/k.pdf" 2>/dev/null
kp=$(pdfinfo "$tmp/k.pdf" | awk '/^Pages:/{print $2}')
both=0
for p in $(seq 1 "$kp"); do
    t=$(pdftotext -f $p -l $p "$tmp/k.pdf" -)
    echo "$t" | grep -q "ผู้รายงาน" && echo "$t" | grep -q "(นาย ค)" && echo "$t" | grep -q "นักวิเคราะห์" && both=$((both+1))
done
ok "a long form keeps its sign-off blocks together on one page ($kp pages)" '[ $kp -ge 2 ] && [ $both -eq 1 ]'

# ---- evidence: references are links to the right item ----------------------
C="$SRC/tests/tools/officialcheck.py"
python3 "$C" links "$tmp/s.pdf" >"$tmp/links"
ok "the references of the text and caption are links (items 1, 3, 4, 5)" \
   '[ "$(cut -d" " -f2 "$tmp/links" | sort | tr "\n" " ")" = "d1/1.1/evidence-1 d1/1.1/evidence-3 d1/1.1/evidence-4 d1/1.1/evidence-5 " ]'
ok "every link's destination exists" '! grep -q missing "$tmp/links"'
ph=$(pdfinfo "$tmp/s.pdf" | awk '/^Page size:/{print $5}')
item_at() { # a link's target -> the text of the line just below the destination
    local l pg y top
    l=$(grep " $1 " "$tmp/links" | head -1)
    pg=$(echo "$l" | cut -d" " -f3); y=$(echo "$l" | cut -d" " -f4)
    top=$(awk -v h="$ph" -v y="$y" 'BEGIN{printf "%d", h - y}')
    pdftotext -f "$pg" -l "$pg" -x 0 -y "$top" -W 600 -H 22 "$tmp/s.pdf" - | tr -s " \n\f" " "
}
ok "the link to item 1 leads to the line of item 1" 'item_at d1/1.1/evidence-1 | grep -q "^ *1\. คำสั่ง 03/2562"'
ok "the link to item 4 leads to the line of item 4" 'item_at d1/1.1/evidence-4 | grep -q "^ *4\. แบบสำรวจความพึงพอใจ"'
ok "the link to item 5 leads to the line of item 5" 'item_at d1/1.1/evidence-5 | grep -q "^ *5\. ผลประเมินความพึงพอใจ"'
ok "a file's name is printed after its item" 'pdftotext "$tmp/s.pdf" - | grep -q "(ไฟล์แนบ: survey-results.csv)"'
ok "the photo (800x600 JPEG at 60% of the column) is kept as a JPEG at 150 ppi: 567x425" \
   'pdfimages -list "$tmp/s.pdf" | grep -Eq " image +567 +425 +rgb +3 +8 +jpeg "'

ok "a reference written as plain text in the sample (ข้อ 4 และ 5) links like <ref>" \
   'grep -q "text \"5\" href=\"#evidence-5\"" "$tmp/dump" && pdftotext "$tmp/s.pdf" - | grep -q "(ตามหลักฐานอ้างอิง ข้อ 4 และ 5)"'

# ---- references written as plain text, as agencies write them ----------------
T="$tmp/tr"; mkdir "$T"
mksrc "$T" t.xml '<explanation>
<p>มีคำสั่ง (ตามหลักฐานอ้างอิง ข้อ ๒๕ และ ๒๖) แล้ว</p>
<p>ดู หลักฐาน ข้อ 3 กับ หลักฐานที่ 1-2 และ &amp; หลักฐาน 3 ชิ้น</p>
<p>หลักฐานอ้างอิงข้อ 7 และ 7.1 <b>ตัวหนา</b> หลักฐาน ข้อ 1, 2 และข้อ 40</p>
<p><a href="https://example.org/">หลักฐาน ข้อ 3</a> ไม่ใช่ลิงก์ไปยังหลักฐาน</p>
</explanation>
<evidence><item>หนึ่ง</item><item>สอง</item><item>สาม</item><item number="25">ยี่สิบห้า</item><item>ยี่สิบหก</item></evidence>' ''
"$RG" check --dump "$T/t.xml" >"$T/dump" 2>"$T/err"; rc=$?
ok "plain-text references: check exits 0 with the two unknown numbers as warnings" \
   '[ $rc -eq 0 ] && [ "$(grep -c "warning:" "$T/err")" = 2 ]'
ok "… a missing number is a warning at its line and column (7 after หลักฐานอ้างอิงข้อ)" \
   'grep -qxF "$T/t.xml:12:22: warning: the text refers to evidence item 7, which indicator 1.1 does not have; it is printed without a link [unknown-evidence]" "$T/err"'
ok "… also in a text run after an element (40, after <b>…</b>), column exact" \
   'grep -qxF "$T/t.xml:12:70: warning: the text refers to evidence item 40, which indicator 1.1 does not have; it is printed without a link [unknown-evidence]" "$T/err"'
grep -o 'text "[^"]*" href="#evidence-[0-9]*"' "$T/dump" | sed 's/text //' | tr '\n' ' ' >"$T/hrefs"
ok "… Thai and Arabic digits, lists (และ , ข้อ), ranges (1-2) link to their items; 7.1, 3 ชิ้น and <a> text do not" \
   '[ "$(cat "$T/hrefs")" = "\"1\" href=\"#evidence-1\" \"๒๕\" href=\"#evidence-25\" \"๒๖\" href=\"#evidence-26\" \"3\" href=\"#evidence-3\" \"1\" href=\"#evidence-1\" \"2\" href=\"#evidence-2\" \"1\" href=\"#evidence-1\" \"2\" href=\"#evidence-2\" " ]'
"$RG" render "$T/t.xml" -o "$T/t.pdf" 2>/dev/null
# the text with white space dropped: the paragraphs wrap where Thai has no space
nows() { tr -d " \n\f"; }
pdftotext "$T/t.pdf" - | nows >"$T/text"
ok "… and the text reads exactly as written (pdftotext)" \
   'grep -qF "$(echo "มีคำสั่ง (ตามหลักฐานอ้างอิง ข้อ ๒๕ และ ๒๖) แล้ว" | nows)" "$T/text" && grep -qF "$(echo "ดู หลักฐาน ข้อ 3 กับ หลักฐานที่ 1-2 และ & หลักฐาน 3 ชิ้น" | nows)" "$T/text" && grep -qF "$(echo "หลักฐานอ้างอิงข้อ 7 และ 7.1 ตัวหนา หลักฐาน ข้อ 1, 2 และข้อ 40" | nows)" "$T/text"'
pdftotext "$T/t.pdf" - | grep -xF "หลักฐานอ้างอิงข้อ 7 และ 7.1 ตัวหนา หลักฐาน ข้อ 1, 2 และข้อ 40" >"$T/line"
ok "… its spaces included (a whole line compared)" '[ -s "$T/line" ]'
mutool draw -F txt "$T/t.pdf" 2>/dev/null | nows >"$T/mtext"
ok "… also as MuPDF copies it" 'grep -qF "$(echo "(ตามหลักฐานอ้างอิง ข้อ ๒๕ และ ๒๖)" | nows)" "$T/mtext" && grep -qF "$(echo "ดู หลักฐาน ข้อ 3 กับ หลักฐานที่ 1-2" | nows)" "$T/mtext"'
python3 "$C" links "$T/t.pdf" >"$T/links"
ok "… the PDF has one /Link per linked number (8 with the name's <ref>), each to an existing destination" \
   '[ "$(wc -l <"$T/links")" = 8 ] && ! grep -q missing "$T/links"'
tph=$(pdfinfo "$T/t.pdf" | awk '/^Page size:/{print $5}')
dest_line() { # the text of the line just below link target $1's destination in $T/t.pdf
    local l pg y
    l=$(grep " $1 " "$T/links" | head -1)
    pg=$(echo "$l" | cut -d" " -f3); y=$(echo "$l" | cut -d" " -f4)
    pdftotext -f "$pg" -l "$pg" -x 0 -y "$(awk -v h="$tph" -v y="$y" 'BEGIN{printf "%d", h - y}')" -W 600 -H 22 "$T/t.pdf" - | tr -s " \n\f" " "
}
ok "… ๒๕ leads to item 25 (its page and place)" 'dest_line d1/1.1/evidence-25 | grep -q "^ *25\. ยี่สิบห้า"'
ok "… ๒๖ leads to item 26" 'dest_line d1/1.1/evidence-26 | grep -q "^ *26\. ยี่สิบหก"'
ok "… 3 leads to item 3" 'dest_line d1/1.1/evidence-3 | grep -q "^ *3\. สาม"'
# an indicator without numbered items: text is left alone, no warning
mksrc "$T" none.xml '<explanation><p>ตามหลักฐานอ้างอิง ข้อ ๒๕</p></explanation><evidence><item>x</item></evidence>' ''
sed -i 's|<ref item="1"/>||; s|<evidence><item>x</item></evidence>|<evidence><p>หลักฐานไม่มีเลขข้อ</p></evidence>|' "$T/none.xml"
"$RG" check --dump "$T/none.xml" >"$T/dump-none" 2>"$T/err-none"; rc=$?
ok "an indicator without numbered items: its references stay text, no warning" \
   '[ $rc -eq 0 ] && ! grep -q "warning:" "$T/err-none" && ! grep -q "href" "$T/dump-none"'

# ---- the archive: attachments, manifest, outline, PDF/A ---------------------
A="$tmp/ar/official.pdf"; mkdir "$tmp/ar"
"$RG" archive "$S" -o "$A" 2>"$tmp/err"; rc=$?
ok "the sample archives (approved)" '[ $rc -eq 0 ] && qpdf --check "$A" >/dev/null 2>&1'
mkdir "$tmp/det"; pdfdetach -saveall -o "$tmp/det" "$A" 2>/dev/null
for f in order-03-2562.pdf:1 meeting-photo.jpg:3 survey-results.csv:5; do
    n=${f%%:*}; i=${f##*:}
    ok "evidence $i ($n) comes out of the archive byte for byte (pdfdetach)" \
       'cmp -s "$tmp/det/1.1-$i-$n" "$SRC/samples/evidence/$n"'
done
qpdf --json=2 "$A" >"$tmp/a.json" 2>/dev/null
jq -r '.qpdf[1] | to_entries[] | .value.value | select(type=="object" and .["/AFRelationship"]=="/Supplement") | .["/F"]' "$tmp/a.json" >"$tmp/supp"
ok "the evidence files are associated files with /AFRelationship /Supplement" '[ $(wc -l <"$tmp/supp") -eq 3 ]'
jq -r '.qpdf[1] | to_entries[] | .value.stream.dict // empty | select(.["/Type"]=="/EmbeddedFile") | .["/Subtype"]' "$tmp/a.json" >"$tmp/mimes"
ok "… with their MIME types" 'grep -qx "/application/pdf" "$tmp/mimes" && grep -qx "/image/jpeg" "$tmp/mimes" && grep -qx "/text/csv" "$tmp/mimes"'
M="$tmp/ar/official.manifest.json"
ok "the manifest lists each evidence file with its size and SHA-256" \
   '[ $(jq ".evidence | length" "$M") -eq 3 ] && [ "$(jq -r ".evidence[] | select(.item==3) | .sha256" "$M")" = "$(sha256sum "$SRC/samples/evidence/meeting-photo.jpg" | cut -d" " -f1)" ] && [ "$(jq -r ".evidence[] | select(.item==1) | .size" "$M")" = "$(stat -c %s "$SRC/samples/evidence/order-03-2562.pdf")" ]'
ok "the embedded manifest is the one written beside the archive" 'cmp -s "$tmp/det/manifest.json" "$M"'
mutool show "$A" outline >"$tmp/outline" 2>/dev/null
ok "the outline has an entry per evidence file under หลักฐานอ้างอิง (ไฟล์แนบ)" \
   'grep -q "\"หลักฐานอ้างอิง (ไฟล์แนบ)\"" "$tmp/outline" && [ $(grep -Ec "1\.1 หลักฐานอ้างอิง [135]\. " "$tmp/outline") -eq 3 ]'
evp=$(grep "หลักฐานอ้างอิง 3\. meeting-photo.jpg" "$tmp/outline" | sed 's/.*#page=\([0-9]*\).*/\1/')
ok "… each opening the page of its item" 'pdftotext -f "$evp" -l "$evp" "$A" - | grep -q "3. ภาพการประชุม"'
# The outline under the form: ตัวชี้วัดที่ 1.1 … -> หลักฐานอ้างอิง -> one entry per item,
# each opening its item's line (named destination d1/1.1/evidence-N).
tab=$(printf '\t')
ok "the form's outline entry has หลักฐานอ้างอิง under it (one level deeper)" \
   'grep -A1 "^[-|+]$tab$tab$tab\"ตัวชี้วัดที่ 1.1 " "$tmp/outline" | tail -1 | grep -q "^[-|+]$tab$tab$tab$tab\"หลักฐานอ้างอิง\""'
grep "^[-|+]$tab$tab$tab$tab$tab\"" "$tmp/outline" | cut -f6 >"$tmp/ev-titles"
ok "… and under it the five items in order, with their attachments named" \
   '[ "$(cat "$tmp/ev-titles" | tr "\n" "/")" = "\"1. คำสั่ง 03/2562 แต่งตั้งคณะทำงานการกำกับดูแลและประสานงานศูนย์เรียนรู้ฯ (ไฟล์แนบ: order-03-2562.pdf)\"/\"2. รายงานผลประชุมฯ 2 ครั้ง ดังกล่าวข้างต้น\"/\"3. ภาพการประชุมเพื่อกำหนดแนวทางร่วมกับศูนย์เรียนรู้ฯ (ไฟล์แนบ: meeting-photo.jpg)\"/\"4. แบบสำรวจความพึงพอใจ\"/\"5. ผลประเมินความพึงพอใจ (ไฟล์แนบ: survey-results.csv)\"/" ]'
aph=$(pdfinfo "$A" | awk '/^Page size:/{print $5}')
outline_item() { # the line of text just below outline entry $1 (a title's start)'s destination
    local l pg y
    l=$(grep "^[-|+]$tab$tab$tab$tab$tab\"$1" "$tmp/outline" | head -1)
    pg=$(echo "$l" | sed 's/.*#page=\([0-9]*\).*/\1/'); y=$(echo "$l" | sed 's/.*zoom=[0-9.]*,[0-9.]*,\([0-9.]*\).*/\1/')
    pdftotext -f "$pg" -l "$pg" -x 0 -y "${y%.*}" -W 600 -H 22 "$A" - | tr -s " \n\f" " "
}
ok "… item 1's entry opens item 1's line" 'outline_item "1\. " | grep -q "^ *1\. คำสั่ง 03/2562"'
ok "… item 4's entry opens item 4's line" 'outline_item "4\. " | grep -q "^ *4\. แบบสำรวจความพึงพอใจ"'
ok "… item 5's entry opens item 5's line (its attachment icon's)" 'outline_item "5\. " | grep -q "^ *5\. ผลประเมินความพึงพอใจ"'
cat >"$tmp/odest.py" <<'PY'
import json, subprocess, sys
o = json.loads(subprocess.run(["qpdf", "--json=2", sys.argv[1]], capture_output=True).stdout)["qpdf"][1]
def v(r):
    if isinstance(r, str) and r.endswith(" R"):
        x = o["obj:" + r]; return x.get("value", x.get("stream", {}).get("dict"))
    return r
def walk(e, depth):
    while e:
        d = v(e)
        t = d["/Title"]; t = t[2:] if t.startswith("u:") else t
        dest = v(d.get("/Dest"))
        print(depth, t.split(" ")[0], dest if isinstance(dest, str) else "page")
        if "/First" in d: walk(d["/First"], depth + 1)
        e = d.get("/Next")
walk(v(v(o["trailer"]["value"]["/Root"])["/Outlines"])["/First"], 0)
PY
python3 "$tmp/odest.py" "$A" >"$tmp/odest"
ok "the items' outline entries name the evidence entries' destinations (qpdf --json)" \
   '[ "$(awk "\$1==4" "$tmp/odest" | cut -d" " -f2,3 | tr "\n" "/")" = "1. u:d1/1.1/evidence-1/2. u:d1/1.1/evidence-2/3. u:d1/1.1/evidence-3/4. u:d1/1.1/evidence-4/5. u:d1/1.1/evidence-5/" ]'
ok "the contents (สารบัญ) still list forms only, no evidence items" \
   '! pdftotext -f 3 -l 3 "$A" - | grep -q "แบบสำรวจความพึงพอใจ"'
jq -r '.qpdf[1] | to_entries[] | .value.value | select(type=="object" and .["/Subtype"]=="/FileAttachment") | .["/FS"]' "$tmp/a.json" >"$tmp/fs"
ok "each evidence entry carries an attachment icon leading to its own file" \
   '[ $(wc -l <"$tmp/fs") -eq 3 ] && [ $(sort -u "$tmp/fs" | wc -l) -eq 3 ] && ! grep -q null "$tmp/fs"'
ok "PDF/A-3b: annotations printable with appearances, no masks, files described and associated" \
   '[ "$(python3 "$C" pdfa "$A")" = ok ]'
"$RG" archive "$S" -o "$tmp/ar/again.pdf" 2>/dev/null
ok "equal inputs give equal archives, pictures and attachments included" 'cmp -s "$A" "$tmp/ar/again.pdf"'

# ---- pictures: size, place, alpha, dedup, downsampling -----------------------
P="$tmp/pic"; mkdir "$P"
python3 "$SRC/tests/tools/mkimages.py" "$P"
python3 - "$P/big.png" <<'PY'
import struct, sys, zlib
w, h = 3000, 1500
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)
row = b"\x00" + bytes([0, 128, 0]) * w
raw = zlib.compress(row * h, 1)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b""))
PY
mksrc "$P" fig.xml '<evidence><item>x</item>
<figure src="bars.png" width="10cm" align="center"/>
<figure src="rgba.png" width="4cm" align="left"/>
<figure src="bars.png" width="10cm" align="right"/>
<figure src="grey.png" width="2cm"/><figure src="palette.png" width="2cm"/><figure src="interlaced.png" width="2cm"/><figure src="deep.png" width="2cm"/>
<figure src="big.png" width="5cm"/>
</evidence>' ''
"$RG" render "$P/fig.xml" -o "$P/fig.pdf" 2>"$P/err"; rc=$?
ok "PNG pictures of every kind render (grey, palette, interlaced, 16-bit, RGBA)" '[ $rc -eq 0 ] && qpdf --check "$P/fig.pdf" >/dev/null 2>&1'
ok "… with one warning, the 16-bit one's" '[ "$(grep -c warning "$P/err")" = 1 ] && grep -q "deep.png" "$P/err"'
pdfimages -list "$P/fig.pdf" | tail -n +3 >"$P/imgs"
ok "a picture shown twice at one size is one image object (bars: 400x100, kept: under 150 ppi)" \
   '[ $(awk "\$4==400 && \$5==100" "$P/imgs" | wc -l) -eq 2 ] && [ $(awk "\$4==400 && \$5==100 {print \$11}" "$P/imgs" | sort -u | wc -l) -eq 1 ]'
# 3000x1500 shown 5 cm wide: 5 cm at 150 ppi is 296 pixels.
ok "a large picture is downsampled to 150 ppi (3000x1500 at 5 cm: 296x148)" \
   'awk "\$4==296 && \$5==148" "$P/imgs" | grep -q .'
ok "PNG pictures are plain images without soft masks" '! grep -q smask "$P/imgs"'
# Geometry on a page of its own: a 10 cm picture centred, a 4 cm one at the left.
mksrc "$P" geo.xml '<evidence><item>x</item><figure src="bars.png" width="10cm" align="center"/><figure src="rgba.png" width="4cm" align="left"/></evidence>' ''
"$RG" render "$P/geo.xml" -o "$P/geo.pdf" 2>/dev/null
pg=$(pdfimages -list "$P/geo.pdf" | awk 'NR > 2 && $4==400 {print $1; exit}')
pdftoppm -r 72 -f "$pg" -l "$pg" "$P/geo.pdf" "$P/page"
ppm=$(ls "$P"/page*.ppm | head -1)
read -r x0 y0 x1 y1 <<<"$(python3 "$C" box "$ppm" 0 0 255 | head -1)"
# 10 cm = 283.5 pt: each bar (a quarter) 70.9 pt wide and the picture 70.9 pt tall.
ok "a 10 cm picture is drawn 10 cm wide (a quarter: $((x1 - x0 + 1)) px of 71 at 72 dpi)" '[ $((x1 - x0 + 1)) -ge 69 ] && [ $((x1 - x0 + 1)) -le 73 ]'
ok "… and as tall as its aspect says ($((y1 - y0 + 1)) px of 71)" '[ $((y1 - y0 + 1)) -ge 69 ] && [ $((y1 - y0 + 1)) -le 73 ]'
read -r gx0 gy0 gx1 gy1 <<<"$(python3 "$C" box "$ppm" 0 255 0)"
# The green bar (the second quarter) of the centred picture starts at
# 85.0 + (453.5 - 283.5) / 2 + 70.9 = 240.9 pt.
ok "the 10 cm picture is centred in the column (green bar from x=$gx0, 241 expected)" '[ $gx0 -ge 239 ] && [ $gx0 -le 243 ]'
read -r rx0 ry0 rx1 ry1 <<<"$(python3 "$C" box "$ppm" 255 0 0 $((gy1 + 1)))"
# rgba.png's red half (below the bars), 2 cm wide, starts at the frame's left (85 pt); its
# transparent half is white on the page.
ok "the left-aligned picture starts at the column's left (x=$rx0, 85 expected)" '[ $rx0 -ge 83 ] && [ $rx0 -le 87 ]'
ok "… its opaque half 2 cm wide ($((rx1 - rx0 + 1)) px of 57) and its transparent half white" \
   '[ $((rx1 - rx0 + 1)) -ge 55 ] && [ $((rx1 - rx0 + 1)) -le 59 ] && [ "$(python3 "$C" pixel "$ppm" $((rx1 + 20)) $(((ry0 + ry1) / 2)))" = "255 255 255" ]'
mkdir "$P/x"; pdfimages "$P/fig.pdf" "$P/x/i"
n=$(awk '$4==40 && $5==20 {print $2; exit}' "$P/imgs")
img=$(printf "%s/x/i-%03d.ppm" "$P" "$n")
ok "alpha is flattened onto white: the transparent half of rgba.png is white" \
   '[ "$(python3 "$C" pixel "$img" 30 10)" = "255 255 255" ] && [ "$(python3 "$C" pixel "$img" 5 10)" = "255 0 0" ]'
# Memory: a 6000x6000 picture (36 Mpx, 108 MB of pixels) shown 5 cm wide is
# decoded a row at a time into a 296-pixel output.
python3 - "$P/huge-ok.png" <<'PY'
import struct, sys, zlib
w = h = 6000
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xFFFFFFFF)
c = zlib.compressobj(1)
row = b"\x00" + bytes(range(256)) * (w * 3 // 256) + bytes(w * 3 % 256)
data = b"".join(c.compress(row) for _ in range(h)) + c.flush()
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", data) + chunk(b"IEND", b""))
PY
mksrc "$P" mem.xml '<evidence><item>x</item><figure src="huge-ok.png" width="5cm"/></evidence>' ''
/usr/bin/time -f "%M" -o "$P/rss" "$RG" render "$P/mem.xml" -o "$P/mem.pdf" 2>/dev/null; rc=$?
ok "a 36-megapixel picture renders in bounded memory (peak $(cat "$P/rss") KiB, under 100 MiB)" \
   '[ $rc -eq 0 ] && [ "$(tail -1 "$P/rss")" -lt 102400 ]'

# Damaged pictures found while rendering: an error at the figure, no PDF.
cp "$SRC/samples/evidence/meeting-photo.jpg" "$P/whole.jpg"
head -c 6000 "$P/whole.jpg" >"$P/cut.jpg"
for c in truncated.png:"picture 'truncated.png' cannot be read: the file ends early (truncated)" \
         cut.jpg:"picture 'cut.jpg' cannot be read: Premature end of JPEG file"; do
    f=${c%%:*}; msg=${c#*:}
    mksrc "$P" "bad-$f.xml" "<evidence><item>x</item><figure src=\"$f\"/></evidence>" ''
    echo keep >"$P/bad.pdf"
    "$RG" render "$P/bad-$f.xml" -o "$P/bad.pdf" 2>"$P/err"; rc=$?
    ok "$f: exit 1, the old output kept, no temporary file" '[ $rc -eq 1 ] && [ "$(cat "$P/bad.pdf")" = keep ] && ! ls "$P" | grep -q tmp'
    ok "$f: $msg" 'grep -qF "$P/bad-$f.xml:9:25: error: $msg" "$P/err" && [ $(grep -c error "$P/err") -eq 1 ] || { cat "$P/err"; false; }'
done

# ---- the approval state --------------------------------------------------------
mkdir "$tmp/d"
mksrc "$tmp/d" draft.xml "<evidence><item>คำสั่ง</item></evidence>" '<status state="draft"/>'
"$RG" render "$tmp/d/draft.xml" -o "$tmp/draft.pdf" 2>/dev/null
dp=$(pdfinfo "$tmp/draft.pdf" | awk '/^Pages:/{print $2}')
marked=0
for p in $(seq 1 "$dp"); do
    pdftotext -f $p -l $p "$tmp/draft.pdf" - | grep -q "ร่าง" && marked=$((marked+1))
done
ok "a draft carries ร่าง on every page ($dp pages)" '[ $marked -eq $dp ]'
"$RG" render "$SRC/samples/indicators-2562.xml" -o "$tmp/long.pdf" 2>/dev/null
sed 's|</meta>|<status state="draft"/></meta>|' "$SRC/samples/indicators-2562.xml" >"$tmp/d/long-draft.xml"
"$RG" render "$tmp/d/long-draft.xml" -o "$tmp/long-draft.pdf" 2>/dev/null
lp=$(pdfinfo "$tmp/long-draft.pdf" | awk '/^Pages:/{print $2}')
ok "the 22-page sample as a draft: ร่าง on all its pages, the page count unchanged" \
   '[ "$lp" = "$(pdfinfo "$tmp/long.pdf" | awk "/^Pages:/{print \$2}")" ] && [ $(for p in $(seq 1 $lp); do pdftotext -f $p -l $p "$tmp/long-draft.pdf" - | grep -c "^ร่าง$"; done | grep -c "^1$") -eq $lp ]'

"$RG" archive "$tmp/d/draft.xml" -o "$tmp/d/a.pdf" 2>"$tmp/err"; rc=$?
ok "archive refuses a draft (exit 1, nothing written)" '[ $rc -eq 1 ] && [ ! -e "$tmp/d/a.pdf" ]'
ok "… naming the <status> line" \
   'grep -q "draft.xml:3:[0-9]*: error: the report is a draft (<status state=\"draft\">); an archive takes submitted or approved reports" "$tmp/err"'
"$RG" archive --allow-draft "$tmp/d/draft.xml" -o "$tmp/d/a.pdf" 2>"$tmp/err"; rc=$?
ap=$(pdfinfo "$tmp/d/a.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
ok "archive --allow-draft takes it, its form marked ร่าง" \
   '[ $rc -eq 0 ] && pdftotext -f $ap -l $ap "$tmp/d/a.pdf" - | grep -q "ร่าง"'

mkdir "$tmp/b"
mksrc "$tmp/d" sub.xml "<evidence><item>คำสั่ง</item></evidence>" '<status state="submitted"><submitted date="2019-10-01" by="นาย ส, ฝ่าย &quot;แผน&quot;"/></status>'
"$RG" batch "$tmp/d/draft.xml" "$S" "$tmp/d/sub.xml" -o "$tmp/b" 2>/dev/null
ok "batch's summary.json gives each source's state" \
   '[ "$(jq -r "[.results[].state] | join(\",\")" "$tmp/b/summary.json")" = "draft,approved,submitted" ]'
ok "… and who submitted and approved it, when (null when not said)" \
   '[ "$(jq -c "[.results[] | [.submitted_by, .submitted_on, .approved_by, .approved_on]]" "$tmp/b/summary.json")" = "[[null,null,null,null],[\"นางสาวพัชรี ศุภดิษฐ์\",\"2019-10-03\",\"นายวิศิษฐ์ ผลตก\",\"2019-10-05\"],[\"นาย ส, ฝ่าย \\\"แผน\\\"\",\"2019-10-01\",null,null]]" ]'
ok "batch's summary.csv has the state columns" \
   'head -1 "$tmp/b/summary.csv" | grep -q ",errors,sha256,weight,score,weighted,messages,state,submitted_by,submitted_on,approved_by,approved_on$"'
# the state columns, read by a CSV parser (the name holds a comma and quotes)
csvcols() { python3 -c 'import csv,sys; [print("|".join(r[-5:])) for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))[1:]]' "$1"; }
ok "… with the state, who and when of each source" \
   '[ "$(csvcols "$tmp/b/summary.csv" | tr "\n" "/")" = "draft||||/approved|นางสาวพัชรี ศุภดิษฐ์|2019-10-03|นายวิศิษฐ์ ผลตก|2019-10-05/submitted|นาย ส, ฝ่าย \"แผน\"|2019-10-01||/" ]'

# raingan score: the table, --json and --csv carry the state
"$RG" score "$S" "$tmp/d/draft.xml" >"$tmp/score.txt" 2>/dev/null
ok "score's table gives the state, who approved and submitted it, when" \
   'grep -qx "  state: approved by นายวิศิษฐ์ ผลตก on 2019-10-05; submitted by นางสาวพัชรี ศุภดิษฐ์ on 2019-10-03" "$tmp/score.txt"'
ok "… and a draft as a draft" '[ "$(grep -c "^  state: draft$" "$tmp/score.txt")" = 1 ]'
"$RG" score "$SRC/samples/summary-2564.xml" 2>/dev/null | sed -n 2p >"$tmp/score-none.txt"
ok "… and a source without <status> as not stated" 'grep -qx "  state: not stated" "$tmp/score-none.txt"'
"$RG" score --json "$S" "$tmp/d/sub.xml" "$SRC/samples/summary-2564.xml" >"$tmp/score.json" 2>/dev/null
ok "score --json: state, submitted_by/on, approved_by/on of each file" \
   '[ "$(jq -c "[.files[] | [.state, .submitted_by, .submitted_on, .approved_by, .approved_on]]" "$tmp/score.json")" = "[[\"approved\",\"นางสาวพัชรี ศุภดิษฐ์\",\"2019-10-03\",\"นายวิศิษฐ์ ผลตก\",\"2019-10-05\"],[\"submitted\",\"นาย ส, ฝ่าย \\\"แผน\\\"\",\"2019-10-01\",null,null],[null,null,null,null,null]]" ]'
"$RG" score --csv "$S" "$tmp/d/sub.xml" >"$tmp/score.csv" 2>/dev/null
ok "score --csv: the state columns after the figures" \
   'head -1 "$tmp/score.csv" | grep -qx "file,kind,number,method,result,level,score,stated_score,self_score,weight,weighted,status,working,decimals,rounding,state,submitted_by,submitted_on,approved_by,approved_on"'
ok "… on every row of the file (indicator and total)" \
   '[ "$(csvcols "$tmp/score.csv" | tr "\n" "/")" = "approved|นางสาวพัชรี ศุภดิษฐ์|2019-10-03|นายวิศิษฐ์ ผลตก|2019-10-05/approved|นางสาวพัชรี ศุภดิษฐ์|2019-10-03|นายวิศิษฐ์ ผลตก|2019-10-05/submitted|นาย ส, ฝ่าย \"แผน\"|2019-10-01||/submitted|นาย ส, ฝ่าย \"แผน\"|2019-10-01||/" ]'

# the archive: each source's state in the manifest and on the summary page
ok "the archive's manifest gives the source's state, who and when" \
   '[ "$(jq -c ".sources[0] | [.state, .submitted_by, .submitted_on, .approved_by, .approved_on]" "$M")" = "[\"approved\",\"นางสาวพัชรี ศุภดิษฐ์\",\"2019-10-03\",\"นายวิศิษฐ์ ผลตก\",\"2019-10-05\"]" ]'
# the page's text in content order, spaces and line ends dropped (cells wrap)
pdftotext -raw -f 2 -l 2 "$A" - | tr -d " \n" >"$tmp/sum-page"
ok "the archive's summary page has a row per source: department, indicators, อนุมัติแล้ว, by whom and when" \
   'grep -q "สถานะการรับรองข้อมูลหน่วยงานตัวชี้วัดสถานะผู้เสนอผู้อนุมัติกองคุ้มครองและพัฒนาอาชีพ1.1อนุมัติแล้วนางสาวพัชรีศุภดิษฐ์(3ตุลาคม2562)นายวิศิษฐ์ผลตก(5ตุลาคม2562)" "$tmp/sum-page"'
mkdir "$tmp/ar2"
sed 's/number="1.1"/number="2.1"/' "$tmp/d/sub.xml" >"$tmp/ar2/sub.xml"
sed 's/number="1.1"/number="3.1"/' "$tmp/d/draft.xml" >"$tmp/ar2/draft.xml"
"$RG" archive --allow-draft --allow-mixed "$S" "$tmp/ar2/sub.xml" "$tmp/ar2/draft.xml" -o "$tmp/ar2/x.pdf" 2>/dev/null
pdftotext -raw -f 2 -l 2 "$tmp/ar2/x.pdf" - | tr -d " \n" >"$tmp/sum-page2"
ok "… a submitted one as เสนอแล้ว with its submitter, a draft as ร่าง, none approved" \
   'grep -q "กรม2.1เสนอแล้วนายส,ฝ่าย\"แผน\"(1ตุลาคม2562)-กรม3.1ร่าง--" "$tmp/sum-page2"'
python3 "$tmp/odest.py" "$tmp/ar2/x.pdf" >"$tmp/odest2"
ok "… the outline's items of the second and third sources open their own forms' items (d2, d3)" \
   '[ "$(awk "\$1==4" "$tmp/odest2" | cut -d" " -f3 | tr "\n" " ")" = "u:d1/1.1/evidence-1 u:d1/1.1/evidence-2 u:d1/1.1/evidence-3 u:d1/1.1/evidence-4 u:d1/1.1/evidence-5 u:d2/2.1/evidence-1 u:d3/3.1/evidence-1 " ] && python3 "$C" dests "$tmp/ar2/x.pdf" | grep -q "^d3/3.1/evidence-1 "'
ok "… and the manifest says approved, submitted, draft in source order" \
   '[ "$(jq -r "[.sources[].state] | join(\",\")" "$tmp/ar2/x.manifest.json")" = "approved,submitted,draft" ]'

# ---- bad input: each with its exact message, nothing written -----------------
B="$tmp/bad"; mkdir -p "$B/in/sub" "$B/outside"
python3 "$SRC/tests/tools/mkimages.py" "$B/in"
echo secret >"$B/outside/secret.txt"
ln -s ../outside/secret.txt "$B/in/link.txt"
cp "$B/in/rgba.png" "$B/outside/pic.png"
ln -s ../../outside/pic.png "$B/in/sub/pic.png"
bad() { # name, content, meta, expected stderr line (exact), expected exit
    local name="$1" want="$4" code="$5"
    mksrc "$B/in" "$name.xml" "$2" "$3"
    echo keep >"$B/$name.pdf"
    "$RG" render "$B/in/$name.xml" -o "$B/$name.pdf" 2>"$B/$name.err"; rc=$?
    if [ "$code" -eq 0 ]; then
        ok "$name: exit 0, the PDF written" '[ $rc -eq 0 ] && [ "$(head -c 4 "$B/$name.pdf")" = "%PDF" ]'
    else
        ok "$name: exit $code, the old output kept" '[ $rc -eq $code ] && [ "$(cat "$B/$name.pdf")" = keep ] && ! ls "$B" | grep -q tmp'
    fi
    ok "$name: $want" 'grep -qF -- "$want" "$B/$name.err" || { cat "$B/$name.err"; false; }'
}
bad missing '<evidence><item file="nowhere.pdf">x</item></evidence>' '' \
    "$B/in/missing.xml:9:17: error: file 'nowhere.pdf' does not exist" 1
bad symlink-out '<evidence><item file="link.txt">x</item></evidence>' '' \
    "$B/in/symlink-out.xml:9:17: error: file 'link.txt' is outside the folder files may be taken from ($(cd "$B/in" && pwd -P)) once its links are followed" 1
bad dotdot '<evidence><item file="../outside/secret.txt">x</item></evidence>' '' \
    "$B/in/dotdot.xml:9:17: error: file '../outside/secret.txt' is outside the folder files may be taken from ($(cd "$B/in" && pwd -P))" 1
bad picture-link '<evidence><figure src="sub/pic.png"/></evidence>' '' \
    "$B/in/picture-link.xml:9:19: error: file 'sub/pic.png' is outside the folder files may be taken from ($(cd "$B/in" && pwd -P)) once its links are followed" 1
bad fake '<evidence><figure src="fake.png"/></evidence>' '' \
    "$B/in/fake.xml:9:19: error: 'fake.png' is not a PNG or JPEG picture (pictures must be PNG or JPEG)" 1
bad huge '<evidence><figure src="huge.png"/></evidence>' '' \
    "$B/in/huge.xml:9:19: error: picture 'huge.png' has 20000 x 20000 pixels, more than the limit of 50 million; scale it down first" 1
bad cmyk '<evidence><figure src="cmyk.jpg"/></evidence>' '' \
    "$B/in/cmyk.xml:9:19: error: picture 'cmyk.jpg' is a CMYK JPEG; save it as RGB (sRGB) for the report" 1
bad folder '<evidence><item file="sub">x</item></evidence>' '' \
    "$B/in/folder.xml:9:17: error: 'sub' is not a regular file" 1
bad no-ref '<evidence><item number="2">x</item></evidence>' '' \
    "$B/in/no-ref.xml:5:26: error: <ref item=\"1\">: indicator 1.1 has no evidence item 1" 1
bad no-items '' '' \
    "$B/in/no-items.xml:5:26: error: <ref item=\"1\">: indicator 1.1 has no numbered evidence items (<evidence><item>)" 1
bad dup-item '<evidence><item>x</item><item number="1">y</item></evidence>' '' \
    "$B/in/dup-item.xml:9:25: error: evidence item 1 is numbered twice in indicator 1.1" 1
bad bad-width '<evidence><item>x</item><figure src="rgba.png" width="0%"/></evidence>' '' \
    "$B/in/bad-width.xml:9:48: error: figure width \"0%\" must be a percentage above 0 and at most 100" 1
bad no-name '<evidence><item>x</item></evidence><signoff><sign role="reporter"><name> </name></sign></signoff>' '' \
    "$B/in/no-name.xml:9:45: warning: sign-off 'reporter' has no name; the form shows an empty line for it" 0
bad unknown-role '<evidence><item>x</item></evidence><signoff><sign role="boss"><name>นาย ง</name></sign></signoff>' '' \
    "$B/in/unknown-role.xml:9:45: warning: sign-off role 'boss' is not one of this form's (reporter=ผู้รายงาน|certifier=ผู้รับรองข้อมูล); it is not printed" 0
bad deep '<evidence><item>x</item><figure src="deep.png"/></evidence>' '' \
    "$B/in/deep.xml:9:33: warning: picture 'deep.png' has 16 bits per channel; it is reduced to 8" 0
bad approved-by-nobody '<evidence><item>x</item></evidence>' '<status state="approved"/>' \
    "$B/in/approved-by-nobody.xml:3:77: warning: the report is approved but <status> does not say by whom (<approved date=\"...\" by=\"...\"/>)" 0
# A role the template does not print is found when the templates load: by
# check too (the studio's underline), and once in an archive (its forms are
# laid out from the sources read again, which said nothing the second time).
want_role="$B/in/unknown-role.xml:9:45: warning: sign-off role 'boss' is not one of this form's (reporter=ผู้รายงาน|certifier=ผู้รับรองข้อมูล); it is not printed [unknown-role]"
"$RG" check "$B/in/unknown-role.xml" 2>"$tmp/err"; rc=$?
ok "check warns of a sign-off role the form's template does not print" \
   '[ $rc -eq 0 ] && grep -qxF -- "$want_role" "$tmp/err"'
"$RG" archive "$B/in/unknown-role.xml" -o "$tmp/role-archive.pdf" 2>"$tmp/err"; rc=$?
ok "an archive warns of it once" '[ $rc -eq 0 ] && [ "$(grep -cxF -- "$want_role" "$tmp/err")" = 1 ]'
"$RG" render "$B/in/unknown-role.xml" -o "$tmp/role.pdf" 2>"$tmp/err"
ok "... and so does render" '[ "$(grep -cxF -- "$want_role" "$tmp/err")" = 1 ]'

# --files-root names a wider folder: the symlink's target is inside it now.
"$RG" check --files-root "$B" "$B/in/symlink-out.xml" 2>"$tmp/err"; rc=$?
ok "--files-root: a symlink into the named folder is accepted" '[ $rc -eq 0 ] && ! grep -q "warning:\|error:" "$tmp/err"'
"$RG" check --files-root "$B/in/sub" "$B/in/missing.xml" 2>/dev/null
"$RG" render --files-root "$B/nowhere" "$B/in/missing.xml" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
ok "--files-root that does not exist is an error" \
   '[ $rc -eq 1 ] && grep -q "the folder files are taken from ($B/nowhere) cannot be opened: No such file or directory" "$tmp/err"'

finish
