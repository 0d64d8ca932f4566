import CCGModel

/// Sentiment per unit: lexicon and rules per sentence, averaged per unit, with the words that moved it.
public struct SentimentAnalyser: Analyser {
    public struct UnitResult: Codable, Sendable, Equatable {
        public var label: String
        public var score: Double
        /// Each sentence's compound score, in order.
        public var sentences: [Double]
        public var evidence: [Evidence]
    }

    public struct Distribution: Codable, Sendable, Equatable {
        public var positive = 0
        public var neutral = 0
        public var negative = 0
        public var units = 0
        /// Sum of unit scores, kept so that summaries of shards merge exactly.
        public var scoreSum = 0.0
        public var meanScore = 0.0

        mutating func add(label: String, score: Double) {
            switch label {
            case "positive": positive += 1
            case "negative": negative += 1
            default: neutral += 1
            }
            units += 1
            scoreSum = Evidence.rounded(scoreSum + score)
            meanScore = Evidence.rounded(scoreSum / Double(units))
        }

        mutating func merge(_ other: Distribution) {
            positive += other.positive
            neutral += other.neutral
            negative += other.negative
            units += other.units
            scoreSum = Evidence.rounded(scoreSum + other.scoreSum)
            meanScore = units == 0 ? 0 : Evidence.rounded(scoreSum / Double(units))
        }
    }

    public struct DocumentSummary: Codable, Sendable, Equatable {
        public var all: Distribution
        /// Reader comments only ("comments under the debate were 80% negative").
        public var comments: Distribution
    }

    public struct CorpusSummary: Codable, Sendable, Equatable {
        public var documents: Int
        public var all: Distribution
        public var comments: Distribution
        public var thresholds: [String: Double]
    }

    public static let description = AnalyserDescription(
        id: "sentiment", version: "1.1.0", name: "Sentiment",
        summary: "Lexicon-and-rules polarity per sentence (negation scope, boosters, contrast, capitals, exclamation, emoticons), averaged per unit; label positive ≥ 0.05, negative ≤ −0.05.",
        needs: [.tokens, .sentences],
        lexicons: [SentimentEngine.rulesPath, "sentiment/vader_lexicon.txt", "sentiment/pattern-en-adjectives.tsv", SentimentEngine.defaultOverlay],
        examples: [
            AnalyserExample("The new service is excellent.", expect: ["label": "positive"], evidence: ["excellent"]),
            AnalyserExample("This plan is not good.", expect: ["label": "negative"], evidence: ["good", "not"]),
            AnalyserExample("I never liked the old arrangement.", expect: ["label": "negative"], evidence: ["liked", "never"]),
            AnalyserExample("No problem, the referral went through.", expect: ["label": "positive"], evidence: ["No problem"]),
            AnalyserExample("It was not the worst meeting we have had.", expect: ["label": "positive"], evidence: ["not the worst"]),
            AnalyserExample("The aims are good but the funding is appalling.", expect: ["label": "negative"], evidence: ["appalling", "but"]),
            AnalyserExample("GPs have no real say.", expect: ["label": "negative"], evidence: ["no real say"]),
            AnalyserExample("What a colossal waste of money.", expect: ["label": "negative"], evidence: ["waste of money"]),
            AnalyserExample("The board meets on the first Tuesday of each month.", expect: ["label": "neutral"]),
            AnalyserExample("This is GREAT news!!!", expect: ["label": "positive"], evidence: ["GREAT"]),
            AnalyserExample("The practice is extremely helpful.", expect: ["label": "positive"], evidence: ["helpful", "extremely"]),
            AnalyserExample("Still no reply from the surgery :(", expect: ["label": "negative"], evidence: [":("]),
            AnalyserExample("Appointment moved to Friday:-)", expect: ["label": "positive"], evidence: [":-)"]),
        ])

    public let engine: SentimentEngine

    public init(context: AnalyserContext) throws {
        let overlay = context.settings["overlay"] ?? SentimentEngine.defaultOverlay
        engine = try SentimentEngine(lexicons: context.lexicons, overlay: overlay)
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        let scored = engine.score(unit: unit)
        let rounded = Evidence.rounded(scored.score)
        return UnitResult(
            label: engine.label(for: rounded), score: rounded, sentences: scored.sentences.map { Evidence.rounded($0.score) },
            evidence: scored.evidence)
    }

    public func summarise(document: TokenizedDocument, results: [UnitResult]) -> DocumentSummary {
        var all = Distribution()
        var comments = Distribution()
        for (unit, result) in zip(document.units, results) {
            all.add(label: result.label, score: result.score)
            if unit.unit.type == .comment { comments.add(label: result.label, score: result.score) }
        }
        return DocumentSummary(all: all, comments: comments)
    }

    public func summarise(corpus: [DocumentSummary]) -> CorpusSummary {
        var all = Distribution()
        var comments = Distribution()
        for summary in corpus {
            all.merge(summary.all)
            comments.merge(summary.comments)
        }
        return CorpusSummary(
            documents: corpus.count, all: all, comments: comments,
            thresholds: ["positive": engine.positiveThreshold, "negative": engine.negativeThreshold])
    }
}
