import CCGModel

/// Lexicon-and-rules sentiment scoring of one sentence at a time (the approach of VADER, re-implemented
/// here over ICU tokens): valence words and idioms, boosters and dampeners, negation scope, contrastive
/// "but", capitals and exclamation marks. Exposed so other analysers (stance) can score text toward a
/// target with the same rules.
public struct SentimentEngine: Sendable {
    struct Rules: Decodable {
        var negators: [String]
        var boosters: [String: Double]
        var contrastive: [String]
        var notBoosters: [String]
        var idioms: [String: Double]
        var neutralWhenCapitalised: [String]
        var thresholds: [String: Double]
    }

    /// Everything the rules know about each folded word, so each word costs one hash lookup.
    private var entries: [String: WordEntry] = [:]
    private let contrastive: Set<String>
    public let positiveThreshold: Double
    public let negativeThreshold: Double

    public static let rulesPath = "sentiment/rules.en.json"
    public static let lexiconPath = "sentiment/vader_lexicon.txt"
    public static let defaultOverlay = "sentiment/overlay-health-policy.tsv"

    public init(lexicons: LexiconDirectory, overlay: String? = SentimentEngine.defaultOverlay) throws {
        let rules = try lexicons.json(Self.rulesPath, as: Rules.self)
        contrastive = Set(rules.contrastive)
        positiveThreshold = rules.thresholds["positive"] ?? 0.05
        negativeThreshold = rules.thresholds["negative"] ?? -0.05
        for (line, text) in try lexicons.lines(Self.lexiconPath) {
            let fields = text.split(separator: "\t")
            guard fields.count >= 2, let value = Double(fields[1]) else {
                throw LexiconError.malformed(path: Self.lexiconPath, line: line, reason: "expected token<TAB>valence")
            }
            add(String(fields[0]), value)
        }
        for (phrase, value) in rules.idioms { add(phrase, value) }
        if let overlay, overlay != "none" {
            for (line, text) in try lexicons.lines(overlay) {
                let fields = text.split(separator: "\t")
                guard fields.count >= 2, let value = Double(fields[1].trimmingCharacters(in: .whitespaces)) else {
                    throw LexiconError.malformed(path: overlay, line: line, reason: "expected term<TAB>valence")
                }
                add(String(fields[0]), value)
            }
        }
        for key in entries.keys where entries[key]?.phrases != nil { entries[key]?.phrases?.sort { $0.words.count > $1.words.count } }
        for (word, boost) in rules.boosters where !rules.notBoosters.contains(word) { entries[word, default: WordEntry()].boost = boost }
        for word in rules.negators { entries[word, default: WordEntry()].isNegator = true }
    }

    struct WordEntry {
        var valence: Double?
        var boost: Double?
        var isNegator = false
        /// Multi-word entries starting with this word, longest first.
        var phrases: [(words: [String], valence: Double)]?
    }

    /// A lexicon, idiom or overlay entry: a later entry for the same word or phrase replaces an earlier one.
    private mutating func add(_ entry: String, _ value: Double) {
        let words = entry.lowercased().split(separator: " ").map(String.init)
        if words.count == 1 {
            entries[words[0], default: WordEntry()].valence = value
        } else if let first = words.first {
            var list = entries[first]?.phrases ?? []
            list.removeAll { $0.words == words }
            list.append((words, value))
            entries[first, default: WordEntry()].phrases = list
        }
    }

    /// The label for a normalised score, by the documented thresholds.
    public func label(for score: Double) -> String {
        score >= positiveThreshold ? "positive" : score <= negativeThreshold ? "negative" : "neutral"
    }

