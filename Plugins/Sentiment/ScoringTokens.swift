import CCGModel

extension SentimentEngine {
    /// The tokens the rules read (words, numbers, emoji), each with the index of its clause: ASCII
    /// emoticons (":)", ":-D", "</3") are joined back into one `emoji` token, since ICU splits them into
    /// punctuation, and clause punctuation (commas, colons, brackets, quotes, dashes between spaces) starts
    /// a new clause, which bounds negation and booster scope ("No, it is good" negates nothing).
    ///
    /// A run of adjacent tokens that is an entry of the lexicon becomes one token; an emoticon glued to a
    /// word ("great:)") or followed by sentence punctuation (":)!") is found when it starts with eyes
    /// (`:` `;` `=`).
    func scoringTokens(_ tokens: ArraySlice<Token>) -> (tokens: [Token], clauses: [Int]) {
        var result: [Token] = []
        var clauses: [Int] = []
        result.reserveCapacity(tokens.count)
        clauses.reserveCapacity(tokens.count)
        var clause = 0
        func appendPlain(_ part: ArraySlice<Token>, alone: Bool) {
            var index = part.startIndex
            while index < part.endIndex {
                let token = part[index]
                defer { index += 1 }
                // A hyphenated compound ("anti-war", "mock-ups") is one word: looked up whole, and
                // without a valence of its own when the lexicon lacks it.
                if token.isWordLike, index + 2 < part.endIndex, Self.isHyphen(part[index + 1].text), part[index + 2].isWordLike {
                    var last = index + 2
                    while last + 2 < part.endIndex, Self.isHyphen(part[last + 1].text), part[last + 2].isWordLike { last += 2 }
                    let pieces = part[index...last]
                    let text = pieces.map(\.text).joined()
                    result.append(
                        Token(
                            text: text, folded: pieces.map(\.folded).joined(), kind: .word, start: token.start, end: part[last].end,
                            sentence: token.sentence, utf8Start: token.utf8Start, utf8End: part[last].utf8End))
                    clauses.append(clause)
                    index = last
                    continue
                }
                if token.isWordLike || token.kind == .emoji {
                    result.append(token)
                    clauses.append(clause)
                } else if token.kind == .punctuation, Self.endsClause(token.text, alone: alone) {
                    clause += 1
                }
            }
        }
        var runStart = tokens.startIndex
        while runStart < tokens.endIndex {
            var runEnd = runStart + 1
            while runEnd < tokens.endIndex, tokens[runEnd].start == tokens[runEnd - 1].end { runEnd += 1 }
            let run = tokens[runStart..<runEnd]
            runStart = runEnd
            guard run.count > 1, run.contains(where: Self.mayBeEmoticonPart) else {
                appendPlain(run, alone: run.count == 1)
                continue
            }
            if let emoticon = emoticon(run) {
                result.append(emoticon)
                clauses.append(clause)
                continue
            }
            // Longest eyes-first emoticon at the end ("great:)") or the start (":)!") of the run.
            var matched = false
            for cut in max(run.startIndex + 1, run.endIndex - Self.longestEmoticon)..<run.endIndex where Self.opensEmoticon(run[cut].text) {
                if let emoticon = emoticon(run[cut...]) {
                    appendPlain(run[..<cut], alone: false)
                    result.append(emoticon)
                    clauses.append(clause)
                    matched = true
                    break
                }
            }
            if !matched, Self.opensEmoticon(run[run.startIndex].text) {
                for cut in stride(from: min(run.endIndex - 1, run.startIndex + Self.longestEmoticon), to: run.startIndex + 1, by: -1) {
                    if let emoticon = emoticon(run[..<cut]) {
                        result.append(emoticon)
                        clauses.append(clause)
                        appendPlain(run[cut...], alone: false)
                        matched = true
                        break
                    }
                }
            }
            if !matched { appendPlain(run, alone: false) }
        }
        return (result, clauses)
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

    private static func isHyphen(_ text: String) -> Bool {
        text == "-" || text == "\u{2010}"
    }

    /// Adjacent tokens that together are an emoticon of the lexicon, as one token.
    private func emoticon(_ run: ArraySlice<Token>) -> Token? {
        guard run.count > 1, run.contains(where: { $0.kind == .punctuation || $0.kind == .symbol }),
            let first = run.first, let last = run.last
        else { return nil }
        let text = run.map(\.text).joined()
        let folded = text.lowercased()
        guard let value = entries[folded]?.valence, value != 0 else { return nil }
        return Token(
            text: text, folded: folded, kind: .emoji, start: first.start, end: last.end, sentence: first.sentence,
            utf8Start: first.utf8Start, utf8End: last.utf8End)
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
