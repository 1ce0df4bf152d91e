#!/usr/bin/env bash
# messages.sh - the common mistakes of report writers (issue #17), each a
# source in tests/data/messages/NAME.xml with the exact messages `raingan
# check` prints for it in English (NAME.en) and Thai (NAME.th).  Every
# case is one mistake, so it must give exactly one error (or, for what
# only prints a wrong or empty box, exactly one warning and no error):
# follow-on messages are suppressed.  The caret excerpt is checked on a
# pseudo-terminal (script from util-linux), with and without NO_COLOR.
# RG_UPDATE=1 rewrites the .en and .th files (review the diff).
# $1: the raingan binary, $2: the source folder.
set -u
RG=$(realpath "$1"); SRC=$(realpath "$2")
D="$SRC/tests/data/messages"
fail=0; pass=0
ok() { if eval "$2"; then pass=$((pass+1)); echo "ok   - $1"; else fail=$((fail+1)); echo "FAIL - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$D" || exit 1
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
done
ok "there are at least 30 mistakes in the corpus" '[ $n -ge 30 ]'

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
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
