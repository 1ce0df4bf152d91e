#!/usr/bin/env bash
# run.sh - how fast raingan renders, against the targets of issue #8.
#
#   bash bench/run.sh            full run (about 4 minutes on 2 cores)
#   bash bench/run.sh --quick    smoke run (well under a minute)
#
# Environment: BUILD (build folder, default ./build; built Release if its
# binaries are missing), WORK (scratch folder, default a fresh temporary
# one, removed at the end unless KEEP=1), THREADS (default nproc).
#
# What it times, each from process start to the PDF on disk unless said:
#   a) one form, cold, one process            (best and median of REPS runs)
#   b) the five-form sample, cold             (same)
#   c) a batch of forms, one PDF each, 1 thread and THREADS threads: with
#      `raingan batch` when the CLI has it, else bench/bench_batch (one shared
#      engine, one context per thread, same writes as rg_render_pdf);
#      and the same forms as separate `raingan render` processes (first 100)
#   d) an archive: every form in one PDF, `raingan archive` when the CLI has
#      it, else one document holding them all through `raingan render`;
#      at 100, 1,000 and 5,000 forms to show how time and memory grow
#   e) WeasyPrint on an equivalent HTML of the sample, when installed
#      (bench/install.sh), as a reference point
# Inputs come from samples/indicators-2562.xml with varied text (gen.py).
# Results are printed as Markdown and kept in $WORK/results.md.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
THREADS=${THREADS:-$(nproc)}
QUICK=0
for a in "$@"; do
    case $a in
    --quick) QUICK=1 ;;
    -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $a" >&2; exit 2 ;;
    esac
done
if [ $QUICK = 1 ]; then
    REPS=3; BATCH=100; SEPARATE=10; SCALE="20 100"
else
    REPS=10; BATCH=1000; SEPARATE=100; SCALE="100 1000 5000"
fi

RG=$BUILD/raingan
BB=$BUILD/bench_batch
BT=$BUILD/bench_time
if [ ! -x "$RG" ] || [ ! -x "$BB" ] || [ ! -x "$BT" ]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null &&
        cmake --build "$BUILD" -j"$(nproc)" >/dev/null || { echo "run.sh: build failed" >&2; exit 4; }
fi
for t in python3; do
    command -v $t >/dev/null || { echo "run.sh: needs $t (bash bench/install.sh)" >&2; exit 4; }
