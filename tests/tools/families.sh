#!/usr/bin/env bash
# families.sh - fonts named by family (fontconfig) and the fallback chain,
# over real installed fonts: Debian's TLWG Laksaman, Garuda and Loma and
# Noto Sans/Serif Thai with Noto Sans/Serif (scripts/install-deps.sh), and
# TH Sarabun New from npm (tests/thaifonts; found through a fontconfig
# configuration that adds its folder, FONTCONFIG_FILE).  Which font each
# run is set in is read back with pdffonts, messages are compared whole,
# and the text extracted with pdftotext -raw must be the source's.
#   bash families.sh RAINGAN SOURCE_DIR
source "$(dirname "$0")/lib.bash" "$@"
export NO_COLOR=1
fonts_of() { pdffonts "$1" 2>/dev/null | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort | tr '\n' ' '; }

# TH Sarabun New is not installed system-wide: a configuration that reads
# the system's and adds the npm folder (its cache in $tmp, not the user's).
NPM=$SRC/tests/thaifonts/node_modules/font-th-sarabun-new/fonts
cat >"$tmp/fonts.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$NPM</dir>
  <cachedir>$tmp/fc-cache</cachedir>
</fontconfig>
EOF
export FONTCONFIG_FILE=$tmp/fonts.conf
ok "TH Sarabun New is installed from npm (scripts/install-npm.sh)" \
   '(cd "$SRC/tests/thaifonts" && sha256sum --quiet -c fonts.sha256)'

