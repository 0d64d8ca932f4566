import CCGModel
import CCGTokenize
import Foundation

/// What a text is about, two ways: themes from a taxonomy the analyst controls (`lexicons/themes`), and
/// keyphrases the text brings (candidates between stopwords, grouped by stem, ranked by a fitted model).
/// Documents also get both per debate side and per author role, with the keyphrases that set one side
/// apart from the other (log-likelihood G²).
public struct ThemesAnalyser: Analyser {
    public struct ThemeScore: Codable, Sendable, Equatable {
        public var id: String
        /// Matches per 100 words, so long and short units compare.
        public var score: Double
        public var matches: Int
    }

    public struct Keyphrase: Codable, Sendable, Equatable {
        public var text: String
        /// The ranker's probability that a person would list this phrase.
        public var score: Double
    }

    public struct UnitResult: Codable, Sendable, Equatable {
        public var themes: [ThemeScore]
        public var keyphrases: [Keyphrase]
        public var evidence: [Evidence]
    }

    /// A phrase one group uses more than the other: its occurrences in each and the log-likelihood G².
    public struct DistinctivePhrase: Codable, Sendable, Equatable {
        public var text: String
        public var count: Int
        public var otherCount: Int
        public var g2: Double
    }

    /// Themes and keyphrases of a group of units (a debate side, an author role).
    public struct GroupSummary: Codable, Sendable, Equatable {
        public var units: Int
        /// Theme id → its term matches in the group's units: what the group talks about most (a debate side is
        /// often one section, where counting units would tie every theme at one).
        public var themes: [String: Int]
        public var keyphrases: [Keyphrase]
        /// Phrases this group uses more than the rest (for a side: more than the other side).
        public var distinctive: [DistinctivePhrase]
    }

    public struct DocumentSummary: Codable, Sendable, Equatable {
        /// Theme id → number of units in which it occurs.
        public var units: [String: Int]
        /// Theme id → total matches.
        public var matches: [String: Int]
        /// The document's keyphrases, ranked over all its units read as one text.
        public var keyphrases: [Keyphrase]
        /// Debate side (`yes`, `no`) → its sections' themes and keyphrases; empty when not a debate.
        public var sides: [String: GroupSummary]
        /// Author role → its units' themes and keyphrases.
        public var roles: [String: GroupSummary]
    }

    /// Themes and phrases of a group across documents.
    public struct CorpusGroup: Codable, Sendable, Equatable {
        public var units: Int
        public var documents: Int
        public var themes: [String: Int]
        /// Phrases distinctive of this group in the most documents, then by summed G².
        public var distinctive: [DistinctivePhrase]
    }

    public struct CorpusSummary: Codable, Sendable, Equatable {
        public var units: [String: Int]
        public var documents: [String: Int]
        public var matches: [String: Int]
        /// Keyphrases in the most documents' top ten, then by summed score.
        public var keyphrases: [Keyphrase]
        public var sides: [String: CorpusGroup]
        public var roles: [String: CorpusGroup]
        public var taxonomy: String
    }

    public static let defaultTaxonomy = "themes/health-services.json"
    public static let stopwordsPath = "themes/stopwords.en.txt"
    public static let defaultRanker = "themes/keyphrase-ranker.en.json"
    public static let defaultStemmerLanguage = "english"

