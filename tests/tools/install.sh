#!/usr/bin/env bash
# install.sh - `cmake --install` puts the program, the shared library (with
# its SONAME) and the static one, the header, raingan.pc, the fonts,
# templates, schema and word list, the manual and the bash completion where
# a packager expects them; the installed program and library find their
# data relative to the prefix (the prefix here is a temporary folder the
# build never heard of); the libraries export rg_* symbols only, every
# function the header declares; a C program builds against the installed
# library through pkg-config, shared (`--libs`) and static (`--static`),
# with gcc and with clang.
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
         share/raingan/templates/summary.xml share/raingan/templates/archive.xml \
         share/raingan/schema/report.rng \
         share/raingan/data/words.txt share/man/man1/raingan.1.gz \
         share/bash-completion/completions/raingan share/doc/raingan/format.md; do
  [ -e "$P/$f" ] && ok "installed $f" || bad "installed $f"
done
pc=$(find "$P" -name raingan.pc | head -1)
LIBDIR=$(dirname "$(dirname "$pc")")
[ -n "$pc" ] && ok "installed raingan.pc" || { bad "installed raingan.pc"; exit 1; }
for f in libraingan.a libraingan.so libraingan.so.0; do
  [ -e "$LIBDIR/$f" ] && ok "installed $f" || bad "installed $f"
done
soname=$(readelf -d "$LIBDIR/libraingan.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$soname" = libraingan.so.0 ] && ok "the shared library's SONAME is libraingan.so.0" \
  || bad "the shared library's SONAME is libraingan.so.0 (got '$soname')"

# ---- the library boundary: rg_* only, every declared function exported --------
exported=$(nm -D --defined-only "$LIBDIR/libraingan.so" | awk '{print $3}' | sort)
other=$(grep -v '^rg_' <<<"$exported")
[ -z "$other" ] && ok "libraingan.so exports only rg_* symbols ($(wc -l <<<"$exported"))" \
  || bad "libraingan.so exports non-rg_ symbols: $(echo $other | head -c 300)"
globals=$(nm -g --defined-only "$LIBDIR/libraingan.a" | awk 'NF == 3 {print $3}' | sort)
other=$(grep -v '^rg_' <<<"$globals")
[ -z "$other" ] && ok "libraingan.a defines only rg_* global symbols" \
  || bad "libraingan.a defines non-rg_ globals: $(echo $other | head -c 300)"
[ "$globals" = "$exported" ] && ok "libraingan.a and libraingan.so give the same API" \
  || bad "libraingan.a and libraingan.so give the same API"
declared=$(grep -o '^RG_API [^(]*\brg_[a-z0-9_]*(' "$SRC/include/raingan.h" |
  grep -o 'rg_[a-z0-9_]*($' | tr -d '(' | sort)
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
[ -n "$declared" ] && [ -z "$missing" ] \
  && ok "every function raingan.h declares ($(wc -l <<<"$declared")) is exported" \
  || bad "raingan.h declares functions the library does not export: $missing"
undeclared=$(comm -13 <(echo "$declared") <(echo "$exported"))
[ -z "$undeclared" ] && ok "the library exports nothing raingan.h does not declare" \
  || bad "exported but not declared: $undeclared"
if readelf -S -W "$LIBDIR/libraingan.a" | grep -q '\.gnu\.lto_' ||
   nm "$LIBDIR/libraingan.a" | grep -q '__gnu_lto'; then
  bad "libraingan.a holds no LTO bytecode"
else
  ok "libraingan.a holds no LTO bytecode (any compiler can link it)"
fi

# ---- the installed program ------------------------------------------------
unset RAINGAN_DATA_DIR
out=$(cd / && "$P/bin/raingan" version)
case "$out" in
  *"data: $P/bin/../share/raingan"*) ok "the installed program finds its data under the prefix" ;;
  *) bad "the installed program finds its data under the prefix: $out" ;;
esac
if (cd / && "$P/bin/raingan" render -q "$SRC/samples/indicators-2562.xml" \
      --indicator 2 -o "$TMP/x.pdf") && pdftotext "$TMP/x.pdf" - | grep -q "ระดับคุณภาพการให้บริการ"; then
  ok "the installed program renders a form"
else
  bad "the installed program renders a form"
fi
# The archive's words come from the installed templates/archive.xml.
if (cd / && "$P/bin/raingan" archive -q "$SRC/samples/official-2562.xml" -o "$TMP/a.pdf") &&
   pdftotext "$TMP/a.pdf" - | grep -q "สรุปผลคะแนนตามคำรับรองการปฏิบัติราชการ"; then
  ok "the installed program makes an archive (its front matter from templates/archive.xml)"
else
  bad "the installed program makes an archive (its front matter from templates/archive.xml)"
