"""Scores Inspec keyphrases with YAKE and ccgtext in one run and prints one table.

Both tools are measured by `ccgtext eval keyphrases` (one protocol: top k, Snowball stems matched word for
word, macro-averaged P/R/F1): YAKE's phrases are written to a file and passed with --predictions. YAKE runs
with its documented defaults for English (n=3, dedupLim 0.9) and top=k. Both are timed on one thread over
documents already in memory, median of the rounds; ccgtext's figure includes ICU tokenizing. Called by
compare-keyphrases.sh.
"""
import argparse
import json
import os
import statistics
import tempfile
import time
from importlib.metadata import version

from benchmark_common import ccgtext_eval, machine_description

import yake


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", required=True, help="Inspec <split>.jsonl")
    parser.add_argument("--ccgtext", required=True, help="the ccgtext binary")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the median rate is printed")
    parser.add_argument("-k", type=int, default=10, help="phrases per document")
    args = parser.parse_args()

    with open(args.gold, encoding="utf-8") as handle:
        documents = [json.loads(line) for line in handle if line.strip()]
    extractor = yake.KeywordExtractor(lan="en", n=3, top=args.k)
    rates = []
    phrases = {}
    for round_index in range(args.rounds):
        start = time.perf_counter()
        found = [(document["id"], [phrase for phrase, _ in extractor.extract_keywords(document["abstr"])]) for document in documents]
        rates.append(len(documents) / (time.perf_counter() - start))
        if round_index == 0:
            phrases = dict(found)

    with tempfile.TemporaryDirectory() as work:
        predictions = os.path.join(work, "yake.tsv")
        with open(predictions, "w", encoding="utf-8") as handle:
            for document in documents:
                cleaned = [phrase.replace(";", ",").replace("\t", " ") for phrase in phrases[document["id"]]]
                handle.write(f"{document['id']}\t{'; '.join(cleaned)}\n")
        theirs = ccgtext_eval(args.ccgtext, "keyphrases", ["--gold", args.gold, "--predictions", predictions, "-k", str(args.k)])
    ours = ccgtext_eval(args.ccgtext, "keyphrases", ["--gold", args.gold, "--repeat", str(args.rounds), "-k", str(args.k)])

    yake_rate = statistics.median(rates)
    print(f"Machine: {machine_description()}; yake {version('yake')}; {len(documents)} documents of {args.gold}")
    print(f"Protocol: {ours['protocol']}")
    print()
    k = args.k
    print(f"| tool | P@{k} | R@{k} | F1@{k} | documents/s (one thread, median of {args.rounds}) |")
    print("|---|---|---|---|---|")
    print(f"| YAKE {version('yake')} | {theirs['precision']:.3f} | {theirs['recall']:.3f} | {theirs['f1']:.3f} | {yake_rate:,.0f} |")
    print(f"| ccgtext | {ours['precision']:.3f} | {ours['recall']:.3f} | {ours['f1']:.3f} | {ours['documentsPerSecond']:,.0f} |")
    print()
    print(f"F1@{k} difference: {100 * (ours['f1'] - theirs['f1']):+.1f} points; speed ratio {ours['documentsPerSecond'] / yake_rate:.1f}x")


if __name__ == "__main__":
    main()
