#!/usr/bin/env bash
# install.sh - optional extras for bench/run.sh (Debian 12, as root):
# WeasyPrint as the reference renderer, poppler-utils for page counts, and
# perf/valgrind for profiling.  Not part of scripts/install-deps.sh: the
# product does not need any of these.  Idempotent.
set -eu
need=()
command -v weasyprint >/dev/null || need+=(weasyprint)
command -v pdfinfo >/dev/null || need+=(poppler-utils)
command -v valgrind >/dev/null || need+=(valgrind)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