# ---- --family: each family's own fonts, text extracted exactly -------------
printf 'ปฏิบัติราชการ ขึ้นทะเบียน ฟ้า ฝั่ง ป้อง\n' >"$tmp/thai.txt"
printf 'ราชการ Report 2562 ปฏิบัติ\n' >"$tmp/mixed.txt"
printf 'Report 2019 ABC\n' >"$tmp/latin.txt"
check_family() { # family expected-fonts-of-mixed.txt
    local fam=$1 want=$2 name=${1// /_}
    "$RG" typeset -q --family "$fam" "$tmp/mixed.txt" -o "$tmp/$name.pdf" 2>"$tmp/$name.err"
    ok "--family '$fam': typeset without a message" '[ $? -eq 0 ] && [ ! -s "$tmp/$name.err" ]'
    ok "--family '$fam': set in $want(pdffonts)" '[ "$(fonts_of "$tmp/$name.pdf")" = "$want" ]'
    ok "--family '$fam': pdftotext -raw gives the source back" \
       '[ "$(pdftotext -raw "$tmp/$name.pdf" - | tr -d "\f")" = "$(cat "$tmp/mixed.txt")" ]'
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
"$RG" typeset -q --family "Noto Sans Thai" "$tmp/latin.txt" -o "$tmp/nl.pdf"
ok "Noto Sans Thai: a line of Latin and digits is all Noto Sans" \
   '[ "$(fonts_of "$tmp/nl.pdf")" = "NotoSans-Regular " ]'
"$RG" typeset -q --family "Noto Sans Thai" "$tmp/thai.txt" -o "$tmp/nt.pdf"
ok "Noto Sans Thai: a line of Thai is all Noto Sans Thai" \
   '[ "$(fonts_of "$tmp/nt.pdf")" = "NotoSansThai-Regular " ]'
# A chain fontconfig's configuration defines: a user's <alias> for the
# family comes first (the generic defaults every name gets, DejaVu LGC
# Sans first, are not the family's and are left out, as above).
cat >"$tmp/alias.conf" <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include>$tmp/fonts.conf</include>
  <alias><family>Noto Sans Thai</family><accept><family>Noto Serif</family></accept></alias>
</fontconfig>
EOF
FONTCONFIG_FILE=$tmp/alias.conf "$RG" typeset -q --family "Noto Sans Thai" "$tmp/mixed.txt" -o "$tmp/na.pdf"
ok "an <alias> in fonts.conf (Noto Sans Thai accepts Noto Serif) puts Noto Serif first in the chain" \
   '[ "$(fonts_of "$tmp/na.pdf")" = "NotoSansThai-Regular NotoSerif-Regular " ]'
# The same companion for a file given with --font.
"$RG" typeset -q --font /usr/share/fonts/truetype/noto/NotoSerifThai-Regular.ttf "$tmp/mixed.txt" \
    -o "$tmp/nf.pdf" 2>"$tmp/nf.err"
ok "--font NotoSerifThai-Regular.ttf takes its Latin from Noto Serif, quietly" \
   '[ "$(fonts_of "$tmp/nf.pdf")" = "NotoSerif-Regular NotoSerifThai-Regular " ] && [ ! -s "$tmp/nf.err" ]'
# TH Sarabun New from its file: the government's font, its real metrics
# (hhea: the typo metrics span only 1.0 em), two lines apart, not overlapping.
# ("ปฏู ฟื้น" at --width 30: issue 16's case, a deep ฏ over a stacked tone mark.)
printf 'ปฏู ฟื้น\n' >"$tmp/pfu.txt"
"$RG" typeset -q --font "$NPM/THSarabunNew-webfont.ttf" --width 30 "$tmp/pfu.txt" -o "$tmp/ths.pdf"
ok "--font THSarabunNew-webfont.ttf: pdffonts names THSarabunNew" \
   '[ "$(fonts_of "$tmp/ths.pdf")" = "THSarabunNew " ]'
ok "--font THSarabunNew-webfont.ttf: the two words come back exactly, one a line" \
   '[ "$(pdftotext -raw "$tmp/ths.pdf" - | tr -d "\f")" = "$(printf "ปฏู\nฟื้น")" ]'
# Line pitch: hhea's ascender - descender + gap = 1.94 em is 31.1 pt at
# 16 pt (LibreOffice's); the typo metrics' 1.0 em would be 16 pt.
pitch=$(pdftotext -bbox "$tmp/ths.pdf" - | awk -F'"' '/<word/ {print $4}' | sort -n -u |
        awk 'NR==1{a=$1} NR==2{printf "%.1f", $1-a}')
ok "TH Sarabun New lines are $pitch pt apart, from hhea (at least 31 pt), not 16 pt" \
   'awk -v p="$pitch" "BEGIN{exit !(p >= 31)}"'
mkdir -p "$tmp/data/templates"
ln -s "$SRC/fonts" "$tmp/data/fonts"
ln -s "$SRC/data" "$tmp/data/data"
for t in "$SRC"/templates/*.xml "$SRC"/templates/*.rng; do cp "$t" "$tmp/data/templates/"; done

# ---- a template's family ----------------------------------------------------
sed -i 's|<fonts body="16"|<fonts family="Laksaman" body="16"|' "$tmp/data/templates/indicator.xml"
ok "a template with family= is valid against template.rng" \
   'xmllint --noout --relaxng "$tmp/data/templates/template.rng" "$tmp/data/templates/indicator.xml" 2>/dev/null'
"$RG" render -q --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -o "$tmp/lak.pdf" 2>"$tmp/lak.err"
ok "family=\"Laksaman\" in indicator.xml: the forms render without a message" \
   '[ $? -eq 0 ] && [ ! -s "$tmp/lak.err" ]'
ok "the forms are in Laksaman, the bold in Laksaman-Bold (the family's bold face)" \
   '[ "$(fonts_of "$tmp/lak.pdf")" = "Laksaman Laksaman-Bold " ]'
"$RG" render -q --data-dir "$tmp/data" "$SRC/samples/summary-2564.xml" -o "$tmp/sum.pdf"
ok "a summary, whose template names no family, stays in Sarabun" \
   '[ "$(fonts_of "$tmp/sum.pdf")" = "Sarabun-Bold Sarabun-Regular " ]'
"$RG" render -q --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$tmp/lak1.pdf"
ok "one indicator's form is Laksaman only" '[ "$(fonts_of "$tmp/lak1.pdf")" = "Laksaman Laksaman-Bold " ]'
"$RG" render -q "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$tmp/sar1.pdf"
ok "the same form with the standard template is Sarabun" \
   '[ "$(fonts_of "$tmp/sar1.pdf")" = "Sarabun-Bold Sarabun-Regular " ]'
"$RG" render -q --font /usr/share/fonts/truetype/tlwg/Laksaman.ttf \
    --font-bold /usr/share/fonts/truetype/tlwg/Laksaman-Bold.ttf \
    "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$tmp/lakf.pdf"
ok "family=\"Laksaman\" gives the bytes --font Laksaman.ttf --font-bold Laksaman-Bold.ttf gives" \
   'cmp -s "$tmp/lak1.pdf" "$tmp/lakf.pdf"'
"$RG" render -q -j 1 --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -o "$tmp/lak-j1.pdf"
ok "the family's forms are the same bytes on 1 thread as on many" 'cmp -s "$tmp/lak.pdf" "$tmp/lak-j1.pdf"'

# fallback= names the chain: Noto Serif Thai with Sarabun's Latin.
sed -i 's|family="Laksaman"|family="Noto Serif Thai" fallback="Sarabun"|' "$tmp/data/templates/indicator.xml"
"$RG" render -q --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -i 1.1 -o "$tmp/ns.pdf" 2>"$tmp/ns.err"
ok "family=\"Noto Serif Thai\" fallback=\"Sarabun\": Thai in Noto Serif Thai, Latin and digits in Sarabun" \
   '[ "$(fonts_of "$tmp/ns.pdf")" = "NotoSerifThai-Bold NotoSerifThai-Regular Sarabun-Bold Sarabun-Regular " ] && [ ! -s "$tmp/ns.err" ]'

# ---- a family that is not installed -------------------------------------------
sed -i 's|family="Noto Serif Thai" fallback="Sarabun"|family="TH SarabunIT9"|' "$tmp/data/templates/indicator.xml"
line=$(grep -n '<fonts' "$tmp/data/templates/indicator.xml" | cut -d: -f1)
col=$(($(sed -n "${line}p" "$tmp/data/templates/indicator.xml" | awk '{print index($0, "family=")}')))
"$RG" render --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -o "$tmp/miss.pdf" 2>"$tmp/miss.err"
rc=$?
ok "a template naming a family that is not installed: exit 1, no PDF" '[ $rc -eq 1 ] && [ ! -e "$tmp/miss.pdf" ]'
cat >"$tmp/miss.want" <<EOF
$tmp/data/templates/indicator.xml:$line:$col: error: the font family 'TH SarabunIT9' is not installed (fontconfig does not know it) [font-family]
  hint: 'fc-list : family' lists the installed families; install the family (Debian: fonts-noto-core, fonts-tlwg-laksaman-ttf ...) or give its file with --font FILE
EOF
ok "... the message, at the template's family= ($line:$col), names the family and how to fix it" \
   'diff "$tmp/miss.want" "$tmp/miss.err"'
"$RG" render --lang th --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -o "$tmp/miss.pdf" 2>"$tmp/miss-th.err"
"$RG" check --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" 2>"$tmp/check.err" >/dev/null
rc=$?
ok "raingan check finds it too (exit 1, the same message): a source that checks clean renders" \
   '[ $rc -eq 1 ] && diff "$tmp/miss.want" <(head -2 "$tmp/check.err")'
ok "... and in Thai with --lang th" \
   'grep -qF "indicator.xml:$line:$col: ข้อผิดพลาด: ไม่ได้ติดตั้งฟอนต์ตระกูล '"'"'TH SarabunIT9'"'"' (fontconfig ไม่รู้จัก) [font-family]" "$tmp/miss-th.err"'
# refused WHAT FROM TO ATTR MESSAGE: indicator.xml's <fonts> with FROM
# replaced by TO does not render (exit 1), and the error MESSAGE points at
# ATTR= on its line.
refused() {
    local what=$1 from=$2 to=$3 attr=$4 msg=$5 col
    sed -i "s|$from|$to|" "$tmp/data/templates/indicator.xml"
    col=$(sed -n "${line}p" "$tmp/data/templates/indicator.xml" | awk -v a="$attr=" '{print index($0, a)}')
    "$RG" render --data-dir "$tmp/data" "$SRC/samples/indicators-2562.xml" -o "$tmp/miss.pdf" \
        2>"$tmp/refused.err"
    rc=$?
    ok "$what: exit 1 at $attr= ($line:$col)" \
       '[ $rc -eq 1 ] && grep -qF "indicator.xml:$line:$col: error: $msg" "$tmp/refused.err"'
}
refused "a fallback family that is not installed" 'family="TH SarabunIT9"' \
    'family="Loma" fallback="Garuda, No Such Sans"' fallback \
    "the font family 'No Such Sans' is not installed"
refused "family= with two names is refused" 'family="Loma" fallback="Garuda, No Such Sans"' \
    'family="Loma, Garuda"' family \
    'family="Loma, Garuda" of <fonts> is not a font family name (write one installed family, as fc-list : family lists it) [template]'
"$RG" typeset --family "No Such Sans" "$tmp/thai.txt" -o "$tmp/cli.pdf" 2>"$tmp/cli.err"
rc=$?
cat >"$tmp/cli.want" <<EOF
error: the font family 'No Such Sans' is not installed (fontconfig does not know it) [font-family]
  hint: 'fc-list : family' lists the installed families; install the family (Debian: fonts-noto-core, fonts-tlwg-laksaman-ttf ...) or give its file with --font FILE
EOF
ok "--family naming a family that is not installed: exit 4 (fonts missing), the same message" \
   '[ $rc -eq 4 ] && [ ! -e "$tmp/cli.pdf" ] && diff "$tmp/cli.want" "$tmp/cli.err"'

# ---- a character the font lacks: the fallback, named; never a silent .notdef
printf 'ตรวจแล้ว ✓ ถูก\n' >"$tmp/tick.txt"
"$RG" typeset -q "$tmp/tick.txt" -o "$tmp/tick.pdf" 2>"$tmp/tick.err"
cat >"$tmp/tick.want" <<EOF
$tmp/tick.txt:1:1: warning: Sarabun-Regular has no glyph for U+2713; it is set in DejaVuSans [fallback-glyph]
  hint: use a font that covers it (--font), or --fallback to choose the font that fills in
EOF
ok "✓ (U+2713), which Sarabun lacks: set in DejaVu Sans, named in a warning" \
   'diff "$tmp/tick.want" "$tmp/tick.err" && [ "$(fonts_of "$tmp/tick.pdf")" = "DejaVuSans Sarabun-Regular " ]'
ok "... and extracted exactly" '[ "$(pdftotext -raw "$tmp/tick.pdf" - | tr -d "\f")" = "$(cat "$tmp/tick.txt")" ]'
"$RG" typeset -q --family "Noto Sans Thai" "$tmp/tick.txt" -o "$tmp/tick2.pdf" 2>"$tmp/tick2.err"
ok "Noto Sans Thai and Noto Sans lack ✓ too: the fallback sets it, with the warning" \
   'grep -qF "warning: NotoSansThai-Regular has no glyph for U+2713; it is set in DejaVuSans [fallback-glyph]" "$tmp/tick2.err" &&
    [ "$(fonts_of "$tmp/tick2.pdf")" = "DejaVuSans NotoSansThai-Regular " ]'
printf 'ตรวจ ཀ\n' >"$tmp/none.txt"
"$RG" typeset -q "$tmp/none.txt" -o "$tmp/none.pdf" 2>"$tmp/none.err"
cat >"$tmp/none.want" <<EOF
$tmp/none.txt:1:1: warning: no font has a glyph for U+0F40; it is drawn as a missing-glyph box [missing-glyph]
  hint: use a font that covers it (--font) or replace the character
EOF
ok "a character no font has (U+0F40): a warning naming it, never silent" 'diff "$tmp/none.want" "$tmp/none.err"'

finish
