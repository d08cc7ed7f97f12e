#!/usr/bin/env bash
# Load test of `orbat serve` on loopback: ingests examples/ into a temporary database,
# starts the server on a free 127.0.0.1 port, runs CLIENTS concurrent keep-alive clients
# of REQUESTS requests each (a mix of API calls and page assets; capped at MAX_SECONDS),
# and prints requests/s and latency percentiles (p50, p90, p99). Exits 1 if a request
# failed or the server stopped answering.
# Usage: bench/serve_bench.sh [--clients 16] [--requests 200] [--max-seconds 60]
#                             [--binary build/orbat] [--db FILE (instead of examples/)]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=16 requests=200 max_seconds=60 binary=build/orbat db=""
while (($#)); do
  case "$1" in
    --clients) clients=$2; shift 2 ;;
    --requests) requests=$2; shift 2 ;;
    --max-seconds) max_seconds=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    --db) db=$2; shift 2 ;;
    *) echo "usage: $0 [--clients N] [--requests M] [--max-seconds S] [--binary PATH] [--db FILE]" >&2; exit 2 ;;
  esac
done
[ -x "$binary" ] || { echo "serve_bench: $binary not built (scripts/setup.sh)" >&2; exit 1; }
command -v node >/dev/null || { echo "serve_bench: node is needed for the load client" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/orbat-serve-bench.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
if [ -z "$db" ]; then
  db=$tmp/orbat.db
  "$binary" ingest examples/ --db "$db" -q 2>/dev/null
fi
"$binary" serve --db "$db" --port 0 --host 127.0.0.1 >"$tmp/out" 2>"$tmp/err" &
pid=$!
url=""
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$tmp/out" || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "serve_bench: the server did not start" >&2; cat "$tmp/err" >&2; exit 1; }
echo "orbat serve at $url ($(nproc) cores), database $db"
status=0
timeout $((max_seconds + 30)) node bench/serve_load.mjs "$url" "$clients" "$requests" "$max_seconds" || status=$?
kill -0 "$pid" 2>/dev/null || { echo "serve_bench: the server died" >&2; status=1; }
exit $status
