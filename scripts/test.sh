#!/usr/bin/env bash
# Runs every test: the normal build's suite, then the same suite built with
# AddressSanitizer + UndefinedBehaviorSanitizer, then the browser tests of `orbat serve`
# (headless Chromium; skipped when ORBAT_SKIP_BROWSER is set). Installs and builds what
# it needs. Usage: scripts/test.sh [--no-sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)
ctest --test-dir build --output-on-failure -j"$jobs"
if [ "${1:-}" != "--no-sanitize" ]; then
  cmake -S . -B build-asan -DORBAT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-asan -j"$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi
if [ -z "${ORBAT_SKIP_BROWSER:-}" ]; then
  node --test web/tests/*.mjs
fi
