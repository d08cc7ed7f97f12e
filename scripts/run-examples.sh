#!/usr/bin/env bash
# The main job, end to end, on the bundled examples: installs and builds what Orbat
# needs, extracts every example (out/examples.jsonl), scores it against the examples'
# gold files, ingests them into an embedded SQLite graph (out/orbat.db) and prints a
# profile and the relations of one group as they stood in February 2016.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
echo "== orbat extract examples/ --format jsonl > out/examples.jsonl"
build/orbat extract examples/ --format jsonl > out/examples.jsonl
echo "== orbat eval examples/ out/examples.jsonl"
build/orbat eval examples/ out/examples.jsonl
echo "== orbat ingest examples/ --db out/orbat.db"
build/orbat ingest examples/ --db out/orbat.db
echo "== orbat profile \"Jund al-Aqsa\""
build/orbat profile "Jund al-Aqsa" --db out/orbat.db
echo "== orbat relations \"Jund al-Aqsa\" --at 2016-02"
build/orbat relations "Jund al-Aqsa" --at 2016-02 --db out/orbat.db
echo "== orbat stats"
build/orbat stats --db out/orbat.db
