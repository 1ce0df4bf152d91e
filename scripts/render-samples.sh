#!/usr/bin/env bash
# Install what raingan needs, build it, and render every sample to out/*.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
mkdir -p out
status=0
for src in samples/*.xml; do
  name=$(basename "$src" .xml)
  if ./build/raingan render "$src" -o "out/$name.pdf"; then
    echo "rendered out/$name.pdf ($(pdfinfo "out/$name.pdf" | awk '/^Pages:/ {print $2}') pages)"
  else
    status=1
  fi
done
exit $status
