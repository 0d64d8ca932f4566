import CCGModel
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// A run stopped by SIGINT or SIGTERM leaves no report and no temporary file, says how far it got, and
/// `--resume` then writes the report an uninterrupted run writes.
@Suite struct InterruptedRunTests {
    /// The sample corpus twelve times over (120 files): long enough to be stopped midway in a debug build.
    static func corpus(in folder: URL) throws -> URL {
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }
        for copy in 0..<12 {
            for name in names {
                try FileManager.default.copyItem(
                    at: Fixtures.corpus.appendingPathComponent(name), to: corpus.appendingPathComponent(String(format: "%02d-", copy) + name))
            }
        }
        return corpus
    }

    static func files(under folder: URL) -> Int {
        (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.count
    }

    /// Starts `analyze`, waits until the cache holds more than `after` files' results, sends `signal`, and returns the exit status and stderr.
    static func interrupt(_ arguments: [String], cache: URL, after: Int, with signal: Int32) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, files(under: cache) <= after, Date() < deadline { usleep(20_000) }
        kill(process.processIdentifier, signal)
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr, as: UTF8.self))
    }

    @Test func stoppedRunsLeaveNothingAndResumeToTheSameReport() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder)
        let output = folder.appendingPathComponent("out")
        let cache = folder.appendingPathComponent("cache")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let report = output.appendingPathComponent("report.json").path
        let arguments = ["analyze", corpus.path, "-o", report, "--cache", cache.path, "--jobs", "2"]

        let first = try Self.interrupt(arguments, cache: cache, after: 10, with: SIGINT)
        #expect(first.status == 130, "\(first.stderr)")
        #expect(first.stderr.contains("interrupted (SIGINT) after ") && first.stderr.contains("of 120 files; no report written; run the same command with --resume"), "\(first.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty, "the stopped run left files behind")
        let keptAfterFirst = Self.files(under: cache)
        #expect(keptAfterFirst > 10 && keptAfterFirst < 120)

        let second = try Self.interrupt(arguments + ["--resume"], cache: cache, after: keptAfterFirst + 10, with: SIGTERM)
        #expect(second.status == 143, "\(second.stderr)")
        #expect(second.stderr.contains("interrupted (SIGTERM) after "), "\(second.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).isEmpty)

        let resumed = try CommandLineTests.run(arguments + ["--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("--resume: reading back the results kept in"))

        let clean = folder.appendingPathComponent("clean.json").path
        let uninterrupted = try CommandLineTests.run(["analyze", corpus.path, "-o", clean, "--jobs", "2"])
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        #expect(try ShardMergeCacheTests.withoutRun(report) == ShardMergeCacheTests.withoutRun(clean), "the resumed report differs from an uninterrupted run's")
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["report.json"])
    }

    @Test func resumeNeedsTheCacheFolder() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let result = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", "/tmp/never.json", "--resume"])
        #expect(result.status == 2 && result.stderr.contains("--resume needs the --cache folder"))
    }
}
