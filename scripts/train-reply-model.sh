#!/usr/bin/env bash
# Refits lexicons/stance/reply-relation.en.json, how the stance analyser reads a reply that neither says it
# agrees nor that it disagrees with the comment it answers (docs/stance.md, "Replies"), from IAC 4forums'
# same-side and other-side replies (train discussions). C is chosen on two other sites the model never sees:
# Reddit quote-response pairs (subreddit_agreement) and RumourEval 2017 replies, whose licences allow
# evaluation only, so they are never trained on. N-grams said on fewer than 6 of IAC's 8 topics are left out.
# Usage: scripts/train-reply-model.sh [BENCHMARKS_DIR] [OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/.."
b="${1:-../shared/benchmarks}"
out="${2:-lexicons/stance/reply-relation.en.json}"
for d in iac_4forums subreddit_agreement rumoureval2017; do
  [ -e "$b/$d" ] || { echo "train-reply-model: $b/$d is missing; pass the benchmarks folder" >&2; exit 2; }
done
swift build -c release >/dev/null
.build/release/ccgtext train reply-relation --data "$b/iac_4forums@train" \
  --validation "$b/subreddit_agreement" --validation "$b/rumoureval2017" \
  --minimum-groups 6 --costs 1 3 10 -o "$out"
