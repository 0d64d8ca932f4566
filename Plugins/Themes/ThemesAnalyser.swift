import CCGModel

/// Themes per unit from an analyst-controlled taxonomy (stem-like prefix terms, multi-word phrases,
/// exclusions), plus keyphrases the text brings: stopword-bounded phrases ranked by frequency, position
/// and length, with near-duplicates removed.
public struct ThemesAnalyser: Analyser {
    public struct ThemeScore: Codable, Sendable, Equatable {
        public var id: String
        /// Matches per 100 words, so long and short units compare.
        public var score: Double
        public var matches: Int
    }

    public struct Keyphrase: Codable, Sendable, Equatable {
        public var text: String
        public var score: Double
    }

    public struct UnitResult: Codable, Sendable, Equatable {
        public var themes: [ThemeScore]
        public var keyphrases: [Keyphrase]
        public var evidence: [Evidence]
    }

    public struct DocumentSummary: Codable, Sendable, Equatable {
        /// Theme id → number of units in which it occurs.
        public var units: [String: Int]
        /// Theme id → total matches.
        public var matches: [String: Int]
        public var keyphrases: [Keyphrase]
    }

    public struct CorpusSummary: Codable, Sendable, Equatable {
        public var units: [String: Int]
        public var documents: [String: Int]
        public var matches: [String: Int]
        public var keyphrases: [Keyphrase]
        public var taxonomy: String
    }

    struct Taxonomy: Decodable {
        struct Theme: Decodable {
            var id: String
            var label: String
            var terms: [String]
            var exclude: [String]
        }
        var themes: [Theme]
    }

    /// A taxonomy term as folded words; the last may be a prefix (`engag*`).
    struct Term {
        var words: [String]
        var prefix: Bool

        init(_ text: String) {
            var words = text.lowercased().split(separator: " ").map(String.init)
            prefix = words.last?.hasSuffix("*") ?? false
            if prefix, let last = words.last { words[words.count - 1] = String(last.dropLast()) }
            self.words = words
        }

        func length(at index: Int, in folded: [String]) -> Int? {
            guard index + words.count <= folded.count else { return nil }
            for (offset, word) in words.enumerated() {
                let token = folded[index + offset]
                let isLast = offset == words.count - 1
                if isLast && prefix ? !token.hasPrefix(word) : token != word { return nil }
            }
            return words.count
        }
    }

    public static let defaultTaxonomy = "themes/health-services.json"
    public static let stopwordsPath = "themes/stopwords.en.txt"

    public static let description = AnalyserDescription(
        id: "themes", version: "1.0.0", name: "Themes",
        summary: "Theme ids from the taxonomy in lexicons/themes (multi-word, prefix terms, exclusions) scored per 100 words, plus ranked keyphrases.",
        needs: [.tokens, .sentences],
        lexicons: [defaultTaxonomy, stopwordsPath],
        examples: [
            AnalyserExample("The CCG's budget is under severe financial pressure.", expect: ["themes[].id": "finance_budgets"], evidence: ["budget"]),
            AnalyserExample("Local GPs feel they have little influence over decisions.", expect: ["themes[].id": "ownership_influence"], evidence: ["influence"]),
            AnalyserExample("Practices were never consulted; PCTs behaved the same way.", expect: ["themes[].id": "predecessor_bodies"], evidence: ["PCTs"]),
            AnalyserExample("To prevent potential conflicts of interest, GPs' role must be regulated.", expect: ["themes[].id": "conflicts_of_interest"], evidence: ["conflicts of interest"]),
            AnalyserExample("Clinical commissioning groups need stronger clinical leadership.", expect: ["keyphrases[].text": "Clinical commissioning groups"]),
        ])

    let themes: [(id: String, terms: [Term], exclude: [Term])]
    let stopwords: Set<String>
    let taxonomyPath: String

    public init(context: AnalyserContext) throws {
        taxonomyPath = context.settings["taxonomy"] ?? Self.defaultTaxonomy
        let taxonomy = try context.lexicons.json(taxonomyPath, as: Taxonomy.self)
        themes = taxonomy.themes.map { ($0.id, $0.terms.map(Term.init), $0.exclude.map(Term.init)) }
        stopwords = Set(try context.lexicons.lines(Self.stopwordsPath).map { $0.text.lowercased() })
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        let words = unit.tokens.filter { $0.kind == .word || $0.kind == .number || $0.kind == .symbol }
        let folded = words.map(\.folded)
        var scores: [ThemeScore] = []
        var evidence: [Evidence] = []
        let wordCount = max(1, words.count)
        for theme in themes {
            var vetoed = Set<Int>()
            for term in theme.exclude {
                for index in folded.indices { if let length = term.length(at: index, in: folded) { vetoed.formUnion(index..<(index + length)) } }
            }
            var matches = 0
            var index = 0
            while index < folded.count {
                let best = theme.terms.compactMap { $0.length(at: index, in: folded) }.max()
                if let length = best, vetoed.isDisjoint(with: index..<(index + length)) {
                    matches += 1
                    evidence.append(Evidence(tokens: words[index..<(index + length)], in: unit, cue: theme.id))
                    index += length
                } else {
                    index += 1
                }
            }
            if matches > 0 {
                scores.append(ThemeScore(id: theme.id, score: Evidence.rounded(Double(matches) * 100 / Double(wordCount)), matches: matches))
            }
        }
        scores.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        evidence.sort { $0.start != $1.start ? $0.start < $1.start : $0.cue < $1.cue }
        return UnitResult(themes: scores, keyphrases: keyphrases(unit, limit: 5), evidence: evidence)
    }

