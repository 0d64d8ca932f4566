"""What a large run costs (docs/performance.md, "A large corpus"): time, peak memory and report size of
`ccgtext analyze`, and the peak memory of the commands that read a report back.

    python3 scripts/benchmark_scale.py report SIZE_MB [--corpus DIR]
        the mixed corpus of SIZE_MB (scripts/make_bench_corpus.py --mixed), analysed with --jobs 2; then
        `summary`, `explain` (the last unit of the last document), `export --html --csv`, and the
        corpus in two shards merged (`merge`), whose bytes outside `run` are compared with the
        unsharded report's.
    python3 scripts/benchmark_scale.py documents N [N ...]
        N small text documents (three paragraphs of the sample corpus each, a question headline of their
        own), analysed with --jobs 2; peak memory for each N and its ratio to the first.

    python3 scripts/benchmark_scale.py inputs
        the worst single inputs of docs/limits.md, each analysed alone with --jobs 1: a 0.9 MB gzip of
        250 MB of one repeated text, the same of an HTML page of 250 MB of paragraphs, 250 MB of varied
        words in a 38 MB gzip, and a 127 MB plain-text file.

Peak memory is the child's ru_maxrss. Corpora are made once under .bench-corpora/ and kept.
"""
import argparse
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

BINARY = ".build/release/ccgtext"


def run_measured(arguments):
    """(seconds, peak MB, exit status, stderr) of one command, its standard output discarded; the peak
    is the child's own ru_maxrss, read with wait4."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors, open(os.devnull, "wb") as sink:
        child = subprocess.Popen(arguments, stdout=sink, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), stderr


def size_of(path):
    path = pathlib.Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def without_run_digest(path):
    """SHA-256 of the report's bytes with `run` cut out (compact reports: `,"run":{…}` before `,"tool":`),
    read in pieces: this process must not hold a report, or the children's peaks would count it (Linux
    gives a child its parent's peak resident size at fork)."""
    import hashlib
    size = pathlib.Path(path).stat().st_size
    with open(path, "rb") as f:
        tail_start = max(0, size - (64 << 20))
        f.seek(tail_start)
        tail = f.read()
        start, end = tail.rfind(b',"run":{'), tail.rfind(b',"tool":{')
        digest = hashlib.sha256()
        f.seek(0)
        remaining = tail_start + start if start >= 0 and end >= 0 else size
        while remaining > 0:
            chunk = f.read(min(remaining, 1 << 24))
            digest.update(chunk)
            remaining -= len(chunk)
        if start >= 0 and end >= 0:
            digest.update(tail[end:])
    return digest.hexdigest()


def report(size_mb, corpus, reuse=False):
    corpus = pathlib.Path(corpus or f".bench-corpora/mixed-{size_mb:g}MB")
    if not corpus.exists():
        subprocess.run([sys.executable, "scripts/make_bench_corpus.py", str(size_mb), str(corpus), "--mixed"], check=True)
    work = pathlib.Path(".bench-corpora/work")
    work.mkdir(parents=True, exist_ok=True)
    output = work / "report.json"
    input_bytes = size_of(corpus)
    rows = []
    if not (reuse and output.exists()):
        seconds, peak, status, stderr = run_measured([BINARY, "analyze", str(corpus), "-o", str(output), "--jobs", "2", "--quiet"])
        if status not in (0, 1):
            sys.exit(f"analyze failed ({status}): {stderr[-2000:]}")
        report_bytes = size_of(output)
        rows.append(("analyze --jobs 2", seconds, peak, f"report {report_bytes / 1e6:.1f} MB = {report_bytes / input_bytes:.2f}× the input"))
    last_unit = last_unit_key(output)
    for name, arguments in (
        ("summary", [BINARY, "summary", str(output)]),
        ("explain (last unit)", [BINARY, "explain", str(output), last_unit, "--colour", "never"]),
        ("export --html --csv", [BINARY, "export", str(output), "--html", str(work / "report.html"), "--csv", str(work / "csv")]),
    ):
        seconds, peak, status, stderr = run_measured(arguments)
        rows.append((name, seconds, peak, "" if status == 0 else f"exit {status}: {stderr.strip()[-300:]}"))
    parts = []
    for index in range(2):
        part = work / f"part{index}.json"
        if not (reuse and part.exists()):
            run_measured([BINARY, "analyze", str(corpus), "-o", str(part), "--jobs", "2", "--quiet", "--shard", f"{index}/2"])
        parts.append(str(part))
    merged = work / "merged.json"
    seconds, peak, status, stderr = run_measured([BINARY, "merge", *parts, "-o", str(merged), "--quiet"])
    identical = without_run_digest(merged) == without_run_digest(output)
    rows.append(("merge (2 shards)", seconds, peak, ("byte-identical to the unsharded report outside run" if identical else "DIFFERS from the unsharded report") + ("" if status in (0, 1) else f"; exit {status}")))
    print(f"corpus {corpus}: {sum(1 for f in corpus.rglob('*') if f.is_file())} files, {input_bytes / 1e6:.1f} MB")
    print("| command | seconds | peak MB | |")
    print("|---|---|---|---|")
    for name, seconds, peak, note in rows:
        print(f"| {name} | {seconds:.1f} | {peak:.0f} | {note} |")
    if not identical:
        sys.exit(1)


