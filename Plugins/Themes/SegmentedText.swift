import CCGModel
import CCGTokenize

/// The distinct words of one text (a document, or a phrase read on its own), numbered as they are first
/// met. Each distinct form is stemmed, classified and looked up in the taxonomy once per text rather than
/// at every occurrence, and phrases are counted as numbers, not strings. Numbers mean nothing outside the
/// vocabulary that gave them, so one text's units share one vocabulary.
struct WordVocabulary {
    struct Entry {
        /// The word as candidates and prefix terms see it: case-folded, hyphenated parts joined.
        var folded: String
        /// Its stem's number in `stems`: the Snowball stem of a word, the folded form itself of a symbol.
        var stem: Int32
        /// A word with a letter and two scalars that is not a stopword: what keyphrase candidates are made of.
        var isContent: Bool
    }

    private(set) var entries: [Entry] = []
    private(set) var stems: [String] = []
    private var wordIDs: [String: Int32] = [:]
    private var symbolIDs: [String: Int32] = [:]
    private var stemIDs: [String: Int32] = [:]

    /// The entry of a word (letters or digits), stemmed and classified the first time it is met.
    mutating func word(_ folded: String, stopwords: Set<String>, stemmer: Stemmer) -> Int32 {
        if let known = wordIDs[folded] { return known }
        let isContent = KeyphraseCandidates.hasLetterAndTwoScalars(folded) && !stopwords.contains(folded)
        let id = Int32(entries.count)
        entries.append(Entry(folded: folded, stem: stem(stemmer.stem(folded)), isContent: isContent))
        wordIDs[folded] = id
        return id
    }

    /// The entry of a symbol or other non-word token, which is its own stem and never content.
    mutating func symbol(_ folded: String) -> Int32 {
        if let known = symbolIDs[folded] { return known }
        let id = Int32(entries.count)
        entries.append(Entry(folded: folded, stem: stem(folded), isContent: false))
        symbolIDs[folded] = id
        return id
    }

    mutating func stem(_ text: String) -> Int32 {
        if let known = stemIDs[text] { return known }
        let id = Int32(stems.count)
        stems.append(text)
        stemIDs[text] = id
        return id
    }

    /// A phrase's stems joined by spaces: the key reports and evaluation know it by.
    func key(of phrase: some Sequence<Int32>) -> String { phrase.map { stems[Int($0)] }.joined(separator: " ") }
}

/// A word as candidates and theme terms see it: one token, or word tokens glued by hyphens or slashes
/// written without spaces ("multi-step"). Plain numbers only, so a document's words are copied without
/// reference counting.
struct SegmentedWord {
    /// Token indices in the unit of its first and last token.
    var first: Int
    var last: Int
    /// Its number in the text's vocabulary, and its stem's; -1 for punctuation, which has neither.
    var entry: Int32
    var stem: Int32
    var isWordLike: Bool
    var isPunctuation: Bool
    var isContent: Bool
    /// A capitalised content word that does not open its sentence, or an acronym.
    var isCapitalised: Bool
}

/// A unit cut into sentences of words, with its text's UTF-8 for comparing the forms phrases are written in.
struct SegmentedUnit {
    var unit: TokenizedUnit
    var words: [SegmentedWord]
    /// Each sentence's words, as a range of `words`.
    var sentences: [Range<Int>]
    var utf8: [UInt8]
}

/// Units segmented with one vocabulary: what theme terms and keyphrase candidates are both found in, so
/// the themes analyser cuts each unit of a document into stemmed words once.
struct SegmentedText {
    var vocabulary = WordVocabulary()
    var units: [SegmentedUnit] = []

    init() {}

    /// `units` segmented with a vocabulary of their own.
    init(_ units: [TokenizedUnit], stopwords: Set<String>, stemmer: Stemmer) {
        for unit in units { append(unit, stopwords: stopwords, stemmer: stemmer) }
    }

