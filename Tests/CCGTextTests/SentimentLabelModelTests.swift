import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import SentimentAnalyser
import Testing

/// The sentiment label model: its features, its fit, its file, and its use by the analyser.
@Suite struct SentimentLabelModelTests {
    static let tweeteval = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/tweeteval/sentiment")
    static let benchmarks = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks")
    static let commentSet = Fixtures.root.appendingPathComponent("Plugins/Sentiment/CommentSet/labels.tsv")
    static let shippedPath = SentimentLabelModel.defaultPath

    static func engine() throws -> SentimentEngine { try SentimentEngine(lexicons: Fixtures.lexicons) }

    static func features(_ text: String) throws -> [Double] {
        let unit = try Tokenizer().tokenize(TextUnit(id: "u1", type: .body, text: text))
        return SentimentLabelModel.features(of: unit, scored: try engine().score(unit: unit))
    }

    @Test func featuresReadWordingAndTheKindOfText() throws {
        let headline = try Self.features("Dark Souls 3 launch date confirmed: embrace the darkness")
        #expect(headline[0] != 0)
        #expect(headline[1] > 0 && headline[2] > 0, "\(headline)")  // "embrace" and "darkness" both count
        #expect(headline[6] == 1)  // the colon before a space
        #expect(headline[7] == 0)
        let question = try Self.features("Meeting at 10:30?? Who is going!!!! see https://example.org/a:b")
        #expect(question[4] == 2 && question[5] == 3)  // four "!" count as three
        #expect(question[6] == 0)  // a time and a link are not headline colons
        #expect(question[7] == 1)
        let calm = try Self.features("The clinic opens at eight")
        #expect(calm[0] == 0 && calm[1] == 0 && calm[2] == 0)
        #expect(abs(calm[3] - log(6)) < 1e-9)
        // No text at all: every feature is 0, none is NaN.
        #expect(try Self.features("").allSatisfy { $0 == 0 })
        // The strongest sentence on each side, and the share of sentences that are polar at all.
        let mixed = try Self.features("The nurses were wonderful. The parking was awful. The clinic is on Station Road.")
        #expect(mixed[8] < 0 && mixed[9] > 0 && abs(mixed[10] - 2.0 / 3) < 1e-9, "\(mixed)")
        #expect(try Self.features("Practice list size: 12000 patients")[11] == log(2))
    }

    static let sample: [(String, String)] = [
        ("What a wonderful, caring team at the surgery!", "positive"), ("Brilliant news, the new clinic is great!", "positive"),
        ("I love how friendly the nurses are!", "positive"), ("Thank you all, superb care as always!", "positive"),
        ("The waits are awful and the staff are rude.", "negative"), ("Terrible service, I hate this place.", "negative"),
        ("Another cancelled appointment, what a disaster.", "negative"), ("Worst practice in town, angry and fed up.", "negative"),
        ("Board meeting: minutes published on Tuesday", "neutral"), ("Clinic hours change from Monday: see the website", "neutral"),
        ("Does anyone know when the flu clinic opens?", "neutral"), ("The surgery moves to Station Road in May.", "neutral"),
        ("Practice list size: 12,000 patients", "neutral"), ("Is the pharmacy open on Sunday?", "neutral"),
    ]

    static func sampleExamples() throws -> [(features: [Double], label: String)] {
        let items = Self.sample.enumerated().map { SentimentEvaluation.Item(id: String($0.offset), text: $0.element.0, label: $0.element.1) }
        return SentimentEvaluation.labelExamples(items, engine: try SentimentEngine(lexicons: Fixtures.lexicons), tokenizer: try Tokenizer())
    }

    @Test func fittingIsDeterministicChoosesCByFoldsAndLearnsTheLabels() throws {
        let examples = try Self.sampleExamples()
        let one = try SentimentLabelModel.fit(examples, source: "test", licence: "test")
        let two = try SentimentLabelModel.fit(examples, source: "test", licence: "test")
        #expect(one == two)
        #expect(one.examples == Self.sample.count && one.labels == SentimentLabelModel.labelNames)
        #expect(Set(one.crossValidation.keys) == Set(SentimentLabelModel.costs.map { String($0) }))
        #expect(one.crossValidation[String(one.cost)] == one.crossValidation.values.max())
        let right = examples.count { one.label(for: $0.features) == $0.label }
        #expect(right >= 11, "\(right) of \(examples.count) training texts")
    }

