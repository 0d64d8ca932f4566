#!/usr/bin/env bash
# What an external plugin costs: `ccgtext analyze corpora/` (release build) with and without the example
# plugin (corpora/plugins/readability), alternating, RUNS times each; prints each run and the medians.
# Usage: bash scripts/plugin-overhead.sh [RUNS=11] [JOBS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-11}"
jobs="${2:-2}"
swift build -c release >/dev/null
binary=.build/release/ccgtext
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
python3 - "$binary" "$runs" "$jobs" "$out" <<'PY'
import statistics, subprocess, sys, time
binary, runs, jobs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def once(extra):
    start = time.perf_counter()
    subprocess.run([binary, "analyze", "corpora/", "-o", out + "/r.json", "-q", "--jobs", jobs, "--plugin", "corpora/plugins/readability.plugin.json"] + extra, check=True)
    return time.perf_counter() - start
once([]); once(["--without", "readability"])  # warm the page cache and Python's bytecode cache
with_plugin, without_plugin = [], []
for run in range(runs):
    without_plugin.append(once(["--without", "readability"]))
    with_plugin.append(once([]))
    print(f"run {run + 1:2d}: without {without_plugin[-1] * 1000:7.1f} ms   with {with_plugin[-1] * 1000:7.1f} ms")
a, b = statistics.median(without_plugin), statistics.median(with_plugin)
print(f"median of {runs}, --jobs {jobs}: without the plugin {a * 1000:.1f} ms, with it {b * 1000:.1f} ms: +{(b / a - 1) * 100:.1f}%")
PY
