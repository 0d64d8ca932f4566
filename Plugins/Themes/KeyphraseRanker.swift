import CCGLearn
import CCGModel
import Foundation

/// Orders a text's keyphrase candidates by the log-odds that a person would list them as keyphrases: a
/// logistic model over facts about each candidate in its own text (frequency, first position, spread,
/// title, length, standing alone between stopwords, its words' own frequency, capitals).
///
/// The weights are data, not code: `lexicons/themes/keyphrase-ranker.en.json`, written by
/// `ccgtext train keyphrases` (the file names its data and command). The features describe a phrase's
/// place in its text, never its words, so a ranker fitted on one field's abstracts carries to another's
/// commentary; the words a project cares about belong in its theme taxonomy instead.
public struct KeyphraseRanker: WeightsFile, Codable, Sendable, Equatable {
    public static let formatName = "ccgtext-keyphrase-ranker"
    public static let currentVersion = 1
    /// Feature names, in value order; a file with another list is refused.
    public static let featureNames = [
        "log-count", "first-position", "spread", "in-first-sentence", "one-word", "two-words", "three-words", "four-or-more-words",
        "whole-run-share", "whole-run", "mean-log-word-count", "min-log-word-count", "capitalised-share",
    ]

    public static let kind = "keyphrase ranker"

    public var format: String
    public var version: Int
    /// Where the weights come from: data, split, the command.
    public var source: String
    public var licence: String
    public var features: [String]
    public var weights: [Double]
    public var bias: Double
    public var cost: Double
    public var examples: Int
    /// A candidate sharing at least this share of its stems with a better one already chosen is skipped,
    /// so a top ten is not ten variants of one phrase ("ship control", "safe ship control").
    public var maximumOverlap: Double

    /// Checks the header (`WeightsFile`) and the overlap bound before the file is used.
    public func validated() throws -> KeyphraseRanker {
        try checkHeader()
        guard (0...1).contains(maximumOverlap) else {
            throw IncompatibleWeights(kind: Self.kind, reason: "maximumOverlap \(maximumOverlap) is not between 0 and 1")
        }
        return self
    }

    /// The feature values of `candidate` in a text of `wordCount` words, in `featureNames` order.
    public static func values(of candidate: KeyphraseCandidate, wordCount: Int) -> [Double] {
        let total = Double(max(1, wordCount))
        let count = Double(max(1, candidate.count))
        let logWordCounts = candidate.wordCounts.map { log1p(Double($0)) }
        return [
            log1p(Double(candidate.count)),
            Double(candidate.first) / total,
            Double(candidate.last - candidate.first) / total,
            candidate.inFirstSentence ? 1 : 0,
            candidate.words == 1 ? 1 : 0,
            candidate.words == 2 ? 1 : 0,
            candidate.words == 3 ? 1 : 0,
            candidate.words >= 4 ? 1 : 0,
            Double(candidate.wholeRuns) / count,
            candidate.wholeRuns > 0 ? 1 : 0,
            logWordCounts.isEmpty ? 0 : logWordCounts.reduce(0, +) / Double(logWordCounts.count),
            logWordCounts.min() ?? 0,
            Double(candidate.capitalised) / count,
        ]
    }

    /// The log-odds that `candidate` is a keyphrase of its text: `values(of:)` weighed, computed in place
    /// because every candidate of every text passes here.
    public func logOdds(of candidate: KeyphraseCandidate, wordCount: Int) -> Double {
        logOdds(
            count: candidate.count, first: candidate.first, last: candidate.last, inFirstSentence: candidate.inFirstSentence, words: candidate.words,
            wholeRuns: candidate.wholeRuns, capitalised: candidate.capitalised, wordCounts: candidate.wordCounts, wordCount: wordCount)
    }

    /// The log-odds of a phrase of `table`, as `logOdds(of:wordCount:)` gives for its candidate.
    func logOdds(of phrase: PhraseTable.Phrase, in table: PhraseTable) -> Double {
        logOdds(
            count: phrase.count, first: phrase.first, last: phrase.last, inFirstSentence: phrase.inFirstSentence, words: phrase.key.count,
            wholeRuns: phrase.wholeRuns, capitalised: phrase.capitalised, wordCounts: phrase.key.stems.lazy.map { table.stemCounts[$0] ?? 0 },
            wordCount: table.wordCount)
    }

    private func logOdds(
        count candidateCount: Int, first: Int, last: Int, inFirstSentence: Bool, words length: Int, wholeRuns: Int, capitalised: Int,
        wordCounts: some Sequence<Int>, wordCount: Int
    ) -> Double {
        let total = Double(max(1, wordCount))
        let count = Double(max(1, candidateCount))
        var sumLog = 0.0
        var minLog = Double.infinity
        var words = 0
        for wordCount in wordCounts {
            let value = log1p(Double(wordCount))
            sumLog += value
            minLog = min(minLog, value)
            words += 1
        }
        var odds = bias
        odds += weights[0] * log1p(Double(candidateCount))
        odds += weights[1] * Double(first) / total
        odds += weights[2] * Double(last - first) / total
        odds += inFirstSentence ? weights[3] : 0
        odds += length == 1 ? weights[4] : length == 2 ? weights[5] : length == 3 ? weights[6] : weights[7]
        odds += weights[8] * Double(wholeRuns) / count
        odds += wholeRuns > 0 ? weights[9] : 0
        odds += words == 0 ? 0 : weights[10] * sumLog / Double(words) + weights[11] * minLog
        odds += weights[12] * Double(capitalised) / count
        return odds
    }

