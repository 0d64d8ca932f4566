import CCGAnalysers
import CCGIngest
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// Inputs a crawl or an analyst's folder can hold: each is reported (the limit named when a limit stopped
/// it) or read, and the rest of the batch is analysed.
@Suite struct HostileInputTests {
    static func run(_ paths: [String], limits: InputLimits = .defaults) throws -> WrittenRun {
        let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
        return try Pipeline(configuration: .init(paths: paths, lexicons: Fixtures.lexicons, analysers: analysers, jobs: 2, limits: limits)).run()
    }

    /// A folder with one good page beside whatever the test puts there.
    static func folder() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: folder.appendingPathComponent("good.txt").path)
        return folder
    }

    static func error(for name: String, in run: WrittenRun) -> ReportError? {
        run.report.errors.first { ($0.source as NSString).lastPathComponent == name }
    }

    static func analysed(_ run: WrittenRun) -> Set<String> {
        Set(run.report.documents.compactMap { $0["source"]?.stringValue.map { ($0 as NSString).lastPathComponent } })
    }

    /// 200 MB on one line: refused from its size at the default limit, before a byte is read.
    @Test func aFileOverTheSizeLimitIsNamedAndSkipped() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let huge = folder.appendingPathComponent("one-line.txt")
        FileManager.default.createFile(atPath: huge.path, contents: nil)
        let handle = try FileHandle(forWritingTo: huge)
        let chunk = Data(String(repeating: "the budget was cut again ", count: 40_000).utf8)
        for _ in 0..<(200_000_000 / chunk.count + 1) { try handle.write(contentsOf: chunk) }
        try handle.close()
        let run = try Self.run([folder.path])
        let message = try #require(Self.error(for: "one-line.txt", in: run)?.message)
        #expect(message.contains("over the limit of 128 MB (--max-file-size)"), "\(message)")
        #expect(Self.analysed(run) == ["good.txt"])
        let smaller = try Self.run([folder.path, Fixtures.debateHTML], limits: InputLimits(fileBytes: 15_000, decompressedBytes: 1 << 20, unitCharacters: 1_000_000, documentSeconds: 60))
        #expect(Self.error(for: "002_1a94dbf4a3711592.html", in: smaller)?.message.contains("file is 19514 bytes, over the limit of 15000 bytes (--max-file-size)") == true)
    }

    /// A gzip bomb: 300 MB of zeros in 300 kB. Decompression stops at the limit.
    @Test func aGzipBombStopsAtTheDecompressionLimit() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bomb = folder.appendingPathComponent("bomb.html.gz").path
        let made = try CommandLineTests.execute("/bin/sh", ["-c", "head -c 300000000 /dev/zero | gzip -9 > '\(bomb)'"])
        try #require(made.status == 0, "gzip is needed to make the bomb: \(made.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: bomb)[.size] as? NSNumber)?.intValue ?? 0 < 1_000_000)
        let run = try Self.run([folder.path])
        let message = try #require(Self.error(for: "bomb.html.gz", in: run)?.message)
        #expect(message.contains("expands beyond 256 MB, the limit (--max-decompressed-size)"), "\(message)")
        #expect(Self.analysed(run) == ["good.txt"])
    }

    /// Pages, texts and gzip files past the document limit are read no further than it can use: the
    /// gzip content kept as it inflates, a text cut before it is decoded (on a character boundary, so it
    /// is not taken for another charset), a page's markup cut before it is parsed, and the units of a
    /// long document dropped before they are tokenized; each with a warning naming the limit.
    @Test func documentsPastTheDocumentLimitAreCutEarly() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paragraph = "Les médecins généralistes ont discuté du budget réduit et des listes d’attente. "
        let text = (0..<400).map { "Paragraph \($0). " + String(repeating: paragraph, count: 3) }.joined(separator: "\n\n")
        try Data(text.utf8).write(to: folder.appendingPathComponent("long.txt"))
        let page = "<html><head><title>Long</title></head><body><article><h1>Long</h1>"
            + (0..<400).map { "<p>Paragraph \($0). \(paragraph)</p>" }.joined() + "</article></body></html>"
        try Data(page.utf8).write(to: folder.appendingPathComponent("long.html"))
        let packed = folder.appendingPathComponent("long.txt.gz").path
        let made = try CommandLineTests.execute("/bin/sh", ["-c", "gzip -c '\(folder.appendingPathComponent("long.txt").path)' > '\(packed)'"])
        try #require(made.status == 0, "gzip is needed: \(made.stderr)")
        var limits = InputLimits.defaults
        limits.documentCharacters = 5_000
        let run = try Self.run([folder.path], limits: limits)
        #expect(Self.analysed(run) == ["good.txt", "long.txt", "long.html", "long.txt.gz"])
        for name in ["long.txt", "long.txt.gz", "long.html"] {
            let messages = run.report.errors.filter { ($0.source as NSString).lastPathComponent == name }.map(\.message)
            #expect(messages.contains { $0.contains("(--max-document-length)") }, "\(name): \(messages)")
            let document = try #require(run.report.documents.first { ($0["source"]?.stringValue ?? "").hasSuffix("/" + name) })
            let units = document["units"]?.arrayValue ?? []
            let characters = units.reduce(0) { $0 + ($1["text"]?.stringValue?.unicodeScalars.count ?? 0) }
            #expect(characters <= 5_000 + 1_000 && characters > 1_000, "\(name): \(characters) characters")
            #expect(units.allSatisfy { $0["text"]?.stringValue?.contains("médecins") ?? false || !($0["text"]?.stringValue?.contains("Ã") ?? false) }, "\(name): read as UTF-8")
        }
        #expect(Self.error(for: "long.txt.gz", in: run).map { $0.message.contains("gzip content of") } == true)
    }

    /// `--max-memory` lowers `--jobs` to what holds each worker's worst case at the document limit, and
    /// refuses a budget that holds none.
    @Test func aMemoryBudgetSizesTheJobs() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("r.json").path
        let fits = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", output, "--jobs", "2", "--max-memory", "700"])
        #expect(fits.status == 0 && fits.stderr.contains("--max-memory 700 MB: 1 job instead of 2"), "\(fits.stderr)")
        #expect(try ShardMergeCacheTests.json(output)["run"]?["config"]?["jobs"]?.numberValue == 1)
        let none = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", output, "--max-memory", "500"])
        #expect(none.status == 2 && none.stderr.contains("holds no worker"), "\(none.stderr)")
        let smaller = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", output, "--max-memory", "500", "--max-document-length", "1000000", "-q"])
        #expect(smaller.status == 0, "\(smaller.stderr)")
    }

    /// 100,000 nested tags: read (the text survives), the tree flattened past the depth limit with a warning
    /// naming it, no stack exhausted, at the default depth and at the largest `--max-markup-depth` allows.
    @Test(arguments: [InputLimits.defaults.markupDepth, InputLimits.largestMarkupDepth])
    func oneHundredThousandNestedTagsAreRead(depth: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = "<html><head><title>Deep</title></head><body>" + String(repeating: "<div>", count: 100_000)
            + "<p>The CCG cut the budget for community services again, and the GPs were not asked.</p>"
            + String(repeating: "</div>", count: 100_000) + "</body></html>"
        try Data(page.utf8).write(to: folder.appendingPathComponent("deep.html"))
        var limits = InputLimits.defaults
        limits.markupDepth = depth
        let run = try Self.run([folder.path], limits: limits)
        let deep = try #require(run.report.documents.first { $0["source"]?.stringValue?.hasSuffix("deep.html") == true })
        let text = (deep["units"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
        #expect(text.contains("The CCG cut the budget for community services again"))
        let warning = try #require(Self.error(for: "deep.html", in: run))
        #expect(warning.severity == .warning && warning.message.contains("deeper than \(depth) levels") && warning.message.contains("--max-markup-depth"))
        #expect(run.report.json["run"]?["config"]?["limits"]?["markupDepth"]?.numberValue == Double(depth))
    }

    /// `--max-markup-depth` past what a worker's stack holds is a usage error; a small one flattens and warns.
    @Test func markupDepthOption() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = "<html><body>" + String(repeating: "<div>", count: 20) + "<p>The CCG cut the budget for community services again.</p>"
            + String(repeating: "</div>", count: 20) + "</body></html>"
        let input = folder.appendingPathComponent("page.html").path
        try Data(page.utf8).write(to: URL(fileURLWithPath: input))
        let output = folder.appendingPathComponent("report.json").path
        let refused = try CommandLineTests.run(["analyze", input, "-o", output, "--max-markup-depth", "5000"])
        #expect(refused.status == 2 && refused.stderr.contains("--max-markup-depth takes levels from 1 to 1024"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        let shallow = try CommandLineTests.run(["analyze", input, "-o", output, "--max-markup-depth", "8"])
        #expect(shallow.stderr.contains("markup nested deeper than 8 levels"), "\(shallow.stderr)")
        #expect(FileManager.default.fileExists(atPath: output))
    }

    /// Invalid UTF-8 and a page that mixes UTF-8 with Latin-1: read, with warnings. NUL bytes: in the first
    /// 8 kB they mark a binary file (reported with the offset); after it, in a page, they are dropped.
    @Test func brokenEncodingsAndNULBytesAreRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sentence = Array(" The CCG cut the budget for community services again this year.".utf8)
        try Data(Array("Broken".utf8) + [0xC3, 0x28, 0xA0, 0xFF, 0xFE] + sentence).write(to: folder.appendingPathComponent("invalid.txt"))
        try Data(Array("Caf\u{E9} culture".utf8) + [0x20, 0xE9, 0x20] + sentence).write(to: folder.appendingPathComponent("mixed.txt"))
        try Data(Array("Nul".utf8) + [0, 0, 0] + Array("ls inside".utf8) + [0] + sentence).write(to: folder.appendingPathComponent("nul.txt"))
        let page = "<html><head><title>Late NULs</title></head><body><!--" + String(repeating: " ", count: 9_000) + "--><p>Nul\u{0}\u{0}ls inside"
            + String(decoding: sentence, as: UTF8.self) + "</p></body></html>"
        try Data(page.utf8).write(to: folder.appendingPathComponent("late-nul.html"))
        let run = try Self.run([folder.path])
        #expect(Self.analysed(run) == ["good.txt", "invalid.txt", "mixed.txt", "late-nul.html"], "\(run.report.errors)")
        #expect(Self.error(for: "nul.txt", in: run)?.message == "binary file, not HTML or text (contains a NUL byte at offset 3)")
        let late = try #require(run.report.documents.first { $0["source"]?.stringValue?.hasSuffix("late-nul.html") == true })
        let texts = (late["units"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        #expect(texts.contains { $0.contains("community services") } && texts.allSatisfy { !$0.contains("\u{0}") }, "\(texts)")
        #expect(Self.error(for: "invalid.txt", in: run)?.severity == .warning)
    }

    /// A unit over the length limit is cut, with a warning naming the limit, and its evidence stays inside the text kept.
    @Test func aUnitOverTheLengthLimitIsCut() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let paragraph = String(repeating: "The CCG made an appalling decision about the excellent local service. ", count: 200)
        try Data(("A long complaint\n\n" + paragraph).utf8).write(to: folder.appendingPathComponent("long.txt"))
        let limits = InputLimits(fileBytes: 1 << 20, decompressedBytes: 1 << 20, unitCharacters: 1_000, documentSeconds: 60)
        let run = try Self.run([folder.path], limits: limits)
        let warning = try #require(run.report.errors.first { ($0.source as NSString).lastPathComponent == "long.txt" && $0.message.contains("--max-unit-length") })
        #expect(warning.severity == .warning && warning.message.contains("characters cut to its first"))
        let long = try #require(run.report.documents.first { $0["source"]?.stringValue?.hasSuffix("long.txt") == true })
        for unit in long["units"]?.arrayValue ?? [] {
            let length = unit["text"]?.stringValue?.unicodeScalars.count ?? 0
            #expect(length <= 1_000)
            for cue in unit["analyses"]?["sentiment"]?["evidence"]?.arrayValue ?? [] { #expect(Int(cue["end"]?.numberValue ?? 0) <= length) }
        }
        #expect(run.report.json["run"]?["config"]?["limits"]?["unitCharacters"]?.numberValue == 1_000)
    }

    /// A document over its time budget is left out with an error naming the budget; with every document
    /// over it, nothing is analysed and no report is written.
    @Test func aDocumentOverItsTimeBudgetIsLeftOut() throws {
        let limits = InputLimits(fileBytes: 1 << 20, decompressedBytes: 1 << 20, unitCharacters: 1_000_000, documentSeconds: 1e-9)
        let run = try Self.run([Fixtures.debateText], limits: limits)
        #expect(run.documents == 0 && run.failedDocuments == 1)
        #expect(run.report.errors.contains { $0.message.contains("over the time budget of") && $0.message.contains("(--time-budget)") })
    }

    /// A symlink loop in the input folder does not make the listing loop; a link to a file is read once.
    @Test func aSymlinkLoopIsNotFollowedForever() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("loop").path, withDestinationPath: folder.path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        let run = try Self.run([folder.path])
        #expect(run.documents == 1 && Self.analysed(run) == ["good.txt"])
    }

    /// A file whose name is not UTF-8 (Latin-1 bytes, as an old archive can hold) is found and read.
    @Test func aFileNameThatIsNotUTF8IsRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name: [CChar] = Array(folder.path.utf8CString.dropLast()) + [CChar(bitPattern: 0x2F)] + Array("caf".utf8CString.dropLast()) + [CChar(bitPattern: 0xE9)] + Array(".txt".utf8CString)
        let descriptor = open(name, O_CREAT | O_WRONLY, 0o644)
        try #require(descriptor >= 0)
        let text = Array("The CCG cut the budget for community services again this year.".utf8)
        _ = text.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        let run = try Self.run([folder.path])
        // Read, or named in the errors: never dropped in silence.
        let accounted = run.documents + run.report.errors.filter { $0.severity == .error }.count
        #expect(accounted == 2, "documents \(Self.analysed(run)), errors \(run.report.errors)")
    }

    /// A report (and the exports) written inside the input folder are not read back as input by the next run.
    @Test func theRunsOwnOutputsInsideTheInputFolderAreNotInputs() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json").path
        let arguments = ["analyze", folder.path, "-o", report, "--jsonl", folder.appendingPathComponent("units.jsonl").path, "--csv", folder.path]
        for _ in 0..<2 {
            let result = try CommandLineTests.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("Analysed 1 documents"), "\(result.stderr)")
        }
    }
}

