import CCGModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lexicon-and-rules sentiment (the approach of VADER, re-implemented here over ICU tokens): valence words
/// and multi-word entries, boosters and dampeners, negation with a clause-bounded scope, reducers ("cut
/// waiting times"), contrast and concession, capitals and exclamation marks, scored one sentence at a
/// time and summed per unit with long texts damped so that they do not saturate. Exposed so that other
/// analysers (stance) score text with the same rules.
///
/// Every word, weight and threshold comes from `lexicons/sentiment/`: the rules here are language-neutral
/// and the lists they read are not.
public struct SentimentEngine: Sendable {
    struct Rules: Decodable {
        var lexicons: [LexiconFile]
        var negators: [String]
        /// Negators that intensify instead when a booster follows ("never been so good").
        var intensifyingNegators: [String]
        var boosters: [String: Double]
        var contrastive: [String]
        var concessive: [String]
        var reducers: [String]
        var idioms: [String: Double]
        var verbSenses: [String: [String]]
        var weights: Weights
        var thresholds: [String: Double]
        var sarcasm: Sarcasm?
        var agreement: Agreement?
    }

    /// Replies that only agree ("+1", "Agreed, Rachel.").
    struct Agreement: Decodable {
        var markers: [String]
        var otherWords: Int
    }

    /// Markers of praise meant as its opposite, and the quotation marks that set a word apart ("scare quotes").
    struct Sarcasm: Decodable {
        var markers: [String]
        var setAgainst: [String]
        var quotes: [String]
    }

    /// A general valence lexicon (`word<TAB>valence`, `#` comments): files earlier in the list win, later
    /// ones only add words the earlier lack; `scale` maps a file's range onto VADER's −4…+4.
    struct LexiconFile: Decodable {
        var path: String
        var scale: Double
    }

    /// The rules' constants, kept in the lexicon folder so that a project can re-tune them without code.
    struct Weights: Decodable, Sendable {
        /// Factor on a negated word's valence.
        var negation: Double
        /// Factor when the negator is followed by an intensifier ("never been so good").
        var neverSo: Double
        /// Factor on a word's valence after a reducer ("reduce crime", "prevent success").
        var reducer: Double
        /// Added to the magnitude of an all-capitals word in a text that is not all capitals.
        var capitals: Double
        var exclamation: Double
        var maxExclamations: Int
        var question: Double
        var maxQuestionEmphasis: Double
        /// Factors on words before and after a contrastive conjunction ("…, but …").
        var beforeContrast: Double
        var afterContrast: Double
        /// Factor on the words of a concessive clause ("Although …,").
        var concession: Double
        /// Factor on every negative contribution: positive words are more frequent and weaker evidence
        /// than negative ones, so without it texts lean positive (SO-CAL's negative weighting, Taboada et
        /// al. 2011).
        var negativeWeight: Double
        /// α in the compound score x / √(x² + α).
        var normalisation: Double
        /// Up to this many sentences a unit's valence is their sum; beyond, the sum is scaled by
        /// (this / sentences) ^ `longTextExponent`, so that length alone does not push a text to ±1.
        var sentencesAtFullWeight: Double
        var longTextExponent: Double
    }

    /// What the rules know about one folded word, so each word costs one hash lookup.
    struct WordEntry {
        var valence: Double?
        var boost: Double?
        var isNegator = false
        var intensifiesBeforeBooster = false
        var isReducer = false
        var role: ClauseRole = .none
        /// For a word whose valence belongs to one sense ("like" the verb, not the preposition): the
        /// entries of the words that, just before it, mark that sense.
        var senseCues: Set<Int32>?
        /// Multi-word entries starting with this word, longest first.
        var phrases: [Phrase]?
    }

    enum ClauseRole { case none, contrastive, concessive }

    /// A multi-word entry: an idiom with a valence (0 blocks its words' own valences) or a booster.
    struct Phrase {
        var words: [String]
        /// `words` as indices in `entries` (every phrase word has one), compared instead of strings.
        var entries: [Int32] = []
        var valence: Double?
        var boost: Double?
    }

    let entries: TermTable<WordEntry>
    let weights: Weights
    public let positiveThreshold: Double
    public let negativeThreshold: Double
    let sarcasmMarkers: PhraseSet
    let agreementMarkers: PhraseSet
    let agreementOtherWords: Int
    /// The most words a reply that only agrees can have: the longest marker and the other words allowed.
    let agreementMostWords: Int
    let sarcasmSetAgainst: Set<String>
    /// Quotation marks around a praising word turn it ("the \u{201C}improvements\u{201D}").
    let scareQuotes: Set<String>

