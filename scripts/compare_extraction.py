"""Runs trafilatura and ccgtext on the same benchmark pages and prints one comparison table.

Both tools are scored by `ccgtext eval extraction` (one implementation of the metric for both) and timed
on one thread over pages already decompressed into memory for trafilatura; ccgtext's own timing starts
from the gzip bytes in memory, so its figure includes decompression. Called by compare-extraction.sh.
"""
import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchmark_common import ccgtext_eval, machine_description

import trafilatura


def run_trafilatura(pages, repeats):
    """Extracts every page `repeats` times; returns the texts and the median pages/s and MB/s."""
    outputs = {}
    rates = []
    total_bytes = sum(len(html.encode("utf-8")) for html in pages.values())
    for round_number in range(repeats):
        start = time.perf_counter()
        for page_id, html in pages.items():
            text = trafilatura.extract(html, include_comments=False)
            if round_number == 0:
                outputs[page_id] = text or ""
        elapsed = time.perf_counter() - start
        rates.append(len(pages) / elapsed)
    median = statistics.median(rates)
    return outputs, median, median * total_bytes / len(pages) / 1e6



def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bench", required=True, help="folder with ground-truth.json and html/<id>.html.gz")
    parser.add_argument("--ccgtext", required=True, help="path to the ccgtext binary (release build)")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds per tool; the median is reported")
    args = parser.parse_args()

    bench = Path(args.bench)
    gold_path = bench / "ground-truth.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    pages = {}
    for page_id in sorted(gold):
        with gzip.open(bench / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
            pages[page_id] = handle.read()

    texts, traf_rate, traf_mb = run_trafilatura(pages, args.repeat)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump({page_id: {"articleBody": text} for page_id, text in texts.items()}, handle)
        predictions = handle.name
    try:
        traf = ccgtext_eval(args.ccgtext, "extraction", ["--gold", str(gold_path), "--predictions", predictions])
    finally:
        os.unlink(predictions)
    ours = ccgtext_eval(args.ccgtext, "extraction", ["--gold", str(gold_path), "--html", str(bench / "html"), "--repeat", str(args.repeat)])
    ccg_version = subprocess.run([args.ccgtext, "--version"], check=True, capture_output=True, text=True).stdout.strip()

    print(f"{len(pages)} pages; one thread each; median of {args.repeat} rounds; {machine_description()}")
    print()
    print("| tool | version | F1 | precision | recall | accuracy | pages/s | MB/s |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| trafilatura | {version('trafilatura')} | {traf['f1']:.3f} | {traf['precision']:.3f} | {traf['recall']:.3f} | {traf['accuracy']:.3f} | {traf_rate:.1f} | {traf_mb:.1f} |")
    print(f"| ccgtext | {ccg_version} | {ours['f1']:.3f} | {ours['precision']:.3f} | {ours['recall']:.3f} | {ours['accuracy']:.3f} | {ours['pagesPerSecond']:.1f} | {ours['megabytesPerSecond']:.1f} |")
    print()
    print(f"ccgtext / trafilatura pages per second: {ours['pagesPerSecond'] / traf_rate:.2f}x")
    print(f"ccgtext slowest page: {ours['slowestPageSeconds'] * 1000:.1f} ms; pages ccgtext could not read: {len(ours['errors'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
