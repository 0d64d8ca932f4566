/// What a token is, so analysers can skip punctuation or treat URLs and emoji specially.
public enum TokenKind: String, Sendable, Codable {
    case word, number, punctuation, symbol, emoji, url
}

/// One token of a unit's text.
///
/// `start`/`end` are offsets in Unicode scalars (code points) into the unit's `text`, the same unit the
/// report's evidence uses, so Python (`text[start:end]`) and Swift consumers slice identically.
public struct Token: Sendable, Equatable {
    public var text: String
    /// NFKC case-folded form: what lexicons are matched against.
    public var folded: String
    public var kind: TokenKind
    public var start: Int
    public var end: Int
    /// Index of the sentence this token belongs to.
    public var sentence: Int
    /// UTF-8 byte offsets of the same span, so a span of several tokens is cut from the text without
    /// walking it from the start (see `TokenizedUnit.text(of:)`).
    public var utf8Start: Int
    public var utf8End: Int

    public init(text: String, folded: String, kind: TokenKind, start: Int, end: Int, sentence: Int, utf8Start: Int, utf8End: Int) {
        self.text = text
        self.folded = folded
        self.kind = kind
        self.start = start
        self.end = end
        self.sentence = sentence
        self.utf8Start = utf8Start
        self.utf8End = utf8End
    }

    public var isWordLike: Bool { kind == .word || kind == .number }
}

/// A sentence as scalar offsets into the unit's text and the range of its tokens.
public struct Sentence: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var tokens: Range<Int>
    public init(start: Int, end: Int, tokens: Range<Int>) {
        self.start = start
        self.end = end
        self.tokens = tokens
    }
}

/// A unit with its tokens and sentences: what an analyser receives.
public struct TokenizedUnit: Sendable {
    public var unit: TextUnit
    public var tokens: [Token]
    public var sentences: [Sentence]
    public init(unit: TextUnit, tokens: [Token], sentences: [Sentence]) {
        self.unit = unit
        self.tokens = tokens
        self.sentences = sentences
    }

    /// The tokens of sentence `index`.
    public func tokens(ofSentence index: Int) -> ArraySlice<Token> { tokens[sentences[index].tokens] }

    /// The text from the start of `first` to the end of `last` (tokens of this unit), in time proportional
    /// to its length: native strings index their UTF-8 in constant time.
    public func text(from first: Token, to last: Token) -> String {
        text(utf8From: first.utf8Start, to: last.utf8End)
    }

    /// The text between two UTF-8 offsets taken from tokens (a token's start or end, so never inside a
    /// character), with whatever lies between tokens: a concordance's context.
    public func text(utf8From start: Int, to end: Int) -> String {
        let utf8 = unit.text.utf8
        guard start >= 0, end >= start, end <= utf8.count else { return "" }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: end - start)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    /// The text between two scalar offsets. Walks the text from its start: for occasional use (a phrase
    /// found by its offsets), not per token.
    public func text(from start: Int, to end: Int) -> String {
        let scalars = unit.text.unicodeScalars
        guard start >= 0, end >= start, let lower = scalars.index(scalars.startIndex, offsetBy: start, limitedBy: scalars.endIndex),
            let upper = scalars.index(lower, offsetBy: end - start, limitedBy: scalars.endIndex)
        else { return "" }
        return String(scalars[lower..<upper])
    }
}

/// A document whose units have been tokenized.
public struct TokenizedDocument: Sendable {
    public var document: Document
    public var units: [TokenizedUnit] { didSet { positions = Self.positions(of: units) } }
    /// Unit results of the analysers that ran before, by analyser id and then unit id, as the report
    /// shows them. The pipeline fills in those an analyser declares with `AnalyserNeed.results(of:)`.
    public var results: [String: [String: JSONValue]]
    /// Where each unit id first occurs: analysers look up the unit a reply answers for every reply, and a
    /// search through the units each time would make a long thread cost the square of its length.
    private var positions: [String: Int]

    public init(document: Document, units: [TokenizedUnit], results: [String: [String: JSONValue]] = [:]) {
        self.document = document
        self.units = units
        self.results = results
        positions = Self.positions(of: units)
    }

    private static func positions(of units: [TokenizedUnit]) -> [String: Int] {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(units.count)
        for (position, unit) in units.enumerated() where positions[unit.unit.id] == nil { positions[unit.unit.id] = position }
        return positions
    }

    public func unit(_ id: String) -> TokenizedUnit? { positions[id].map { units[$0] } }

    /// What analyser `id` found for `unit`, when it ran before and gave a result for that unit.
    public func result(of id: String, for unit: TokenizedUnit) -> JSONValue? { results[id]?[unit.unit.id] }
}

extension String {
    /// The text with typographic apostrophes (U+2019) written as word lists write them ("'"), for looking
    /// a folded token up in a lexicon. Searched in the scalars: Foundation's `contains`, run on every token,
    /// was most of a lexicon analyser's time.
    public var straighteningApostrophes: String {
        guard unicodeScalars.contains("\u{2019}") else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars { scalars.append(scalar == "\u{2019}" ? "'" : scalar) }
        return String(scalars)
    }
}
