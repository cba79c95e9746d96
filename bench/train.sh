#!/bin/sh
# Time per training loss+gradient evaluation (and with the Gauss-Newton matrix, as used by the
# Levenberg-Marquardt trainer) at levels 10, 16, 20 on the Mo training set (mlearn, 194 cfgs,
# 10,087 atoms), with 1 and 2 threads. Results go to bench/RESULTS.md section "Training".
# Usage: bench/train.sh [path/to/mtp-engine]   (run from the repository root)
set -e
ENGINE=${1:-native/build/mtp-engine}
DATA=../shared/data/mlearn/Mo/cfg/train.cfg
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
for level in 10 16 20; do
  "$ENGINE" new-potential --level $level --min-dist 1.9 --max-dist 5.2 "$TMP/u$level.mtp" > /dev/null
  for threads in 1 2; do
    printf 'level %s, ' "$level"
    "$ENGINE" bench-train "$TMP/u$level.mtp" "$DATA" --threads $threads --repeat 2
  done
done
