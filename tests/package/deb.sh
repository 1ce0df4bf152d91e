#!/usr/bin/env bash
# deb.sh BUILD_DIR - the Debian packages, as a user gets them: `cpack -G DEB`
# in an already built tree (nothing is compiled again), the packages'
# declared dependencies, `apt install ./raingan_*.deb ./libraingan-dev_*.deb`
# (as root; skipped otherwise), then the installed /usr/bin/raingan renders
# a sample, its manual and completion are in place, and a C program builds
# against the installed library with pkg-config, shared and --static, with
# gcc and clang, and finds the data in /usr/share/raingan.  Run by
# scripts/test.sh after the normal build's tests (not by ctest: it changes
# the machine).  RG_KEEP_DEB=1 leaves the packages installed.
set -u
BUILD=$(realpath "${1:-build}")
SRC=$(cd "$(dirname "$0")/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0
ok() { echo "ok   - $1"; }
bad() { echo "FAIL - $1"; status=1; }

rm -f "$BUILD"/*.deb
if (cd "$BUILD" && cpack -G DEB) >"$TMP/cpack.log" 2>&1; then
  ok "cpack -G DEB builds the packages"
else
  bad "cpack -G DEB builds the packages"; cat "$TMP/cpack.log"; exit 1
fi
deb=$(ls "$BUILD"/raingan_*.deb) dev=$(ls "$BUILD"/libraingan-dev_*.deb)
dpkg-deb -c "$deb" >"$TMP/deb.list"
dpkg-deb -c "$dev" >"$TMP/dev.list"
depends=$(dpkg-deb -f "$deb" Depends)
for d in libc6 libxml2 libharfbuzz0b libharfbuzz-subset0 libfreetype6 libicu libthai0 \
         libhpdf libdeflate0 libnettle8 libfontconfig1; do
  grep -q "\b$d" <<<"$depends" && ok "raingan depends on $d" || bad "raingan depends on $d: $depends"
done
for f in ./usr/bin/raingan ./usr/lib/libraingan.so.0 ./usr/share/raingan/fonts/Sarabun-Regular.ttf \
         ./usr/share/raingan/templates/indicator.xml ./usr/share/raingan/templates/archive.xml \
         ./usr/share/raingan/data/words.txt \
         ./usr/share/man/man1/raingan.1.gz ./usr/share/bash-completion/completions/raingan; do
  grep -q " $f\( \|$\)" "$TMP/deb.list" && ok "raingan ships $f" || bad "raingan ships $f"
done
for f in ./usr/include/raingan.h ./usr/lib/libraingan.a ./usr/lib/libraingan.so \
         ./usr/lib/pkgconfig/raingan.pc; do
  grep -q " $f\( \|$\)" "$TMP/dev.list" && ok "libraingan-dev ships $f" \
    || bad "libraingan-dev ships $f"
done
grep -q "libfontconfig-dev" <<<"$(dpkg-deb -f "$dev" Depends)" \
  && ok "libraingan-dev depends on libfontconfig-dev (raingan.pc: fontconfig)" \
  || bad "libraingan-dev depends on libfontconfig-dev (raingan.pc: fontconfig)"
grep -q "fonts-tlwg-laksaman-ttf" <<<"$(dpkg-deb -f "$deb" Suggests)" \
  && ok "raingan suggests Thai font families to name (--family)" \
  || bad "raingan suggests Thai font families to name (--family)"
grep -q "libharfbuzz-dev" <<<"$(dpkg-deb -f "$dev" Depends)" \
  && ok "libraingan-dev depends on the -dev packages raingan.pc names" \
  || bad "libraingan-dev depends on the -dev packages raingan.pc names"

if [ "$(id -u)" != 0 ]; then
  echo "skip - installing the packages needs root"
  exit $status
fi
export DEBIAN_FRONTEND=noninteractive
apt-get remove -y -qq raingan libraingan-dev >/dev/null 2>&1
if apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$deb" "$dev" >"$TMP/apt.log" 2>&1; then
  ok "apt-get install ./raingan_*.deb ./libraingan-dev_*.deb"
else
  bad "apt-get install ./raingan_*.deb ./libraingan-dev_*.deb"; cat "$TMP/apt.log"; exit 1
fi
[ "${RG_KEEP_DEB:-0}" = 1 ] || trap 'apt-get remove -y -qq raingan libraingan-dev >/dev/null 2>&1; rm -rf "$TMP"' EXIT
unset RAINGAN_DATA_DIR
cd "$TMP"
if /usr/bin/raingan version | grep -qx 'data: /usr/bin/../share/raingan'; then
  ok "the installed raingan uses /usr/share/raingan"
else
  bad "the installed raingan uses /usr/share/raingan: $(/usr/bin/raingan version 2>&1)"
fi
cp "$SRC/samples/indicators-2562.xml" .
if /usr/bin/raingan render indicators-2562.xml -o sample.pdf 2>render.log &&
   [ "$(pdfinfo sample.pdf | awk '/^Pages:/ {print $2}')" -gt 5 ] &&
   pdftotext sample.pdf - | grep -q "ระดับคุณภาพการให้บริการ"; then
  ok "/usr/bin/raingan renders the sample ($(pdfinfo sample.pdf | awk '/^Pages:/ {print $2}') pages)"
else
  bad "/usr/bin/raingan renders the sample"; cat render.log
fi
[ -e /usr/share/man/man1/raingan.1.gz ] && zcat /usr/share/man/man1/raingan.1.gz | grep -q '^\.TH RAINGAN 1' \
  && ok "the manual is installed" || bad "the manual is installed"
if bash -c 'source /usr/share/bash-completion/completions/raingan &&
            COMP_WORDS=(raingan ren) COMP_CWORD=1 && _raingan && printf "%s\n" "${COMPREPLY[@]}"' |
   grep -qx render; then
  ok "the bash completion completes commands"
else
  bad "the bash completion completes commands"
fi

cat >use.c <<'C'
#include <raingan.h>
#include <stdio.h>
int main(int argc, char **argv)
{
    rg_context *ctx = rg_context_new();
    rg_engine *eng = rg_engine_new(ctx, NULL);
    rg_document *doc = rg_document_load(ctx, argv[1]);
    unsigned char *pdf = NULL;
    size_t len = 0, pages = 0;
    int ok = eng && doc && rg_render_pdf_memory(eng, ctx, doc, NULL, &pdf, &len, &pages) == RG_OK;
    printf("%s %zu %s\n", eng ? rg_engine_data_dir(eng) : "-", pages, ok ? "ok" : "failed");
    rg_free(pdf);
    rg_document_free(doc);
    rg_engine_free(eng);
    rg_context_free(ctx);
    return !ok;
}
C
pages=$(pdfinfo sample.pdf | awk '/^Pages:/ {print $2}')
for cc in gcc clang; do
  for mode in shared static; do
    if [ $mode = shared ]; then libs=$(pkg-config --libs raingan); else
      libs="-Wl,-Bstatic -lraingan -Wl,-Bdynamic $(pkg-config --static --libs raingan | sed 's/-lraingan//')"; fi
    if $cc -o use use.c $(pkg-config --cflags raingan) $libs 2>cc.log; then
      res=$(./use indicators-2562.xml 2>&1)
      linked=$(ldd use | grep -c libraingan)
      if [ "$res" = "/usr/share/raingan $pages ok" ] || [ "$res" = "/usr/lib/../share/raingan $pages ok" ] &&
         [ "$linked" = "$([ $mode = shared ] && echo 1 || echo 0)" ]; then
        ok "$cc, $mode: builds against the installed library and renders the sample ($res)"
      else
        bad "$cc, $mode: renders the sample with the installed data: '$res' (libraingan in ldd: $linked)"
      fi
    else
      bad "$cc, $mode: builds against the installed library"; cat cc.log
    fi
  done
done
exit $status
