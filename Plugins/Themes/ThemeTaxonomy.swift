import CCGModel
import CCGTokenize

/// The analyst's themes: ids with the terms and phrases that signal them, read from a JSON lexicon
/// (`lexicons/themes/*.json`, format in `lexicons/themes/README.md`), so a theme is added by editing a file.
///
/// A term matches on stems ("member practices" matches "member practice"), or on a prefix when it ends in
/// `*` ("engag*"); a multi-word term matches consecutive words; an `exclude` term vetoes any match it
/// overlaps ("engagement ring" is not about engagement).
struct ThemeTaxonomy {
    struct File: Decodable {
        struct Theme: Decodable {
            var id: String
            var label: String?
            var terms: [String]
            var exclude: [String]?
        }
        var themes: [Theme]
    }

    /// A term's words as stems (or prefixes, for a last word ending in `*`).
    struct Term {
        var words: [String]
        var prefix: Bool

        /// How many words the term covers at `index` of `words` (a unit's words without punctuation), or nil
        /// when it does not match there.
        func length(at index: Int, in words: [SegmentedWord], vocabulary: WordVocabulary) -> Int? {
            guard index + self.words.count <= words.count else { return nil }
            for (offset, word) in self.words.enumerated() {
                let token = words[index + offset]
                let matches =
                    prefix && offset == self.words.count - 1
                    ? vocabulary.entries[Int(token.entry)].folded.hasPrefix(word) : vocabulary.stems[Int(token.stem)] == word
                if !matches { return nil }
            }
            return self.words.count
        }
    }

    struct Theme {
        var id: String
        var terms: [Term]
        var exclude: [Term]
    }

    enum TaxonomyError: Error, CustomStringConvertible {
        case invalid(String, String)
        var description: String {
            switch self {
            case .invalid(let path, let reason): return "theme taxonomy \(path): \(reason)"
            }
        }
    }

    let themes: [Theme]
    /// Every theme's terms (`.terms`) and vetoes (`.exclude`), and where they can start: by the stem of
    /// their first word, or, for a one-word prefix term, at any word the prefix fits. A text's words are
    /// looked up once each (`Index`) instead of trying every term of every theme at every word.
    private let references: [TermReference]
    private let referencesByFirstStem: [String: [Int]]
    /// One-word prefix terms by their first UTF-8 byte, so a word is tested only against prefixes that
    /// start as it does.
    private let prefixReferencesByFirstByte: [UInt8: [Int]]

    struct TermReference {
        var theme: Int
        var term: Term
        var isVeto: Bool
    }

    /// Reads and checks a taxonomy: ids unique and non-empty, every theme with a term, no empty term.
    init(_ path: String, lexicons: LexiconDirectory, candidates: KeyphraseCandidates, stemmer: Stemmer, tokenizer: Tokenizer) throws {
        let file = try lexicons.json(path, as: File.self)
        var seen = Set<String>()
        themes = try file.themes.map { theme in
            guard !theme.id.isEmpty else { throw TaxonomyError.invalid(path, "a theme has an empty id") }
            guard seen.insert(theme.id).inserted else { throw TaxonomyError.invalid(path, "theme id \"\(theme.id)\" appears twice") }
            guard !theme.terms.isEmpty else { throw TaxonomyError.invalid(path, "theme \"\(theme.id)\" has no terms") }
            func term(_ text: String) throws -> Term {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                let prefix = trimmed.hasSuffix("*")
                let body = prefix ? String(trimmed.dropLast()) : trimmed
                let unit = tokenizer.tokenize(TextUnit(id: "term", type: .body, text: body))
                let segmented = SegmentedText([unit], stopwords: candidates.stopwords, stemmer: stemmer)
                let words = segmented.units.flatMap(Self.words(of:))
                guard let last = words.last else { throw TaxonomyError.invalid(path, "theme \"\(theme.id)\" has an empty term \"\(text)\"") }
                var stems = words.map { segmented.vocabulary.stems[Int($0.stem)] }
                if prefix { stems[stems.count - 1] = segmented.vocabulary.entries[Int(last.entry)].folded }
                return Term(words: stems, prefix: prefix)
            }
            return Theme(id: theme.id, terms: try theme.terms.map(term), exclude: try (theme.exclude ?? []).map(term))
        }
        var references: [TermReference] = []
        var byFirstStem: [String: [Int]] = [:]
        var prefixReferences: [Int] = []
        for (index, theme) in themes.enumerated() {
            for reference in theme.terms.map({ TermReference(theme: index, term: $0, isVeto: false) })
                + theme.exclude.map({ TermReference(theme: index, term: $0, isVeto: true) })
            {
                if reference.term.prefix && reference.term.words.count == 1 {
                    prefixReferences.append(references.count)
                } else {
                    byFirstStem[reference.term.words[0], default: []].append(references.count)
                }
                references.append(reference)
            }
        }
        self.references = references
        referencesByFirstStem = byFirstStem
        prefixReferencesByFirstByte = Dictionary(grouping: prefixReferences) { references[$0].term.words[0].utf8.first ?? 0 }
    }

