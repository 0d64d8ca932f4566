"""Builds a benchmark corpus of a chosen size from the article-extraction benchmark's pages and the sample
corpus, for `scripts/benchmark.sh` (docs/performance.md).

Every copy of a page after the first is varied deterministically, so documents differ as a crawl's do: the
paragraphs (<p> elements of a page, blank-line blocks of a text scrape) swap places, and the title carries
the copy's number. The same arguments give the same bytes. Files are written uncompressed, 1,000 to a
folder, until the total reaches the size asked for.

    python3 scripts/make_bench_corpus.py SIZE_MB OUT_DIR [--pages DIR] [--sample DIR]
"""
import argparse
import gzip
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size_mb", type=float, help="total size of the corpus in MB (10^6 bytes)")
    parser.add_argument("out", help="folder to write (must not exist, or be empty)")
    parser.add_argument("--pages", default="../shared/benchmarks/article-extraction-benchmark/html")
    parser.add_argument("--sample", default="corpora/ccg")
    args = parser.parse_args()
    pages = sources(args.pages, args.sample)
    if not pages:
        sys.exit(f"make_bench_corpus: no pages in {args.pages} or {args.sample}")
    out = Path(args.out)
    if out.exists() and any(out.iterdir()):
        sys.exit(f"make_bench_corpus: {out} is not empty")
    target = int(args.size_mb * 1_000_000)
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
