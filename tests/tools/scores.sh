#!/usr/bin/env bash
# scores.sh - KPI scoring through the real CLI (issue #12): the seed figures
# come out of the samples' PDFs (pdftotext), every method's score and the
# round's renormalised total come out of `raingan score` (table, --json,
# --csv) and out of the rendered form's working, and bad scoring input is
# reported at file:line:col.  Expected figures are worked by hand in the
# comments of tests/data/scores/*.xml, never taken from a run.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
D="$SRC/tests/data/scores"
cd "$tmp" || exit 1

# ---- the seeds' figures, from the samples' PDFs ---------------------------------
"$RG" render -q "$SRC/samples/indicators-2562.xml" -o ind.pdf 2>err; rc=$?
ok "indicators-2562 renders" '[ $rc -eq 0 ]'
pdftotext -layout ind.pdf ind.txt
# seed 000: 30 x 5 / 100 = 1.5 (1.1), 20 x 3 / 100 = 0.6 (1.2), 5 x 5 / 100 = 0.25 (4.2, 4.3)
ok "seed 000: 1.1 weighs 30, scores 5, weighted 1.5" 'grep -Eq " 30 +5 +5 +1\.5$" ind.txt'
ok "seed 000: 1.2 weighs 20, ระดับ 3, weighted 0.6" 'grep -Eq " 20 +ระดับ 3 +ระดับ 3 +0\.6$" ind.txt'
ok "seed 000: 4.2 and 4.3 weigh 5, weighted 0.25" '[ "$(grep -Ec " 5 +5 +5 +0\.25$" ind.txt)" -eq 2 ]'
ok "seed 000: no binary-float residue (0.6000000001) anywhere" '! grep -Eq "[0-9]\.[0-9]*0000000[1-9]" ind.txt'

"$RG" render -q "$SRC/samples/summary-2564.xml" -o sum.pdf 2>err; rc=$?
ok "summary-2564 renders" '[ $rc -eq 0 ]'
pdftotext -raw sum.pdf - | tr -d '\n' >sum.txt  # content order: a cell's lines stay together
# seed 004, ๓.: 81.96 >= 77.87 (ขั้นสูง): 100 points
ok "seed 004: 81.96 against ขั้นสูง 77.87 scores ๑๐๐" \
   'grep -q "(ผลการดำเนินงานอยู่ระดับเป้าหมายขั้นสูง ๑๐๐ *คะแนน)" sum.txt'
# seed 004, ๔.๒ PMQA 4.0: 384.58 / 401.70 x 100 = 95.73811... -> 95.7381
ok "seed 004: PMQA 4.0 prints (… มาตรฐาน ๙๕.๗๓๘๑ คะแนน) as the agency did" \
   'grep -q "(ผลการดำเนินงานอยู่ระดับเป้าหมายมาตรฐาน *๙๕.๗๓๘๑ คะแนน)" sum.txt'
ok "seed 004: PMQA 4.0 no longer prints the ๗๕ of the level" \
   '! grep -q "มาตรฐาน ๗๕ คะแนน)" sum.txt'

"$RG" score --csv "$SRC/samples/summary-2564.xml" >sum.csv 2>err
ok "score: the PMQA line is ratio 384.58 -> 95.7381 with its working" \
   'grep -qx "$SRC/samples/summary-2564.xml,target,๔.๒,ratio,384.58,standard,95.7381,,,,,,384.58 / 401.70 × 100 = 95.7381,4,half-up,,,,," sum.csv'
"$RG" score --csv "$SRC/samples/indicators-2562.xml" >ind.csv 2>err
ok "score: the seed 000 weighted scores are 1.5, 0.6, 0.5, 0.25, 0.25" \
   '[ "$(cut -d, -f3,11 ind.csv | tail -n +2 | head -5 | tr "\n" " ")" = "1.1,1.5 1.2,0.6 2,0.5 4.2,0.25 4.3,0.25 " ]'
