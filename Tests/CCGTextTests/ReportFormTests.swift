import CCGExport
import CCGModel
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// The report's layout (`--pretty`), how much evidence it keeps (`--evidence`), and reading it back a
/// document at a time (`ReportReader`).
@Suite struct ReportFormTests {
    /// A compact report and a pretty one of the same run hold the same values; so do their merges.
    @Test func compactAndPrettyReportsDecodeToTheSameValues() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let compact = folder.appendingPathComponent("compact.json").path
        let pretty = folder.appendingPathComponent("pretty.json").path
        for (path, extra) in [(compact, [String]()), (pretty, ["--pretty"])] {
            let run = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", path, "-q"] + extra)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let compactText = try String(contentsOfFile: compact, encoding: .utf8)
        let prettyText = try String(contentsOfFile: pretty, encoding: .utf8)
        #expect(compactText.split(separator: "\n").count == 1 && prettyText.split(separator: "\n").count > 1000)
        #expect(compactText.utf8.count * 2 < prettyText.utf8.count)
        var values = try [compact, pretty].map { try ShardMergeCacheTests.json($0) }
        for index in values.indices {
            guard case .object(var object) = values[index], case .object(var run)? = object["run"], case .object(var config)? = run["config"] else {
                Issue.record("no run.config")
                return
            }
            #expect(config["report"]?["evidence"]?.stringValue == "full")
            config["report"] = nil
            run = ["config": .object(config)]
            object["run"] = .object(run)
            values[index] = .object(object)
        }
        #expect(values[0] == values[1])
        #expect(try SchemaValidator(schemaAt: Fixtures.schema).validate(ShardMergeCacheTests.json(pretty)).isEmpty)

        // Shards of a pretty run merge into the pretty report, byte for byte outside `run`.
        var parts: [String] = []
        for index in 0..<2 {
            let part = folder.appendingPathComponent("part\(index).json").path
            let run = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", part, "--shard", "\(index)/2", "--pretty", "-q"])
            #expect(run.status == 0, "\(run.stderr)")
            parts.append(part)
        }
        let merged = folder.appendingPathComponent("merged.json").path
        let merge = try CommandLineTests.run(["merge"] + parts + ["-o", merged, "-q"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try ShardMergeCacheTests.withoutRun(merged) == ShardMergeCacheTests.withoutRun(pretty))
    }

    /// A span's words are left out only when they are the unit's text between its offsets, and put back
    /// exactly; cues that are not spans, and words that differ from the span, keep their text.
    @Test func evidenceSpansLoseTheirWordsAndGetThemBack() throws {
        let text = "Ωμέγα 🙂 — the budget “failed” badly"
        let analyses: [String: JSONValue] = [
            "sentiment": .object([
                "label": .string("negative"),
                "evidence": .array([
                    .object(["text": .string("failed"), "start": .number(22), "end": .number(28), "cue": .string("lexicon"), "weight": .number(-2)]),
                    .object(["text": .string("bad"), "start": .number(30), "end": .number(35), "cue": .string("lexicon"), "weight": .number(-1)]),
                    .object(["text": .string("the parent was against"), "start": .number(0), "end": .number(0), "cue": .string("context")]),
                    .object(["text": .string("Ωμέγα"), "start": .number(0), "end": .number(5), "cue": .string("lexicon"), "weight": .number(0.5)]),
                ]),
            ]),
            "plain": .object(["label": .string("x")]),
        ]
        let kept = ReportForm.default.unitAnalyses(analyses, text: text)
        let items = try #require(kept["sentiment"]?["evidence"]?.arrayValue)
        #expect(items.map { $0["text"]?.stringValue } == [nil, "bad", "the parent was against", nil])
        #expect(kept["plain"] == analyses["plain"])
        let unit: JSONValue = .object(["id": .string("u1"), "text": .string(text), "analyses": .object(kept)])
        let restored = EvidenceSpans.restore(unit: unit)
        #expect(restored["analyses"] == .object(analyses))

        let labels = ReportForm(evidence: .labels).unitAnalyses(analyses, text: text)
        #expect(labels["sentiment"]?["evidence"]?.arrayValue?.map { $0["cue"]?.stringValue ?? "" } == ["lexicon", "lexicon", "lexicon"])
        #expect(labels["sentiment"]?["evidence"]?.arrayValue?.map { $0["weight"]?.numberValue ?? 0 } == [-2, -1, 0.5])
        let none = ReportForm(evidence: .none).unitAnalyses(analyses, text: text)
        #expect(none["sentiment"]?["evidence"] == nil && none["sentiment"]?["label"]?.stringValue == "negative")
    }

    /// `--evidence labels` and `none` write valid, smaller reports with the same labels, and say so in
    /// `run.config.report`.
    @Test func lighterEvidenceKeepsEveryLabel() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var sizes: [Int] = []
        var labels: [[String]] = []
        for level in ["full", "labels", "none"] {
            let path = folder.appendingPathComponent("\(level).json").path
            let run = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", path, "-q", "--evidence", level])
            #expect(run.status == 0, "\(run.stderr)")
            let report = try ShardMergeCacheTests.json(path)
            #expect(try SchemaValidator(schemaAt: Fixtures.schema).validate(report).isEmpty)
            #expect(report["run"]?["config"]?["report"]?["evidence"]?.stringValue == level)
            let units = report["documents"]?.arrayValue?.flatMap { $0["units"]?.arrayValue ?? [] } ?? []
            labels.append(units.map { "\($0["analyses"]?["stance"]?["label"]?.stringValue ?? "")/\($0["analyses"]?["sentiment"]?["label"]?.stringValue ?? "")" })
            let evidence = units.flatMap { unit in (unit["analyses"]?.objectValue ?? [:]).values.map { $0["evidence"]?.arrayValue?.count } }
            switch level {
            case "labels": #expect(evidence.allSatisfy { ($0 ?? 0) <= ReportForm.cuesPerLabel })
            case "none": #expect(evidence.allSatisfy { $0 == nil })
            default: #expect(evidence.contains { ($0 ?? 0) > ReportForm.cuesPerLabel })
            }
            sizes.append(try Data(contentsOf: URL(fileURLWithPath: path)).count)
        }
        #expect(labels[0] == labels[1] && labels[1] == labels[2])
        #expect(sizes[0] > sizes[1] && sizes[1] > sizes[2])
        let bad = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", folder.appendingPathComponent("x.json").path, "--evidence", "some"])
        #expect(bad.status == 2, "\(bad.stderr)")
    }

