#!/usr/bin/env bash
# The learnt block classifier against the hand rules, each source scored by a model fitted without it.
# For every extraction source in BENCHMARKS_DIR: fits `ccgtext train block-classifier` on the other four,
# scores the held-out source with it at each threshold, and with the hand rules alone (--block-classifier
# none), article F1 / precision / recall as `ccgtext eval extraction` reports them. About 3 minutes.
# Usage: scripts/block-classifier-held-out.sh [BENCHMARKS_DIR] [TRAIN OPTIONS…]   e.g. --word-weighted
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks="${1:-../shared/benchmarks}"
shift || true
if [ ! -d "$benchmarks/dragnet" ]; then
  echo "block-classifier-held-out: no extraction benchmarks at $benchmarks (looked for dragnet/)" >&2
  exit 2
fi
swift build -c release >/dev/null
ccgtext=.build/release/ccgtext
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sources="article-extraction-benchmark dragnet l3s_gn1 readability_testpages cleaneval"
score() { # source classifier label
  local gold="$benchmarks/$1/gold.jsonl" extra=()
  [ "$1" = article-extraction-benchmark ] && gold="$benchmarks/$1/ground-truth.json"
  [ "$1" = cleaneval ] && extra=(--whole-page)
  "$ccgtext" eval extraction --gold "$gold" --html "$benchmarks/$1/html" --repeat 1 --block-classifier "$2" "${extra[@]}" --json |
    jq -r --arg s "$1" --arg l "$3" '"| \($s) | \($l) | \(.f1) | \(.precision) | \(.recall) |"'
}
echo "| held-out source | extraction | article F1 | P | R |"
echo "|---|---|---|---|---|"
for held in $sources; do
  args=()
  for other in $sources; do
    [ "$other" = "$held" ] && continue
    if [ "$other" = cleaneval ]; then args+=(--whole-page-source "$benchmarks/$other"); else args+=(--source "$benchmarks/$other"); fi
  done
  "$ccgtext" train block-classifier "${args[@]}" "$@" -o "$work/without-$held.json" >/dev/null
  score "$held" none "hand rules"
  for threshold in 0.4 0.5 0.6; do
    jq ".threshold = $threshold" "$work/without-$held.json" >"$work/without-$held-$threshold.json"
    score "$held" "$work/without-$held-$threshold.json" "classifier fitted without it, threshold $threshold"
  done
done
