#!/usr/bin/env bash
# Evaluation throughput of the MTP engine (energy + forces + stress, neighbour lists included,
# file parsing excluded and reported separately) in µs per atom per core, for levels 10/16/20/24
# on the Mo training set (1 species, 10,087 atoms) and CuPd (2 species, 2,451 atoms), 1 and 2
# threads. Trained potentials where they exist (Zuo et al. level 20 Mo, MLIP-3 level 10 CuPd),
# otherwise the untrained templates filled with random coefficients (bench-efs --random).
# Usage: bench/efs.sh [path/to/mtp-engine]   (results: bench/RESULTS.md, section "Evaluation")
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ENGINE="${1:-$ROOT/native/build/mtp-engine}"
DATA="$ROOT/../shared/data"
T="$DATA/mlip-reference/templates"
MO="$DATA/mlearn/Mo/cfg/train.cfg"
CUPD="$DATA/mlip-reference/mlip3-datasets/CuPd.cfg"
REPEAT="${REPEAT:-3}"

bench() {  # label, potential, cfg, extra args...
  local label="$1" pot="$2" cfg="$3"
  shift 3
  for threads in 1 2; do
    local json
    json="$("$ENGINE" bench-efs "$pot" "$cfg" --threads "$threads" --repeat "$REPEAT" --json "$@" 2>/dev/null)"
    python3 -c '
import json, sys
r = json.loads(sys.argv[2])
print("| %s | %d | %d | %d | %.3f | %.3f | %.1f | %.1f |" % (sys.argv[1], r["basis_functions"], r["atoms"], r["threads"],
      r["parse_cfg_seconds"], r["evaluate_seconds"], r["us_per_atom_core"], r["cpu_us_per_atom"]))' "$label" "$json"
  done
}

echo "| set / level | basis functions | atoms | threads | parse cfg (s) | evaluate (s) | µs/atom/core (wall) | µs/atom (CPU) |"
echo "|---|---|---|---|---|---|---|---|"
bench "Mo L10 (random)" "$T/10.almtp" "$MO" --random 10 --min-dist 1.9 --max-dist 5.2
bench "Mo L16 (random)" "$DATA/golden/Mo/random_coeffs/rand16.mtp" "$MO"
bench "Mo L20 (Zuo et al.)" "$DATA/mlearn/Mo/mtp.2020.01/fitted.mtp" "$MO"
bench "Mo L24 (random)" "$T/24.almtp" "$MO" --random 24 --min-dist 1.9 --max-dist 5.2
bench "CuPd L10 (MLIP-3 trained)" "$DATA/mlip-reference/generated-by-mlip3/L10_CuPd/pot10_CuPd.almtp" "$CUPD"
bench "CuPd L16 (random)" "$T/16.almtp" "$CUPD" --random 16 --species 2 --min-dist 2 --max-dist 5
bench "CuPd L20 (random)" "$T/20.almtp" "$CUPD" --random 20 --species 2 --min-dist 2 --max-dist 5
bench "CuPd L24 (random)" "$T/24.almtp" "$CUPD" --random 24 --species 2 --min-dist 2 --max-dist 5