done
if [ -z "${WORK:-}" ]; then
    WORK=$(mktemp -d /tmp/raingan-bench.XXXXXX)
    [ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
OUT=$WORK/results.md
: >"$OUT"
say() { printf '%s\n' "$*" | tee -a "$OUT"; }

# pages FILE.pdf -> page count (pdfinfo, else counting /Type /Page objects)
pages() {
    if command -v pdfinfo >/dev/null; then
        pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'
    else
        LC_ALL=C grep -ac '/Type /Page[^s]' "$1"
    fi
}

# measure CMD... -> "wall_ms cpu_ms maxrss_kb" of one run (exit status kept in $?)
# Timed by bench_time (fork/exec/wait4 in C): the shell's $(date) and
# /usr/bin/time cost 11 ms of their own per run on this machine.
measure() {
    BENCH_OUT="$WORK/cmd.out" BENCH_ERR="$WORK/cmd.err" "$BT" "$@"
}

# repeat N CMD... -> "best_ms median_ms cpu_ms_of_best maxrss_kb"
repeat() {
    local n=$1
    shift
    for _ in $(seq "$n"); do measure "$@" || { echo "FAILED: $*" >&2; cat "$WORK/cmd.err" >&2; return 1; }; done |
        sort -n | awk '{w[NR] = $1; c[NR] = $2; if ($3 > r) r = $3}
            END {printf "%.1f %.1f %d %d\n", w[1], w[int((NR + 1) / 2)], c[1], r}'
}

has_cmd() { "$RG" "$1" --help >/dev/null 2>&1; }

# ---- machine -------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
say "# raingan benchmark ($(date -u +%Y-%m-%d), $( [ $QUICK = 1 ] && echo quick || echo full ) run)"
say ""
say "Machine: $(nproc) CPUs ($cpu), $mem RAM, $(uname -sr); raingan $("$RG" version | awk '{print $2}')," \
    "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)," \
    "load average before the run: $(cut -d' ' -f1 /proc/loadavg)."
say ""

# ---- inputs --------------------------------------------------------------------
echo "generating inputs in $WORK ..." >&2
python3 "$HERE/gen.py" split "$BATCH" "$WORK/forms" || exit 4
ls "$WORK"/forms/*.xml >"$WORK/forms.list"
# The archive takes a folder of one-form sources (a single source holding
# thousands of forms would pass the loader's 4 MiB text bound); the render
# fallback takes one document with N forms.
for n in $SCALE; do
    if has_cmd archive; then
        python3 "$HERE/gen.py" split "$n" "$WORK/arch-$n" || exit 4
    else
        python3 "$HERE/gen.py" doc "$n" "$WORK/doc-$n.xml" || exit 4
    fi
done
SAMPLE=$ROOT/samples/indicators-2562.xml
ONE=$WORK/forms/form-00001.xml

# ---- a, b: cold single renders ----------------------------------------------------
export SOURCE_DATE_EPOCH=0
# The floor: starting and ending the process alone (loading its 23 shared
# libraries), which tells how fast the machine is at the moment.
read -r z_best z_med z_cpu z_rss < <(repeat $REPS "$RG" --version)
read -r a_best a_med a_cpu a_rss < <(repeat $REPS "$RG" render "$ONE" -o "$WORK/one.pdf")
a_pages=$(pages "$WORK/one.pdf")
read -r b_best b_med b_cpu b_rss < <(repeat $REPS "$RG" render "$SAMPLE" -o "$WORK/sample.pdf")
b_pages=$(pages "$WORK/sample.pdf")
b_bytes=$(stat -c %s "$WORK/sample.pdf")

say "## Single renders, cold (process start to PDF written; best / median of $REPS)"
say ""
say "| input | pages | best ms | median ms | CPU ms | ms/page | peak RSS MiB | bytes/page |"
say "|---|---:|---:|---:|---:|---:|---:|---:|"
say "$(awk -v b=$z_best -v m=$z_med -v c=$z_cpu -v r=$z_rss \
    'BEGIN {printf "| (0) process start and exit only (`raingan --version`) | | %.1f | %.1f | %d | | %.1f | |", b, m, c, r / 1024}')"
say "$(awk -v p=$a_pages -v b=$a_best -v m=$a_med -v c=$a_cpu -v r=$a_rss -v s=$(stat -c %s "$WORK/one.pdf") \
    'BEGIN {printf "| (a) one form | %d | %.1f | %.1f | %d | %.2f | %.1f | %d |", p, b, m, c, b / p, r / 1024, s / p}')"
say "$(awk -v p=$b_pages -v b=$b_best -v m=$b_med -v c=$b_cpu -v r=$b_rss -v s=$b_bytes \
    'BEGIN {printf "| (b) five-form sample | %d | %.1f | %.1f | %d | %.2f | %.1f | %d |", p, b, m, c, b / p, r / 1024, s / p}')"
say ""

# ---- c: batch ----------------------------------------------------------------------
# batch_run THREADS -> "wall_s cpu_s rss_kb pages bytes tool"
batch_run() {
    local j=$1 dir=$WORK/batch-$1
    rm -rf "$dir"
    mkdir -p "$dir"
    if has_cmd batch; then
        # `raingan batch -q -j N -o DIR FOLDER` renders every source of the
        # folder; RG_BATCH may give another command line with {J} {DIR} {FORMS}.
        local cmd=${RG_BATCH:-"$RG batch -q -j {J} -o {DIR} {FORMS}"}
        cmd=${cmd//\{J\}/$j}; cmd=${cmd//\{DIR\}/$dir}; cmd=${cmd//\{FORMS\}/$WORK/forms}
        read -r w c r < <(measure $cmd) || { echo "raingan batch failed: $(head -3 "$WORK/cmd.err")" >&2; return 1; }
        local p=0 by=0
        for f in "$dir"/*.pdf; do p=$((p + $(pages "$f"))); by=$((by + $(stat -c %s "$f"))); done
        echo "$(awk -v w=$w 'BEGIN {print w / 1000}') $(awk -v c=$c 'BEGIN {print c / 1000}') $r $p $by raingan-batch"
    else
        "$BB" -j "$j" -o "$dir" @"$WORK/forms.list" >"$WORK/bb.out" 2>"$WORK/bb.err" ||
            { echo "bench_batch failed: $(head -3 "$WORK/bb.err")" >&2; return 1; }
        sed -E 's/[a-z_]+=//g' "$WORK/bb.out" | awk '{print $5, $6, $7, $3, $4, "bench_batch"}'
    fi
}
say "## Batch: $BATCH forms, one PDF each"
say ""
say "| threads | tool | pages | wall s | pages/s | CPU ms/page | peak RSS MiB | bytes/page |"
say "|---:|---|---:|---:|---:|---:|---:|---:|"
for j in 1 $THREADS; do
    [ "$j" = 1 ] && [ "$THREADS" = 1 ] && [ -n "${done1:-}" ] && continue
    done1=1
    if read -r w c r p by tool < <(batch_run "$j"); then
        [ "$j" = "$THREADS" ] && { c_pps=$(awk -v p=$p -v w=$w 'BEGIN {printf "%.0f", p / w}'); c_cpp=$(awk -v p=$p -v c=$c 'BEGIN {printf "%.2f", c * 1000 / p}'); }
        say "$(awk -v j=$j -v t=$tool -v p=$p -v w=$w -v c=$c -v r=$r -v b=$by \
            'BEGIN {printf "| %d | %s | %d | %.2f | %.0f | %.2f | %.1f | %d |", j, t, p, w, p / w, c * 1000 / p, r / 1024, b / p}')"
    fi
done
# The same forms as separate processes (what a shell loop over `raingan render` costs).
mkdir -p "$WORK/sep"
t0=$(date +%s%N)
sep_pages=0
for f in $(head -n "$SEPARATE" "$WORK/forms.list"); do
    b=$(basename "$f" .xml)
    "$RG" render "$f" -o "$WORK/sep/$b.pdf" 2>/dev/null || echo "render failed: $f" >&2
    sep_pages=$((sep_pages + $(pages "$WORK/sep/$b.pdf")))
done
t1=$(date +%s%N)
say "$(awk -v n=$SEPARATE -v p=$sep_pages -v ns=$((t1 - t0)) \
    'BEGIN {w = ns / 1e9; printf "| 1 | %d separate \x60raingan render\x60 processes | %d | %.2f | %.0f | | | |", n, p, w, p / w}')"
say ""

# ---- d: archive and scaling ----------------------------------------------------------
say "## Archive: every form in one PDF (scaling)"
say ""
if has_cmd archive; then
    say "Tool: \`raingan archive\` over a folder of N one-form sources (set RG_ARCHIVE to a command line with {IN} {OUT} if its options differ)."
else
    say "Tool: \`raingan render\` of one document holding N indicator forms (no \`raingan archive\` in this build)."
fi
say ""
say "| forms | pages | wall s | ms/page | CPU s | peak RSS MiB | MiB/1000 pages | bytes/page |"
say "|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $SCALE; do
    in=$WORK/doc-$n.xml out=$WORK/archive-$n.pdf
    if has_cmd archive; then
        in=$WORK/arch-$n
        cmd=${RG_ARCHIVE:-"$RG archive {IN} -o {OUT}"}
        cmd=${cmd//\{IN\}/$in}; cmd=${cmd//\{OUT\}/$out}
    else
        cmd="$RG render $in -o $out"
    fi
    read -r w c r < <(measure $cmd)
    if [ -s "$out" ]; then
        p=$(pages "$out")
        s=$(stat -c %s "$out")
        [ "$n" = 1000 ] && { d_w=$w; d_r=$r; }
        say "$(awk -v n=$n -v p=$p -v w=$w -v c=$c -v r=$r -v s=$s \
            'BEGIN {printf "| %d | %d | %.2f | %.2f | %.2f | %.1f | %.1f | %d |", n, p, w / 1000, w / p, c / 1000, r / 1024, r / 1024 / p * 1000, s / p}')"
    else
        say "| $n | failed: $(grep -m1 -i error "$WORK/cmd.err" | sed 's/|/\\|/g') | | | | | | |"
    fi
    rm -f "$out"
done
say ""

# ---- e: WeasyPrint ---------------------------------------------------------------------
say "## Reference: WeasyPrint on the same sample as HTML"
say ""
python3 "$HERE/gen.py" html "$SAMPLE" "$WORK/sample.html"
if command -v weasyprint >/dev/null; then
    wv=$(weasyprint --version 2>/dev/null | head -1)
    if read -r e_best e_med e_cpu e_rss < <(repeat 3 weasyprint "$WORK/sample.html" "$WORK/sample-weasy.pdf"); then
        e_pages=$(pages "$WORK/sample-weasy.pdf")
        say "| renderer | pages | best ms | median ms | peak RSS MiB | bytes/page |"
        say "|---|---:|---:|---:|---:|---:|"
        say "$(awk -v p=$b_pages -v b=$b_best -v m=$b_med -v r=$b_rss -v s=$b_bytes 'BEGIN {printf "| raingan | %d | %.1f | %.1f | %.1f | %d |", p, b, m, r / 1024, s / p}')"
        say "$(awk -v v="$wv" -v p=$e_pages -v b=$e_best -v m=$e_med -v r=$e_rss -v s=$(stat -c %s "$WORK/sample-weasy.pdf") \
            'BEGIN {printf "| %s | %d | %.1f | %.1f | %.1f | %d |", v, p, b, m, r / 1024, s / p}')"
        say ""
        say "$(awk -v a=$b_best -v b=$e_best -v pa=$b_pages -v pb=$e_pages \
            'BEGIN {printf "raingan is %.0fx faster than WeasyPrint on this sample (%.0fx per page).", b / a, (b / pb) / (a / pa)}')"
    else
        say "WeasyPrint failed on the HTML: $(head -1 "$WORK/cmd.err")"
    fi
else
    say "WeasyPrint is not installed (bash bench/install.sh installs Debian's package); no reference."
fi
say ""

# ---- targets -----------------------------------------------------------------------------
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN {ok = op == "<" ? v < t : v >= t; print ok ? "met" : "MISSED"}'; }
say "## Against the targets of issue #8"
say ""
say "| target | measured | |"
say "|---|---|---|"
say "| five-form sample cold < 50 ms | $b_best ms best, $b_med ms median | $(verdict "$b_best" 50 "<") |"
say "| five-form sample peak RSS < 40 MiB | $(awk -v r=$b_rss 'BEGIN {printf "%.1f", r / 1024}') MiB | $(verdict "$b_rss" 40960 "<") |"
if [ -n "${c_pps:-}" ]; then
    say "| batch >= 1,200 pages/s on $THREADS threads | $c_pps pages/s | $(verdict "$c_pps" 1200 ">=") |"
    say "| batch <= 2 ms CPU per page | $c_cpp ms | $(verdict "$c_cpp" 2.0001 "<") |"
fi
if [ -n "${d_w:-}" ]; then
    say "| 1,000-form archive < 5 s wall | $(awk -v w=$d_w 'BEGIN {printf "%.2f", w / 1000}') s | $(verdict "$d_w" 5000 "<") |"
    say "| 1,000-form archive peak RSS < 300 MiB | $(awk -v r=$d_r 'BEGIN {printf "%.1f", r / 1024}') MiB | $(verdict "$d_r" 307200 "<") |"
fi
say "| output < 30 KB per text page | $(awk -v s=$b_bytes -v p=$b_pages 'BEGIN {printf "%.1f", s / p / 1024}') KiB (sample) | $(verdict $((b_bytes / b_pages)) 30720 "<") |"
echo "results: $OUT" >&2