    /// A big middle class of 400 points between two of 40, overlapping (TweetEval's validation split is
    /// shaped so: neutral between negative and positive). liblinear's own multi-class weighting scales a
    /// class only while it is the positive side, so each problem still leans toward the big class;
    /// weighing both sides of each problem alike gives the small classes their due.
    @Test func eachClassAgainstTheRestWeighsBothSidesAlike() throws {
        var rows: [SparseVector] = []
        var classes: [Int] = []
        for (label, (count, centre)) in [(40, (-1.0, 0.0)), (400, (0.0, 0.0)), (40, (1.0, 0.0))].enumerated() {
            for index in 0..<count {
                // Spread on a fixed spiral around the centre: deterministic, overlapping the neighbours.
                let angle = Double(index) * 2.4
                let radius = 1.5 * Double(index % 10 + 1) / 10
                rows.append(SparseVector(indices: [0, 1], values: [centre.0 + radius * cos(angle), centre.1 + radius * sin(angle)]))
                classes.append(label)
            }
        }
        let labels = ["left", "middle", "right"]
        let balanced = try LinearModel.oneVersusRest(examples: rows, classes: classes, labels: labels, featureCount: 2, cost: 1)
        let liblinear = try LinearModel.train(
            examples: rows, classes: classes, labels: labels, featureCount: 2, cost: 1, balanced: true, solver: .logistic)
        // Each row is the decision function of its own two-class problem, balanced on both sides.
        let right = try LinearModel.train(
            examples: rows, classes: classes.map { $0 == 2 ? 1 : 0 }, labels: ["rest", "right"], featureCount: 2, cost: 1, balanced: true,
            solver: .logistic)
        #expect(balanced.labels == labels)
        #expect(balanced.weights[2] == right.weights[1] && balanced.bias[2] == right.bias[1])
        func macroRecall(_ model: LinearModel) -> Double {
            SentimentLabelModel.macroRecall(
                gold: classes.map { ["negative", "neutral", "positive"][$0] },
                predicted: rows.map { ["negative", "neutral", "positive"][model.predict($0).label] })
        }
        #expect(macroRecall(balanced) > macroRecall(liblinear) + 0.1, "\(macroRecall(balanced)) against \(macroRecall(liblinear))")
    }

