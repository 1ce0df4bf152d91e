#!/usr/bin/env bash
# Install raingan from this tree: what it needs from Debian, a build of
# only the program, the libraries and the manual (no tests, fuzzers or
# benchmarks) in build-release/, then, as root, the Debian packages made
# from it (apt-get install: raingan -> /usr/bin/raingan, libraingan-dev),
# otherwise `cmake --install` into ~/.local (PREFIX=DIR to choose).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build-release}
BUILD_DIR=$BUILD_DIR bash scripts/build.sh -DRG_BUILD_TESTS=OFF -DRG_BUILD_BENCH=OFF
if [ "$(id -u)" = 0 ] && [ -z "${PREFIX:-}" ]; then
  rm -f "$BUILD_DIR"/*.deb
  (cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall \
    "$PWD/$BUILD_DIR"/raingan_*.deb "$PWD/$BUILD_DIR"/libraingan-dev_*.deb >/dev/null
  echo "installed $(ls "$BUILD_DIR"/*.deb | xargs -n1 basename | tr '\n' ' ')"
  echo "the program is /usr/bin/raingan; 'man raingan' describes it"
else
  PREFIX=${PREFIX:-$HOME/.local}
  cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null
  echo "the program is $PREFIX/bin/raingan (add $PREFIX/bin to PATH); 'man raingan' describes it"
fi
