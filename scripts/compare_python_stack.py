"""ccgtext against the Python stack batch jobs glue together by hand, on the same pages in one invocation:
trafilatura (main text and comments), vaderSentiment (per sentence) and YAKE (keyphrases per document),
writing one JSON line per document; then `ccgtext analyze` with --jobs 1 and --jobs 2 (extract, tokenize,
sentiment, stance, themes, report). Rounds alternate the three so a slow spell on a shared machine falls
on all of them; medians are compared. Run by scripts/compare-python-stack.sh.
"""
import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmark_common import machine_description

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def python_stack(pages, output):
    """The Python job on every page; seconds for the loop (imports and model loading excluded)."""
    import trafilatura
    import yake
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    keywords = yake.KeywordExtractor(lan="en", n=3, top=10)
    started = time.perf_counter()
    with open(output, "w") as out:
        for page in pages:
            raw = page.read_bytes()
            html = gzip.decompress(raw) if page.name.endswith(".gz") else raw
            # Plain-text output, comments after the main text: the cheapest of trafilatura's outputs
            # (its JSON output and metadata roughly double the extraction time here).
            text = trafilatura.extract(html, include_comments=True) or ""
            sentences = [s for line in text.splitlines() for s in SENTENCE_END.split(line) if s.strip()]
            scores = [vader.polarity_scores(s)["compound"] for s in sentences]
            phrases = [k for k, _ in keywords.extract_keywords(text)] if text.strip() else []
            out.write(json.dumps({"source": page.name, "sentences": len(sentences), "sentiment": scores, "keyphrases": phrases}) + "\n")
    return time.perf_counter() - started


def ccgtext(binary, folder, jobs, output):
    """Wall seconds of one whole `ccgtext analyze` process (start-up and report writing included)."""
    started = time.perf_counter()
    result = subprocess.run([binary, "analyze", str(folder), "-o", output, "--jobs", str(jobs), "--quiet",
                             "--analysers", "sentiment,stance,themes"], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"ccgtext exited with {result.returncode}: {result.stderr[:2000]}")
    return wall


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", required=True)
    parser.add_argument("--ccgtext", default=".build/release/ccgtext")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(args.pages)
    pages = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".html.gz", ".htm")))
    if not pages:
        sys.exit(f"compare-python-stack: no pages in {folder}")
    size = sum(len(gzip.decompress(p.read_bytes())) if p.name.endswith(".gz") else p.stat().st_size for p in pages)
    times = {"python": [], "ccgtext --jobs 1": [], "ccgtext --jobs 2": []}
    with tempfile.TemporaryDirectory() as work:
        for _ in range(args.rounds):
            times["python"].append(python_stack(pages, os.path.join(work, "python.jsonl")))
            times["ccgtext --jobs 1"].append(ccgtext(args.ccgtext, folder, 1, os.path.join(work, "report.json")))
            times["ccgtext --jobs 2"].append(ccgtext(args.ccgtext, folder, 2, os.path.join(work, "report.json")))
        with open(os.path.join(work, "python.jsonl")) as handle:
            python_documents = sum(1 for _ in handle)
        with open(os.path.join(work, "report.json")) as handle:
            report = json.load(handle)
    print(f"{len(pages)} pages, {size / 1e6:.1f} MB of HTML; median of {args.rounds} alternating rounds; {machine_description()}")
    print(f"Python stack: trafilatura (text + comments), vaderSentiment per sentence, YAKE top 10; {python_documents} JSON lines")
    print(f"ccgtext: extract, tokenize, sentiment, stance, themes, report; {report['corpus']['documents']} documents, "
          f"{report['corpus']['units']} units")
    print()
    print("| job | seconds (median) | pages/s | MB/s | × Python |")
    print("|---|---|---|---|---|")
    python = statistics.median(times["python"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| {name} | {median:.2f} | {len(pages) / median:.1f} | {size / 1e6 / median:.2f} | {python / median:.2f} |")
    print()
    print("Python's time is its loop after imports; ccgtext's is the whole process (start-up, lexicons, report).")


if __name__ == "__main__":
    main()
