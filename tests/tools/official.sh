#!/usr/bin/env bash
# official.sh - what makes a report official, through the real CLI: sign-off
# blocks (text in order, kept on one page), the approval state (the draft
# mark on every page, archive refusing a draft, the state in batch's
# summary), numbered evidence (references, links to the right item,
# attachments byte-identical through pdfdetach, the manifest), pictures
# (placed at the right size on the rendered page, alpha flattened, PDF/A
# kept), and the bad inputs of the issue, each with its exact message.
# $1: the raingan binary, $2: the source folder.
set -u
RG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; SRC="$2"
fail=0; pass=0
ok() { if eval "$2"; then pass=$((pass+1)); echo "ok   - $1"; else fail=$((fail+1)); echo "FAIL - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
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
ok "the sample checks clean" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]'
"$RG" check --dump "$S" >"$tmp/dump" 2>/dev/null
ok "the dump lists the approval state with its steps" \
   'grep -q "status approved @21:5 submitted=2019-10-03 by \"นางสาวพัชรี ศุภดิษฐ์\" approved=2019-10-05 by \"นายวิศิษฐ์ ผลตก\"" "$tmp/dump"'
ok "the dump numbers the evidence items 1..5" \
   '[ "$(grep -o "evidence-item [0-9]*" "$tmp/dump" | tr "\n" " ")" = "evidence-item 1 evidence-item 2 evidence-item 3 evidence-item 4 evidence-item 5 " ]'
ok "a photo used twice (evidence 3, figure) is one file" \
   '[ $(grep -c "^    file \"evidence/meeting-photo.jpg\"" "$tmp/dump") -eq 1 ]'
ok "the signature is read as a 300x90 PNG" 'grep -q "file \"evidence/signature.png\" .* png 300x90" "$tmp/dump"'
ok "references link to #evidence-N" 'grep -q "text \"4\" href=\"#evidence-4\"" "$tmp/dump"'

"$RG" render "$S" -o "$tmp/s.pdf" 2>"$tmp/err"; rc=$?
ok "the sample renders without messages" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]'
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
"$RG" batch "$tmp/d/draft.xml" "$S" -o "$tmp/b" 2>/dev/null
ok "batch's summary.json gives each source's state" \
   '[ "$(jq -r "[.results[].state] | join(\",\")" "$tmp/b/summary.json")" = "draft,approved" ]'
ok "batch's summary.csv has a state column" \
   'head -1 "$tmp/b/summary.csv" | grep -q ",errors,state,sha256$" && tail -n +2 "$tmp/b/summary.csv" | cut -d, -f8 | tr "\n" " " | grep -q "^draft approved $"'

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
    ok "$name: $want" 'grep -qxF -- "$want" "$B/$name.err" || { cat "$B/$name.err"; false; }'
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
# --files-root names a wider folder: the symlink's target is inside it now.
"$RG" check --files-root "$B" "$B/in/symlink-out.xml" 2>"$tmp/err"; rc=$?
ok "--files-root: a symlink into the named folder is accepted" '[ $rc -eq 0 ] && [ ! -s "$tmp/err" ]'
"$RG" check --files-root "$B/in/sub" "$B/in/missing.xml" 2>/dev/null
"$RG" render --files-root "$B/nowhere" "$B/in/missing.xml" -o "$tmp/x.pdf" 2>"$tmp/err"; rc=$?
ok "--files-root that does not exist is an error" \
   '[ $rc -eq 1 ] && grep -q "the folder files are taken from ($B/nowhere) cannot be opened: No such file or directory" "$tmp/err"'

echo "official: $pass passed, $fail failed"
[ $fail -eq 0 ]
