#!/usr/bin/env bash
# What the report's other forms cost (docs/outputs.md): `ccgtext analyze` of one corpus with the JSON report
# only, then with --html --csv --sqlite --jsonl as well, alternating, RUNS times each (release build, --jobs 1);
# prints each run and the medians, and the outputs' sizes.
#   bash scripts/benchmark-outputs.sh [CORPUS] [RUNS]     default: the 181 article-extraction benchmark pages, 5
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/benchmarks/article-extraction-benchmark/html}"
runs="${2:-5}"
[ -e "$corpus" ] || { echo "benchmark-outputs: no corpus at $corpus" >&2; exit 2; }
swift build -c release --product ccgtext >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$corpus" "$runs" "$work" <<'PY'
import os, statistics, subprocess, sys, time
corpus, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
base = [".build/release/ccgtext", "analyze", corpus, "-o", f"{work}/report.json", "--jobs", "1", "--quiet"]
extra = ["--html", f"{work}/report.html", "--csv", f"{work}/csv", "--sqlite", f"{work}/report.sqlite", "--jsonl", f"{work}/units.jsonl"]
times = {"report only": [], "report + html, csv, sqlite, jsonl": []}
for run in range(runs):
    for name, arguments in (("report only", base), ("report + html, csv, sqlite, jsonl", base + extra)):
        started = time.perf_counter()
        subprocess.run(arguments, check=True)
        times[name].append(time.perf_counter() - started)
        print(f"run {run + 1}: {name}: {times[name][-1]:.3f} s", flush=True)
medians = {name: statistics.median(values) for name, values in times.items()}
for name, value in medians.items():
    print(f"median {name}: {value:.3f} s")
first, second = medians.values()
print(f"outputs add {second - first:.3f} s ({100 * (second - first) / first:.1f}%)")
sizes = {"report.json": os.path.getsize(f"{work}/report.json")}
for name in ("report.html", "report.sqlite", "units.jsonl"):
    sizes[name] = os.path.getsize(f"{work}/{name}")
sizes["csv/"] = sum(os.path.getsize(f"{work}/csv/{f}") for f in os.listdir(f"{work}/csv"))
print("sizes: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items()))
PY
