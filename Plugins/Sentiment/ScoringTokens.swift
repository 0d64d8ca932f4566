import CCGModel

extension SentimentEngine {
    /// One token as the rules read it: a word, number or emoji of the unit, or several adjacent tokens
    /// joined (a hyphenated compound, an emoticon ICU split into punctuation), with its lexicon entry
    /// already looked up. It holds no strings, so the rules pass tokens around without reference
    /// counting; the text is read back from the unit only when a rule needs it.
    struct ScoringToken {
        /// The unit's tokens it spans, `first...last`.
        var first: Int
        var last: Int
        var clause: Int
        /// Index in `entries`, or nil when no lexicon or rule list has the word.
        var entry: Int32?
        var kind: TokenKind
        /// Index in `ScoringWords.joined` for a token joined from several, whose text is no single token's.
        var joined: Int32?
    }

    /// A sentence's scoring tokens and the texts of those joined from several unit tokens.
    struct ScoringWords {
        var tokens: [ScoringToken] = []
        var joined: [(text: String, folded: String)] = []

        var count: Int { tokens.count }
        subscript(index: Int) -> ScoringToken { tokens[index] }

        func text(_ index: Int, in unit: TokenizedUnit) -> String {
            let token = tokens[index]
            if let joined = token.joined { return self.joined[Int(joined)].text }
            return unit.tokens[token.first].text
        }

        func folded(_ index: Int, in unit: TokenizedUnit) -> String {
            let token = tokens[index]
            if let joined = token.joined { return self.joined[Int(joined)].folded }
            return unit.tokens[token.first].folded
        }

        /// Evidence for the scoring tokens `range`, with the text as it stands in the unit.
        func evidence(_ range: Range<Int>, in unit: TokenizedUnit, cue: String, weight: Double? = nil) -> Evidence {
            let first = unit.tokens[tokens[range.lowerBound].first]
            let lastIndex = tokens[range.upperBound - 1].last
            let last = unit.tokens[lastIndex]
            let text = tokens[range.lowerBound].first == lastIndex ? first.text : unit.text(from: first, to: last)
            return Evidence(text: text, start: first.start, end: last.end, cue: cue, weight: weight)
        }
    }

    /// The tokens the rules read (words, numbers, emoji), each with the index of its clause: ASCII
    /// emoticons (":)", ":-D", "</3") are joined back into one `emoji` token, since ICU splits them into
    /// punctuation, and clause punctuation (commas, colons, brackets, quotes, dashes between spaces) starts
    /// a new clause, which bounds negation and booster scope ("No, it is good" negates nothing).
    ///
    /// A run of adjacent tokens that is an entry of the lexicon becomes one token; an emoticon glued to a
    /// word ("great:)") or followed by sentence punctuation (":)!") is found when it starts with eyes
    /// (`:` `;` `=`).
    func scoringWords(_ range: Range<Int>, of unit: TokenizedUnit) -> ScoringWords {
        let tokens = unit.tokens
        var words = ScoringWords()
        words.tokens.reserveCapacity(range.count)
        var clause = 0
        func appendPlain(_ part: Range<Int>, alone: Bool) {
            var index = part.lowerBound
            while index < part.upperBound {
                defer { index += 1 }
                let kind = tokens[index].kind
                // A hyphenated compound ("anti-war", "mock-ups") is one word: looked up whole, and
                // without a valence of its own when the lexicon lacks it.
                if kind == .word || kind == .number, index + 2 < part.upperBound, Self.isHyphen(tokens[index + 1].text),
                    tokens[index + 2].isWordLike
                {
                    var last = index + 2
                    while last + 2 < part.upperBound, Self.isHyphen(tokens[last + 1].text), tokens[last + 2].isWordLike { last += 2 }
                    let pieces = tokens[index...last]
                    let folded = pieces.map(\.folded).joined()
                    words.tokens.append(
                        ScoringToken(
                            first: index, last: last, clause: clause, entry: entries.index(of: folded), kind: .word,
                            joined: Int32(words.joined.count)))
                    words.joined.append((pieces.map(\.text).joined(), folded))
                    index = last
                    continue
                }
                if kind == .word, Self.isEntityName(index, in: tokens) { continue }
                if kind == .word || kind == .number || kind == .emoji {
                    words.tokens.append(
                        ScoringToken(
                            first: index, last: index, clause: clause,
                            entry: entries.index(of: tokens[index].folded) ?? heldEntry(of: tokens[index].folded), kind: kind))
                } else if kind == .punctuation, Self.endsClause(tokens[index].text, alone: alone) {
                    clause += 1
                }
            }
        }
        func appendEmoticon(_ emoticon: (entry: Int32, text: String, folded: String), _ part: Range<Int>) {
            words.tokens.append(
                ScoringToken(
                    first: part.lowerBound, last: part.upperBound - 1, clause: clause, entry: emoticon.entry, kind: .emoji,
                    joined: Int32(words.joined.count)))
            words.joined.append((emoticon.text, emoticon.folded))
        }
        var runStart = range.lowerBound
        while runStart < range.upperBound {
            var runEnd = runStart + 1
            while runEnd < range.upperBound, tokens[runEnd].start == tokens[runEnd - 1].end { runEnd += 1 }
            let run = runStart..<runEnd
            runStart = runEnd
            guard run.count > 1, run.contains(where: { Self.mayBeEmoticonPart(tokens[$0]) }) else {
                appendPlain(run, alone: run.count == 1)
                continue
            }
            if let emoticon = emoticon(run, of: tokens) {
                appendEmoticon(emoticon, run)
                continue
            }
            // Longest eyes-first emoticon at the end ("great:)") or the start (":)!") of the run.
            var matched = false
            for cut in max(run.lowerBound + 1, run.upperBound - Self.longestEmoticon)..<run.upperBound
            where Self.opensEmoticon(tokens[cut].text) {
                if let emoticon = emoticon(cut..<run.upperBound, of: tokens) {
                    appendPlain(run.lowerBound..<cut, alone: false)
                    appendEmoticon(emoticon, cut..<run.upperBound)
                    matched = true
                    break
                }
            }
            if !matched, Self.opensEmoticon(tokens[run.lowerBound].text) {
                for cut in stride(from: min(run.upperBound - 1, run.lowerBound + Self.longestEmoticon), to: run.lowerBound + 1, by: -1) {
                    if let emoticon = emoticon(run.lowerBound..<cut, of: tokens) {
                        appendEmoticon(emoticon, run.lowerBound..<cut)
                        appendPlain(cut..<run.upperBound, alone: false)
                        matched = true
                        break
                    }
                }
            }
            if !matched { appendPlain(run, alone: false) }
        }
        return words
    }

