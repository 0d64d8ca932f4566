import CCGModel
import CCGTestSupport
import Foundation
import Testing

/// What a plugin can do wrong beyond `ExternalPluginTests`: numbers no report can hold, a batch number that
/// is not one, helpers left running, an exit while a helper holds its output, floods of blank lines. And
/// the result cache: an incomplete analysis is never kept, and a damaged entry is a miss.
@Suite(.serialized) struct PluginsCannotBreakTheRunTests {
    /// A plugin whose answer for each unit is `answer` (a Python expression over `u`, the unit, and `m`,
    /// the batch message), after `before` (Python statements run once at start).
    static func plugin(in folder: URL, id: String, answer: String, before: String = "", extra: String = "") throws -> String {
        let script = """
            import json, os, subprocess, sys
            \(before)
            for line in sys.stdin:
                m = json.loads(line)
                if m["type"] == "hello":
                    sys.stdout.write(json.dumps({"type": "hello", "protocol": 1, "id": "\(id)", "version": "1.0.0"}) + "\\n"); sys.stdout.flush()
                elif m["type"] == "batch":
                    for u in m["units"]:
                        sys.stdout.write(\(answer) + "\\n")
                    sys.stdout.flush()
            """
        try script.write(to: folder.appendingPathComponent("\(id).py"), atomically: true, encoding: .utf8)
        let manifest = """
            { "id": "\(id)", "version": "1.0.0", "command": ["python3", "\(id).py"], "needs": [],
              "fields": { "label": { "type": "label", "values": ["x"] }, "size": { "type": "number" } }\(extra) }
            """
        let path = folder.appendingPathComponent("\(id).plugin.json").path
        try manifest.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func analyse(_ manifest: String, in folder: URL, extra: [String] = []) throws -> (status: Int32, stderr: String, report: JSONValue?) {
        let output = folder.appendingPathComponent("report.json").path
        try? FileManager.default.removeItem(atPath: output)
        let result = try CommandLineTests.run(["analyze", Fixtures.debateText, Fixtures.corpus.appendingPathComponent("000_76cff8764e637c07.txt").path,
                                               "-o", output, "--plugin", manifest, "-q"] + extra)
        let report = FileManager.default.contents(atPath: output).flatMap { try? JSONValueParser.parse($0) }
        return (result.status, result.stderr, report)
    }

    static func result(_ u: String) -> String { "json.dumps({\"type\": \"result\", \"batch\": m[\"batch\"], \"unit\": u[\"id\"], \"result\": \(u)})" }

    @Test func numbersNoReportCanHoldAreThatUnitsError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Every unit 1.7e308 in the declared number (the sum overflowed); the second unit also 1e999 undeclared.
        let huge = try Self.plugin(
            in: folder, id: "huge",
            answer: #"json.dumps({"type": "result", "batch": m["batch"], "unit": u["id"], "result": {"label": "x", "size": 1.7e308}}).replace("}}", ', "extra": 1e999}}' if u["id"] == "u2" else "}}")"#)
        let run = try Self.analyse(huge, in: folder)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(run.report, "a report is written: \(run.stderr)")
        #expect(report["corpus"]?["documents"]?.numberValue == 2)
        #expect(run.stderr.contains("beyond ±1e100"), "\(run.stderr)")
        #expect(run.stderr.contains("a number too large to represent"), "\(run.stderr)")
        let units = (report["documents"]?.arrayValue ?? []).flatMap { $0["units"]?.arrayValue ?? [] }
        #expect(units.allSatisfy { $0["analyses"]?["sentiment"] != nil }, "the other analysers' results are intact")
        #expect(units.allSatisfy { $0["analyses"]?["huge"] == nil })
    }

    /// Evidence offsets of 1e300 from a plugin trapped `Int(_:)` in the HTML page, the database and explain.
    @Test func hugeEvidenceOffsetsDoNotCrashTheExports() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let manifest = try Self.plugin(
            in: folder, id: "offsets",
            answer: Self.result(#"{"label": "x", "evidence": [{"start": 1e300, "end": -1e300, "cue": "far", "weight": 1e300}]}"#))
        let outputs = ["--html", "r.html", "--sqlite", "r.sqlite", "--csv", "tables", "--jsonl", "r.jsonl"].map { $0.hasPrefix("--") ? $0 : folder.appendingPathComponent($0).path }
        let run = try Self.analyse(manifest, in: folder, extra: outputs)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(run.report)
        let document = try #require(report["documents"]?.arrayValue?.first)
        let key = "\(document["id"]?.stringValue ?? "")/\(document["units"]?.arrayValue?.last?["id"]?.stringValue ?? "")"
        let explained = try CommandLineTests.run(["explain", folder.appendingPathComponent("report.json").path, key, "--colour", "always"])
        #expect(explained.status == 0, "\(explained.stderr)")
    }

    @Test func aBatchNumberThatIsNotTheBatchIsAViolation() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for batch in ["m[\"batch\"] + 0.7", "1e300"] {
            let manifest = try Self.plugin(
                in: folder, id: "fraction", answer: "json.dumps({\"type\": \"result\", \"batch\": \(batch), \"unit\": u[\"id\"], \"result\": {\"label\": \"x\"}})")
            let run = try Self.analyse(manifest, in: folder)
            #expect(run.status == 1 && run.stderr.contains("answered for batch"), "\(batch): \(run.stderr)")
            #expect(run.report?["corpus"]?["documents"]?.numberValue == 2)
        }
    }

    /// Whether a process whose command line contains `marker` is running.
    static func running(_ marker: String) -> Bool {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { $0.allSatisfy(\.isNumber) } ?? []
        return pids.contains { pid in
            guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: line.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(marker)
        }
    }

    @Test func helpersAPluginStartsEndWithTheRun() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "301.\(Int.random(in: 100_000...999_999))"
        let manifest = try Self.plugin(
            in: folder, id: "spawner", answer: Self.result(#"{"label": "x"}"#),
            before: "subprocess.Popen([\"sleep\", \"\(marker)\"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")
        let run = try Self.analyse(manifest, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        usleep(200_000)
        #expect(!Self.running(marker), "the plugin's helper (sleep \(marker)) outlived the run")
    }

    @Test func aPluginThatExitsWhileAHelperHoldsItsOutputIsOverAtOnce() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let marker = "302.\(Int.random(in: 100_000...999_999))"
        // Answers the hello, starts a helper that inherits its output, and exits at the first batch.
        let manifest = try Self.plugin(
            in: folder, id: "quitter", answer: "(subprocess.Popen([\"sleep\", \"\(marker)\"]), sys.exit(0))[1] or ''",
            extra: #", "timeoutSeconds": 30, "maxFailures": 1"#)
        let started = Date()
        let run = try Self.analyse(manifest, in: folder)
        let seconds = Date().timeIntervalSince(started)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("closed its output before answering"), "\(run.stderr)")
        #expect(seconds < 20, "the run waited for the 30 s time-out (\(seconds) s) although the plugin had exited")
        usleep(200_000)
        #expect(!Self.running(marker))
    }

    @Test func aFloodOfBlankLinesCostsLinearTime() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 13 MB of blank lines before each answer took 40 s of CPU, one line removed from the buffer at a time.
        let manifest = try Self.plugin(
            in: folder, id: "blank", answer: "('\\n' * 13_000_000 if u is m['units'][0] else '') + " + Self.result(#"{"label": "x"}"#), extra: #", "batchSize": 1000"#)
        let started = Date()
        let run = try Self.analyse(manifest, in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Date().timeIntervalSince(started) < 30)
    }

    /// A plugin disabled after its failures leaves documents without its results: they are not cached, so
    /// the next run (the plugin mended) gives them to it. A damaged entry is a miss, not part of a report.
    @Test func theCacheKeepsOnlyCompleteAndIntactResults() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken").path
        FileManager.default.createFile(atPath: broken, contents: Data())
        let manifest = try Self.plugin(
            in: folder, id: "flaky", answer: Self.result(#"{"label": "x"}"#),
            before: "if os.path.exists(\"\(broken)\"): sys.exit(3)", extra: #", "maxFailures": 1"#)
        let cache = ["--cache", folder.appendingPathComponent("cache").path, "--jobs", "1"]
        let first = try Self.analyse(manifest, in: folder, extra: cache)
        #expect(first.status == 1, "\(first.stderr)")
        try FileManager.default.removeItem(atPath: broken)
        let second = try Self.analyse(manifest, in: folder, extra: cache)
        #expect(second.status == 0, "\(second.stderr)")
        let units = (second.report?["documents"]?.arrayValue ?? []).flatMap { $0["units"]?.arrayValue ?? [] }
        #expect(!units.isEmpty && units.filter { $0["type"]?.stringValue != "headline" }.allSatisfy { $0["analyses"]?["flaky"] != nil })
        #expect(second.report?["run"]?["cache"]?["hits"]?.numberValue == 0, "nothing from the broken run was kept")

        // Damage one byte of every entry's payload: each is a miss, and the report is the clean one.
        let third = try Self.analyse(manifest, in: folder, extra: cache)
        #expect(third.report?["run"]?["cache"]?["hits"]?.numberValue == 2)
        let entries = FileManager.default.enumerator(atPath: folder.appendingPathComponent("cache").path)?.compactMap { $0 as? String }
            .map { folder.appendingPathComponent("cache").appendingPathComponent($0).path }
            .filter { var isDirectory: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue } ?? []
        #expect(entries.count == 2)
        for entry in entries {
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: entry)))
            bytes[bytes.count - 10] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: entry))
        }
        let damaged = try Self.analyse(manifest, in: folder, extra: cache)
        #expect(damaged.status == 0, "\(damaged.stderr)")
        #expect(damaged.report?["run"]?["cache"]?["hits"]?.numberValue == 0)
        let results = { (report: JSONValue?) in report?.objectValue?.filter { $0.key != "run" } }
        #expect(results(damaged.report) == results(second.report))
    }
}