# 3.1 over 70 of weight: 3.1 x 100 / 70 = 4.428571... -> 4.4286
ok "score: the seed 000 total is weight 70, weighted 3.1, score 4.4286" \
   'grep -q ",total,,,,,4.4286,,,70,3.1,," ind.csv'

# ---- every method, round weights, cancelled/late/none, renormalised total ----------
"$RG" score "$D/methods.xml" >m.txt 2>err; rc=$?
ok "score: methods.xml exits 0 without messages" '[ $rc -eq 0 ] && [ ! -s err ]'
row() { grep -E "^  $1 " m.txt | tr -s ' '; }
ok "five-level 87.5 on 60..100 scores 3.75; round-9 weight 25; weighted 0.9375" \
   '[ "$(row 1)" = " 1 five-level 87.5 3.75 - 4 25 0.9375 counted " ]'
ok "the working 3 + (87.5 − 80) / (90 − 80) = 3.7500 is listed" \
   'grep -qF "= 3 + (87.5 − 80) / (90 − 80) = 3.7500" m.txt'
ok "lower-is-better 5 days on 10/8/6/4/2 scores 3.5, weighted 0.7" \
   '[ "$(row 2)" = " 2 five-level 5 3.5 - - 20 0.7 counted " ]'
ok "milestone step 4 scores 4, weighted 0.4" '[ "$(row 3)" = " 3 milestone 4 4 - - 10 0.4 counted " ]'
ok "a stated 2.5 at weight 15 is weighted 0.375" '[ "$(row 4)" = " 4 stated - 2.5 2.5 - 15 0.375 counted " ]'
ok "a cancelled indicator is left out" 'row 5 | grep -q " cancelled $"'
ok "an indicator starting in round 12 is left out of round 9" 'row 6 | grep -q " late $"'
ok "method none has no score and is left out" '[ "$(row 7)" = " 7 none - - - - 10 - unscored " ]'
ok "the total is renormalised: 2.4125 x 100 / 70 = 3.4464" \
   'grep -qF "total: weight 70, weighted 2.4125, score 3.4464 (4 counted, 3 left out, the rest renormalised)" m.txt'
ok "interpolated target 65 between 60 (50) and 70 (75) scores 62.5" \
   'grep -Eq "^  8\. +interpolated +65 +basic +62\.5 " m.txt'

# The table exactly, in English and in Thai (--lang th, a Thai locale): the
# headings, the state line, the statuses and the total line translated,
# the columns aligned by display width (Thai marks take none); the
# keywords of the source (methods, levels, rounding) stay as written.
sed 's|</meta>|<status state="approved"><submitted date="2024-10-10" by="นางสาวสุดา ใจงาม"/><approved date="2024-10-15" by="นายประเสริฐ มั่นคง"/></status></meta>|' \
    "$D/methods.xml" >m.xml
"$RG" score m.xml >m-en.txt 2>err
ok "the English table is exactly methods.en.expect" 'diff -u "$D/methods.en.expect" m-en.txt'
"$RG" score --lang th m.xml >m-th.txt 2>err
ok "--lang th: the table is exactly methods.th.expect (Thai headings and words)" \
   'diff -u "$D/methods.th.expect" m-th.txt'
LANG=th_TH.UTF-8 "$RG" score m.xml >m-th2.txt 2>err
ok "LANG=th_TH.UTF-8 gives the same Thai table" 'cmp -s m-th.txt m-th2.txt'
ok "the Thai table's columns line up: each row's fields start where the heading's do" \
   '$PY -c "
