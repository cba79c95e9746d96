#!/usr/bin/env bash
# Ag–Pd convex hull by active learning from an empty training set, using only `mtp-engine`
# (README.md in this folder explains the steps). Deterministic: fixed seeds, fixed order.
# Usage: examples/agpd-hull/run.sh [WORKDIR]   (from any directory)
# Environment: MTP_ENGINE (default native/build/mtp-engine), THREADS (default 2), MAX_ITER (20).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
ENGINE=${MTP_ENGINE:-$REPO/native/build/mtp-engine}
THREADS=${THREADS:-2}
MAX_ITER=${MAX_ITER:-20}
WORK=${1:-$HERE/work}
LEVEL=10
SEED=1
SELECT=2.1   # γ_select: configurations graded above it are kept for selection
BREAK=10     # γ_break: a relaxation graded above it stops (extrapolation break)
ELEMENTS=Ag,Pd
# fcc lattice constants of Ag and Pd (Å, experiment, close to the Zhou EAM's 4.090 and 3.890);
# bcc and hcp cells get the same volume per atom (a_bcc = a_fcc/2^(1/3), ideal hcp a = a_fcc/√2),
# and every structure its Vegard mix.
A_FCC_AG=4.086
A_FCC_PD=3.891

[ -x "$ENGINE" ] || { echo "no engine at $ENGINE (build native/ or set MTP_ENGINE)" >&2; exit 1; }
# The work folder is ours: refuse a non-empty folder that is not a previous run of this script.
if [ -d "$WORK" ] && [ -n "$(ls -A "$WORK")" ] && [ ! -f "$WORK/iterations.tsv" ]; then
  echo "$WORK is not empty and not a previous run; give another folder" >&2
  exit 2
