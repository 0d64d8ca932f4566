#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer (docs/fuzzing.md), each in its own build folder.
#   bash scripts/sanitizers.sh [address|thread|all]    (default all)
# Prints each run's closing line; exits non-zero when any run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
[ "$which" = all ] && which="address thread"
status=0
for sanitizer in $which; do
  log=".build-$sanitizer.log"
  started=$(date +%s)
  # One-time allocations inside Foundation that LeakSanitizer cannot see held (scripts/lsan.supp).
  LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0" \
  TSAN_OPTIONS="halt_on_error=1" \
    swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" >"$log" 2>&1
  result=$?
  [ $result -ne 0 ] && status=1
  echo "$sanitizer: exit $result in $(( $(date +%s) - started )) s; $(grep -E 'Test run with [0-9]+ tests' "$log" | tail -1 | sed 's/^[^A-Za-z]*//') (log $log)"
done
exit $status
