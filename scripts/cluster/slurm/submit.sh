#!/usr/bin/env bash
# Submits the shards as one Slurm job array and the merge as a job that starts when all of them succeed.
#   bash scripts/cluster/slurm/submit.sh SHARDS CORPUS OUT [CACHE]
# CORPUS and OUT must be on a filesystem every node sees; CACHE (optional) too.
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: $0 SHARDS CORPUS OUT [CACHE]" >&2
  exit 2
fi
shards=$1 corpus=$2 out=$3 cache=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
array=$(sbatch --parsable --array="0-$((shards - 1))" \
  --export=ALL,CORPUS="$corpus",OUT="$out",CACHE="$cache" "$here/analyze-shards.sbatch")
merge=$(sbatch --parsable --dependency="afterok:${array}" \
  --export=ALL,OUT="$out",SHARDS="$shards" "$here/merge.sbatch")
echo "shards: job array $array; merge: job $merge; report: $out/report.json"
