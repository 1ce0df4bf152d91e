#!/usr/bin/env bash
# studio.sh - the studio in Debian's Chromium through Playwright
# (tests/studio/studio.test.mjs), served by `raingan serve` on loopback.
# playwright-core is installed into tests/studio/node_modules by
# scripts/install-deps.sh (npm ci from the committed package-lock.json).
# $1: the raingan binary, $2: the source tree.
set -u
RG=$(realpath "$1"); SRC=$(realpath "$2")
T="$SRC/tests/studio"
if [ ! -d "$T/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
    echo "FAIL - playwright-core or /usr/bin/chromium missing: run scripts/install-deps.sh"
    echo "0 passed, 1 failed"
    exit 1
fi
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
mkdir "$tmp/dir" && cp "$SRC/samples/indicators-2562.xml" "$SRC/samples/summary-2564.xml" "$tmp/dir/"
"$RG" preview "$tmp/dir/indicators-2562.xml" -i 1.2 -o "$tmp/p12.pdf" 2>/dev/null
pages12=$(pdfinfo "$tmp/p12.pdf" | awk '/^Pages:/{print $2}')
rm -f "$tmp/p12.pdf"
. "$SRC/tests/serve_start.bash"
serve_start "$RG" "$tmp/log" --workers 2 "$tmp/dir"
pid=$SERVE_PID; port=$SERVE_PORT
RG_URL="http://127.0.0.1:$port/" RG_DIR="$tmp/dir" RG_PAGES_12="$pages12" \
    RG_SHOTS="${RG_SHOTS:-}" node "$T/studio.test.mjs"; rc=$?
kill -TERM "$pid"; wait "$pid"; src=$?; pid=
if [ $src -ne 0 ]; then echo "FAIL - the server stopped with status $src"; cat "$tmp/log"; rc=1; fi
grep -v " 200 " "$tmp/log" | grep -v "^raingan serve: \(listening\|SIGTERM\|stopped\)" | sed 's/^/  log: /'
exit $rc