    /// Segments `unit` and adds it: words are runs of tokens, a word-like token glued to the next by a
    /// hyphen or slash with no space on either side ("A&E" stays as ICU tokenizes it).
    mutating func append(_ unit: TokenizedUnit, stopwords: Set<String>, stemmer: Stemmer) {
        var words: [SegmentedWord] = []
        words.reserveCapacity(unit.tokens.count)
        var sentences: [Range<Int>] = []
        sentences.reserveCapacity(unit.sentences.count)
        let tokens = unit.tokens
        for sentence in unit.sentences {
            let sentenceStart = words.count
            // The word being read (its first and last token) and a hyphen or slash right after it.
            var pending: (first: Int, last: Int)?
            var joiner: Int?
            func flush() {
                if let word = pending {
                    let folded: String
                    if word.first == word.last {
                        folded = tokens[word.first].folded
                    } else {
                        folded = tokens[word.first...word.last].map(\.folded).joined()
                    }
                    let entry = vocabulary.word(folded, stopwords: stopwords, stemmer: stemmer)
                    let known = vocabulary.entries[Int(entry)]
                    let opensSentence = words.count == sentenceStart
                    words.append(
                        SegmentedWord(
                            first: word.first, last: word.last, entry: entry, stem: known.stem, isWordLike: true, isPunctuation: false,
                            isContent: known.isContent,
                            isCapitalised: known.isContent && KeyphraseCandidates.isCapitalised(tokens[word.first].text, opensSentence: opensSentence)))
                }
                pending = nil
                joiner = nil
            }
            for index in sentence.tokens where tokens.indices.contains(index) {
                let token = tokens[index]
                if token.isWordLike {
                    if let word = pending, let glue = joiner, tokens[glue].utf8Start == tokens[word.last].utf8End, token.utf8Start == tokens[glue].utf8End {
                        pending = (word.first, index)
                        joiner = nil
                        continue
                    }
                    flush()
                    pending = (index, index)
                } else if token.kind == .punctuation, token.text == "-" || token.text == "/", let word = pending, joiner == nil,
                    token.utf8Start == tokens[word.last].utf8End
                {
                    joiner = index
                } else {
                    flush()
                    let isPunctuation = token.kind == .punctuation
                    let entry = isPunctuation ? -1 : vocabulary.symbol(token.folded)
                    words.append(
                        SegmentedWord(
                            first: index, last: index, entry: entry, stem: isPunctuation ? -1 : vocabulary.entries[Int(entry)].stem, isWordLike: false,
                            isPunctuation: isPunctuation, isContent: false, isCapitalised: false))
                }
            }
            flush()
            sentences.append(sentenceStart..<words.count)
        }
        units.append(SegmentedUnit(unit: unit, words: words, sentences: sentences, utf8: Array(unit.unit.text.utf8)))
    }
}

/// One worker's stemmer with the words it has met, kept from one document to the next: a word is stemmed,
/// classified and looked up in the taxonomy once per worker instead of once per document. The numbers it
/// gives words never reach a report (phrases are ordered and shown by their strings), so a document comes
/// out the same whichever worker reads it and whatever it read before. Past `limit` words it starts
/// afresh, so memory stays bounded on a crawl with an open vocabulary: 50,000 words (a few MB a worker)
/// hold the 20,000 distinct words of the 181 extraction-benchmark pages, where 200,000 let a crawl of short pages, each with
/// a number or a name of its own, grow a worker by 30 MB before the first fresh start.
final class ThemesWorkspace: @unchecked Sendable {
    static let limit = 50_000

    let stemmer: Stemmer
    private var vocabulary = WordVocabulary()
    private var index = ThemeTaxonomy.Index()

    init(stemmer: Stemmer) { self.stemmer = stemmer }

    func segment(_ units: [TokenizedUnit], stopwords: Set<String>, taxonomy: ThemeTaxonomy) -> (SegmentedText, ThemeTaxonomy.Index) {
        if vocabulary.entries.count > Self.limit {
            vocabulary = WordVocabulary()
            index = ThemeTaxonomy.Index()
        }
        // Moved into the text and back, never shared while words are added: a vocabulary with a second
        // owner would copy its tables on the first new word.
        var text = SegmentedText()
        swap(&text.vocabulary, &vocabulary)
        for unit in units { text.append(unit, stopwords: stopwords, stemmer: stemmer) }
        vocabulary = text.vocabulary
        taxonomy.extend(&index, to: vocabulary)
        return (text, index)
    }
}
