#!/usr/bin/env bash
# Ingest benchmark for the knowledge graph (not a timed test).
#
# Generates N (default 10000) documents about invented and real group names, ingests
# them into a fresh database and prints documents/s, MB/s, the database size and the
# median latency of `profile` and `relations` queries at that size (target < 50 ms).
#
# Usage: bench/ingest_bench.sh [N] [ORBAT_BINARY]
set -euo pipefail
N=${1:-10000}
BIN=${2:-$(dirname "$0")/../build/orbat}
[ -x "$BIN" ] || BIN=$(dirname "$0")/../build-graph/orbat
WORK=$(mktemp -d /tmp/orbat-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/docs"

python3 - "$N" "$WORK/docs" <<'PY'
import random, sys, os
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
real = ["Jabhat al-Nusra", "the Islamic State", "Ahrar al-Sham", "Hamas", "Jund al-Aqsa",
        "Hayat Tahrir al-Sham", "al-Qaeda", "Jaysh al-Islam", "Faylaq al-Sham", "Nour al-Din al-Zenki"]
fake = [f"Liwa {w} {i}" for i, w in enumerate(["al-Haqq", "al-Tawhid", "Ansar", "al-Fajr", "Suqur"] * 60)]
groups = real + fake
places = ["Idlib", "Aleppo", "Hama", "Homs", "Daraa", "Gaza", "Raqqa", "Deir ez-Zor"]
months = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
verbs = [("fought alongside", ""), ("clashed with", ""), ("pledged allegiance to", ""),
         ("split from", ""), ("merged into", ""), ("was reportedly allied with", "")]
for i in range(n):
    a, b, c = rng.sample(groups, 3)
    y = rng.randint(2005, 2022)
    lines = []
    for _ in range(rng.randint(4, 9)):
        v, _ = rng.choice(verbs)
        d = f"{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(2005, 2022)}"
        lines.append(f"On {d}, {a} {v} {b} near {rng.choice(places)}.")
    lines.append(f"{a} was founded in {y} by Abu {rng.choice(['Muhammad', 'Omar', 'Khalid'])} al-{rng.choice(places)}.")
    lines.append(f"According to local sources, {c} has about {rng.randint(2, 90) * 100} fighters.")
    with open(os.path.join(out, f"report-{i:06d}.txt"), "w") as f:
        f.write(f"Report {i}\n\n" + " ".join(lines) + "\n")
PY

BYTES=$(du -sb "$WORK/docs" | cut -f1)
DB="$WORK/bench.db"
echo "corpus: $N documents, $BYTES bytes"
START=$(date +%s.%N)
"$BIN" ingest -q "$WORK/docs" --db "$DB"
END=$(date +%s.%N)
python3 - "$START" "$END" "$N" "$BYTES" "$DB" <<'PY'
import sys, os
s, e, n, b, db = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
t = e - s
size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
print(f"ingest: {t:.1f} s, {n / t:.1f} documents/s, {b / t / 1e6:.2f} MB/s")
print(f"database: {size / 1e6:.1f} MB")
PY

median_ms() {  # median wall time of a command over 15 runs, in ms
  python3 - "$@" <<'PY'
import subprocess, sys, time, statistics
cmd = sys.argv[1:]
ts = []
for _ in range(15):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(ts):.1f}")
PY
}
for name in "Jabhat al-Nusra" "Hamas" "Liwa al-Haqq 0"; do
  echo "profile \"$name\": median $(median_ms "$BIN" profile "$name" --db "$DB") ms (process start included)"
  echo "relations \"$name\" --at 2016-02: median $(median_ms "$BIN" relations "$name" --at 2016-02 --db "$DB") ms"
done
"$BIN" stats --db "$DB"