    public static let description = AnalyserDescription(
        id: "themes", version: "2.0.0", name: "Themes",
        summary:
            "Theme ids from the taxonomy in lexicons/themes (stem-aware multi-word terms, prefixes, exclusions) scored per 100 words; keyphrases (stopword-bounded phrases grouped by Snowball stem, ranked by a logistic model fit on Inspec); per debate side and author role, with distinctive phrases by G².",
        needs: [.tokens, .sentences, .debate],
        lexicons: [defaultTaxonomy, stopwordsPath, defaultRanker],
        examples: [
            AnalyserExample("The CCG's budget is under severe financial pressure.", expect: ["themes[].id": "finance_budgets"], evidence: ["budget"]),
            AnalyserExample("Local GPs feel they have little influence over decisions.", expect: ["themes[].id": "ownership_influence"], evidence: ["influence"]),
            AnalyserExample("Practices were never consulted; PCTs behaved the same way.", expect: ["themes[].id": "predecessor_bodies"], evidence: ["PCTs"]),
            AnalyserExample("To prevent potential conflicts of interest, GPs' role must be regulated.", expect: ["themes[].id": "conflicts_of_interest"], evidence: ["conflicts of interest"]),
            // Stem-aware terms: the taxonomy lists "member practices"; the singular matches too.
            AnalyserExample("Each member practice sends a GP to the locality meeting.", expect: ["themes[].id": "gp_engagement"], evidence: ["member practice"]),
            // Exclusions veto a match they overlap.
            AnalyserExample("She showed us her engagement ring.", expect: ["!themes[].id": "gp_engagement"]),
            AnalyserExample("Clinical commissioning groups need stronger clinical leadership.", expect: ["keyphrases[].text": "Clinical commissioning groups"]),
            // Inflections are one keyphrase, shown in its most frequent form.
            AnalyserExample(
                "Waiting lists keep growing. The waiting list for hip operations is long, and waiting lists for knees longer.",
                expect: ["keyphrases[].text": "Waiting lists", "!keyphrases[].text": "waiting list"]),
        ])

    let taxonomy: ThemeTaxonomy
    let taxonomyPath: String
    let candidates: KeyphraseCandidates
    let ranker: KeyphraseRanker
    let workspaces: ReusePool<ThemesWorkspace>
    let language: String
    let minimumScore: Double

    struct SettingError: Error, CustomStringConvertible {
        var key: String
        var reason: String
        var description: String { "setting themes.\(key): \(reason)" }
    }

    /// The project's stopwords, which bound keyphrase candidates.
    public static func stopwords(in lexicons: LexiconDirectory) throws -> Set<String> {
        Set(try lexicons.lines(stopwordsPath).map { $0.text.lowercased() })
    }

    /// A keyphrase ranker file, relative to the lexicon folder, checked.
    public static func ranker(_ path: String = defaultRanker, in lexicons: LexiconDirectory) throws -> KeyphraseRanker {
        try lexicons.weights(path, as: KeyphraseRanker.self)
    }

    public init(context: AnalyserContext) throws {
        taxonomyPath = context.settings["taxonomy"] ?? Self.defaultTaxonomy
        let language = context.settings["stemmer"] ?? Self.defaultStemmerLanguage
        self.language = language
        let minimum = context.settings["minimum-keyphrase-score"] ?? String(Self.defaultMinimumScore)
        guard let minimumScore = Double(minimum), (0...1).contains(minimumScore) else {
            throw SettingError(key: "minimum-keyphrase-score", reason: "\"\(minimum)\" is not a number from 0 to 1")
        }
        self.minimumScore = minimumScore
        candidates = KeyphraseCandidates(stopwords: try Self.stopwords(in: context.lexicons))
        ranker = try Self.ranker(context.settings["ranker"] ?? Self.defaultRanker, in: context.lexicons)
        let stemmer = try Stemmer(language: language)
        taxonomy = try ThemeTaxonomy(taxonomyPath, lexicons: context.lexicons, candidates: candidates, stemmer: stemmer, tokenizer: try Tokenizer(lexicons: context.lexicons))
        workspaces = ReusePool { ThemesWorkspace(stemmer: try Stemmer(language: language)) }
    }

    /// Runs `body` with `units` segmented by a workspace of this worker's. The language opened at init,
    /// so another stemmer fails to open only when memory runs out; the units are then read unstemmed
    /// rather than lost.
    func withSegmented<T>(_ units: [TokenizedUnit], _ body: (SegmentedText, ThemeTaxonomy.Index) -> T) -> T {
        func run(_ workspace: ThemesWorkspace) -> T {
            let (text, index) = workspace.segment(units, stopwords: candidates.stopwords, taxonomy: taxonomy)
            return body(text, index)
        }
        do { return try workspaces.with(run) } catch { return run(ThemesWorkspace(stemmer: Stemmer.unstemmed(language: language))) }
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        withSegmented([unit]) { text, index in result(of: 0, in: text, index: index) }
    }

    public func summarise(document: TokenizedDocument, results: [UnitResult]) -> DocumentSummary {
        withSegmented(document.units) { text, _ in summary(of: text, results: results) }
    }

