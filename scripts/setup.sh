#!/usr/bin/env bash
# One command for a fresh Debian machine with Swift 6: install the C libraries, build, and analyse the
# sample corpus (writes report.json). `--no-run` only installs and builds.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for package in libxml2-dev libicu-dev zlib1g-dev liblinear-dev libstemmer-dev libsqlite3-dev pkg-config; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# The example external analyser (corpora/plugins/readability.py) needs a Python 3, standard library only.
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The tests parse the Kubernetes manifests of docs/cluster.md as YAML.
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
# The tests load the CSV outputs with pandas (and the database with Python's sqlite3): from PyPI into this
# Python when pip may install there, else Debian's package for Debian's Python.
if ! python3 -c 'import pandas' >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check pandas >/dev/null 2>&1 || missing+=(python3-pandas)
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}"
fi
swift build -c release
if [ "${1:-}" != "--no-run" ]; then
  # The sample corpus's example plugin is named: plugins found in input folders run only when asked for.
  .build/release/ccgtext analyze corpora/ -o report.json --plugin corpora/plugins/readability.plugin.json
fi