import sys, unicodedata
def starts(l):
    w, out, prev = 0, [], \" \"
    for ch in l.rstrip(\"\\n\"):
        if unicodedata.category(ch) == \"Mn\": continue
        if ch != \" \" and prev == \" \": out.append(w)
        prev, w = ch, w + 1
    return out
ls = open(\"m-th.txt\", encoding=\"utf-8\").read().split(\"\\n\")
h = starts(ls[2])
rows = [l for l in ls[3:10] if l.startswith(\"  \") and not l.startswith(\"      =\")]
sys.exit(0 if len(h) == 9 and all(starts(r) == h for r in rows) else 1)"'
for f in json csv; do
  "$RG" score --$f m.xml >m-en.$f 2>err; "$RG" score --lang th --$f m.xml >m-th.$f 2>err
  ok "--lang th leaves --$f as it is (a machine format)" 'cmp -s m-en.$f m-th.$f'
done

# A folder is taken as check takes it: its *.xml by name, nothing else.
mkdir fold && cp "$D/methods.xml" fold/b.xml && cp m.xml fold/a.xml && echo x >fold/notes.txt
"$RG" score fold/ >fold.txt 2>err; rc=$?
"$RG" score fold/a.xml fold/b.xml >files.txt 2>/dev/null
ok "score FOLDER/: exit 0, no messages, a.xml then b.xml exactly as named one by one" \
   '[ $rc -eq 0 ] && [ ! -s err ] && cmp -s fold.txt files.txt && [ "$(grep -c ": round 9," fold.txt)" -eq 2 ] && head -1 fold.txt | grep -qx "fold/a.xml: round 9, 4 decimals, rounding half-up"'
"$RG" score --csv . >dot.csv 2>err; rc=$?
ok "score --csv . scores the current folder's m.xml (no 'Is a directory')" \
   '[ $rc -eq 0 ] && ! grep -q "directory" err && [ "$(cut -d, -f1 dot.csv | sort -u | tr "\n" " ")" = "./m.xml file " ]'
"$RG" score fold/missing.xml 2>err; rc=$?
ok "a missing source: exit 1, named" '[ $rc -eq 1 ] && [ "$(cat err)" = "raingan score: fold/missing.xml: No such file or directory" ]'
# --help lists every option score takes, --lang (main takes it for every
# command) included.
"$RG" score --help >help.txt
ok "score --help lists exactly --csv --files-root --help --json --lang -h" \
   '[ "$(grep -- "^ *-" help.txt | grep -o -- "\(^\| \)-[-a-z]*" | tr -d " " | sort | tr "\n" " ")" = "--csv --files-root --help --json --lang -h " ]'
mkdir -p root/sub && cp -r "$SRC/samples/evidence" root/
sed 's|"evidence/|"../evidence/|g' "$SRC/samples/official-2562.xml" >root/sub/o.xml
"$RG" score root/sub/o.xml >o.txt 2>err; rc=$?
ok "evidence above the source's folder is refused by default (file-outside)" \
   '[ $rc -eq 1 ] && grep -q "file-outside" err'
"$RG" score --files-root root root/sub/o.xml >o.txt 2>err; rc=$?
ok "--files-root root lets it take the evidence from root (exit 0, scored)" \
   '[ $rc -eq 0 ] && [ ! -s err ] && grep -q "^root/sub/o.xml: round 12," o.txt'

"$RG" score --json "$D/methods.xml" >m.json 2>err
ok "--json is valid JSON with exact numbers" \
   'python3 -c "import json,sys,decimal; d=json.load(open(\"m.json\"), parse_float=decimal.Decimal); f=d[\"files\"][0]; sys.exit(0 if f[\"total\"][\"score\"]==decimal.Decimal(\"3.4464\") and f[\"indicators\"][0][\"weighted\"]==decimal.Decimal(\"0.9375\") and f[\"indicators\"][0][\"self_score\"]==4 and f[\"indicators\"][6][\"score\"] is None and f[\"targets\"][0][\"score\"]==decimal.Decimal(\"62.5\") else 1)"'
"$RG" score --csv "$D/methods.xml" >m.csv 2>err
ok "--csv has a header and one line per indicator, total and target (9 + 1)" \
   '[ "$(wc -l <m.csv)" -eq 10 ] && head -1 m.csv | grep -q "^file,kind,number,method,result,level,score"'
"$RG" score --json --csv "$D/methods.xml" >/dev/null 2>&1; rc=$?
ok "--json with --csv is a usage error (2)" '[ $rc -eq 2 ]'

"$RG" render -q "$D/methods.xml" -o m.pdf 2>err; rc=$?
ok "methods.xml renders" '[ $rc -eq 0 ]'
pdftotext -layout m.pdf m.txt
ok "the form shows the working under the calculation table" \
   'grep -qF "ค่าคะแนนที่ได้ = 3 + (87.5 − 80) / (90 − 80) = 3.7500" m.txt'
ok "the form prints the computed score 3.7500 and weighted 0.9375" \
   'grep -Eq " 25 +3\.7500 +0\.9375$" m.txt'
ok "the cancelled indicator's form says it is left out" \
   'grep -q "หมายเหตุ: ตัวชี้วัดนี้ยกเลิก ไม่นำมาคำนวณคะแนนรวม" m.txt'
ok "the late indicator's form names its first round" \
   'grep -q "หมายเหตุ: ตัวชี้วัดนี้เริ่มประเมินรอบ 12 เดือน" m.txt'
ok "the self-assessed score stands beside the verified one" \
   'grep -q "คะแนนประเมินตนเอง 4 ผลการประเมิน 3.7500" m.txt'
ok "the computed level (3) is ticked although <achieved> is absent" \
   '"$RG" check --dump "$D/methods.xml" | grep -q "achieved 3"'

# ---- every case of cases.tsv through the CLI, under each mode ----------------------------
# The unit test (test_score.c) runs the same table against the functions;
# here each case becomes an indicator (five-level, milestone) or a summary
# item's target table of one source, and `raingan score --csv` must give the
# table's score, level and (half-up) working for each.
python3 - "$D/cases.tsv" >cases.xml <<'PY'
import sys
from xml.sax.saxutils import quoteattr as q
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
print('<report xmlns="urn:raingan:report:1">')
print('  <meta><agency>กรมทดสอบ</agency><fiscal-year>2564</fiscal-year><round>12</round></meta>')
items = []
for i, r in enumerate(rows, 1):
    method, th, pts, better, floor, value = r[:6]
    hib = '' if better == 'yes' else ' higher-is-better="false"'
    if method in ('five-level', 'milestone'):
        t = f' thresholds={q(th)} floor={q(floor)}' if method == 'five-level' else ''
        print(f'  <indicator number="{i}" weight="100"><name>กรณี {i}</name>'
              '<supervisor><person><name>นาย ก</name></person></supervisor><criteria>'
              + ''.join(f'<level value="{k}">{k}</level>' for k in range(1, 6)) + '</criteria>'
              f'<calculation><row weight="100" method="{method}" value={q(value)}{t}{hib}>'
              f'<label>{i}</label><result>{value}</result></row></calculation></indicator>')
    else:
        lv = ''.join(f'<{n} points="{p}" threshold="{t}"/>' for n, p, t in
                     zip(('basic', 'standard', 'advanced'), pts.split(), th.split()))
        items.append(f'    <item number="{i}"><name>กรณี {i}</name><result><targets value={q(value)} '
                     f'method="{method}" floor={q(floor)}{hib}>{lv}</targets></result></item>')
print('  <summary><title>กรณี</title>')
print('\n'.join(items))
print('  </summary>\n</report>')
PY
python3 - "$D/cases.tsv" >cases.want <<'PY'
import sys
from decimal import Decimal
levels = ['none', 'basic', 'standard', 'advanced']
for i, r in enumerate([l.rstrip("\n").split("\t") for l in open(sys.argv[1])
                       if l.strip() and not l.startswith("#")], 1):
    kind = 'indicator' if r[9] == '-' else 'target'
    level = '' if r[9] == '-' else levels[int(r[9])]
    working = '' if r[0] in ('milestone', 'discrete') else r[10]  # a whole level: no working
    # score --csv writes the shortest exact form: 3.7500 -> 3.75
    print('\t'.join([kind, str(i), r[0], level, *(format(Decimal(x).normalize(), 'f') for x in r[6:9]), working]))
PY
while read -r m col; do
  sed "s/<report xmlns=\"urn:raingan:report:1\">/<report xmlns=\"urn:raingan:report:1\" rounding=\"$m\">/" \
    cases.xml >"cases-$m.xml"
  "$RG" score --csv "cases-$m.xml" >"cases-$m.csv" 2>"cases-$m.err"; rc=$?
  python3 - "cases-$m.csv" $col <<'PY' >"cases-$m.got"
import csv, sys
c = int(sys.argv[2])
for row in csv.DictReader(open(sys.argv[1], encoding='utf-8')):
    if row['kind'] == 'total':
        continue
    print('\t'.join([row['kind'], row['number'], row['method'], row['level'], row['score'],
                     row['working'] if c == 0 else '']))
PY
  cut -f1-4,$((5 + col)),8 cases.want | awk -F'\t' -v c="$col" 'BEGIN{OFS="\t"} {if (c) $6=""; print}' >"cases-$m.exp"
  ok "cases.tsv under rounding=\"$m\": every case's score, level$([ "$col" = 0 ] && echo " and working") through score --csv" \
     '[ $rc -eq 0 ] && [ ! -s "cases-$m.err" ] && [ "$(wc -l <"cases-$m.exp")" -ge 45 ] && diff "cases-$m.exp" "cases-$m.got"'
done <<'EOF2'
half-up 0
half-even 1
down 2
EOF2

# ---- rounding= per document: one source under each mode ------------------------------
# Figures worked by hand in tests/data/scores/rounding.xml: per mode, the two
# computed scores and weighted scores, the total, the target's ratio score.
with_mode() { sed "s/<report xmlns=\"urn:raingan:report:1\">/<report xmlns=\"urn:raingan:report:1\" rounding=\"$1\">/" "$D/rounding.xml"; }
cp "$D/rounding.xml" r-default.xml
"$RG" render -q r-default.xml -o r-default.pdf 2>err
declare -A note=([half-up]="ปัดครึ่งขึ้น" [half-even]="ปัดครึ่งเข้าหาเลขคู่" [down]="ตัดเศษทิ้ง")
while read -r mode s1 w1 s2 w2 sum total ratio num; do
  with_mode "$mode" >"r-$mode.xml"
  "$RG" render -q "r-$mode.xml" -o "r-$mode.pdf" 2>err; rc=$?
  ok "rounding=\"$mode\": renders without messages" '[ $rc -eq 0 ] && [ ! -s err ]'
  pdftotext -layout "r-$mode.pdf" "r-$mode.txt"
  pdftotext -raw "r-$mode.pdf" - | tr -d '\n' >"r-$mode.raw"
  ok "rounding=\"$mode\": the forms print $s1 / $w1 and $s2 / $w2" \
     'grep -Eq " 20 +${s1//./\\.} +${w1//./\\.}$" "r-$mode.txt" && grep -Eq " 30 +${s2//./\\.} +${w2//./\\.}$" "r-$mode.txt"'
  ok "rounding=\"$mode\": the working ends with its result and the rounding (ทศนิยม 4 ตำแหน่ง ${note[$mode]})" \
     'grep -q "= 3 + (87.3445 − 80) / (90 − 80) = $s1 (ทศนิยม 4 *ตำแหน่ง ${note[$mode]})" "r-$mode.raw"'
  ok "rounding=\"$mode\": the ratio target concludes $ratio คะแนน" \
     'grep -q "(ผลการดำเนินงานอยู่ระดับเป้าหมายมาตรฐาน *$ratio คะแนน)" "r-$mode.raw"'
  ok "rounding=\"$mode\": <num value=\"2.345\" decimals=\"2\"/> prints $num" \
     'grep -q "ระยะเวลาเฉลี่ย *$num วัน" "r-$mode.raw"'
  "$RG" score --csv "r-$mode.xml" >"r-$mode.csv" 2>err
  ok "rounding=\"$mode\": score --csv lists $s1, $s2, total $total, with decimals 4 and the mode" \
     '[ "$(cut -d, -f2,3,7,11,14,15 "r-$mode.csv" | tail -n +2 | tr "\n" " ")" = "indicator,1,$s1,$w1,4,$mode indicator,2,$s2,$w2,4,$mode indicator,3,4,0.5,4,$mode total,,$total,$sum,4,$mode target,9.,$ratio,,4,$mode " ]'
  "$RG" score "r-$mode.xml" >"r-$mode.score" 2>err
  ok "rounding=\"$mode\": the score table's heading names it" \
     'head -1 "r-$mode.score" | grep -qx "r-$mode.xml: round 12, 4 decimals, rounding $mode"'
  "$RG" score --json "r-$mode.xml" >"r-$mode.json" 2>err
  ok "rounding=\"$mode\": score --json gives \"rounding\": \"$mode\" and the total $total" \
     '[ "$(jq -r ".files[0] | [.decimals, .rounding, .total.score] | join(\" \")" "r-$mode.json")" = "4 $mode $total" ]'
done <<'EOF2'
half-up 3.7345 0.7469 3.7346 1.1204 2.3673 3.7877 66.6667 2.35
half-even 3.7344 0.7469 3.7346 1.1204 2.3673 3.7877 66.6667 2.34
down 3.7344 0.7468 3.7345 1.1203 2.3671 3.7873 66.6666 2.34
EOF2
ok "no rounding= is half-up: the same PDF, byte for byte" 'cmp -s r-default.pdf r-half-up.pdf'
ok "the three modes print three different sets of figures" \
   '! cmp -s r-half-up.txt r-half-even.txt && ! cmp -s r-half-even.txt r-down.txt && ! cmp -s r-half-up.txt r-down.txt'
"$RG" archive -q r-down.xml -o r-down-archive.pdf 2>err; rc=$?
pdftotext -layout r-down-archive.pdf r-down-archive.txt
ok "the archive's summary rounds by the source's mode: down gives 3.7344 and the total 3.7873" \
   '[ $rc -eq 0 ] && grep -Eq "^ *1 .* 20 +3\.7344 +0\.7468$" r-down-archive.txt && grep -Eq "^ +รวม +62\.50 +3\.7873 +2\.3671$" r-down-archive.txt'
sed 's|</agency>|</agency><department>กองสอง</department>|' r-half-up.xml >r-dep2.xml
"$RG" archive -q r-down.xml r-dep2.xml -o r-mixed.pdf 2>mixed.err; rc=$?
ok "an archive of sources that round differently warns at the second, naming the first" \
   '[ $rc -eq 0 ] && grep -qxF "r-dep2.xml:18:1: warning: this report rounds scores to 4 decimals, half-up, but r-down.xml:18:1 rounds them to 4 decimals, down; the archive'"'"'s subtotals and total follow the first source [archive-rounding]" mixed.err'
ok "… and its total is (2.3671 + 2.3673) x 100 / 125.00 = 3.78752 -> 3.7875 over weight 125.00" \
   'pdftotext -layout r-mixed.pdf - | grep -Eq "^ +รวมทั้งหน่วยงาน +125\.00 +3\.7875 +4\.7344$"'
sed 's/<report xmlns="urn:raingan:report:1"/<report xmlns="urn:raingan:report:1" rounding="down"/' \
  "$SRC/samples/summary-2564.xml" >sum-down.xml
"$RG" render -q sum-down.xml -o sum-down.pdf 2>err
ok "the seed's PMQA 95.73811… is ๙๕.๗๓๘๑ under down too" \
   'pdftotext -raw sum-down.pdf - | tr -d "\n" | grep -q "(ผลการดำเนินงานอยู่ระดับเป้าหมายมาตรฐาน *๙๕.๗๓๘๑ คะแนน)"'
with_mode truncate >r-bad.xml
"$RG" check r-bad.xml 2>bad-mode.err; rc=$?
ok "an unknown rounding= is an error at the attribute, with the modes and a hint" \
   '[ $rc -eq 1 ] && grep -qxF "r-bad.xml:18:38: error: rounding=\"truncate\" on <report> is not allowed; use one of: half-up, half-even, down [schema]" bad-mode.err && grep -qF "hint: rounding= says how computed scores, weighted scores and totals are rounded to decimals=: half-up (2.34565 -> 2.3457, the default), half-even (2.34565 -> 2.3456, 2.34575 -> 2.3458) or down (2.34569 -> 2.3456)" bad-mode.err'
"$RG" check --lang th r-bad.xml 2>bad-mode.th
ok "… in Thai with --lang th" 'grep -qF "half-up ปัดครึ่งขึ้น (2.34565 -> 2.3457 ค่าปริยาย)" bad-mode.th'

# ---- weights: printed with the decimals the agency wrote, everywhere ------------------
ok "a weight written 12.50 is 12.50 on its form" 'grep -Eq "^3 ตัวชี้วัด +12\.50 +4 +4 +0\.5$" r-down.txt'
ok "… and in the archive's summary, whose total weight is 20 + 30 + 12.50 = 62.50" \
   'grep -Eq "^ *3 .* 12\.50 +4 +0\.5$" r-down-archive.txt'
ok "… and in score's table, JSON and CSV" \
   'grep -Eq "^  3 +stated +- +4 +4 +- +12\.50 +0\.5 " r-down.score && grep -qF "\"weight\":12.50," r-down.json && grep -qF ",12.50,0.5,counted," r-down.csv && grep -qF "total: weight 62.50," r-down.score'

# batch's summaries: each output's weight, score and weighted score, as the forms print them
"$RG" batch -q --per-indicator r-down.xml -o bdown 2>err; rc=$?
ok "batch --per-indicator: summary.csv gives each indicator's weight (12.50 as written), score, weighted" \
   '[ $rc -eq 0 ] && [ "$(cut -d, -f3,9-11 bdown/summary.csv | tail -n +2 | tr "\n" " ")" = "\"1\",20,3.7344,0.7468 \"2\",30,3.7345,1.1203 \"3\",12.50,4,0.5 \"\",,, " ]'
"$RG" batch -q r-down.xml "$SRC/samples/indicators-2562.xml" -o ball 2>err
ok "batch: a whole source's row gives its totals (62.50, 3.7873, 2.3671; the seed's 70, 4.4286, 3.1)" \
   'grep -qF "\"weight\": 62.50, \"score\": 3.7873, \"weighted\": 2.3671," ball/summary.json && grep -qF "\"weight\": 70, \"score\": 4.4286, \"weighted\": 3.1," ball/summary.json'

# ---- sub-indicators roll up into their parent -----------------------------------------
"$RG" score "$D/subs.xml" >s.txt 2>err; rc=$?
ok "score: subs.xml exits 0 without messages (complete: top weights sum to 100)" '[ $rc -eq 0 ] && [ ! -s err ]'
ok "1.2 rolls up (60 x 3.75 + 40 x 4) / 100 = 3.85, weighted 40 x 3.85 / 100 = 1.54" \
   '[ "$(grep -E "^  1\.2 " s.txt | tr -s " ")" = " 1.2 sub-indicators - 3.85 - - 40 1.54 counted " ]'
ok "the roll-up's working names each weight and score" \
   'grep -qF "= (60 × 3.75 + 40 × 4) / 100 = 3.8500" s.txt'
ok "sub-indicators are counted through their parent, not beside it" \
   '[ "$(grep -c " sub-indicator $" s.txt)" -eq 2 ] && grep -qF "total: weight 100, weighted 4.54, score 4.54 (2 counted)" s.txt'
"$RG" check "$D/subs-bad.xml" 2>sb.err; rc=$?
ok "an unknown parent is an error at the sub-indicator" \
   '[ $rc -eq 1 ] && grep -qF "subs-bad.xml:10:3: error: indicator 1.2.1: parent=\"1.9\" names no top-level indicator of this report" sb.err'
ok "sub-indicator weights that do not sum to 100 are a warning at the parent" \
   'grep -qF "subs-bad.xml:4:3: warning: the sub-indicators of 1.2 weigh 30 in all, not 100" sb.err'

# ---- bad input --------------------------------------------------------------------
"$RG" check "$D/bad.xml" 2>bad.err; rc=$?
ok "bad scoring input exits 1" '[ $rc -eq 1 ]'
ok "four thresholds for five-level: error at the row, with what to write" \
   'grep -q "bad.xml:9:18: error: indicator 1: method \"five-level\" needs value= and exactly five thresholds= (fewer than five given)" bad.err'
ok "thresholds out of order: error at the row" \
   'grep -q "bad.xml:15:18: error: indicator 2: thresholds=\"...\" are out of order" bad.err'
ok "a row with neither score= nor method=: error" \
   'grep -q "bad.xml:21:18: error: indicator 3: the calculation row has neither score= nor method=" bad.err'
ok "a non-numeric result: error at the attribute, once" \
   'grep -q "bad.xml:27:55: error: value=\"ร้อยละ 80\" on <row> is not a number" bad.err && [ "$(grep -c "bad.xml:27:" bad.err)" -eq 1 ]'
"$RG" check "$D/mismatch.xml" 2>mm.err; rc=$?
ok "mismatches are warnings (exit 0)" '[ $rc -eq 0 ]'
ok "score-mismatch names both values and the formula with its numbers" \
   'grep -qF "mismatch.xml:10:18: warning: indicator 1: the source states score 3.5 but method \"five-level\" gives 3 + (87.5 − 80) / (90 − 80) = 3.7500; raingan prints 3.7500" mm.err'
ok "an achieved level that disagrees with the computed score is named" \
   'grep -qF "achieved level 4 disagrees with score 3.75 (level 3); raingan ticks level 3" mm.err'
ok "every indicator cancelled: no total, said so" \
   'grep -qF "every indicator is cancelled or starts in a later round, so the round has no total score" mm.err'
ok "override=\"true\" prints the agency's figure and says so" \
   'grep -qF "the targets state score 95.74 but method \"ratio\" gives 384.58 / 401.70 × 100 = 95.7381; raingan prints the stated score" mm.err'

# ---- every target table the forms print; stated scores in their scheme's range ----
"$RG" score --csv "$D/nested.xml" >nested.csv 2>nested.err; rc=$?
ok "target tables in a table cell, a list item and an indicator form are listed (exit 0)" \
   '[ $rc -eq 0 ] && [ "$(grep -c ",target," nested.csv)" -eq 4 ]'
"$RG" score --json "$D/nested.xml" >nested.json 2>/dev/null
ok "they are listed in form order with their levels and scores: 75, 100, 50, 90" \
   'python3 -c "import json,sys; t=json.load(open(sys.argv[1]))[\"files\"][0][\"targets\"]; assert [(x[\"number\"],x[\"score\"]) for x in t]==[(\"1\",75),(\"2\",100),(\"3\",50),(\"4\",90)], t" nested.json'
ok "a form scored by target levels states 75 points on its row (range 0-100, not 0-5)" \
   'python3 -c "import json,sys; i=json.load(open(sys.argv[1]))[\"files\"][0][\"indicators\"][0]; assert i[\"score\"]==75 and i[\"weighted\"]==75, i" nested.json'
"$RG" check "$D/range.xml" 2>range.err; rc=$?
ok "a row's stated score above its scheme's top points is out of range, at the attribute" \
   '[ $rc -eq 1 ] && grep -qF "range.xml:15:36: error: score=\"101\" on <row> is out of range: it must be between 0 and 100 [out-of-range]" range.err'
ok "so is a target table's stated score above its highest level's points" \
   'grep -qF "range.xml:37:34: error: score=\"120\" on <targets> is out of range: it must be between 0 and 100 [out-of-range]" range.err'

finish
