#!/usr/bin/env bash
# install.sh - `cmake --install` puts the CLI, the library with its header and
# pkg-config file, the fonts, templates, schema and word list where a
# packager expects them; the installed CLI finds its data there; a program
# builds against the installed library with pkg-config.
set -u
RAINGAN=$1
SRC=$2
BUILD=$(dirname "$RAINGAN")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0
ok() { echo "ok   - $1"; }
bad() { echo "FAIL - $1"; status=1; }

if cmake --install "$BUILD" --prefix "$TMP/prefix" >"$TMP/install.log" 2>&1; then
  ok "cmake --install succeeds"
else
  bad "cmake --install succeeds"; cat "$TMP/install.log"; exit 1
fi
P=$TMP/prefix
for f in bin/raingan include/raingan.h share/raingan/fonts/Sarabun-Regular.ttf \
         share/raingan/fonts/OFL.txt share/raingan/templates/indicator.xml \
         share/raingan/templates/summary.xml share/raingan/schema/report.rng \
         share/raingan/data/words.txt; do
  [ -e "$P/$f" ] && ok "installed $f" || bad "installed $f"
done
pc=$(find "$P" -name raingan.pc | head -1)
lib=$(find "$P" -name 'libraingan.*' | head -1)
[ -n "$pc" ] && ok "installed raingan.pc" || bad "installed raingan.pc"
[ -n "$lib" ] && ok "installed the library" || bad "installed the library"

# The installed CLI uses the installed data, not the source tree.
out=$(cd / && env -u RAINGAN_DATA_DIR "$P/bin/raingan" version)
case "$out" in
  *"data: $P/bin/../share/raingan"*) ok "the installed CLI finds its data under the prefix" ;;
  *) bad "the installed CLI finds its data under the prefix: $out" ;;
esac
if (cd / && "$P/bin/raingan" render "$SRC/samples/indicators-2562.xml" --indicator 2 -o "$TMP/x.pdf") &&
   pdftotext "$TMP/x.pdf" - | grep -q "ระดับคุณภาพการให้บริการ"; then
  ok "the installed CLI renders a form"
else
  bad "the installed CLI renders a form"
fi

# A program using the installed header and library through pkg-config.
cat >"$TMP/use.c" <<'C'
#include <raingan.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load(ctx, argv[1]);
    int n = doc ? (int)rg_document_indicator_count(doc) : -1;
    printf("%d %.2f\n", n, doc ? rg_indicator_weighted_score(doc, 0) : 0.0);
    rg_document_free(doc);
    rg_context_free(ctx);
    return doc ? 0 : 1;
}
C
export PKG_CONFIG_PATH=$(dirname "$pc")
# A sanitizer build's library needs the sanitizer runtime at link time.
san=""
grep -q '^RG_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null && san="-fsanitize=address,undefined"
if cc $san -o "$TMP/use" "$TMP/use.c" $(pkg-config --cflags raingan) $(pkg-config --static --libs raingan) \
     2>"$TMP/cc.log"; then
  ok "a program compiles and links against the installed library with pkg-config"
  res=$("$TMP/use" "$SRC/samples/indicators-2562.xml")
  [ "$res" = "5 1.50" ] && ok "and reads the sample: 5 indicators, 1.1 weighted 1.50" \
    || bad "and reads the sample: got '$res'"
else
  bad "a program compiles and links against the installed library with pkg-config"; cat "$TMP/cc.log"
fi
exit $status