    public static let rulesPath = "sentiment/rules.en.json"
    public static let defaultOverlay = "sentiment/overlay-health-policy.tsv"
    /// The lexicon files the engine reads by default, for the descriptions of the analysers that score with it.
    public static let lexiconPaths = [
        rulesPath, "sentiment/vader_lexicon.txt", "sentiment/pattern-en-adjectives.tsv", "sentiment/mpqa-subjectivity.tsv", defaultOverlay,
    ]

    public init(lexicons: LexiconDirectory, overlay: String? = SentimentEngine.defaultOverlay) throws {
        let rules = try lexicons.json(Self.rulesPath, as: Rules.self)
        weights = rules.weights
        sarcasmMarkers = PhraseSet([rules.sarcasm?.markers ?? []])
        agreementMarkers = PhraseSet([rules.agreement?.markers ?? []])
        agreementOtherWords = rules.agreement?.otherWords ?? 0
        agreementMostWords = (rules.agreement?.markers.map { $0.split(separator: " ").count }.max() ?? 0) + agreementOtherWords
        sarcasmSetAgainst = Set(rules.sarcasm?.setAgainst ?? [])
        scareQuotes = Set(rules.sarcasm?.quotes ?? [])
        var entries: [String: WordEntry] = [:]
        positiveThreshold = rules.thresholds["positive"] ?? 0.05
        negativeThreshold = rules.thresholds["negative"] ?? -0.05
        var general: [String: Double] = [:]
        for file in rules.lexicons {
            for (term, value) in try Self.valences(in: file.path, of: lexicons) where general[term] == nil {
                general[term] = value * file.scale
            }
        }
        for (term, value) in general.sorted(by: { $0.key < $1.key }) { Self.add(term, valence: value, to: &entries) }
        for (phrase, value) in rules.idioms { Self.add(phrase, valence: value, to: &entries) }
        if let overlay, overlay != "none" {
            for (term, value) in try Self.valences(in: overlay, of: lexicons) { Self.add(term, valence: value, to: &entries) }
        }
        for (word, boost) in rules.boosters { Self.add(word, boost: boost, to: &entries) }
        // Phrase words and sense cues get entries of their own (empty unless listed), so that the rules
        // compare entry indices rather than strings.
        let wordsCompared = entries.values.flatMap { $0.phrases?.flatMap(\.words) ?? [] } + rules.verbSenses.values.joined()
        for word in wordsCompared where entries[word] == nil { entries[word] = WordEntry() }
        for word in rules.negators { entries[word, default: WordEntry()].isNegator = true }
        for word in rules.intensifyingNegators { entries[word, default: WordEntry()].intensifiesBeforeBooster = true }
        for word in rules.reducers { entries[word, default: WordEntry()].isReducer = true }
        for word in rules.contrastive { entries[word, default: WordEntry()].role = .contrastive }
        for word in rules.concessive { entries[word, default: WordEntry()].role = .concessive }
        for key in entries.keys where entries[key]?.phrases != nil { entries[key]?.phrases?.sort { $0.words.count > $1.words.count } }
        var table = TermTable(entries)
        let lookup = table
        table.modifyValues { entry in
            guard var phrases = entry.phrases else { return }
            for index in phrases.indices { phrases[index].entries = phrases[index].words.compactMap(lookup.index(of:)) }
            entry.phrases = phrases
        }
        for (word, cues) in rules.verbSenses {
            guard let index = lookup.index(of: word) else { continue }
            table.modifyValue(at: index) { $0.senseCues = Set(cues.compactMap(lookup.index(of:))) }
        }
        self.entries = table
    }

    /// One engine per lexicon folder and overlay for the whole process: the sentiment and stance
    /// analysers both score with it, and building it (parsing some 7,500 lexicon lines) is most of their
    /// start-up. The engine is immutable, so sharing it is safe.
    public static func shared(lexicons: LexiconDirectory, overlay: String? = SentimentEngine.defaultOverlay) throws -> SentimentEngine {
        try sharedEngines.engine(for: lexicons, overlay: overlay) { try SentimentEngine(lexicons: lexicons, overlay: overlay) }
    }

    private static let sharedEngines = SharedEngines()

    /// The `term<TAB>valence` lines of a general lexicon or an overlay (further columns ignored), terms
    /// lower-cased, in file order.
    private static func valences(in path: String, of lexicons: LexiconDirectory) throws -> [(term: String, valence: Double)] {
        try lexicons.lines(path).map { line, text in
            let fields = Self.fields(text, separator: UInt8(ascii: "\t"))
            let scalars = fields.count >= 2 ? fields[1].unicodeScalars : Substring().unicodeScalars
            let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
            let end = scalars.lastIndex { !$0.properties.isWhitespace }.map(scalars.index(after:)) ?? start
            let number = String(scalars[start..<max(start, end)])
            guard fields.count >= 2, let value = Double(number) else {
                throw LexiconError.malformed(path: path, line: line, reason: "expected term<TAB>valence")
            }
            return (fields[0].lowercased(), value)
        }
    }

