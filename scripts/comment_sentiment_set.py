#!/usr/bin/env python3
"""The comment sentiment set: reader comments from four development sources, labelled by hand.

The repository keeps only ids and labels (Plugins/Sentiment/CommentSet/labels.tsv, policy in POLICY.md);
the texts are read from ../shared/benchmarks, whose licences do not allow copying them here.

  sample --benchmarks DIR            print the candidates, in the fixed order they were labelled in
  agree  --labels F                  agreement of the second labelling pass with the first

ccgtext reads the set itself (`ccgtext eval sentiment --gold Plugins/Sentiment/CommentSet/labels.tsv`,
Sources/CCGEvaluate/CommentSentimentSet.swift, which splits paragraphs as `paragraphs` below does).

Ids: `iac:<post id>` (IAC 4forums, the post's own words, quotes left out), `reddit:<pair id>` (the response
of a SubReddit-agreement pair), `dragnet:<page>#<k>` and `l3s:<page>#<k>` (the k-th paragraph, from 0, of the
page's gold comment text, split as `paragraphs` below splits it).
"""
import argparse
import gzip
import hashlib
import json
import os
import re

QUOTAS = {"iac": 100, "reddit": 80, "dragnet": 80, "l3s": 60}
PER_THREAD = 2
MIN_WORDS, MAX_WORDS = 8, 120
WORD = re.compile(r"\w+", re.UNICODE)
# Lines that are a comment's furniture, not its text: signatures, counters, dates, reply links.
FURNITURE = re.compile(
    r"^\W*(posted by|reply|report|quote|permalink|\d+ comments?|comments? so far|says:|said:|written by)\b", re.I)
DATE_LIKE = re.compile(r"\d{1,4}[./:-]\d{1,2}")


def paragraphs(source, text):
    """Dragnet's gold separates paragraphs by blank lines; L3S-GN1's puts one block per line."""
    if source == "dragnet":
        parts = re.split(r"\n\s*\n", text)
    else:
        parts = text.split("\n")
    return [" ".join(p.split()) for p in parts]


def usable(text):
    words = WORD.findall(text)
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if FURNITURE.match(text):
        return False
    # A header line: a name and a date, few words.
    if len(words) < 14 and DATE_LIKE.search(text) and not re.search(r"[.!?]\s", text):
        return False
    return True


def key(item_id):
    return hashlib.sha1(item_id.encode("utf-8")).hexdigest()


def read_items(bench):
    """Every usable item of every source: (source, id, thread, text)."""
    items = []
    with gzip.open(os.path.join(bench, "iac_4forums", "posts.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            post = json.loads(line)
            text = " ".join(post.get("text_without_quotes", post["text"]).split())
            items.append(("iac", "iac:" + post["id"], "iac:%s" % post["discussion_id"], text))
    with open(os.path.join(bench, "subreddit_agreement", "mask_mandate.jsonl"), encoding="utf-8") as f:
        for line in f:
            pair = json.loads(line)
            items.append(("reddit", "reddit:" + pair["id"], "reddit:" + pair["id"], " ".join(pair["response"].split())))
    for source, folder in (("dragnet", "dragnet"), ("l3s", "l3s_gn1")):
        with open(os.path.join(bench, folder, "gold.jsonl"), encoding="utf-8") as f:
            for line in f:
                page = json.loads(line)
                for k, text in enumerate(paragraphs(source, page.get("comments") or "")):
                    items.append((source, "%s:%s#%d" % (source, page["id"], k), source + ":" + page["id"], text))
    return items


def sample(bench):
    chosen = []
    by_source = {}
    for item in read_items(bench):
        by_source.setdefault(item[0], []).append(item)
    for source, quota in QUOTAS.items():
        per_thread = {}
        taken = 0
        for item in sorted(by_source.get(source, []), key=lambda i: key(i[1])):
            if taken == quota:
                break
            if not usable(item[3]) or per_thread.get(item[2], 0) == PER_THREAD:
                continue
            per_thread[item[2]] = per_thread.get(item[2], 0) + 1
            chosen.append(item)
            taken += 1
    return chosen


def read_labels(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip() and not line.startswith("#"):
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--benchmarks", default="../shared/benchmarks")
    a = sub.add_parser("agree")
    a.add_argument("--labels", default="Plugins/Sentiment/CommentSet/labels.tsv")
    args = parser.parse_args()

    if args.command == "sample":
        for source, item_id, _, text in sample(args.benchmarks):
            print("%s\t%s" % (item_id, text))
        return
    if args.command == "agree":
        pairs = [(r["label"], r["second"]) for r in read_labels(args.labels) if r.get("second")]
        classes = ["negative", "neutral", "positive"]
        n = len(pairs)
        observed = sum(a == b for a, b in pairs) / n
        expected = sum((sum(a == c for a, _ in pairs) / n) * (sum(b == c for _, b in pairs) / n) for c in classes)
        kappa = (observed - expected) / (1 - expected)
        print("%d items labelled twice: agreement %.3f, Cohen's kappa %.3f" % (n, observed, kappa))
        print("first \\ second\t" + "\t".join(classes))
        for c in classes:
            print(c + "\t" + "\t".join(str(sum(a == c and b == d for a, b in pairs)) for d in classes))
        return


if __name__ == "__main__":
    main()
