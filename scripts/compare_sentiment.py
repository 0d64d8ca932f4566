"""Scores the ICWSM-2014 sets and TweetEval with VADER and ccgtext in one run and prints one table.

Both tools are measured by `ccgtext eval sentiment` (one implementation of Pearson r and macro-recall):
VADER's compound scores are written to a file and passed with --scores, labelled by VADER's documented
thresholds (compound >= 0.05 positive, <= -0.05 negative). Both are timed on one thread over texts already
in memory; ccgtext's figure includes ICU tokenizing. The rounds are paired: each times one pass of VADER and
then ccgtext (`eval sentiment --repeat 3`, the median of three passes in its own process), so that a burst of
load on this shared machine falls on both sides of a pair; the rates are the medians over the rounds and the
speed ratio is the median of the rounds' ratios. Each --row-labels gives TweetEval a row: ccgtext's default
labels (the label model fit on TweetEval's validation split and the comment set), or those of `ccgtext eval
sentiment --labels VALUE` (none: the thresholds); VADER's are the same in every row. Called by
compare-sentiment.sh.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from benchmark_common import ccgtext_eval, machine_description

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ICWSM = [("tweets", "tweets"), ("movie", "movieReviewSnippets"), ("amazon", "amazonReviewSnippets"), ("nyt", "nytEditorialSnippets")]


def lines(path):
    """Lines as ccgtext reads them: UTF-8, BOM dropped, split on LF (CRLF's CR dropped), last empty line dropped."""
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    result = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    if result and result[-1] == "":
        result.pop()
    return result


def icwsm_items(path):
    items = []
    for line in lines(path):
        if not line.strip():
            continue
        item_id, _, text = line.split("\t", 2)
        items.append((item_id, text))
    return items


def tweeteval_items(text_path):
    labels_path = str(text_path).replace("_text.txt", "_labels.txt")
    count = len([line for line in lines(labels_path) if line.strip()])
    return [(str(index + 1), text) for index, text in enumerate(lines(text_path)[:count])]


def vader_pass(analyzer, items):
    """VADER's compound score for every item, and the texts per second of the pass."""
    scores = {}
    start = time.perf_counter()
    for item_id, text in items:
        scores[item_id] = analyzer.polarity_scores(text)["compound"]
    return scores, len(items) / (time.perf_counter() - start)


def paired_rounds(ccgtext, path, form, subset, items, rounds, extra):
    """VADER's scores, ccgtext's figures, and per round both tools' texts per second (see the module doc)."""
    analyzer = SentimentIntensityAnalyzer()
    scores, ours, pairs = None, None, []
    for _ in range(rounds):
        round_scores, vader_rate = vader_pass(analyzer, items)
        scores = scores or round_scores
        figures = ccgtext_eval(ccgtext, "sentiment", ["--gold", str(path), "--format", form, "--repeat", "3", "--subset", subset] + extra)
        ours = ours or figures
        pairs.append((vader_rate, figures["textsPerSecond"]))
    return scores, ours, pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--icwsm", required=True, help="folder with the *_GroundTruth.txt files")
    parser.add_argument("--tweeteval", required=True, help="TweetEval sentiment folder (<split>_text.txt, <split>_labels.txt, mapping.txt)")
    parser.add_argument("--split", default="test", help="TweetEval split to score (test; val while developing)")
    parser.add_argument("--ccgtext", required=True, help="path to the ccgtext binary (release build)")
    parser.add_argument("--repeat", type=int, default=3, help="paired timing rounds (one VADER pass, one ccgtext run of 3 passes); medians are reported")
    parser.add_argument("--subset", default="all", help="ICWSM items: all, dev or held-out (ccgtext eval sentiment --subset)")
    parser.add_argument("--row-labels", action="append", default=[],
                        help="one TweetEval row per value: 'default' (ccgtext's default labels) or a value of `ccgtext eval sentiment --labels` (a model file, or none for the thresholds)")
    args = parser.parse_args()

    sets = [(name, Path(args.icwsm) / f"{prefix}_GroundTruth.txt", "icwsm", []) for name, prefix in ICWSM]
    for labels in args.row_labels or ["default"]:
        name = f"tweeteval-{args.split}" if labels == "default" else f"tweeteval-{args.split}, labels {labels}"
        extra = [] if labels == "default" else ["--labels", labels]
        sets.append((name, Path(args.tweeteval) / f"{args.split}_text.txt", "tweeteval", extra))
    rows = []
    for name, path, form, extra in sets:
        items = icwsm_items(path) if form == "icwsm" else tweeteval_items(path)
        subset = args.subset if form == "icwsm" else "all"
        scores, ours, pairs = paired_rounds(args.ccgtext, path, form, subset, items, args.repeat, extra)
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as handle:
            for item_id, score in scores.items():
                handle.write(f"{item_id}\t{score}\n")
            scores_path = handle.name
        try:
            vader = ccgtext_eval(args.ccgtext, "sentiment", ["--gold", str(path), "--format", form, "--scores", scores_path, "--subset", subset])
        finally:
            os.unlink(scores_path)
        metric = "pearson" if form == "icwsm" else "macroRecall"
        vader_rate = statistics.median(v for v, _ in pairs)
        our_rate = statistics.median(c for _, c in pairs)
        ratio = statistics.median(c / v for v, c in pairs)
        rows.append((name, vader["items"], metric, vader[metric], ours[metric], vader_rate, our_rate, ratio))

    ccg_version = subprocess.run([args.ccgtext, "--version"], check=True, capture_output=True, text=True).stdout.strip()
    print(f"VADER {version('vaderSentiment')} and ccgtext {ccg_version}; one thread each; medians of {args.repeat} paired rounds; {machine_description()}")
    print()
    print("| set | items | metric | VADER | ccgtext | VADER texts/s | ccgtext texts/s | speed ratio |")
    print("|---|---|---|---|---|---|---|---|")
    for name, count, metric, vader, ours, vader_rate, our_rate, ratio in rows:
        print(f"| {name} | {count} | {metric} | {vader:.3f} | {ours:.3f} | {vader_rate:,.0f} | {our_rate:,.0f} | {ratio:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
