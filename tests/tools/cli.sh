#!/usr/bin/env bash
# cli.sh - the conventions every command keeps (issue #18): "-" is standard
# input for sources and standard output for outputs; -o defaults to the
# source's name with .pdf; every command says what it wrote (-q keeps it
# quiet); `raingan help [COMMAND]`, -V/--version; an option that holds one
# value given twice is a usage error; summary.csv starts with a UTF-8 BOM
# and carries the messages; --watch lines start with the time; batch
# shortens names longer than the file system takes and says "summary in"
# only when it wrote one.
source "$(dirname "$0")/lib.bash" "$@"
I=$SRC/samples/indicators-2562.xml
S=$SRC/samples/summary-2564.xml
cp "$I" "$tmp/ind.xml"
cd "$tmp"
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# ---- render ------------------------------------------------------------------
"$RG" render ind.xml 2>err; rc=$?
ok "render without -o writes SOURCE.pdf (ind.pdf)" '[ $rc -eq 0 ] && [ "$(pages ind.pdf)" -gt 5 ]'
ok "render says what it wrote" 'grep -qx "raingan render: wrote ind.pdf ($(pages ind.pdf) pages)" err'
"$RG" render -q ind.xml -o q.pdf 2>err; rc=$?
ok "render -q writes and says nothing" '[ $rc -eq 0 ] && [ -s q.pdf ] && [ ! -s err ]'
"$RG" render - -o stdin.pdf <ind.xml 2>err; rc=$?
ok "render - reads standard input" '[ $rc -eq 0 ] && cmp -s stdin.pdf ind.pdf'
"$RG" render ind.xml -o - >stdout.pdf 2>err; rc=$?
ok "render -o - writes the PDF to standard output, not to a file named -" \
   '[ $rc -eq 0 ] && cmp -s stdout.pdf ind.pdf && [ ! -e ./- ]'
ok "render -o - says it wrote standard output" 'grep -q "wrote standard output" err'
"$RG" render - <ind.xml >/dev/null 2>err; rc=$?
ok "render - without -o is a usage error (2) that says to use -o" '[ $rc -eq 2 ] && grep -q "with -o FILE" err'
printf '<report xmlns="urn:raingan:report:1">' | "$RG" render - -o bad.pdf 2>err; rc=$?
ok "a broken source on standard input is named <stdin> in messages" \
   '[ $rc -eq 1 ] && grep -q "^<stdin>:1:" err && [ ! -e bad.pdf ]'
"$RG" render ind.xml -o a.pdf -o b.pdf 2>err; rc=$?
ok "render -o twice is a usage error (2)" '[ $rc -eq 2 ] && grep -qx "raingan render: --output given twice (it takes one value)" err && [ ! -e a.pdf ] && [ ! -e b.pdf ]'
"$RG" render ind.xml -i 1.1 --indicator 1.2 -o a.pdf 2>err; rc=$?
ok "render -i twice is a usage error (2)" '[ $rc -eq 2 ] && grep -q -- "--indicator given twice" err'
"$RG" render ind.xml --data-dir "$SRC" --data-dir "$SRC" -o a.pdf 2>err; rc=$?
ok "--data-dir twice is a usage error (2)" '[ $rc -eq 2 ] && grep -q -- "--data-dir given twice" err'
printf 'ศปก.ต.\n' >w1.txt; printf 'กคอ.\n' >w2.txt
"$RG" render -q ind.xml --words w1.txt --words w2.txt -o w.pdf 2>err; rc=$?
ok "--words may be repeated" '[ $rc -eq 0 ] && [ -s w.pdf ]'

# ---- typeset, preview, check, archive, batch ------------------------------------
printf 'สวัสดีครับ\n\nบรรทัดที่สอง\n' >note.txt
"$RG" typeset note.txt 2>err; rc=$?
ok "typeset without -o writes note.pdf and says so" \
   '[ $rc -eq 0 ] && pdftotext note.pdf - | grep -q สวัสดีครับ && grep -qx "raingan typeset: wrote note.pdf (1 page)" err'
"$RG" typeset - -o - <note.txt >t.pdf 2>/dev/null; rc=$?
ok "typeset - -o - filters standard input to standard output" \
   '[ $rc -eq 0 ] && pdftotext t.pdf - | grep -q บรรทัดที่สอง'
