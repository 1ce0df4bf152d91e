#!/usr/bin/env bash
# oom.sh - out of memory is one documented behaviour (issue #20 item 6,
# README "Guarantees"): render, check, batch -j2 and archive of the samples
# under a series of `ulimit -v` limits, from too small for the dynamic
# loader to map the libraries, upward in steps past what they need; batch
# -j2 (where libxml2 2.9 once crashed about 1 run in 25) is repeated at
# every limit.  Every run must exit 0, or 4 with the memory-limit message
# (or 127 with the loader's message when raingan cannot even start): never
# a signal (exit >= 128), never a silent failure.  At and above the
# documented floor every run must succeed.  The number of runs is fixed
# (limits x commands x repeats); nothing is timed.
# AddressSanitizer reserves terabytes of address space, so the sweep cannot
# run in the sanitizer build: skipped there.
# $1: the raingan binary, $2: the source folder.
source "$(dirname "$0")/lib.bash" "$@"
S="$SRC/samples"
if ldd "$RG" 2>/dev/null | grep -q libasan; then
  echo "ok   - skipped: the sanitizer build cannot run under ulimit -v"
  echo "0 passed, 0 failed"; exit 0
fi
cd "$tmp" || exit 1
export RAINGAN_DATA_DIR="$SRC"
FLOOR=768           # MiB: CLI_MEM_FIRST in src/cli/common.c
REPEAT=3            # batch -j2 runs per limit
LIMITS="8 24 48 64 96 128 192 256 384 512 640 767 768 832 1024 1536"

# one LIMIT CMD ARGS...: run raingan under ulimit -v LIMIT MiB; check the
# outcome as the header says.
runs=0; signals=0; silent=0; unclear=0; below_ok=0; above_fail=0
one() {
  local mb=$1 what=$2; shift 2
  rm -rf out; mkdir -p out
  (ulimit -v $((mb * 1024)); exec "$RG" "$@") >"$tmp/stdout" 2>"$tmp/stderr"
  local rc=$?
  runs=$((runs + 1))
  local msg; msg=$(head -c 300 "$tmp/stderr" | tr '\n' ' ')
  local why=""
  if [ $rc -ge 128 ] && [ $rc -ne 127 ]; then
    signals=$((signals + 1)); why="died of signal $((rc - 128))"
  elif [ $rc -ne 0 ] && [ ! -s "$tmp/stderr" ]; then
    silent=$((silent + 1)); why="exit $rc with no message"
  elif [ $rc -eq 127 ]; then
    grep -q "error while loading shared libraries" "$tmp/stderr" ||
      { unclear=$((unclear + 1)); why="exit 127 without the loader's message"; }
  elif [ $rc -eq 4 ]; then
    grep -q "the memory limit (ulimit -v or -d) is $mb MiB, below the $FLOOR MiB" "$tmp/stderr" ||
      { unclear=$((unclear + 1)); why="exit 4 without the memory-limit message"; }
  elif [ $rc -ne 0 ]; then
    unclear=$((unclear + 1)); why="exit $rc"
  fi
  if [ $rc -eq 0 ] && [ "$mb" -lt $FLOOR ]; then
    below_ok=$((below_ok + 1)); why="exit 0 below the floor"
  fi
  if [ $rc -ne 0 ] && [ "$mb" -ge $FLOOR ]; then
    above_fail=$((above_fail + 1)); why="${why:-exit $rc} at or above the floor"
  fi
  [ -n "$why" ] && echo "  $what under $mb MiB: $why: $msg"
  return 0
}

for mb in $LIMITS; do
  one "$mb" render render "$S/indicators-2562.xml" -o out/r.pdf
  one "$mb" check check "$S"
  for i in $(seq $REPEAT); do
    one "$mb" "batch -j2 #$i" batch -j2 "$S" -o out/b
  done
  one "$mb" archive archive --allow-mixed "$S/indicators-2562.xml" "$S/summary-2564.xml" -o out/a.pdf
done
want=$(( $(echo $LIMITS | wc -w) * (3 + REPEAT) ))
ok "all $want runs were made ($runs)" '[ $runs -eq $want ]'
ok "no run died of a signal ($signals did)" '[ $signals -eq 0 ]'
ok "no run failed silently ($silent did)" '[ $silent -eq 0 ]'
ok "every failure is the memory-limit message, exit 4, or the loader's, exit 127 ($unclear were not)" \
   '[ $unclear -eq 0 ]'
ok "below $FLOOR MiB nothing is half done: every run stops before work ($below_ok did not)" \
   '[ $below_ok -eq 0 ]'
ok "at and above $FLOOR MiB every run succeeds ($above_fail failed)" '[ $above_fail -eq 0 ]'
# The thread count fits the limit: 768 MiB runs batch -j2 on one thread.
(ulimit -v $((FLOOR * 1024)); exec "$RG" batch -j2 "$S" -o out/t) >/dev/null 2>"$tmp/stderr"; rc=$?
ok "batch -j2 under $FLOOR MiB says it ran 1 thread" \
   '[ $rc -eq 0 ] && grep -q "pages/s, 1 thread)" "$tmp/stderr"'
finish
