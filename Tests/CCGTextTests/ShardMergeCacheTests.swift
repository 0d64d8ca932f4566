import CCGAnalysers
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// `--shard K/N` with `ccgtext merge`, and `--cache DIR`: both must give the report of one full run.
@Suite struct ShardMergeCacheTests {
    /// The report's bytes with `run` cut out (the contract allows only `run` to differ).
    static func withoutRun(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // Compact (the default) or pretty-printed.
        guard let start = text.range(of: ",\"run\":{") ?? text.range(of: "\n  \"run\" : {"),
            let end = text.range(of: ",\"tool\":{") ?? text.range(of: "\n  \"tool\" : {")
        else { return text }
        return String(text[..<start.lowerBound]) + String(text[end.lowerBound...])
    }

    static func json(_ path: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func shardSelectionCoversEachFileOnceAndBalancesBytes() throws {
        let sizes: [String: UInt64] = ["a": 900, "b": 100, "c": 400, "d": 400, "e": 100, "f": 50, "g": 50]
        let files = sizes.keys.sorted()
        var taken: [String] = []
        var loads: [UInt64] = []
        for index in 0..<3 {
            let mine = try #require(Shard(index: index, count: 3)).select(files) { sizes[$0] ?? 0 }
            #expect(mine == mine.sorted(), "a shard keeps the input order")
            taken += mine
            loads.append(mine.reduce(0) { $0 + (sizes[$1] ?? 0) })
        }
        #expect(taken.sorted() == files)
        #expect(loads == [900, 550, 550])
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        for bad in ["4/4", "-1/2", "1/0", "1", "a/b", "1/2/3", ""] { #expect(Shard(bad) == nil, "\(bad)") }
    }

    /// The sample corpus, with its external plugin and dictionary, in four shards merged (parts given in
    /// any order) is byte for byte one run, outside `run`.
    @Test func fourShardsMergeIntoTheUnshardedReport() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = folder.appendingPathComponent("whole.json").path
        let full = try CommandLineTests.run(["analyze", "corpora/", "-o", whole, "-q"], in: Fixtures.root)
        #expect(full.status == 0, "\(full.stderr)")
        // The local recipe of docs/cluster.md: the steps of a Slurm array or an Indexed Job, xargs as the scheduler.
        let recipe = try ClusterScriptsTests.shell(
            ["bash", "scripts/cluster/local-shards.sh", "4", "2", folder.path, "corpora/"], environment: ["CCGTEXT": CommandLineTests.binary])
        #expect(recipe.status == 0, "\(recipe.stderr)")
        #expect(try Self.withoutRun(folder.appendingPathComponent("report.json").path) == Self.withoutRun(whole))
        var parts: [String] = []
        var sources: [String] = []
        for index in 0..<4 {
            let part = folder.appendingPathComponent("part-\(index).json").path
            let report = try Self.json(part)
            #expect(report["run"]?["shard"] == .object(["index": .number(Double(index)), "count": .number(4)]))
            #expect(try SchemaValidator(schemaAt: Fixtures.schema).validate(report).isEmpty)
            sources += report["documents"]?.arrayValue?.compactMap { $0["source"]?.stringValue } ?? []
            parts.append(part)
        }
        #expect(sources.count == 10 && Set(sources).count == 10, "each document in exactly one shard")
        let merged = folder.appendingPathComponent("merged.json").path
        let merge = try CommandLineTests.run(["merge", parts[2], parts[0], parts[3], parts[1], "-o", merged], in: Fixtures.root)
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(merge.stderr.contains("Merged 4 parts: 10 documents (45 units)"))
        #expect(try Self.withoutRun(merged) == Self.withoutRun(whole))
        let report = try Self.json(merged)
        #expect(try SchemaValidator(schemaAt: Fixtures.schema).validate(report).isEmpty)
        #expect(report["run"]?["shard"] == .object(["index": .number(0), "count": .number(1)]))
        #expect(report["run"]?["merged"]?["parts"]?.arrayValue?.count == 4)
        #expect(report["run"]?["analysers"] == (try Self.json(whole))["run"]?["analysers"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty, "no temporary files left")
    }

    @Test func mergeRefusesPartsThatDoNotAddUp() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = Fixtures.corpus.path
        func part(_ name: String, _ arguments: [String]) throws -> String {
            let path = folder.appendingPathComponent(name).path
            let result = try CommandLineTests.run(["analyze", corpus, "-o", path, "-q", "--analysers", "sentiment,hedges"] + arguments)
            #expect(result.status == 0, "\(result.stderr)")
            return path
        }
        let zero = try part("0.json", ["--shard", "0/2"])
        let one = try part("1.json", ["--shard", "1/2"])
        let otherSettings = try part("1-other.json", ["--shard", "1/2", "--set", "sentiment.overlay=none"])
        let otherAnalysers = try part("1-fewer.json", ["--shard", "1/2", "--analysers", "sentiment"])
        let merged = folder.appendingPathComponent("merged.json").path

        let missing = try CommandLineTests.run(["merge", zero, "-o", merged])
        #expect(missing.status == 2 && missing.stderr.contains("shard 1 of 2 missing"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged))
        let allowed = try CommandLineTests.run(["merge", zero, "-o", merged, "--allow-missing"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try Self.json(merged)["run"]?["merged"]?["shardsMissing"] == .array([.number(1)]))

        let twice = try CommandLineTests.run(["merge", zero, one, zero, "-o", merged])
        #expect(twice.status == 2 && twice.stderr.contains("shard 0 is given twice"), "\(twice.stderr)")
        let settings = try CommandLineTests.run(["merge", zero, otherSettings, "-o", merged])
        #expect(settings.status == 2 && settings.stderr.contains("different analyser settings"), "\(settings.stderr)")
        let analysers = try CommandLineTests.run(["merge", zero, otherAnalysers, "-o", merged])
        #expect(analysers.status == 2 && analysers.stderr.contains("different set of analysers"), "\(analysers.stderr)")
        let notReport = try CommandLineTests.run(["merge", zero, Fixtures.debateText, "-o", merged])
        #expect(notReport.status == 2 && notReport.stderr.contains("is not a ccgtext report"), "\(notReport.stderr)")
        let overwrite = try CommandLineTests.run(["merge", zero, one, "-o", one])
        #expect(overwrite.status == 2 && overwrite.stderr.contains("would overwrite one of the parts"), "\(overwrite.stderr)")

        // A shard with no file to take still writes its (empty) part, so the merge finds every part.
        let single = folder.appendingPathComponent("single")
        try FileManager.default.createDirectory(at: single, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: single.appendingPathComponent("debate.txt").path)
        var emptyParts: [String] = []
        for index in 0..<2 {
            let path = folder.appendingPathComponent("single-\(index).json").path
            let result = try CommandLineTests.run(["analyze", single.path, "--shard", "\(index)/2", "-o", path, "-q", "--analysers", "sentiment"])
            #expect(result.status == 0, "\(result.stderr)")
            emptyParts.append(path)
        }
        let joined = try CommandLineTests.run(["merge"] + emptyParts + ["-o", merged, "-q"])
        #expect(joined.status == 0, "\(joined.stderr)")
        #expect(try Self.json(merged)["corpus"]?["documents"]?.numberValue == 1)
    }

    /// A second run takes every file from the cache; a changed and a new file are analysed again, and the
    /// report is always the full run's.
    @Test func cachedRunsGiveTheFullRunsReport() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.copyItem(at: Fixtures.corpus, to: corpus)
        let cache = folder.appendingPathComponent("cache").path
        let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
        func run(_ name: String, cache: String?, settings: [String: [String: String]] = [:]) throws -> (outcome: Pipeline.Outcome, path: String) {
            let path = folder.appendingPathComponent(name).path
            let configuration = try Pipeline.Configuration(
                paths: [corpus.path], lexicons: Fixtures.lexicons, analysers: analysers, jobs: 2, settings: settings, cache: cache)
            return (try Pipeline(configuration: configuration).run(writingTo: path), path)
        }
        let first = try run("first.json", cache: cache)
        #expect(first.outcome.cacheHits == 0 && first.outcome.filesTaken == 10)
        let second = try run("second.json", cache: cache)
        #expect(second.outcome.cacheHits == 10)
        #expect(try Self.withoutRun(second.path) == Self.withoutRun(first.path))
        let report = try Self.json(second.path)
        #expect(report["run"]?["cache"]?["hits"]?.numberValue == 10)
        #expect(try SchemaValidator(schemaAt: Fixtures.schema).validate(report).isEmpty)

        // The crawl grows and one page changes.
        let changed = corpus.appendingPathComponent("000_76cff8764e637c07.txt")
        try (String(contentsOf: changed, encoding: .utf8) + "\nA late addition: the board was praised for its excellent work.\n").write(to: changed, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: corpus.appendingPathComponent("zz-new-copy.txt").path)
        let grown = try run("grown.json", cache: cache)
        #expect(grown.outcome.cacheHits == 9 && grown.outcome.filesTaken == 11)
        let fresh = try run("fresh.json", cache: nil)
        #expect(try Self.withoutRun(grown.path) == Self.withoutRun(fresh.path))
        #expect(try Self.json(fresh.path)["run"]?["cache"] == .null)

        // Other settings are another key: nothing is taken from the cache.
        let overlay = try run("overlay.json", cache: cache, settings: ["sentiment": ["overlay": "none"]])
        #expect(overlay.outcome.cacheHits == 0)
        let overlayFresh = try run("overlay-fresh.json", cache: nil, settings: ["sentiment": ["overlay": "none"]])
        #expect(try Self.withoutRun(overlay.path) == Self.withoutRun(overlayFresh.path))

        // Damaged entries are misses, not errors, and are written again.
        let entries = FileManager.default.enumerator(atPath: cache)?.compactMap { $0 as? String }.filter { $0.count > 40 } ?? []
        #expect(entries.count == 23, "10 + 1 changed + 1 new + 11 with the other setting")
        for (index, entry) in entries.enumerated() {
            let damage = index.isMultiple(of: 2) ? Data("{not json".utf8) : Data("{\"format\":1,\"documents\":[{\"source\":\"x\",\"units\":1,\"length\":99,\"summaries\":{}}],\"warnings\":[]}\n{".utf8)
            try damage.write(to: URL(fileURLWithPath: cache).appendingPathComponent(entry))
        }
        let afterDamage = try run("after-damage.json", cache: cache)
        #expect(afterDamage.outcome.cacheHits == 0)
        #expect(afterDamage.outcome.report.errors.isEmpty)
        #expect(try Self.withoutRun(afterDamage.path) == Self.withoutRun(fresh.path))
        #expect(try run("repaired.json", cache: cache).outcome.cacheHits == 11)
    }
}
