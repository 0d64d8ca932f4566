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
        // The figure in docs/stance.md: 20 of 24 (the two misses are u13 and u14, asides read as against).
        let agreeing = zip(paired.gold, paired.predicted).count { $0 == $1 }
        #expect(agreeing >= 20, "agreement \(agreeing) of 24")
        #expect(throws: EvaluationInputError.self) { try StanceEvaluation.inReport([.init(id: "nope/u1", target: "", text: "", label: "none")], report: report.path) }
    }
}
