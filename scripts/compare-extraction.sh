#!/usr/bin/env bash
# ccgtext and trafilatura side by side on every extraction benchmark in ../shared/benchmarks (article-extraction
# benchmark, Dragnet, L3S-GN1, Readability's test pages, CleanEval), in one run: installs trafilatura from
# PyPI into .venv-extraction, builds ccgtext in release mode, scores both with `ccgtext eval extraction`
# (article and comments apart) and times both on one thread. About 5 minutes with 3 rounds.
# Usage: scripts/compare-extraction.sh [BENCHMARKS_DIR] [REPEATS] [SOURCES]
#   SOURCES: comma-separated, e.g. dragnet,l3s_gn1 (default: all five)
#   BENCHMARKS_DIR may also be one source's folder (…/article-extraction-benchmark): that source alone.
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks="${1:-../shared/benchmarks}"
repeats="${2:-3}"
sources="${3:-article-extraction-benchmark,dragnet,l3s_gn1,readability_testpages,cleaneval}"
if [ -f "$benchmarks/ground-truth.json" ] || [ -f "$benchmarks/gold.jsonl" ]; then
  sources="$(basename "$benchmarks")"
  benchmarks="$(dirname "$benchmarks")"
fi
if [ ! -d "$benchmarks" ]; then
  echo "compare-extraction: no benchmarks folder at $benchmarks; pass the folder that holds dragnet/, l3s_gn1/, …" >&2
  exit 2
fi
venv=.venv-extraction
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# trafilatura 2.0.0 is the version whose published score the benchmark README quotes; lxml_html_clean
# is a dependency it does not declare.
"$venv/bin/pip" install -q --disable-pip-version-check "trafilatura==2.0.0" lxml_html_clean
swift build -c release >/dev/null
"$venv/bin/python" scripts/compare_extraction.py --benchmarks "$benchmarks" --ccgtext .build/release/ccgtext --repeat "$repeats" --sources "$sources"
