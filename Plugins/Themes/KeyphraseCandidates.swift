import CCGModel
import CCGTokenize

/// A phrase the text brings, with the facts a ranker weighs: how often, where, in how many words, and how
/// often it stands alone between stopwords (a whole noun phrase more often than a fragment of one).
///
/// Occurrences are grouped by the stems of their words, so "GP practice" and "GP practices" are one
/// candidate; `surface` is the form a reader sees (the most frequent, the earliest on a tie).
public struct KeyphraseCandidate: Sendable, Equatable {
    /// The words' stems joined by spaces: the identity of the candidate, and what evaluation matches on.
    public var key: String
    public var surface: String
    public var words: Int
    public var count: Int
    /// Word positions (counting content and stop words alike) of the first and last occurrence.
    public var first: Int
    public var last: Int
    public var inFirstSentence: Bool
    /// Occurrences that were a whole run between stopwords or punctuation, not part of a longer one.
    public var wholeRuns: Int
    /// Occurrences with a capitalised word not opening its sentence, or an acronym.
    public var capitalised: Int
    /// How often each of the candidate's word stems occurs in the text, in word order.
    public var wordCounts: [Int]
}

/// Finds keyphrase candidates in tokenized text: runs of content words inside a sentence, bounded by
/// stopwords and punctuation, and every sub-phrase of up to `maximumWords` words within a run.
///
/// A hyphen or slash written between two words without spaces ("multi-step", "A&E" stays as ICU
/// tokenizes it) joins them into one word, as a reader takes it (`SegmentedText`).
public struct KeyphraseCandidates: Sendable {
    public let stopwords: Set<String>
    public let maximumWords: Int

    /// `maximumWords` is kept within 1...8: longer phrases are sentences, not keyphrases.
    public init(stopwords: Set<String>, maximumWords: Int = 5) {
        self.stopwords = stopwords
        self.maximumWords = min(PhraseKey.capacity, max(1, maximumWords))
    }

    /// Whether a folded word has a letter and more than one scalar (a lone letter is not a phrase).
    static func hasLetterAndTwoScalars(_ folded: String) -> Bool {
        var scalars = 0
        var letter = false
        for byte in folded.utf8 {
            if byte < 0x80 {
                scalars += 1
                if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { letter = true }
            } else if byte >= 0xC0 {
                scalars += 1
            }
        }
        if scalars < 2 { return false }
        return letter || folded.unicodeScalars.contains { $0.properties.isAlphabetic }
    }

    /// An acronym ("NHS"), or a capitalised word that does not open its sentence.
    static func isCapitalised(_ text: String, opensSentence: Bool) -> Bool {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let first = utf8.first, first >= 0x41 && first <= 0x5A else { return false }
            let acronym = utf8.count > 1 && utf8.allSatisfy { !(($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) }
            return acronym || !opensSentence
        }
        let capitalisedWord = text.first?.isUppercase ?? false
        let acronym = text.count > 1 && text.allSatisfy { !$0.isLetter || $0.isUppercase }
        return acronym || (capitalisedWord && !opensSentence)
    }

