import CCGTestSupport
import Foundation
import Testing

/// Replays Tests/Fuzz/TARGET through each fuzz target (`ccgtext-fuzz`, built without libFuzzer): the seeds
/// `scripts/fuzz.sh` starts from and every input that once crashed a target, kept there with its fix.
@Suite struct FuzzRegressionTests {
    static var binary: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ccgtext-fuzz").path
    }

    static let targets = ["html", "text", "jsonl", "csv", "tokenizer", "analysers", "merge", "dic", "lexicon"]

    @Test(arguments: targets) func regressionInputsDoNotCrash(_ target: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "ccgtext-fuzz not built beside the tests")
        let folder = Fixtures.root.appendingPathComponent("Tests/Fuzz/\(target)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(!inputs.isEmpty, "Tests/Fuzz/\(target) has no seed")
        let result = try CommandLineTests.execute(Self.binary, [target, folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(target): \(inputs.count) inputs replayed, none crashed"), "\(result.stdout)")
    }

    @Test func everyTargetHasItsFolderAndTheScriptKnowsIt() throws {
        let script = try String(contentsOf: Fixtures.root.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        for target in Self.targets {
            #expect(FileManager.default.fileExists(atPath: Fixtures.root.appendingPathComponent("Tests/Fuzz/\(target)").path))
            #expect(script.contains(target))
        }
        let unknown = try CommandLineTests.execute(Self.binary, ["nope", Fixtures.root.appendingPathComponent("Tests/Fuzz/html").path])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown fuzz target nope"))
    }
}
