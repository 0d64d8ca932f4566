"""Builds a benchmark corpus of a chosen size from the article-extraction benchmark's pages and the sample
corpus, for `scripts/benchmark.sh` (docs/performance.md).

Every copy of a page after the first is varied deterministically, so documents differ as a crawl's do: the
paragraphs (<p> elements of a page, blank-line blocks of a text scrape) swap places, and the title carries
the copy's number. The same arguments give the same bytes. Files are written uncompressed, 1,000 to a
folder, until the total reaches the size asked for.

    python3 scripts/make_bench_corpus.py SIZE_MB OUT_DIR [--pages DIR] [--sample DIR] [--mixed]

With --mixed (the "mixed corpus" of docs/performance.md), the bytes are split 60 / 20 / 20 between the
pages, text scrapes (the sample corpus's, varied as above) and comment exports: CSV and JSON Lines files of
40 threads of 25 comments, each comment a stretch of a paragraph of the sample texts (80 to 600
characters), half of them replies to an earlier comment of their thread.
"""
import argparse
import csv
import gzip
import io
import json
import hashlib
import random
import re
import sys
from pathlib import Path

PARAGRAPH = re.compile(rb"<p[\s>].*?</p>", re.S | re.I)
TITLE = re.compile(rb"(<title[^>]*>)", re.I)


def sources(pages_dir, sample_dir):
    """(name, bytes, kind) of every source page, sorted by name so the corpus does not depend on listing order."""
    found = []
    for path in sorted(Path(pages_dir).glob("*.html.gz")):
        found.append((path.name[: -len(".html.gz")], gzip.decompress(path.read_bytes()), "html"))
    for path in sorted(Path(sample_dir).glob("*")):
        if path.suffix in (".html", ".txt"):
            found.append((path.stem + "-" + path.suffix[1:], path.read_bytes(), path.suffix[1:]))
    return found


def varied(content, kind, copy, name):
    """The copy-th variation of a page: copy 0 is the page itself."""
    if copy == 0:
        return content
    seed = int.from_bytes(hashlib.sha256(f"{name}/{copy}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    if kind == "html":
        blocks = PARAGRAPH.findall(content)
        shuffled = blocks[:]
        rng.shuffle(shuffled)
        pieces = PARAGRAPH.split(content)
        out = [pieces[0]]
        for block, rest in zip(shuffled, pieces[1:]):
            out += [block, rest]
        content = b"".join(out)
        return TITLE.sub(lambda m: m.group(1) + f"[copy {copy}] ".encode(), content, count=1)
    # A text scrape: its first block (the headline) stays, the rest swap places.
    blocks = content.split(b"\n\n")
    head, rest = blocks[:1], blocks[1:]
    rng.shuffle(rest)
    return b"\n\n".join(head + rest)


def comment_export(paragraphs, number, rng):
    """The number-th comment export: CSV for even numbers, JSON Lines for odd ones."""
    rows = []
    for thread in range(40):
        ids = []
        for index in range(25):
            comment = f"c{number}-{thread}-{index}"
            parent = rng.choice(ids) if ids and rng.random() < 0.5 else ""
            paragraph = rng.choice(paragraphs)
            start = rng.randrange(max(1, len(paragraph) - 80))
            rows.append({
                "thread_id": f"t{number}-{thread}", "thread_title": f"Thread {number}.{thread}: {paragraph[:60].strip()}",
                "comment_id": comment, "parent_id": parent, "author": f"reader{rng.randrange(2000)}",
                "created_at": f"2015-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
                "text": paragraph[start:start + rng.randrange(80, 600)].strip(),
            })
            ids.append(comment)
    if number % 2 == 0:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return "csv", out.getvalue().encode()
    return "jsonl", "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()


def mixed(pages, out, target):
    """60% pages, 20% text scrapes, 20% comment exports, by bytes."""
    html = [p for p in pages if p[2] == "html"]
    text = [p for p in pages if p[2] == "txt"]
    paragraphs = [block.decode("utf-8", "replace").strip() for _, content, _ in text for block in content.split(b"\n\n")]
    paragraphs = [p for p in paragraphs if len(p) > 80]
    rng = random.Random(35)
    shares = {"html": 0.6 * target, "txt": 0.2 * target, "export": 0.2 * target}
    written = {"html": 0, "txt": 0, "export": 0}
    files = 0
    copies = {"html": 0, "txt": 0}
    def put(name, data):
        nonlocal files
        folder = out / f"{files // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        files += 1
    for kind, sources in (("html", html), ("txt", text)):
        while written[kind] < shares[kind]:
            for name, content, _ in sources:
                if written[kind] >= shares[kind]:
                    break
                data = varied(content, kind, copies[kind], name)
                put(f"{copies[kind]:04d}-{name}.{kind}", data)
                written[kind] += len(data)
            copies[kind] += 1
    number = 0
    while written["export"] < shares["export"]:
        extension, data = comment_export(paragraphs, number, rng)
        put(f"comments-{number:05d}.{extension}", data)
        written["export"] += len(data)
        number += 1
    total = sum(written.values())
    print(f"{files} files, {total / 1e6:.1f} MB in {out}: pages {written['html'] / 1e6:.1f} MB, text {written['txt'] / 1e6:.1f} MB, "
          f"comment exports {written['export'] / 1e6:.1f} MB ({number} files)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size_mb", type=float, help="total size of the corpus in MB (10^6 bytes)")
    parser.add_argument("out", help="folder to write (must not exist, or be empty)")
    parser.add_argument("--pages", default="../shared/benchmarks/article-extraction-benchmark/html")
    parser.add_argument("--sample", default="corpora/ccg")
    parser.add_argument("--mixed", action="store_true", help="pages, text scrapes and comment exports, 60/20/20 by bytes")
    args = parser.parse_args()
    pages = sources(args.pages, args.sample)
    if not pages:
        sys.exit(f"make_bench_corpus: no pages in {args.pages} or {args.sample}")
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        sys.exit(f"make_bench_corpus: {out} is not empty")
    target = int(args.size_mb * 1_000_000)
    if args.mixed:
        mixed(pages, out, target)
        return
    written = files = copy = 0
    while written < target:
        for name, content, kind in pages:
            if written >= target:
                break
            data = varied(content, kind, copy, name)
            folder = out / f"{files // 1000:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{copy:04d}-{name}.{kind}").write_bytes(data)
            written += len(data)
            files += 1
        copy += 1
    print(f"{files} files, {written / 1e6:.1f} MB in {out} ({len(pages)} source pages, up to {copy} copies each)")


if __name__ == "__main__":
    main()
