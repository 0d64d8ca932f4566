import CCGIngest
import CCGModel
import CCGPipeline
import CCGTestSupport
import Foundation
import Testing

/// What an untrusted input folder can hold besides pages: links out of it, named pipes, links to nothing,
/// folders named like pages, names that are canonically equivalent. Each is read or named in `errors`, and
/// nothing outside the folder is read unless asked for.
@Suite struct InputFolderWalkTests {
    static let secret = "The text of a file outside the input folder that must never reach a report."

    /// `in/` with one good page; `outside.txt` beside it holds `secret`.
    static func folder() throws -> (root: URL, input: URL) {
        let root = try Fixtures.temporaryDirectory()
        let input = root.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: input.appendingPathComponent("good.txt").path)
        try Data(secret.utf8).write(to: root.appendingPathComponent("outside.txt"))
        return (root, input)
    }

    @Test func aLinkThatLeavesTheInputFolderIsNamedAndNotRead() throws {
        let (root, input) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("x.txt").path, withDestinationPath: root.appendingPathComponent("outside.txt").path)
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("up.txt").path, withDestinationPath: "../outside.txt")
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("etc").path, withDestinationPath: root.path)
        let run = try HostileInputTests.run([input.path])
        #expect(HostileInputTests.analysed(run) == ["good.txt"])
        #expect(!run.report.bytes.contains(Data(Self.secret.utf8)))
        for name in ["x.txt", "up.txt"] {
            #expect(HostileInputTests.error(for: name, in: run)?.message.contains("a symbolic link that leaves the input folder") == true)
        }
        #expect(HostileInputTests.error(for: "etc", in: run)?.message.contains("a symbolic link to a folder outside the input") == true)
        // Opted in, the link is read.
        let followed = InputDiscovery.find([input.path], options: .init(followLinks: true))
        #expect(followed.files.contains(input.appendingPathComponent("x.txt").path) && followed.problems.isEmpty)
    }

    @Test func aLinkInsideTheFolderIsRead() throws {
        let (root, input) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: input.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("sub/same.txt").path, withDestinationPath: "../good.txt")
        let found = InputDiscovery.find([input.path])
        #expect(found.files == [input.appendingPathComponent("good.txt").path, input.appendingPathComponent("sub/same.txt").path])
        #expect(found.problems.isEmpty)
    }

    /// A FIFO named like a page blocked the run forever in `open`; it is named, never opened, and the batch
    /// goes on. Named on the command line it is refused the same way.
    @Test(.timeLimit(.minutes(1))) func aNamedPipeIsNotOpened() throws {
        let (root, input) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let pipe = input.appendingPathComponent("pipe.html").path
        try #require(mkfifo(pipe, 0o644) == 0)
        let run = try HostileInputTests.run([input.path])
        #expect(HostileInputTests.analysed(run) == ["good.txt"])
        #expect(HostileInputTests.error(for: "pipe.html", in: run)?.message.contains("a named pipe (FIFO)") == true)
        let named = try HostileInputTests.run([Fixtures.debateText, pipe])
        #expect(HostileInputTests.error(for: "pipe.html", in: named)?.message.contains("a named pipe (FIFO)") == true)
        #expect(named.documents == 1)
        // Read directly, the ingester refuses it from the open descriptor, without waiting for a writer.
        #expect(throws: (any Error).self) { try Ingester.read(pipe) }
    }

    @Test func aDanglingLinkAndAFolderNamedLikeAPageAreNamed() throws {
        let (root, input) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("gone.html").path, withDestinationPath: root.appendingPathComponent("nothing-here").path)
        try FileManager.default.createDirectory(at: input.appendingPathComponent("folder.html"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: input.appendingPathComponent("linked.html").path, withDestinationPath: "folder.html")
        let run = try HostileInputTests.run([input.path])
        let linked = try #require(HostileInputTests.error(for: "linked.html", in: run))
        #expect(linked.severity == .warning && linked.message.contains("a symbolic link to a folder inside the input"))
        #expect(HostileInputTests.error(for: "gone.html", in: run)?.message.contains("a symbolic link to nothing") == true)
        let folder = try #require(HostileInputTests.error(for: "folder.html", in: run))
        #expect(folder.severity == .warning && folder.message.contains("a folder with a document's name"))
        #expect(run.failedDocuments == 1, "the dangling link is an input not read; the folder is a warning")
    }

    /// NFC "café.txt" and NFD "café.txt" are two files on Linux: both are read, in byte order, run after run.
    @Test func namesThatAreCanonicallyEquivalentAreTwoFiles() throws {
        let (root, input) = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let composed = input.path + "/caf\u{E9}.txt", decomposed = input.path + "/cafe\u{301}.txt"
        try Data("The CCG met in the café and agreed the budget, which pleased the practices.".utf8).write(to: URL(fileURLWithPath: composed))
        try Data("The CCG met in the café and cut the budget, which angered every practice.".utf8).write(to: URL(fileURLWithPath: decomposed))
        let found = InputDiscovery.find([input.path])
        #expect(found.files.map { Array($0.utf8) } == [decomposed, composed, input.path + "/good.txt"].map { Array($0.utf8) })
        let first = try HostileInputTests.run([input.path]), second = try HostileInputTests.run([input.path])
        #expect(first.documents == 3)
        let sources = first.report.documents.compactMap { $0["source"]?.stringValue.map { Array($0.utf8) } }
        #expect(sources == [decomposed, composed, input.path + "/good.txt"].map { Array($0.utf8) })
        let results = { (run: WrittenRun) in run.report.json.objectValue?.filter { $0.key != "run" } }
        #expect(results(first) == results(second))
    }
}
