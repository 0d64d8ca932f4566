import CCGModel
import CCGTokenize

/// Keyword-in-context lines: every place a term occurs, with the words around it, as quanteda's `kwic`
/// and Voyant's Contexts show them.
///
/// A term is one or more words (a phrase), each matched against a token's search key (`ICU.searchKey`:
/// case- and accent-insensitive, apostrophes straightened); `*` in a word stands for any run of
/// characters ("commission*" finds "commissioning" and "commissioners"). A phrase matches consecutive
/// words of one sentence; punctuation between them is skipped.
public struct Concordance: Sendable {
    public struct Line: Sendable, Equatable {
        public var document: String
        public var source: String
        public var unit: String
        public var author: String?
        public var left: String
        public var match: String
        public var right: String
        /// Unicode scalar offsets of the match in the unit's text.
        public var start: Int
        public var end: Int
    }

    /// One word of the term: literal pieces between the `*`s.
    struct WordPattern: Sendable {
        var pieces: [String]
        var open: (leading: Bool, trailing: Bool)

        init(_ word: String) {
            let key = ICU.searchKey(word)
            pieces = key.split(separator: "*", omittingEmptySubsequences: true).map(String.init)
            open = (key.hasPrefix("*"), key.hasSuffix("*"))
        }

        /// Whether `key` (a token's search key) is the pieces in order with anything where a `*` stands.
        func matches(_ key: Substring) -> Bool {
            if pieces.isEmpty { return open.leading || open.trailing }
            var rest = key
            for (index, piece) in pieces.enumerated() {
                let isFirst = index == 0, isLast = index == pieces.count - 1
                if isFirst && !open.leading {
                    guard rest.hasPrefix(piece) else { return false }
                    rest = rest.dropFirst(piece.count)
                } else if isLast && !open.trailing {
                    guard rest.hasSuffix(piece), rest.count >= piece.count else { return false }
                    rest = rest.dropLast(piece.count)
                    return true
                } else {
                    guard let found = rest.range(of: piece) else { return false }
                    rest = rest[found.upperBound...]
                }
                if isLast && !open.trailing { return rest.isEmpty }
            }
            return open.trailing || rest.isEmpty
        }
    }

    let words: [WordPattern]
    public let window: Int

    /// Nil when the term has no word to look for.
    public init?(term: String, window: Int = 5) {
        let words = term.split(whereSeparator: { $0.isWhitespace }).map { WordPattern(String($0)) }
        guard !words.isEmpty, !words.allSatisfy({ $0.pieces.isEmpty && !$0.open.leading && !$0.open.trailing }) else { return nil }
        self.words = words
        self.window = max(0, window)
    }

    /// Every occurrence in `document`, in reading order.
    public func lines(in document: TokenizedDocument, documentID: String) -> [Line] {
        var lines: [Line] = []
        for unit in document.units {
            let words = unit.tokens.indices.filter { unit.tokens[$0].kind != .punctuation && unit.tokens[$0].kind != .symbol }
            guard words.count >= self.words.count else { continue }
            let keys = words.map { ICU.searchKey(unit.tokens[$0].folded) }
            var position = 0
            while position + self.words.count <= words.count {
                let span = position..<(position + self.words.count)
                let sameSentence = unit.tokens[words[span.lowerBound]].sentence == unit.tokens[words[span.upperBound - 1]].sentence
                if sameSentence, zip(self.words, span).allSatisfy({ $0.matches(keys[$1][...]) }) {
                    let first = unit.tokens[words[span.lowerBound]], last = unit.tokens[words[span.upperBound - 1]]
                    // Context runs from the window's outer words to the match, with whatever lies between
                    // (punctuation, a hyphen, the blanks), so "co-[commissioning]" reads as written.
                    let leftStart = span.lowerBound > 0 && window > 0 ? unit.tokens[words[max(0, span.lowerBound - window)]].utf8Start : first.utf8Start
                    let rightEnd = span.upperBound < words.count && window > 0 ? unit.tokens[words[min(words.count, span.upperBound + window) - 1]].utf8End : last.utf8End
                    lines.append(
                        Line(
                            document: documentID, source: document.document.source, unit: unit.unit.id, author: unit.unit.author,
                            left: Self.oneLine(unit.text(utf8From: leftStart, to: first.utf8Start)),
                            match: Self.oneLine(unit.text(from: first, to: last)),
                            right: Self.oneLine(unit.text(utf8From: last.utf8End, to: rightEnd)), start: first.start, end: last.end))
                    position = span.upperBound
                } else {
                    position += 1
                }
            }
        }
        return lines
    }

    /// Line breaks and runs of blanks as one space (kept at the ends, where context meets the match).
    static func oneLine(_ text: String) -> String {
        var output = ""
        var blank = false
        for character in text {
            if character.isWhitespace {
                blank = true
                continue
            }
            if blank { output.append(" ") }
            blank = false
            output.append(character)
        }
        return blank ? output + " " : output
    }
}
