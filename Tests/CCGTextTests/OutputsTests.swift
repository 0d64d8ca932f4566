import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import Testing

@testable import CCGExport

/// The report's other forms (HTML, CSV, SQLite, JSON Lines), `explain`, `kwic` and the progress display,
/// each checked against the JSON report of the same run.
@Suite struct OutputsTests {
    /// One `analyze` of the sample corpus with every output, shared by the tests that read them.
    struct SampleRun {
        var folder: URL
        var report: JSONValue
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        static func make() throws -> SampleRun {
            let folder = try Fixtures.temporaryDirectory()
            let result = try CommandLineTests.run([
                "analyze", Fixtures.corpus.path, "-o", folder.appendingPathComponent("report.json").path, "--quiet",
                "--html", folder.appendingPathComponent("report.html").path, "--csv", folder.appendingPathComponent("csv").path,
                "--sqlite", folder.appendingPathComponent("report.sqlite").path, "--jsonl", folder.appendingPathComponent("units.jsonl").path,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let data = try Data(contentsOf: folder.appendingPathComponent("report.json"))
            return SampleRun(folder: folder, report: try JSONDecoder().decode(JSONValue.self, from: data))
        }
    }

    static func requireBinary() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
    }

    /// CSV through Python's csv module and pandas, the database through SQLite, the JSON Lines through
    /// Python's json: same rows, labels, scores, evidence and aggregates as the JSON report.
    @Test func csvSQLiteAndJSONLinesAgreeWithTheReport() throws {
        try Self.requireBinary()
        let run = try SampleRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let checker = Fixtures.root.appendingPathComponent("Tests/Scripts/check_outputs.py").path
        let result = try CommandLineTests.execute(
            "/usr/bin/env", ["python3", checker, run.path("report.json"), run.path("csv"), run.path("report.sqlite"), run.path("units.jsonl")])
        if result.stdout.contains("No module named 'pandas'") || result.stderr.contains("No module named 'pandas'") {
            Issue.record("pandas is not installed: run `bash scripts/setup.sh --no-run` (it installs pandas for these checks)")
        }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" passed, 0 failed"), "\(result.stdout)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: run.folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
    }

