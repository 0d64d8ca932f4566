import CCGModel

/// Hedges ("perhaps", "I think", "not sure") and boosters ("clearly", "of course") per unit: how firmly a
/// writer commits to what they argue. Analysts compare it across debate sides and commenters; researchers
/// read it beside stance, since a hedged "favor" is weaker evidence than a boosted one.
///
/// This is the analyser `docs/writing-an-analyser.md` walks through: a lexicon, one pass over the
/// tokens, evidence with offsets, and summaries that add up across documents and shards.
public struct HedgesAnalyser: Analyser {
    public struct UnitResult: Codable, Sendable, Equatable {
        /// `tentative` (more hedges than boosters), `assertive` (more boosters), `balanced` (as many of
        /// each, at least one) or `plain` (neither).
        public var label: String
        public var hedges: Int
        public var boosters: Int
        /// Words and numbers in the unit, so rates can be compared across long and short texts.
        public var words: Int
        public var evidence: [Evidence]
    }

    /// Counts over a set of units. Sums only, plus rates derived from them, so tallies merge exactly.
    public struct Tally: Codable, Sendable, Equatable {
        public var units = 0
        public var words = 0
        public var hedges = 0
        public var boosters = 0
        public var labels: [String: Int] = Dictionary(uniqueKeysWithValues: HedgesAnalyser.labels.map { ($0, 0) })
        public var hedgesPerThousandWords = 0.0
        public var boostersPerThousandWords = 0.0

        mutating func add(_ result: UnitResult) {
            units += 1
            words += result.words
            hedges += result.hedges
            boosters += result.boosters
            labels[result.label, default: 0] += 1
            updateRates()
        }

        mutating func merge(_ other: Tally) {
            units += other.units
            words += other.words
            hedges += other.hedges
            boosters += other.boosters
            for (label, count) in other.labels { labels[label, default: 0] += count }
            updateRates()
        }

        private mutating func updateRates() {
            hedgesPerThousandWords = words == 0 ? 0 : Evidence.rounded(Double(hedges) * 1000 / Double(words))
            boostersPerThousandWords = words == 0 ? 0 : Evidence.rounded(Double(boosters) * 1000 / Double(words))
        }
    }

    public struct DocumentSummary: Codable, Sendable, Equatable {
        public var all: Tally
        /// Reader comments only.
        public var comments: Tally
        /// Each debate side's section (`yes`, `no`), when the document is a debate.
        public var sides: [String: Tally]
    }

    public struct CorpusSummary: Codable, Sendable, Equatable {
        public var documents: Int
        public var all: Tally
        public var comments: Tally
    }

    public static let labels = ["tentative", "assertive", "balanced", "plain"]
    public static let defaultLexicon = "hedges/en.tsv"

    public static let description = AnalyserDescription(
        id: "hedges", version: "1.0.0", name: "Hedges and boosters",
        summary: "Counts hedges (perhaps, I think, not sure) and boosters (clearly, of course) per unit from lexicons/hedges/en.tsv, with rates per 1,000 words; a booster after a negator counts as a hedge; labels tentative, assertive, balanced or plain.",
        needs: [.tokens, .sentences],
        lexicons: [defaultLexicon],
        examples: [
            AnalyserExample("Perhaps the CCG could do better.", expect: ["label": "tentative", "hedges": "2"], evidence: ["Perhaps", "could"]),
            AnalyserExample("Clearly this has failed, and of course nobody is surprised.", expect: ["label": "assertive", "boosters": "2"], evidence: ["Clearly", "of course"]),
            // A negated booster hedges: the longest phrase wins, so "no doubt" stays a booster.
            AnalyserExample("I am not sure the reforms worked.", expect: ["label": "tentative", "boosters": "0"], evidence: ["not sure"]),
            AnalyserExample("There is no doubt it worked.", expect: ["label": "assertive"], evidence: ["no doubt"]),
            // Conditions in the lexicon: approximators before numbers only, "may" but not the month.
            AnalyserExample("About 40 practices signed up.", expect: ["label": "tentative"], evidence: ["About"]),
            AnalyserExample("We talked about the budget in May.", expect: ["label": "plain", "hedges": "0"]),
            AnalyserExample("May 2015. The new deal for general practice.", expect: ["label": "plain"]),
            AnalyserExample("We waited. \"May I suggest a different approach?\" she asked.", expect: ["label": "tentative"], evidence: ["May", "suggest"]),
            AnalyserExample("I think it was a mistake, but the evidence clearly shows otherwise.", expect: ["label": "assertive", "hedges": "1", "boosters": "2"], evidence: ["I think", "clearly", "shows"]),
            AnalyserExample("Perhaps, but clearly not now.", expect: ["label": "balanced"]),
            // Curly apostrophes match the lexicon's straight ones.
            AnalyserExample("I don\u{2019}t think that\u{2019}s the answer.", expect: ["label": "tentative"], evidence: ["I don\u{2019}t think"]),
        ])