fi

# ---- a program against the installed library ---------------------------------
cat >"$TMP/use.c" <<'C'
#include <raingan.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    rg_context *ctx = rg_context_new();
    rg_document *doc = rg_document_load(ctx, argv[1]);
    int n = doc ? (int)rg_document_indicator_count(doc) : -1;
    printf("%d %.2f\n", n, doc ? rg_indicator_weighted_score(doc, 0) : 0.0);
    rg_engine *eng = rg_engine_new(ctx, NULL);
    unsigned char *pdf = NULL;
    size_t len = 0, pages = 0;
    rg_render_options ro = {"2", 0, 0, 1};
    if (eng && doc && rg_render_pdf_memory(eng, ctx, doc, &ro, &pdf, &len, &pages) == RG_OK)
        printf("data %s\npdf %zu pages %s\n", rg_engine_data_dir(eng), pages,
               len > 5 && pdf[0] == '%' ? "ok" : "bad");
    else
        printf("engine or render failed\n");
    rg_free(pdf);
    rg_engine_free(eng);
    rg_document_free(doc);
    rg_context_free(ctx);
    return doc ? 0 : 1;
}
C
export PKG_CONFIG_PATH=$LIBDIR/pkgconfig
unset RAINGAN_DATA_DIR
if pkg-config --validate raingan; then ok "raingan.pc is valid"; else bad "raingan.pc is valid"; fi
# A sanitizer build's library needs the sanitizer runtime at link time.
san=""
grep -q '^RG_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null && san="-fsanitize=address,undefined"
compilers=(gcc clang)
[ -n "$san" ] && compilers=(gcc) # clang's runtimes are not GCC's
try() { # try NAME CC LINKFLAGS... : build and run use.c
  local name=$1 cc=$2; shift 2
  if "$cc" $san -o "$TMP/use" "$TMP/use.c" $(pkg-config --cflags raingan) "$@" 2>"$TMP/cc.log"; then
    ok "$name: compiles and links"
  else
    bad "$name: compiles and links"; cat "$TMP/cc.log"; return 1
  fi
  (cd / && "$TMP/use" "$SRC/samples/indicators-2562.xml") >"$TMP/res" 2>&1
  if [ "$(sed -n 1p "$TMP/res")" = "5 1.50" ] && grep -qx 'pdf [0-9]* pages ok' "$TMP/res"; then
    ok "$name: reads the sample (5 indicators, 1.1 weighted 1.50) and renders a form"
  else
    bad "$name: reads the sample and renders a form: $(cat "$TMP/res")"
  fi
}
for cc in "${compilers[@]}"; do
  try "shared, $cc, pkg-config --libs" "$cc" $(pkg-config --libs raingan) -Wl,-rpath,"$LIBDIR"
  ldd "$TMP/use" | grep -q "libraingan.so.0 => $LIBDIR/" && ok "shared, $cc: uses libraingan.so.0" \
    || bad "shared, $cc: uses libraingan.so.0"
  # The shared library finds the data relative to itself.
  grep -qx "data $LIBDIR/$(realpath --relative-to="$LIBDIR" "$P/share/raingan")" "$TMP/res" \
    && ok "shared, $cc: the library finds its data relative to itself" \
    || bad "shared, $cc: the library finds its data relative to itself: $(cat "$TMP/res")"
done
# Static: where only libraingan.a is installed (a copy of the library
# folder), --static brings every dependency; without it the link fails.
mkdir -p "$TMP/static/pkgconfig"
cp "$LIBDIR/libraingan.a" "$TMP/static/"
sed -e "s|^prefix=.*|prefix=$P|" -e "s|^libdir=.*|libdir=$TMP/static|" "$pc" >"$TMP/static/pkgconfig/raingan.pc"
export PKG_CONFIG_PATH=$TMP/static/pkgconfig
if cc -o "$TMP/use" "$TMP/use.c" $(pkg-config --cflags raingan) $(pkg-config --libs raingan) \
     >"$TMP/cc.log" 2>&1 || ! grep -q "undefined reference to .hb_" "$TMP/cc.log"; then
  bad "static without --static does not link (the dependencies are private)"
else
  ok "static without --static does not link (the dependencies are private)"
fi
for cc in "${compilers[@]}"; do
  # The static library cannot know the prefix it was moved to: it uses the
  # one it was built for, or $RAINGAN_DATA_DIR.
  export RAINGAN_DATA_DIR=$P/share/raingan
  try "static, $cc, pkg-config --static --libs" "$cc" \
    $(pkg-config --static --libs raingan)
  ldd "$TMP/use" | grep -q libraingan && bad "static, $cc: no libraingan.so needed" \
    || ok "static, $cc: no libraingan.so needed"
done
exit $status
