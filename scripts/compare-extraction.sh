#!/usr/bin/env bash
# ccgtext and trafilatura side by side on the article-extraction benchmark (181 pages), in one run:
# installs trafilatura from PyPI into .venv-extraction, builds ccgtext in release mode, scores both with
# `ccgtext eval extraction` (the benchmark's metric) and times both on one thread.
# Usage: scripts/compare-extraction.sh [BENCHMARK_DIR] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:-../shared/benchmarks/article-extraction-benchmark}"
repeats="${2:-3}"
if [ ! -f "$bench/ground-truth.json" ] || [ ! -d "$bench/html" ]; then
  echo "compare-extraction: no benchmark at $bench (expected ground-truth.json and html/); pass its folder" >&2
  exit 2
fi
venv=.venv-extraction
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# trafilatura 2.0.0 is the version whose published score the benchmark README quotes; lxml_html_clean
# is a dependency it does not declare.
"$venv/bin/pip" install -q --disable-pip-version-check "trafilatura==2.0.0" lxml_html_clean
swift build -c release >/dev/null
"$venv/bin/python" scripts/compare_extraction.py --bench "$bench" --ccgtext .build/release/ccgtext --repeat "$repeats"
