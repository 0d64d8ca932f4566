import CCGEvaluate
import CCGLearn
import CCGModel
import CCGReport
import CCGTestSupport
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser
import Testing

/// The supervised stance path: liblinear learns, the model file round-trips and refuses what it is not,
/// and F-avg is the SemEval measure.
@Suite struct StanceModelTests {
    let tokenizer: Tokenizer

    init() throws { tokenizer = try Tokenizer() }

    /// Two targets with their own words: each classifier learns its target's cues and ignores the other's.
    func trainingItems() -> [StanceEvaluation.Item] {
        let rows: [(String, String, String)] = [
            ("parking", "Free parking at the surgery is a great idea", "favor"),
            ("parking", "Bring back free parking, patients need it", "favor"),
            ("parking", "Free parking helps elderly patients get there", "favor"),
            ("parking", "Charging for parking is a tax on the sick, make it free", "favor"),
            ("parking", "Free parking would waste money the practice needs", "against"),
            ("parking", "No to free parking, staff budgets come first", "against"),
            ("parking", "Free parking is a waste, spend it on nurses", "against"),
            ("parking", "Parking charges should stay, free parking is a waste", "against"),
            ("parking", "The car park opens at eight on Mondays", "none"),
            ("parking", "Where is the car park entrance?", "none"),
            ("mergers", "Merging practices gives patients longer opening hours", "favor"),
            ("mergers", "Mergers let small practices share nurses, good move", "favor"),
            ("mergers", "Merging practices means losing our family doctor", "against"),
            ("mergers", "Mergers close local surgeries, stop them", "against"),
            ("mergers", "The merger meeting is on Thursday", "none"),
        ]
        return rows.enumerated().map { StanceEvaluation.Item(id: String($0.offset), target: $0.element.0, text: $0.element.1, label: $0.element.2) }
    }