    /// Marks that close a clause. A hyphen does only between spaces ("good - but"), not inside "well-being".
    private static func endsClause(_ text: String, alone: Bool) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        switch first {
        case ",", ";", ":", "(", ")", "[", "]", "{", "}", "\"", "\u{201C}", "\u{201D}", "!", "?", ".", "\u{2026}", "\u{2013}", "\u{2014}":
            return true
        case "-":
            return alone
        default:
            return false
        }
    }

    /// For a word the lexicon lacks, the entry of its spelling with letters held for emphasis shortened
    /// ("gooood", "yaaaay", "sooo"): a run of three or more of one letter is read as two, then as one.
    func heldEntry(of folded: String) -> Int32? {
        guard Self.holdsLetter(folded), let twice = Self.shortened(folded, to: 2) else { return nil }
        return entries.index(of: twice) ?? Self.shortened(folded, to: 1).flatMap(entries.index(of:))
    }

    /// Whether `word` has one ASCII letter three times in a row, checked without copying (most words the
    /// lexicon lacks are looked at here).
    static func holdsLetter(_ word: String) -> Bool {
        if let answer = word.utf8.withContiguousStorageIfAvailable(holdsLetter) { return answer }
        return Array(word.utf8).withUnsafeBufferPointer(holdsLetter)
    }

    private static func holdsLetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in 2..<bytes.count {
            let byte = bytes[index]
            if byte == bytes[index - 1], byte == bytes[index - 2], byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { return true }
        }
        return false
    }

    /// `word` with every run of three or more of one ASCII letter cut to `length`, or nil when it has none.
    static func shortened(_ word: String, to length: Int) -> String? {
        let utf8 = Array(word.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var changed = false
        var start = 0
        while start < utf8.count {
            var end = start + 1
            while end < utf8.count, utf8[end] == utf8[start] { end += 1 }
            let isLetter = utf8[start] >= UInt8(ascii: "a") && utf8[start] <= UInt8(ascii: "z")
            if isLetter && end - start >= 3 {
                changed = true
                bytes.append(contentsOf: repeatElement(utf8[start], count: length))
            } else {
                bytes.append(contentsOf: utf8[start..<end])
            }
            start = end
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// The name in an HTML character reference left escaped in the text ("&gt;", "&amp;", as tweets and
    /// some scrapes carry them): markup, not a word ("gt" would otherwise read as VADER's slang entry).
    private static func isEntityName(_ index: Int, in tokens: [Token]) -> Bool {
        index > 0 && index + 1 < tokens.count && tokens[index - 1].text == "&" && tokens[index - 1].end == tokens[index].start
            && tokens[index + 1].text == ";" && tokens[index + 1].start == tokens[index].end
    }

    private static func isHyphen(_ text: String) -> Bool {
        text == "-" || text == "\u{2010}"
    }

    /// Adjacent tokens that together are an emoticon of the lexicon: its entry, text and folded form.
    private func emoticon(_ run: Range<Int>, of tokens: [Token]) -> (entry: Int32, text: String, folded: String)? {
        guard run.count > 1, run.contains(where: { tokens[$0].kind == .punctuation || tokens[$0].kind == .symbol }) else { return nil }
        let text = tokens[run].map(\.text).joined()
        let folded = text.lowercased()
        guard let entry = entries.index(of: folded), let value = entries[entry].valence, value != 0 else { return nil }
        return (entry, text, folded)
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
}
