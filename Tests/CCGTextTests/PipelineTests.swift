import CCGAnalysers
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

@Suite struct PipelineTests {
    static func run(_ paths: [String], jobs: Int = 2) throws -> WrittenRun {
        let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
        return try Pipeline(configuration: .init(paths: paths, lexicons: Fixtures.lexicons, analysers: analysers, jobs: jobs)).run()
    }

    static func withoutRun(_ report: WrittenReport) throws -> Data {
        guard case .object(var object) = report.json else { return Data() }
        object["run"] = nil
        return try Report.encode(.object(object))
    }

    @Test func sampleCorpusReportValidatesAndIsDeterministic() throws {
        let one = try Self.run([Fixtures.corpus.path], jobs: 1)
        let two = try Self.run([Fixtures.corpus.path], jobs: 2)
        #expect(one.documents == 10 && one.failedDocuments == 0)
        let failures = try SchemaValidator(schemaAt: Fixtures.schema).validate(one.report.json)
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(try Self.withoutRun(one.report) == Self.withoutRun(two.report))
        let sources = one.report.documents.compactMap { $0["source"]?.stringValue }
        #expect(sources == sources.sorted())
        let stance = try #require(one.report.json["corpus"]?["analyses"]?["stance"]?["motions"]?.arrayValue)
        #expect(stance.contains { $0["motion"]?.stringValue == "Are CCGs a failed experiment?" && $0["documents"]?.numberValue == 2 })
        // Debate sections carry their side as stance.
        let debate = try #require(one.report.documents.first { $0["source"]?.stringValue?.hasSuffix("002_1a94dbf4a3711592.html") == true })
        let sections = debate["units"]?.arrayValue?.filter { $0["type"]?.stringValue == "section" } ?? []
        #expect(sections.map { $0["analyses"]?["stance"]?["label"]?.stringValue } == ["favor", "against"])
    }

