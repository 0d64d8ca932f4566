#!/usr/bin/env bash
# A large run's cost (docs/performance.md, "A large corpus"): release build, then scripts/benchmark_scale.py.
#   bash scripts/benchmark-scale.sh report 1000             the 1 GB mixed corpus: analyze, summary, explain, export, merge
#   bash scripts/benchmark-scale.sh documents 10000 100000  peak memory of analyze at N small documents
#   bash scripts/benchmark-scale.sh inputs                  peak memory of the worst single inputs (docs/limits.md)
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bash scripts/benchmark-scale.sh report SIZE_MB | documents N [N ...] | inputs" >&2; exit 2; }
swift build -c release --product ccgtext >/dev/null
exec python3 scripts/benchmark_scale.py "$@"
