#!/usr/bin/env bash
# Throughput and memory of `orbat extract` on a synthetic corpus.
#
# Builds (once, then reuses) a corpus of about --mb MiB from the example reports --
# numbered, lightly varied copies as .txt files in sub-folders, plus one JSONL file
# holding as many bytes again as records -- and a corpus half that size. Runs
#   build/orbat extract DIR --format jsonl > /dev/null
# on both with --jobs 1 (one core) under /usr/bin/time -v, then on the large one with
# every core, and prints input size, wall time, MB/s, documents/s and peak RSS. The reader streams documents one at a time, so peak RSS should be about
# the same for both corpora: if it doubles with the input, something is holding on to
# documents.
#
# Usage: bench/extract_bench.sh [--mb N] [--dir DIR] [--binary PATH] [--generate-only]
#   --mb N            size of the large corpus in MiB (default 64; at least 50 is the
#                     point of the exercise)
#   --dir DIR         where corpora are kept (default ${TMPDIR:-/tmp}/orbat-bench)
#   --binary PATH     orbat binary (default build/orbat)
#   --generate-only   build the corpora and stop (no orbat needed)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mb=64
dir="${TMPDIR:-/tmp}/orbat-bench"
binary="$root/build/orbat"
generate_only=0
while (($#)); do
  case "$1" in
    --mb) mb="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --generate-only) generate_only=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "extract_bench: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done

# Seed documents: the repository's examples, else the shared dev corpus.
seeds="$root/examples"
if ! compgen -G "$seeds/*.txt" >/dev/null; then
  seeds="${ORBAT_SHARED:-$root/../shared}/corpus/dev"
fi
if ! compgen -G "$seeds/*.txt" >/dev/null; then
  echo "extract_bench: no .txt seed documents in examples/ or the shared dev corpus" >&2
  exit 2
fi

# Writes corpus $2 of about $1 MiB unless a finished one with the same size is there.
# Half the bytes go to .txt files, half to one JSONL file. Each copy gets its own
# header line and a rotation of the seed's paragraphs, so no two documents are equal
# (an engine that cached by content would otherwise look faster than it is).
generate() {
  local size_mb="$1" out="$2"
  if [ -f "$out/.complete" ] && [ "$(cat "$out/.complete")" = "$size_mb $seeds" ]; then
    return 0
  fi
  rm -rf "$out"
  mkdir -p "$out"
  python3 - "$seeds" "$out" "$size_mb" <<'PY'
import json, os, sys

seeds_dir, out, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
target = int(size_mb * 1024 * 1024)
seeds = []
for name in sorted(os.listdir(seeds_dir)):
    if name.endswith(".txt") and not name.startswith("."):
        with open(os.path.join(seeds_dir, name), encoding="utf-8") as f:
            paragraphs = [p for p in f.read().split("\n\n") if p.strip()]
        seeds.append((name[:-4], paragraphs))

def variant(n):
    stem, paragraphs = seeds[n % len(seeds)]
    k = (n // len(seeds)) % len(paragraphs)
    body = "\n\n".join(paragraphs[k:] + paragraphs[:k])
    return f"{stem}-{n:07d}", f"Report {n} (synthetic copy of {stem}).\n\n{body}\n"

n = 0
docs = 0
written = 0
per_folder = 1000
# Half of the target as separate .txt files, 1000 to a folder.
while written < target // 2:
    doc_id, text = variant(n)
    folder = os.path.join(out, "txt", f"{n // per_folder:04d}")
    if n % per_folder == 0:
        os.makedirs(folder, exist_ok=True)
    data = text.encode("utf-8")
    with open(os.path.join(folder, doc_id + ".txt"), "wb") as f:
        f.write(data)
    written += len(data)
    n += 1
    docs += 1
# The other half as one JSONL file.
with open(os.path.join(out, "records.jsonl"), "wb") as f:
    while written < target:
        doc_id, text = variant(n)
        line = json.dumps({"id": doc_id, "text": text, "date": f"{2010 + n % 10}-01-01",
                           "source": "synthetic"}, ensure_ascii=False) + "\n"
        data = line.encode("utf-8")
        f.write(data)
        written += len(data)
        n += 1
        docs += 1
with open(os.path.join(out, ".stats"), "w") as f:
    f.write(f"{docs} {written}\n")
PY
  echo "$size_mb $seeds" > "$out/.complete"
}

large="$dir/corpus-${mb}"
half_mb=$(python3 -c "print('%g' % ($mb / 2))")
small="$dir/corpus-${half_mb}"
echo "extract_bench: corpora in $dir (seeds: $seeds)" >&2
generate "$mb" "$large"
generate "$half_mb" "$small"

for c in "$small" "$large"; do
  read -r docs bytes < "$c/.stats"
  printf 'corpus %-40s %8d documents %8.1f MiB\n' "$c" "$docs" \
    "$(python3 -c "print($bytes / 1048576)")"
done
((generate_only)) && exit 0

if [ ! -x "$binary" ]; then
  echo "extract_bench: $binary not found; build it first (scripts/setup.sh)" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "extract_bench: /usr/bin/time missing (apt-get install time; scripts/setup.sh does)" >&2
  exit 2
fi

# Runs orbat extract on corpus $1 with --jobs $2 ("" = the default, every core); prints
# one result line and leaves peak RSS in $rss.
run() {
  local corpus="$1" jobs="$2" report status
  report=$(mktemp)
  status=0
  /usr/bin/time -v -o "$report" "$binary" extract "$corpus" --format jsonl ${jobs:+--jobs "$jobs"} >/dev/null \
    2>"$report.stderr" || status=$?
  if ((status != 0)); then
    # Exit code 1 means some inputs were skipped; anything else is a failure.
    echo "extract_bench: orbat exited with $status on $corpus; last errors:" >&2
    tail -n 5 "$report.stderr" >&2
    if ((status != 1)); then rm -f "$report" "$report.stderr"; exit 1; fi
  fi
  read -r docs bytes < "$corpus/.stats"
  local result
  result=$(python3 - "$report" "$docs" "$bytes" "$corpus" "${jobs:-all cores}" <<'PY'
import re, sys
report, docs, nbytes, corpus, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
text = open(report).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
rss_mib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
mib = nbytes / 1048576
seconds = max(seconds, 1e-3)
print(f"{corpus} (jobs: {jobs}): input {mib:.1f} MiB, {docs} documents, {seconds:.2f} s, "
      f"{nbytes / 1e6 / seconds:.2f} MB/s ({mib / seconds:.2f} MiB/s), {docs / seconds:.0f} documents/s, "
      f"peak RSS {rss_mib:.1f} MiB")
print(f"{rss_mib:.1f}")
PY
)
  echo "${result%$'\n'*}"    # the summary line
  rss="${result##*$'\n'}"    # the last line: peak RSS in MiB
  rm -f "$report" "$report.stderr"
}

# One core first (the throughput figure that does not depend on the machine's size),
# on both corpora for the memory check; then the large one on every core.
run "$small" 1
rss_small=$rss
run "$large" 1
rss_large=$rss
echo "peak RSS: ${rss_small} MiB at ${half_mb} MiB input, ${rss_large} MiB at ${mb} MiB input" \
     "(flat memory means these are close; input doubled)"
run "$large" ""
