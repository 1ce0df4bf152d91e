#!/usr/bin/env bash
# Install everything raingan needs to build, test and benchmark on Debian 12.
# Idempotent: packages already present are left alone; safe to run twice.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config git ca-certificates
  libxml2-dev libxml2-utils
  libharfbuzz-dev libharfbuzz-subset0 libfreetype-dev
  libicu-dev libthai-dev libthai-data
  libhpdf-dev libdeflate-dev nettle-dev libpng-dev libjpeg-dev
  poppler-utils qpdf mupdf-tools jq
  icc-profiles-free
  clang libclang-rt-14-dev valgrind
  time strace python3 python3-fonttools
  libmicrohttpd-dev libjs-codemirror libjs-pdf curl
  chromium nodejs npm wrk
)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "install-deps: all ${#PKGS[@]} packages present"
