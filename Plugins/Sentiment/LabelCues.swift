import CCGModel

/// Word sequences looked up by their first folded word, matched over a unit's tokens: the label model's
/// cue categories and the sarcasm markers.
struct PhraseSet: Sendable {
    /// A phrase that starts with a given word: the words after it, and its category.
    struct Phrase: Sendable {
        var rest: [String]
        var category: Int
    }

    private let starts: TermTable<[Phrase]>

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
    }

    /// Each match in `range` of the tokens, left to right, as (category, tokens); a match's words do not
    /// start another.
    func matches(in tokens: [Token], range: Range<Int>, _ body: (_ category: Int, _ tokens: Range<Int>) -> Void) {
        var index = range.lowerBound
        while index < range.upperBound {
            guard let entry = starts.index(of: tokens[index].folded) else {
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

/// Discourse cues the label model counts beside the rules' scores (`lexicons/sentiment/label-cues.en.json`).
///
/// A comment's feeling is often carried by what it does rather than by polar words: it addresses someone
/// ("you clearly have not read it"), judges a claim false, thanks, mocks ("oh sure, of course"), asks or
/// informs. The lexicon cannot see that; counts of these cue words let a model fit on labelled comments
/// learn how much each kind weighs. The words are domain-neutral and live in the lexicon folder, so another
/// language or register brings its own file.
public struct LabelCues: Sendable {
    public static let path = "sentiment/label-cues.en.json"

    struct File: Decodable {
        var categories: [String: [String]]
    }

    /// Category names in byte order: the features' order.
    public let categories: [String]
    private let phrases: PhraseSet

    public init(lexicons: LexiconDirectory) throws {
        let file = try lexicons.json(Self.path, as: File.self)
        categories = file.categories.keys.sorted()
        phrases = PhraseSet(categories.map { file.categories[$0] ?? [] })
    }

    /// How many cues of each category the tokens hold (a phrase counts once, its words are not counted again).
    public func counts(in tokens: [Token]) -> [Int] {
        var counts = [Int](repeating: 0, count: categories.count)
        phrases.matches(in: tokens, range: tokens.indices) { category, _ in counts[category] += 1 }
        return counts
    }
}
