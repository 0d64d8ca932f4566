import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import StanceAnalyser
import Testing

/// The stance model learnt across motions: how motions are read, that a reworded motion keeps the labels,
/// and that the shipped model is what its command writes.
@Suite struct StanceMotionModelTests {
    static let benchmarks = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks")

    static func lexicon() throws -> MotionReading.Lexicon {
        try Fixtures.lexicons.json(MotionReading.Lexicon.path, as: MotionReading.Lexicon.self)
    }

    @Test(arguments: [
        ("Should cities ban cars from the centre?", -1.0), ("Should cars be allowed in city centres?", 1), ("Should cities not ban cars?", 1),
        ("This house would abolish congressional earmarks", -1), ("We should fight for the abolition of nuclear weapons", -1),
        ("We should fight urbanization", -1), ("Are CCGs a failed experiment?", -1), ("We should subsidize journalism", 1),
        ("Intelligence tests bring more harm than good", -1), ("This house would never have children", -1),
    ])
    func motionPolarity(motion: String, polarity: Double) throws {
        let reading = MotionReading(motion, lexicon: try Self.lexicon())
        #expect(reading.polarity == polarity, "\(motion): cues \(reading.polarityCues)")
    }

    /// Whether YES wants the action the motion names: what a text's feeling about the action itself says.
    @Test(arguments: [
        ("Should cities ban cars from the centre?", 1.0), ("Should cities not ban cars?", -1), ("Should cars be allowed in city centres?", 0),
        ("We should fight for the abolition of nuclear weapons", 1), ("This house would never have children", 0),
    ])
    func actionSupport(motion: String, support: Double) throws {
        let reading = MotionReading(motion, lexicon: try Self.lexicon())
        #expect(reading.actionSupport == support, "\(motion): cues \(reading.polarityCues)")
    }

    /// ASCII words take a byte path, others the `Character` one: both give the same stems.
    @Test(arguments: [
        ("cities", "city"), ("activities", "activ"), ("ccg's", "ccg"), ("ccg\u{2019}s", "ccg"), ("ccgs", "ccg"), ("boss", "boss"),
        ("ties", "tie"), ("'s", ""), ("s", "s"), ("series", "sery"), ("naïves", "naïve"), ("cafés", "café"), ("banning", "banni"),
    ])
    func stems(word: String, stem: String) {
        #expect(MotionReading.stem(word) == stem, "\(word)")
    }

