import CCGModel
import CCGTokenize
import Foundation
import ThemesAnalyser

/// Keyphrase extraction scored against the phrases people listed: precision, recall and F1 at k, matching
/// a phrase to a gold phrase when their stems are the same word for word, macro-averaged over documents.
public struct KeyphraseEvaluation: Sendable {
    /// A document and the keyphrases a person gave it.
    public struct Item: Sendable, Equatable {
        public var id: String
        public var text: String
        public var keyphrases: [String]
        public init(id: String, text: String, keyphrases: [String]) {
            self.id = id
            self.text = text
            self.keyphrases = keyphrases
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        /// Inspec as `../shared/benchmarks/inspec_hulth2003` holds it: JSON Lines with `id`, `abstr` and
        /// `uncontr` (the uncontrolled keys, the ones Hulth's experiments use).
        case inspec
        /// A header row naming the columns `text` and `keyphrases` (separated by `;`), optionally `id`.
        case tsv
    }

    /// How the figures were made, printed with them: results vary with stemming, k and the key set.
    public static func protocolDescription(k: Int) -> String {
        "top \(k) phrases per document after removing phrases whose stems repeat an earlier one; a phrase matches a gold "
            + "phrase when their Snowball (english) stems are equal word for word, words split as ccgtext's tokenizer splits "
            + "them; precision = matches / phrases returned (at most \(k)), recall = matches / distinct gold phrases (all of "
            + "them, including those absent from the text); F1 per document, then each figure averaged over documents"
    }

    public var documents: Int
    public var k: Int
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// Documents per second on one thread (tokenizing, candidates and ranking), median of the rounds.
    public var documentsPerSecond: Double?
    /// The phrases each document got, in order (ccgtext's, or the ones read from a predictions file).
    public var predictions: [(id: String, phrases: [String])]

    // MARK: Reading

    public static func load(_ path: String, format: Format) throws -> [Item] {
        switch format {
        case .inspec:
            struct Record: Decodable {
                var id: String
                var abstr: String
                var uncontr: [String]
            }
            return try SentimentEvaluation.lines(path).enumerated().compactMap { offset, line in
                if line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
                do {
                    let record = try JSONDecoder().decode(Record.self, from: Data(line.utf8))
                    return Item(id: record.id, text: record.abstr, keyphrases: record.uncontr)
                } catch {
                    throw EvaluationInputError.malformed(path, "line \(offset + 1): expected a JSON object with id, abstr and uncontr")
                }
            }
        case .tsv:
            let table = try HeaderedTSV(path)
            guard let textColumn = table.column("text"), let keysColumn = table.column("keyphrases") else {
                throw EvaluationInputError.malformed(path, "line 1: expected a header naming the columns text and keyphrases")
            }
            let idColumn = table.column("id")
            return try table.map { fields, line in
                let keys = fields[keysColumn].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return Item(id: idColumn.map { fields[$0] } ?? String(line), text: fields[textColumn], keyphrases: keys)
            }
        }
    }

    /// Another tool's phrases: `ID<TAB>phrase; phrase; …` per line, best first.
    public static func loadPredictions(_ path: String) throws -> [String: [String]] {
        var predictions: [String: [String]] = [:]
        for (offset, line) in try SentimentEvaluation.lines(path).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw EvaluationInputError.malformed(path, "line \(offset + 1): expected ID<TAB>phrase; phrase; …") }
            predictions[String(fields[0])] = fields[1].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return predictions
    }

    // MARK: Running

    /// What ccgtext needs to find and match phrases: one thread's tokenizer and stemmer.
    public struct Tools {
        public var tokenizer: Tokenizer
        public var stemmer: Stemmer
        public var candidates: KeyphraseCandidates
        public init(tokenizer: Tokenizer, stemmer: Stemmer, candidates: KeyphraseCandidates) {
            self.tokenizer = tokenizer
            self.stemmer = stemmer
            self.candidates = candidates
        }

        func tokenize(_ text: String) -> TokenizedUnit { tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: text)) }

        /// The distinct keys of `phrases`, in order.
        func keys(_ phrases: [String]) -> [String] {
            var seen = Set<String>()
            return phrases.compactMap { candidates.key(of: tokenize($0), stemmer: stemmer) }.filter { seen.insert($0).inserted }
        }
    }

    /// Every item's candidates and gold keys: what `ccgtext train keyphrases` fits the ranker on.
    public static func examples(_ items: [Item], tools: Tools) -> [KeyphraseRanker.Example] {
        items.map { item in
            let (candidates, wordCount) = tools.candidates.extract(from: [tools.tokenize(item.text)], stemmer: tools.stemmer)
            return KeyphraseRanker.Example(candidates: candidates, wordCount: wordCount, keys: Set(tools.keys(item.keyphrases)))
        }
    }

    /// ccgtext's top `k` for every item, `repeats` times on one thread; the median rate is reported.
    public static func run(_ items: [Item], ranker: KeyphraseRanker, tools: Tools, k: Int, repeats: Int) -> KeyphraseEvaluation {
        var predictions: [(id: String, phrases: [String])] = []
        var rates: [Double] = []
        for round in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            var roundPredictions: [(id: String, phrases: [String])] = []
            roundPredictions.reserveCapacity(items.count)
            for item in items {
                let (candidates, wordCount) = tools.candidates.extract(from: [tools.tokenize(item.text)], stemmer: tools.stemmer)
                let ranked = ranker.rank(candidates, wordCount: wordCount, limit: k)
                roundPredictions.append((item.id, ranked.map(\.candidate.surface)))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rates.append(Double(items.count) / max(seconds, 1e-9))
            if round == 0 { predictions = roundPredictions }
        }
        var evaluation = score(items, predictions: Dictionary(predictions.map { ($0.id, $0.phrases) }, uniquingKeysWith: { first, _ in first }), tools: tools, k: k)
        evaluation.documentsPerSecond = rates.sorted()[rates.count / 2]
        return evaluation
    }

    /// Scores phrases from anywhere (ccgtext's or another tool's) by the protocol above; an item with no
    /// predictions scores zero.
    public static func score(_ items: [Item], predictions: [String: [String]], tools: Tools, k: Int) -> KeyphraseEvaluation {
        var precision = 0.0
        var recall = 0.0
        var f1 = 0.0
        var kept: [(id: String, phrases: [String])] = []
        for item in items {
            let phrases = predictions[item.id] ?? []
            let gold = Set(tools.keys(item.keyphrases))
            let predicted = Array(tools.keys(phrases).prefix(k))
            kept.append((item.id, phrases))
            let matches = Double(predicted.filter(gold.contains).count)
            let p = predicted.isEmpty ? 0 : matches / Double(predicted.count)
            let r = gold.isEmpty ? 0 : matches / Double(gold.count)
            precision += p
            recall += r
            f1 += p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        let n = Double(max(1, items.count))
        return KeyphraseEvaluation(documents: items.count, k: k, precision: precision / n, recall: recall / n, f1: f1 / n, documentsPerSecond: nil, predictions: kept)
    }
}
