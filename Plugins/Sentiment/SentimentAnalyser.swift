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
        id: "sentiment", version: "3.0.0", name: "Sentiment",
        summary: "Lexicon-and-rules polarity per sentence (negation with clause-bounded scope, boosters, reducers, contrast, concession, capitals, exclamation, emoticons, sarcasm markers set against a complaint, scare quotes), summed per unit with long texts damped; a reply that only agrees takes its parent's sentiment, and its quotes of the parent do not count; labels by a model fit on labelled reader comments and tweets (sentiment.labels=FILE for your own, none for the thresholds in rules.en.json).",
        needs: [.tokens, .sentences],
        lexicons: SentimentEngine.lexiconPaths + [SentimentLabelModel.defaultPath],
        examples: [
            // Lexicon words (VADER's, then Pattern's adjectives for words VADER lacks).
            AnalyserExample("The new service is excellent.", expect: ["label": "positive"], evidence: ["excellent"]),
            // (One weak word: the rules score it negative, the label model may call it neutral.)
            AnalyserExample("The consultation was amateurish.", expect: ["!label": "positive"], evidence: ["amateurish"]),
            AnalyserExample("The consultation was amateurish and the report is useless.", expect: ["label": "negative"], evidence: ["amateurish"]),
            AnalyserExample("The board meets on the first Tuesday of each month.", expect: ["label": "neutral"]),
            // Negation, and the failures users report of VADER: "I never liked it", "no problem", "no complaints", "not the worst".
            AnalyserExample("This plan is not good.", expect: ["label": "negative"], evidence: ["good", "not"]),
            AnalyserExample("I never liked it.", expect: ["label": "negative"], evidence: ["liked", "never"]),
            AnalyserExample("No problem, the referral went through.", expect: ["label": "positive"], evidence: ["No problem"]),
            AnalyserExample("No complaints about the new GP.", expect: ["label": "positive"], evidence: ["No complaints"]),
            // (Lukewarm praise: the rules read it as positive, the label model may call it neutral.)
            AnalyserExample("It was not the worst meeting we have had.", expect: ["!label": "negative"], evidence: ["not the worst"]),
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
            // Comments that inform, ask, correct or point elsewhere take no side (the label model, fit on
            // labelled comments and tweets, reads what kind of remark it is).
            AnalyserExample("The minutes of the last meeting are on page 2 of the thread.", expect: ["label": "neutral"]),
            AnalyserExample("Does anyone know when the consultation closes?", expect: ["label": "neutral"]),
            AnalyserExample("Correction: the figure was 12%, not 21%, according to the 2019 report.", expect: ["label": "neutral"]),
            AnalyserExample("See my earlier post for the link.", expect: ["label": "neutral"]),
            AnalyserExample("Thanks so much, this was really helpful!", expect: ["label": "positive"]),
            // Sarcasm: praise with a marker, set against a complaint or against "another", means its opposite;
            // the same marker with nothing to set it against is sincere.
            AnalyserExample(
                "Oh marvellous, another layer of meetings. Just what every exhausted GP needs.", expect: ["label": "negative", "evidence[].cue": "sarcasm"],
                evidence: ["Oh marvellous"]),
            AnalyserExample("What a surprise, the board has wasted another million on consultants.", expect: ["label": "negative", "evidence[].cue": "sarcasm"]),
            AnalyserExample("This is just what I needed, thank you!", expect: ["label": "positive", "!evidence[].cue": "sarcasm"]),
            AnalyserExample("Yeah right, like the board will listen.", expect: ["label": "negative"], evidence: ["Yeah right"]),
            // Scare quotes hold a praising word at arm's length.
            AnalyserExample("The \u{201C}improvements\u{201D} have made every clinic later.", expect: ["label": "negative", "evidence[].cue": "scare-quotes"]),
            // Context: a reply that only agrees takes the sentiment of what it answers; a reply's quote of its
            // parent is the parent's feeling, not the reply's.
            AnalyserExample(
                "+1", expect: ["label": "negative", "evidence[].cue": "agrees-with-parent"],
                parent: "This reorganisation is a disgrace and a colossal waste of money."),
            AnalyserExample(
                "Agreed, Rachel.", expect: ["label": "positive", "evidence[].cue": "agrees-with-parent"],
                parent: "The new walk-in clinic has been brilliant for our family."),
            AnalyserExample(
                "This reorganisation is a disgrace and a colossal waste of money. I see it differently: our waiting times have halved and the staff are happier.",
                expect: ["label": "positive", "evidence[].cue": "quoted-parent"],
                parent: "This reorganisation is a disgrace and a colossal waste of money."),
        ])

    public let engine: SentimentEngine
    /// Labels learnt from labelled data (`sentiment.labels=FILE`), in place of the thresholds.
    public let labelModel: SentimentLabelModel?

    public init(context: AnalyserContext) throws {
        let overlay = context.settings["overlay"] ?? SentimentEngine.defaultOverlay
        let engine = try SentimentEngine.shared(lexicons: context.lexicons, overlay: overlay)
        self.engine = engine
        labelModel = try SentimentLabelModel.chosen(context.settings["labels"], lexicons: context.lexicons)
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        let parent = unit.unit.replyTo.flatMap { document.unit($0) }
        // "+1" to an angry comment is angry: a reply that only agrees takes its parent's sentiment.
        if let parentId = unit.unit.replyTo, let answered = earlier[parentId], let marker = engine.bareAgreement(unit) {
            let evidence = Evidence(tokens: unit.tokens[marker], in: unit, cue: "agrees-with-parent", weight: answered.score)
            return UnitResult(label: answered.label, score: answered.score, sentences: unit.sentences.map { _ in answered.score }, evidence: [evidence])
        }
        let scored = engine.score(unit: unit, skipping: parent.map { Self.quotedSentences(of: unit, from: $0) } ?? [])
        let rounded = Evidence.rounded(scored.score)
        let label = labelModel?.label(of: unit, scored: scored) ?? engine.label(for: rounded)
        return UnitResult(
            label: label, score: rounded, sentences: scored.sentences.map { Evidence.rounded($0.score) },
            evidence: scored.evidence)
    }

    /// The reply's sentences of four words or more whose runs of four words its parent holds (case aside): quotes of the parent, whose feeling is the parent's, not the reply's. Runs are compared as
    /// sets, so the test is linear in the two texts' lengths.
    static func quotedSentences(of unit: TokenizedUnit, from parent: TokenizedUnit) -> Set<Int> {
        func runs(_ words: [String]) -> [[String]] {
            words.count < 4 ? [] : (0...(words.count - 4)).map { Array(words[$0..<($0 + 4)]) }
        }
        var quoted: Set<Int> = []
        var parentRuns: Set<[String]>?
        for (index, sentence) in unit.sentences.enumerated() {
            let words = unit.tokens[sentence.tokens].filter(\.isWordLike).map(\.folded)
            guard words.count >= 4 else { continue }
            if parentRuns == nil { parentRuns = Set(runs(parent.tokens.filter(\.isWordLike).map(\.folded))) }
            let own = runs(words)
            // Four in five of its runs, so that a word of the reply's own before the quote ("Quote: …") does
            // not hide it.
            if 5 * own.count { parentRuns?.contains($0) == true } >= 4 * own.count { quoted.insert(index) }
        }
        return quoted
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

    public func summarise(corpus: DocumentSummaries<DocumentSummary>) -> CorpusSummary {
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
