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
        /// The label model's `source` when one gave the labels (`sentiment.labels`); the thresholds then
        /// did not.
        public var labelModel: String?
    }

    public static let description = AnalyserDescription(
        id: "sentiment", version: "2.2.0", name: "Sentiment",
        summary: "Lexicon-and-rules polarity per sentence (negation with clause-bounded scope, boosters, reducers, contrast, concession, capitals, exclamation, emoticons), summed per unit with long texts damped; labels by the thresholds in rules.en.json, or by a label model fit on labelled data (sentiment.labels=FILE).",
        needs: [.tokens, .sentences],
        lexicons: [
            SentimentEngine.rulesPath, "sentiment/vader_lexicon.txt", "sentiment/pattern-en-adjectives.tsv", "sentiment/mpqa-subjectivity.tsv",
            SentimentEngine.defaultOverlay,
        ],
        examples: [
            // Lexicon words (VADER's, then Pattern's adjectives for words VADER lacks).
            AnalyserExample("The new service is excellent.", expect: ["label": "positive"], evidence: ["excellent"]),
            AnalyserExample("The consultation was amateurish.", expect: ["label": "negative"], evidence: ["amateurish"]),
            AnalyserExample("The board meets on the first Tuesday of each month.", expect: ["label": "neutral"]),
            // Negation, and the failures users report of VADER: "I never liked it", "no problem", "no complaints", "not the worst".
            AnalyserExample("This plan is not good.", expect: ["label": "negative"], evidence: ["good", "not"]),
            AnalyserExample("I never liked it.", expect: ["label": "negative"], evidence: ["liked", "never"]),
            AnalyserExample("No problem, the referral went through.", expect: ["label": "positive"], evidence: ["No problem"]),
            AnalyserExample("No complaints about the new GP.", expect: ["label": "positive"], evidence: ["No complaints"]),
            AnalyserExample("It was not the worst meeting we have had.", expect: ["label": "positive"], evidence: ["not the worst"]),
            // Negation stops at clause punctuation; "never … so" intensifies instead.
            AnalyserExample("Never mind, the service is good.", expect: ["label": "positive"], evidence: ["good"]),
            AnalyserExample("I have never been so happy with a surgery.", expect: ["label": "positive"], evidence: ["happy", "never"]),
            AnalyserExample("It was the least helpful reply I have had.", expect: ["label": "negative"], evidence: ["helpful", "least"]),
            // A negator or booster that governs no word counts on its own: "no job, no money"; "pretty" in "pretty flowers".
            AnalyserExample("No job, no money, no home.", expect: ["label": "negative"], evidence: ["No", "no"]),
            AnalyserExample("Pretty flowers in the waiting room.", expect: ["label": "positive"], evidence: ["Pretty"]),
            // "Kindly" is politeness, neither a booster nor praise (another VADER complaint).
            AnalyserExample("Kindly send the minutes by Friday.", expect: ["label": "neutral"]),
            // Boosters and dampeners, one word or several.
            AnalyserExample("The practice is extremely helpful.", expect: ["label": "positive"], evidence: ["helpful", "extremely"]),
            AnalyserExample("The plan is kind of good.", expect: ["label": "positive"], evidence: ["good", "kind of"]),
            // Idioms and multi-word entries.
            AnalyserExample("GPs have no real say.", expect: ["label": "negative"], evidence: ["no real say"]),
            AnalyserExample("What a colossal waste of money.", expect: ["label": "negative"], evidence: ["waste of money"]),
            AnalyserExample("Can't wait for the new surgery to open.", expect: ["label": "positive"], evidence: ["Can't wait"]),
            // Reducers turn what they reduce: cutting delays is good news.
            AnalyserExample("The new rota will reduce harm to patients.", expect: ["label": "positive"], evidence: ["harm", "reduce"]),
            // Contrast and concession: the main clause counts more.
            AnalyserExample("The aims are good but the funding is appalling.", expect: ["label": "negative"], evidence: ["appalling", "but"]),
            AnalyserExample("Although the waiting room is awful, the nurses are wonderful.", expect: ["label": "positive"], evidence: ["wonderful", "Although"]),
            // Negative words weigh more than positive ones (positive words are commoner and weaker evidence).
            AnalyserExample("Friendly staff, terrible parking.", expect: ["label": "negative"], evidence: ["terrible"]),
            // Capitals, exclamation marks, emoticons.
            AnalyserExample("This is GREAT news!!!", expect: ["label": "positive"], evidence: ["GREAT"]),
            AnalyserExample("Still no reply from the surgery :(", expect: ["label": "negative"], evidence: [":("]),
            AnalyserExample("Appointment moved to Friday:-)", expect: ["label": "positive"], evidence: [":-)"]),
            // Words that carry no sentiment here: inside names, hyphenated compounds, "like" as a preposition.
            AnalyserExample("We drove past Manchester United on the way.", expect: ["label": "neutral"]),
            AnalyserExample("The mock-ups arrive on Monday.", expect: ["label": "neutral"]),
            AnalyserExample("It looks like rain again.", expect: ["label": "neutral"]),
            AnalyserExample("I like the new rota.", expect: ["label": "positive"], evidence: ["like"]),
            // A user handle is an address: the word after it still starts the sentence, so it is not read as a name.
            AnalyserExample("@manager Happy New Year to the whole team", expect: ["label": "positive"], evidence: ["Happy"]),
            // Letters held for emphasis are read as the word ("goood"), and "sooo" still boosts it.
            AnalyserExample("The new clinic is sooo goood!", expect: ["label": "positive"], evidence: ["goood", "sooo"]),
            // A question opened by a negated auxiliary asks for agreement: it does not negate.
            AnalyserExample("Wouldn't that be great?", expect: ["label": "positive"], evidence: ["great"]),
            AnalyserExample("That would not be great.", expect: ["label": "negative"], evidence: ["great", "not"]),
            // "Rarely/never … such": the exception is the point, so it strengthens rather than negates.
            AnalyserExample("I have rarely seen such kindness.", expect: ["label": "positive"], evidence: ["kindness", "rarely", "such"]),
            AnalyserExample("I have never seen such incompetence.", expect: ["label": "negative"], evidence: ["incompetence", "never"]),
            // Exclamations that read as the opposite of their words, and a curse used as a booster.
            AnalyserExample("Hell yeah, the new clinic opens Monday!", expect: ["label": "positive"], evidence: ["Hell yeah"]),
            AnalyserExample("It was damned good.", expect: ["label": "positive"], evidence: ["good", "damned"]),
            // Editorial words VADER and Pattern lack come from the MPQA Subjectivity Lexicon.
            AnalyserExample("The reorganisation was a tawdry affair.", expect: ["label": "negative"], evidence: ["tawdry"]),
            // A booster's own valence ("Super, see you there.") does not count inside a name.
            AnalyserExample("Super, see you there.", expect: ["label": "positive"], evidence: ["Super"]),
            AnalyserExample("We watched the Super Eagles on the television at home.", expect: ["label": "neutral"]),
            // An HTML character reference left escaped ("&gt;") is markup, not the slang word "gt".
            AnalyserExample("Waiting times &gt; 18 weeks at the surgery.", expect: ["label": "neutral"]),
            // Idioms: dismissal and disappointment, and phrases whose words only look evaluative.
            AnalyserExample("Who cares what the board thinks.", expect: ["label": "negative"], evidence: ["Who cares"]),
            AnalyserExample("The new rota leaves a lot to be desired.", expect: ["label": "negative"], evidence: ["leaves a lot to be desired"]),
            AnalyserExample("On the other hand, the clinic opens at eight.", expect: ["label": "neutral"]),
            AnalyserExample("We may as well wait for the minutes.", expect: ["label": "neutral"]),
        ])

    public let engine: SentimentEngine
    /// Labels learnt from labelled data (`sentiment.labels=FILE`), in place of the thresholds.
    public let labelModel: SentimentLabelModel?

    public init(context: AnalyserContext) throws {
        let overlay = context.settings["overlay"] ?? SentimentEngine.defaultOverlay
        engine = try SentimentEngine.shared(lexicons: context.lexicons, overlay: overlay)
        labelModel = try context.settings["labels"].map(SentimentLabelModel.load)
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        let scored = engine.score(unit: unit)
        let rounded = Evidence.rounded(scored.score)
        let label = labelModel?.label(of: unit, scored: scored) ?? engine.label(for: rounded)
        return UnitResult(
            label: label, score: rounded, sentences: scored.sentences.map { Evidence.rounded($0.score) },
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
            thresholds: ["positive": engine.positiveThreshold, "negative": engine.negativeThreshold], labelModel: labelModel?.source)
    }
}
