"""Times `ccgtext analyze` on a corpus: documents/s, MB/s of input, per-stage time and peak RSS, for each
--jobs value, the median of several runs (runs of different --jobs alternate, so a slow spell on a shared
machine falls on all of them). Prints a Markdown table for docs/performance.md.

    python3 scripts/benchmark.py CORPUS... [--runs 3] [--jobs 1,2] [--analysers sentiment,stance,themes]

Input MB counts HTML and text as read (a .gz file by its uncompressed size), in 10^6 bytes. Peak RSS is the
child process's maximum resident set (wait4's ru_maxrss). Per-stage times are summed over workers (so with
--jobs 2 they add up to about twice the wall time) and come from the report's run.timings of the median run;
"start-up + write" is the wall time outside the pipeline's own clock: process start, lexicons, writing the report.
"""
import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmark_common import machine_description

DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".text", ".json", ".jsonl", ".ndjson", ".csv", ".tsv")


def input_bytes(paths):
    """Bytes of input as ccgtext reads it: a gzip member by the size its trailer records."""
    total = files = 0
    for root in paths:
        candidates = [Path(root)] if Path(root).is_file() else Path(root).rglob("*")
        for path in candidates:
            name = path.name.lower()
            inner = name[:-3] if name.endswith(".gz") else name
            if not path.is_file() or not inner.endswith(DOCUMENT_SUFFIXES) or "plugins" in path.parts:
                continue
            files += 1
            if name.endswith(".gz"):
                with open(path, "rb") as handle:
                    handle.seek(-4, os.SEEK_END)
                    total += struct.unpack("<I", handle.read(4))[0]
            else:
                total += path.stat().st_size
    return total, files


def run_once(ccgtext, paths, jobs, analysers, output):
    """One run: wall seconds, peak RSS in MB, and the report's run and corpus."""
    command = [ccgtext, "analyze", *paths, "-o", output, "--jobs", str(jobs), "--quiet"]
    if analysers:
        command += ["--analysers", analysers]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"benchmark: ccgtext exited with {code}: {stderr.strip()[:2000]}")
    report = run_and_corpus(output)
    return wall, usage.ru_maxrss / 1024, report["run"], report["corpus"]


def run_and_corpus(path):
    """The report without its documents. Linux counts a parent's resident set at fork into the child's
    ru_maxrss (it survives exec), so this process must stay small: a large report held here would show as
    the next run's peak."""
    kept = []
    skipping = False
    with open(path) as handle:
        for line in handle:
            if skipping:
                if line.startswith("  ]"):
                    kept.append("  []" + line[3:])
                    skipping = False
            elif line.startswith('  "documents" : ['):
                kept.append('  "documents" :\n')
                skipping = True
            else:
                kept.append(line)
    return json.loads("".join(kept))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--analysers", default="sentiment,stance,themes", help="comma-separated ids; '' for all")
    parser.add_argument("--ccgtext", default=".build/release/ccgtext")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    jobs_values = [int(j) for j in args.jobs.split(",")]
    size, files = input_bytes(args.paths)
    runs = {jobs: [] for jobs in jobs_values}
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "report.json")
        for _ in range(args.runs):
            for jobs in jobs_values:
                runs[jobs].append(run_once(args.ccgtext, args.paths, jobs, args.analysers, output))
    print(f"{', '.join(args.paths)}: {files} files, {size / 1e6:.1f} MB; analysers {args.analysers or 'all'}; "
          f"median of {args.runs} runs; {machine_description()}")
    print()
    stages = sorted({stage for results in runs.values() for run in results for stage in run[2]["timings"]} - {"totalMs"})
    header = ["--jobs", "wall s", "documents/s", "MB/s", "peak RSS MB"] + [s[:-2] for s in stages] + ["start-up + write"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    figures = {}
    for jobs, results in runs.items():
        walls = [r[0] for r in results]
        median = statistics.median(walls)
        chosen = min(results, key=lambda r: abs(r[0] - median))
        documents = chosen[3]["documents"]
        rss = max(r[1] for r in results)
        row = [str(jobs), f"{median:.2f}", f"{documents / median:.1f}", f"{size / 1e6 / median:.2f}", f"{rss:.0f}"]
        row += [f"{chosen[2]['timings'].get(s, 0) / 1000:.2f}" for s in stages]
        # What the report cannot time: process start, reading lexicons, writing the report itself.
        row.append(f"{chosen[0] - chosen[2]['timings'].get('totalMs', 0) / 1000:.2f}")
        print("| " + " | ".join(row) + " |")
        figures[jobs] = {"wall": median, "walls": walls, "documents": documents, "units": chosen[3]["units"],
                         "megabytes": size / 1e6, "peakRSSMB": rss, "timings": chosen[2]["timings"]}
    if len(jobs_values) > 1:
        base = figures[jobs_values[0]]["wall"]
        print()
        for jobs in jobs_values[1:]:
            print(f"--jobs {jobs} is {base / figures[jobs]['wall']:.2f}x --jobs {jobs_values[0]}")
    if args.json:
        Path(args.json).write_text(json.dumps({"files": files, "bytes": size, "runs": figures}, indent=1))


if __name__ == "__main__":
    main()
