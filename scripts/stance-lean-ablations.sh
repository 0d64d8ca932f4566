#!/usr/bin/env bash
# How far the zero-shot argument lean's kind of signal goes on Procon20 (docs/stance.md, "Where the zero-shot
# lean stops"): writes the lean's reading of PERSPECTRUM train and Procon20 train and dev with the release
# build (`ccgtext train argument-lean --write-signals`), then fits the shipped signals plus one family of
# other signals at a time (scripts/stance_lean_ablations.py, scikit-learn in .venv-analysis). Procon20's
# test split is not read. Takes a few minutes, most of it installing scikit-learn the first time.
# Usage: scripts/stance-lean-ablations.sh [BENCHMARKS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
benchmarks="${1:-../shared/benchmarks}"
if [ ! -f "$benchmarks/perspectrum/perspectrum_with_answers_v1.0.json" ] || [ ! -f "$benchmarks/procon20/train.tsv" ]; then
  echo "stance-lean-ablations: expected $benchmarks/perspectrum and $benchmarks/procon20; pass the benchmarks folder" >&2
  exit 2
fi
venv=.venv-analysis
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "scikit-learn==1.9.1" "numpy==2.4.6" "scipy==1.17.1"
swift build -c release >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ccgtext=.build/release/ccgtext
"$ccgtext" train argument-lean --data "$benchmarks/perspectrum" --exclude procon/ -o "$work/lean.json" \
  --write-signals "$work/perspectrum-train.tsv" >/dev/null
for split in train dev; do
  "$ccgtext" train argument-lean --data "$benchmarks/procon20" --split "$split" -o "$work/lean.json" \
    --write-signals "$work/procon20-$split.tsv" >/dev/null
done
"$venv/bin/python" scripts/stance_lean_ablations.py --perspectrum "$work/perspectrum-train.tsv" \
  --procon-train "$work/procon20-train.tsv" --procon-dev "$work/procon20-dev.tsv"