    @Test func learnsEachTargetsCuesAndRoundTrips() throws {
        let items = trainingItems()
        let features = TextFeatures(minimumDocumentFrequency: 1)
        let model = try StanceModel.Training(StanceEvaluation.examples(items, tokenizer: tokenizer), labels: StanceEvaluation.labels, features: features)
            .model(cost: 1)
        #expect(model.targets.keys.sorted() == ["mergers", "parking"])
        // The training texts are learnt (a linear SVM with C 1 separates 15 distinct texts).
        let predicted = StanceEvaluation.predict(StanceEvaluation.examples(items, tokenizer: tokenizer), model: model)
        #expect(predicted.labels == items.map(\.label))
        // Unseen texts by their cues.
        let unseen = [
            StanceEvaluation.Item(id: "a", target: "parking", text: "Free parking is a great help", label: "favor"),
            StanceEvaluation.Item(id: "b", target: "parking", text: "What a waste of money", label: "against"),
            StanceEvaluation.Item(id: "c", target: "trains", text: "Trains are late", label: "none"),
        ]
        let guesses = StanceEvaluation.predict(StanceEvaluation.examples(unseen, tokenizer: tokenizer), model: model)
        #expect(guesses.labels == ["favor", "against", "none"])
        #expect(guesses.unknownTargets == 1)

        // Written and read back: the same model, the same bytes for the same training data.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-stance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.json").path
        try model.write(to: path)
        #expect(try StanceModel.load(path) == model)
        let again = try StanceModel.Training(StanceEvaluation.examples(items, tokenizer: tokenizer), labels: StanceEvaluation.labels, features: features)
            .model(cost: 1)
        let secondPath = folder.appendingPathComponent("again.json").path
        try again.write(to: secondPath)
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: secondPath))
    }

    @Test func refusesFilesThatAreNotStanceModels() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-stance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("other.json").path
        try Data(#"{"format": "something-else", "version": 1}"#.utf8).write(to: URL(fileURLWithPath: other))
        #expect { try StanceModel.load(other) } throws: { "\($0)".contains("is not a stance model") }
        let newer = folder.appendingPathComponent("newer.json").path
        try Data(#"{"format": "ccgtext-stance-model", "version": 99}"#.utf8).write(to: URL(fileURLWithPath: newer))
        #expect { try StanceModel.load(newer) } throws: { "\($0)".contains("version 99") }
        #expect { try StanceModel.load(folder.appendingPathComponent("missing.json").path) } throws: { "\($0)".contains("cannot read") }
    }

    @Test func oneClassIsNothingToLearn() throws {
        let items = trainingItems().filter { $0.label == "favor" }
        #expect(throws: LinearModel.TrainingError.self) {
            try StanceModel.Training(StanceEvaluation.examples(items, tokenizer: tokenizer), labels: StanceEvaluation.labels).model(cost: 1)
        }
    }

    /// liblinear never returns from a NaN or an infinite feature value: training refuses them first.
    @Test func aFeatureValueThatIsNotFiniteIsRefused() {
        let rows = [SparseVector(indices: [0], values: [1]), SparseVector(indices: [0], values: [.nan]), SparseVector(indices: [0], values: [-1])]
        #expect { try LinearModel.train(examples: rows, classes: [0, 1, 0], labels: ["a", "b"], featureCount: 1, cost: 1, solver: .logistic) } throws: {
            "\($0)".contains("example 2")
        }
    }

    /// F-avg averages the F1 of favor and against only; none counts through their precision and recall.
    @Test func fAverageIsTheSemEvalMeasure() {
        let gold = ["favor", "favor", "against", "against", "none", "none"]
        let predicted = ["favor", "none", "against", "favor", "none", "none"]
        let evaluation = StanceEvaluation.score(gold: gold, predicted: predicted)
        // favor: P 1/2, R 1/2 → F1 0.5; against: P 1, R 1/2 → F1 2/3; none: P 2/3, R 1 → 0.8.
        #expect(abs(evaluation.f1[1] - 0.5) < 1e-9)
        #expect(abs(evaluation.f1[0] - 2.0 / 3.0) < 1e-9)
        #expect(abs(evaluation.fAverage - (0.5 + 2.0 / 3.0) / 2) < 1e-9)
        #expect(abs(evaluation.macroF1 - (0.5 + 2.0 / 3.0 + 0.8) / 3) < 1e-9)
        #expect(abs(evaluation.accuracy - 4.0 / 6.0) < 1e-9)
    }

    /// One classifier shared by every target, with target-conjoined n-grams and the lexicon features:
    /// it learns its texts, answers for a target it never saw, and round-trips.
    @Test func sharedClassifierServesEveryTarget() throws {
        let items = trainingItems()
        let lexical = StanceLexicalFeatures(engine: try SentimentEngine(lexicons: Fixtures.lexicons))
        let examples = StanceEvaluation.examples(items, tokenizer: tokenizer, lexical: lexical)
        #expect(examples.allSatisfy { $0.lexical.count == StanceLexicalFeatures.names.count })
        let model = try StanceModel.Training(
            examples, labels: StanceEvaluation.labels, mode: .shared, features: TextFeatures(lexical: StanceLexicalFeatures.names)
        ).model(cost: 1)
        #expect(model.targets.keys.sorted() == [StanceModel.anyTarget])
        #expect(model.lexical == StanceLexicalFeatures.names)
        let vocabulary = try #require(model.targets[StanceModel.anyTarget]?.vocabulary)
        #expect(vocabulary.targets == ["mergers", "parking"])
        #expect(vocabulary.terms.contains("t1|w:free parking"))
        #expect(StanceEvaluation.predict(examples, model: model).labels == items.map(\.label))
        let unseen = StanceEvaluation.examples(
            [StanceEvaluation.Item(id: "c", target: "trains", text: "Trains are late", label: "none")], tokenizer: tokenizer, lexical: lexical)
        #expect(StanceEvaluation.predict(unseen, model: model).unknownTargets == 0)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-shared-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        #expect(try StanceModel.load(path) == model)
    }

    /// Procon20's rows: 01 pro, 10 con, the question as target, CSV-quoted arguments unquoted; a bad label
    /// names its line.
    @Test func readsProcon20() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-procon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = [
            "01\tShould Parking Be Free?\t\"\"\"Free parking\"\" helps patients, says the report.\"",
            "10\tShould Parking Be Free?\tIt costs the practice money.",
        ]
        try Data(rows.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("test.tsv"))
        let items = try StanceEvaluation.load(folder.path, format: .procon20, split: "test")
        #expect(items.map(\.label) == ["favor", "against"])
        #expect(items[0].target == "Should Parking Be Free?")
        #expect(items[0].text == "\"Free parking\" helps patients, says the report.")
        try Data("11\tQ?\tA".utf8).write(to: folder.appendingPathComponent("dev.tsv"))
        #expect { try StanceEvaluation.load(folder.path, format: .procon20, split: "dev") } throws: { "\($0)".contains("line 1") }
    }

    /// Macro-F1 averages the labels that occur: two-sided gold with two-sided predictions is not divided by 3.
    @Test func macroF1SkipsLabelsNobodyUsed() {
        let evaluation = StanceEvaluation.score(gold: ["favor", "against"], predicted: ["favor", "against"])
        #expect(evaluation.macroF1 == 1)
    }

    /// `--model` (setting stance.model): comments get the model's label, a confidence and the n-grams behind
    /// it with their offsets; a debate side keeps its side's label.
    @Test func analyserUsesATrainedModel() throws {
        let model = try StanceModel.Training(StanceEvaluation.examples(trainingItems(), tokenizer: tokenizer), labels: StanceEvaluation.labels).model(cost: 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-analyser-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons, settings: ["model": path, "model-target": "parking"]))
        let text = "Honestly, free parking is a great help to us."
        let document = Document(
            source: "t", format: .text, kind: .debate,
            debate: Debate(motion: "Should parking be free?", sides: [DebateSide(side: .no, author: "A", unit: "u1")]),
            units: [TextUnit(id: "u1", type: .section, side: .no, text: "Parking must pay for itself."), TextUnit(id: "u2", type: .comment, text: text)])
        let tokenized = tokenizer.tokenize(document)
        let side = analyser.analyse(tokenized.units[0], in: tokenized, earlier: [:])
        #expect(side.label == "against")
        let result = analyser.analyse(tokenized.units[1], in: tokenized, earlier: [:])
        #expect(result.label == "favor")
        #expect(result.confidence > 0.5)
        let spans = result.evidence.filter { $0.cue == "model-ngram" }
        #expect(!spans.isEmpty)
        let scalars = Array(text.unicodeScalars)
        for span in spans { #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == span.text) }

        #expect(throws: (any Error).self) {
            try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons, settings: ["model": path + ".missing"]))
        }
    }

    /// The report names the model it was made with by the hash of its bytes, and a merge refuses shards
    /// made with a model retrained in place between them.
    @Test func reportRecordsTheModelsHashAndMergeComparesIt() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let training = try StanceModel.Training(StanceEvaluation.examples(trainingItems(), tokenizer: tokenizer), labels: StanceEvaluation.labels)
        let modelPath = folder.appendingPathComponent("model.json").path
        func part(_ shard: Int, cost: Double) throws -> (path: String, sha256: String) {
            try training.model(cost: cost).write(to: modelPath)
            let path = folder.appendingPathComponent("\(shard).json").path
            let result = try CommandLineTests.run(["analyze", Fixtures.corpus.path, "-o", path, "-q", "--analysers", "stance", "--model", modelPath, "--shard", "\(shard)/2"])
            #expect(result.status == 0, "\(result.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: modelPath))
            return (path, Report.sha256(bytes))
        }
        let zero = try part(0, cost: 1)
        let report = try JSONValueParser.parse(Data(contentsOf: URL(fileURLWithPath: zero.path)))
        #expect(report["run"]?["settingFiles"] == .array([.object(["setting": .string("stance.model"), "path": .string(modelPath), "sha256": .string(zero.sha256)])]))
        let retrained = try part(1, cost: 0.01)
        #expect(retrained.sha256 != zero.sha256)
        let merged = folder.appendingPathComponent("merged.json").path
        let merge = try CommandLineTests.run(["merge", zero.path, retrained.path, "-o", merged])
        #expect(merge.status == 2 && merge.stderr.contains("files named by settings"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: merged))
    }
}
