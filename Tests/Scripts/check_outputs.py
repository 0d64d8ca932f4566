"""Loads the outputs of `ccgtext analyze --csv --sqlite --jsonl` with the tools analysts use (Python's csv
module, pandas, SQLite through Python's sqlite3) and checks them against the JSON report of the same run:
same documents, units, labels, scores, evidence and aggregates. Run by Tests/CCGTextTests/OutputsTests.swift.

Usage: python3 check_outputs.py REPORT.json CSV_DIR DATABASE.sqlite UNITS.jsonl
Prints one line per check group and `N passed, 0 failed`; exits 1 on the first failed check.
"""
import collections
import csv
import json
import sqlite3
import sys

report_path, csv_dir, database_path, jsonl_path = sys.argv[1:5]
report = json.load(open(report_path, encoding="utf-8"))
# The report points at the words of an evidence span by its offsets alone (docs/outputs.md); the exports
# carry the words. Python indexes a str by code point, which is what the offsets count.
for document in report["documents"]:
    for unit in document["units"]:
        for result in unit["analyses"].values():
            for item in (result.get("evidence") or []) if isinstance(result, dict) else []:
                if "text" not in item and item["start"] < item["end"]:
                    item["text"] = unit["text"][item["start"]:item["end"]]
documents = report["documents"]
units = [(document, unit) for document in documents for unit in document["units"]]
passed = 0


def check(condition, message):
    global passed
    if not condition:
        print("FAILED: " + message)
        sys.exit(1)
    passed += 1


