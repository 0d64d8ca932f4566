import CCGModel

/// Word sequences looked up by their first folded word, matched over a unit's tokens: the sarcasm markers
/// and the replies that only agree.
struct PhraseSet: Sendable {
    /// A phrase that starts with a given word: the words after it, and its category.
    struct Phrase: Sendable {
        var rest: [String]
        var category: Int
    }

    private let starts: TermTable<[Phrase]>
    /// Which (first byte, length) pairs start a phrase: most words fail this test and are never hashed.
    private let mayStart: [UInt64]

    private static func slot(_ word: String) -> Int {
        var length = 0
        var first: UInt8 = 0
        for byte in word.utf8 {
            if length == 0 { first = byte }
            length += 1
            if length == 15 { break }
        }
        return Int(first & 63) * 16 + length
    }

    /// `categories[i]` lists category i's phrases, folded words separated by spaces.
    init(_ categories: [[String]]) {
        var byFirst: [String: [Phrase]] = [:]
        for (category, phrases) in categories.enumerated() {
            for phrase in phrases {
                let words = phrase.split(separator: " ").map(String.init)
                guard let first = words.first else { continue }
                byFirst[first, default: []].append(Phrase(rest: Array(words.dropFirst()), category: category))
            }
        }
        // Longest first, so "good luck with that" wins over "good luck".
        for key in byFirst.keys { byFirst[key]?.sort { $0.rest.count > $1.rest.count } }
        starts = TermTable(byFirst)
        var mayStart = [UInt64](repeating: 0, count: 16)
        for word in byFirst.keys {
            let slot = Self.slot(word)
            mayStart[slot >> 6] |= 1 << UInt64(slot & 63)
        }
        self.mayStart = mayStart
    }

    /// Each match in `range` of the tokens, left to right, as (category, tokens); a match's words do not
    /// start another.
    func matches(in tokens: [Token], range: Range<Int>, _ body: (_ category: Int, _ tokens: Range<Int>) -> Void) {
        var index = range.lowerBound
        while index < range.upperBound {
            let slot = Self.slot(tokens[index].folded)
            guard mayStart[slot >> 6] & (1 << UInt64(slot & 63)) != 0, let entry = starts.index(of: tokens[index].folded) else {
                index += 1
                continue
            }
            var advance = 1
            for phrase in starts[entry] where index + phrase.rest.count < range.upperBound {
                var matches = true
                for (offset, word) in phrase.rest.enumerated() where tokens[index + 1 + offset].folded != word {
                    matches = false
                    break
                }
                if matches {
                    body(phrase.category, index..<(index + 1 + phrase.rest.count))
                    advance = 1 + phrase.rest.count
                    break
                }
            }
            index += advance
        }
    }
}
