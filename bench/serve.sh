#!/usr/bin/env bash
# serve.sh - `raingan serve` under load on loopback, beside the CLI's cold
# render of the same form.
#
#   bash bench/serve.sh            10 s per wrk run
#   SECONDS_PER_RUN=3 bash bench/serve.sh   a quick look
#
# Environment: BUILD (build folder with raingan and bench_time, default
# ./build), WORKERS (the server's -j, default nproc), SECONDS_PER_RUN.
# What it measures:
#   - the CLI, cold (process start to PDF written; best and median of 10,
#     timed by bench_time): `raingan preview -i 1.2` and `raingan render`;
#   - the server with wrk (HTTP/1.1 keep-alive, loopback): POST /render?
#     indicator=1.2, POST /render (the five-form sample), POST /check, at
#     1, 2, 4 and 8 connections: requests/s and latency p50/p90/p99 (wrk
#     --latency), and any non-2xx answers (503 when the queue is full).
# Prints Markdown tables.  wrk and the server share the 2 cores of the
# bench machine: the client's CPU is part of every figure.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
RG=$BUILD/raingan
BT=$BUILD/bench_time
WORKERS=${WORKERS:-$(nproc)}
DUR=${SECONDS_PER_RUN:-10}
S=$ROOT/samples/indicators-2562.xml
command -v wrk >/dev/null || { echo "serve.sh: wrk is missing (scripts/install-deps.sh)" >&2; exit 2; }
[ -x "$RG" ] && [ -x "$BT" ] || { echo "serve.sh: build first (scripts/build.sh)" >&2; exit 2; }
tmp=$(mktemp -d); pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000

echo "## raingan serve under load ($(date -u '+%Y-%m-%d %H:%M') UTC)"
echo
echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM;" \
     "raingan $("$RG" --version | cut -d' ' -f2), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null);" \
     "load average before: $(cut -d' ' -f1 /proc/loadavg); server: -j $WORKERS; wrk -t 1, ${DUR} s per run."
echo

# ---- the CLI, cold ---------------------------------------------------------------
cold() { # label, command...: best and median wall ms of 10 runs
    local label=$1; shift
    for _ in $(seq 1 10); do "$BT" "$@" | cut -d' ' -f1; done | sort -n >"$tmp/t"
    printf '| %s | %s | %s |\n' "$label" "$(head -1 "$tmp/t")" "$(sed -n 5p "$tmp/t")"
}
echo "### The CLI, cold (process start to PDF written)"
echo
echo "| command | best ms | median ms |"
echo "|---|---:|---:|"
cold "raingan preview -i 1.2 (one form, 6 pages)" "$RG" preview "$S" -i 1.2 -o "$tmp/c.pdf"
cold "raingan render (five forms, 22 pages)" "$RG" render "$S" -o "$tmp/c.pdf"
cold "raingan check" "$RG" check "$S"
echo

# ---- the server --------------------------------------------------------------------
mkdir "$tmp/dir"
. "$ROOT/tests/serve_start.bash"
serve_start "$RG" "$tmp/log" -q -j "$WORKERS" --queue 64 "$tmp/dir"
pid=$SERVE_PID; port=$SERVE_PORT
cat >"$tmp/post.lua" <<'LUA'
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/xml"
LUA
echo "### The server (wrk, keep-alive connections on loopback)"
echo
echo "| request | connections | requests/s | p50 ms | p90 ms | p99 ms | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|"
ms() { # wrk latency "12.34ms" / "1.02s" / "850.00us" -> ms
    awk -v v="$1" 'BEGIN{ if (v ~ /us$/) printf "%.1f", v/1000; else if (v ~ /ms$/) printf "%.1f", v+0;
                          else if (v ~ /s$/) printf "%.0f", v*1000; else print v }'
}
run() { # label, path, connections
    BODY=$S wrk -t1 -c"$3" -d"${DUR}s" --latency -s "$tmp/post.lua" "http://127.0.0.1:$port$2" >"$tmp/w" 2>&1
    local rps p50 p90 p99 bad
    rps=$(awk '/^Requests\/sec:/{printf "%.1f", $2}' "$tmp/w")
    p50=$(ms "$(awk '$1=="50%"{print $2}' "$tmp/w")")
    p90=$(ms "$(awk '$1=="90%"{print $2}' "$tmp/w")")
    p99=$(ms "$(awk '$1=="99%"{print $2}' "$tmp/w")")
    bad=$(awk '/Non-2xx/{print $NF}' "$tmp/w")
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$rps" "$p50" "$p90" "$p99" "${bad:-0}"
}
for c in 1 2 4 8; do run "POST /render?indicator=1.2 (6 pages)" "/render?indicator=1.2" "$c"; done
for c in 1 4; do run "POST /render (22 pages)" "/render" "$c"; done
for c in 1 4; do run "POST /check" "/check" "$c"; done
echo
kill -TERM "$pid"; wait "$pid"; pid=
