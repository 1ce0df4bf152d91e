#!/usr/bin/env bash
# agency.sh - the archive of a whole agency (bench/gen.py agency: 30
# departments of 2 forms each, and variants): one agency, year and round
# (disagreeing sources are errors naming both files and lines, nothing
# written; --allow-mixed makes them warnings), the score summary grouped by
# department with subtotals and the agency's total (recomputed here from the
# printed rows), the contents grouped, the outline agency -> department ->
# indicator, one number per page, Thai front-matter labels, no file name in
# the text layer or the outline, duplicate numbers within a department,
# a department without indicators and one whose weights sum to 0.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
G="$tmp/agency"; A="$tmp/agency.pdf"
"$PY" "$SRC/bench/gen.py" agency 30 2 "$G"

"$RG" archive "$G" -o "$A" 2>"$tmp/err"; rc=$?
ok "the agency of 30 departments archives (exit 0, no message but the summary line)" \
   '[ $rc -eq 0 ] && [ "$(grep -vc "raingan archive: wrote" "$tmp/err")" -eq 0 ]'
pdftotext -layout "$A" "$tmp/all.txt"
nfront=$(qpdf --json --json-key=pagelabels "$A" | jq '.pagelabels[] | select(.label["/S"]=="/D") | .index')
npages=$(qpdf --show-npages "$A")

# Front matter: Thai letters, one per page, printed at the foot (not on the cover).
labels=$(qpdf --json --json-key=pagelabels "$A" | jq -r '[.pagelabels[] | .label["/P"] // empty] | join(",")')
want=$("$PY" -c "import sys; print(','.join('u:' + c for c in 'กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ'[:int(sys.argv[1])]))" "$nfront")
ok "front pages are labelled ก, ข, ค ... ($nfront of them), the forms 1, 2 ..." '[ "$labels" = "$want" ] && [ "$nfront" -ge 4 ]'
foot() { pdftotext -layout -f "$1" -l "$1" "$A" - | grep -v "^\s*$" | tail -1 | tr -d " \f"; }
ok "front page 2 prints ข, the last front page its letter" \
   '[ "$(foot 2)" = "ข" ] && [ "$(foot "$nfront")" = "$(echo "$want" | tr "," "\n" | tail -1 | sed "s/^u://")" ]'

# One numbering: no form prints its own "- N -"; every form page ends with its number.
ok "no page shows a form's own number (- N -)" '! grep -Eq "^\s*-\s*[0-9]+\s*-\s*$" "$tmp/all.txt"'
badfoot=0
for p in $(seq $((nfront + 1)) 37 "$npages"); do
    [ "$(foot "$p")" = "$((p - nfront))" ] || badfoot=$((badfoot + 1))
done
ok "form pages print their archive number at the foot (every 37th page checked)" '[ $badfoot -eq 0 ]'

# Score summary: a heading per department, its rows, its subtotal; the agency's total.
pdftotext -layout -f 2 -l "$nfront" "$A" "$tmp/front.txt"
"$PY" - "$tmp/front.txt" >"$tmp/sums" <<'EOF'
import re, sys
from decimal import Decimal, ROUND_HALF_UP
lines = open(sys.argv[1], encoding="utf-8").read().split("\f")
text = [l for page in lines for l in page.splitlines()]
dept, rows, groups, total, bad = None, [], [], None, []
num = r"(\d+(?:\.\d+)?)"
def q(x):
    return str(Decimal(x).quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize())
for l in text:
    s = l.strip()
    if re.fullmatch(r"กองที่ \d+", s):
        dept, rows = s, []
        continue
    m = re.match(r"^\s*(\d+\.\d+)\s.*?\s%s\s+(\S+)\s+%s\s*$" % (num, num), l)
    if m and dept:
        rows.append((Decimal(m.group(2)), Decimal(m.group(4))))
        continue
    m = re.match(r"^\s*รวม (กองที่ \d+)\s+%s\s+(\S+)\s+%s\s*$" % (num, num), l)
    if m:
        w, ws = sum(r[0] for r in rows), sum(r[1] for r in rows)
        got = (Decimal(m.group(2)), m.group(3), Decimal(m.group(4)))
        if m.group(1) != dept or got[0] != w or got[2] != ws or got[1] != q(ws * 100 / w):
            bad.append("%s: printed %s, rows give %s %s %s" % (m.group(1), got, w, q(ws * 100 / w), ws))
        groups.append((dept, w, ws, len(rows)))
        continue
    m = re.match(r"^\s*รวมทั้งหน่วยงาน\s+%s\s+(\S+)\s+%s\s*$" % (num, num), l)
    if m:
        total = (Decimal(m.group(1)), m.group(2), Decimal(m.group(3)))