    /// Compound score in [-1, 1] of one sentence, with the evidence behind it.
    public func score(sentence index: Int, of unit: TokenizedUnit) -> (score: Double, evidence: [Evidence]) {
        let sentenceTokens = unit.tokens(ofSentence: index)
        let words = scoringTokens(sentenceTokens)
        let folded = words.map(\.folded)
        let shouting = words.allSatisfy { $0.kind != .word || !Self.hasTwoCharacters($0.text) || Self.isUppercase($0.text) }
        let pivot = folded.firstIndex { contrastive.contains($0) && $0 == "but" }
        var contributions: [(value: Double, evidence: [Evidence])] = []
        let known = folded.map { entries[$0] }
        var index = 0
        while index < words.count {
            // Idioms and multi-word entries first, longest match.
            if let candidates = known[index]?.phrases,
                let match = candidates.first(where: { index + $0.words.count <= folded.count && Array(folded[index..<(index + $0.words.count)]) == $0.words })
            {
                let span = words[index..<(index + match.words.count)]
                if match.valence != 0 {
                    let value = adjusted(match.valence, at: index, pivot: pivot)
                    contributions.append((value, [Evidence(tokens: span, in: unit, cue: "idiom", weight: value)]))
                }
                index += match.words.count
                continue
            }
            guard let entry = known[index], var value = entry.valence, value != 0, entry.boost == nil, !entry.isNegator else {
                index += 1
                continue
            }
            var evidence: [Evidence] = []
            if !shouting, words[index].kind == .word, Self.hasTwoCharacters(words[index].text), Self.isUppercase(words[index].text),
                words[index].text.contains(where: \.isLetter)
            {
                value += value > 0 ? 0.733 : -0.733
                evidence.append(Evidence(tokens: words[index...index], in: unit, cue: "capitals"))
            }
            for distance in 1...3 where index - distance >= 0 {
                if let boost = known[index - distance]?.boost {
                    let scaled = boost * [1.0, 0.95, 0.9][distance - 1]
                    value += value > 0 ? scaled : -scaled
                    evidence.append(Evidence(tokens: words[(index - distance)...(index - distance)], in: unit, cue: scaled > 0 ? "booster" : "dampener"))
                }
            }
            if let negator = (1...3).lazy.map({ index - $0 }).first(where: { $0 >= 0 && (known[$0]?.isNegator ?? false || Self.isContractedNegation(folded[$0])) }) {
                value *= -0.74
                evidence.append(Evidence(tokens: words[negator...negator], in: unit, cue: "negation"))
            }
            value = adjusted(value, at: index, pivot: pivot)
            if pivot != nil { evidence.append(Evidence(tokens: words[pivot!...pivot!], in: unit, cue: "contrast")) }
            contributions.append((value, [Evidence(tokens: words[index...index], in: unit, cue: "lexicon", weight: value)] + evidence))
            index += 1
        }
        var sum = contributions.reduce(0) { $0 + $1.value }
        let marks = sentenceTokens.filter { $0.kind == .punctuation || $0.kind == .symbol }
        let exclamations = min(4, marks.filter { $0.text.utf8.contains(UInt8(ascii: "!")) }.count)
        let questions = marks.filter { $0.text.utf8.contains(UInt8(ascii: "?")) }.count
        if sum != 0 {
            var emphasis = Double(exclamations) * 0.292
            if questions > 1 { emphasis += min(0.96, Double(questions) * 0.18) }
            sum += sum > 0 ? emphasis : -emphasis
        }
        let compound = sum == 0 ? 0 : sum / (sum * sum + 15).squareRoot()
        return (compound, contributions.flatMap(\.evidence))
    }