/// Files that change between the listing and the reading: one removed, one replaced by a folder of the same
/// name (as root, the tests cannot make a file unreadable by its mode). Both are named in the errors.
@Suite struct VanishingInputTests {
    /// Changes the input folder once the run has listed it, before any file is read.
    final class Saboteur: ProgressObserver, @unchecked Sendable {
        let folder: URL
        init(folder: URL) { self.folder = folder }
        func started(files: Int, bytes: UInt64) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("gone.txt"))
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("now-a-folder.txt"))
            try? FileManager.default.createDirectory(at: folder.appendingPathComponent("now-a-folder.txt"), withIntermediateDirectories: true)
        }
        func finished(_ file: FileProgress) {}
        func writing() {}
    }

    @Test func filesThatVanishMidRunAreReported() throws {
        let folder = try HostileInputTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["gone.txt", "now-a-folder.txt"] {
            try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: folder.appendingPathComponent(name).path)
        }
        let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
        let run = try Pipeline(
            configuration: .init(paths: [folder.path], lexicons: Fixtures.lexicons, analysers: analysers, jobs: 2, progress: Saboteur(folder: folder))
        ).run()
        #expect(HostileInputTests.analysed(run) == ["good.txt"])
        #expect(HostileInputTests.error(for: "gone.txt", in: run)?.message == "cannot read file: no such file")
        #expect(HostileInputTests.error(for: "now-a-folder.txt", in: run)?.message == "cannot read file: is a directory")
        #expect(run.failedDocuments == 2)
    }
}

