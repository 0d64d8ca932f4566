import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// `--shard K/N` with an absurd N is a usage error, and a large one costs no more than the files do
/// (`--shard 0/9223372036854775807` crashed; `0/100000000` took 817 MB for ten files).
@Suite struct ShardBoundsTests {
    @Test func theNumberOfShardsIsBounded() {
        #expect(Shard("0/9223372036854775807") == nil)
        #expect(Shard("0/100000000") == nil)
        #expect(Shard("999999/1000000") != nil)
        #expect(Shard("1/0") == nil && Shard("-1/4") == nil && Shard("4/4") == nil)
    }

    @Test func manyShardsOverFewFilesTakeNoSlotPerShard() throws {
        let files = (0..<10).map { "file\($0).txt" }
        let size = { (path: String) in UInt64(path.count) }
        var taken: [String] = []
        for index in [0, 1, 5, 9, 10, 999_999] {
            let shard = try #require(Shard(index: index, count: Shard.largestCount))
            let mine = shard.select(files, size: size)
            #expect(index < 10 ? mine.count == 1 : mine.isEmpty, "\(index): \(mine)")
            taken += mine
        }
        // The deal is the one every shard computes: largest first, ties in byte order of the path.
        let whole = (0..<3).flatMap { try! #require(Shard(index: $0, count: 3)).select(files, size: size) }
        #expect(Set(whole) == Set(files) && whole.count == files.count)
    }

    @Test func theCommandLineRefusesAnAbsurdShardCount() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for shard in ["0/9223372036854775807", "0/100000000"] {
            let result = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", folder.appendingPathComponent("r.json").path, "--shard", shard])
            #expect(result.status == 2 && result.stderr.contains("--shard takes K/N with 0 ≤ K < N ≤ 1000000"), "\(result.stderr)")
        }
        for budget in ["inf", "nan", "1e300"] {
            let result = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", folder.appendingPathComponent("r.json").path, "--time-budget", budget])
            #expect(result.status == 2 && result.stderr.contains("--time-budget takes seconds"), "\(budget): \(result.stderr)")
        }
    }

    /// A part whose shard index is not a whole number is not a part.
    @Test func aFractionalShardIndexIsNotAPart() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let part = folder.appendingPathComponent("part.json").path
        let made = try CommandLineTests.run(["analyze", Fixtures.debateText, "-o", part, "--shard", "1/2", "-q"])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: part, encoding: .utf8)
        let shard = "\"shard\":{\"count\":2,\"index\":1}"
        try #require(text.contains(shard))
        try text.replacingOccurrences(of: shard, with: "\"shard\":{\"count\":2,\"index\":1.5}").write(toFile: part, atomically: true, encoding: .utf8)
        let merged = try CommandLineTests.run(["merge", part, "-o", folder.appendingPathComponent("m.json").path, "--allow-missing"])
        #expect(merged.status == 2 && merged.stderr.contains("run.shard is missing or malformed"), "\(merged.stderr)")
    }
}