"$RG" typeset note.txt -w 300 --width 200 2>err; rc=$?
ok "typeset --width twice is a usage error (2)" '[ $rc -eq 2 ] && grep -q -- "--width given twice" err'
"$RG" preview ind.xml -i 1.2 2>err; rc=$?
ok "preview without -o writes ind.pdf" '[ $rc -eq 0 ] && [ "$(pages ind.pdf)" -ge 1 ] && grep -q "wrote ind.pdf" err'
"$RG" preview - -i 1.2 -o - <ind.xml >p.pdf 2>/dev/null; rc=$?
ok "preview - -o - reads standard input, writes standard output" '[ $rc -eq 0 ] && [ "$(pages p.pdf)" -ge 1 ]'
"$RG" check - <ind.xml 2>err; rc=$?
ok "check - checks standard input" '[ $rc -eq 0 ]'
printf '<x/>' | "$RG" check - 2>err; rc=$?
ok "check - reports standard input's errors as <stdin>" '[ $rc -eq 1 ] && grep -q "^<stdin>:" err'
mkdir reports && cp "$I" "$S" reports/
"$RG" archive --allow-mixed reports/ 2>err; rc=$?  # the samples: two agencies
ok "archive of one folder without -o writes FOLDER.pdf and its manifest, and says so" \
   '[ $rc -eq 0 ] && [ -s reports.pdf ] && [ -s reports.manifest.json ] && grep -q "wrote reports.pdf (.* pages, 2 sources) and reports.manifest.json" err'
"$RG" archive --allow-mixed - "$S" -o - --no-manifest <"$I" >arch.pdf 2>err; rc=$?
ok "archive - -o - reads a source from standard input and writes standard output" \
   '[ $rc -eq 0 ] && [ "$(pages arch.pdf)" -gt 10 ] && [ ! -e ./- ] && [ ! -e ./-.manifest.json ]'
pdfdetach -list arch.pdf >att 2>/dev/null
ok "the source read from standard input is attached as stdin.xml" 'grep -q "stdin.xml" att'
"$RG" archive reports -o x.pdf --manifest - --no-manifest >/dev/null 2>&1
"$RG" archive --allow-mixed reports -o x.pdf --manifest - >man.json 2>err; rc=$?
ok "archive --manifest - writes the manifest to standard output" \
   '[ $rc -eq 0 ] && jq -e ".sources | length == 2" man.json >/dev/null'
"$RG" archive reports -o x.pdf --icc /a --icc /b 2>err; rc=$?
ok "archive --icc twice is a usage error (2)" '[ $rc -eq 2 ]'
"$RG" batch reports -o - 2>err; rc=$?
ok "batch -o - is a usage error (2): the output is a folder" '[ $rc -eq 2 ] && [ ! -e ./- ]'
"$RG" serve -p 0 --port 0 2>err; rc=$?
ok "serve --port twice is a usage error (2)" '[ $rc -eq 2 ] && grep -q -- "--port given twice" err'
"$RG" batch -q reports -o out -o out2 2>err; rc=$?
ok "batch -o twice is a usage error (2)" '[ $rc -eq 2 ] && [ ! -e out ]'

# ---- summary.csv: BOM, message column ----------------------------------------
mkdir bin
cp "$I" bin/a.xml
printf '<report xmlns="urn:raingan:report:1">\n<oops/>\n' >bin/b.xml
"$RG" batch -q bin - -o sum <"$S" 2>err; rc=$?
ok "batch with a broken source exits 1" '[ $rc -eq 1 ]'
ok "summary.csv starts with a UTF-8 byte order mark" '[ "$(head -c 3 sum/summary.csv | od -An -tx1 | tr -d " ")" = efbbbf ]'
ok "summary.csv has a messages column (then the approval state)" 'head -1 sum/summary.csv | grep -q ",sha256,weight,score,weighted,messages,state,submitted_by,submitted_on,approved_by,approved_on\r\?$"'
ok "summary.csv gives the broken source's message" \
   'grep "bin/b.xml" sum/summary.csv | grep -q "failed,.*\"bin/b.xml:[0-9]*:[0-9]*: error: "'
