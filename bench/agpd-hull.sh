#!/bin/sh
# End-to-end active learning of the Ag–Pd hull with the engine CLI only (examples/agpd-hull/),
# in a temporary folder; prints iterations.tsv and summary.json. Results go to bench/RESULTS.md
# section "Active learning: Ag–Pd hull".
# Usage: bench/agpd-hull.sh [path/to/mtp-engine]   (run from the repository root; THREADS=2 default)
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENGINE=${1:-$ROOT/native/build/mtp-engine}
case $ENGINE in /*) ;; *) ENGINE=$(pwd)/$ENGINE ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
MTP_ENGINE=$ENGINE "$ROOT/examples/agpd-hull/run.sh" "$TMP/work" > "$TMP/run.log"
cat "$TMP/work/iterations.tsv"
cat "$TMP/work/summary.json"
