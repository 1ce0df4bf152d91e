#!/usr/bin/env bash
# families.sh - fonts named by family (fontconfig) and the fallback chain,
# over real installed fonts: Debian's TLWG Laksaman, Garuda and Loma and
# Noto Sans/Serif Thai with Noto Sans/Serif (scripts/install-deps.sh), and
# TH Sarabun New from npm (tests/thaifonts; found through a fontconfig
# configuration that adds its folder, FONTCONFIG_FILE).  Which font each
# run is set in is read back with pdffonts, messages are compared whole,
# and the text extracted with pdftotext -raw must be the source's.
#   bash families.sh RAINGAN SOURCE_DIR
set -u
RG=$1 SRC=$2
T=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
export SOURCE_DATE_EPOCH=1700000000 NO_COLOR=1
pass=0 fail=0
ok() { if eval "$2"; then pass=$((pass + 1)); echo "ok   - $1"; else fail=$((fail + 1)); echo "FAIL - $1"; fi; }
fonts_of() { pdffonts "$1" 2>/dev/null | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort | tr '\n' ' '; }

# TH Sarabun New is not installed system-wide: a configuration that reads
# the system's and adds the npm folder (its cache in $T, not the user's).
NPM=$SRC/tests/thaifonts/node_modules/font-th-sarabun-new/fonts
cat >"$T/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$NPM</dir>
  <cachedir>$T/fc-cache</cachedir>
</fontconfig>
EOF
export FONTCONFIG_FILE=$T/fonts.conf
ok "TH Sarabun New is installed from npm (scripts/install-npm.sh)" \
   '(cd "$SRC/tests/thaifonts" && sha256sum --quiet -c fonts.sha256)'