    @Test func badInputsAreReportedAndTheBatchGoesOn() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("good.txt")
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: good.path)
        try Data().write(to: folder.appendingPathComponent("empty.txt"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00] + Array(repeating: 0, count: 64)).write(to: folder.appendingPathComponent("binary.txt"))
        try Data(Array("Caf".utf8) + [0xE9, 0xFF] + Array(" and the budget was cut again this year.".utf8)).write(to: folder.appendingPathComponent("latin1.txt"))
        let html = try String(contentsOfFile: Fixtures.debateHTML, encoding: .utf8)
        try Data(html.utf8.prefix(html.utf8.count / 2)).write(to: folder.appendingPathComponent("truncated.html"))
        let missing = folder.appendingPathComponent("missing.html").path

        let outcome = try Self.run([folder.path, missing])
        let messages = Dictionary(outcome.report.errors.map { (($0.source as NSString).lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(messages["empty.txt"]?.message == "empty file: nothing to analyse")
        #expect(messages["binary.txt"]?.message.hasPrefix("binary file") == true)
        #expect(messages["latin1.txt"]?.severity == .warning)
        #expect(messages["missing.html"]?.message == "no such file or directory")
        // good.txt, latin1.txt and the truncated page are analysed; the rest are reported.
        let analysed = Set(outcome.report.documents.compactMap { $0["source"]?.stringValue.map { ($0 as NSString).lastPathComponent } })
        #expect(analysed == ["good.txt", "latin1.txt", "truncated.html"])
        let truncated = try #require(outcome.report.documents.first { $0["source"]?.stringValue?.hasSuffix("truncated.html") == true })
        #expect(truncated["debate"]?["motion"]?.stringValue == "Are CCGs a failed experiment?")
        #expect(try SchemaValidator(schemaAt: Fixtures.schema).validate(outcome.report.json).isEmpty)
    }

    @Test func folderWithNoReadableDocuments() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data().write(to: folder.appendingPathComponent("empty.html"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.md"))
        let outcome = try Self.run([folder.path])
        #expect(outcome.documents == 0 && outcome.filesFound == 1)
        #expect(outcome.report.errors.map(\.message) == ["empty file: nothing to analyse"])
    }

    @Test func reportIsWrittenAtomically() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.json").path
        try Report.writeAtomically(Data("{}".utf8), to: path)
        try Report.writeAtomically(Data("{\"a\":1}".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\":1}")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }
}

/// Runs the built `ccgtext` binary, as an analyst would.
@Suite struct CommandLineTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ccgtext").path
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try execute(binary, arguments, in: directory)
    }

    /// Runs a program to its end and collects its output.
    static func execute(_ executable: String, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func analyzeWritesAReportAndSummary() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.json").path
        let result = try Self.run(["analyze", Fixtures.corpus.path, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Analysed 10 documents"))
        #expect(result.stderr.contains("Are CCGs a failed experiment?"))
        #expect(FileManager.default.fileExists(atPath: output))
        let summary = try Self.run(["summary", output])
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.contains("Debate: “Are CCGs a failed experiment?”"))
        #expect(summary.stdout.contains("Comments by author role"))
        #expect(summary.stdout.contains("Themes by side: “Are CCGs a failed experiment?”"))
        #expect(summary.stdout.contains("YES: talks about ownership_influence"))
        let notReport = try Self.run(["summary", Fixtures.debateText])
        #expect(notReport.status == 4 && notReport.stderr.contains("is not a ccgtext report"))
    }

    /// The README's main job (scripts/setup.sh): the sample corpus with its example plugin (named, since
    /// plugins in input folders run only when asked for) and the shipped dictionary, each in the units and
    /// the aggregates.
    @Test func analyzeCorporaRunsThePluginAndTheDictionary() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.json").path
        let plugin = ["--plugin", "corpora/plugins/readability.plugin.json"]
        let result = try Self.run(["analyze", "corpora/", "-o", output] + plugin, in: Fixtures.root)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(report["errors"]?.arrayValue?.isEmpty == true, "\(report["errors"] ?? .null)")
        let analysers = report["run"]?["analysers"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(analysers == ["sentiment", "stance", "themes", "hedges", "readability", "health-policy-talk"])
        let units = report["documents"]?.arrayValue?.flatMap { $0["units"]?.arrayValue ?? [] } ?? []
        let comments = units.filter { $0["type"]?.stringValue == "comment" }
        #expect(!comments.isEmpty && comments.allSatisfy { $0["analyses"]?["readability"]?["label"]?.stringValue != nil })
        #expect(units.allSatisfy { $0["analyses"]?["health-policy-talk"]?["words"] != nil })
        let readability = try #require(report["corpus"]?["analyses"]?["readability"]?["all"])
        #expect(readability["units"]?.numberValue == Double(units.filter { $0["type"]?.stringValue != "headline" }.count))
        #expect((readability["fields"]?["fleschReadingEase"]?["mean"]?.numberValue ?? 0) > 0)
        #expect((report["corpus"]?["analyses"]?["health-policy-talk"]?["all"]?["matched"]?.numberValue ?? 0) > 0)
        let failures = try SchemaValidator(schemaAt: Fixtures.schema).validate(report)
        #expect(failures.isEmpty, "\(failures.prefix(5))")

        let listing = try Self.run(["analysers", "corpora/", "--discover-plugins"], in: Fixtures.root)
        #expect(listing.stdout.contains("readability\t1.0.0\texternal corpora/plugins/readability.plugin.json\t"))
        #expect(listing.stdout.contains("health-policy-talk\tsha256:"))
        #expect(listing.stdout.contains("hedges\t1.0.0\tbuilt-in\t"))
        let without = try Self.run(["analyze", "corpora/", "-o", output, "--without", "readability,themes", "-q"] + plugin, in: Fixtures.root)
        #expect(without.status == 0, "\(without.stderr)")
        let lighter = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(lighter["run"]?["analysers"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["sentiment", "stance", "hedges", "health-policy-talk"])
    }

    @Test func evalScoresAnyAnalysersLabels() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gold = folder.appendingPathComponent("gold.tsv")
        try "id\ttext\tlabel\na\tPerhaps it could work.\ttentative\nb\tClearly it failed.\tassertive\nc\tThe board met.\tplain\n"
            .write(to: gold, atomically: true, encoding: .utf8)
        let hedges = try Self.run(["eval", "hedges", "--gold", gold.path, "--field", "label", "--json"])
        #expect(hedges.status == 0, "\(hedges.stderr)")
        let figures = try JSONDecoder().decode(JSONValue.self, from: Data(hedges.stdout.utf8))
        #expect(figures["accuracy"]?.numberValue == 1 && figures["items"]?.numberValue == 3)
        let plugin = try Self.run(["eval", "readability", "--gold", gold.path, "--plugin", "corpora/plugins/readability.plugin.json"], in: Fixtures.root)
        #expect(plugin.status == 0 && plugin.stdout.contains("analyser      readability (external corpora/plugins/readability.plugin.json), field label"), "\(plugin.stderr)")
        let sentiment = try Self.run(["eval", "sentiment", "--gold", gold.path, "--field", "label"])
        #expect(sentiment.status == 0 && sentiment.stdout.contains("analyser      sentiment (built-in)"))
        let unknown = try Self.run(["eval", "nonsense", "--gold", gold.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown analyser nonsense"))
    }

    @Test func configurationChoosesAnalysersAndSettings() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"analysers": ["sentiment", "hedges", "tiny"], "settings": {"sentiment": {"overlay": "none"}}, "dictionaries": ["tiny.dic"], "lexicons": "LEX"}"#
            .replacingOccurrences(of: "LEX", with: Fixtures.lexicons.root.path)
            .write(to: folder.appendingPathComponent("ccgtext.json"), atomically: true, encoding: .utf8)
        try "%\n1\tmoney\n%\nfund*\t1\n".write(to: folder.appendingPathComponent("tiny.dic"), atomically: true, encoding: .utf8)
        let result = try Self.run(["analyze", Fixtures.debateText, "-o", "report.json", "-q"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: folder.appendingPathComponent("report.json")))
        #expect(report["run"]?["analysers"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["sentiment", "hedges", "tiny"])
        #expect(report["run"]?["config"]?["sentiment"]?["overlay"]?.stringValue == "none")
        try "%\n1\tmoney\n%\nfund*\t7\n".write(to: folder.appendingPathComponent("tiny.dic"), atomically: true, encoding: .utf8)
        let broken = try Self.run(["analyze", Fixtures.debateText, "-o", "report.json"], in: folder)
        #expect(broken.status == 4 && broken.stderr.contains("tiny.dic:4: entry 'fund*' names category 7"), "\(broken.stderr)")
    }

    @Test func exitCodesAndMessages() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Self.run(["analyze", "/nonexistent/path", "-o", folder.appendingPathComponent("r.json").path])
        #expect(missing.status == 3 && missing.stderr.contains("no such file or directory"))
        let partial = try Self.run(["analyze", Fixtures.debateText, "/nonexistent.html", "-o", folder.appendingPathComponent("r.json").path])
        #expect(partial.status == 1)
        let usage = try Self.run(["analyze", Fixtures.debateText, "--analysers", "nonsense"])
        #expect(usage.status == 2)
        let badOption = try Self.run(["eval", "sentiment", "--gold", "x", "--repeat", "0"])
        #expect(badOption.status == 2 && badOption.stderr.contains("--repeat must be at least 1"))
        #expect(usage.stderr.contains("unknown analyser nonsense"))
        let listing = try Self.run(["analysers"])
        #expect(listing.stdout.contains("sentiment\t") && listing.stdout.contains("stance\t") && listing.stdout.contains("themes\t"))
        let ingest = try Self.run(["extract", "--format", "json", Fixtures.debateHTML])
        #expect(ingest.status == 0 && ingest.stdout.contains("\"motion\" : \"Are CCGs a failed experiment?\""))
    }
}
