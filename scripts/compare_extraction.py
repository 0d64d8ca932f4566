"""Runs trafilatura and ccgtext on the same pages of several extraction benchmarks and prints one table.

Every development source in ../shared/benchmarks is read in its own gold layout (see `ccgtext eval
extraction --help`): the article-extraction benchmark (181 pages), Dragnet's development split, L3S-GN1,
Mozilla Readability's test pages and CleanEval. Both tools are scored by `ccgtext eval extraction` (one
implementation of the metric for both): the article body on every page; reader comments apart from it where
the gold marks them (Dragnet, L3S-GN1); CleanEval's gold is a page's whole cleaned text, so there article and
comments are compared together. Both are timed on one thread over pages already in memory (trafilatura's
article pass; ccgtext's extraction, which includes gzip decompression). Called by compare-extraction.sh.
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

# name, gold file inside the source folder, whether the gold marks comments, whether it is whole pages
SOURCES = [
    ("article-extraction-benchmark", "ground-truth.json", False, False),
    ("dragnet", "gold.jsonl", True, False),
    ("l3s_gn1", "gold.jsonl", True, False),
    ("readability_testpages", "gold.jsonl", False, False),
    ("cleaneval", "gold.jsonl", False, True),
]


def gold_ids(path):
    if path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            return [str(json.loads(line)["id"]) for line in handle if line.strip()]
    return sorted(json.loads(path.read_text(encoding="utf-8")))


def read_pages(folder, ids):
    pages = {}
    for page_id in ids:
        for name in (f"{page_id}.html.gz", f"{page_id}.html"):
            path = folder / name
            if path.exists():
                data = path.read_bytes()
                pages[page_id] = gzip.decompress(data) if name.endswith(".gz") else data
                break
    return pages


def run_trafilatura(pages, repeats, with_comments):
    """Article texts from `extract` (timed, `repeats` rounds, median pages/s); and, not timed, the article and
    comment texts of `bare_extraction(include_comments=True)`, whose article text is often cleaner since the
    comments are taken out of it (the comments only when `with_comments`)."""
    articles, comments, bare_articles, rates = {}, {}, {}, []
    for round_number in range(repeats):
        start = time.perf_counter()
        for page_id, html in pages.items():
            text = trafilatura.extract(html, include_comments=False)
            if round_number == 0:
                articles[page_id] = text or ""
        rates.append(len(pages) / (time.perf_counter() - start))
    for page_id, html in pages.items():
        document = trafilatura.bare_extraction(html, include_comments=True)
        bare_articles[page_id] = (getattr(document, "text", None) or "") if document is not None else ""
        if with_comments:
            comments[page_id] = (getattr(document, "comments", None) or "") if document is not None else ""
    return articles, comments, bare_articles, statistics.median(rates)


def figures(result):
    """Article F1, P, R, comments F1 (pages) and the spurious-comment share, as table cells."""
    cells = [f"{result['f1']:.3f}", f"{result['precision']:.3f}", f"{result['recall']:.3f}"]
    comments = result.get("comments")
    cells.append(f"{comments['f1']:.3f} ({comments['pages']:.0f})" if comments else "–")
    spurious = result.get("spuriousCommentShare")
    cells.append(f"{spurious * 100:.1f}%" if spurious is not None else "–")
    return " | ".join(cells)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmarks", required=True, help="folder holding the benchmark folders (../shared/benchmarks)")
    parser.add_argument("--ccgtext", required=True, help="path to the ccgtext binary (release build)")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds per tool; the median is reported")
    parser.add_argument("--sources", default=",".join(name for name, *_ in SOURCES), help="comma-separated sources to run")
    args = parser.parse_args()

    chosen = [source for source in SOURCES if source[0] in args.sources.split(",")]
    ccg_version = subprocess.run([args.ccgtext, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    rows = []
    for name, gold_name, marks_comments, whole_page in chosen:
        folder = Path(args.benchmarks) / name
        gold = folder / gold_name
        if not gold.exists():
            print(f"compare-extraction: {name} skipped: no {gold}", file=sys.stderr)
            continue
        pages = read_pages(folder / "html", gold_ids(gold))
        extra = ["--whole-page"] if whole_page else []
        articles, comments, bare_articles, traf_rate = run_trafilatura(pages, args.repeat, marks_comments or whole_page)
        scored = {}
        for label, texts in (("extract", articles), ("bare", bare_articles)):
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
                json.dump({page_id: {"articleBody": text, "comments": comments.get(page_id, "")} for page_id, text in texts.items()}, handle)
                predictions = handle.name
            try:
                scored[label] = ccgtext_eval(args.ccgtext, "extraction", ["--gold", str(gold), "--predictions", predictions, *extra])
            finally:
                os.unlink(predictions)
        traf = scored["extract"]
        ours = ccgtext_eval(args.ccgtext, "extraction", ["--gold", str(gold), "--html", str(folder / "html"), "--repeat", str(args.repeat), *extra])
        rows.append((name, len(pages), f"trafilatura {version('trafilatura')}", figures(traf), traf_rate))
        rows.append((name, len(pages), f"trafilatura {version('trafilatura')} bare_extraction", figures(scored["bare"]), None))
        rows.append((name, len(pages), f"ccgtext {ccg_version}", figures(ours), ours["pagesPerSecond"]))

    print(f"One thread each; median of {args.repeat} rounds; {machine_description()}")
    print()
    print("| source | pages | tool | article F1 | P | R | comments F1 (pages) | comment text on comment-less pages | pages/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, count, tool, cells, rate in rows:
        print(f"| {name} | {count} | {tool} | {cells} | {'–' if rate is None else f'{rate:.1f}'} |")
    print()
    print("Comments are scored where the gold marks them (Dragnet, L3S-GN1); CleanEval's gold is whole pages, "
          "so there article and comments are compared together. trafilatura's rows: `extract(html)` (timed) and "
          "`bare_extraction(html, include_comments=True)` (not timed), whose article text leaves the comments out.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
