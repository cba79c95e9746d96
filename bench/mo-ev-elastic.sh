#!/bin/sh
# The MLIP paper's example 1 (bcc Mo, ensemble of level-16 MTPs): lattice constant from the E–V
# curve and C11, C12, C44 by ±2 % and ±1 % strain, each with the ensemble's 95 % interval; the
# published mlearn MTP (Zuo et al. 2020) and the project's DFT point for comparison. Results go to
# bench/RESULTS.md "E–V and elastic constants". Usage (from the repository root):
#   bench/mo-ev-elastic.sh DIR [GLOB]   the ensemble is DIR/GLOB (default e16_s*.mtp); a DIR/l20.mtp
#                                       is run on its own as well
set -e
DIR=${1:?give the folder with the ensemble members (.mtp)}
GLOB=${2:-e16_s*.mtp}
MLEARN=../shared/data/mlearn/Mo
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
MTP=""
for f in "$DIR"/$GLOB; do MTP="$MTP --mtp $f"; done
BCC="--lattice bcc --element Mo --a 3.16"
node bin/mtp-studio.mjs ev $BCC $MTP --range 0.05 --points 11
node bin/mtp-studio.mjs elastic $BCC $MTP --delta 0.02
node bin/mtp-studio.mjs elastic $BCC $MTP --delta 0.01
if [ -f "$DIR/l20.mtp" ]; then
  echo "--- $DIR/l20.mtp"
  node bin/mtp-studio.mjs ev $BCC --mtp "$DIR/l20.mtp" --range 0.05 --points 11
  node bin/mtp-studio.mjs elastic $BCC --mtp "$DIR/l20.mtp" --delta 0.02
fi
echo "--- published mlearn MTP (Zuo et al. 2020)"
node bin/mtp-studio.mjs ev $BCC --mtp $MLEARN/mtp.2020.01/fitted.mtp --range 0.05 --points 11
node bin/mtp-studio.mjs elastic $BCC --mtp $MLEARN/mtp.2020.01/fitted.mtp --delta 0.02
echo "--- DFT E–V points of the mlearn data (a perfect bcc cell with zero forces)"
node bin/mtp-studio.mjs project create "$TMP/mo" > /dev/null
node bin/mtp-studio.mjs import --project "$TMP/mo.mtpstudio" $MLEARN/training.json $MLEARN/test.json > /dev/null 2>&1
node bin/mtp-studio.mjs ev --project "$TMP/mo.mtpstudio" $BCC --eam Mo --range 0.05 --points 5 --json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const p of JSON.parse(s).dft)console.log(`${p.label}: ${p.volume.toFixed(4)} Å³/atom → a = ${Math.cbrt(2*p.volume).toFixed(5)} Å, ${p.energy.toFixed(6)} eV/atom`)})'
