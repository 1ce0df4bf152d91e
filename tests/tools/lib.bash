# lib.bash - the preamble of the tool tests that check with one sentence a
# condition (agency.sh, archmem.sh): sourced as
#   source "$(dirname "$0")/lib.bash" "$@"
# with $1 the raingan binary and $2 the source folder, it sets RG (the
# binary, absolute), SRC, PY, a scratch folder $tmp removed on exit,
# SOURCE_DATE_EPOCH, and defines
#   ok "what must hold" 'condition'   counts and prints ok/FAIL
#   finish                            prints "N passed, N failed" and sets
#                                     the exit status (the script's last line)
# (.bash, not .sh: tests/tools/*.sh are registered as tests.)
set -u
RG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; SRC="$2"
PY=/usr/bin/python3
fail=0; pass=0
ok() { if eval "$2"; then pass=$((pass+1)); echo "ok   - $1"; else fail=$((fail+1)); echo "FAIL - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
