import CCGModel

/// Turns a unit's text into tokens and sentences with ICU, with offsets that map back into the text.
///
/// One instance holds one pair of ICU iterators: use it from one task at a time (see `TokenizerPool`).
public final class Tokenizer: @unchecked Sendable {
    private let iterators: BreakIterators
    /// Folded abbreviations ("dr", "prof") after which a full stop does not end a sentence. ICU's own
    /// suppression list (`@ss=standard`) lacks several titles common in this kind of text.
    public let abbreviations: Set<String>

    public init(locale: String = "en", abbreviations: Set<String> = Tokenizer.defaultAbbreviations) throws {
        self.iterators = try BreakIterators(locale: locale)
        self.abbreviations = abbreviations
    }

    /// Titles and abbreviations that precede names or numbers in English commentary. A project can
    /// extend them through `lexicons/tokenize/abbreviations.en.txt`.
    public static let defaultAbbreviations: Set<String> = [
        "dr", "prof", "mr", "mrs", "ms", "st", "rev", "hon", "sr", "jr", "no", "vol", "fig", "cf", "vs", "etc",
        "e.g", "i.e", "approx", "dept", "govt", "inc", "ltd", "co",
    ]

    public func tokenize(_ document: Document) -> TokenizedDocument {
        TokenizedDocument(document: document, units: document.units.map(tokenize))
    }

    public func tokenize(_ unit: TextUnit) -> TokenizedUnit {
        let text = unit.text
        let utf16 = Array(text.utf16)
        let (scalarOffset, utf8Offset) = Self.offsets(of: text, utf16Count: utf16.count)
        let utf8 = Array(text.utf8)
        // Pieces are cut from the UTF-8 bytes: decoding UTF-8 is a copy and a check, UTF-16 a transcoding.
        func slice(_ from: Int, _ to: Int) -> String { String(decoding: utf8[utf8Offset[from]..<utf8Offset[to]], as: UTF8.self) }
        let (words, sentenceEnds) = iterators.breaks(utf16)
        let urlSpans = URLSpans.find(in: text)

        var tokens: [Token] = []
        tokens.reserveCapacity(words.count / 2)
        var start = 0
        var urlIndex = 0
        for (end, status) in words {
            defer { start = end }
            let scalarStart = scalarOffset[start]
            let scalarEnd = scalarOffset[end]
            // Skip pieces already covered by a URL token.
            while urlIndex < urlSpans.count, urlSpans[urlIndex].upperBound <= scalarStart { urlIndex += 1 }
            if urlIndex < urlSpans.count, urlSpans[urlIndex].contains(scalarStart) {
                let span = urlSpans[urlIndex]
                if scalarStart == span.lowerBound {
                    let urlEnd = utf16Index(of: span.upperBound, in: scalarOffset, from: start)
                    let url = slice(start, urlEnd)
                    tokens.append(
                        Token(
                            text: url, folded: ICU.fold(url), kind: .url, start: span.lowerBound, end: span.upperBound, sentence: 0,
                            utf8Start: utf8Offset[start], utf8End: utf8Offset[urlEnd]))
                }
                continue
            }
            // ICU's pieces between words are mostly single spaces: skip them before building a string.
            if end == start + 1, utf16[start] == 0x20 || utf16[start] == 0x0A { continue }
            let piece = slice(start, end)
            guard let kind = Self.kind(of: piece, status: status) else { continue }
            tokens.append(
                Token(
                    text: piece, folded: ICU.fold(piece), kind: kind, start: scalarStart, end: scalarEnd, sentence: 0,
                    utf8Start: utf8Offset[start], utf8End: utf8Offset[end]))
        }
        let sentences = makeSentences(ends: sentenceEnds.map { scalarOffset[$0] }, tokens: &tokens, text: text)
        return TokenizedUnit(unit: unit, tokens: tokens, sentences: sentences)
    }