w = sum(g[1] for g in groups); ws = sum(g[2] for g in groups)
print("groups", len(groups))
print("rows", sum(g[3] for g in groups))
print("order", ",".join(g[0].split()[-1] for g in groups))
print("total", "ok" if total == (w, q(ws * 100 / w), ws) else "bad %s vs %s %s %s" % (total, w, q(ws * 100 / w), ws))
for b in bad:
    print("bad", b)
EOF
ok "the score summary has 30 departments of 2 indicators, in source order" \
   'grep -qx "groups 30" "$tmp/sums" && grep -qx "rows 60" "$tmp/sums" && grep -qx "order $(seq -s, 1 30)" "$tmp/sums"'
ok "every department's subtotal is its rows' weight, weighted score and Σweighted×100/Σweight" '! grep -q "^bad" "$tmp/sums"'
ok "the agency's total is over all departments' indicators" 'grep -qx "total ok" "$tmp/sums"'

# Contents grouped, numbers right; outline agency -> department -> form.
mutool show "$A" outline >"$tmp/outline" 2>/dev/null
ok "the outline: the agency at the top, its 30 departments under it, 2 forms under each" \
   '[ "$(grep -c "^[-|+]	\"กรมตัวอย่าง\"" "$tmp/outline")" -eq 1 ] && [ "$(grep -Ec "^[-|+]		\"กองที่ [0-9]+\"" "$tmp/outline")" -eq 30 ] && [ "$(grep -Ec "^[-|+]			\"ตัวชี้วัดที่ " "$tmp/outline")" -eq 60 ]'
p7=$(grep -E "		\"กองที่ 7\"" "$tmp/outline" | grep -o "#page=[0-9]*" | cut -d= -f2)
ok "department 7's bookmark opens its first form" \
   'pdftotext -f "$p7" -l "$p7" "$A" - | tr "\n" " " | grep -q "ชื่อตัวชี้วัด : 1.1 " && pdftotext -f $((p7 - 1)) -l $((p7 - 1)) "$A" - | grep -q .'
n7=$(grep -E "^กองที่ 7 " "$tmp/front.txt" | tail -1 | awk '{print $NF}') # the contents follow the summary's state table
ok "the contents list department 7 at its first form's number" '[ "$n7" = "$((p7 - nfront))" ]'
ok "no file name anywhere a reader sees (text layer, outline)" \
   '! grep -Eq "dept-[0-9]|\.xml" "$tmp/all.txt" && ! grep -Eq "dept-[0-9]|\.xml" "$tmp/outline" && ! mutool draw -F txt "$A" 2>/dev/null | grep -Eq "dept-[0-9]|\.xml"'
ok "the cover and Info name the agency, not a department" \
   'pdftotext -f 1 -l 1 "$A" - | grep -q "กรมตัวอย่าง" && ! pdftotext -f 1 -l 1 "$A" - | grep -q "กองที่" && pdfinfo "$A" | grep -q "^Author: *กรมตัวอย่าง$"'

# Disagreeing sources: errors naming both files and lines, nothing written.
mix() { # NAME SED-EXPRESSION: dept-005 changed, archived with the rest
    rm -rf "$tmp/m"; cp -r "$G" "$tmp/m"; sed -i "$2" "$tmp/m/dept-005.xml"
    "$RG" archive "$tmp/m" -o "$tmp/m.pdf" 2>"$tmp/merr"; echo $? >"$tmp/mrc"
}
mix year 's|<fiscal-year>2562</fiscal-year>|<fiscal-year>2566</fiscal-year>|'
ok "a source of another fiscal year: exit 1, its file:line names the first source's, nothing written" \
   '[ "$(cat "$tmp/mrc")" = 1 ] && [ ! -e "$tmp/m.pdf" ] && grep -q "m/dept-005.xml:7:5: error: fiscal year 2566 differs from 2562 in .*m/dept-001.xml:7:5 \[archive-mixed\]$" "$tmp/merr"'
