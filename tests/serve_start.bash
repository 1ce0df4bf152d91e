# serve_start.bash - sourced by tests/tools/serve.sh, tests/tools/studio.sh
# and bench/serve.sh: start `raingan serve` in the background on a free
# loopback port and wait (bounded by a count) until it says where.
#   serve_start RAINGAN LOG [serve options and folder...]
# sets SERVE_PID and SERVE_PORT (empty when the server did not start).
serve_start() {
    local rg=$1 log=$2
    shift 2
    "$rg" serve -p 0 "$@" 2>"$log" &
    SERVE_PID=$!
    SERVE_PORT=
    for _ in $(seq 1 400); do
        SERVE_PORT=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/.*://')
        [ -n "$SERVE_PORT" ] && break
        kill -0 "$SERVE_PID" 2>/dev/null || break
        sleep 0.05
    done
}
