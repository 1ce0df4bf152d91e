#!/usr/bin/env bash
# Install everything raingan needs to build, test and benchmark on Debian 12.
# Idempotent: packages already present are left alone; safe to run twice.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config git ca-certificates
  libxml2-dev libxml2-utils
  libharfbuzz-dev libharfbuzz-subset0 libfreetype-dev
  libicu-dev libthai-dev libthai-data
  libhpdf-dev libdeflate-dev nettle-dev libpng-dev libjpeg-dev libfontconfig-dev
  fonts-tlwg-laksaman-ttf fonts-tlwg-garuda-ttf fonts-tlwg-loma-ttf fonts-noto-core
  poppler-utils qpdf mupdf-tools jq
  icc-profiles-free
  clang libclang-rt-14-dev valgrind
  time strace python3 python3-fonttools
  gettext bsdutils
  libmicrohttpd-dev libjs-codemirror libjs-pdf curl
  chromium nodejs wrk
  dpkg-dev file groff-base
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

# Debian's nodejs has no npm of its own (NodeSource's has): add Debian's npm
# only when there is none, as the two conflict.
if ! command -v npm >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
fi

# npm: playwright-core (the studio's browser tests drive Debian's chromium
# with it) from the committed package-lock.json into tests/studio/node_modules
# (gitignored); again only when the lock names another version.
STUDIO="$(cd "$(dirname "$0")/.." && pwd)/tests/studio"
want=$(sed -n '/"node_modules\/playwright-core"/,/}/s/.*"version": "\([^"]*\)".*/\1/p' "$STUDIO/package-lock.json")
have=
if [ -f "$STUDIO/node_modules/playwright-core/package.json" ]; then
  have=$(sed -n 's/.*"version": "\([^"]*\)".*/\1/p' "$STUDIO/node_modules/playwright-core/package.json" | head -1)
fi
if [ "$want" != "$have" ]; then
  (cd "$STUDIO" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-deps: playwright-core $want in tests/studio/node_modules"
bash "$(dirname "$0")/install-npm.sh"
