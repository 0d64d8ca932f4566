import CCGAnalysers
import CCGEvaluate
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser
import Testing

/// The zero-shot rules' argument lean (weights fit on other debates), the PERSPECTRUM reader it is fit
/// from, and the sample debate against the hand labels in Tests/Data.
@Suite struct StanceArgumentLeanTests {
    static let perspectrum = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/perspectrum")
    static let shippedPath = "stance/argument-lean.en.json"

    @Test func shippedWeightsAreValidAndSayDenialArguesAgainst() throws {
        let lean = try Fixtures.lexicons.json(Self.shippedPath, as: StanceArgumentLean.self).validated()
        #expect(lean.denialWeight < 0)
        #expect(lean.weights[0] > 0)
        var wrong = lean
        wrong.features = ["sentiment"]
        #expect(throws: StanceArgumentLean.LeanError.self) { try wrong.validated() }
    }

    @Test func fittingIsDeterministicAndLearnsDenial() throws {
        let tokenizer = try Tokenizer()
        let engine = try SentimentEngine(lexicons: Fixtures.lexicons)
        let motion = tokenizer.tokenize(TextUnit(id: "m", type: .headline, text: "Should practices open on Saturdays?"))
        let rows: [(String, Bool)] = [
            ("Saturday opening helps working patients see their doctor.", true), ("Opening at weekends is a great service for families.", true),
            ("Patients value a surgery that opens on Saturdays.", true), ("Weekend clinics make care easier to reach for everyone.", true),
            ("Saturday opening does not help the patients who need it most.", false), ("Nobody has shown weekend clinics cut waiting times.", false),
            ("Practices cannot staff Saturdays without cutting weekday care.", false), ("Weekend opening is not what patients asked for.", false),
        ]
        let examples = rows.map { StanceArgumentLean.Example(unit: tokenizer.tokenize(TextUnit(id: "u", type: .comment, text: $0.0)), motion: motion, favours: $0.1) }
        let one = try StanceArgumentLean.fit(examples, engine: engine, cost: 1, source: "test", licence: "test")
        let two = try StanceArgumentLean.fit(examples, engine: engine, cost: 1, source: "test", licence: "test")
        #expect(one == two)
        #expect(one.examples == 8)
        #expect(one.denialWeight < 0)
    }

