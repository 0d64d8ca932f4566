#!/usr/bin/env bash
# Renders the HTML report of the sample corpus in a real browser (headless Chromium from Debian's packages)
# and saves screenshots: docs/html-report.png (the charts) and docs/html-report-documents.png (a debate's
# units with their evidence marked). Installs chromium if it is missing (root or sudo).
# Usage: bash scripts/screenshot-html-report.sh [OUT_DIR]   (default docs/)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs}"
browser=""
for candidate in chromium chromium-browser; do command -v "$candidate" >/dev/null 2>&1 && browser="$candidate" && break; done
if [ -z "$browser" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  browser=chromium
fi
swift build -c release --product ccgtext >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.build/release/ccgtext analyze corpora/ -o "$work/report.json" --html "$work/report.html" --quiet
shoot() { # file size png
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$2" --screenshot="$3" "file://$1" >/dev/null 2>&1
}
shoot "$work/report.html" 1100,3100 "$out/html-report.png"
# The first debate's document section, on a page of its own (the same HTML from its anchor down).
debate=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(next(d["id"] for d in r["documents"] if d["kind"]=="debate"))' "$work/report.json")
python3 - "$work/report.html" "$debate" "$work/documents.html" <<'PY'
import re, sys
page, debate, target = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
head = page[: page.index("<main>") + len("<main>")]
start = page.index('<section id="documents">')
section = page[start : page.index("</section>", start)]
legend = section[: section.index("<details")]
doc = re.search(r'<details class="doc" id="doc-%s".*?</details>' % re.escape(debate), section, re.S).group(0)
open(target, "w", encoding="utf-8").write(head + legend + doc + "</main></body></html>")
PY
shoot "$work/documents.html" 1100,2200 "$out/html-report-documents.png"
echo "wrote $out/html-report.png and $out/html-report-documents.png ($browser $("$browser" --version 2>/dev/null | head -1))"
