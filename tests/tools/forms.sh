#!/usr/bin/env bash
# forms.sh - render both sample documents and check the PDFs with real tools
# (qpdf, pdffonts, pdftotext, mutool) and the layout dump: every source text
# comes back, no text outside the margins, each indicator form on new pages,
# the check mark in the achieved level's cell, table headers repeated.
set -u
RAINGAN=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0
export SOURCE_DATE_EPOCH=1700000000

"$RAINGAN" render "$SRC/samples/indicators-2562.xml" -o "$TMP/ind.pdf" 2>"$TMP/ind.err" || status=1
python3 "$SRC/tests/tools/formcheck.py" "$RAINGAN" "$SRC/samples/indicators-2562.xml" "$TMP/ind.pdf" \
  indicators 5 3 5 5 5 || status=1

"$RAINGAN" render "$SRC/samples/summary-2564.xml" -o "$TMP/sum.pdf" 2>"$TMP/sum.err" || status=1
python3 "$SRC/tests/tools/formcheck.py" "$RAINGAN" "$SRC/samples/summary-2564.xml" "$TMP/sum.pdf" \
  summary || status=1

# Computed values are printed: 1.1's weighted score 30 x 5 / 100 = 1.5 and the
# summary's computed target level for 81.96 against 75.78/76.83/77.87.
pdftotext -raw "$TMP/ind.pdf" - | grep -q "1.5" && echo "ok   - the weighted score 1.5 is printed" \
  || { echo "FAIL - the weighted score 1.5 is printed"; status=1; }
pdftotext -raw "$TMP/sum.pdf" - | tr -d ' \n' | grep -q "ผลการดำเนินงานอยู่ระดับเป้าหมายขั้นสูง๑๐๐คะแนน" \
  && echo "ok   - the computed target level is printed in Thai digits" \
  || { echo "FAIL - the computed target level is printed in Thai digits"; status=1; }

# Preview of one indicator: only that form.
"$RAINGAN" render "$SRC/samples/indicators-2562.xml" --indicator 1.2 -o "$TMP/one.pdf" || status=1
t=$(pdftotext -raw "$TMP/one.pdf" - | tr -d ' \n')
if [[ $t == *"1.2ระดับความสำเร็จของการขับเคลื่อน"* && $t != *"1.1ระดับความสำเร็จ"* ]]; then
  echo "ok   - --indicator 1.2 renders that form only"
else
  echo "FAIL - --indicator 1.2 renders that form only"; status=1
fi
"$RAINGAN" render "$SRC/samples/indicators-2562.xml" --indicator 9.9 -o "$TMP/none.pdf" 2>"$TMP/none.err"
rc=$?
if [ $rc -ne 0 ] && [ ! -e "$TMP/none.pdf" ] && grep -q "no indicator numbered '9.9'" "$TMP/none.err"; then
  echo "ok   - an unknown indicator number is an error and writes nothing"
else
  echo "FAIL - an unknown indicator number is an error and writes nothing (rc=$rc)"; status=1
fi

# A template that does not exist: error with file:line:col of the element.
sed 's/<indicator number="1.1"/<indicator template="no-such" number="1.1"/' \
  "$SRC/samples/indicators-2562.xml" >"$TMP/badtpl.xml"
"$RAINGAN" render "$TMP/badtpl.xml" -o "$TMP/badtpl.pdf" 2>"$TMP/badtpl.err"
rc=$?
if [ $rc -ne 0 ] && [ ! -e "$TMP/badtpl.pdf" ] && grep -qE "badtpl.xml:[0-9]+:[0-9]+: error: no template named 'no-such'" "$TMP/badtpl.err"; then
  echo "ok   - an unknown template is reported at its element"
else
  echo "FAIL - an unknown template is reported at its element (rc=$rc)"; cat "$TMP/badtpl.err"; status=1
fi
if [ $status -eq 0 ]; then echo "forms: all passed"; fi
exit $status
