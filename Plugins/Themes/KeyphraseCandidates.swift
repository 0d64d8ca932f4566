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
/// tokenizes it) joins them into one word, as a reader takes it.
public struct KeyphraseCandidates: Sendable {
    public let stopwords: Set<String>
    public let maximumWords: Int

    public init(stopwords: Set<String>, maximumWords: Int = 5) {
        self.stopwords = stopwords
        self.maximumWords = max(1, maximumWords)
    }

    /// A word as candidates see it: one or more tokens glued by hyphens.
    struct Word {
        var folded: String
        var stem: String
        var first: Token
        var last: Token
        var isContent: Bool
        var isCapitalised: Bool
    }

    /// The words of each sentence of `unit`, in order.
    func sentences(of unit: TokenizedUnit, stemmer: Stemmer) -> [[Word]] {
        unit.sentences.map { sentence in
            var words: [Word] = []
            var pending: Word?
            var joiner: Token?
            let tokens = unit.tokens[sentence.tokens]
            func flush() {
                if let word = pending { words.append(word) }
                pending = nil
                joiner = nil
            }
            for token in tokens {
                if token.isWordLike {
                    if var word = pending, let glue = joiner, glue.utf8Start == word.last.utf8End, token.utf8Start == glue.utf8End {
                        word.folded += glue.folded + token.folded
                        word.last = token
                        pending = word
                        joiner = nil
                        continue
                    }
                    flush()
                    pending = Word(folded: token.folded, stem: "", first: token, last: token, isContent: false, isCapitalised: false)
                } else if token.kind == .punctuation, token.text == "-" || token.text == "/", let word = pending, joiner == nil,
                    token.utf8Start == word.last.utf8End
                {
                    joiner = token
                } else {
                    flush()
                    words.append(Word(folded: token.folded, stem: "", first: token, last: token, isContent: false, isCapitalised: false))
                }
            }
            flush()
            for index in words.indices where words[index].first.isWordLike {
                let folded = words[index].folded
                words[index].isContent = Self.hasLetterAndTwoScalars(folded) && !stopwords.contains(folded)
                if words[index].isContent {
                    words[index].stem = stemmer.stem(folded)
                    words[index].isCapitalised = Self.isCapitalised(words[index].first.text, opensSentence: index == 0)
                }
            }
            return words
        }
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
        let stems = sentences(of: phrase, stemmer: stemmer).joined().filter { $0.first.isWordLike }.map { word in
            word.isContent ? word.stem : word.folded
        }
        return stems.isEmpty ? nil : stems.joined(separator: " ")
    }

    /// A unit cut into sentences of words, stemmed: what candidates and theme terms are both found in, so
    /// an analyser that wants both segments a unit once.
    struct Segmented {
        var unit: TokenizedUnit
        var sentences: [[Word]]
    }

    func segment(_ unit: TokenizedUnit, stemmer: Stemmer) -> Segmented {
        Segmented(unit: unit, sentences: sentences(of: unit, stemmer: stemmer))
    }

    /// The candidates of `units` read as one text, in order of first occurrence, and its length in words.
    public func extract(from units: [TokenizedUnit], stemmer: Stemmer) -> (candidates: [KeyphraseCandidate], wordCount: Int) {
        extract(from: units.map { segment($0, stemmer: stemmer) })
    }

    /// The candidates of units already segmented, read as one text.
    func extract(from units: [Segmented]) -> (candidates: [KeyphraseCandidate], wordCount: Int) {
        // Phrases are keyed by their stems' numbers while counting: hashing a few integers is cheaper than
        // joining and hashing strings for every sub-phrase of every run.
        var stemIDs: [String: Int32] = [:]
        var stems: [String] = []
        var stemCounts: [Int] = []
        var indexOfPhrase: [[Int32]: Int] = [:]
        var found: [KeyphraseCandidate] = []
        /// Per candidate, its first surface form and the other forms met with their counts.
        var forms: [(first: String, firstCount: Int, others: [String: (count: Int, first: Int)])] = []
        var position = 0
        var isFirstSentence = true
        for segmented in units {
            let unit = segmented.unit
            let text = unit.unit.text.utf8
            for sentence in segmented.sentences {
                var runs: [[(word: Word, stem: Int32, position: Int)]] = []
                var run: [(word: Word, stem: Int32, position: Int)] = []
                for word in sentence {
                    if word.first.isWordLike { position += 1 }
                    if word.isContent {
                        let id: Int32
                        if let known = stemIDs[word.stem] {
                            id = known
                        } else {
                            id = Int32(stems.count)
                            stemIDs[word.stem] = id
                            stems.append(word.stem)
                            stemCounts.append(0)
                        }
                        stemCounts[Int(id)] += 1
                        run.append((word, id, position))
                    } else if !run.isEmpty {
                        runs.append(run)
                        run = []
                    }
                }
                if !run.isEmpty { runs.append(run) }
                for run in runs {
                    for start in run.indices {
                        var phrase: [Int32] = []
                        for length in 1...min(maximumWords, run.count - start) {
                            let end = start + length - 1
                            phrase.append(run[end].stem)
                            let at = run[start].position
                            let firstToken = run[start].word.first
                            let lastToken = run[end].word.last
                            let index: Int
                            if let known = indexOfPhrase[phrase] {
                                index = known
                            } else {
                                index = found.count
                                indexOfPhrase[phrase] = index
                                found.append(
                                    KeyphraseCandidate(
                                        key: phrase.map { stems[Int($0)] }.joined(separator: " "), surface: "", words: length, count: 0, first: at, last: at,
                                        inFirstSentence: false, wholeRuns: 0, capitalised: 0, wordCounts: []))
                                forms.append((unit.text(from: firstToken, to: lastToken), 0, [:]))
                            }
                            found[index].count += 1
                            found[index].last = at
                            if isFirstSentence { found[index].inFirstSentence = true }
                            if length == run.count { found[index].wholeRuns += 1 }
                            if run[start...end].contains(where: \.word.isCapitalised) { found[index].capitalised += 1 }
                            // Most occurrences repeat the first form: compared in place, a string is made only for a variant.
                            let lower = text.index(text.startIndex, offsetBy: firstToken.utf8Start)
                            let upper = text.index(text.startIndex, offsetBy: lastToken.utf8End)
                            if text[lower..<upper].elementsEqual(forms[index].first.utf8) {
                                forms[index].firstCount += 1
                            } else {
                                let variant = String(decoding: text[lower..<upper], as: UTF8.self)
                                let seen = forms[index].others[variant]
                                forms[index].others[variant] = ((seen?.count ?? 0) + 1, seen?.first ?? at)
                            }
                        }
                    }
                }
                if !sentence.isEmpty { isFirstSentence = false }
            }
        }
        for index in found.indices {
            let form = forms[index]
            // The most frequent form; on a tie the earliest (the first form is the earliest of all).
            var best = (text: form.first, count: form.firstCount, first: found[index].first)
            for (variant, seen) in form.others.sorted(by: { $0.key < $1.key })
            where seen.count > best.count || (seen.count == best.count && seen.first < best.first) {
                best = (variant, seen.count, seen.first)
            }
            found[index].surface = best.text
            found[index].wordCounts = found[index].key.split(separator: " ").map { stemIDs[String($0)].map { stemCounts[Int($0)] } ?? 0 }
        }
        return (found, position)
    }
}