fi
mkdir -p "$WORK"
cd "$WORK"
rm -f ./*.cfg ./*.mtp ./*.als ./*.json ./*.log iterations.tsv
E() { "$ENGINE" "$@" --threads "$THREADS"; }
now() { date +%s.%N; }
count() { grep -c '^BEGIN_CFG' "$1" || true; }
# One field of a --json result (flat key) via node, which the repository needs anyway.
field() { node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));const v=r[process.argv[1]];console.log(typeof v==="object"?JSON.stringify(v):v)' "$1"; }
T0=$(now)

# 1. Candidates: all fcc-, bcc- and hcp-derived Ag–Pd superstructures with up to 8 atoms.
scale() { awk -v a="$1" -v f="$2" 'BEGIN { printf "%.4f", a * f }'; }
E enumerate --lattice fcc --elements $ELEMENTS --max-atoms 8 --a "$A_FCC_AG,$A_FCC_PD" fcc.cfg > /dev/null
E enumerate --lattice bcc --elements $ELEMENTS --max-atoms 8 \
  --a "$(scale $A_FCC_AG 0.793700526),$(scale $A_FCC_PD 0.793700526)" bcc.cfg > /dev/null
E enumerate --lattice hcp --elements $ELEMENTS --max-atoms 8 \
  --a "$(scale $A_FCC_AG 0.707106781),$(scale $A_FCC_PD 0.707106781)" hcp.cfg > /dev/null
cat fcc.cfg bcc.cfg hcp.cfg > candidates.cfg
echo "candidates: $(count candidates.cfg) (fcc $(count fcc.cfg), bcc $(count bcc.cfg), hcp $(count hcp.cfg))"

# 2. Empty training set; a seeded level-10 MTP whose radial functions are random and whose linear
#    coefficients are zero selects the first configurations (D-optimal for the linear fit).
E new-potential --level $LEVEL --species 2 --min-dist 2.0 --max-dist 5.0 --init random --seed $SEED init.mtp > /dev/null
: > train.cfg
E select-add init.mtp train.cfg candidates.cfg selected.cfg > /dev/null 2>&1
printf 'iteration\tselected\ttraining_set\trelaxed\tbreaks\tpreselected\tmax_grade\tseconds\n' > iterations.tsv

# 3. Loop: EAM on the selection -> train -> relax all candidates with extrapolation control ->
#    select from the preselected configurations; stop when no relaxation breaks.
iter=0
while :; do
  iter=$((iter + 1))
  t=$(now)
  n_sel=$(count selected.cfg)
  E reference eam --elements $ELEMENTS selected.cfg selected_efs.cfg > /dev/null 2>&1
  cat selected_efs.cfg >> train.cfg
  E train init.mtp train.cfg --trained pot.mtp --seed $SEED > train_$iter.log 2>&1
  rm -f state.als  # a state belongs to one potential: rebuild it for the new one
  E calc-grade pot.mtp train.cfg train.cfg train_graded.cfg --state state.als > /dev/null 2>&1
  rm -f preselected.cfg
  E relax pot.mtp candidates.cfg --relaxed relaxed.cfg --unrelaxed unrelaxed.cfg --preselected preselected.cfg \
    --state state.als --select $SELECT --break $BREAK --json > relax_$iter.json 2> relax_$iter.log
  breaks=$(node -e 'const r=JSON.parse(require("fs").readFileSync(0,"utf8"));console.log(r.outcomes.relaxation_EXTRAPOLATION_BREAK??0)' < relax_$iter.json)
  n_pre=$(count preselected.cfg)
  printf '%d\t%d\t%d\t%d\t%d\t%d\t%s\t%.1f\n' $iter "$n_sel" "$(count train.cfg)" "$(field converged < relax_$iter.json)" \
    "$breaks" "$n_pre" "$(field max_grade < relax_$iter.json)" "$(awk -v a="$t" -v b="$(now)" 'BEGIN{print b-a}')" >> iterations.tsv
  tail -n 1 iterations.tsv
  if [ "$breaks" -eq 0 ]; then break; fi
  if [ $iter -ge "$MAX_ITER" ]; then echo "no convergence after $MAX_ITER iterations" >&2; exit 1; fi
  E select-add pot.mtp train.cfg preselected.cfg selected.cfg > /dev/null 2>&1
done
AL_SECONDS=$(awk -v a="$T0" -v b="$(now)" 'BEGIN{print b-a}')

# 4. Reference: the same candidates relaxed with the EAM itself; also the EAM on the MTP-relaxed
#    structures and the EAM relaxed again from them (same basin); then formation energies and hulls.
E relax candidates.cfg --eam-elements $ELEMENTS --relaxed eam_relaxed.cfg --unrelaxed eam_unrelaxed.cfg --json > eam_relax.json 2> eam_relax.log
E reference eam --elements $ELEMENTS relaxed.cfg eam_on_mtp.cfg > /dev/null 2>&1
E relax relaxed.cfg --eam-elements $ELEMENTS --relaxed eam_from_mtp.cfg > /dev/null 2>&1
node "$REPO/node_modules/tsx/dist/cli.mjs" "$HERE/hull-compare.ts" --elements $ELEMENTS --model relaxed.cfg \
  --reference eam_relaxed.cfg --same eam_on_mtp.cfg --basin eam_from_mtp.cfg --json hull.json > /dev/null
TOTAL_SECONDS=$(awk -v a="$T0" -v b="$(now)" 'BEGIN{print b-a}')
node -e '
const fs = require("fs"), h = JSON.parse(fs.readFileSync("hull.json", "utf8"));
const eam = JSON.parse(fs.readFileSync("eam_relax.json", "utf8"));
const [al, total, iters, train, threads] = process.argv.slice(1);
const s = { iterations: +iters, training_set: +train, active_learning_seconds: +al, total_seconds: +total,
  threads: +threads, eam_relaxed: eam.converged, ...h };
fs.writeFileSync("summary.json", JSON.stringify(s, null, 2) + "\n");
console.log(JSON.stringify(s, null, 2));
' "$AL_SECONDS" "$TOTAL_SECONDS" "$iter" "$(count train.cfg)" "$THREADS"