# ---- --family: each family's own fonts, text extracted exactly -------------
printf 'ปฏิบัติราชการ ขึ้นทะเบียน ฟ้า ฝั่ง ป้อง\n' >"$T/thai.txt"
printf 'ราชการ Report 2562 ปฏิบัติ\n' >"$T/mixed.txt"
printf 'Report 2019 ABC\n' >"$T/latin.txt"
check_family() { # family expected-fonts-of-mixed.txt
    local fam=$1 want=$2 name=${1// /_}
    "$RG" typeset -q --family "$fam" "$T/mixed.txt" -o "$T/$name.pdf" 2>"$T/$name.err"
    ok "--family '$fam': typeset without a message" '[ $? -eq 0 ] && [ ! -s "$T/$name.err" ]'
    ok "--family '$fam': set in $want(pdffonts)" '[ "$(fonts_of "$T/$name.pdf")" = "$want" ]'
    ok "--family '$fam': pdftotext -raw gives the source back" \
       '[ "$(pdftotext -raw "$T/$name.pdf" - | tr -d "\f")" = "$(cat "$T/mixed.txt")" ]'
}
check_family "Laksaman" "Laksaman "
check_family "Garuda" "Garuda "
check_family "Loma" "Loma "
check_family "TH Sarabun New" "THSarabunNew "
check_family "th sarabun new" "THSarabunNew "   # names compare as fontconfig's: case, spaces
# Noto Thai has no Latin and no digits: they come from Noto Sans / Noto
# Serif (the companion family), not the fallback, and quietly.
check_family "Noto Sans Thai" "NotoSans-Regular NotoSansThai-Regular "
check_family "Noto Serif Thai" "NotoSerif-Regular NotoSerifThai-Regular "
"$RG" typeset -q --family "Noto Sans Thai" "$T/latin.txt" -o "$T/nl.pdf"
ok "Noto Sans Thai: a line of Latin and digits is all Noto Sans" \
   '[ "$(fonts_of "$T/nl.pdf")" = "NotoSans-Regular " ]'
"$RG" typeset -q --family "Noto Sans Thai" "$T/thai.txt" -o "$T/nt.pdf"
ok "Noto Sans Thai: a line of Thai is all Noto Sans Thai" \
   '[ "$(fonts_of "$T/nt.pdf")" = "NotoSansThai-Regular " ]'
# A chain fontconfig's configuration defines: a user's <alias> for the
# family comes first (the generic defaults every name gets, DejaVu LGC
# Sans first, are not the family's and are left out, as above).
cat >"$T/alias.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include>$T/fonts.conf</include>
  <alias><family>Noto Sans Thai</family><accept><family>Noto Serif</family></accept></alias>
</fontconfig>
EOF
FONTCONFIG_FILE=$T/alias.conf "$RG" typeset -q --family "Noto Sans Thai" "$T/mixed.txt" -o "$T/na.pdf"
ok "an <alias> in fonts.conf (Noto Sans Thai accepts Noto Serif) puts Noto Serif first in the chain" \
   '[ "$(fonts_of "$T/na.pdf")" = "NotoSansThai-Regular NotoSerif-Regular " ]'
# The same companion for a file given with --font.
"$RG" typeset -q --font /usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf "$T/mixed.txt" \
    -o "$T/nf.pdf" 2>"$T/nf.err"
ok "--font NotoSerifThai-Regular.ttf takes its Latin from Noto Serif, quietly" \
   '[ "$(fonts_of "$T/nf.pdf")" = "NotoSerif-Regular NotoSerifThai-Regular " ] && [ ! -s "$T/nf.err" ]'
# TH Sarabun New from its file: the government's font, its real metrics
# (hhea: the typo metrics span only 1.0 em), two lines apart, not overlapping.
# ("ปฏู ฟื้น" at --width 30: issue 16's case, a deep ฏ over a stacked tone mark.)
printf 'ปฏู ฟื้น\n' >"$T/pfu.txt"
"$RG" typeset -q --font "$NPM/THSarabunNew-webfont.ttf" --width 30 "$T/pfu.txt" -o "$T/ths.pdf"
ok "--font THSarabunNew-webfont.ttf: pdffonts names THSarabunNew" \
   '[ "$(fonts_of "$T/ths.pdf")" = "THSarabunNew " ]'
ok "--font THSarabunNew-webfont.ttf: the two words come back exactly, one a line" \
   '[ "$(pdftotext -raw "$T/ths.pdf" - | tr -d "\f")" = "$(printf "ปฏู\nฟื้น")" ]'
# Line pitch: hhea's ascender - descender + gap = 1.94 em is 31.1 pt at
# 16 pt (LibreOffice's); the typo metrics' 1.0 em would be 16 pt.
pitch=$(pdftotext -bbox "$T/ths.pdf" - | awk -F'"' '/<word/ {print $4}' | sort -n -u |
        awk 'NR==1{a=$1} NR==2{printf "%.1f", $1-a}')
ok "TH Sarabun New lines are $pitch pt apart, from hhea (at least 31 pt), not 16 pt" \
   'awk -v p="$pitch" "BEGIN{exit !(p >= 31)}"'
mkdir -p "$T/data/templates"
ln -s "$SRC/fonts" "$T/data/fonts"
ln -s "$SRC/data" "$T/data/data"
for t in "$SRC"/templates/*.xml "$SRC"/templates/*.rng; do cp "$t" "$T/data/templates/"; done

# ---- a template's family ----------------------------------------------------
sed -i 's|<fonts body="16"|<fonts family="Laksaman" body="16"|' "$T/data/templates/indicator.xml"
ok "a template with family= is valid against template.rng" \
   'xmllint --noout --relaxng "$T/data/templates/template.rng" "$T/data/templates/indicator.xml" 2>/dev/null'
"$RG" render -q --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -o "$T/lak.pdf" 2>"$T/lak.err"
ok "family=\"Laksaman\" in indicator.xml: the forms render without a message" \
   '[ $? -eq 0 ] && [ ! -s "$T/lak.err" ]'
ok "the forms are in Laksaman, the bold in Laksaman-Bold (the family's bold face)" \
   '[ "$(fonts_of "$T/lak.pdf")" = "Laksaman Laksaman-Bold " ]'
"$RG" render -q --data-dir "$T/data" "$SRC/samples/summary-2564.xml" -o "$T/sum.pdf"
ok "a summary, whose template names no family, stays in Sarabun" \
   '[ "$(fonts_of "$T/sum.pdf")" = "Sarabun-Bold Sarabun-Regular " ]'
"$RG" render -q --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$T/lak1.pdf"
ok "one indicator's form is Laksaman only" '[ "$(fonts_of "$T/lak1.pdf")" = "Laksaman Laksaman-Bold " ]'
"$RG" render -q "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$T/sar1.pdf"
ok "the same form with the standard template is Sarabun" \
   '[ "$(fonts_of "$T/sar1.pdf")" = "Sarabun-Bold Sarabun-Regular " ]'
"$RG" render -q --font /usr/share/fonts/truetype/tlwg/Laksaman.ttf \
    --font-bold /usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf \
    "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$T/lakf.pdf"
ok "family=\"Laksaman\" gives the bytes --font Laksaman.ttf --font-bold Laksaman-Bold.ttf gives" \
   'cmp -s "$T/lak1.pdf" "$T/lakf.pdf"'
"$RG" render -q -j 1 --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -o "$T/lak-j1.pdf"
ok "the family's forms are the same bytes on 1 thread as on many" 'cmp -s "$T/lak.pdf" "$T/lak-j1.pdf"'

# fallback= names the chain: Noto Serif Thai with Sarabun's Latin.
sed -i 's|family="Laksaman"|family="Noto Serif Thai" fallback="Sarabun"|' "$T/data/templates/indicator.xml"
"$RG" render -q --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$T/ns.pdf" 2>"$T/ns.err"
ok "family=\"Noto Serif Thai\" fallback=\"Sarabun\": Thai in Noto Serif Thai, Latin and digits in Sarabun" \
   '[ "$(fonts_of "$T/ns.pdf")" = "NotoSerifThai-Bold NotoSerifThai-Regular Sarabun-Bold Sarabun-Regular " ] && [ ! -s "$T/ns.err" ]'

# ---- a family that is not installed -------------------------------------------
sed -i 's|family="Noto Serif Thai" fallback="Sarabun"|family="TH SarabunIT9"|' "$T/data/templates/indicator.xml"
line=$(grep -n '<fonts' "$T/data/templates/indicator.xml" | cut -d: -f1)
col=$(($(sed -n "${line}p" "$T/data/templates/indicator.xml" | awk '{print index($0, "family=")}')))
"$RG" render --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -o "$T/miss.pdf" 2>"$T/miss.err"
rc=$?
ok "a template naming a family that is not installed: exit 1, no PDF" '[ $rc -eq 1 ] && [ ! -e "$T/miss.pdf" ]'
cat >"$T/miss.want" <<EOF
$T/data/templates/indicator.xml:$line:$col: error: the font family 'TH SarabunIT9' is not installed (fontconfig does not know it) [font-family]
  hint: 'fc-list : family' lists the installed families; install the family (Debian: fonts-noto-core, fonts-tlwg-laksaman-ttf ...) or give its file with --font FILE
EOF
ok "... the message, at the template's family= ($line:$col), names the family and how to fix it" \
   'diff "$T/miss.want" "$T/miss.err"'
"$RG" render --lang th --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -o "$T/miss.pdf" 2>"$T/miss-th.err"
"$RG" check --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" 2>"$T/check.err" >/dev/null
rc=$?
ok "raingan check finds it too (exit 1, the same message): a source that checks clean renders" \
   '[ $rc -eq 1 ] && diff "$T/miss.want" <(head -2 "$T/check.err")'
ok "... and in Thai with --lang th" \
   'grep -qF "indicator.xml:$line:$col: ข้อผิดพลาด: ไม่ได้ติดตั้งฟอนต์ตระกูล '"'"'TH SarabunIT9'"'"' (fontconfig ไม่รู้จัก) [font-family]" "$T/miss-th.err"'
sed -i 's|family="TH SarabunIT9"|family="Loma" fallback="Garuda, No Such Sans"|' "$T/data/templates/indicator.xml"
col=$(($(sed -n "${line}p" "$T/data/templates/indicator.xml" | awk '{print index($0, "fallback=")}')))
"$RG" render --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -o "$T/miss.pdf" 2>"$T/miss2.err"
rc=$?
ok "a fallback family that is not installed: exit 1 at fallback= ($line:$col)" \
   '[ $rc -eq 1 ] && grep -qF "indicator.xml:$line:$col: error: the font family '"'"'No Such Sans'"'"' is not installed" "$T/miss2.err"'
sed -i 's|family="Loma" fallback="Garuda, No Such Sans"|family="Loma, Garuda"|' "$T/data/templates/indicator.xml"
col=$(($(sed -n "${line}p" "$T/data/templates/indicator.xml" | awk '{print index($0, "family=")}')))
"$RG" render --data-dir "$T/data" "$SRC/samples/indicators-2562.xml" -o "$T/miss.pdf" 2>"$T/miss3.err"
rc=$?
ok "family= with two names is refused at family= ($line:$col), exit 1" \
   '[ $rc -eq 1 ] && grep -qF "indicator.xml:$line:$col: error: family=\"Loma, Garuda\" of <fonts> is not a font family name (write one installed family, as fc-list : family lists it) [template]" "$T/miss3.err"'
"$RG" typeset --family "No Such Sans" "$T/thai.txt" -o "$T/cli.pdf" 2>"$T/cli.err"
rc=$?
cat >"$T/cli.want" <<EOF
error: the font family 'No Such Sans' is not installed (fontconfig does not know it) [font-family]
  hint: 'fc-list : family' lists the installed families; install the family (Debian: fonts-noto-core, fonts-tlwg-laksaman-ttf ...) or give its file with --font FILE
EOF
ok "--family naming a family that is not installed: exit 4 (fonts missing), the same message" \
   '[ $rc -eq 4 ] && [ ! -e "$T/cli.pdf" ] && diff "$T/cli.want" "$T/cli.err"'

# ---- a character the font lacks: the fallback, named; never a silent .notdef
printf 'ตรวจแล้ว ✓ ถูก\n' >"$T/tick.txt"
"$RG" typeset -q "$T/tick.txt" -o "$T/tick.pdf" 2>"$T/tick.err"
cat >"$T/tick.want" <<EOF
$T/tick.txt:1:1: warning: Sarabun-Regular has no glyph for U+2713; it is set in DejaVuSans [fallback-glyph]
  hint: use a font that covers it (--font), or --fallback to choose the font that fills in
EOF
ok "✓ (U+2713), which Sarabun lacks: set in DejaVu Sans, named in a warning" \
   'diff "$T/tick.want" "$T/tick.err" && [ "$(fonts_of "$T/tick.pdf")" = "DejaVuSans Sarabun-Regular " ]'
ok "... and extracted exactly" '[ "$(pdftotext -raw "$T/tick.pdf" - | tr -d "\f")" = "$(cat "$T/tick.txt")" ]'
"$RG" typeset -q --family "Noto Sans Thai" "$T/tick.txt" -o "$T/tick2.pdf" 2>"$T/tick2.err"
ok "Noto Sans Thai and Noto Sans lack ✓ too: the fallback sets it, with the warning" \
   'grep -qF "warning: NotoSansThai-Regular has no glyph for U+2713; it is set in DejaVuSans [fallback-glyph]" "$T/tick2.err" &&
    [ "$(fonts_of "$T/tick2.pdf")" = "DejaVuSans NotoSansThai-Regular " ]'
printf 'ตรวจ ཀ\n' >"$T/none.txt"
"$RG" typeset -q "$T/none.txt" -o "$T/none.pdf" 2>"$T/none.err"
cat >"$T/none.want" <<EOF
$T/none.txt:1:1: warning: no font has a glyph for U+0F40; it is drawn as a missing-glyph box [missing-glyph]
  hint: use a font that covers it (--font) or replace the character
EOF
ok "a character no font has (U+0F40): a warning naming it, never silent" 'diff "$T/none.want" "$T/none.err"'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
