#!/usr/bin/env bash
# Install what raingan needs, build it, and run the whole test suite:
#   1. a normal build (-Wall -Wextra -Werror) and all tests (ctest); then
#      the Debian packages are made from that build, installed (as root)
#      and used (tests/package/deb.sh);
#   2. a build with AddressSanitizer + UndefinedBehaviorSanitizer and all
#      tests again (set RG_SKIP_SANITIZE=1 to skip, e.g. while iterating).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

echo "== build and test =="
BUILD_DIR=build bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"

echo "== Debian packages: build, install, use =="
bash tests/package/deb.sh build

if [ "${RG_SKIP_SANITIZE:-0}" != 1 ]; then
  echo "== build and test with ASan + UBSan =="
  BUILD_DIR=build-asan BUILD_TYPE=Debug bash scripts/build.sh -DRG_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)"
fi