    /// The reader hands documents one at a time, stops when asked, finds values whose strings hold
    /// brackets, quotes and escapes, and refuses text that is not a report's JSON.
    @Test func theReaderStreamsDocumentsAndRefusesDamage() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.json").path
        let tricky = #"{"source":"a ] } [ { \" \\","units":[],"n":-1.5e3,"t":true,"z":null}"#
        try Data(#" { "contractVersion" : 1, "corpus":{"documents":3}, "documents" : [ \#(tricky) , {"source":"b"},{"source":"c"} ] , "errors":[] }"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let reader = try ReportReader(path: path)
        #expect(reader.documentCount == 3)
        #expect(reader.envelope["corpus"]?["documents"]?.numberValue == 3 && reader.envelope["documents"] == .array([]))
        var sources: [String] = []
        try reader.forEachDocument { document in
            sources.append(document["source"]?.stringValue ?? "")
            #expect(sources.count > 1 || document["n"]?.numberValue == -1500)
            return sources.count < 2
        }
        #expect(sources == [#"a ] } [ { " \"#, "b"])
        for damaged in [#"{"documents":[{"a":1},{"b":]}"#, #"{"documents":[{"a":1}"#, #"{"documents":[]} x"#, #"[1,2]"#, #"{"documents":[{"a":"open}]}"#, ""] {
            try Data(damaged.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: ReportReader.Unreadable.self, "\(damaged)") {
                let reader = try ReportReader(path: path)
                try reader.forEachDocument { _ in true }
            }
        }
        #expect(throws: ReportReader.Unreadable.self) { try ReportReader(path: folder.appendingPathComponent("missing.json").path) }
        try Data(#"{"contractVersion":1}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ReportReader.Unreadable.self) { try ReportReader(path: path) }
    }
}
