#!/usr/bin/env bash
# Build the libFuzzer targets (clang, ASan + UBSan) and run them for a
# bounded time:
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS (default 60) is the time per target; TARGETs are fuzz_render
# (XML -> model -> layout -> PDF) and fuzz_text (UTF-8 -> paragraphs -> PDF),
# both by default.  The corpus grows in build-fuzz/corpus/TARGET, seeded
# from samples/ and tests/data (fuzz_render) or the tests' texts
# (fuzz_text).  A crash, leak or timeout is saved as build-fuzz/crash-*,
# the script exits non-zero; after the fix, copy the input into
# tests/data/hostile/fuzz/render/ (or text/), where ctest replays it
# (fuzz_render_replay / fuzz_text_replay, see fuzz/replay.c).
# Environment: JOBS (parallel workers per target through -fork, default 1),
# FUZZ_TIMEOUT (seconds one input may take before it counts as a hang,
# default 60: this is the ASan + UBSan build, 3-5 times slower than the
# release one, where the committed seed nested-tables-20.xml takes 11-17 s
# near the layout work bound; 10 s ended campaigns on its mutants),
# FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_render fuzz_text)
B=build-fuzz
JOBS=${JOBS:-1}

command -v clang >/dev/null || bash scripts/install-deps.sh
CC=clang cmake -S . -B "$B" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRG_FUZZ=ON >/dev/null
cmake --build "$B" -j"$(nproc)" --target "${TARGETS[@]}" >/dev/null

export RAINGAN_DATA_DIR=$PWD
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seed() { # seed TARGET DIR: fill the target's seed folder once
  local t=$1 d=$2
  mkdir -p "$d"
  if [ "$t" = fuzz_render ]; then
    cp samples/*.xml tests/data/model/*.xml tests/data/errors/*.xml "$d"/
    if [ -d tests/data/hostile ]; then
      find tests/data/hostile -name '*.xml' -exec cp {} "$d"/ \;
    fi
  else
    # fuzz_text: first byte = alignment/width/size selector, then the text.
    # Whole files (up to 64 KiB), not their first 3,000 bytes: inputs never
    # grew past that, too small to reach long clusters or many pages.
    local i=0
    for f in samples/*.xml docs/*.md data/*.txt tests/data/text/*.txt tests/data/hostile/*.txt; do
      [ -f "$f" ] || continue
      i=$((i+1))
      { printf "\\$(printf %03o $((i * 37 % 256)))"; head -c 65536 "$f"; } >"$d/seed$i"
    done
    # Long runs of combining marks on one base (one grapheme cluster), the
    # shape HarfBuzz shapes in O(n^2): 2,000 and 20,000 marks.
    for n in 2000 20000; do
      python3 -c "import sys; sys.stdout.buffer.write(b'\\x01' + ('ก' + '\\u0e4e' * $n).encode())" \
        >"$d/marks$n"
    done
  fi
}

status=0
for t in "${TARGETS[@]}"; do
  corpus=$B/corpus/$t
  seeds=$B/seeds/$t
  [ -d "$seeds" ] || seed "$t" "$seeds"
  mkdir -p "$corpus"
  echo "== $t for ${SECONDS_PER_TARGET}s =="
  # -timeout flags any input taking over FUZZ_TIMEOUT s
  # (a hang); -rss_limit_mb flags memory out of proportion to the input.
  dict=() fork=() maxlen=131072 # the samples
  if [ "$JOBS" -gt 1 ]; then fork=(-fork="$JOBS"); fi
  if [ "$t" = fuzz_render ]; then dict=(-dict=fuzz/report.dict); else dict=(-dict=fuzz/text.dict); fi
  if ! "$B/fuzz/$t" "$corpus" "$seeds" "${dict[@]}" -max_total_time="$SECONDS_PER_TARGET" -max_len=$maxlen \
      -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 ${fork[@]+"${fork[@]}"} \
      -artifact_prefix="$B/" -print_final_stats=1 ${FUZZ_ARGS:-} 2>"$B/$t.log"; then
    status=1
    echo "$t FOUND A PROBLEM; see $B/$t.log and $B/crash-* / leak-* / timeout-*"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|^Done" "$B/$t.log" || tail -3 "$B/$t.log"
done
exit $status
