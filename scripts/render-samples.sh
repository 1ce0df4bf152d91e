#!/usr/bin/env bash
# Install what raingan needs, build only the program (no tests, fuzzers or
# benchmarks) into build-release/, and render every sample to out/*.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=build-release bash scripts/build.sh -DRG_BUILD_TESTS=OFF -DRG_BUILD_BENCH=OFF
mkdir -p out
status=0
for src in samples/*.xml; do
  name=$(basename "$src" .xml)
  if ./build-release/raingan render -q "$src" -o "out/$name.pdf"; then
    echo "rendered out/$name.pdf ($(pdfinfo "out/$name.pdf" | awk '/^Pages:/ {print $2}') pages)"
  else
    status=1
  fi
done
echo "the program is ./build-release/raingan; 'bash scripts/install.sh' installs it"
exit $status