    /// The best `limit` candidates, each with its probability of being a keyphrase, best first; ties go
    /// to the earlier phrase, then the key, so the order never depends on hashing.
    public func rank(_ candidates: [KeyphraseCandidate], wordCount: Int, limit: Int) -> [(candidate: KeyphraseCandidate, score: Double)] {
        // Stems numbered for the overlap test, as the analyser's phrases are; only the candidates the
        // selection reaches are split.
        var numbers: [Substring: Int32] = [:]
        func stems(_ index: Int) -> [Int32] {
            Set(candidates[index].key.split(separator: " ")).map { stem in
                if let known = numbers[stem] { return known }
                let number = Int32(numbers.count)
                numbers[stem] = number
                return number
            }.sorted()
        }
        return select(
            odds: candidates.map { logOdds(of: $0, wordCount: wordCount) }, first: { candidates[$0].first }, key: { candidates[$0].key },
            stems: stems, limit: limit, minimumScore: 0
        ).map { (candidates[$0.index], $0.score) }
    }

    /// The phrases of `table` ranked as `rank(_:wordCount:limit:)` ranks candidates, stopping at `limit` or
    /// at the first below `minimumScore` (the order is by score, so none after it would be kept).
    func rank(_ table: PhraseTable, vocabulary: WordVocabulary, limit: Int, minimumScore: Double) -> [(index: Int, score: Double)] {
        select(
            odds: table.phrases.map { logOdds(of: $0, in: table) }, first: { table.phrases[$0].first },
            key: { vocabulary.key(of: table.phrases[$0].key.stems) }, stems: { table.phrases[$0].key.distinctStems }, limit: limit,
            minimumScore: minimumScore)
    }

    /// Candidates by log-odds, then first position, then key (made only to break a tie); each kept unless
    /// it shares `maximumOverlap` of its distinct stems (sorted) with one kept before.
    private func select(
        odds: [Double], first: (Int) -> Int, key: (Int) -> String, stems: (Int) -> [Int32], limit: Int, minimumScore: Double
    ) -> [(index: Int, score: Double)] {
        // Only candidates at or above the minimum can be kept, and most of a text's are below it: they are
        // left out before sorting.
        let scores = odds.map { 1 / (1 + Foundation.exp(-$0)) }
        let order = odds.indices.filter { scores[$0] >= minimumScore }.sorted { lhs, rhs in
            if odds[lhs] != odds[rhs] { return odds[lhs] > odds[rhs] }
            if first(lhs) != first(rhs) { return first(lhs) < first(rhs) }
            return key(lhs) < key(rhs)
        }
        var chosen: [(index: Int, score: Double)] = []
        var chosenStems: [[Int32]] = []
        for index in order {
            if chosen.count >= limit { break }
            let score = scores[index]
            let candidateStems = stems(index)
            let overlaps = chosenStems.contains { other in
                let shared = SortedStems.sharedCount(candidateStems, other)
                return Double(shared) / Double(max(1, candidateStems.count + other.count - shared)) >= maximumOverlap
            }
            if overlaps { continue }
            chosen.append((index, score))
            chosenStems.append(candidateStems)
        }
        return chosen
    }

    /// One text's candidates with, for each, whether a person listed it.
    public struct Example: Sendable {
        public var candidates: [KeyphraseCandidate]
        public var wordCount: Int
        public var keys: Set<String>
        public init(candidates: [KeyphraseCandidate], wordCount: Int, keys: Set<String>) {
            self.candidates = candidates
            self.wordCount = wordCount
            self.keys = keys
        }
    }

    /// Fits the weights by L2-regularised logistic regression (liblinear): every candidate of every text is
    /// an example, positive when its key is among the text's gold keys.
    public static func fit(_ examples: [Example], cost: Double, maximumOverlap: Double, source: String, licence: String) throws -> KeyphraseRanker {
        var rows: [[Double]] = []
        var listed: [Bool] = []
        for example in examples {
            for candidate in example.candidates {
                rows.append(values(of: candidate, wordCount: example.wordCount))
                listed.append(example.keys.contains(candidate.key))
            }
        }
        let (weights, bias) = try LinearModel.logOdds(rows: rows, positive: listed, featureCount: featureNames.count, cost: cost)
        return KeyphraseRanker(
            format: formatName, version: currentVersion, source: source, licence: licence, features: featureNames, weights: weights,
            bias: bias, cost: cost, examples: rows.count, maximumOverlap: maximumOverlap)
    }
}
