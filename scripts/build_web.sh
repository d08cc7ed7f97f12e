#!/usr/bin/env bash
# Builds the web page of `orbat serve` into web/dist: installs the npm packages pinned by
# web/package-lock.json (npm ci) unless they are there, then copies web/src/* and
# cytoscape's ES module build (web/dist/vendor/). No bundler: the page is plain ES
# modules. The server finds web/dist through the compiled-in source path, or
# $ORBAT_WEB_DIR / --web-dir. Usage: scripts/build_web.sh [--no-install]
set -euo pipefail
cd "$(dirname "$0")/../web"
if [ "${1:-}" != "--no-install" ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
[ -f node_modules/cytoscape/dist/cytoscape.esm.min.mjs ] || { echo "build_web: cytoscape missing; run npm ci in web/" >&2; exit 1; }
rm -rf dist
mkdir -p dist/vendor
cp src/index.html src/app.js src/style.css src/favicon.svg dist/
cp node_modules/cytoscape/dist/cytoscape.esm.min.mjs dist/vendor/
cp node_modules/cytoscape/LICENSE dist/vendor/cytoscape.LICENSE.txt
echo "build_web: web/dist ready ($(du -sh dist | cut -f1))" >&2