def number_text(value):
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def flatten(value, path=""):
    if isinstance(value, dict):
        for key in sorted(value):
            yield from flatten(value[key], f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from flatten(child, f"{path}[{index}]")
    else:
        yield path, value


def aggregate_rows():
    rows = []
    for analyser, summary in sorted(report["corpus"]["analyses"].items()):
        rows += [("corpus", "", analyser, metric, value) for metric, value in flatten(summary)]
    for document in documents:
        for analyser, summary in sorted(document["analyses"].items()):
            rows += [("document", document["id"], analyser, metric, value) for metric, value in flatten(summary)]
    return rows


def label(unit, analyser):
    return unit["analyses"].get(analyser, {}).get("label")


# --- CSV through the csv module (RFC 4180 dialect: the default excel one) ---
def read_csv(name):
    with open(f"{csv_dir}/{name}", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


document_rows = read_csv("documents.csv")
check(len(document_rows) == len(documents) == report["corpus"]["documents"], "documents.csv has one row per document")
check([row["id"] for row in document_rows] == [d["id"] for d in documents], "documents.csv is in report order with the report's ids")
check(all(row["units"] == str(len(d["units"])) for row, d in zip(document_rows, documents)), "documents.csv unit counts")
unit_rows = read_csv("units.csv")
check(len(unit_rows) == len(units) == report["corpus"]["units"], "units.csv has one row per unit")
for row, (document, unit) in zip(unit_rows, units):
    where = row["key"]
    check(row["key"] == f'{document["id"]}/{unit["id"]}' and row["unit"] == unit["id"], f"{where}: key")
    # A text a spreadsheet would run as a formula is written with a leading ' (docs/outputs.md).
    defused = unit["text"][:1] in ("=", "+", "-", "@", "\t", "\r")
    check(row["text"] == ("'" + unit["text"] if defused else unit["text"]), f"{where}: text survives quoting (commas, quotes, line breaks)")
    check(row["author"] == (unit["author"] or "") and row["role"] == (unit["role"] or ""), f"{where}: author and role")
    check(row["timestamp"] == (unit["timestamp"] or "") and row["reply_to"] == (unit["replyTo"] or ""), f"{where}: timestamp and replyTo")
    check(row["stance"] == (label(unit, "stance") or ""), f"{where}: stance label")
    check(row["sentiment"] == (label(unit, "sentiment") or ""), f"{where}: sentiment label")
    if "sentiment" in unit["analyses"]:
        check(float(row["sentiment_score"]) == unit["analyses"]["sentiment"]["score"], f"{where}: sentiment score")
    if "stance" in unit["analyses"]:
        check(float(row["stance_confidence"]) == unit["analyses"]["stance"]["confidence"], f"{where}: stance confidence")
aggregates = read_csv("aggregates.csv")
expected = aggregate_rows()
check(len(aggregates) == len(expected), f"aggregates.csv has {len(expected)} rows (one per figure)")
for row, (scope, document, analyser, metric, value) in zip(aggregates, expected):
    shown = "" if value is None else (("true" if value else "false") if isinstance(value, bool) else number_text(value) if isinstance(value, (int, float)) else value)
    check((row["scope"], row["document"], row["analyser"], row["metric"], row["value"]) == (scope, document, analyser, metric, shown), f"aggregate {scope} {analyser} {metric}")
print(f"csv module: {len(document_rows)} documents, {len(unit_rows)} units, {len(aggregates)} aggregate rows")

# --- pandas ---
import pandas  # noqa: E402  (installed by scripts/setup.sh)

frame = pandas.read_csv(f"{csv_dir}/units.csv", keep_default_na=False)
check(frame.shape[0] == len(units), "pandas reads every unit")
check(list(frame.columns)[:3] == ["key", "document", "source"], "pandas sees the header")
expected_stance = collections.Counter(label(unit, "stance") or "" for _, unit in units)
check(dict(frame["stance"].value_counts()) == dict(expected_stance), "pandas stance counts equal the report's")
check(pandas.read_csv(f"{csv_dir}/documents.csv").shape[0] == len(documents), "pandas reads every document")
check(pandas.read_csv(f"{csv_dir}/aggregates.csv").shape[0] == len(expected), "pandas reads every aggregate row")
corpus_stance = report["corpus"]["analyses"].get("stance", {}).get("all", {})
if corpus_stance:
    frame_aggregates = pandas.read_csv(f"{csv_dir}/aggregates.csv", keep_default_na=False)
    favor = frame_aggregates.query("scope == 'corpus' and analyser == 'stance' and metric == 'all.favor'")["value"]
    check(favor.astype(int).tolist() == [corpus_stance["favor"]], "pandas finds the corpus favor count")
print(f"pandas {pandas.__version__}: units {frame.shape}, stance counts {dict(sorted(expected_stance.items()))}")

# --- SQLite ---
connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
query = lambda sql, *args: connection.execute(sql, args).fetchall()  # noqa: E731
check(query("PRAGMA integrity_check") == [("ok",)], "SQLite integrity check")
check(query("SELECT count(*) FROM documents") == [(len(documents),)], "SQLite documents")
check(query("SELECT count(*) FROM units") == [(len(units),)], "SQLite units")
check(query("SELECT count(*) FROM unit_summary") == [(len(units),)], "SQLite unit_summary view")
analyses = [(f'{d["id"]}/{u["id"]}', analyser, result) for d, u in units for analyser, result in u["analyses"].items()]
check(query("SELECT count(*) FROM analyses") == [(len(analyses),)], "SQLite one analyses row per unit and analyser")
for key, analyser, result in analyses:
    stored = query("SELECT label, score, confidence, result FROM analyses WHERE unit = ? AND analyser = ?", key, analyser)
    check(len(stored) == 1 and json.loads(stored[0][3]) == result, f"SQLite {key} {analyser}: the whole result")
    check(stored[0][0] == result.get("label") and stored[0][1] == result.get("score") and stored[0][2] == result.get("confidence"), f"SQLite {key} {analyser}: label, score, confidence")
evidence = sum(len(result.get("evidence", []) or []) for _, _, result in analyses)
check(query("SELECT count(*) FROM evidence") == [(evidence,)], "SQLite evidence rows")
for analyser in sorted({a for _, a, _ in analyses}):
    counts = collections.Counter(r.get("label") for _, a, r in analyses if a == analyser)
    stored = dict(query("SELECT label, count(*) FROM analyses WHERE analyser = ? GROUP BY label", analyser))
    check(stored == dict(counts), f"SQLite {analyser} label counts")
check(query("SELECT count(*) FROM aggregates WHERE scope != 'run'") == [(len(expected),)], "SQLite aggregates")
check(query("SELECT count(*) FROM errors") == [(len(report["errors"]),)], "SQLite errors")
check(query("SELECT value FROM run WHERE key = 'contractVersion'") == [(report["contractVersion"],)], "SQLite run metadata")
indexes = {name for (name,) in query("SELECT name FROM sqlite_master WHERE type = 'index'")}
check({"units_author", "units_role", "units_timestamp", "analyses_label", "unit_themes_theme"} <= indexes, "SQLite indexes")
print(f"sqlite3 {sqlite3.sqlite_version}: {len(documents)} documents, {len(units)} units, {len(analyses)} analyses, {evidence} evidence rows")

# --- JSON Lines ---
lines = [json.loads(line) for line in open(jsonl_path, encoding="utf-8")]
check(len(lines) == len(units), "JSON Lines: one line per unit")
for line, (document, unit) in zip(lines, units):
    check(line["key"] == f'{document["id"]}/{unit["id"]}' and line["document"] == document["id"], f'JSON Lines {line["key"]}: key')
    check({k: v for k, v in line.items() if k not in ("key", "document", "source", "kind", "motion")} == unit, f'JSON Lines {line["key"]}: the unit as in the report')
print(f"json: {len(lines)} lines")
print(f"{passed} passed, 0 failed")
