#!/usr/bin/env bash
# ccgtext and VADER side by side on the four ICWSM-2014 human-rated sets (Pearson r) and TweetEval
# sentiment (macro-recall), in one run: installs vaderSentiment from PyPI into .venv-sentiment, builds
# ccgtext in release mode, scores both with `ccgtext eval sentiment` and times both on one thread, in REPEATS
# paired rounds (scripts/compare_sentiment.py). TweetEval is scored twice: ccgtext's default labels (the
# label model fit on its validation split and the comment set, lexicons/sentiment/labels-comments.en.json),
# and the thresholds alone (only these when the split scored is val, which the model was fit on).
# Usage: scripts/compare-sentiment.sh [BENCHMARKS_DIR] [REPEATS] [TWEETEVAL_SPLIT] [ICWSM_SUBSET]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks="${1:-../shared/benchmarks}"
repeats="${2:-3}"
split="${3:-test}"
subset="${4:-all}"
icwsm="$benchmarks/vader_icwsm2014"
tweeteval="$benchmarks/tweeteval/sentiment"
if [ ! -f "$icwsm/tweets_GroundTruth.txt" ] || [ ! -f "$tweeteval/${split}_text.txt" ]; then
  echo "compare-sentiment: expected $icwsm/*_GroundTruth.txt and $tweeteval/${split}_text.txt; pass the benchmarks folder" >&2
  exit 2
fi
venv=.venv-sentiment
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# 3.3.2 is the version whose figures the issue quotes (and the source of lexicons/sentiment/vader_lexicon.txt).
"$venv/bin/pip" install -q --disable-pip-version-check "vaderSentiment==3.3.2"
swift build -c release >/dev/null
# The label model was fit on the validation split: scored there it would be measured on its own training data.
labels=(--row-labels default --row-labels none)
[ "$split" = val ] && labels=(--row-labels none)
"$venv/bin/python" scripts/compare_sentiment.py --icwsm "$icwsm" --tweeteval "$tweeteval" --split "$split" \
  --ccgtext .build/release/ccgtext --repeat "$repeats" --subset "$subset" "${labels[@]}"
