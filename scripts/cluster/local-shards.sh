#!/usr/bin/env bash
# Runs `ccgtext analyze` as N shards on this machine, P at a time, then merges the parts: the same steps
# a Slurm array or a Kubernetes Indexed Job runs, with xargs as the scheduler (docs/cluster.md).
#   bash scripts/cluster/local-shards.sh N P OUT_DIR PATH... [-- ANALYZE_OPTIONS...]
# Writes OUT_DIR/part-K.json for K in 0..N-1 and OUT_DIR/report.json. $CCGTEXT names the binary
# (default: ccgtext on PATH, else .build/release/ccgtext).
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 SHARDS PARALLEL OUT_DIR PATH... [-- ANALYZE_OPTIONS...]" >&2
  exit 2
fi
shards=$1 parallel=$2 out=$3
shift 3
inputs=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do inputs+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
options=("$@")
ccgtext=${CCGTEXT:-$(command -v ccgtext || echo .build/release/ccgtext)}
mkdir -p "$out"
export ccgtext shards out
# Exit status 1 means "report written, some inputs had errors": the part is usable, so only >1 fails.
seq 0 $((shards - 1)) | xargs -P "$parallel" -I{} bash -c '
  status=0
  "$ccgtext" analyze "$@" --shard {}/"$shards" -o "$out/part-{}.json" --quiet || status=$?
  [ "$status" -le 1 ] || { echo "shard {} failed with exit status $status" >&2; exit 255; }
' _ "${inputs[@]}" "${options[@]}"
parts=()
for ((k = 0; k < shards; k++)); do parts+=("$out/part-$k.json"); done
status=0
"$ccgtext" merge "${parts[@]}" -o "$out/report.json" || status=$?
exit "$status"
