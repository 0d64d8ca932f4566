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


def without_run(path):
    """The report's bytes with `run` cut out (compact reports: `,"run":{…}` before `,"tool":`)."""
    data = pathlib.Path(path).read_bytes()
    start, end = data.find(b',"run":{'), data.rfind(b',"tool":{')
    return data if start < 0 or end < 0 else data[:start] + data[end:]


def report(size_mb, corpus):
    corpus = pathlib.Path(corpus or f".bench-corpora/mixed-{size_mb:g}MB")
    if not corpus.exists():
        subprocess.run([sys.executable, "scripts/make_bench_corpus.py", str(size_mb), str(corpus), "--mixed"], check=True)
    work = pathlib.Path(".bench-corpora/work")
    work.mkdir(parents=True, exist_ok=True)
    output = work / "report.json"
    input_bytes = size_of(corpus)
    rows = []
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
        run_measured([BINARY, "analyze", str(corpus), "-o", str(part), "--jobs", "2", "--quiet", "--shard", f"{index}/2"])
        parts.append(str(part))
    merged = work / "merged.json"
    seconds, peak, status, stderr = run_measured([BINARY, "merge", *parts, "-o", str(merged), "--quiet"])
    identical = without_run(merged) == without_run(output)
    rows.append(("merge (2 shards)", seconds, peak, ("byte-identical to the unsharded report outside run" if identical else "DIFFERS from the unsharded report") + ("" if status in (0, 1) else f"; exit {status}")))
    print(f"corpus {corpus}: {sum(1 for f in corpus.rglob('*') if f.is_file())} files, {input_bytes / 1e6:.1f} MB")
    print("| command | seconds | peak MB | |")
    print("|---|---|---|---|")
    for name, seconds, peak, note in rows:
        print(f"| {name} | {seconds:.1f} | {peak:.0f} | {note} |")
    if not identical:
        sys.exit(1)


def last_unit_key(path):
    """`<document id>/<unit id>` of the report's last unit, found without loading the report."""
    data = pathlib.Path(path).read_bytes()
    at = data.rfind(b'"id":"', 0, data.rfind(b'"units":['))
    document = data[at + 6:data.index(b'"', at + 6)].decode()
    units = data.rfind(b'"units":[')
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    one = sub.add_parser("report")
    one.add_argument("size_mb", type=float)
    one.add_argument("--corpus")
    many = sub.add_parser("documents")
    many.add_argument("counts", type=int, nargs="+")
    args = parser.parse_args()
    if args.mode == "report":
        report(args.size_mb, args.corpus)
    else:
        documents(args.counts)


if __name__ == "__main__":
    main()
