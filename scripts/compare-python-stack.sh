#!/usr/bin/env bash
# ccgtext against the hand-glued Python stack (trafilatura + vaderSentiment + YAKE) on the same pages, in one
# run: installs the three from PyPI into .venv-stack, builds ccgtext in release mode, and prints both
# throughputs and their ratio (docs/performance.md).
# Usage: scripts/compare-python-stack.sh [PAGES_DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
pages="${1:-../shared/benchmarks/article-extraction-benchmark/html}"
rounds="${2:-3}"
[ -d "$pages" ] || { echo "compare-python-stack: no pages at $pages; pass a folder of .html or .html.gz pages" >&2; exit 2; }
venv=.venv-stack
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
# The versions measured here; lxml_html_clean is a dependency trafilatura does not declare.
"$venv/bin/pip" install -q --disable-pip-version-check "trafilatura==2.0.0" lxml_html_clean "vaderSentiment==3.3.2" "yake==0.7.3"
swift build -c release >/dev/null
"$venv/bin/python" scripts/compare_python_stack.py --pages "$pages" --ccgtext .build/release/ccgtext --rounds "$rounds"