    /// The non-empty runs of `text` between `separator` bytes (an ASCII tab or space), found in its UTF-8:
    /// thousands of lexicon lines are split at start-up.
    static func fields(_ text: String, separator: UInt8) -> [Substring] {
        var fields: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                if start != index { fields.append(text[start..<index]) }
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex { fields.append(text[start..<utf8.endIndex]) }
        return fields
    }

    /// A lexicon, idiom, overlay or booster entry: a later valence for the same word or phrase replaces an
    /// earlier one.
    private static func add(_ entry: String, valence: Double? = nil, boost: Double? = nil, to entries: inout [String: WordEntry]) {
        let words = Self.fields(entry.lowercased(), separator: UInt8(ascii: " ")).map(String.init)
        if words.count == 1 {
            if let valence { entries[words[0], default: WordEntry()].valence = valence }
            if let boost { entries[words[0], default: WordEntry()].boost = boost }
        } else if let first = words.first {
            var list = entries[first]?.phrases ?? []
            var phrase = list.first { $0.words == words } ?? Phrase(words: words)
            list.removeAll { $0.words == words }
            if let valence { phrase.valence = valence }
            if let boost { phrase.boost = boost }
            list.append(phrase)
            entries[first, default: WordEntry()].phrases = list
        }
    }

    /// Whether a folded word negates what follows ("not", "never", "without", "don't"…), by the rules'
    /// negator list: the stance model counts them as a feature.
    public func isNegator(_ folded: String) -> Bool {
        if let index = entries.index(of: folded), entries[index].isNegator { return true }
        return Self.isContractedNegation(folded)
    }

    /// A contrastive conjunction of the rules ("but", "however"): what follows it is what the writer means.
    public func isContrastive(_ folded: String) -> Bool {
        guard let index = entries.index(of: folded) else { return false }
        return entries[index].role == .contrastive
    }

    /// The label for a normalised score, by the documented thresholds.
    public func label(for score: Double) -> String {
        score >= positiveThreshold ? "positive" : score <= negativeThreshold ? "negative" : "neutral"
    }

    /// x / √(x² + α): a valence sum mapped into (−1, 1).
    public func compound(_ valence: Double) -> Double {
        valence == 0 ? 0 : valence / (valence * valence + weights.normalisation).squareRoot()
    }

    /// One sentence's result: its valence (the sum the rules produced), its compound score in (−1, 1) and
    /// the words and rules behind it.
    public struct SentenceScore: Sendable {
        public var valence: Double
        public var score: Double
        public var evidence: [Evidence]
    }

    /// A unit's result: the compound score of its damped valence sum, and each sentence's.
    public struct UnitScore: Sendable {
        public var score: Double
        public var sentences: [SentenceScore]
        public var evidence: [Evidence] { sentences.flatMap(\.evidence) }
    }

    /// Scores every sentence of the unit and combines them: the sum of their valences, scaled down when
    /// the unit has more than `sentencesAtFullWeight` sentences, so that a long text is judged by its
    /// sentiment per sentence rather than by its length (VADER's sum over the whole text tends to ±1).
    ///
    /// Sentences in `skipping` (a reply's quotes of its parent) count as neutral and not toward the damping:
    /// they are someone else's words.
    public func score(unit: TokenizedUnit, skipping: Set<Int> = []) -> UnitScore {
        var shouting: Bool?
        var sentences: [SentenceScore] = []
        sentences.reserveCapacity(unit.sentences.count)
        var sum = 0.0
        var complains = false
        for index in unit.sentences.indices {
            if skipping.contains(index) {
                let range = unit.sentences[index].tokens
                let evidence = range.isEmpty ? [] : [Evidence(tokens: unit.tokens[range], in: unit, cue: "quoted-parent")]
                sentences.append(SentenceScore(valence: 0, score: 0, evidence: evidence))
                continue
            }
            let sentence = score(sentence: index, of: unit, shouting: &shouting)
            if !complains { complains = sentence.evidence.contains { ($0.weight ?? 0) < 0 } }
            sentences.append(sentence)
        }
        for index in sentences.indices {
            readSarcasm(&sentences[index], index: index, of: unit, complains: complains)
            sum += sentences[index].valence
        }
        let count = Double(sentences.count - skipping.count { $0 < sentences.count })
        if count > weights.sentencesAtFullWeight {
            sum *= pow(weights.sentencesAtFullWeight / count, weights.longTextExponent)
        }
        return UnitScore(score: compound(sum), sentences: sentences)
    }

