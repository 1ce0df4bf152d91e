# lib.bash - the preamble of the tool tests that check with one sentence a
# condition (agency.sh, archive.sh, cli.sh, ...): sourced as
#   source "$(dirname "$0")/lib.bash" "$@"
# with $1 the raingan binary and $2 the source folder, it sets RG and SRC
# (both absolute, so a script may cd), PY, a scratch folder $tmp removed on
# exit (kept, and named on stderr, when KEEP is set), SOURCE_DATE_EPOCH
# (equal inputs, equal bytes; a script may set another), and defines
#   ok "what must hold" 'condition'   counts and prints ok/FAIL (the
#                                     condition is eval'd, so it may be a
#                                     quoted test of variables set later)
#   check "what must hold" CMD ARGS   the same for a command run as given
#   at_exit                           does nothing: a script that starts
#                                     servers or watchers redefines it to
#                                     stop them; it runs before $tmp goes
#   finish                            prints "N passed, N failed" and sets
#                                     the exit status (the script's last line)
# (.bash, not .sh: tests/tools/*.sh are registered as tests.)
set -u
RG=$(realpath "$1"); SRC=$(realpath "$2")
PY=/usr/bin/python3 # Debian's, with python3-fonttools (scripts/install-deps.sh)
fail=0; pass=0
ok() { if eval "$2"; then pass=$((pass+1)); echo "ok   - $1"; else fail=$((fail+1)); echo "FAIL - $1"; fi; }
check() {
    local what=$1; shift
    if "$@"; then pass=$((pass+1)); echo "ok   - $what"
    else fail=$((fail+1)); echo "FAIL - $what"; fi
}
at_exit() { :; }
tmp=$(mktemp -d)
trap 'at_exit; if [ -n "${KEEP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi' EXIT
export SOURCE_DATE_EPOCH=1700000000
finish() { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