/// A read-only output folder is a usage error before any work, for the report and for every other output.
/// Root writes anywhere, so as root the command is run as `nobody` (setpriv, util-linux).
@Suite struct ReadOnlyOutputTests {
    @Test func aReadOnlyOutputFolderStopsTheRunBeforeAnyWork() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            try? FileManager.default.removeItem(at: folder)
        }
        let readOnly = folder.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let asRoot = getuid() == 0
        if asRoot { try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv (util-linux) is needed to run as nobody") }
        func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            let command = [CommandLineTests.binary, "analyze", Fixtures.debateText] + arguments
            return asRoot
                ? try CommandLineTests.execute("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups"] + command)
                : try CommandLineTests.execute(command[0], Array(command.dropFirst()))
        }
        let report = try run(["-o", readOnly.appendingPathComponent("report.json").path])
        #expect(report.status == 2 && report.stderr.contains("cannot write in the folder for --output"), "\(report.stderr)")
        let writable = folder.appendingPathComponent("ok")
        try FileManager.default.createDirectory(at: writable, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: writable.path)
        let html = try run(["-o", writable.appendingPathComponent("report.json").path, "--html", readOnly.appendingPathComponent("r.html").path])
        #expect(html.status == 2 && html.stderr.contains("cannot write in the folder for --html"), "\(html.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: writable.path).isEmpty, "nothing is written before the check")
        let csv = try run(["-o", writable.appendingPathComponent("report.json").path, "--csv", readOnly.path])
        #expect(csv.status == 2 && csv.stderr.contains("cannot write in the folder for --csv"), "\(csv.stderr)")
    }
}
