#!/usr/bin/env bash
# How the inputs that used to cost time in the square of their size scale now (docs/limits.md): a page of
# N comments, a comment export whose replies form one chain N deep, a unit of N sentences ("Yes. " × N).
# Each size is made here (the same bytes every time), analysed by the release build with every analyser,
# RUNS times; prints the median seconds and the time per item, so a linear cost shows as a flat last column.
#   bash scripts/hostile-scaling.sh [RUNS]      (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
swift build -c release >/dev/null
binary="$PWD/.build/release/ccgtext"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$binary" "$work" "$runs" <<'EOF'
import json, os, statistics, subprocess, sys, time

binary, work, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
words = ("the ccg budget cut practice patients money services community hospital gp board meeting plan care "
         "nurse waiting list funding target council review").split()
state = [7]

def text(count):
    out = []
    for _ in range(count):
        state[0] = (state[0] * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        out.append(words[(state[0] >> 33) % len(words)])
    return " ".join(out) + "."

def page(n):
    parts = ["<html><head><title>Are CCGs a failed experiment?</title></head><body><article><h1>Are CCGs a failed experiment?</h1>"]
    parts += ["<p>%s</p>" % text(60) for _ in range(5)]
    parts.append("</article><section id='comments'><ol class='commentlist'>")
    for i in range(n):
        parts.append("<li class='comment'><div class='comment-author vcard'><cite class='fn'>User %d</cite></div>"
                     "<div class='comment-meta'>12 May 2015 at 10:%02d</div><p>%s</p></li>" % (i % 500, i % 50 + 10, text(30)))
    parts.append("</ol></section></body></html>")
    return "".join(parts), "comments.html"

def chain(n):
    lines = [json.dumps({"id": str(i + 1), "parent_id": str(i) if i else "", "thread": "t1", "author": "u%d" % (i % 50), "text": text(20)})
             for i in range(n)]
    return "\n".join(lines) + "\n", "chain.jsonl"

def sentences(n):
    return "Yes. " * n, "yes.txt"

print("| input | size | median s | ms per 1,000 |")
print("|---|---|---|---|")
for name, make, sizes in [("page of N comments", page, [2500, 5000, 10000]), ("reply chain N deep (JSON Lines)", chain, [5000, 10000, 20000]),
                          ("unit of N sentences", sentences, [50000, 100000, 200000])]:
    for n in sizes:
        state[0] = 7
        content, file_name = make(n)
        path = os.path.join(work, file_name)
        with open(path, "w") as handle:
            handle.write(content)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([binary, "analyze", path, "-o", os.path.join(work, "report.json"), "-q", "--jobs", "1"], check=True)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        print(f"| {name} | {n:,} ({len(content.encode()) / 1e6:.1f} MB) | {median:.2f} | {median / n * 1e6:.0f} |")
EOF