    /// The agreement marker a reply consists of ("+1", "Agreed, Rachel."), as unit tokens; nil when the
    /// reply says more than the marker and `agreementOtherWords` other words.
    public func bareAgreement(_ unit: TokenizedUnit) -> Range<Int>? {
        var words = 0
        for token in unit.tokens where token.isWordLike {
            words += 1
            if words > agreementMostWords { return nil }
        }
        var marker: Range<Int>?
        agreementMarkers.matches(in: unit.tokens, range: unit.tokens.indices) { _, tokens in if marker == nil { marker = tokens } }
        guard let marker else { return nil }
        let markerWords = unit.tokens[marker].count { $0.isWordLike }
        return words - markerWords <= agreementOtherWords ? marker : nil
    }

    /// Praise with a sarcasm marker ("Oh marvellous", "just what … needs", "what a surprise") set against a
    /// complaint in the same unit, or against "another"/"more": the praise is meant as its opposite, so the
    /// sentence's praising words turn, and the marker is the evidence. Without either, the marker is read
    /// as sincere ("This is just what I needed!").
    func readSarcasm(_ sentence: inout SentenceScore, index: Int, of unit: TokenizedUnit, complains: Bool) {
        let praise = sentence.evidence.reduce(0.0) { sum, item in
            (item.cue == "lexicon" || item.cue == "idiom") && (item.weight ?? 0) > 0 ? sum + (item.weight ?? 0) : sum
        }
        guard praise > 0 else { return }
        let range = unit.sentences[index].tokens
        var marker: Range<Int>?
        sarcasmMarkers.matches(in: unit.tokens, range: range) { _, tokens in if marker == nil { marker = tokens } }
        guard let marker else { return }
        let setAgainst = unit.tokens[marker.upperBound..<range.upperBound].contains { sarcasmSetAgainst.contains($0.folded) }
        guard complains || setAgainst else { return }
        let turned = -praise * weights.negativeWeight
        sentence.valence += turned - praise
        sentence.score = compound(sentence.valence)
        for item in sentence.evidence.indices where sentence.evidence[item].cue == "lexicon" || sentence.evidence[item].cue == "idiom" {
            guard let weight = sentence.evidence[item].weight, weight > 0 else { continue }
            sentence.evidence[item].weight = Evidence.rounded(-weight * weights.negativeWeight)
        }
        sentence.evidence.append(Evidence(tokens: unit.tokens[marker], in: unit, cue: "sarcasm", weight: turned - praise))
    }

    /// `isShouting(unit.tokens)`, worked out once per unit and only when a sentence asks.
    func isShouting(_ unit: TokenizedUnit, cached: inout Bool?) -> Bool {
        if let cached { return cached }
        let answer = Self.isShouting(unit.tokens)
        cached = answer
        return answer
    }

    /// Whether every word of two letters or more is in capitals: then capitals emphasise nothing.
    static func isShouting(_ tokens: [Token]) -> Bool {
        var sawWord = false
        for token in tokens where token.kind == .word && hasTwoCharacters(token.text) {
            guard isUppercase(token.text) else { return false }
            sawWord = true
        }
        return sawWord
    }

    /// `text.count > 1` without counting every character.
    static func hasTwoCharacters(_ text: String) -> Bool {
        var iterator = text.makeIterator()
        return iterator.next() != nil && iterator.next() != nil
    }

    /// `text == text.uppercased()` with at least one letter, over scalars: ASCII without allocating, other
    /// scripts by comparing each scalar with its upper-case mapping.
    static func isUppercase(_ text: String) -> Bool {
        var letter = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x61 && value <= 0x7A { return false }
                if value >= 0x41 && value <= 0x5A { letter = true }
            } else if scalar.properties.isAlphabetic {
                if scalar.properties.uppercaseMapping != String(scalar) { return false }
                letter = true
            }
        }
        return letter
    }
}

/// The engines built so far, by lexicon folder (the instance, which also records the files read for the
/// report, and is kept so that no other folder can take its identity) and overlay.
private final class SharedEngines: @unchecked Sendable {
    private let lock = NSLock()
    private var engines: [(lexicons: LexiconDirectory, overlay: String?, engine: SentimentEngine)] = []

    func engine(for lexicons: LexiconDirectory, overlay: String?, make: () throws -> SentimentEngine) throws -> SentimentEngine {
        lock.lock()
        defer { lock.unlock() }
        if let built = engines.first(where: { $0.lexicons === lexicons && $0.overlay == overlay }) { return built.engine }
        let engine = try make()
        engines.append((lexicons, overlay, engine))
        return engine
    }
}
