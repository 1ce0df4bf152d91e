#!/usr/bin/env bash
# po.sh - every message of the library has a Thai translation in po/th.po,
# and the catalogue compiles with its printf directives checked.
# $1: the raingan binary (for a Thai message end to end), $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"

ok "po/th.po compiles with msgfmt --check" 'msgfmt --check -o "$tmp/th.mo" "$SRC/po/th.po"'
bash "$SRC/scripts/po-update.sh" --check >"$tmp/po.log" 2>&1; rc=$?
cat "$tmp/po.log"
# Missing Thai is listed and fails: add it to po/th.po (docs/messages.md).
ok "every message extracted from src/ has a Thai translation" '[ $rc -eq 0 ]'
# The check itself fails on a new message without Thai (a copy of the
# script and catalogue beside one new source file).
mkdir -p "$tmp/tree/scripts" "$tmp/tree/po" "$tmp/tree/src"
cp "$SRC/scripts/po-update.sh" "$tmp/tree/scripts/"; cp "$SRC/po/th.po" "$tmp/tree/po/"
cp -r "$SRC/src/." "$tmp/tree/src/"
printf 'void f(void *ctx) { rg_diag(ctx, 0, "x", 0, 0, 0, 0, "a message nobody translated"); }\n' \
  >"$tmp/tree/src/new.c"
bash "$tmp/tree/scripts/po-update.sh" --check >"$tmp/po2.log" 2>&1; rc2=$?
ok "a message without Thai makes the check fail, naming it" \
   '[ $rc2 -eq 1 ] && grep -q "^msgid \"a message nobody translated\"$" "$tmp/po2.log"'

# xgettext counts arguments by commas and knows nothing of braces: a
# compound literal such as (rg_pos){1, 1} before a message hides it from
# the catalogue (the message would stay English in Thai).
hidden=$(grep -rnE '(loader_diag|rg_diag|perr|xreport|terr|terr_at)\(.*\)\{' "$SRC/src" --include=*.c || true)
ok "no message call has a compound literal before its message" '[ -z "$hidden" ] || { echo "#  $hidden"; false; }'

# The catalogue is used: a stray "&" reads in Thai with --lang th and
# with LANG=th_TH.UTF-8 (no Thai locale needs to be installed), in English
# otherwise, and the code stays English.
printf '<report xmlns="urn:raingan:report:1">A & B</report>\n' >"$tmp/amp.xml"
LANG=C "$RG" check "$tmp/amp.xml" 2>"$tmp/en" >/dev/null
"$RG" check --lang th "$tmp/amp.xml" 2>"$tmp/th" >/dev/null
LANG=th_TH.UTF-8 LC_ALL= LANGUAGE= "$RG" check "$tmp/amp.xml" 2>"$tmp/th2" >/dev/null
ok "English by default" 'grep -q "error: a bare \"&\" is not allowed in XML text; write it as &amp; \[xml\]" "$tmp/en"'
ok "--lang th: Thai message, English code" 'grep -q "ข้อผิดพลาด: ใช้เครื่องหมาย \"&\" ตรง ๆ ในข้อความ XML ไม่ได้ ให้เขียนเป็น &amp; \[xml\]" "$tmp/th"'
ok "LANG=th_TH.UTF-8 gives the same as --lang th" 'cmp -s "$tmp/th" "$tmp/th2"'
ok "--lang xx is a usage error" '"$RG" check --lang xx "$tmp/missing.xml" 2>/dev/null; [ $? -eq 2 ]'
# The system's error after the colon is Thai too (i18n_strerror): a full
# disk (/dev/full) and a missing folder.
S="$SRC/samples/indicators-2562.xml"
"$RG" render --lang th "$S" -o - >/dev/full 2>"$tmp/full"
ok "--lang th: a full disk is พื้นที่ในดิสก์เต็ม" 'grep -qx "<stdout>: ข้อผิดพลาด: เขียนไม่ได้: พื้นที่ในดิสก์เต็ม \[io-write\]" "$tmp/full"'
LANG=C "$RG" render "$S" -o - >/dev/full 2>"$tmp/full.en"
ok "English: strerror's text" 'grep -qx "<stdout>: error: cannot write: No space left on device \[io-write\]" "$tmp/full.en"'
"$RG" render --lang th "$S" -o "$tmp/no/such/dir/x.pdf" 2>"$tmp/nodir"
ok "--lang th: a missing folder is ไม่มีไฟล์หรือโฟลเดอร์นี้" 'grep -q ": ข้อผิดพลาด: สร้างไฟล์ผลลัพธ์ไม่ได้: ไม่มีไฟล์หรือโฟลเดอร์นี้ \[io-write\]$" "$tmp/nodir"'
finish