    /// The key (joined stems) of a phrase written on its own, such as a gold keyphrase or another tool's
    /// output, made the way candidates' keys are; nil when it has no content word.
    public func key(of phrase: TokenizedUnit, stemmer: Stemmer) -> String? {
        let text = SegmentedText([phrase], stopwords: stopwords, stemmer: stemmer)
        let parts = text.units.flatMap(\.words).filter(\.isWordLike).map { word in
            word.isContent ? text.vocabulary.stems[Int(word.stem)] : text.vocabulary.entries[Int(word.entry)].folded
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The candidates of `units` read as one text, in order of first occurrence, and its length in words.
    public func extract(from units: [TokenizedUnit], stemmer: Stemmer) -> (candidates: [KeyphraseCandidate], wordCount: Int) {
        let text = SegmentedText(units, stopwords: stopwords, stemmer: stemmer)
        let table = extract(text.units.indices, of: text)
        let candidates = table.phrases.indices.map { index in
            let phrase = table.phrases[index]
            return KeyphraseCandidate(
                key: text.vocabulary.key(of: phrase.key.stems), surface: table.surface(of: index, in: text), words: phrase.key.count,
                count: phrase.count, first: phrase.first, last: phrase.last, inFirstSentence: phrase.inFirstSentence, wholeRuns: phrase.wholeRuns,
                capitalised: phrase.capitalised, wordCounts: table.wordCounts(of: phrase))
        }
        return (candidates, table.wordCount)
    }

    /// Calls `body` with every run of content words in units `indices` of `text` (bounded by stopwords,
    /// punctuation and sentence ends), each word with its position among the text's words; `sentenceEnded`
    /// after each non-empty sentence. Returns the number of words.
    private func forEachRun(
        _ indices: some Sequence<Int>, of text: SegmentedText, _ body: (_ unit: Int, _ run: [(word: SegmentedWord, position: Int)]) -> Void,
        sentenceEnded: () -> Void = {}
    ) -> Int {
        var position = 0
        var run: [(word: SegmentedWord, position: Int)] = []
        for unitIndex in indices {
            let unit = text.units[unitIndex]
            for sentence in unit.sentences {
                for word in unit.words[sentence] {
                    if word.isWordLike { position += 1 }
                    if word.isContent {
                        run.append((word, position))
                    } else if !run.isEmpty {
                        body(unitIndex, run)
                        run.removeAll(keepingCapacity: true)
                    }
                }
                if !run.isEmpty {
                    body(unitIndex, run)
                    run.removeAll(keepingCapacity: true)
                }
                if !sentence.isEmpty { sentenceEnded() }
            }
        }
        return position
    }

    /// The candidates of units `indices` of `text` read as one text: every sub-phrase of up to
    /// `maximumWords` words of every run, in order of first occurrence.
    func extract(_ indices: some Collection<Int>, of text: SegmentedText) -> PhraseTable {
        var table = PhraseTable()
        var indexOfPhrase: [PhraseKey: Int] = [:]
        // About as many distinct phrases as words: reserved, the table is not rehashed as it grows.
        indexOfPhrase.reserveCapacity(indices.reduce(0) { $0 + text.units[$1].words.count })
        var isFirstSentence = true
        let wordCount = forEachRun(indices, of: text, { unitIndex, run in
            for word in run { table.stemCounts[word.word.stem, default: 0] += 1 }
            let utf8 = text.units[unitIndex].utf8
            let tokens = text.units[unitIndex].unit.tokens
            for start in run.indices {
                var key = PhraseKey()
                var capitalised = false
                let at = run[start].position
                let lower = tokens[run[start].word.first].utf8Start
                for length in 1...min(maximumWords, run.count - start) {
                    let end = start + length - 1
                    key.append(run[end].word.stem)
                    capitalised = capitalised || run[end].word.isCapitalised
                    let upper = tokens[run[end].word.last].utf8End
                    let index: Int
                    if let known = indexOfPhrase[key] {
                        index = known
                    } else {
                        index = table.phrases.count
                        indexOfPhrase[key] = index
                        table.phrases.append(PhraseTable.Phrase(key: key, first: at, form: (unitIndex, lower..<upper)))
                    }
                    table.phrases[index].count += 1
                    table.phrases[index].last = at
                    if isFirstSentence { table.phrases[index].inFirstSentence = true }
                    if length == run.count { table.phrases[index].wholeRuns += 1 }
                    if capitalised { table.phrases[index].capitalised += 1 }
                    // Most occurrences repeat the first form: compared in place, a string is made only for a variant.
                    let form = table.phrases[index].form
                    if Self.equal(utf8, lower..<upper, text.units[form.unit].utf8, form.bytes) {
                        table.phrases[index].formCount += 1
                    } else {
                        let variant = String(decoding: utf8[lower..<upper], as: UTF8.self)
                        let seen = table.variants[index]?[variant]
                        table.variants[index, default: [:]][variant] = ((seen?.count ?? 0) + 1, seen?.first ?? at)
                    }
                }
            }
        }, sentenceEnded: { isFirstSentence = false })
        table.wordCount = wordCount
        return table
    }

    /// How often each phrase of units `indices` of `text` occurs, and the number of words: all a text set
    /// against another needs.
    func counts(_ indices: some Sequence<Int>, of text: SegmentedText) -> (counts: [PhraseKey: Int], wordCount: Int) {
        var counts: [PhraseKey: Int] = [:]
        let wordCount = forEachRun(indices, of: text) { _, run in
            for start in run.indices {
                var key = PhraseKey()
                for end in start..<min(start + maximumWords, run.count) {
                    key.append(run[end].word.stem)
                    counts[key, default: 0] += 1
                }
            }
        }
        return (counts, wordCount)
    }

    static func equal(_ lhs: [UInt8], _ lhsRange: Range<Int>, _ rhs: [UInt8], _ rhsRange: Range<Int>) -> Bool {
        guard lhsRange.count == rhsRange.count else { return false }
        return lhs[lhsRange].elementsEqual(rhs[rhsRange])
    }
}

/// A phrase as the stem numbers of its words (at most `capacity`), compared and hashed as one value.
struct PhraseKey: Hashable {
    static let capacity = 8
    private var storage = SIMD8<Int32>(repeating: -1)
    private(set) var count = 0

    mutating func append(_ stem: Int32) {
        storage[count] = stem
        count += 1
    }

    var stems: [Int32] { (0..<count).map { storage[$0] } }

    /// Four 64-bit words instead of eight 32-bit ones: every sub-phrase of every run is hashed.
    func hash(into hasher: inout Hasher) {
        let words = unsafeBitCast(storage, to: SIMD4<UInt64>.self)
        hasher.combine(words[0])
        hasher.combine(words[1])
        hasher.combine(words[2])
        hasher.combine(words[3])
    }

    /// The distinct stems, sorted: how overlap between phrases is judged.
    var distinctStems: [Int32] { Array(Set(stems)).sorted() }
}

/// One text's candidates with the facts the ranker weighs, counted by stem numbers; strings (keys and the
/// forms readers see) are made only for the phrases that are shown.
struct PhraseTable {
    struct Phrase {
        var key: PhraseKey
        var count = 0
        var first: Int
        var last: Int
        var inFirstSentence = false
        var wholeRuns = 0
        var capitalised = 0
        /// Where the first occurrence is written (unit index in the text, UTF-8 range) and how often that
        /// form recurs.
        var form: (unit: Int, bytes: Range<Int>)
        var formCount = 0

        init(key: PhraseKey, first: Int, form: (unit: Int, bytes: Range<Int>)) {
            self.key = key
            self.first = first
            self.last = first
            self.form = form
        }
    }

    var phrases: [Phrase] = []
    var wordCount = 0
    /// How often each stem occurs in content words of the text.
    var stemCounts: [Int32: Int] = [:]
    /// Per phrase index, the other forms met, with their counts and first positions.
    var variants: [Int: [String: (count: Int, first: Int)]] = [:]

    func wordCounts(of phrase: Phrase) -> [Int] { phrase.key.stems.map { stemCounts[$0] ?? 0 } }

    /// The form a reader sees: the most frequent; on a tie the earliest (the first form is the earliest).
    func surface(of index: Int, in text: SegmentedText) -> String {
        let phrase = phrases[index]
        let form = text.units[phrase.form.unit].utf8[phrase.form.bytes]
        var best = (text: String?.none, count: phrase.formCount, first: phrase.first)
        for (variant, seen) in (variants[index] ?? [:]).sorted(by: { $0.key < $1.key })
        where seen.count > best.count || (seen.count == best.count && seen.first < best.first) {
            best = (variant, seen.count, seen.first)
        }
        return best.text ?? String(decoding: form, as: UTF8.self)
    }
}

/// Set operations on a phrase's distinct stem numbers, kept sorted: phrases have a handful of words, so
/// a merge beats building sets.
enum SortedStems {
    static func sharedCount(_ lhs: [Int32], _ rhs: [Int32]) -> Int { sortedOverlap(lhs, rhs) }

    /// Whether one contains the other, and they share a stem.
    static func nested(_ lhs: [Int32], _ rhs: [Int32]) -> Bool {
        let shared = sharedCount(lhs, rhs)
        return shared > 0 && (shared == lhs.count || shared == rhs.count)
    }
}
