#!/usr/bin/env bash
# Install the npm packages the tests use, each into its own folder under
# tests/ (node_modules there is gitignored), exactly as package-lock.json
# pins them (npm ci checks every tarball's sha512 integrity):
#   tests/thaifonts  TH Sarabun New (font-th-sarabun-new), whose files carry
#                    no licence that allows vendoring; its TTFs are checked
#                    against tests/thaifonts/fonts.sha256 too;
#   tests/pdfjs      pdfjs-dist, Firefox's PDF reader, for text extraction
#                    (tests/pdfjs/extract.mjs; its .npmrc omits the optional
#                    canvas packages, which text extraction does not use);
#   tests/studio     playwright-core, which drives Debian's Chromium for the
#                    studio's browser test and bench/studio.sh.
# Idempotent: a folder whose node_modules matches its lock (the packages
# npm installs: optional ones omitted) is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
for dir in tests/thaifonts tests/pdfjs tests/studio; do
  [ -f "$dir/package-lock.json" ] || continue
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     ! cmp -s <(jq -S '.packages | del(.[""]) | with_entries(select(.value.optional != true))' \
                   "$dir/package-lock.json") \
               <(jq -S .packages "$dir/node_modules/.package-lock.json"); then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
(cd tests/thaifonts && sha256sum --quiet -c fonts.sha256)
echo "install-npm: test packages present"