    /// The terms that can start at each word of a vocabulary: by stem number, and by entry number for
    /// one-word prefix terms. Each distinct word is looked up once, when it joins the vocabulary.
    struct Index {
        var byStem: [[Int]] = []
        var byEntry: [[Int]] = []
    }

    /// Adds the stems and entries `vocabulary` has gained since `index` was made for it.
    func extend(_ index: inout Index, to vocabulary: WordVocabulary) {
        for stem in vocabulary.stems[index.byStem.count...] { index.byStem.append(referencesByFirstStem[stem] ?? []) }
        for entry in vocabulary.entries[index.byEntry.count...] {
            guard let first = entry.folded.utf8.first else {
                index.byEntry.append([])
                continue
            }
            index.byEntry.append((prefixReferencesByFirstByte[first] ?? []).filter { entry.folded.hasPrefix(references[$0].term.words[0]) })
        }
    }

    /// The words of a unit terms are matched against: words, numbers and symbols (hyphenated words joined,
    /// stopwords too: a term may contain one).
    static func words(of unit: SegmentedUnit) -> [SegmentedWord] { unit.words.filter { !$0.isPunctuation } }

    /// Each theme's matches in `words`, as (theme id, first word index, length), longest term first at
    /// each position, matches not overlapping within a theme.
    func matches(in words: [SegmentedWord], vocabulary: WordVocabulary, index lookup: Index) -> [(id: String, start: Int, length: Int)] {
        guard !words.isEmpty, !themes.isEmpty else { return [] }
        let count = words.count
        // Per theme and word: the longest term starting there, and whether a veto covers the word.
        var longest = [Int](repeating: 0, count: themes.count * count)
        var vetoed = [Bool](repeating: false, count: themes.count * count)
        func note(_ reference: TermReference, at index: Int) {
            guard let length = reference.term.length(at: index, in: words, vocabulary: vocabulary) else { return }
            let row = reference.theme * count
            if reference.isVeto {
                for covered in index..<(index + length) { vetoed[row + covered] = true }
            } else {
                longest[row + index] = max(longest[row + index], length)
            }
        }
        for index in words.indices {
            for reference in lookup.byStem[Int(words[index].stem)] { note(references[reference], at: index) }
            for reference in lookup.byEntry[Int(words[index].entry)] { note(references[reference], at: index) }
        }
        var found: [(id: String, start: Int, length: Int)] = []
        for (theme, definition) in themes.enumerated() {
            let row = theme * count
            var index = 0
            while index < count {
                let length = longest[row + index]
                if length > 0, !vetoed[(row + index)..<(row + index + length)].contains(true) {
                    found.append((definition.id, index, length))
                    index += length
                } else {
                    index += 1
                }
            }
        }
        return found
    }
}