    /// The per-sentence table (`train argument-lean --write-signals`) is the lean's own reading: each text's
    /// shares add up to one and, weighing its sentences, give back `meanSignals`; a turn counts more and the
    /// sentences it turns from less; sentences under three words are not rows.
    @Test func signalsTableIsTheLeansOwnReading() throws {
        let tokenizer = try Tokenizer()
        let engine = try SentimentEngine(lexicons: Fixtures.lexicons)
        let motion = tokenizer.tokenize(TextUnit(id: "m", type: .headline, text: "Should practices open on Saturdays?"))
        let text = "Weekend opening sounds kind to patients. Yes. However, practices cannot staff it\twithout cutting weekday care. It would not be fair."
        let example = StanceArgumentLean.Example(unit: tokenizer.tokenize(TextUnit(id: "a\tb", type: .comment, text: text)), motion: motion, favours: false)
        let table = StanceEvaluation.leanSignalsTable([example], engine: engine)
        let rows = table.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["id", "target", "label", "motion_negative", "sentence", "words", "turn", "share", "sentiment", "denial", "negator", "text"])
        let body = Array(rows.dropFirst())
        #expect(body.count == 3 && body.allSatisfy { $0.count == 12 })
        #expect(body.map { $0[0] } == ["a b", "a b", "a b"] && body.map { $0[2] } == ["against", "against", "against"])
        #expect(body.map { $0[4] } == ["0", "2", "3"])
        #expect(body.map { $0[6] } == ["0", "1", "0"])
        #expect(body[1][10] == "cannot" && body[1][11] == "However, practices cannot staff it without cutting weekday care.")
        let shares = body.compactMap { Double($0[7]) }
        #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
        #expect(shares[1] > shares[0] && shares[0] < shares[2])
        let scores = engine.score(unit: example.unit).sentences.map(\.score)
        let mean = try #require(StanceArgumentLean.meanSignals(of: example.unit, sentenceScores: scores, motionIsNegative: false, engine: engine))
        let sentiment = zip(shares, body.compactMap { Double($0[8]) }).reduce(0) { $0 + $1.0 * $1.1 }
        let denial = zip(shares, body.compactMap { Double($0[9]) }).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(sentiment - mean.values[0]) < 1e-12 && abs(denial - mean.values[2]) < 1e-12)
    }

    /// `train argument-lean --write-signals` writes the table beside the weights, one row per counted sentence;
    /// naming the weights file for it is a usage error, and nothing is written.
    @Test func commandWritesTheSignalsTable() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let motion = "Should practices open on Saturdays?"
        let rows = [
            ("Saturday opening helps working patients. It is a fine idea.", "favor"), ("Weekend clinics make care easier to reach.", "favor"),
            ("Saturday opening does not help anyone. No.", "against"), ("Practices cannot staff Saturdays without cutting weekday care.", "against"),
        ]
        let data = folder.appendingPathComponent("labels.tsv")
        try Data((["target\ttext\tlabel"] + rows.map { "\(motion)\t\($0.0)\t\($0.1)" }).joined(separator: "\n").utf8).write(to: data)
        let weights = folder.appendingPathComponent("lean.json").path
        let signals = folder.appendingPathComponent("signals.tsv").path
        let refused = try CommandLineTests.run(["train", "argument-lean", "--data", data.path, "--write-signals", weights, "-o", weights])
        #expect(refused.status == 2 && refused.stderr.contains("same file") && !FileManager.default.fileExists(atPath: weights))
        let result = try CommandLineTests.run(["train", "argument-lean", "--data", data.path, "--write-signals", signals, "-o", weights])
        #expect(result.status == 0, "\(result.stderr)")
        let table = try String(contentsOfFile: signals, encoding: .utf8).split(separator: "\n")
        #expect(table.count == 1 + 5, "\(table)")
        #expect(table.dropFirst().allSatisfy { $0.contains("\t\(motion)\t") })
        #expect(table.last?.hasSuffix("\tcannot\tPractices cannot staff Saturdays without cutting weekday care.") == true)
    }

    /// The shipped weights are what the documented command writes: a stale file fails here (like a
    /// registry test), so the weights cannot drift from their data.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: perspectrum.appendingPathComponent("dataset_split_v1.0.json").path),
        "PERSPECTRUM not found beside the project (../shared/benchmarks/perspectrum); skipped"))
    func shippedWeightsAreReproducedFromPerspectrum() throws {
        let items = try StanceEvaluation.load(Self.perspectrum.path, format: .perspectrum, split: "train")
        #expect(items.count == 6978)
        #expect(items.count { $0.label == "favor" } == 3599)
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        let engine = try SentimentEngine(lexicons: Fixtures.lexicons)
        let examples = StanceEvaluation.leanExamples(items, tokenizer: tokenizer, excluding: ["procon/"])
        let shipped = try Fixtures.lexicons.json(Self.shippedPath, as: StanceArgumentLean.self)
        let refit = try StanceArgumentLean.fit(examples, engine: engine, cost: shipped.cost, source: shipped.source, licence: shipped.licence)
        #expect(refit.weights == shipped.weights && refit.bias == shipped.bias && refit.examples == shipped.examples,
            "lexicons/\(Self.shippedPath) is stale: rerun the command in docs/stance.md")
    }

    /// Every debate section gets its side; comments are scored against the hand labels in context, both
    /// renderings of the page (HTML and text) alike.
    @Test func sampleDebateAgreesWithTheHandLabels() throws {
        let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
        let outcome = try Pipeline(configuration: .init(paths: [Fixtures.corpus.path], lexicons: Fixtures.lexicons, analysers: analysers, jobs: 2)).run()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report.json")
        try outcome.report.bytes.write(to: report)
        let gold = try StanceEvaluation.load(Fixtures.root.appendingPathComponent("Tests/Data/sample-debate-stance.tsv").path, format: .tsv, split: "test")
        #expect(gold.count == 12)
        let paired = try StanceEvaluation.inReport(gold, report: report.path)
        #expect(paired.gold.count == 24)
        let sections = zip(paired.units, zip(paired.gold, paired.predicted)).filter { $0.0.hasSuffix("#u3") || $0.0.hasSuffix("#u4") }
        #expect(sections.count == 4 && sections.allSatisfy { $0.1.0 == $0.1.1 })
        // The figure in docs/stance.md: 18 of 24 with the learnt model (misses: u6 and u7, criticism read as
        // against, and the aside u13 read as against); the rules fitted to this page gave 20.
        let agreeing = zip(paired.gold, paired.predicted).count { $0 == $1 }
        #expect(agreeing >= 18, "agreement \(agreeing) of 24")
        #expect(throws: EvaluationInputError.self) { try StanceEvaluation.inReport([.init(id: "nope/u1", target: "", text: "", label: "none")], report: report.path) }
    }
}
