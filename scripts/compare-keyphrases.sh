#!/usr/bin/env bash
# ccgtext and YAKE side by side on Inspec (Hulth 2003, uncontrolled keys), in one run: installs yake from
# PyPI into .venv-keyphrases, builds ccgtext in release mode, scores both with `ccgtext eval keyphrases`
# (one protocol, one implementation) and times both on one thread.
# Usage: scripts/compare-keyphrases.sh [BENCHMARKS_DIR] [ROUNDS] [SPLIT] [K]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks="${1:-../shared/benchmarks}"
rounds="${2:-3}"
split="${3:-test}"
k="${4:-10}"
gold="$benchmarks/inspec_hulth2003/$split.jsonl"
if [ ! -f "$gold" ]; then
  echo "compare-keyphrases: expected $gold; pass the benchmarks folder" >&2
  exit 2
fi
venv=.venv-keyphrases
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "yake==0.7.3"
swift build -c release >/dev/null
"$venv/bin/python" scripts/compare_keyphrases.py --gold "$gold" --ccgtext .build/release/ccgtext --rounds "$rounds" -k "$k"
