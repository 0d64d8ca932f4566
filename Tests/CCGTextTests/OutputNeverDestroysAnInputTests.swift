import CCGModel
import CCGPipeline
import CCGTestSupport
import Foundation
import Testing

/// An output path that names an input, or two outputs that are one file, stop the run before any work
/// (exit 2) and leave every file as it was; ccgtext's own earlier outputs inside an input folder are
/// replaced as before (`HostileInputTests.theRunsOwnOutputsInsideTheInputFolderAreNotInputs`).
@Suite struct OutputNeverDestroysAnInputTests {
    /// A folder `in/` with a text page, an HTML page, a second HTML page and a user's comment export named
    /// `units.csv`, as the hostile runs had it.
    static func inputs() throws -> (folder: URL, files: [String: Data]) {
        let folder = try Fixtures.temporaryDirectory()
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: input.appendingPathComponent("a.txt").path)
        try FileManager.default.copyItem(atPath: Fixtures.debateHTML, toPath: input.appendingPathComponent("page.html").path)
        try FileManager.default.copyItem(atPath: Fixtures.debateHTML, toPath: input.appendingPathComponent("other.html").path)
        try Data("id,author,text\n1,Ann,The CCG cut the budget again and nobody asked us.\n".utf8).write(to: input.appendingPathComponent("units.csv"))
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: input.path) {
            files[name] = try Data(contentsOf: input.appendingPathComponent(name))
        }
        return (folder, files)
    }

    @Test(arguments: [
        ["-o", "in/page.html"],
        ["-o", "out.json", "--html", "in/other.html"],
        ["-o", "out.json", "--csv", "in"],
        ["-o", "out.json", "--jsonl", "in/a.txt"],
        ["-o", "out.json", "--sqlite", "in/units.csv"],
        ["-o", "in/./page.html"],
    ])
    func anOutputThatNamesAnInputIsRefusedBeforeAnyWork(options: [String]) throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let (folder, files) = try Self.inputs()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandLineTests.run(["analyze", "in/"] + options, in: folder)
        #expect(result.status == 2, "\(options): \(result.stderr)")
        #expect(result.stderr.contains("which is one of the inputs and not an output ccgtext wrote"), "\(result.stderr)")
        for (name, bytes) in files {
            #expect((try? Data(contentsOf: folder.appendingPathComponent("in/\(name)"))) == bytes, "\(options) changed in/\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.json").path))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("in").path)
        #expect(Set(left) == Set(files.keys), "nothing is added to the input folder either: \(left)")
    }

    /// The report and a CSV table, and an output and another's staging name (`--html X` kept its document
    /// sections in `X.documents`, which `--jsonl X.documents` also staged in).
    @Test(arguments: [
        (["-o", "D/units.csv", "--csv", "D"], "would both write"),
        (["-o", "out.json", "--html", "X", "--jsonl", "X"], "would both write"),
        (["-o", "out.json", "--html", "X", "--jsonl", "X.documents"], ""),
        (["-o", "out.json", "--csv", "D", "--jsonl", "D/aggregates.csv"], "would both write"),
        (["-o", "out.json", "--sqlite", "out.json"], "would both write"),
        (["-o", "D"], "names a folder"),
    ])
    func outputsThatAreOneFileAreRefused(options: [String], message: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let (folder, _) = try Self.inputs()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("D"), withIntermediateDirectories: true)
        let result = try CommandLineTests.run(["analyze", "in/", "-q"] + options, in: folder)
        if message.isEmpty {
            // Distinct names with distinct staging files: both written, each with its own content.
            #expect(result.status == 0, "\(result.stderr)")
            let html = try String(contentsOf: folder.appendingPathComponent("X"), encoding: .utf8)
            let lines = try String(contentsOf: folder.appendingPathComponent("X.documents"), encoding: .utf8)
            #expect(html.hasPrefix("<!doctype html>") && lines.hasPrefix("{\"analyses\":"))
        } else {
            #expect(result.status == 2, "\(options): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
    }

    /// The configuration, a plugin's manifest and a file a setting names are inputs of the run too.
    @Test func theConfigurationAndAnalyserFilesAreNotOverwritten() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let configuration = "{\"analysers\": [\"sentiment\", \"hedges\"]}"
        try configuration.write(to: folder.appendingPathComponent("ccgtext.json"), atomically: true, encoding: .utf8)
        let manifest = Fixtures.root.appendingPathComponent("corpora/plugins/readability.plugin.json").path
        let manifestBytes = try Data(contentsOf: URL(fileURLWithPath: manifest))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("model.json"))
        for options in [["-o", "ccgtext.json"], ["-o", "r.json", "--plugin", manifest, "--jsonl", manifest], ["-o", "r.json", "--model", "model.json", "--html", "./model.json"]] {
            let result = try CommandLineTests.run(["analyze", Fixtures.debateText, "-q"] + options, in: folder)
            #expect(result.status == 2 && result.stderr.contains("which is one of the inputs"), "\(options): \(result.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("ccgtext.json"), encoding: .utf8) == configuration)
        #expect(try Data(contentsOf: URL(fileURLWithPath: manifest)) == manifestBytes)
        #expect(try Data(contentsOf: folder.appendingPathComponent("model.json")) == Data("{}".utf8))
    }

    /// The commands that read data and write a model, scores or a merged report refuse to write over what
    /// they read, however the path is spelt.
    @Test func trainEvalAndMergeDoNotWriteOverWhatTheyRead() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gold = "id\ttext\tlabel\na\tI love it.\tpositive\nb\tI hate it.\tnegative\nc\tIt is a table.\tneutral\n"
        try gold.write(to: folder.appendingPathComponent("gold.tsv"), atomically: true, encoding: .utf8)
        let part = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", "part.json", "--shard", "0/1", "-q"], in: folder)
        #expect(part.status == 0, "\(part.stderr)")
        let partBytes = try Data(contentsOf: folder.appendingPathComponent("part.json"))
        for arguments in [
            ["train", "sentiment-labels", "--gold", "gold.tsv", "-o", "./gold.tsv"],
            ["eval", "sentiment", "--gold", "gold.tsv", "--write-scores", "gold.tsv"],
            ["eval", "stance", "--gold", "gold.tsv", "--write-scores", "../\(folder.lastPathComponent)/gold.tsv"],
            ["merge", "part.json", "-o", "./part.json"],
        ] {
            let result = try CommandLineTests.run(arguments, in: folder)
            #expect(result.status == 2 && result.stderr.contains("would overwrite"), "\(arguments): \(result.stderr)")
        }
        #expect(try String(contentsOf: folder.appendingPathComponent("gold.tsv"), encoding: .utf8) == gold)
        #expect(try Data(contentsOf: folder.appendingPathComponent("part.json")) == partBytes)
    }

    /// Every output's own names, checked without a run: the staging names of two outputs never meet.
    @Test func theGuardComparesDirectoryEntriesNotSpellings() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inside = folder.appendingPathComponent("a")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: inside.path)
        #expect(OutputGuard.key(inside.appendingPathComponent("x.json").path) == OutputGuard.key(folder.path + "/link/../a/./x.json"))
        #expect(OutputGuard.key(folder.path + "/link/x.json") == OutputGuard.key(inside.appendingPathComponent("x.json").path))
        // NFC and NFD are two names on Linux.
        #expect(OutputGuard.key(folder.path + "/caf\u{E9}.json") != OutputGuard.key(folder.path + "/cafe\u{301}.json"))
        #expect(throws: OutputGuard.Conflict.self) {
            try OutputGuard.check(
                report: folder.path + "/link/x.json", exporters: [],
                inputs: InputDiscovery.Found(files: [inside.appendingPathComponent("x.json").path], problems: []))
        }
    }
}