    @Test func tooLittleDataOrAnUnknownLabelIsSaidPlainly() throws {
        let examples = try Self.sampleExamples()
        #expect(throws: SentimentLabelModel.FitError.tooFew(texts: 4, labels: 2)) {
            try SentimentLabelModel.fit(Array(examples[2...5]), source: "test", licence: "test")
        }
        #expect(throws: SentimentLabelModel.FitError.tooFew(texts: 4, labels: 1)) {
            try SentimentLabelModel.fit(Array(examples[0...3]), source: "test", licence: "test")
        }
        var renamed = examples
        renamed[0].label = "favor"
        #expect(throws: SentimentLabelModel.FitError.unknownLabel("favor")) { try SentimentLabelModel.fit(renamed, source: "test", licence: "test") }
        // Ten texts, one of them the only positive: folds that lose it still train on two labels.
        let skewed = Array(examples[3...12])
        #expect(try SentimentLabelModel.fit(skewed, source: "test", licence: "test").examples == 10)
    }

    @Test func aFileOfAnotherFormatVersionOrFeatureListIsRefused() throws {
        let model = try SentimentLabelModel.fit(try Self.sampleExamples(), source: "test", licence: "test")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func written(_ model: SentimentLabelModel) throws -> String {
            let path = folder.appendingPathComponent(UUID().uuidString + ".json").path
            try JSONEncoder().encode(model).write(to: URL(fileURLWithPath: path))
            return path
        }
        #expect(try SentimentLabelModel.load(written(model)) == model)
        var other = model
        other.version = 99
        #expect(throws: IncompatibleWeights.self) { try SentimentLabelModel.load(written(other)) }
        other = model
        other.features.removeLast()
        #expect(throws: IncompatibleWeights.self) { try SentimentLabelModel.load(written(other)) }
        other = model
        other.weights[1].removeLast()
        #expect(throws: IncompatibleWeights.self) { try SentimentLabelModel.load(written(other)) }
        let notJSON = folder.appendingPathComponent("not.json").path
        try Data("{\"format\":".utf8).write(to: URL(fileURLWithPath: notJSON))
        #expect(throws: IncompatibleWeights.self) { try SentimentLabelModel.load(notJSON) }
        #expect(throws: IncompatibleWeights.self) { try SentimentLabelModel.load(folder.appendingPathComponent("missing.json").path) }
    }

    /// `sentiment.labels` changes the labels and nothing else, and the corpus summary says which model
    /// gave them.
    @Test func theAnalyserLabelsWithTheModelAndKeepsItsScores() throws {
        let path = Fixtures.lexicons.root.appendingPathComponent(Self.shippedPath).path
        let plain = try SentimentAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons, settings: ["labels": "none"]))
        let modelled = try SentimentAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons, settings: ["labels": path]))
        // Nothing set is the shipped model.
        #expect(try SentimentAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons)).labelModel == modelled.labelModel)
        let tokenizer = try Tokenizer()
        let texts = [
            "Festivus is back as a twilight event on Friday 15 January. Do you like music? Do you like the arts?",
            "What will happen to the clemency plea before the President? SC says Yakub can be executed on Thursday.",
            "I love this, best day ever!!", "Awful, awful service, never again.",
        ]
        var differ = 0
        for text in texts {
            let document = tokenizer.tokenize(Document(source: "d.txt", format: .text, units: [TextUnit(id: "u1", type: .comment, text: text)]))
            let a = plain.analyse(document.units[0], in: document, earlier: [:])
            let b = modelled.analyse(document.units[0], in: document, earlier: [:])
            #expect(a.score == b.score && a.evidence == b.evidence && a.sentences == b.sentences)
            if a.label != b.label { differ += 1 }
        }
        // The two announcements ask questions and praise or blame nobody: the thresholds call them positive
        // and negative, the model (fit on TweetEval and labelled comments) neutral.
        #expect(differ >= 2)
        #expect(modelled.summarise(corpus: []).labelModel == modelled.labelModel?.source)
        #expect(plain.summarise(corpus: []).labelModel == nil)
        #expect(throws: IncompatibleWeights.self) {
            try SentimentAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons, settings: ["labels": "/nonexistent/labels.json"]))
        }
    }

    /// The shipped model is what `scripts/train-sentiment-labels.sh` writes: a stale file fails here.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: tweeteval.appendingPathComponent("val_text.txt").path)
        && FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent("iac_4forums/posts.jsonl.gz").path),
        "TweetEval or the comment set's sources not found beside the project (../shared/benchmarks); skipped"))
    func shippedModelIsReproducedFromTweetEvalValidationAndTheCommentSet() throws {
        let tweets = try SentimentEvaluation.load(Self.tweeteval.appendingPathComponent("val_text.txt").path, format: .tweeteval)
        let comments = try SentimentEvaluation.load(Self.commentSet.path, format: .commentSet, benchmarks: Self.benchmarks.path)
        #expect(tweets.count == 2000 && comments.count >= 300)
        let engine = try Self.engine()
        let shipped = try SentimentLabelModel.load(Fixtures.lexicons.root.appendingPathComponent(Self.shippedPath).path)
        let examples = SentimentEvaluation.labelExamples(tweets + comments, engine: engine, tokenizer: try Tokenizer(lexicons: Fixtures.lexicons))
        let refit = try SentimentLabelModel.fit(examples, source: shipped.source, licence: shipped.licence)
        #expect(refit == shipped, "lexicons/\(Self.shippedPath) is stale: rerun scripts/train-sentiment-labels.sh")
    }

    /// The comment set reads back every id it lists, from each of its four sources.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent("dragnet/gold.jsonl").path),
        "the comment set's sources not found beside the project (../shared/benchmarks); skipped"))
    func theCommentSetReadsItsTextsFromTheBenchmarks() throws {
        let items = try CommentSentimentSet.load(Self.commentSet.path, benchmarks: Self.benchmarks.path)
        #expect(items.count >= 300)
        for source in CommentSentimentSet.sources { #expect(items.contains { $0.id.hasPrefix(source + ":") }) }
        #expect(items.allSatisfy { !$0.text.isEmpty && !$0.text.contains("\n") && $0.label != nil })
        let second = try CommentSentimentSet.load(Self.commentSet.path, benchmarks: Self.benchmarks.path, pass: .second)
        #expect(second.count >= 100)
    }

    @Test func paragraphsSplitAsTheSetWasDrawn() {
        #expect(CommentSentimentSet.paragraphs(of: "a  b\n\n  \n c\nd\n\ne", blankLineSeparated: true) == ["a b", "c d", "e"])
        #expect(CommentSentimentSet.paragraphs(of: "a\n\nb", blankLineSeparated: false) == ["a", "", "b"])
    }
}