def last_unit_key(path):
    """`<document id>/<unit id>` of the report's last unit, read from as little of the report's end as
    holds it (this process stays small: see without_run_digest)."""
    size = pathlib.Path(path).stat().st_size
    span = 1 << 20
    while True:
        with open(path, "rb") as f:
            f.seek(max(0, size - span))
            data = f.read()
        units = data.rfind(b'"units":[')
        at = data.rfind(b'"id":"', 0, units) if units >= 0 else -1
        if at >= 0 or span >= size:
            break
        span *= 4
    document = data[at + 6:data.index(b'"', at + 6)].decode()
    unit_at = data.rfind(b'"id":"u', units)
    unit = data[unit_at + 6:data.index(b'"', unit_at + 6)].decode()
    return f"{document}/{unit}"


def documents(counts):
    sample = sorted(pathlib.Path("corpora/ccg").glob("*.txt"))
    paragraphs = [b.strip() for p in sample for b in p.read_text().split("\n\n") if len(b.strip()) > 40]
    rows = []
    for count in counts:
        corpus = pathlib.Path(f".bench-corpora/small-{count}")
        if not corpus.exists():
            rng = random.Random(7)
            for index in range(count):
                folder = corpus / f"{index // 1000:04d}"
                folder.mkdir(parents=True, exist_ok=True)
                (folder / f"{index:07d}.txt").write_text(f"Note {index}: is the plan working?\n\n" + "\n\n".join(rng.sample(paragraphs, 3)))
        output = pathlib.Path(".bench-corpora/work")
        output.mkdir(parents=True, exist_ok=True)
        seconds, peak, status, stderr = run_measured([BINARY, "analyze", str(corpus), "-o", str(output / f"small-{count}.json"), "--jobs", "2", "--quiet"])
        if status not in (0, 1):
            sys.exit(f"analyze failed ({status}): {stderr[-2000:]}")
        rows.append((count, seconds, peak, size_of(corpus)))
    print("| documents | input MB | seconds | peak MB | × the first |")
    print("|---|---|---|---|---|")
    for count, seconds, peak, input_bytes in rows:
        print(f"| {count:,} | {input_bytes / 1e6:.1f} | {seconds:.1f} | {peak:.0f} | {peak / rows[0][2]:.2f} |")


def inputs():
    import gzip
    folder = pathlib.Path(".bench-corpora/inputs")
    folder.mkdir(parents=True, exist_ok=True)
    words = ("the ccg budget cut practice patients money services community hospital gp board meeting plan care "
             "nurse waiting list funding target council review").split()
    rng = random.Random(3)
    made = {
        "same-text.txt.gz": lambda f: [f.write((b"The CCG board met again to discuss the budget cuts. " * 20 + b"\n\n") * 10000) for _ in range(24)],
        "page.html.gz": lambda f: [f.write(b"<html><head><title>Are CCGs failing?</title></head><body><article><h1>Are CCGs failing?</h1>\n")]
        + [f.write(b"<p>The CCG board met again to discuss the budget cuts and the waiting list targets for the practices in the area.</p>\n" * 10000) for _ in range(210)],
        "varied-words.txt.gz": lambda f: [f.write(("\n\n".join(" ".join(rng.choice(words) for _ in range(60)) + "." for _ in range(2000)) + "\n\n").encode()) for _ in range(330)],
    }
    for name, write in made.items():
        path = folder / name
        if not path.exists():
            with gzip.open(path, "wb", compresslevel=9) as f:
                write(f)
    big = folder / "big.txt"
    if not big.exists():
        with open(big, "w") as f:
            written = 0
            while written < 127_000_000:
                paragraph = " ".join(rng.choice(words) for _ in range(60)) + ".\n\n"
                f.write(paragraph)
                written += len(paragraph)
    print("| input | file MB | content MB | seconds | peak MB |")
    print("|---|---|---|---|---|")
    for name in [*made, "big.txt"]:
        path = folder / name
        content = size_of(path)
        if name.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                content = sum(len(chunk) for chunk in iter(lambda: f.read(1 << 20), b""))
        pathlib.Path(".bench-corpora/work").mkdir(parents=True, exist_ok=True)
        seconds, peak, status, stderr = run_measured([BINARY, "analyze", str(path), "-o", ".bench-corpora/work/alone.json", "--jobs", "1", "--quiet"])
        note = "" if status in (0, 1) else f" (exit {status}: {stderr.strip()[-200:]})"
        print(f"| {name} | {size_of(path) / 1e6:.2f} | {content / 1e6:.0f} | {seconds:.1f} | {peak:.0f}{note} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    one = sub.add_parser("report")
    one.add_argument("size_mb", type=float)
    one.add_argument("--corpus")
    one.add_argument("--reuse", action="store_true", help="keep the report and parts of the last run of this corpus (measure the readers only)")
    many = sub.add_parser("documents")
    many.add_argument("counts", type=int, nargs="+")
    sub.add_parser("inputs")
    args = parser.parse_args()
    if args.mode == "report":
        report(args.size_mb, args.corpus, args.reuse)
    elif args.mode == "documents":
        documents(args.counts)
    else:
        inputs()


if __name__ == "__main__":
    main()
