#!/usr/bin/env bash
# check.sh - drive the real `raingan check` CLI: exit statuses, message
# format, --dump, --help; and every samples/*.xml must load without errors.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"

"$RG" check "$SRC/tests/data/model/both-forms.xml" >"$tmp/out" 2>"$tmp/err"; rc=$?
ok "a valid file exits 0" '[ $rc -eq 0 ]'
ok "a valid file prints only the summary" '[ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "1 file, 2 indicators, 0 errors, 0 warnings" ]'

"$RG" check "$SRC/tests/data/errors/warnings.xml" 2>"$tmp/err"; rc=$?
ok "warnings alone exit 0" '[ $rc -eq 0 ]'
ok "warnings print as file:line:col: warning: message" \
   'grep -Eq "^.*warnings\.xml:[0-9]+:[0-9]+: warning: .+" "$tmp/err"'

"$RG" check "$SRC/tests/data/errors/out-of-range.xml" "$SRC/tests/data/model/both-forms.xml" \
    "$SRC/tests/data/errors/duplicate-number.xml" 2>"$tmp/err"; rc=$?
ok "a file with errors exits 1" '[ $rc -eq 1 ]'
ok "errors print as file:line:col: error: message" \
   'grep -Eq "out-of-range\.xml:4:27: error: weight=\"130\"" "$tmp/err"'
ok "checking continues after a bad file" 'grep -q "duplicate-number.xml:11:3: error" "$tmp/err"'
ok "all three errors of out-of-range.xml are reported" \
   '[ $(grep -c "out-of-range.xml" "$tmp/err") -eq 3 ]'

# The summary counts the indicators of the sources that loaded, and says
# when some did not (their indicators cannot be counted), never "0
# indicators" for a source that has some.
B="$SRC/tests/data/model/both-forms.xml"; OOR="$SRC/tests/data/errors/out-of-range.xml"
"$RG" check "$OOR" 2>"$tmp/err"; rc=$?
ok "one source that did not load: no count, said so" \
   '[ $rc -eq 1 ] && [ "$(tail -1 "$tmp/err")" = "1 file, not loaded, so its indicators are not counted, 3 errors, 0 warnings" ]'
"$RG" check "$OOR" "$SRC/tests/data/errors/duplicate-number.xml" 2>"$tmp/err"; rc=$?
ok "none of two loaded: said so" \
   '[ $rc -eq 1 ] && tail -1 "$tmp/err" | grep -q "^2 files, none loaded, so no indicators are counted, [0-9]* errors, "'
"$RG" check "$OOR" "$B" 2>"$tmp/err"; rc=$?
ok "one of two loaded: its 2 indicators, in the 1 file that loaded" \
   '[ $rc -eq 1 ] && [ "$(tail -1 "$tmp/err")" = "2 files, 2 indicators in 1 file that loaded, 3 errors, 0 warnings" ]'
"$RG" check --lang th "$OOR" "$B" 2>"$tmp/err"; rc=$?
ok "the same in Thai" \
   '[ $rc -eq 1 ] && [ "$(tail -1 "$tmp/err")" = "2 ไฟล์, ตัวชี้วัด 2 ตัว ในไฟล์ที่โหลดได้ 1 ไฟล์, ข้อผิดพลาด 3 รายการ, คำเตือน 0 รายการ" ]'
"$RG" check --lang th "$OOR" 2>"$tmp/err"
ok "one source that did not load, in Thai" \
   '[ "$(tail -1 "$tmp/err")" = "1 ไฟล์, โหลดไม่ได้เพราะมีข้อผิดพลาด จึงไม่ได้นับตัวชี้วัดของไฟล์นี้, ข้อผิดพลาด 3 รายการ, คำเตือน 0 รายการ" ]'
sed 's/<summary template="summary"/<summary template="nosuch"/' "$B" >"$tmp/tpl.xml"
"$RG" check "$tmp/tpl.xml" 2>"$tmp/err"; rc=$?
ok "a source that loaded but names an unknown template: its 2 indicators are counted" \
   '[ $rc -eq 1 ] && grep -q "unknown-template" "$tmp/err" && [ "$(tail -1 "$tmp/err")" = "1 file, 2 indicators, 1 error, 0 warnings" ]'
"$RG" check --json "$OOR" "$B" >"$tmp/out" 2>/dev/null
ok "--json's summary says the same" \
   '[ "$(jq -r .summary "$tmp/out")" = "2 files, 2 indicators in 1 file that loaded, 3 errors, 0 warnings" ]'

"$RG" check "$tmp/missing.xml" 2>"$tmp/err"; rc=$?
ok "a missing file exits 1 with a message" '[ $rc -eq 1 ] && grep -q "missing.xml" "$tmp/err"'

"$RG" check 2>/dev/null; rc=$?
ok "no files is a usage error (2)" '[ $rc -eq 2 ]'
"$RG" check --bogus x 2>/dev/null; rc=$?
ok "an unknown option is a usage error (2)" '[ $rc -eq 2 ]'
"$RG" check --help >"$tmp/out"; rc=$?
ok "--help exits 0 and shows usage" '[ $rc -eq 0 ] && grep -q "usage: raingan check" "$tmp/out"'

"$RG" check --dump "$SRC/tests/data/model/both-forms.xml" >"$tmp/out"; rc=$?
ok "--dump prints the model" \
   '[ $rc -eq 0 ] && cmp -s "$tmp/out" "$SRC/tests/data/model/both-forms.expect"'

# A missing required element is named, even where libxml2 does not say which.
printf '<report xmlns="urn:raingan:report:1"><meta><agency>x</agency></meta></report>\n' >"$tmp/bare.xml"
"$RG" check "$tmp/bare.xml" 2>"$tmp/err"; rc=$?
ok "missing required elements are named" \
   '[ $rc -eq 1 ] && grep -q "bare.xml:1:44: error: <meta> is missing <fiscal-year>, <round> after <agency>" "$tmp/err" && grep -q "<report> is missing <indicator> or <summary> after <meta>" "$tmp/err"'

for f in "$SRC"/samples/*.xml; do
  [ -e "$f" ] || continue
  "$RG" check "$f" 2>"$tmp/err"; rc=$?
  ok "sample $(basename "$f") loads without errors" '[ $rc -eq 0 ]'
  [ $rc -eq 0 ] || cat "$tmp/err"
done

finish