mix round 's|<round>12</round>|<round>6</round>|'
ok "a source of another round: the same" \
   '[ "$(cat "$tmp/mrc")" = 1 ] && grep -q "m/dept-005.xml:8:5: error: round 6 differs from 12 in .*m/dept-001.xml:8:5 \[archive-mixed\]$" "$tmp/merr"'
mix agency 's|<agency>กรมตัวอย่าง</agency>|<agency>กรมอื่น</agency>|'
ok "a source of another agency: the same, with a hint" \
   '[ "$(cat "$tmp/mrc")" = 1 ] && grep -q "m/dept-005.xml:5:5: error: agency \"กรมอื่น\" differs from \"กรมตัวอย่าง\" in .*m/dept-001.xml:5:5 \[archive-mixed\]$" "$tmp/merr" && grep -q "hint: .*--allow-mixed" "$tmp/merr"'
"$RG" archive --allow-mixed "$tmp/m" -o "$tmp/m.pdf" 2>"$tmp/merr"; rc=$?
ok "--allow-mixed: a warning, and the archive is written" \
   '[ $rc -eq 0 ] && [ -s "$tmp/m.pdf" ] && grep -q "m/dept-005.xml:5:5: warning: agency" "$tmp/merr"'

# Within one department an indicator number is given once.
rm -rf "$tmp/d"; cp -r "$G" "$tmp/d"; cp "$G/dept-003.xml" "$tmp/d/dept-999.xml"
"$RG" archive "$tmp/d" -o "$tmp/d.pdf" 2>"$tmp/derr"; rc=$?
ok "the same department's indicator 1.1 in two sources: exit 1, both files and lines" \
   '[ $rc -eq 1 ] && [ ! -e "$tmp/d.pdf" ] && grep -q "d/dept-999.xml:16:3: error: indicator 1.1 of กองที่ 3 is also in .*d/dept-003.xml:16:3 \[archive-duplicate\]$" "$tmp/derr"'

# A department without indicators (only a summary form), and one whose weights sum to 0.
rm -rf "$tmp/e"; mkdir "$tmp/e"; cp "$G/dept-001.xml" "$G/dept-002.xml" "$tmp/e/"
sed -e 's/weight="[0-9.]*"/weight="0"/g' -e 's/กองที่ 2/กองศูนย์/' "$G/dept-002.xml" >"$tmp/e/zero.xml"
"$PY" - "$SRC/samples/summary-2564.xml" "$tmp/e/empty.xml" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"<agency>[^<]*</agency>", "<agency>กรมตัวอย่าง</agency>\n    <department>กองว่าง</department>", s)
s = s.replace("<fiscal-year>2564</fiscal-year>", "<fiscal-year>2562</fiscal-year>")
open(sys.argv[2], "w", encoding="utf-8").write(s)
EOF
"$RG" archive "$tmp/e" -o "$tmp/e.pdf" 2>"$tmp/eerr"; rc=$?
pdftotext -layout -f 2 -l 2 "$tmp/e.pdf" "$tmp/e.txt"
ok "a department without indicators: a warning at its <department>, shown as such" \
   '[ $rc -eq 0 ] && grep -q "e/empty.xml:24:5: warning: department กองว่าง has no indicators" "$tmp/eerr" && grep -A1 "^ *กองว่าง *$" "$tmp/e.txt" | grep -q "ไม่มีตัวชี้วัด"'
ok "weights summing to 0: a warning, the subtotal's score is -" \
   'grep -q "e/zero.xml:6:5: warning: the indicators of กองศูนย์ weigh 0 in all" "$tmp/eerr" && grep -Eq "รวม กองศูนย์ +0 +- +0$" "$tmp/e.txt"'

finish