    /// Each unit is segmented once for its own result, the document's keyphrases and every group it is
    /// in or set against.
    public func analyse(document: TokenizedDocument) -> (units: [UnitResult], summary: DocumentSummary) {
        withSegmented(document.units) { text, index in
            let results = text.units.indices.map { result(of: $0, in: text, index: index) }
            return (results, summary(of: text, results: results))
        }
    }

    /// Themes, keyphrases and evidence of unit `unitIndex` of `text`.
    func result(of unitIndex: Int, in text: SegmentedText, index: ThemeTaxonomy.Index) -> UnitResult {
        let segmented = text.units[unitIndex]
        let unit = segmented.unit
        let words = ThemeTaxonomy.words(of: segmented)
        var counts: [String: Int] = [:]
        var evidence: [Evidence] = []
        for match in taxonomy.matches(in: words, vocabulary: text.vocabulary, index: index) {
            counts[match.id, default: 0] += 1
            let first = unit.tokens[words[match.start].first]
            let last = unit.tokens[words[match.start + match.length - 1].last]
            evidence.append(Evidence(text: unit.text(from: first, to: last), start: first.start, end: last.end, cue: match.id))
        }
        let wordCount = max(1, words.count)
        let themes = counts.map { ThemeScore(id: $0.key, score: Evidence.rounded(Double($0.value) * 100 / Double(wordCount)), matches: $0.value) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        evidence.sort { $0.start != $1.start ? $0.start < $1.start : $0.cue < $1.cue }
        return UnitResult(themes: themes, keyphrases: keyphrases(of: [unitIndex], in: text, limit: 5), evidence: evidence)
    }

    /// Keyphrases less likely than this are left out of reports (`themes.minimum-keyphrase-score=`): a
    /// short comment's fifth-best phrase is usually a stray verb, not a topic.
    static let defaultMinimumScore = 0.05

    /// The best `limit` keyphrases of units `indices` of `text` read as one text, the unlikely ones left out.
    func keyphrases(of indices: some Collection<Int>, in text: SegmentedText, limit: Int) -> [Keyphrase] {
        let table = candidates.extract(indices, of: text)
        return keyphrases(ranker.rank(table, vocabulary: text.vocabulary, limit: limit, minimumScore: minimumScore), of: table, in: text)
    }

    /// Ranked phrases of `table` as a report shows them.
    func keyphrases(_ ranked: some Sequence<(index: Int, score: Double)>, of table: PhraseTable, in text: SegmentedText) -> [Keyphrase] {
        ranked.map { Keyphrase(text: table.surface(of: $0.index, in: text), score: Evidence.rounded($0.score)) }
    }

    func summary(of text: SegmentedText, results: [UnitResult]) -> DocumentSummary {
        var units: [String: Int] = [:]
        var matches: [String: Int] = [:]
        for result in results {
            for theme in result.themes {
                units[theme.id, default: 0] += 1
                matches[theme.id, default: 0] += theme.matches
            }
        }
        let all = Array(zip(text.units.indices, results))
        let sideGroups = Dictionary(grouping: all.filter { text.units[$0.0].unit.unit.type == .section && text.units[$0.0].unit.unit.side != nil }) {
            text.units[$0.0].unit.unit.side?.rawValue ?? ""
        }
        let roleGroups = Dictionary(grouping: all.filter { text.units[$0.0].unit.unit.role != nil }) { text.units[$0.0].unit.unit.role ?? "" }
        func summaries(_ groups: [String: [(Int, UnitResult)]], againstOtherGroups: Bool) -> [String: GroupSummary] {
            groups.reduce(into: [:]) { summaries, group in
                let members = Set(group.value.map(\.0))
                // A side is set against the other side; a one-sided debate, and a role, against the rest of the document.
                let otherGroups = groups.filter { $0.key != group.key }.flatMap(\.value).map(\.0)
                let others = againstOtherGroups && !otherGroups.isEmpty ? otherGroups : text.units.indices.filter { !members.contains($0) }
                summaries[group.key] = self.group(group.value, against: others, in: text)
            }
        }
        return DocumentSummary(
            units: units, matches: matches, keyphrases: keyphrases(of: text.units.indices, in: text, limit: 10),
            sides: summaries(sideGroups, againstOtherGroups: true), roles: summaries(roleGroups, againstOtherGroups: false))
    }

    /// Most distinctive phrases kept per group.
    static let distinctiveLimit = 10

    func group(_ members: [(unit: Int, result: UnitResult)], against others: [Int], in text: SegmentedText) -> GroupSummary {
        var themes: [String: Int] = [:]
        for (_, result) in members { for theme in result.themes { themes[theme.id, default: 0] += theme.matches } }
        let own = candidates.extract(members.map(\.unit), of: text)
        let (restCounts, restWords) = candidates.counts(others, of: text)
        // Ranked once: the top ten are the group's keyphrases (greedy selection makes them a prefix of the
        // full ranking), and the plausible ones may be distinctive. Only phrases the ranker finds plausible as
        // keyphrases compete: G² alone favours any frequent word ("almost", "October") that one side repeats.
        let ranked = ranker.rank(own, vocabulary: text.vocabulary, limit: own.phrases.count, minimumScore: minimumScore)
        let plausible = Set(ranked.map(\.index))
        let scored = own.phrases.indices.compactMap { index -> (index: Int, g2: Double, other: Int)? in
            let phrase = own.phrases[index]
            let other = restCounts[phrase.key] ?? 0
            guard phrase.count >= 2, plausible.contains(index), let g2 = Self.logLikelihood(phrase.count, own.wordCount, other, restWords) else { return nil }
            return (index, Evidence.rounded(g2), other)
        }.sorted { lhs, rhs in
            if lhs.g2 != rhs.g2 { return lhs.g2 > rhs.g2 }
            let (left, right) = (own.phrases[lhs.index], own.phrases[rhs.index])
            if left.first != right.first { return left.first < right.first }
            return text.vocabulary.key(of: left.key.stems) < text.vocabulary.key(of: right.key.stems)
        }
        var distinctive: [DistinctivePhrase] = []
        var chosen: [[Int32]] = []
        for (index, g2, other) in scored where distinctive.count < Self.distinctiveLimit {
            let phrase = own.phrases[index]
            let stems = phrase.key.distinctStems
            if chosen.contains(where: { SortedStems.nested($0, stems) }) { continue }
            distinctive.append(DistinctivePhrase(text: own.surface(of: index, in: text), count: phrase.count, otherCount: other, g2: g2))
            chosen.append(stems)
        }
        return GroupSummary(units: members.count, themes: themes, keyphrases: keyphrases(ranked.prefix(10), of: own, in: text), distinctive: distinctive)
    }

    /// Dunning's log-likelihood G² of `a` occurrences in `total` words against `b` in `otherTotal`; nil
    /// when the phrase is not more frequent in the first text (only over-use sets a group apart).
    static func logLikelihood(_ a: Int, _ total: Int, _ b: Int, _ otherTotal: Int) -> Double? {
        guard total > 0, a > 0 else { return nil }
        let (a, b, total, otherTotal) = (Double(a), Double(b), Double(total), Double(otherTotal))
        guard otherTotal == 0 || a / total > b / otherTotal else { return nil }
        let expectedA = total * (a + b) / (total + otherTotal)
        let expectedB = otherTotal * (a + b) / (total + otherTotal)
        let termA = a * log(a / expectedA)
        let termB = b > 0 ? b * log(b / expectedB) : 0
        return 2 * (termA + termB)
    }

    public func summarise(corpus: DocumentSummaries<DocumentSummary>) -> CorpusSummary {
        var units: [String: Int] = [:]
        var documents: [String: Int] = [:]
        var matches: [String: Int] = [:]
        // Keyed by a hash of the lowercased phrase: a crawl brings new phrases with nearly every document,
        // and their texts are needed only for the twenty listed (read again in a second pass).
        var phrases: [UInt64: (documents: Int, score: Double)] = [:]
        var sides = GroupMerger()
        var roles = GroupMerger()
        for summary in corpus {
            sides.add(summary.sides)
            roles.add(summary.roles)
            for (id, count) in summary.units {
                units[id, default: 0] += count
                documents[id, default: 0] += 1
            }
            for (id, count) in summary.matches { matches[id, default: 0] += count }
            for phrase in summary.keyphrases {
                let key = Self.phraseKey(phrase.text.lowercased())
                let seen = phrases[key]
                phrases[key] = ((seen?.documents ?? 0) + 1, (seen?.score ?? 0) + phrase.score)
            }
        }
        let keyphrases = Self.topPhrases(phrases, count: 20, corpus: corpus)
        return CorpusSummary(
            units: units, documents: documents, matches: matches, keyphrases: Array(keyphrases), sides: sides.merged,
            roles: roles.merged, taxonomy: taxonomyPath)
    }

    /// The `count` phrases of the most documents, then the highest summed score, then the first in the order
    /// of their lowercased text: the ranking the corpus summary has always had. Only the phrases that can
    /// rank (those at or above the last one's documents and score) get their texts, from a second pass.
    static func topPhrases(
        _ phrases: [UInt64: (documents: Int, score: Double)], count: Int, corpus: DocumentSummaries<DocumentSummary>
    ) -> [Keyphrase] {
        let ranked = phrases.sorted { lhs, rhs in
            lhs.value.documents != rhs.value.documents ? lhs.value.documents > rhs.value.documents : lhs.value.score > rhs.value.score
        }
        guard !ranked.isEmpty else { return [] }
        let last = ranked[min(count, ranked.count) - 1].value
        let candidates = ranked.prefix { $0.value.documents > last.documents || ($0.value.documents == last.documents && $0.value.score >= last.score) }
        var wanted = Dictionary(uniqueKeysWithValues: candidates.map { ($0.key, $0.value) })
        var found: [(key: String, text: String, documents: Int, score: Double)] = []
        for summary in corpus where !wanted.isEmpty {
            for phrase in summary.keyphrases {
                let lowered = phrase.text.lowercased()
                guard let value = wanted.removeValue(forKey: Self.phraseKey(lowered)) else { continue }
                found.append((lowered, phrase.text, value.documents, value.score))
            }
        }
        return found.sorted { lhs, rhs in
            lhs.documents != rhs.documents ? lhs.documents > rhs.documents : lhs.score != rhs.score ? lhs.score > rhs.score : lhs.key < rhs.key
        }.prefix(count).map { Keyphrase(text: $0.text, score: Evidence.rounded($0.score)) }
    }

    /// FNV-1a over the UTF-8: the same in every run, shard and merge.
    static func phraseKey(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// Groups of the same name across documents: theme counts summed; distinctive phrases ranked by the
    /// number of documents in which they set the group apart, then by summed G².
    static func merge(_ groups: [[String: GroupSummary]]) -> [String: CorpusGroup] {
        var merger = GroupMerger()
        for document in groups { merger.add(document) }
        return merger.merged
    }
}

/// `ThemesAnalyser.merge` a document at a time, so the corpus summary reads each document's groups once.
extension ThemesAnalyser {
    struct GroupMerger {
        private var groups: [String: CorpusGroup] = [:]
        private var phrases: [String: [String: (phrase: DistinctivePhrase, documents: Int)]] = [:]

        mutating func add(_ document: [String: GroupSummary]) {
            for (name, group) in document {
                var entry = groups[name] ?? CorpusGroup(units: 0, documents: 0, themes: [:], distinctive: [])
                entry.units += group.units
                entry.documents += 1
                for (id, count) in group.themes { entry.themes[id, default: 0] += count }
                groups[name] = entry
                for phrase in group.distinctive {
                    let key = phrase.text.lowercased()
                    if let seen = phrases[name]?[key] {
                        let sum = DistinctivePhrase(
                            text: seen.phrase.text, count: seen.phrase.count + phrase.count, otherCount: seen.phrase.otherCount + phrase.otherCount,
                            g2: Evidence.rounded(seen.phrase.g2 + phrase.g2))
                        phrases[name, default: [:]][key] = (sum, seen.documents + 1)
                    } else {
                        phrases[name, default: [:]][key] = (phrase, 1)
                    }
                }
            }
        }

        var merged: [String: CorpusGroup] {
            var merged = groups
            for name in merged.keys {
                merged[name]?.distinctive = (phrases[name] ?? [:]).sorted { lhs, rhs in
                    lhs.value.documents != rhs.value.documents ? lhs.value.documents > rhs.value.documents : lhs.value.phrase.g2 != rhs.value.phrase.g2 ? lhs.value.phrase.g2 > rhs.value.phrase.g2 : lhs.key < rhs.key
                }.prefix(20).map(\.value.phrase)
            }
            return merged
        }
    }
}
