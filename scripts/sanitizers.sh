#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer (docs/fuzzing.md), each in its own build folder.
#   bash scripts/sanitizers.sh [address|thread|all] [--ci]    (default all, every test)
# --ci leaves out the suites that CI cannot afford under a sanitizer (below); CI runs `all --ci`, and this
# script without --ci runs everything. Prints each run's closing line; exits non-zero when any run fails.
set -uo pipefail
cd "$(dirname "$0")/.."
which="${1:-all}"
[ "$which" = all ] && which="address thread"
skip=()
if [ "${2:-}" = --ci ]; then
  # Each of these drives the ccgtext binary (itself sanitized) through dozens of whole runs or waits on
  # wall-clock limits (signals, plugin answer times, 120-file runs): minutes each under a sanitizer and
  # the most timing-dependent tests there are. They pass under both sanitizers here (docs/fuzzing.md).
  # LinearTimeInputTests and PluginsCannotBreakTheRunTests (a flood of blank lines) hold inputs to a time
  # limit, which a sanitizer's slowdown would test instead of the input (ThreadSanitizer took 48 s for the
  # flood); the code they drive runs under the sanitizers in the other suites and the fuzzers.
  skip=(--skip 'InterruptedRunTests|ExternalPluginTests|PluginsCannotBreakTheRunTests|OutputsTests|ClusterScriptsTests|LinearTimeInputTests')
fi
status=0
for sanitizer in $which; do
  log=".build-$sanitizer.log"
  started=$(date +%s)
  # One-time allocations inside Foundation that LeakSanitizer cannot see held (scripts/lsan.supp).
  LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0" \
  TSAN_OPTIONS="halt_on_error=1" \
    swift test --sanitize="$sanitizer" --scratch-path ".build-$sanitizer" "${skip[@]}" >"$log" 2>&1
  result=$?
  [ $result -ne 0 ] && status=1
  echo "$sanitizer: exit $result in $(( $(date +%s) - started )) s; $(grep -E 'Test run with [0-9]+ tests' "$log" | tail -1 | sed 's/^[^A-Za-z]*//') (log $log)"
  if [ $result -ne 0 ]; then
    grep -E '✘|ERROR: (Address|Thread|Leak)Sanitizer|WARNING: ThreadSanitizer|error:' "$log" | head -40
  fi
done
exit $status
