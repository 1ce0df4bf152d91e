#!/usr/bin/env bash
# studio.sh - the studio's preview latency in a real browser: from the
# typing pause (the last keystroke) to pdf.js's text layer holding the
# typed word (bench/studio-latency.mjs, Debian's Chromium through
# Playwright from tests/studio/node_modules), with every form of the
# five-form sample shown (22 pages) and with one indicator chosen.
#
#   bash bench/studio.sh           15 rounds each
#   ROUNDS=5 bash bench/studio.sh  a quick look
#
# Environment: BUILD (default ./build), ROUNDS.  Prints a Markdown table:
# median, p90 and max of the rounds, in ms.  The server, Chromium and
# its renderer share the bench machine's cores.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
RG=$BUILD/raingan
[ -x "$RG" ] || { echo "studio.sh: build first (scripts/build.sh)" >&2; exit 2; }
[ -d "$ROOT/tests/studio/node_modules/playwright-core" ] ||
    { echo "studio.sh: run scripts/install-npm.sh first" >&2; exit 2; }
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
mkdir "$tmp/dir" && cp "$ROOT/samples/indicators-2562.xml" "$tmp/dir/"
. "$ROOT/tests/serve_start.bash"
serve_start "$RG" "$tmp/log" --quiet "$tmp/dir"
pid=$SERVE_PID
[ -n "$SERVE_PORT" ] || { cat "$tmp/log" >&2; exit 1; }
echo "## studio preview latency ($(date -u '+%Y-%m-%d %H:%M') UTC)"
echo
echo "Machine: $(nproc) CPUs; commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null);" \
     "load average before: $(cut -d' ' -f1 /proc/loadavg); ${ROUNDS:-15} rounds each."
echo
echo "| forms shown | pages | median ms | p90 ms | max ms |"
echo "|---|---:|---:|---:|---:|"
for ind in "" 1.2; do
  line=$(RG_URL="http://127.0.0.1:$SERVE_PORT/" INDICATOR="$ind" node "$HERE/studio-latency.mjs") || exit 1
  echo "$line" | python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
ms = sorted(d["ms"])
q = lambda p: ms[min(len(ms) - 1, int(round(p * (len(ms) - 1))))]
what = "all (" + "five forms" + ")" if d["indicator"] == "all" else "indicator " + d["indicator"]
print("| %s | %d | %d | %d | %d |" % (what, d["pages"], q(0.5), q(0.9), ms[-1]))'
done
kill -TERM "$pid"; wait "$pid" 2>/dev/null; pid=
