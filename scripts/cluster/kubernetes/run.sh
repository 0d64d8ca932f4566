#!/usr/bin/env bash
# Runs the Indexed Job of shards, waits for every index to complete, then runs the merge job.
#   bash scripts/cluster/kubernetes/run.sh [TIMEOUT]     (TIMEOUT for kubectl wait, default 6h)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
timeout=${1:-6h}
completions=$(sed -n 's/^  completions: *\([0-9]*\)$/\1/p' "$here/ccgtext-shards.yaml")
if ! grep -q -- "--shard \"\${JOB_COMPLETION_INDEX}/${completions}\"" "$here/ccgtext-shards.yaml"; then
  echo "ccgtext-shards.yaml: completions ($completions) and the N of --shard K/N differ" >&2
  exit 2
fi
kubectl delete job ccgtext-shards ccgtext-merge --ignore-not-found
kubectl apply -f "$here/ccgtext-shards.yaml"
kubectl wait --for=condition=complete --timeout="$timeout" job/ccgtext-shards
kubectl apply -f "$here/ccgtext-merge.yaml"
kubectl wait --for=condition=complete --timeout=1h job/ccgtext-merge
kubectl logs job/ccgtext-merge
