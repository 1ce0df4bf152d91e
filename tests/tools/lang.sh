#!/usr/bin/env bash
# lang.sh - the program's own words in Thai (issue #17): with --lang th or
# a Thai locale, every command's --help, the usage errors, getopt's errors
# (unknown option, missing value), "wrote ..." and the system's errors
# after the colon are Thai; the option names, codes and file names stay as
# typed; English stays what it was.  $1: the raingan binary, $2: the
# source folder.
source "$(dirname "$0")/lib.bash" "$@"
cd "$tmp" || exit 1
unset LANGUAGE LC_ALL LC_MESSAGES
export LANG=C.UTF-8
# Thai letters (U+0E00-U+0E7F) by their UTF-8 bytes: no locale needed.
th() { LC_ALL=C grep -aP -e '\xe0[\xb8\xb9]' "$@"; }
nth() { LC_ALL=C grep -aPv -e '\xe0[\xb8\xb9]' "$@"; }
options() { grep -- '^ *-' "$1" | grep -o -- '\(^\| \)-[-a-zA-Z0-9]*\b' | tr -d ' ' | sort -u; }

# Every command's help, in Thai: same options as the English, its usage
# line and option lines translated.
commands=$("$RG" help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
ok "raingan help lists the commands ($(echo $commands))" '[ "$(echo "$commands" | wc -l)" -ge 9 ]'
for cmd in $commands; do
  [ "$cmd" = help ] && continue
  "$RG" "$cmd" --help >"en-$cmd" 2>&1; "$RG" --lang th "$cmd" --help >"th-$cmd" 2>&1; rc=$?
  ok "$cmd --help --lang th: exit 0, starts 'วิธีใช้: raingan $cmd'" \
     '[ $rc -eq 0 ] && head -1 "th-$cmd" | grep -q "^วิธีใช้: raingan $cmd"'
  ok "$cmd --help in Thai gives the same options as in English" 'cmp -s <(options "en-$cmd") <(options "th-$cmd")'
  untranslated=$(grep -- '^ *-' "th-$cmd" | nth | grep -v -- '^ *--front-labels\|^ *-a, --align' || true)
  ok "$cmd --help in Thai: every option is described in Thai" '[ -z "$untranslated" ] || { echo "#  $untranslated"; false; }'
  ok "$cmd --help in English has no Thai but ร่าง, ก ข ค" '[ "$(th "en-$cmd" | grep -vc "ร่าง\|ก, ข, ค")" -eq 0 ]'
done
"$RG" --lang th help >th-main
ok "raingan help in Thai: each command's summary is Thai" \
   '[ "$(grep "^  [a-z][a-z]*  " th-main | th -c)" -eq "$(echo "$commands" | wc -l)" ]'
LANG=th_TH.UTF-8 "$RG" help >th-main2
ok "LANG=th_TH.UTF-8 gives the same help as --lang th" 'cmp -s th-main th-main2'
LANGUAGE=th:en "$RG" help >th-main3
ok "LANGUAGE=th:en (a list) is Thai" 'cmp -s th-main th-main3'

# Usage errors.
LANG=th_TH.UTF-8 "$RG" render 2>err; rc=$?
ok "LANG=th_TH.UTF-8 render without a source: exit 2, in Thai" \
   '[ $rc -eq 2 ] && head -1 err | grep -qx "raingan render: ต้องระบุไฟล์ต้นฉบับ SOURCE.xml หนึ่งไฟล์"'
"$RG" render --bogus x.xml 2>err; rc=$?
ok "an unknown option: exit 2, named, with where the options are" \
   '[ $rc -eq 2 ] && [ "$(cat err)" = "raingan render: unknown option '"'"'--bogus'"'"'
raingan render: '"'"'raingan render --help'"'"' lists the options" ]'
"$RG" --lang th render --bogus x.xml 2>err; rc=$?
ok "--lang th: the unknown option in Thai" \
   '[ $rc -eq 2 ] && [ "$(cat err)" = "raingan render: ไม่มีตัวเลือก '"'"'--bogus'"'"'
raingan render: ดูตัวเลือกทั้งหมดได้ด้วย '"'"'raingan render --help'"'"'" ]'
"$RG" --lang th batch x.xml -o 2>err; rc=$?
ok "--lang th: -o without its value" '[ $rc -eq 2 ] && head -1 err | grep -qx "raingan batch: ตัวเลือก '"'"'-o'"'"' ต้องมีค่าตามหลัง"'
"$RG" check --lang th --json=1 x.xml 2>err; rc=$?
ok "--lang th: a value given to an option that takes none" '[ $rc -eq 2 ] && head -1 err | grep -qx "raingan check: ตัวเลือก '"'"'--json'"'"' ไม่รับค่า"'
"$RG" --lang th render -o a.pdf -o b.pdf x.xml 2>err; rc=$?
ok "--lang th: an option given twice" '[ $rc -eq 2 ] && grep -qx "raingan render: ระบุ --output สองครั้ง (ตัวเลือกนี้รับค่าเดียว)" err'
"$RG" --lang th frob 2>err; rc=$?
ok "--lang th: an unknown command" '[ $rc -eq 2 ] && head -1 err | grep -qx "raingan: ไม่มีคำสั่ง '"'"'frob'"'"'"'

# What was written, and the system's errors after the colon.
cp "$SRC/samples/indicators-2562.xml" ind.xml
"$RG" --lang th render ind.xml 2>err; rc=$?
pages=$(pdfinfo ind.pdf | awk '/^Pages:/ {print $2}')
ok "--lang th: render says what it wrote in Thai" '[ $rc -eq 0 ] && grep -qx "raingan render: เขียน ind.pdf แล้ว ($pages หน้า)" err'
"$RG" render ind.xml 2>err
ok "English: as before" 'grep -qx "raingan render: wrote ind.pdf ($pages pages)" err'
"$RG" --lang th render ind.xml -o - 2>err >/dev/null
ok "--lang th: standard output is เอาต์พุตมาตรฐาน" 'grep -qx "raingan render: เขียน เอาต์พุตมาตรฐาน แล้ว ($pages หน้า)" err'
"$RG" --lang th check "$tmp/no-such-folder/" 2>err; rc=$?
ok "--lang th: a missing folder, with Thai after the colon" \
   '[ $rc -eq 1 ] && grep -qx "raingan check: $tmp/no-such-folder/: ไม่มีไฟล์หรือโฟลเดอร์นี้" err'
"$RG" --lang th score "$tmp/nothing.xml" >/dev/null 2>err; rc=$?
ok "--lang th: score's messages are Thai too" '[ $rc -eq 1 ] && [ "$(th -c err)" -ge 1 ]'
finish
