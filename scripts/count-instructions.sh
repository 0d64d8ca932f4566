#!/usr/bin/env bash
# Instructions per round of `ccgtext eval sentiment` on a gold file, counted by valgrind's callgrind: unlike
# seconds, the count repeats exactly on a shared, noisy machine, so it shows whether a change made scoring
# cheaper. Counts only the timed loop (tokenizing and scoring every text), as the difference between 3 rounds
# and 1 so that start-up (reading lexicons) drops out.
# Usage: scripts/count-instructions.sh GOLD_FILE [FIRST_N_LINES] [CCGTEXT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
gold="${1:?usage: scripts/count-instructions.sh GOLD_FILE [FIRST_N_LINES] [CCGTEXT_BINARY]}"
lines="${2:-2000}"
binary="${3:-.build/release/ccgtext}"
command -v valgrind >/dev/null || { echo "count-instructions: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
[ "$binary" != .build/release/ccgtext ] || swift build -c release >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 debug info Swift emits: count on a copy without it.
cp "$binary" "$work/ccgtext" && strip --strip-debug "$work/ccgtext"
base="$(basename "$gold")"
head -n "$lines" "$gold" > "$work/$base"
# A TweetEval text file needs its labels and mapping beside it.
if [[ "$base" == *_text.txt ]]; then
  labels="${base%_text.txt}_labels.txt"
  head -n "$lines" "$(dirname "$gold")/$labels" > "$work/$labels"
  cp "$(dirname "$gold")/mapping.txt" "$work/"
fi
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/ccgtext" eval sentiment --gold "$work/$base" \
    --repeat "$1" --lexicons lexicons 2>&1 >/dev/null | sed -n 's/.*Collected : //p'
}
one="$(count 1)"
three="$(count 3)"
texts="$(wc -l < "$work/$base")"
echo "$base, first $texts lines: $(( (three - one) / 2 )) instructions per round, $(( (three - one) / 2 / texts )) per text"
