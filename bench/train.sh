#!/bin/sh
# Time per training loss+gradient evaluation at levels 10, 16, 20 on the Mo training set (mlearn,
# 194 cfgs, 10,087 atoms), with 1 and 2 threads: the gradient by the adjoint pass (what L-BFGS
# uses), the same gradient formed from the full Jacobian (for comparison), and the pass with the
# Gauss-Newton matrix (what Levenberg-Marquardt uses). Results go to bench/RESULTS.md "Training".
# Usage: bench/train.sh [path/to/mtp-engine] [repeats]   (run from the repository root; run it on
# a quiet machine and without `nice`, and note the load average: `uptime` is printed first)
set -e
ENGINE=${1:-native/build/mtp-engine}
REPEAT=${2:-2}
DATA=../shared/data/mlearn/Mo/cfg/train.cfg
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
uptime
for level in 10 16 20; do
  "$ENGINE" new-potential --level $level --min-dist 1.9 --max-dist 5.2 "$TMP/u$level.mtp" > /dev/null
  for threads in 1 2; do
    printf 'level %s, ' "$level"
    "$ENGINE" bench-train "$TMP/u$level.mtp" "$DATA" --threads $threads --repeat "$REPEAT" --jacobian-gradient 2> /dev/null
  done
done
uptime
