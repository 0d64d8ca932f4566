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

        /// How many words the term covers at `index` of `words`, or nil when it does not match there.
        func length(at index: Int, in words: [MatchWord]) -> Int? {
            guard index + self.words.count <= words.count else { return nil }
            for (offset, word) in self.words.enumerated() {
                let token = words[index + offset]
                let matches = prefix && offset == self.words.count - 1 ? token.folded.hasPrefix(word) : token.stem == word
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

    /// A word of the text as terms see it.
    struct MatchWord {
        var folded: String
        var stem: String
        var first: Token
        var last: Token
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
    /// Where each theme's terms (`.terms`) and vetoes (`.exclude`) can start: by the stem of their first
    /// word, or, for a one-word prefix term, in `prefixTerms`, tried at every word. Matching then looks up
    /// each word once instead of trying every term of every theme at every word.
    private let termsByFirstStem: [String: [TermReference]]
    private let prefixTerms: [TermReference]

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
                var words = Self.words(of: unit, candidates: candidates, stemmer: stemmer)
                guard !words.isEmpty else { throw TaxonomyError.invalid(path, "theme \"\(theme.id)\" has an empty term \"\(text)\"") }
                if prefix { words[words.count - 1].stem = words[words.count - 1].folded }
                return Term(words: words.map(\.stem), prefix: prefix)
            }
            return Theme(id: theme.id, terms: try theme.terms.map(term), exclude: try (theme.exclude ?? []).map(term))
        }
        var byFirstStem: [String: [TermReference]] = [:]
        var prefixTerms: [TermReference] = []
        for (index, theme) in themes.enumerated() {
            let references = theme.terms.map { TermReference(theme: index, term: $0, isVeto: false) }
                + theme.exclude.map { TermReference(theme: index, term: $0, isVeto: true) }
            for reference in references {
                if reference.term.prefix && reference.term.words.count == 1 {
                    prefixTerms.append(reference)
                } else {
                    byFirstStem[reference.term.words[0], default: []].append(reference)
                }
            }
        }
        termsByFirstStem = byFirstStem
        self.prefixTerms = prefixTerms
    }

    /// The words of a unit terms are matched against: words, numbers and symbols (hyphenated words joined),
    /// each with its stem (stopwords too: a term may contain one).
    static func words(of unit: TokenizedUnit, candidates: KeyphraseCandidates, stemmer: Stemmer) -> [MatchWord] {
        words(of: candidates.segment(unit, stemmer: stemmer), stemmer: stemmer)
    }

    static func words(of unit: KeyphraseCandidates.Segmented, stemmer: Stemmer) -> [MatchWord] {
        unit.sentences.joined().compactMap { word in
            guard word.first.kind != .punctuation else { return nil }
            let stem = word.isContent ? word.stem : word.first.isWordLike ? stemmer.stem(word.folded) : word.folded
            return MatchWord(folded: word.folded, stem: stem, first: word.first, last: word.last)
        }
    }

    /// Each theme's matches in `words`, as (theme id, first word index, length), longest term first at
    /// each position, matches not overlapping within a theme.
    func matches(in words: [MatchWord]) -> [(id: String, start: Int, length: Int)] {
        guard !words.isEmpty, !themes.isEmpty else { return [] }
        let count = words.count
        // Per theme and word: the longest term starting there, and whether a veto covers the word.
        var longest = [Int](repeating: 0, count: themes.count * count)
        var vetoed = [Bool](repeating: false, count: themes.count * count)
        func note(_ reference: TermReference, at index: Int) {
            guard let length = reference.term.length(at: index, in: words) else { return }
            let row = reference.theme * count
            if reference.isVeto {
                for covered in index..<(index + length) { vetoed[row + covered] = true }
            } else {
                longest[row + index] = max(longest[row + index], length)
            }
        }
        for index in words.indices {
            for reference in termsByFirstStem[words[index].stem] ?? [] { note(reference, at: index) }
            for reference in prefixTerms { note(reference, at: index) }
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
