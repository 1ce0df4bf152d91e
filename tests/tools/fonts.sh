#!/usr/bin/env bash
# fonts.sh - the fonts raingan ships are the ones pinned in
# fonts/SHA256SUMS (STYLE.md section 7, as libraqm pins its test fonts):
# every listed file matches its SHA-256, every fonts/*.ttf is listed, and
# a changed byte is caught (so the check can fail).
# $1: the raingan binary (unused), $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"

ok "every font in fonts/SHA256SUMS has its pinned SHA-256" \
   '(cd "$SRC/fonts" && sha256sum --check --strict --quiet SHA256SUMS)'
for f in "$SRC"/fonts/*.ttf; do
    name=$(basename "$f")
    ok "$name is pinned in fonts/SHA256SUMS" 'grep -Eq "^[0-9a-f]{64}  $name\$" "$SRC/fonts/SHA256SUMS"'
done
ok "SHA256SUMS pins the five fonts the engine loads" '[ $(grep -c "\.ttf$" "$SRC/fonts/SHA256SUMS") -eq 5 ]'

cp "$SRC"/fonts/SHA256SUMS "$SRC"/fonts/Sarabun-Regular.ttf "$tmp/"
grep " Sarabun-Regular.ttf$" "$tmp/SHA256SUMS" > "$tmp/one"
printf '\x01' | dd of="$tmp/Sarabun-Regular.ttf" bs=1 seek=1000 conv=notrunc status=none
ok "a font with one byte changed fails the check" '! (cd "$tmp" && sha256sum --check --quiet one >/dev/null 2>&1)'

finish