    /// The HTML page: self-contained, one block per unit, each debate's chart with the report's counts.
    @Test func htmlPageIsSelfContainedAndShowsTheReportsFigures() throws {
        try Self.requireBinary()
        let run = try SampleRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let html = try String(contentsOfFile: run.path("report.html"), encoding: .utf8)
        for external in ["<script", " src=", "<link", "url(", "@import"] { #expect(!html.contains(external), "the page loads \(external)") }
        #expect(html.hasPrefix("<!doctype html>") && html.hasSuffix("</html>\n"))
        let units = run.report["corpus"]?["units"]?.numberValue.map { Int($0) } ?? -1
        #expect(html.components(separatedBy: "<div class=\"unit\"").count - 1 == units)
        for document in run.report["documents"]?.arrayValue ?? [] {
            for unit in document["units"]?.arrayValue ?? [] {
                let key = "\(document["id"]?.stringValue ?? "")/\(unit["id"]?.stringValue ?? "")"
                #expect(html.contains("id=\"unit-\(key)\""), "no block for \(key)")
            }
        }
        let motions = run.report["corpus"]?["analyses"]?["stance"]?["motions"]?.arrayValue ?? []
        #expect(!motions.isEmpty)
        for motion in motions {
            let title = HTMLText.escape(motion["motion"]?.stringValue ?? "")
            #expect(html.contains("Stance toward “\(title)”"))
            let comments = motion["comments"]
            let favor = Int(comments?["favor"]?.numberValue ?? 0), against = Int(comments?["against"]?.numberValue ?? 0)
            let total = favor + against + Int(comments?["none"]?.numberValue ?? 0)
            if total > 0 {
                let line = "n=\(total): \(SVGChart.format(100 * Double(favor) / Double(total)))% for, \(SVGChart.format(100 * Double(against) / Double(total)))% against"
                #expect(html.contains(line), "the chart of “\(title)” lacks \(line)")
            }
        }
        for section in ["id=\"overview\"", "id=\"debates\"", "id=\"sentiment\"", "id=\"themes\"", "id=\"time\"", "id=\"documents\""] {
            #expect(html.contains(section))
        }
        #expect(html.contains("Sentiment scores of \(units) units"))
    }

    /// `ccgtext export` makes the same bytes from the report file as `analyze` made during the run.
    @Test func exportFromTheReportFileGivesTheSameOutputs() throws {
        try Self.requireBinary()
        let run = try SampleRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let result = try CommandLineTests.run([
            "export", run.path("report.json"), "--html", run.path("again.html"), "--csv", run.path("again"), "--jsonl", run.path("again.jsonl"),
            "--sqlite", run.path("again.sqlite"),
        ])
        #expect(result.status == 0, "\(result.stderr)")
        for (first, second) in [
            ("report.html", "again.html"), ("units.jsonl", "again.jsonl"), ("csv/units.csv", "again/units.csv"),
            ("csv/documents.csv", "again/documents.csv"), ("csv/aggregates.csv", "again/aggregates.csv"),
        ] {
            #expect(FileManager.default.contents(atPath: run.path(first)) == FileManager.default.contents(atPath: run.path(second)), "\(first) differs")
        }
        let clash = try CommandLineTests.run(["export", run.path("report.json"), "--html", run.path("report.json")])
        #expect(clash.status == 2 && clash.stderr.contains("would overwrite") && clash.stderr.contains("which is one of the inputs"), "\(clash.stderr)")
        let none = try CommandLineTests.run(["export", run.path("report.json")])
        #expect(none.status == 2 && none.stderr.contains("name at least one output"))
        let notReport = try CommandLineTests.run(["export", Fixtures.debateText, "--csv", run.path("x")])
        #expect(notReport.status == 4 && notReport.stderr.contains("is not JSON"), "\(notReport.stderr)")
    }

    @Test func csvQuotesAsRFC4180Says() {
        #expect(CSVExporter.line(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", nil, ""]) == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,\r\n")
    }

    @Test func htmlTextEscapesMarkup() {
        #expect(HTMLText.escape("<script>alert('x') & \"y\"</script>") == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    }

    /// Overlapping cues of two analysers: the shared stretch carries both; duplicates and cues outside the text are dropped.
    @Test func evidenceSegmentsSplitWhereCuesOverlap() {
        let sentiment = EvidenceMark(analyser: "sentiment", cue: "idiom", text: "not bad", start: 0, end: 7, weight: 1.2)
        let stance = EvidenceMark(analyser: "stance", cue: "sentiment-toward-target", text: "bad", start: 4, end: 7, weight: nil)
        let segments = EvidenceMarkup.segments(of: "not bad at all — café", marks: [stance, sentiment, sentiment])
        #expect(segments.map(\.text) == ["not ", "bad", " at all — café"])
        #expect(segments.map { $0.marks.map(\.analyser) } == [["sentiment"], ["stance", "sentiment"], []])
        let unit: JSONValue = .object([
            "text": .string("é ok"),
            "analyses": .object([
                "sentiment": .object(["evidence": .array([
                    .object(["start": .number(2), "end": .number(4), "cue": .string("lexicon"), "text": .string("ok")]),
                    .object(["start": .number(3), "end": .number(40), "cue": .string("lexicon"), "text": .string("past the end")]),
                    .object(["start": .number(0), "end": .number(0), "cue": .string("parent"), "text": .string("")]),
                ])])
            ]),
        ])
        #expect(EvidenceMarkup.marks(in: unit).map(\.text) == ["ok"])
        #expect(EvidenceMarkup.unplacedCues(in: unit).map(\.cue) == ["parent"])
        // Offsets are Unicode scalars: "é" is one.
        #expect(EvidenceMarkup.segments(of: "é ok", marks: EvidenceMarkup.marks(in: unit)).map(\.text) == ["é ", "ok"])
    }

    /// Matching is case- and accent-insensitive, `*` is a wildcard, phrases stay in one sentence.
    @Test func concordanceMatchesNormalisedTokens() throws {
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        let text = "The CAFÉ culture of commissioning. Cafe culture met commissioners; the café’s staff said “no”."
        let document = tokenizer.tokenize(
            Document(source: "t.txt", format: .text, kind: .article, units: [TextUnit(id: "u1", type: .body, author: "A. Writer", text: text)]))
        func find(_ term: String, window: Int = 2) throws -> [Concordance.Line] {
            try #require(Concordance(term: term, window: window)).lines(in: document, documentID: "d")
        }
        #expect(try find("cafe").map(\.match) == ["CAFÉ", "Cafe"])
        #expect(try find("café culture").map(\.match) == ["CAFÉ culture", "Cafe culture"])
        #expect(try find("commission*").map(\.match) == ["commissioning", "commissioners"])
        #expect(try find("*sion*").count == 2)
        #expect(try find("café's").map(\.match) == ["café’s"])
        #expect(try find("commissioning cafe").isEmpty, "a phrase does not cross a sentence end")
        let line = try #require(try find("culture").first)
        #expect(line.left == "The CAFÉ " && line.right == " of commissioning" && line.author == "A. Writer" && line.unit == "u1")
        let last = try #require(try find("commissioners").first)
        #expect(last.left == "culture met " && last.right == "; the café’s", "punctuation between words stays in the context")
        #expect(line.start == 9 && line.end == 16)
        #expect(Concordance(term: "  ") == nil)
    }

    @Test func kwicCommandPrintsLinesWithTheirUnits() throws {
        try Self.requireBinary()
        let result = try CommandLineTests.run(["kwic", "failed experiment*", Fixtures.debateText, "--window", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[failed experiment]"))
        #expect(result.stdout.contains("002_1a94dbf4a3711592.txt u"))
        let tsv = try CommandLineTests.run(["kwic", "CCGS", Fixtures.debateText, "--format", "tsv"])
        #expect(tsv.stdout.hasPrefix("document\tsource\tunit\tauthor\tleft\tmatch\tright\tstart\tend\n"))
        #expect(tsv.stdout.split(separator: "\n").count > 10)
        let missing = try CommandLineTests.run(["kwic", "zzyzx", Fixtures.debateText])
        #expect(missing.status == 1 && missing.stderr.contains("0 lines"))
    }

    @Test func explainShowsTheEvidenceAndEachDecision() throws {
        try Self.requireBinary()
        let run = try SampleRun.make()
        defer { try? FileManager.default.removeItem(at: run.folder) }
        let debate = try #require(run.report["documents"]?.arrayValue?.first { $0["kind"]?.stringValue == "debate" && $0["format"]?.stringValue == "html" })
        let comment = try #require(debate["units"]?.arrayValue?.first { $0["type"]?.stringValue == "comment" && $0["analyses"]?["stance"]?["label"]?.stringValue == "favor" })
        let key = "\(debate["id"]?.stringValue ?? "")/\(comment["id"]?.stringValue ?? "")"
        let plain = try CommandLineTests.run(["explain", run.path("report.json"), key])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!plain.stdout.contains("\u{1B}["), "no colour when not a terminal")
        #expect(plain.stdout.contains("stance: favor") && plain.stdout.contains("confidence"))
        #expect(plain.stdout.contains("sentiment: ") && plain.stdout.contains("]{1"))
        let bySource = try CommandLineTests.run(["explain", run.path("report.json"), "\(debate["source"]?.stringValue ?? "")/\(comment["id"]?.stringValue ?? "")", "--colour", "always"])
        #expect(bySource.status == 0 && bySource.stdout.contains("\u{1B}["))
        let missing = try CommandLineTests.run(["explain", run.path("report.json"), "nope/u1"])
        #expect(missing.status == 2 && missing.stderr.contains("no unit nope/u1"))
    }

    /// The bar, drawn in place under a pseudo-terminal (`script` from util-linux gives the run one).
    @Test func progressBarUnderAPseudoTerminal() throws {
        try Self.requireBinary()
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux `script` is needed for a pseudo-terminal")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let command = [CommandLineTests.binary, "analyze", Fixtures.corpus.path, "-o", folder.appendingPathComponent("r.json").path].map { "'\($0)'" }.joined(separator: " ")
        let result = try CommandLineTests.execute("/usr/bin/script", ["-qfec", command, "/dev/null"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("\r\u{1B}[K[") && result.stdout.contains("] 0/10 files (0%)"), "\(result.stdout.debugDescription)")
        #expect(result.stdout.contains("[############################] 10/10 files (100%)"))
        #expect(result.stdout.contains("10/10 files (100%)") && result.stdout.contains("; writing the report"))
        #expect(result.stdout.contains("Analysed 10 documents"))
    }

    /// Plain lines with `--progress` when stderr is a pipe; nothing without it, nor with `--quiet`; one line a file with `--verbose`.
    @Test func progressLinesWhenNotATerminal() throws {
        try Self.requireBinary()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("r.json").path
        let lines = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", output, "--progress", "--progress-interval", "0.001"])
        #expect(lines.status == 0)
        let progress = lines.stderr.split(separator: "\n").filter { $0.hasPrefix("ccgtext: ") && $0.contains(" files (") }
        #expect(progress.first == "ccgtext: 0/10 files (0%)", "\(lines.stderr)")
        #expect(progress.last?.hasPrefix("ccgtext: 10/10 files (100%)") == true && progress.last?.hasSuffix("; writing the report") == true)
        #expect(progress.count >= 3 && !lines.stderr.contains("\r"), "\(lines.stderr)")
        let plain = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", output])
        #expect(!plain.stderr.contains(" files (") && plain.stderr.contains("Analysed 10 documents"))
        let quiet = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", output, "--progress", "--quiet"])
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        let verbose = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", output, "--verbose"])
        #expect(verbose.stderr.split(separator: "\n").filter { $0.contains(" ms, ") && $0.contains(" kB, 1 document") }.count == 10, "\(verbose.stderr)")
    }
}