    /// The tokens the rules read: words, numbers and emoji, with ASCII emoticons (":)", ":-D", "</3") joined
    /// back into one token. ICU splits an emoticon into punctuation, so a run of adjacent tokens that is an
    /// entry of the lexicon becomes one `emoji` token; an emoticon glued to a word ("great:)") or followed
    /// by sentence punctuation (":)!") is found when it starts with eyes (`:` `;` `=`).
    func scoringTokens(_ tokens: ArraySlice<Token>) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var runStart = tokens.startIndex
        while runStart < tokens.endIndex {
            var runEnd = runStart + 1
            while runEnd < tokens.endIndex, tokens[runEnd].start == tokens[runEnd - 1].end { runEnd += 1 }
            let run = tokens[runStart..<runEnd]
            runStart = runEnd
            guard run.count > 1, run.contains(where: Self.mayBeEmoticonPart) else {
                result += run.filter { $0.isWordLike || $0.kind == .emoji }
                continue
            }
            if let emoticon = emoticon(run) {
                result.append(emoticon)
                continue
            }
            // Longest eyes-first emoticon at the end ("great:)") or the start (":)!") of the run.
            var matched = false
            for cut in max(run.startIndex + 1, run.endIndex - Self.longestEmoticon)..<run.endIndex where Self.opensEmoticon(run[cut].text) {
                if let emoticon = emoticon(run[cut...]) {
                    result += run[..<cut].filter { $0.isWordLike || $0.kind == .emoji }
                    result.append(emoticon)
                    matched = true
                    break
                }
            }
            if !matched, Self.opensEmoticon(run[run.startIndex].text) {
                for cut in stride(from: min(run.endIndex - 1, run.startIndex + Self.longestEmoticon), to: run.startIndex + 1, by: -1) {
                    if let emoticon = emoticon(run[..<cut]) {
                        result.append(emoticon)
                        result += run[cut...].filter { $0.isWordLike || $0.kind == .emoji }
                        matched = true
                        break
                    }
                }
            }
            if !matched { result += run.filter { $0.isWordLike || $0.kind == .emoji } }
        }
        return result
    }

    /// Adjacent tokens that together are an emoticon of the lexicon, as one token.
    private func emoticon(_ run: ArraySlice<Token>) -> Token? {
        guard run.count > 1, run.contains(where: { $0.kind == .punctuation || $0.kind == .symbol }),
            let first = run.first, let last = run.last
        else { return nil }
        let text = run.map(\.text).joined()
        let folded = text.lowercased()
        guard let value = entries[folded]?.valence, value != 0 else { return nil }
        return Token(text: text, folded: folded, kind: .emoji, start: first.start, end: last.end, sentence: first.sentence)
    }

    /// Tokens in the longest emoticon looked for at either end of a run (">:-(" is four).
    private static let longestEmoticon = 5

    /// Emoticons are drawn with these marks; a run without one ("@user", "#tag", "U.S.") is not tried.
    private static func mayBeEmoticonPart(_ token: Token) -> Bool {
        guard token.kind == .punctuation || token.kind == .symbol, let first = token.text.utf8.first else { return false }
        switch first {
        case UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"),
            UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "*"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    private static func opensEmoticon(_ text: String) -> Bool {
        text == ":" || text == ";" || text == "="
    }

    /// `text.count > 1` without counting every character.
    private static func hasTwoCharacters(_ text: String) -> Bool {
        var iterator = text.makeIterator()
        return iterator.next() != nil && iterator.next() != nil
    }

    /// `text == text.uppercased()`, over scalars: ASCII without allocating, other scripts by comparing each
    /// scalar with its upper-case mapping.
    private static func isUppercase(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if value >= 0x61 && value <= 0x7A { return false }
            } else if scalar.properties.uppercaseMapping != String(scalar) {
                return false
            }
        }
        return true
    }

    /// Words before "but" count half, words after it one and a half times.
    private func adjusted(_ value: Double, at index: Int, pivot: Int?) -> Double {
        guard let pivot else { return value }
        return index < pivot ? value * 0.5 : index > pivot ? value * 1.5 : value
    }

    private static func isContractedNegation(_ word: String) -> Bool {
        word.hasSuffix("n't") || word.hasSuffix("n’t")
    }

    /// A unit's score: the mean of its sentences' scores, neutral sentences counting a quarter, so that a
    /// long text is not pushed to ±1 by its length and one sour aside does not decide a calm text.
    public func score(unit: TokenizedUnit) -> (score: Double, sentences: [Double], evidence: [Evidence]) {
        var sentenceScores: [Double] = []
        var evidence: [Evidence] = []
        for index in unit.sentences.indices {
            let (score, cues) = score(sentence: index, of: unit)
            sentenceScores.append(score)
            evidence += cues
        }
        let weight = sentenceScores.reduce(0.0) { $0 + ($1 == 0 ? 0.25 : 1) }
        let mean = weight == 0 ? 0 : sentenceScores.reduce(0, +) / weight
        return (max(-1, min(1, mean)), sentenceScores, evidence)
    }
}