ok "summary.csv lists the source read from standard input" 'grep -q "^\"-\",.*,ok," sum/summary.csv'
ok "batch reads - as a source (its PDF is written)" '[ "$(ls sum/*.pdf | wc -l)" -eq 2 ]'
"$RG" batch bin -o sum2 2>err
ok "batch says where the summary is" 'grep -q "summary in sum2/summary.json" err'

# ---- names longer than NAME_MAX (issue #20 item 16) ----------------------------
mkdir long
long=$(printf 'กองยุทธศาสตร์%.0s' $(seq 1 12)) # 12 x 39 bytes = 468 bytes
sed "s|<department>[^<]*</department>|<department>$long</department>|" "$I" >long/l.xml
grep -q "$long" long/l.xml || sed -i "s|</agency>|</agency><department>$long</department>|" long/l.xml
"$RG" batch -q long -o lout 2>err; rc=$?
name=$(ls lout | grep '\.pdf$')
ok "a name longer than NAME_MAX is shortened, not an error (exit 0)" \
   '[ $rc -eq 0 ] && [ -n "$name" ] && [ "$(printf %s "$name" | wc -c)" -le 200 ] && [ "$(pages "lout/$name")" -gt 5 ]'
ok "the shortened name is cut at a character (valid UTF-8)" 'printf %s "$name" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1'
ok "no temporary file is left" '[ -z "$(ls -a lout | grep tmp)" ]'
"$RG" batch -q --per-indicator long long/l.xml -o lout2 2>err; rc=$?
ok "--per-indicator keeps the indicator in shortened names" \
   '[ $rc -eq 0 ] && ls lout2 | grep -q -- "-1\.1\.pdf$" && [ "$(ls lout2 | grep -c pdf)" -ge 5 ]'
# A summary that cannot be written: no "summary in".
mkdir ro && cp "$I" ro/a.xml
mkdir sumro && touch sumro/summary.json.lock
if [ "$(id -u)" = 0 ]; then
  mkdir sumro/summary.json # a folder where the summary should go
  "$RG" batch ro -o sumro 2>err; rc=$?
  ok "no summary written: exit 3 and no 'summary in'" \
     '[ $rc -eq 3 ] && ! grep -q "summary in" err && grep -q "no summary written" err'
fi

# ---- NO_COLOR: no terminal escapes on a terminal (script(1) gives one) ---------
if command -v script >/dev/null; then
  script -qec "'$RG' batch reports -o tty1" /dev/null >tty1.txt 2>&1
  NO_COLOR=1 script -qec "'$RG' batch reports -o tty2" /dev/null >tty2.txt 2>&1
  ok "on a terminal batch draws its progress bar with escapes" 'grep -q $'"'"'\033'"'"' tty1.txt'
  ok "with NO_COLOR set it writes no escape sequence" '! grep -q $'"'"'\033'"'"' tty2.txt && grep -q "summary in" tty2.txt'
fi

# ---- help, version ------------------------------------------------------------
"$RG" help >h.txt; rc=$?
ok "raingan help lists the commands" '[ $rc -eq 0 ] && grep -q "^  render " h.txt && grep -q "^  help " h.txt'
"$RG" help render >hr.txt; rc=$?
"$RG" render --help >hr2.txt
ok "raingan help render is raingan render --help" '[ $rc -eq 0 ] && cmp -s hr.txt hr2.txt && [ -s hr.txt ]'
"$RG" help nosuch 2>err; rc=$?
ok "raingan help of an unknown command is a usage error (2)" '[ $rc -eq 2 ] && grep -q "unknown command" err'
v=$("$RG" -V); v2=$("$RG" --version)
ok "-V and --version print the version" '[ "$v" = "$v2" ] && echo "$v" | grep -qx "raingan [0-9]*\.[0-9]*\.[0-9]*"'

# ---- preview --watch: the time on every line ------------------------------------
"$RG" preview ind.xml -i 1.2 -o w.pdf --watch --max-renders 1 2>err; rc=$?
ok "every --watch line starts with HH:MM:SS" \
   '[ $rc -eq 0 ] && [ "$(wc -l <err)" -ge 2 ] && ! grep -vq "^[0-2][0-9]:[0-5][0-9]:[0-6][0-9] raingan preview: " err'

finish