    @Test func actionsAreFoundInTheirInflections() throws {
        let reading = MotionReading("Should cities ban cars from the centre?", lexicon: try Self.lexicon())
        #expect(reading.targetStems == ["city", "car", "centr"])
        for word in ["ban", "bans", "banned", "banning"] { #expect(reading.isAction(word), "\(word)") }
        for word in ["bank", "banana", "car"] { #expect(!reading.isAction(word), "\(word)") }
    }

    /// IBM Claim Stance annotates which way each motion leans toward its target (topic sentiment): the
    /// reading of every training motion agrees with it.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent("ibm_claim_stance/train.jsonl").path),
        "IBM Claim Stance not found beside the project (../shared/benchmarks/ibm_claim_stance); skipped"))
    func polarityAgreesWithClaimStanceTopicSentiment() throws {
        struct Row: Decodable {
            var topic: String
            var topic_sentiment: String
        }
        let text = try String(contentsOf: Self.benchmarks.appendingPathComponent("ibm_claim_stance/train.jsonl"), encoding: .utf8)
        var motions: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let row = try JSONDecoder().decode(Row.self, from: Data(line.utf8))
            motions[row.topic] = Double(row.topic_sentiment)
        }
        let lexicon = try Self.lexicon()
        let wrong = motions.filter { MotionReading($0.key, lexicon: lexicon).polarity != $0.value }
        #expect(motions.count == 25)
        #expect(wrong.isEmpty, "\(wrong.keys.sorted())")
    }

    /// One motion in four wordings (a question, its negation, "This house would …", a statement): the texts
    /// keep their labels, turned round for the negation, on nine in ten or more.
    static func agreement(texts: [String], wordings: [(motion: String, turned: Bool)]) throws -> (agreeing: Int, total: Int) {
        let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons))
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        func label(_ text: String, _ motion: String, turned: Bool) -> String {
            let document = Document(
                source: "t", format: .text, kind: .debate, debate: Debate(motion: motion, sides: []), units: [TextUnit(id: "u1", type: .comment, text: text)])
            let tokenized = tokenizer.tokenize(document)
            guard let unit = tokenized.units.first else { return "none" }
            let found = analyser.analyse(unit, in: tokenized, earlier: [:]).label
            guard turned else { return found }
            return found == "favor" ? "against" : found == "against" ? "favor" : found
        }
        var agreeing = 0
        var total = 0
        for text in texts {
            let labels = wordings.map { label(text, $0.motion, turned: $0.turned) }
            for other in labels.dropFirst() {
                total += 1
                if other == labels[0] { agreeing += 1 }
            }
        }
        return (agreeing, total)
    }

    @Test func rewordingKeepsTheLabelsOnANewTopic() throws {
        let texts = [
            "Cars choke the centre: the traffic and the fumes make walking there miserable.",
            "Since the cars went, the high street is full of people and children can play safely.",
            "Banning cars was the best thing our city ever did.",
            "Shops in the centre depend on drivers, and many have already closed.",
            "Disabled people and carers need to drive to the centre; a ban leaves them stranded.",
            "Buses and trams can carry everyone who drives in today, and the air would be cleaner.",
            "Taking cars out of the centre just moves the traffic jams to the suburbs.",
            "Pedestrian streets in other cities have cut accidents and noise.",
            "Keeping cars out of the centre hurts tradespeople who must carry tools.",
            "Our centre is safer and quieter without cars.",
        ]
        let result = try Self.agreement(texts: texts, wordings: [
            ("Should cities ban cars from the centre?", false), ("Should cars be allowed in city centres?", true),
            ("This house would ban cars from city centres", false), ("Cities should ban cars from their centres.", false),
        ])
        #expect(Double(result.agreeing) >= 0.9 * Double(result.total), "\(result.agreeing) of \(result.total)")
    }

    @Test func rewordingKeepsTheLabelsOnTheSampleDebate() throws {
        let gold = try StanceEvaluation.load(Fixtures.root.appendingPathComponent("Tests/Data/sample-debate-stance.tsv").path, format: .tsv, split: "test")
        let result = try Self.agreement(texts: gold.map(\.text), wordings: [
            ("Are CCGs a failed experiment?", false), ("Are CCGs not a failed experiment?", true),
            ("This house believes that CCGs are a failed experiment", false), ("CCGs are a failed experiment.", false),
        ])
        #expect(Double(result.agreeing) >= 0.9 * Double(result.total), "\(result.agreeing) of \(result.total)")
    }

    /// The shipped model is what scripts/train-stance-model.sh writes: a stale file fails here, so the
    /// weights cannot drift from their data, the features or the lexicons.
    @Test(.enabled(if: ["ibm_argq_30k/train.jsonl", "ibm_claim_stance/train.jsonl", "perspectrum/dataset_split_v1.0.json", "procon20/train.tsv", "tweeteval/stance/mapping.txt"]
            .allSatisfy { FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent($0).path) },
        "the stance sets are not beside the project (../shared/benchmarks); skipped"))
    func shippedModelIsReproducedFromItsData() throws {
        let shipped = try NGramLinearModel.load(
            try Data(contentsOf: Fixtures.lexicons.root.appendingPathComponent(StanceAnalyser.motionModelPath)), path: StanceAnalyser.motionModelPath)
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let b = Self.benchmarks.path
        let result = try CommandLineTests.run([
            "train", "motion-stance", "--data", "\(b)/ibm_argq_30k", "--data", "\(b)/ibm_claim_stance", "--data", "\(b)/perspectrum", "--data", "\(b)/procon20",
            "--data", "\(b)/tweeteval/stance", "--validation", "\(b)/ibm_argq_30k@dev", "--validation", "\(b)/perspectrum@dev", "--costs", String(shipped.cost),
            "--lexicons", Fixtures.lexicons.root.path, "-o", output.appendingPathComponent("model.json").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let refit = try NGramLinearModel.load(try Data(contentsOf: output.appendingPathComponent("model.json")), path: "refit")
        #expect(refit.terms == shipped.terms && refit.classifier == shipped.classifier,
            "lexicons/\(StanceAnalyser.motionModelPath) is stale: rerun scripts/train-stance-model.sh")
    }

    /// Without a question headline, a statement headline's thesis is the motion and the summary says where
    /// it came from; a page with neither warns, so its units' `none` reads as "nothing to take a side on".
    @Test func aStatementHeadlineIsTheMotionAndAPageWithoutOneWarns() throws {
        let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons))
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        func summary(_ units: [TextUnit]) -> (StanceAnalyser.DocumentSummary, [StanceAnalyser.UnitResult]) {
            let document = tokenizer.tokenize(Document(source: "op-ed.html", format: .html, kind: .article, units: units))
            var earlier: [String: StanceAnalyser.UnitResult] = [:]
            let results = document.units.map { unit in
                let result = analyser.analyse(unit, in: document, earlier: earlier)
                earlier[unit.unit.id] = result
                return result
            }
            return (analyser.summarise(document: document, results: results), results)
        }
        let (withThesis, results) = summary([
            TextUnit(id: "u1", type: .headline, text: "Our cities must ban cars from their centres"),
            TextUnit(id: "u2", type: .body, text: "Cars choke the centre: the traffic and the fumes make walking there miserable."),
        ])
        #expect(withThesis.motion == "Our cities must ban cars from their centres" && withThesis.motionSource == "headline" && withThesis.warning == nil)
        #expect(results.map(\.label) == ["favor", "favor"], "\(results)")
        #expect(results[0].evidence.first?.cue == "states-motion")

        let (without, none) = summary([TextUnit(id: "u1", type: .body, text: "Cars choke the centre: the traffic and the fumes make walking there miserable.")])
        #expect(without.motion == nil && without.warning == StanceAnalyser.noMotionWarning)
        #expect(none.map(\.label) == ["none"])
        let corpus = analyser.summarise(corpus: [withThesis, without])
        #expect(corpus.documentsWithoutMotion == 1 && corpus.motions.map(\.source) == ["headline"])
        let table = StanceSummaryTable(summary: corpus, documents: 2, units: 3).text
        #expect(table.contains("No motion found in 1 document") && table.contains("Motion (from the headline): “Our cities must ban cars from their centres”"))
    }
}
