#!/usr/bin/env bash
# Throughput and memory of `ccgtext analyze` (docs/performance.md): builds ccgtext in release mode and, for
# each size asked, a corpus from the benchmark pages and the sample corpus (kept in .bench-corpora/), then
# prints documents/s, MB/s, per-stage time and peak RSS for --jobs 1 and --jobs 2.
#   bash scripts/benchmark.sh [SIZES_MB] [RUNS] [PAGES_DIR]      e.g. bash scripts/benchmark.sh "10 100" 3
# With SIZES_MB "pages" the 181 benchmark pages themselves are timed.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes="${1:-10}"
runs="${2:-3}"
pages="${3:-../shared/benchmarks/article-extraction-benchmark/html}"
[ -d "$pages" ] || { echo "benchmark: no pages at $pages (the article-extraction benchmark's html/); pass its folder" >&2; exit 2; }
swift build -c release >/dev/null
for size in $sizes; do
  if [ "$size" = pages ]; then
    corpus="$pages"
  else
    corpus=".bench-corpora/${size}MB"
    [ -d "$corpus" ] || python3 scripts/make_bench_corpus.py "$size" "$corpus" --pages "$pages"
  fi
  python3 scripts/benchmark.py "$corpus" --runs "$runs"
  echo
done