    let lexicon: HedgeLexicon
    /// Words a booster may follow its negator by and still be negated ("not entirely sure").
    let negationWindow = 3

    public init(context: AnalyserContext) throws {
        let path = context.settings["lexicon"] ?? Self.defaultLexicon
        lexicon = try HedgeLexicon(lines: try context.lexicons.lines(path), path: context.lexicons.root.appendingPathComponent(path).path)
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        let tokens = unit.tokens
        var result = UnitResult(label: "plain", hedges: 0, boosters: 0, words: 0, evidence: [])
        // The last negator seen in this sentence: its first token and the word count where it ended.
        var negator: (token: Int, word: Int)?
        var sentence = -1
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            guard token.isWordLike else {
                index += 1
                continue
            }
            if token.sentence != sentence {
                sentence = token.sentence
                negator = nil
            }
            guard let entry = match(at: index, in: unit) else {
                result.words += 1
                index += 1
                continue
            }
            let end = index + entry.words.count
            switch entry.kind {
            case .negator:
                negator = (index, result.words + entry.words.count)
            case .hedge:
                result.hedges += 1
                result.evidence.append(Evidence(tokens: tokens[index..<end], in: unit, cue: "hedge"))
            case .booster:
                if let negated = negator, result.words - negated.word < negationWindow {
                    result.hedges += 1
                    result.evidence.append(Evidence(tokens: tokens[negated.token..<end], in: unit, cue: "negated-booster"))
                    negator = nil
                } else {
                    result.boosters += 1
                    result.evidence.append(Evidence(tokens: tokens[index..<end], in: unit, cue: "booster"))
                }
            }
            result.words += entry.words.count
            index = end
        }
        result.label = Self.label(hedges: result.hedges, boosters: result.boosters)
        return result
    }

    /// The longest entry whose words are the tokens from `index` on and whose condition holds.
    private func match(at index: Int, in unit: TokenizedUnit) -> HedgeLexicon.Entry? {
        let tokens = unit.tokens
        guard let candidates = lexicon.entriesByFirstWord[HedgeLexicon.key(tokens[index].folded)] else { return nil }
        for entry in candidates {
            let end = index + entry.words.count
            guard end <= tokens.count else { continue }
            var matches = true
            for offset in 1..<entry.words.count where HedgeLexicon.key(tokens[index + offset].folded) != entry.words[offset] || !tokens[index + offset].isWordLike {
                matches = false
                break
            }
            guard matches else { continue }
            guard entry.conditions.allSatisfy({ holds($0, from: index, to: end, in: tokens) }) else { continue }
            return entry
        }
        return nil
    }

    private func holds(_ condition: HedgeLexicon.Condition, from index: Int, to end: Int, in tokens: [Token]) -> Bool {
        let numberFollows = end < tokens.count && tokens[end].kind == .number
        switch condition {
        case .beforeNumber: return numberFollows
        case .notBeforeNumber: return !numberFollows
        case .notCapitalised:
            // First word of its sentence, even after an opening quote or bracket.
            let sentence = tokens[index].sentence
            let startsSentence = !tokens[..<index].reversed().prefix { $0.sentence == sentence }.contains { $0.isWordLike }
            return startsSentence || tokens[index].text.first?.isUppercase != true
        }
    }

    static func label(hedges: Int, boosters: Int) -> String {
        if hedges > boosters { return "tentative" }
        if boosters > hedges { return "assertive" }
        return hedges > 0 ? "balanced" : "plain"
    }

    public func summarise(document: TokenizedDocument, results: [UnitResult]) -> DocumentSummary {
        var summary = DocumentSummary(all: Tally(), comments: Tally(), sides: [:])
        for (unit, result) in zip(document.units, results) {
            summary.all.add(result)
            if unit.unit.type == .comment { summary.comments.add(result) }
            if let side = unit.unit.side { summary.sides[side.rawValue, default: Tally()].add(result) }
        }
        return summary
    }

    public func summarise(corpus: DocumentSummaries<DocumentSummary>) -> CorpusSummary {
        var summary = CorpusSummary(documents: corpus.count, all: Tally(), comments: Tally())
        for document in corpus {
            summary.all.merge(document.all)
            summary.comments.merge(document.comments)
        }
        return summary
    }
}
