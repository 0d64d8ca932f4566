#!/usr/bin/env bash
# Stance on data held out by source or motion, the learnt model and the rules side by side in one run
# (docs/stance.md, "Held out"). Each source is scored by a model that never saw what is scored: the shipped
# model for IBM ArgQ dev, PERSPECTRUM test, P-Stance, VAST and the sample debate (none of them trained on); a
# model refitted without the source for IBM Claim Stance, Procon20 (also without PERSPECTRUM's claims from
# procon.org) and TweetEval; five models for IBM Claim Stance cross-validated by motion (each trained on
# everything but one fold's motions). P-Stance, VAST, the Reddit and RumourEval sets allow evaluation only and
# are never trained on. The rules are the analyser with --motion-model none.
# Usage: scripts/stance-held-out.sh [BENCHMARKS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
b="${1:-../shared/benchmarks}"
[ -d "$b/ibm_argq_30k" ] || { echo "stance-held-out: $b/ibm_argq_30k is missing; pass the benchmarks folder" >&2; exit 2; }
swift build -c release >/dev/null
c=.build/release/ccgtext
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
valid=(--validation "$b/ibm_argq_30k@dev" --validation "$b/perspectrum@dev" --costs 0.3)
train() {  # name, then the --data arguments
  local name="$1"; shift
  "$c" train motion-stance "$@" "${valid[@]}" -o "$tmp/$name.json" >/dev/null
}
train no-claim --data "$b/ibm_argq_30k" --data "$b/perspectrum" --data "$b/procon20" --data "$b/tweeteval/stance"
train no-procon --data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --leave-out procon/ --data "$b/tweeteval/stance"
train no-tweeteval --data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --data "$b/procon20"
all=(--data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --data "$b/procon20" --data "$b/tweeteval/stance")
for i in 1 2 3 4 5; do
  train "claim-fold$i" "${all[@]}" --leave-out-fold "$i/5" --fold-by motion
done
"$c" analyze corpora/ccg -o "$tmp/learnt.json" >/dev/null 2>&1
"$c" analyze corpora/ccg -o "$tmp/rules.json" --set stance.motion-model=none >/dev/null 2>&1
row() {  # label, model for the learnt column, eval arguments
  local label="$1" model="$2"; shift 2
  local learnt rules
  if [ "$model" = shipped ]; then learnt="$("$c" eval stance "$@" --json)"; else learnt="$("$c" eval stance "$@" --motion-model "$model" --json)"; fi
  rules="$("$c" eval stance "$@" --motion-model none --json)"
  printf '| %s | %s | %s | %s |\n' "$label" \
    "$(jq -r '"\(.accuracy*1000|round/1000) / \(.macroF1*1000|round/1000) / \(.fAverage*1000|round/1000)"' <<<"$learnt")" \
    "$(jq -r '"\(.accuracy*1000|round/1000) / \(.macroF1*1000|round/1000) / \(.fAverage*1000|round/1000)"' <<<"$rules")" "${model/#$tmp\//}"
}
pooled() {  # the scores files of a cross-validation: accuracy / macro-F1 / F-avg over all folds
  awk -F'\t' 'FNR > 1 { n++; if ($3 == $4) right++; gold[$3]++; said[$4]++; if ($3 == $4) hit[$3]++ }
    END {
      for (l in gold) { p = said[l] ? hit[l] / said[l] : 0; r = hit[l] / gold[l]; f[l] = p + r ? 2 * p * r / (p + r) : 0; m += f[l]; k++ }
      printf "%.3f / %.3f / %.3f", right / n, m / k, (f["favor"] + f["against"]) / 2 }' "$@"
}
cv() {  # label, fold model prefix, fold key, eval arguments
  local label="$1" prefix="$2" key="$3"; shift 3
  for i in 1 2 3 4 5; do
    "$c" eval stance "$@" --fold "$i/5" --fold-by "$key" --motion-model "$tmp/$prefix-fold$i.json" --write-scores "$tmp/$prefix-learnt$i.tsv" >/dev/null
    "$c" eval stance "$@" --fold "$i/5" --fold-by "$key" --motion-model none --write-scores "$tmp/$prefix-rules$i.tsv" >/dev/null
  done
  printf '| %s | %s | %s | %s |\n' "$label" "$(pooled "$tmp/$prefix"-learnt?.tsv)" "$(pooled "$tmp/$prefix"-rules?.tsv)" "$prefix-fold1…5.json"
}
echo "| data (held out how) | learnt: accuracy / macro-F1 / F-avg | rules: accuracy / macro-F1 / F-avg | learnt model |"
echo "|---|---|---|---|"
row "IBM ArgQ dev (7 unseen motions)" shipped --gold "$b/ibm_argq_30k" --split dev
row "IBM Claim Stance train (source left out)" "$tmp/no-claim.json" --gold "$b/ibm_claim_stance" --split train
cv "IBM Claim Stance train (5 folds by motion)" claim motion --gold "$b/ibm_claim_stance" --split train
row "Procon20 test (source left out)" "$tmp/no-procon.json" --gold "$b/procon20"
row "Procon20 test (questions seen in its train split, texts not)" shipped --gold "$b/procon20"
row "PERSPECTRUM test (unseen claims)" shipped --gold "$b/perspectrum"
row "P-Stance val (never trained on)" shipped --gold "$b/pstance" --split val
row "VAST dev zero-shot (never trained on)" shipped --gold "$b/vast" --split dev --setting zero-shot
row "VAST dev few-shot (never trained on)" shipped --gold "$b/vast" --split dev --setting few-shot
row "TweetEval test (source left out)" "$tmp/no-tweeteval.json" --gold "$b/tweeteval/stance"
printf '| sample debate, 24 units in context | %s | %s | shipped |\n' \
  "$("$c" eval stance --gold Tests/Data/sample-debate-stance.tsv --report "$tmp/learnt.json" --json | jq -r '.accuracy*24|round|tostring + " of 24"')" \
  "$("$c" eval stance --gold Tests/Data/sample-debate-stance.tsv --report "$tmp/rules.json" --json | jq -r '.accuracy*24|round|tostring + " of 24"')"
