import CCGModel
import CCGPipeline
import CCGReport
import Foundation

/// Counts the words of each unit that fall in each category of a LIWC-style dictionary, as LIWC reports
/// them: counts, and percentages of all words. The analyser's id is the file's name without `.dic`.
public struct DictionaryAnalyser: Sendable {
    public struct UnitResult: Codable, Sendable, Equatable {
        /// The category with the most matched words (the first in the header on a tie), or `none`.
        public var label: String
        /// Words and numbers in the unit: the denominator of every percentage.
        public var words: Int
        /// Words matched by any entry (LIWC's "dictionary words").
        public var matched: Int
        /// Categories with at least one word.
        public var categories: [String: Int]
        public var percent: [String: Double]
        public var evidence: [Evidence]
    }

    /// Sums over units; percentages derived from the sums so shards merge exactly.
    public struct Tally: Codable, Sendable, Equatable {
        public var units = 0
        public var words = 0
        public var matched = 0
        public var categories: [String: Int]
        public var percent: [String: Double]
        public var labels: [String: Int]

        init(categories names: [String]) {
            categories = Dictionary(uniqueKeysWithValues: names.map { ($0, 0) })
            percent = categories.mapValues { _ in 0 }
            labels = Dictionary(uniqueKeysWithValues: (names + ["none"]).map { ($0, 0) })
        }

        mutating func merge(_ other: Tally) {
            units += other.units
            words += other.words
            matched += other.matched
            for (name, count) in other.categories { categories[name, default: 0] += count }
            for (label, count) in other.labels { labels[label, default: 0] += count }
            percent = categories.mapValues { words == 0 ? 0 : Evidence.rounded(Double($0) * 100 / Double(words)) }
        }
    }

    public struct CorpusSummary: Codable, Sendable, Equatable {
        public var documents: Int
        public var all: Tally
        /// Where the dictionary came from, so a report names the categories' source.
        public var dictionary: String
    }

    public let id: String
    /// The path reports show (`lexicons/dictionaries/…` for the project's own).
    public let path: String
    /// The file read.
    public let file: String
    public let version: String
    public let dictionary: LIWCDictionary
    private let categoryNames: [String]
    /// Entries of one word, by the word.
    private let exact: [String: [Int]]
    /// Wildcard entries of one word, by the part before `*`.
    private let prefixes: [String: [Int]]
    private let longestPrefix: Int
    /// Entries of several words, by their first word, longest first.
    private let phrases: [String: [LIWCDictionary.Entry]]

