#!/usr/bin/env bash
# tsan.sh - the threaded paths under ThreadSanitizer: layout workers
# (render/archive -j), the shared libthai dictionary, batch.  Not part of
# CI: the libraries raingan calls (HarfBuzz, ICU, libxml2) are not built
# with TSan, so a race report inside them needs reading, not failing.
#   bash scripts/tsan.sh            (after scripts/install-deps.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=${BUILD_DIR:-build-tsan}
cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Debug -DRG_WERROR=ON \
    -DCMAKE_C_FLAGS="-fsanitize=thread -g -O1" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build "$B" -j"$(nproc)" --target raingan-cli test_layoutrun test_breaker >/dev/null
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
"$B/tests/test_breaker" >/dev/null
"$B/tests/test_layoutrun" >/dev/null
B=$(cd "$B" && pwd)
bash "$ROOT/tests/tools/threads.sh" "$B/raingan" "$ROOT" | tail -1
echo "tsan.sh: no data race reported"
