#!/usr/bin/env bash
# One row of a stance design comparison (docs/stance.md, "Sentences about the action"): for the build as it
# is, trains the motion-stance models a held-out check needs (everything; everything but Procon20 and
# PERSPECTRUM's procon.org claims; everything but TweetEval; five folds of IBM Claim Stance by motion; C 0.3 as
# scripts/train-stance-model.sh chooses) and prints the figures designs are chosen on: IBM ArgQ dev,
# PERSPECTRUM dev, VAST dev zero-shot and few-shot (macro-F1), Procon20 dev and TweetEval val with their
# source left out (macro-F1), and IBM Claim Stance pooled over the five folds. No test split is read.
# About a minute on two cores. Usage: scripts/stance-design-trial.sh [BENCHMARKS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
b="${1:-../shared/benchmarks}"
for d in ibm_argq_30k ibm_claim_stance perspectrum procon20 tweeteval/stance vast; do
  [ -e "$b/$d" ] || { echo "stance-design-trial: $b/$d is missing; pass the benchmarks folder" >&2; exit 2; }
done
swift build -c release >/dev/null
c=.build/release/ccgtext
t="$(mktemp -d)"
trap 'rm -rf "$t"' EXIT
valid=(--validation "$b/ibm_argq_30k@dev" --validation "$b/perspectrum@dev" --costs 0.3)
all=(--data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --data "$b/procon20" --data "$b/tweeteval/stance")
"$c" train motion-stance "${all[@]}" "${valid[@]}" -o "$t/all.json" >/dev/null
"$c" train motion-stance --data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --leave-out procon/ \
  --data "$b/tweeteval/stance" "${valid[@]}" -o "$t/no-procon.json" >/dev/null
"$c" train motion-stance --data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --data "$b/procon20" \
  "${valid[@]}" -o "$t/no-tweeteval.json" >/dev/null
for i in 1 2 3 4 5; do
  "$c" train motion-stance "${all[@]}" --leave-out-fold "$i/5" --fold-by motion "${valid[@]}" -o "$t/fold$i.json" >/dev/null
  "$c" eval stance --gold "$b/ibm_claim_stance" --split train --fold "$i/5" --fold-by motion --motion-model "$t/fold$i.json" \
    --write-scores "$t/claim$i.tsv" >/dev/null
done
acc() { "$c" eval stance "$@" --json | jq -r '.accuracy*1000|round/1000'; }
f1() { "$c" eval stance "$@" --json | jq -r '.macroF1*1000|round/1000'; }
echo "| IBM ArgQ dev | PERSPECTRUM dev | VAST dev zero / few | Procon20 dev | TweetEval val | IBM Claim Stance, 5 folds |"
echo "|---|---|---|---|---|---|"
printf '| %s | %s | %s / %s | %s | %s | %s |\n' \
  "$(acc --gold "$b/ibm_argq_30k" --split dev --motion-model "$t/all.json")" \
  "$(acc --gold "$b/perspectrum" --split dev --motion-model "$t/all.json")" \
  "$(f1 --gold "$b/vast" --split dev --setting zero-shot --motion-model "$t/all.json")" \
  "$(f1 --gold "$b/vast" --split dev --setting few-shot --motion-model "$t/all.json")" \
  "$(f1 --gold "$b/procon20" --split dev --motion-model "$t/no-procon.json")" \
  "$(f1 --gold "$b/tweeteval/stance" --split val --motion-model "$t/no-tweeteval.json")" \
  "$(awk -F'\t' 'FNR > 1 { n++; if ($3 == $4) right++ } END { printf "%.3f", right / n }' "$t"/claim?.tsv)"