    /// Reads and checks `path`; the error names the file and line of the first problem.
    public init(path: String, displayPath: String? = nil) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LIWCDictionary.FormatError(path: path, line: 0, reason: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LIWCDictionary.FormatError(path: path, line: 0, reason: "not valid UTF-8")
        }
        try self.init(
            dictionary: LIWCDictionary(text: text, path: path), file: path, displayPath: displayPath,
            version: "sha256:" + Report.sha256(data).prefix(12))
    }

    /// `version` names the edition of the dictionary in reports (`init(path:)` makes it a hash of the file).
    public init(dictionary: LIWCDictionary, file: String, displayPath: String? = nil, version: String) throws {
        self.dictionary = dictionary
        self.file = file
        self.version = version
        let path = displayPath ?? file
        self.path = path
        id = Self.id(forPath: path)
        categoryNames = dictionary.categories.map(\.name)
        var exact: [String: [Int]] = [:]
        var prefixes: [String: [Int]] = [:]
        var phrases: [String: [LIWCDictionary.Entry]] = [:]
        for entry in dictionary.entries {
            if entry.words.count > 1 {
                phrases[entry.words[0], default: []].append(entry)
            } else if entry.isWildcard {
                prefixes[String(entry.words[0].dropLast())] = entry.categories
            } else {
                exact[entry.words[0]] = entry.categories
            }
        }
        for key in phrases.keys { phrases[key]?.sort { $0.words.count > $1.words.count } }
        self.exact = exact
        self.prefixes = prefixes
        self.phrases = phrases
        longestPrefix = prefixes.keys.map(\.count).max() ?? 0
    }

    /// `lexicons/dictionaries/Moral Foundations.dic` → `moral-foundations`.
    public static func id(forPath path: String) -> String {
        let stem = (URL(fileURLWithPath: path).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let cleaned = stem.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? String($0) : "-" }.joined()
        return cleaned.isEmpty ? "dictionary" : cleaned
    }

    public var description: AnalyserDescription {
        AnalyserDescription(
            id: id, version: version, name: URL(fileURLWithPath: path).lastPathComponent,
            summary: "LIWC-style dictionary \(URL(fileURLWithPath: path).lastPathComponent): words per category (\(categoryNames.joined(separator: ", "))), as counts and percentages of all words; \(dictionary.entries.count) entries.",
            needs: [.tokens])
    }

    public func analyse(_ unit: TokenizedUnit) -> UnitResult {
        let tokens = unit.tokens
        var counts = Array(repeating: 0, count: categoryNames.count)
        var result = UnitResult(label: "none", words: 0, matched: 0, categories: [:], percent: [:], evidence: [])
        var index = 0
        while index < tokens.count {
            guard tokens[index].isWordLike else {
                index += 1
                continue
            }
            let key = Self.key(tokens[index].folded)
            var matched: (length: Int, categories: [Int])?
            for entry in phrases[key] ?? [] where index + entry.words.count <= tokens.count {
                let fits = (1..<entry.words.count).allSatisfy { offset in
                    let token = tokens[index + offset]
                    return token.isWordLike && Self.matches(Self.key(token.folded), entry.words[offset])
                }
                if fits {
                    matched = (entry.words.count, entry.categories)
                    break
                }
            }
            if matched == nil, let categories = exact[key] ?? prefixMatch(key) { matched = (1, categories) }
            guard let (length, categories) = matched else {
                result.words += 1
                index += 1
                continue
            }
            result.words += length
            result.matched += length
            for category in categories { counts[category] += length }
            result.evidence.append(
                Evidence(tokens: tokens[index..<(index + length)], in: unit, cue: categories.map { categoryNames[$0] }.joined(separator: ",")))
            index += length
        }
        for (category, count) in counts.enumerated() where count > 0 {
            result.categories[categoryNames[category]] = count
            result.percent[categoryNames[category]] = Evidence.rounded(Double(count) * 100 / Double(max(result.words, 1)))
        }
        if let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }), counts[best] > 0 {
            result.label = categoryNames[best]
        }
        return result
    }

    private func prefixMatch(_ word: String) -> [Int]? {
        guard longestPrefix > 0 else { return nil }
        var length = min(word.count, longestPrefix)
        while length > 0 {
            if let categories = prefixes[String(word.prefix(length))] { return categories }
            length -= 1
        }
        return nil
    }

    private static func matches(_ word: String, _ entry: String) -> Bool {
        entry.hasSuffix("*") ? word.hasPrefix(entry.dropLast()) : word == entry
    }

    private static func key(_ folded: String) -> String { folded.straighteningApostrophes }

    public func summarise(_ results: [UnitResult]) -> Tally {
        var tally = Tally(categories: categoryNames)
        for result in results {
            var unit = Tally(categories: categoryNames)
            unit.units = 1
            unit.words = result.words
            unit.matched = result.matched
            for (name, count) in result.categories { unit.categories[name] = count }
            unit.labels[result.label, default: 0] = 1
            tally.merge(unit)
        }
        return tally
    }

    /// The analyser as the pipeline runs it.
    public func erased() -> AnyAnalyser {
        let names = categoryNames
        let path = self.path
        return AnyAnalyser(
            description: description, source: .dictionary(path: path),
            analyse: { document in
                let results = document.units.map(analyse)
                return AnyAnalyser.DocumentAnalysis(
                    units: try results.map { try JSONValue(encoding: $0) }, summary: try JSONValue(encoding: summarise(results)))
            },
            summarise: { summaries in
                var all = Tally(categories: names)
                for summary in summaries { all.merge(try summary.decode(as: Tally.self)) }
                return try JSONValue(encoding: CorpusSummary(documents: summaries.count, all: all, dictionary: URL(fileURLWithPath: path).lastPathComponent))
            })
    }
}
