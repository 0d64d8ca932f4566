#!/usr/bin/env bash
# Refits lexicons/stance/motion-model.en.json, the stance model the analyser uses by default, from the
# labelled stance sets in ../shared/benchmarks (docs/stance.md, "The learnt model"): IBM ArgQ (train),
# IBM Claim Stance (train), PERSPECTRUM (train), Procon20 (train) and TweetEval stance (train); C chosen
# and confidence calibrated on IBM ArgQ dev and PERSPECTRUM dev, whose motions and claims are not in the
# training splits. VAST and P-Stance are never trained on: they stay unseen.
# Usage: scripts/train-stance-model.sh [BENCHMARKS_DIR] [OUTPUT]
set -euo pipefail
cd "$(dirname "$0")/.."
b="${1:-../shared/benchmarks}"
out="${2:-lexicons/stance/motion-model.en.json}"
for d in ibm_argq_30k ibm_claim_stance perspectrum procon20 tweeteval/stance; do
  [ -e "$b/$d" ] || { echo "train-stance-model: $b/$d is missing; pass the benchmarks folder" >&2; exit 2; }
done
swift build -c release >/dev/null
.build/release/ccgtext train motion-stance \
  --data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --data "$b/procon20" --data "$b/tweeteval/stance" \
  --validation "$b/ibm_argq_30k@dev" --validation "$b/perspectrum@dev" --costs 0.1 0.3 1 -o "$out"
