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
# Environment: BUILD (default ./build), ROUNDS.  Prints Markdown tables:
# median, p90 and max of the rounds, in ms, and where the time went (the
# studio's own marks of each round, and the server's Server-Timing).  The
# server, Chromium and its renderer share the bench machine's cores.
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
for ind in "" 1.2; do
  RG_URL="http://127.0.0.1:$SERVE_PORT/" INDICATOR="$ind" node "$HERE/studio-latency.mjs" >>"$tmp/rounds" || exit 1
done
echo "Load average after: $(cut -d' ' -f1 /proc/loadavg)."
echo
python3 - "$tmp/rounds" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
def q(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p * (len(v) - 1))))]
def what(d):
    return "all (five forms)" if d["indicator"] == "all" else "indicator " + d["indicator"]
print("From the last keystroke to the text layer holding the typed word:")
print()
print("| forms shown | pages | median ms | p90 ms | max ms |")
print("|---|---:|---:|---:|---:|")
for d in runs:
    print("| %s | %d | %d | %d | %d |" % (what(d), d["pages"], q(d["ms"], .5), q(d["ms"], .9), max(d["ms"])))
print()
print("Where it went (median / p90 / max ms of the rounds; request is /check and")
print("/render in flight at once, server the render's queue + load + layout and PDF")
print("from its Server-Timing, client the rest after the pause):")
print()
parts = [("pause (debounce)", "debounce"), ("request", "request"), ("of it server", "server"),
         ("pdf.js open", "parse"), ("page sizes", "layout"), ("visible pages drawn", "draw"),
         ("until seen (next frame)", "seen")]
print("| forms shown | " + " | ".join(p[0] for p in parts) + " | client |")
print("|---|" + "---:|" * (len(parts) + 1))
for d in runs:
    cells = []
    for _, k in parts:
        v = [s[k] for s in d["split"]]
        cells.append("%d / %d / %d" % (q(v, .5), q(v, .9), max(v)))
    client = [m - s["debounce"] - s["request"] for m, s in zip(d["ms"], d["split"])]
    cells.append("%d / %d / %d" % (q(client, .5), q(client, .9), max(client)))
    print("| %s | %s |" % (what(d), " | ".join(cells)))
PY
kill -TERM "$pid"; wait "$pid" 2>/dev/null; pid=