    /// Groups tokens into ICU's sentences, merging a sentence into the next when it ends with an
    /// abbreviation's full stop ("Dr." "Prof.").
    private func makeSentences(ends: [Int], tokens: inout [Token], text: String) -> [Sentence] {
        var merged: [Int] = []
        for end in ends {
            if let last = merged.last, isAbbreviationBreak(at: last, tokens: tokens) {
                merged[merged.count - 1] = end
            } else {
                merged.append(end)
            }
        }
        var sentences: [Sentence] = []
        var tokenIndex = 0
        for end in merged {
            let first = tokenIndex
            while tokenIndex < tokens.count, tokens[tokenIndex].start < end {
                tokens[tokenIndex].sentence = sentences.count
                tokenIndex += 1
            }
            if tokenIndex > first {
                let trimmedStart = tokens[first].start
                let trimmedEnd = tokens[tokenIndex - 1].end
                sentences.append(Sentence(start: trimmedStart, end: trimmedEnd, tokens: first..<tokenIndex))
            }
        }
        return sentences
    }

    /// True when the sentence ending at `end` ends with "<abbreviation>." and the next text starts with
    /// a capitalised word or a number (as after a title before a name).
    private func isAbbreviationBreak(at end: Int, tokens: [Token]) -> Bool {
        guard let dotIndex = tokens.lastIndex(where: { $0.end <= end }), dotIndex > 0,
            tokens[dotIndex].text == ".", tokens[dotIndex - 1].end == tokens[dotIndex].start
        else { return false }
        let word = tokens[dotIndex - 1]
        guard word.kind == .word, abbreviations.contains(word.folded) else { return false }
        guard dotIndex + 1 < tokens.count else { return false }
        let next = tokens[dotIndex + 1]
        return next.kind == .number || (next.text.first?.isUppercase ?? false)
    }

    static func kind(of piece: String, status: Int32) -> TokenKind? {
        if status >= 100 && status < 200 { return .number }
        if status >= 200 { return .word }
        guard let first = piece.unicodeScalars.first else { return nil }
        if first.value < 0x80 { return asciiKind(UInt8(first.value)) }
        if first.properties.isWhitespace || first.properties.generalCategory == .control
            || first.properties.generalCategory == .format
        {
            return nil
        }
        if first.properties.isEmojiPresentation || (first.properties.isEmoji && first.value > 0xFF) { return .emoji }
        switch first.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .word
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        default:
            return .symbol
        }
    }

    /// `kind(of:status:)` for a piece starting with an ASCII character, without looking up Unicode
    /// properties: the same answers for the 128 code points.
    private static func asciiKind(_ byte: UInt8) -> TokenKind? {
        switch byte {
        case 0..<0x21, 0x7F: return nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .word
        case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return .symbol
        default: return .punctuation
        }
    }

    /// For each UTF-16 offset, the Unicode scalar offset and the UTF-8 offset at or before it (a surrogate
    /// pair counts as one scalar; ICU never breaks inside one).
    static func offsets(of text: String, utf16Count: Int) -> (scalar: [Int], utf8: [Int]) {
        var scalarOffsets = [Int](repeating: 0, count: utf16Count + 1)
        var utf8Offsets = [Int](repeating: 0, count: utf16Count + 1)
        var utf16 = 0
        var scalars = 0
        var bytes = 0
        for scalar in text.unicodeScalars {
            let width = scalar.value > 0xFFFF ? 2 : 1
            for k in 0..<width {
                scalarOffsets[utf16 + k] = scalars
                utf8Offsets[utf16 + k] = bytes
            }
            utf16 += width
            scalars += 1
            bytes += scalar.value < 0x80 ? 1 : scalar.value < 0x800 ? 2 : scalar.value < 0x10000 ? 3 : 4
        }
        scalarOffsets[utf16Count] = scalars
        utf8Offsets[utf16Count] = bytes
        return (scalarOffsets, utf8Offsets)
    }

    private func utf16Index(of scalar: Int, in offsets: [Int], from start: Int) -> Int {
        var index = start
        while index < offsets.count - 1, offsets[index] < scalar { index += 1 }
        return index
    }
}
