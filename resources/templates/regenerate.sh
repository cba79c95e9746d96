#!/bin/sh
# Regenerates the untrained MTP templates NN.mtp (levels 2..28) with the engine's own basis
# enumeration, using MLIP's template settings: 1 species, min_dist 2 Å, max_dist 5 Å, radial basis
# size 8 (edit species_count and the distances for your system, or use `mtp-engine new-potential`).
# The native test basis.enumerate_templates checks that these files equal what the engine generates.
# usage: resources/templates/regenerate.sh [path/to/mtp-engine]   (default: native/build/mtp-engine)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
engine=${1:-"$here/../../native/build/mtp-engine"}
for level in 2 4 6 8 10 12 14 16 18 20 22 24 26 28; do
  name=$(printf '%02d' "$level")
  "$engine" new-potential --level "$level" --species 1 --min-dist 2 --max-dist 5 --radial-basis-size 8 \
    "$here/$name.mtp" > /dev/null
done
echo "regenerated $(ls "$here"/*.mtp | wc -l) templates in $here"