    /// Candidate phrases are runs of 1–4 non-stopword words inside a sentence; a phrase scores by how often
    /// it occurs, how early it first appears and how many words it has; variants contained in a
    /// better phrase are dropped.
    func keyphrases(_ unit: TokenizedUnit, limit: Int) -> [Keyphrase] {
        var stats: [String: (count: Int, first: Int, surface: String, length: Int)] = [:]
        var position = 0
        for sentence in unit.sentences {
            var run: [Token] = []
            func closeRun() {
                defer { run = [] }
                guard !run.isEmpty else { return }
                for start in run.indices {
                    for length in 1...min(4, run.count - start) {
                        let slice = run[start..<(start + length)]
                        let key = slice.map(\.folded).joined(separator: " ")
                        let surface = slice.map(\.text).joined(separator: " ")
                        var entry = stats[key] ?? (0, position + start, surface, length)
                        entry.count += 1
                        stats[key] = entry
                    }
                }
            }
            for token in unit.tokens[sentence.tokens] {
                if token.kind == .word, token.folded.count > 1, !stopwords.contains(token.folded), token.folded.contains(where: \.isLetter) {
                    run.append(token)
                } else {
                    closeRun()
                }
                position += 1
            }
            closeRun()
        }
        let total = Double(max(position, 1))
        var ranked = stats.map { key, value -> (key: String, surface: String, score: Double) in
            let frequency = Double(value.count)
            let early = 1.0 - 0.5 * Double(value.first) / total
            let lengthWeight = value.length == 1 ? 0.5 : value.length == 2 ? 1.0 : 1.3
            return (key, value.surface, frequency * early * lengthWeight)
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        var chosen: [(key: String, surface: String, score: Double)] = []
        for candidate in ranked where chosen.count < limit {
            let padded = " \(candidate.key) "
            if chosen.contains(where: { " \($0.key) ".contains(padded) || padded.contains(" \($0.key) ") }) { continue }
            chosen.append(candidate)
        }
        return chosen.map { Keyphrase(text: $0.surface, score: Evidence.rounded($0.score)) }
    }

    public func summarise(document: TokenizedDocument, results: [UnitResult]) -> DocumentSummary {
        var units: [String: Int] = [:]
        var matches: [String: Int] = [:]
        var phrases: [String: (text: String, score: Double)] = [:]
        for result in results {
            for theme in result.themes {
                units[theme.id, default: 0] += 1
                matches[theme.id, default: 0] += theme.matches
            }
            for phrase in result.keyphrases {
                let key = phrase.text.lowercased()
                phrases[key] = (phrases[key]?.text ?? phrase.text, (phrases[key]?.score ?? 0) + phrase.score)
            }
        }
        return DocumentSummary(units: units, matches: matches, keyphrases: Self.top(phrases, 10))
    }

    public func summarise(corpus: [DocumentSummary]) -> CorpusSummary {
        var units: [String: Int] = [:]
        var documents: [String: Int] = [:]
        var matches: [String: Int] = [:]
        var phrases: [String: (text: String, score: Double)] = [:]
        for summary in corpus {
            for (id, count) in summary.units {
                units[id, default: 0] += count
                documents[id, default: 0] += 1
            }
            for (id, count) in summary.matches { matches[id, default: 0] += count }
            for phrase in summary.keyphrases {
                let key = phrase.text.lowercased()
                phrases[key] = (phrases[key]?.text ?? phrase.text, Evidence.rounded((phrases[key]?.score ?? 0) + phrase.score))
            }
        }
        return CorpusSummary(units: units, documents: documents, matches: matches, keyphrases: Self.top(phrases, 20), taxonomy: taxonomyPath)
    }

    static func top(_ phrases: [String: (text: String, score: Double)], _ count: Int) -> [Keyphrase] {
        phrases.map { Keyphrase(text: $0.value.text, score: Evidence.rounded($0.value.score)) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.text < $1.text }
            .prefix(count).map { $0 }
    }
}
