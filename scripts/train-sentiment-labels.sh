#!/usr/bin/env bash
# Refits the default sentiment label model, lexicons/sentiment/labels-comments.en.json, from TweetEval's
# validation split and the comment sentiment set (Plugins/Sentiment/CommentSet; texts read from the benchmark
# folder), then scores each source of the comment set with a model fit without that source, and TweetEval's
# test split with the shipped model (docs/sentiment.md). About a minute after the build.
# Usage: scripts/train-sentiment-labels.sh [BENCHMARKS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:-../shared/benchmarks}"
[ -d "$bench/tweeteval/sentiment" ] || { echo "train-sentiment-labels: no TweetEval sentiment at $bench/tweeteval/sentiment" >&2; exit 2; }
swift build -c release >/dev/null
bin=.build/release/ccgtext
set_=Plugins/Sentiment/CommentSet/labels.tsv
licence="TweetEval sentiment (SemEval-2017 Task 4A, Rosenthal et al. 2017; Twitter's terms apply to the tweets) and the comment sentiment set's labels (this repository; its texts, from IAC 4forums, SubReddit agreement, Dragnet and L3S-GN1, are not in the file)"
"$bin" train sentiment-labels --gold "$bench/tweeteval/sentiment/val_text.txt" --gold "$set_" --benchmarks "$bench" \
  --licence "$licence" -o lexicons/sentiment/labels-comments.en.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo
echo "| comment set, by source held out | items | accuracy | macro-F1 | macro-recall | thresholds: accuracy / macro-F1 |"
echo "|---|---|---|---|---|---|"
for source in dragnet iac l3s reddit all; do
  if [ "$source" = all ]; then
    # Pooled: each item labelled by the model fit without its source.
    cat "$tmp"/pred-*.tsv > "$tmp/pooled.tsv"
    python3 - "$tmp/pooled.tsv" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if not l.startswith("id\t")]
C = ["negative", "neutral", "positive"]
acc = sum(r[1] == r[3] for r in rows) / len(rows)
f1s, recalls = [], []
for c in C:
    tp = sum(r[1] == c and r[3] == c for r in rows); p = sum(r[3] == c for r in rows); g = sum(r[1] == c for r in rows)
    pr = tp / p if p else 0; rc = tp / g if g else 0
    f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0); recalls.append(rc)
print("| pooled (each by the model without its source) | %d | %.3f | %.3f | %.3f | |" % (len(rows), acc, sum(f1s) / 3, sum(recalls) / 3))
PY
    continue
  fi
  "$bin" train sentiment-labels --gold "$bench/tweeteval/sentiment/val_text.txt" --gold "$set_" --benchmarks "$bench" \
    --leave-out-source "$source" --licence "$licence" -o "$tmp/without-$source.json" >/dev/null
  "$bin" eval sentiment --gold "$set_" --benchmarks "$bench" --source "$source" --labels "$tmp/without-$source.json" \
    --repeat 1 --write-scores "$tmp/pred-$source.tsv" --json > "$tmp/$source.json"
  "$bin" eval sentiment --gold "$set_" --benchmarks "$bench" --source "$source" --labels none --repeat 1 --json > "$tmp/$source-thresholds.json"
  jq -r --arg s "$source" --slurpfile t "$tmp/$source-thresholds.json" \
    '"| \($s) | \(.items) | \(.accuracy*1000|round/1000) | \(.macroF1*1000|round/1000) | \(.macroRecall*1000|round/1000) | \($t[0].accuracy*1000|round/1000) / \($t[0].macroF1*1000|round/1000) |"' "$tmp/$source.json"
done
echo
echo "TweetEval test, shipped model:"
"$bin" eval sentiment --gold "$bench/tweeteval/sentiment/test_text.txt" --repeat 1 | sed -n 1,4p
