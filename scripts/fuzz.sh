#!/usr/bin/env bash
# Fuzzes ccgtext's readers of untrusted bytes with libFuzzer and AddressSanitizer (docs/fuzzing.md).
#   bash scripts/fuzz.sh TARGET|all [SECONDS]     e.g. bash scripts/fuzz.sh html 600
# Targets: html text jsonl csv tokenizer analysers merge dic lexicon. Builds .build-fuzz/release/ccgtext-fuzz,
# seeds .fuzz-corpus/TARGET (kept between runs, so coverage grows) from Tests/Fuzz/TARGET and the sample corpus
# and lexicons, runs for SECONDS (default 600) and prints one line of figures per target. A crash, leak or hang
# is saved in .fuzz-artifacts/TARGET/; copy it into Tests/Fuzz/TARGET/ with the fix, and the tests replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
targets="${1:?usage: bash scripts/fuzz.sh TARGET|all [SECONDS]}"
seconds="${2:-600}"
[ "$targets" = all ] && targets="html text jsonl csv tokenizer analysers merge dic lexicon"
swift build -c release --product ccgtext-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld \
  --scratch-path .build-fuzz >/dev/null
fuzzer=.build-fuzz/release/ccgtext-fuzz
for target in $targets; do
  corpus=".fuzz-corpus/$target"
  artifacts=".fuzz-artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  seeds=("Tests/Fuzz/$target")
  case "$target" in
    html) seeds+=(corpora/ccg/*.html) ;;
    text | tokenizer) seeds+=(corpora/ccg/*.txt) ;;
    dic) seeds+=(lexicons/dictionaries/*.dic) ;;
    lexicon) seeds+=(lexicons/hedges/en.tsv lexicons/sentiment/rules.en.json lexicons/ingest/comment-fields.json) ;;
  esac
  for seed in "${seeds[@]}"; do
    if [ -d "$seed" ]; then cp -n "$seed"/* "$corpus"/ 2>/dev/null || true; else cp -n "$seed" "$corpus"/ 2>/dev/null || true; fi
  done
  log="$artifacts/last-run.log"
  status=0
  LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0" \
    CCGFUZZ_TARGET="$target" "$fuzzer" "$corpus" -max_total_time="$seconds" -print_final_stats=1 -timeout=20 -rss_limit_mb=4096 \
    -max_len=65536 -artifact_prefix="$artifacts/" -close_fd_mask=3 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
  cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1)
  crashes=$(find "$artifacts" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  echo "$target: ${seconds}s, ${runs:-?} executions, ${cov:-cov ?}, corpus $(ls "$corpus" | wc -l) inputs, exit $status, artifacts $crashes (log $log)"
done
