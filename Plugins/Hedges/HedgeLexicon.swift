import CCGModel

/// The hedge, booster and negator phrases of `lexicons/hedges/<language>.tsv`, keyed by their first word
/// so that a unit is matched in one pass over its tokens.
struct HedgeLexicon: Sendable {
    enum Kind: String, Sendable {
        case hedge, booster, negator
    }

    /// When an entry counts, beyond its words matching.
    enum Condition: String, Sendable {
        /// Only before a number: "about 40 practices", not "talk about".
        case beforeNumber = "before-number"
        /// Only when no number follows: "may", not "May 2015".
        case notBeforeNumber = "not-before-number"
        /// Only in lower case or first in its sentence: "may", not the month "May".
        case notCapitalised = "not-capitalised"
    }

    struct Entry: Sendable {
        var kind: Kind
        var words: [String]
        var conditions: [Condition]
    }

    /// Entries by their first word, longest first, so the first that matches is the longest.
    private(set) var entriesByFirstWord: [String: [Entry]] = [:]

    init(lines: [(line: Int, text: String)], path: String) throws {
        for (number, text) in lines {
            let columns = text.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count == 2 || columns.count == 3 else {
                throw LexiconError.malformed(path: path, line: number, reason: "expected kind<TAB>phrase[<TAB>condition], got \(columns.count) columns")
            }
            guard let kind = Kind(rawValue: columns[0]) else {
                throw LexiconError.malformed(path: path, line: number, reason: "unknown kind '\(columns[0])' (hedge, booster or negator)")
            }
            let words = columns[1].split(separator: " ").map { Self.key(String($0).lowercased()) }
            guard let first = words.first else {
                throw LexiconError.malformed(path: path, line: number, reason: "empty phrase")
            }
            var conditions: [Condition] = []
            for name in columns.count == 3 ? columns[2].split(separator: ",") : [] {
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let condition = Condition(rawValue: name) else {
                    throw LexiconError.malformed(path: path, line: number, reason: "unknown condition '\(name)' (before-number, not-before-number or not-capitalised)")
                }
                conditions.append(condition)
            }
            entriesByFirstWord[first, default: []].append(Entry(kind: kind, words: words, conditions: conditions))
        }
        for key in entriesByFirstWord.keys { entriesByFirstWord[key]?.sort { $0.words.count > $1.words.count } }
    }

    /// A folded token as the lexicon spells it: curly apostrophes straightened.
    static func key(_ folded: String) -> String { folded.straighteningApostrophes }
}
