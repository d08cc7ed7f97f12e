#!/usr/bin/env bash
# Installs what Orbat needs on Debian 12 (idempotent: installed packages are skipped)
# and builds build/orbat. Usage: scripts/setup.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake pkg-config python3 libicu-dev libsqlite3-dev libre2-dev
          libvectorscan-dev libjemalloc-dev libabsl-dev
          libcli11-dev nlohmann-json3-dev libcpp-httplib-dev libgtest-dev libgmock-dev
          libbenchmark-dev libxml2-utils graphviz time chromium python3-networkx)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node.js and npm for the web page's build and browser tests (orbat serve). A node that
# is already installed (e.g. from NodeSource, with its own npm) is kept.
node_missing=()
command -v node >/dev/null || node_missing+=(nodejs)
command -v npm >/dev/null || node_missing+=(npm)
if ((${#node_missing[@]})); then
  echo "setup: installing ${node_missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${node_missing[@]}" >/dev/null
fi

[ "${1:-}" = "--no-build" ] && exit 0
scripts/build_web.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
