#!/usr/bin/env python3
"""Writes lexicons/sentiment/pattern-en-adjectives.tsv from Pattern's English subjectivity lexicon.

The lexicon (en-sentiment.xml, De Smedt & Daelemans, CLiPS; public domain under the PDDL as its header
states) ships inside TextBlob's wheel on PyPI; this script downloads that wheel with pip, reads the XML and
writes one line per word form: the mean polarity of its senses (−1…+1) and the mean subjectivity. Only
clearly evaluative forms are kept (mean subjectivity ≥ 0.6 and |polarity| ≥ 0.25): Pattern also rates
descriptive words ("new", "first", "black", "own"), which made neutral tweets polar on TweetEval's
validation split. Forms with an apostrophe are left to the rules (negators). Run it again to check the
file: the output is deterministic (sorted).

Usage: python3 scripts/lexicons/import-pattern-adjectives.py [OUTPUT]
"""
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zipfile
from collections import defaultdict
from pathlib import Path

TEXTBLOB = "textblob==0.20.1"
MEMBER = "textblob/en/en-sentiment.xml"
MIN_SUBJECTIVITY = 0.6
MIN_POLARITY = 0.25


def main():
    output = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "lexicons/sentiment/pattern-en-adjectives.tsv")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--disable-pip-version-check", TEXTBLOB, "-d", folder], check=True)
        wheel = next(Path(folder).glob("textblob-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            root = ElementTree.fromstring(archive.read(MEMBER))
    senses = defaultdict(list)
    for word in root.iter("word"):
        form = word.get("form", "").strip().lower()
        if form:
            senses[form].append((float(word.get("polarity", "0")), float(word.get("subjectivity", "0"))))
    lines = [
        "# Pattern's English subjectivity lexicon (adjectives), mean over senses: word<TAB>polarity (−1…+1)<TAB>subjectivity (0…1).",
        f"# Source: en-sentiment.xml by Tom De Smedt and Walter Daelemans (CLiPS, University of Antwerp), version {root.get('version')},",
        f"# licence {root.get('license')} (public domain), as shipped in TextBlob's wheel ({TEXTBLOB}, PyPI).",
        f"# Kept: mean subjectivity >= {MIN_SUBJECTIVITY} and |polarity| >= {MIN_POLARITY}. Written by scripts/lexicons/import-pattern-adjectives.py;",
        "# ccgtext scales polarity as set in rules.en.json.",
    ]
    for form in sorted(senses):
        polarity = sum(p for p, _ in senses[form]) / len(senses[form])
        subjectivity = sum(s for _, s in senses[form]) / len(senses[form])
        if subjectivity >= MIN_SUBJECTIVITY and abs(polarity) >= MIN_POLARITY and "'" not in form and "\t" not in form:
            lines.append(f"{form}\t{polarity:.3f}\t{subjectivity:.3f}")
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines) - 5} entries to {output}")


if __name__ == "__main__":
    main()
