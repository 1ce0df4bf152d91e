#!/usr/bin/env bash
# messages.sh - the common mistakes of report writers (issue #17), each a
# source in tests/data/messages/NAME.xml with the exact messages `raingan
# check` prints for it in English (NAME.en) and Thai (NAME.th).  Every
# case is one mistake, so it must give exactly one error (or, for what
# only prints a wrong or empty box, exactly one warning and no error):
# follow-on messages are suppressed.  The Thai file says the same, line
# for line, in Thai (every message and hint has Thai words).  `raingan
# render` says exactly what check said (no second message at render time,
# never "internal") and exits 1 on an error, 0 on a warning.  The caret
# excerpt is checked on a pseudo-terminal (script from util-linux), with
# and without NO_COLOR.
# RG_UPDATE=1 rewrites the .en and .th files (review the diff).
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
D="$SRC/tests/data/messages"
cd "$D" || exit 1
# Thai letters (U+0E00-U+0E7F) by their UTF-8 bytes: no locale needed.
thai() { LC_ALL=C grep -aqP '\xe0[\xb8\xb9]'; }
# The lines of a messages file without its summary line, the severity and
# hint labels made language-neutral (E, W, H) and the text dropped: the
# shape two languages must share.
shape() { sed -E '$d; s/^([^ ]+): (error|ข้อผิดพลาด): .*( \[[a-z0-9-]+\])$/\1: E\3/;
                      s/^([^ ]+): (warning|คำเตือน): .*( \[[a-z0-9-]+\])$/\1: W\3/;
                      s/^  (hint|คำแนะนำ): .*/  H/' "$1"; }
n=0
for x in *.xml; do
  name=${x%.xml}; n=$((n+1))
  for lang in en th; do
    "$RG" check --lang "$lang" "$x" 2>&1 >/dev/null | sed "s|$SRC|\$SRC|g" >"$tmp/$name.$lang"
    [ "${RG_UPDATE:-0}" = 1 ] && cp "$tmp/$name.$lang" "$D/$name.$lang"
    ok "$name: the $lang messages are exactly $name.$lang" 'cmp -s "$tmp/$name.$lang" "$D/$name.$lang"'
    cmp -s "$tmp/$name.$lang" "$D/$name.$lang" || diff "$D/$name.$lang" "$tmp/$name.$lang" | sed 's/^/  | /' | head -10
  done
  errors=$(grep -c ': error: ' "$tmp/$name.en")
  warnings=$(grep -c ': warning: ' "$tmp/$name.en")
  ok "$name: one mistake, one message ($errors errors, $warnings warnings)" \
     '[ $((errors + warnings)) -eq 1 ]'
  ok "$name: every message carries its [code]" \
     '! grep -E ": (error|warning): " "$tmp/$name.en" | grep -vqE " \[[a-z0-9-]+\]$"'
  ok "$name: the Thai messages are not the English ones" '! cmp -s "$tmp/$name.en" "$tmp/$name.th"'
  ok "$name: Thai and English give the same messages, places, codes and hints" \
     'cmp -s <(shape "$tmp/$name.en") <(shape "$tmp/$name.th")'
  untranslated=$(sed '$d' "$tmp/$name.th" | while IFS= read -r l; do
    body=${l#*: ข้อผิดพลาด: }; body=${body#*: คำเตือน: }; body=${body#  คำแนะนำ: }
    printf '%s' "$body" | thai || printf '%s\n' "$l"; done)
  ok "$name: every Thai message and hint has Thai words" '[ -z "$untranslated" ] || { echo "#  $untranslated"; false; }'
  # render: the same messages (no follow-on at layout time), exit 1 on an
  # error and no PDF, 0 on a warning and a PDF.
  rm -f "$tmp/out.pdf"
  "$RG" render --lang en "$x" -o "$tmp/out.pdf" 2>"$tmp/render" >/dev/null; rc=$?
  sed "s|$SRC|\$SRC|g" "$tmp/render" | grep -v '^raingan render: wrote ' >"$tmp/render.msg"
  ok "$name: render prints what check printed" 'cmp -s "$tmp/render.msg" <(sed "\$d" "$tmp/$name.en")'
  if [ "$errors" -gt 0 ]; then
    ok "$name: render exits 1 and writes nothing" '[ $rc -eq 1 ] && [ ! -e "$tmp/out.pdf" ]'
  else
    ok "$name: render exits 0 and writes the PDF" '[ $rc -eq 0 ] && [ -s "$tmp/out.pdf" ]'
  fi
done
ok "there are at least 55 mistakes in the corpus" '[ $n -ge 55 ]'
ok "every case has its English and Thai messages" \
   '[ "$(ls *.en | wc -l)" -eq $n ] && [ "$(ls *.th | wc -l)" -eq $n ]'

# The caret under the column, on a terminal only.
script -qec "NO_COLOR=1 '$RG' check misspelt-element.xml" /dev/null >"$tmp/tty" 2>&1
tr -d '\r' <"$tmp/tty" >"$tmp/tty.txt"
ok "on a terminal the source line follows the message" \
   'grep -q "^ 10 |     <supervisior><person><name>นายสมชาย ใจดี</name></person></supervisi…$" "$tmp/tty.txt"'
ok "and a caret stands under column 5" 'grep -qx "    |     ^" "$tmp/tty.txt"'
ok "NO_COLOR: no escape sequences" '! grep -q $'"'"'\033'"'"' "$tmp/tty.txt"'
script -qec "'$RG' check misspelt-element.xml" /dev/null >"$tmp/color" 2>&1
ok "without NO_COLOR the terminal gets colours" 'grep -q $'"'"'\033\[1;31m'"'"' "$tmp/color"'
"$RG" check misspelt-element.xml 2>"$tmp/pipe" >/dev/null
ok "not on a terminal: no excerpt, no colours" '! grep -q " | " "$tmp/pipe" && ! grep -q $'"'"'\033'"'"' "$tmp/pipe"'
# A caret after Thai text: above and below vowels take no column.
script -qec "NO_COLOR=1 '$RG' check stray-ampersand.xml" /dev/null 2>&1 | tr -d '\r' >"$tmp/thai"
line=$(grep -m1 ' 23 | ' "$tmp/thai"); caret=$(grep -m1 -A1 ' 23 | ' "$tmp/thai" | tail -1)
amp_cells=$(printf '%s' "${line%%&*}" | python3 -c 'import sys,unicodedata; print(sum(0 if unicodedata.combining(c) or unicodedata.category(c)=="Mn" else 1 for c in sys.stdin.read()))')
ok "the caret stands under the & after Thai text" '[ "${#caret}" -gt 0 ] && [ "$(printf "%s" "$caret" | python3 -c "import sys; print(sys.stdin.read().index(\"^\"))")" = "$amp_cells" ]'
# The language from the locale.
LANG=th_TH.UTF-8 LC_ALL= LANGUAGE= "$RG" check misspelt-element.xml 2>&1 >/dev/null | sed "s|$SRC|\$SRC|g" >"$tmp/loc"
ok "LANG=th_TH.UTF-8 gives the Thai messages" 'cmp -s "$tmp/loc" misspelt-element.th'
# check's summary and --json
"$RG" check --json round-not-in-rounds.xml >"$tmp/json" 2>/dev/null
ok "--json is valid JSON with the warning's code" \
   'python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d[\"warnings\"]==1 and d[\"files\"][0][\"diagnostics\"][0][\"code\"]==\"round-not-in-rounds\"" "$tmp/json"'
"$RG" check "$SRC/samples" 2>"$tmp/sum" >/dev/null; rc=$?
ok "a folder is checked like batch: 3 files, 6 indicators, 0 errors, 0 warnings" \
   '[ $rc -eq 0 ] && [ "$(tail -1 "$tmp/sum")" = "3 files, 6 indicators, 0 errors, 0 warnings" ]'
"$RG" check unknown-template.xml 2>/dev/null; rc=$?
ok "an unknown template is exit 1" '[ $rc -eq 1 ]'
finish
