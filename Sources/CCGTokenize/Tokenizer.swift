import CCGModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// A tokenizer with the abbreviations the project lists (`abbreviations(in:)`).
    public convenience init(lexicons: LexiconDirectory, locale: String = "en") throws {
        try self.init(locale: locale, abbreviations: Self.abbreviations(in: lexicons))
    }

    /// The abbreviations a project lists in `tokenize/abbreviations.en.txt` (one per line, `#` comments),
    /// or the defaults when the file is missing or unreadable.
    public static func abbreviations(in lexicons: LexiconDirectory) -> Set<String> {
        (try? lexicons.lines("tokenize/abbreviations.en.txt").map { $0.text.lowercased() }).map(Set.init) ?? defaultAbbreviations
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
        let utf8 = Array(text.utf8)
        let (isASCII, oneSentence) = Self.readASCII(utf8)
        // ICU reads UTF-16: ASCII widens byte for byte; other text is transcoded in the same pass over its
        // scalars that maps the offsets back.
        let (utf16, offsets) = isASCII ? (utf8.map(UInt16.init), OffsetMap.identity) : OffsetMap.transcoding(text)
        let breaks = iterators.breaks(utf16, oneSentence: oneSentence)
        let urlSpans = URLSpans.find(in: text)

        var tokens: [Token] = []
        // Every other piece is a space in plain prose, but punctuation is its own token: a short text gets room
        // for every piece (no regrowth, which copies tokens), a long one for half (regrowth is amortised there).
        tokens.reserveCapacity(breaks.wordEnds.count <= 4096 ? breaks.wordEnds.count : breaks.wordEnds.count / 2)
        utf8.withUnsafeBufferPointer { bytes in
            // Pieces are cut from the UTF-8 bytes: decoding UTF-8 is a copy and a check, UTF-16 a transcoding.
            func piece(_ from: Int, _ to: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[offsets.utf8(from)..<offsets.utf8(to)])
            }
            var start = 0
            var urlIndex = 0
            for (wordEnd, status) in zip(breaks.wordEnds, breaks.wordStatuses) {
                let end = Int(wordEnd)
                defer { start = end }
                let scalarStart = offsets.scalar(start)
                // Skip pieces already covered by a URL token.
                while urlIndex < urlSpans.count, urlSpans[urlIndex].upperBound <= scalarStart { urlIndex += 1 }
                if urlIndex < urlSpans.count, urlSpans[urlIndex].contains(scalarStart) {
                    let span = urlSpans[urlIndex]
                    if scalarStart == span.lowerBound {
                        let urlEnd = offsets.utf16Index(ofScalar: span.upperBound, from: start)
                        let url = piece(start, urlEnd)
                        let urlText = String(decoding: url, as: UTF8.self)
                        tokens.append(
                            Token(
                                text: urlText, folded: fold(urlText, bytes: url), kind: .url, start: span.lowerBound, end: span.upperBound,
                                sentence: 0, utf8Start: offsets.utf8(start), utf8End: offsets.utf8(urlEnd)))
                    }
                    continue
                }
                // ICU's pieces between words are mostly single spaces: skip them before building a string.
                if end == start + 1, utf16[start] == 0x20 || utf16[start] == 0x0A { continue }
                let pieceBytes = piece(start, end)
                guard let first = pieceBytes.first else { continue }
                let piece = String(decoding: pieceBytes, as: UTF8.self)
                guard let kind = Self.kind(of: piece, firstByte: first, status: status) else { continue }
                tokens.append(
                    Token(
                        text: piece, folded: fold(piece, bytes: pieceBytes), kind: kind, start: scalarStart, end: offsets.scalar(end),
                        sentence: 0, utf8Start: offsets.utf8(start), utf8End: offsets.utf8(end)))
            }
        }
        let sentences = makeSentences(ends: breaks.sentenceEnds.map(offsets.scalar), tokens: &tokens, text: text)
        return TokenizedUnit(unit: unit, tokens: tokens, sentences: sentences)
    }

    /// Folded forms of pieces with non-ASCII characters (emoji, accented words), kept because folding
    /// those goes through ICU and the same few recur. Bounded: cleared when full, so a stream of distinct
    /// pieces costs memory in proportion to the bound only.
    private var foldCache: [String: String] = [:]
    private static let foldCacheLimit = 4096

    /// `ICU.fold(piece)`, read from the piece's bytes: an ASCII piece without capitals is its own folded
    /// form (most words), one with capitals is lower-cased byte by byte; only the rest goes through ICU.
    private func fold(_ piece: String, bytes: UnsafeBufferPointer<UInt8>) -> String {
        var hasCapital = false
        for byte in bytes {
            if byte >= 0x80 { return foldThroughICU(piece) }
            if byte &- UInt8(ascii: "A") < 26 { hasCapital = true }
        }
        guard hasCapital else { return piece }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte &- UInt8(ascii: "A") < 26 ? byte + 32 : byte }
            return bytes.count
        }
    }

    private func foldThroughICU(_ piece: String) -> String {
        if let folded = foldCache[piece] { return folded }
        if foldCache.count >= Self.foldCacheLimit { foldCache.removeAll(keepingCapacity: true) }
        let folded = ICU.fold(piece)
        foldCache[piece] = folded
        return folded
    }

    /// Whether the text is ASCII and, if so, whether ICU's sentence rules (UAX #29) find no boundary inside
    /// it: they break only after a full stop, "!" or "?" (with what closes or follows them) and after a line
    /// break, so an ASCII text with none of those is one sentence and the sentence iterator need not run
    /// (many short remarks and tweets). The C library's `memchr` looks for each of the five bytes: it
    /// reads many bytes an instruction, so texts that do have one pay next to nothing.
    static func readASCII(_ bytes: [UInt8]) -> (isASCII: Bool, oneSentence: Bool) {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return (false, false) }
        let oneSentence = bytes.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            let count = buffer.count
            // . ! ? LF CR
            return memchr(base, 0x2E, count) == nil && memchr(base, 0x21, count) == nil && memchr(base, 0x3F, count) == nil
                && memchr(base, 0x0A, count) == nil && memchr(base, 0x0D, count) == nil
        }
        return (true, oneSentence)
    }

    /// Groups tokens into ICU's sentences, merging a sentence into the next when it ends with an
    /// abbreviation's full stop ("Dr." "Prof.").
    private func makeSentences(ends: [Int], tokens: inout [Token], text: String) -> [Sentence] {
        var merged: [Int] = []
        merged.reserveCapacity(ends.count)
        // Boundaries only grow, and so do tokens' ends: the last token before each boundary is found by one
        // cursor that moves forward, so a unit of many sentences costs time linear in its tokens.
        var lastBefore = -1
        for end in ends {
            if let last = merged.last, isAbbreviationBreak(at: last, tokens: tokens, lastBefore: &lastBefore) {
                merged[merged.count - 1] = end
            } else {
                merged.append(end)
            }
        }
        var sentences: [Sentence] = []
        sentences.reserveCapacity(merged.count)
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
    /// a capitalised word or a number (as after a title before a name). `lastBefore` is the index of the
    /// last token ending by an earlier, smaller `end` (-1 at first), moved up to this one's.
    private func isAbbreviationBreak(at end: Int, tokens: [Token], lastBefore: inout Int) -> Bool {
        while lastBefore + 1 < tokens.count, tokens[lastBefore + 1].end <= end { lastBefore += 1 }
        let dotIndex = lastBefore
        guard dotIndex > 0,
            tokens[dotIndex].text == ".", tokens[dotIndex - 1].end == tokens[dotIndex].start
        else { return false }
        let word = tokens[dotIndex - 1]
        guard word.kind == .word, abbreviations.contains(word.folded) else { return false }
        guard dotIndex + 1 < tokens.count else { return false }
        let next = tokens[dotIndex + 1]
        return next.kind == .number || (next.text.first?.isUppercase ?? false)
    }

    static func kind(of piece: String, firstByte: UInt8, status: Int32) -> TokenKind? {
        if status >= 100 && status < 200 { return .number }
        if status >= 200 { return .word }
        if firstByte < 0x80 { return asciiKind(firstByte) }
        guard let first = piece.unicodeScalars.first else { return nil }
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

    /// `kind(of:firstByte:status:)` for a piece starting with an ASCII character, without looking up Unicode
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
}

/// Maps ICU's UTF-16 offsets to the scalar offsets tokens carry and the UTF-8 offsets they are cut at. For
/// ASCII text (most of it) all three are the same and no table is built.
struct OffsetMap {
    private let scalars: [Int]?
    private let bytes: [Int]?

    static let identity = OffsetMap(scalars: nil, bytes: nil)

    private init(scalars: [Int]?, bytes: [Int]?) {
        self.scalars = scalars
        self.bytes = bytes
    }

    /// The text in UTF-16 for ICU and, for each UTF-16 offset, the scalar and UTF-8 offsets at or before it
    /// (a surrogate pair counts as one scalar; ICU never breaks inside one), in one pass over the scalars.
    static func transcoding(_ text: String) -> (utf16: [UInt16], map: OffsetMap) {
        var units: [UInt16] = []
        var scalarOffsets: [Int] = []
        var utf8Offsets: [Int] = []
        // A scalar takes at most as many UTF-16 units as UTF-8 bytes: the byte count bounds all three.
        let bound = text.utf8.count + 1
        units.reserveCapacity(bound)
        scalarOffsets.reserveCapacity(bound)
        utf8Offsets.reserveCapacity(bound)
        var scalarCount = 0
        var byteCount = 0
        for scalar in text.unicodeScalars {
            if UTF16.width(scalar) == 2 {
                units.append(UTF16.leadSurrogate(scalar))
                units.append(UTF16.trailSurrogate(scalar))
                scalarOffsets.append(scalarCount)
                utf8Offsets.append(byteCount)
            } else {
                units.append(UInt16(truncatingIfNeeded: scalar.value))
            }
            scalarOffsets.append(scalarCount)
            utf8Offsets.append(byteCount)
            scalarCount += 1
            byteCount += UTF8.width(scalar)
        }
        scalarOffsets.append(scalarCount)
        utf8Offsets.append(byteCount)
        return (units, OffsetMap(scalars: scalarOffsets, bytes: utf8Offsets))
    }

    func scalar(_ utf16: Int) -> Int { scalars?[utf16] ?? utf16 }
    func utf8(_ utf16: Int) -> Int { bytes?[utf16] ?? utf16 }

    /// The first UTF-16 offset at or after `from` whose scalar offset reaches `scalar`.
    func utf16Index(ofScalar scalar: Int, from start: Int) -> Int {
        guard let scalars else { return scalar }
        var index = start
        while index < scalars.count - 1, scalars[index] < scalar { index += 1 }
        return index
    }
}
