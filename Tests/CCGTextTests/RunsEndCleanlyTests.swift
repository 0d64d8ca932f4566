import CCGAnalysers
import CCGIngest
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// A run stopped while it writes, a cache it cannot write, staging files a killed run left, messages that
/// must not depend on hash order, and the smaller edges of the hostile round: booleans as ids, UTF-16
/// without a byte-order mark, a merge part whose summaries are not ccgtext's.
@Suite struct RunsEndCleanlyTests {
    static func analysers() throws -> [AnyAnalyser] {
        try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
    }

    /// Asks the run to stop once it starts writing, as a SIGTERM then would.
    final class StopWhileWriting: ProgressObserver, @unchecked Sendable {
        let cancellation: Cancellation
        init(_ cancellation: Cancellation) { self.cancellation = cancellation }
        func started(files: Int, bytes: UInt64) {}
        func finished(_ file: FileProgress) {}
        func writing() { cancellation.cancel(because: "interrupted (SIGTERM)") }
    }

    /// The report is finished whole, and the run knows it was asked to stop (`analyze` then exits 143).
    @Test func aStopWhileTheReportIsWrittenFinishesItFirst() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cancellation = Cancellation()
        let output = folder.appendingPathComponent("report.json").path
        let outcome = try Pipeline(
            configuration: .init(
                paths: [Fixtures.corpus.path], lexicons: Fixtures.lexicons, analysers: try Self.analysers(), jobs: 2,
                progress: StopWhileWriting(cancellation), cancellation: cancellation)
        ).run(writingTo: output)
        #expect(outcome.stopped == nil && outcome.output == output && cancellation.cancelled != nil)
        let report = try JSONValueParser.parse(Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(report["documents"]?.arrayValue?.count == 10)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
        // Stopped before writing, nothing is written.
        let early = Cancellation()
        early.cancel(because: "interrupted (SIGINT)")
        #expect(early.beginWriting() == "interrupted (SIGINT)" && !early.isWriting)
    }

    @Test func stagingFilesOfDeadRunsAreRemovedAndLiveOnesKept() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pid no process has, from the top of the kernel's range: the pids just past the running ones are
        // the next to be handed out, and the ccgtext started below once took the one chosen there.
        let limit = (try? String(contentsOfFile: "/proc/sys/kernel/pid_max", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 32768
        let dead = try #require(stride(from: limit - 1, to: max(limit - 5000, 2), by: -1).first { kill($0, 0) != 0 && errno == ESRCH })
        let live = getpid()
        let names = [".report.json.\(dead).tmp", ".page.html.\(dead).tmp", ".page.html.\(dead).sections.tmp", ".report.json.\(live).tmp", ".notes.txt.\(dead).tmp"]
        for name in names { FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data("x".utf8)) }
        let result = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", "report.json", "--html", "page.html", "-q"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(left == ["report.json", "page.html", ".report.json.\(live).tmp", ".notes.txt.\(dead).tmp"], "\(left)")
        // The registry a second signal empties.
        let path = folder.appendingPathComponent(".x.\(live).tmp").path
        FileManager.default.createFile(atPath: path, contents: nil)
        TemporaryFiles.register(path)
        TemporaryFiles.removeAll()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A cache folder that cannot be written is said, not silent.
    final class BreakTheCache: ProgressObserver, @unchecked Sendable {
        let cache: URL
        init(_ cache: URL) { self.cache = cache }
        func started(files: Int, bytes: UInt64) {
            try? FileManager.default.removeItem(at: cache)
            FileManager.default.createFile(atPath: cache.path, contents: Data("not a folder".utf8))
        }
        func finished(_ file: FileProgress) {}
        func writing() {}
    }

    @Test func aCacheThatCannotBeWrittenIsReported() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache")
        let outcome = try Pipeline(
            configuration: .init(
                paths: [Fixtures.debateText], lexicons: Fixtures.lexicons, analysers: try Self.analysers(), jobs: 1, cache: cache.path,
                progress: BreakTheCache(cache))
        ).run(writingTo: folder.appendingPathComponent("report.json").path)
        #expect(outcome.documents == 1)
        #expect(outcome.notCached?.files == 1, "\(String(describing: outcome.notCached))")
    }

    /// Out-of-range numbers in several fields of a line: the warning is ccgtext's own, the same every run
    /// (each run is a new process, with a new hash seed).
    @Test func messagesDoNotDependOnHashOrder() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var lines = "{\"id\": \"1\", \"text\": \"The CCG cut the budget for community services again this year.\"}\n"
        lines += "{\"id\": \"2\", \"a\": 1e999, \"b\": -2e999, \"c\": 3e400, \"d\": 4e500, \"e\": 5e600, \"text\": \"Out of range numbers everywhere in this line.\"}\n"
        try lines.write(to: folder.appendingPathComponent("export.jsonl"), atomically: true, encoding: .utf8)
        var reports: Set<Data> = []
        for _ in 0..<4 {
            let result = try CommandLineTests.run(["analyze", "export.jsonl", "-o", "report.json", "-q"], in: folder)
            #expect(result.stderr.contains("a number too large to represent"), "\(result.stderr)")
            var report = try JSONValueParser.parse(Data(contentsOf: folder.appendingPathComponent("report.json"))).objectValue ?? [:]
            report["run"] = nil
            reports.insert(try JSONTextWriter.compact(.object(report)).withUnsafeBufferPointer { Data($0) })
        }
        #expect(reports.count == 1)
    }

    @Test func aBooleanIsNoThreadAndUTF16WithoutAMarkIsRead() throws {
        let ingester = try Ingester(lexicons: Fixtures.lexicons)
        let export = """
            {"id": "1", "thread": true, "text": "The CCG cut the budget for community services again."}
            {"id": "2", "thread": "1", "text": "A different thread, about waiting lists at the practice."}

            """
        let outcome = try ingester.ingest(bytes: Array(export.utf8), source: "export.jsonl")
        #expect(outcome.documents.count == 2, "thread true is not thread \"1\": \(outcome.documents.map(\.source))")
        let text = "Are CCGs a failed experiment?\n\nThe CCG cut the budget for community services again, and nobody asked the GPs."
        for bigEndian in [false, true] {
            let bytes = text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            let read = try ingester.ingest(bytes: bytes, source: "page.txt")
            #expect(read.documents[0].units.map(\.text).joined(separator: "\n").contains("nobody asked the GPs"))
            #expect(read.warnings.contains { $0.contains("no byte-order mark; read as UTF-16\(bigEndian ? "BE" : "LE")") })
        }
    }

    @Test func aMergePartWithSummariesThatAreNotCcgtextsIsAUsageError() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let part = folder.appendingPathComponent("part.json").path
        let made = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", part, "--shard", "0/1", "-q", "--analysers", "sentiment"])
        #expect(made.status == 0, "\(made.stderr)")
        var report = try JSONValueParser.parse(Data(contentsOf: URL(fileURLWithPath: part))).objectValue ?? [:]
        var documents = report["documents"]?.arrayValue ?? []
        var first = documents[0].objectValue ?? [:]
        first["analyses"] = .object(["sentiment": .null])
        documents[0] = .object(first)
        report["documents"] = .array(documents)
        try Data(try JSONTextWriter.compact(.object(report))).write(to: URL(fileURLWithPath: part))
        let merged = try CommandLineTests.run(["merge", part, "-o", folder.appendingPathComponent("m.json").path])
        #expect(merged.status == 2, "\(merged.status): \(merged.stderr)")
        #expect(merged.stderr.contains("summaries in the parts are not in the form sentiment writes"), "\(merged.stderr)")
    }
}
