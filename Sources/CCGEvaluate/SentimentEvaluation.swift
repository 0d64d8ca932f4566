import CCGModel
import CCGTokenize
import Dispatch
import Foundation
import SentimentAnalyser

/// Scores sentiment against human gold: Pearson r against numeric ratings (the ICWSM-2014 sets' mean of
/// ~20 raters), and macro-recall, macro-F1, accuracy and a confusion matrix against labels (TweetEval).
/// The texts are scored by ccgtext's sentiment engine, or another tool's scores are read from a file, so
/// both tools are measured by the same code.
public struct SentimentEvaluation: Sendable {
    /// One rated text.
    public struct Item: Sendable, Equatable {
        public var id: String
        public var text: String
        /// A numeric rating (any scale; only its correlation is measured).
        public var rating: Double?
        /// "negative", "neutral" or "positive".
        public var label: String?

        public init(id: String, text: String, rating: Double? = nil, label: String? = nil) {
            self.id = id
            self.text = text
            self.rating = rating
            self.label = label
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        /// `ID<TAB>MEAN<TAB>TEXT` per line (the VADER ICWSM-2014 `*_GroundTruth.txt` files).
        case icwsm
        /// TweetEval: `<split>_text.txt`, one tweet per line, with `<split>_labels.txt` and `mapping.txt` beside it.
        case tweeteval
        /// A header row naming the columns `text` and `score` and/or `label` (optional `id`), tab-separated.
        case tsv
        /// The comment sentiment set's ids and labels (`Plugins/Sentiment/CommentSet/labels.tsv`), texts read
        /// from the benchmark folder (`CommentSentimentSet`).
        case commentSet = "comment-set"

        /// The format a file's name suggests; for `labelled` data (training), any other name is a tsv file,
        /// since ICWSM's files have ratings, not labels.
        public static func guess(_ path: String, labelled: Bool = false) -> Format {
            if path.hasSuffix("_text.txt") { return .tweeteval }
            if path.hasSuffix("CommentSet/labels.tsv") { return .commentSet }
            return labelled || path.lowercased().hasSuffix(".tsv") ? .tsv : .icwsm
        }
    }

    public static let labels = ["negative", "neutral", "positive"]

    public struct Classification: Sendable {
        public var accuracy: Double
        public var macroRecall: Double
        public var macroF1: Double
        /// Rows are gold labels, columns predicted labels, both in `labels` order.
        public var confusion: [[Int]]
        public var recall: [Double]
    }

    public var items: Int
    public var pearson: Double?
    public var classification: Classification?
    /// Median texts per second over the repeats, one thread (ccgtext's own scoring only).
    public var textsPerSecond: Double?
    /// Each item's score and label, in gold order.
    public var scores: [(id: String, score: Double, label: String)]

    // MARK: Gold

    /// The items of a gold file; `benchmarks` is where the comment set's texts are read from.
    public static func load(_ path: String, format: Format, benchmarks: String = "../shared/benchmarks") throws -> [Item] {
        switch format {
        case .commentSet:
            return try CommentSentimentSet.load(path, benchmarks: benchmarks)
        case .icwsm:
            return try lines(path).enumerated().compactMap { offset, line in
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                if line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
                guard fields.count == 3, let rating = Double(fields[1]) else {
                    throw EvaluationInputError.malformed(path, "line \(offset + 1): expected ID<TAB>MEAN<TAB>TEXT")
                }
                return Item(id: String(fields[0]), text: String(fields[2]), rating: rating)
            }
        case .tweeteval:
            let url = URL(fileURLWithPath: path)
            let name = url.lastPathComponent
            guard name.hasSuffix("_text.txt") else {
                throw EvaluationInputError.malformed(path, "give the <split>_text.txt file; its labels are read from <split>_labels.txt beside it")
            }
            let labelsPath = url.deletingLastPathComponent().appendingPathComponent(name.replacingOccurrences(of: "_text.txt", with: "_labels.txt")).path
            let mappingPath = url.deletingLastPathComponent().appendingPathComponent("mapping.txt").path
            var mapping: [String: String] = [:]
            for line in try lines(mappingPath) {
                let fields = line.split(separator: "\t")
                if fields.count == 2 { mapping[String(fields[0])] = String(fields[1]).trimmingCharacters(in: .whitespaces) }
            }
            let texts = try lines(path)
            let labels = try lines(labelsPath).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            guard texts.count >= labels.count else { throw EvaluationInputError.malformed(path, "\(texts.count) texts but \(labels.count) labels") }
            return try labels.enumerated().map { index, raw in
                let code = raw.trimmingCharacters(in: .whitespaces)
                guard let label = mapping[code], Self.labels.contains(label) else {
                    throw EvaluationInputError.malformed(labelsPath, "line \(index + 1): label \"\(code)\" is not in mapping.txt as negative/neutral/positive")
                }
                return Item(id: String(index + 1), text: texts[index], label: label)
            }
        case .tsv:
            let table = try HeaderedTSV(path)
            guard let textColumn = table.column("text") else { throw EvaluationInputError.malformed(path, "the header row has no \"text\" column") }
            let scoreColumn = table.column("score")
            let labelColumn = table.column("label")
            guard scoreColumn != nil || labelColumn != nil else { throw EvaluationInputError.malformed(path, "the header row needs a \"score\" or a \"label\" column") }
            let idColumn = table.column("id")
            return try table.map { fields, line in
                var item = Item(id: idColumn.map { fields[$0] } ?? String(line), text: fields[textColumn])
                if let scoreColumn {
                    guard let rating = Double(fields[scoreColumn].trimmingCharacters(in: .whitespaces)) else {
                        throw EvaluationInputError.malformed(path, "line \(line): score \"\(fields[scoreColumn])\" is not a number")
                    }
                    item.rating = rating
                }
                if let labelColumn {
                    let label = fields[labelColumn].trimmingCharacters(in: .whitespaces).lowercased()
                    guard Self.labels.contains(label) else { throw EvaluationInputError.malformed(path, "line \(line): label \"\(label)\" is not negative, neutral or positive") }
                    item.label = label
                }
                return item
            }
        }
    }

    /// Lines of a UTF-8 file (BOM dropped), split on LF or CRLF, trailing empty line dropped.
    static func lines(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvaluationInputError.unreadable(path, "no such file or not readable") }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // "\r\n" is one Character in Swift: split on both, or a CRLF file is one line.
        var result = String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map(String.init)
        if result.last?.isEmpty == true { result.removeLast() }
        return result
    }

    /// Another tool's scores: `ID<TAB>SCORE` per line.
    public static func loadScores(_ path: String) throws -> [String: Double] {
        var scores: [String: Double] = [:]
        for (offset, line) in try lines(path).enumerated() where !line.isEmpty {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let score = Double(fields[1]) else { throw EvaluationInputError.malformed(path, "line \(offset + 1): expected ID<TAB>SCORE") }
            scores[String(fields[0])] = score
        }
        return scores
    }

    // MARK: Scoring

    /// ccgtext's engine over every item, `repeats` times on one thread (tokenizing included, as a user's run
    /// would); the median rate is reported.
    /// With `labelModel`, it gives the labels instead of the engine's thresholds (its features are worked out
    /// inside the timed loop).
    public static func run(
        _ items: [Item], engine: SentimentEngine, tokenizer: Tokenizer, repeats: Int, labelModel: SentimentLabelModel? = nil
    ) -> SentimentEvaluation {
        var scores: [(id: String, score: Double, label: String)] = []
        var rates: [Double] = []
        for round in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            var roundScores: [(String, Double, String)] = []
            roundScores.reserveCapacity(items.count)
            for item in items {
                let unit = tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: item.text))
                let scored = engine.score(unit: unit)
                let score = Evidence.rounded(scored.score)
                let label = labelModel?.label(of: unit, scored: scored) ?? engine.label(for: score)
                roundScores.append((item.id, score, label))
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rates.append(Double(items.count) / max(seconds, 1e-9))
            if round == 0 { scores = roundScores }
        }
        var evaluation = score(items, scores: scores)
        evaluation.textsPerSecond = rates.sorted()[rates.count / 2]
        return evaluation
    }

    /// Each labelled item's label-model features (`SentimentLabelModel.features`) and gold label, for
    /// `SentimentLabelModel.fit`; items without a label are left out.
    public static func labelExamples(_ items: [Item], engine: SentimentEngine, tokenizer: Tokenizer) -> [(features: [Double], label: String)] {
        items.compactMap { item in
            guard let label = item.label else { return nil }
            let unit = tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: item.text))
            return (SentimentLabelModel.features(of: unit, scored: engine.score(unit: unit)), label)
        }
    }

    /// Scores read from elsewhere, labelled by the thresholds given.
    public static func score(_ items: [Item], predicted: [String: Double], positive: Double, negative: Double) -> SentimentEvaluation {
        let scores = items.map { item -> (id: String, score: Double, label: String) in
            let score = predicted[item.id] ?? 0
            return (item.id, score, score >= positive ? "positive" : score <= negative ? "negative" : "neutral")
        }
        return score(items, scores: scores)
    }

    static func score(_ items: [Item], scores: [(id: String, score: Double, label: String)]) -> SentimentEvaluation {
        let rated = zip(items, scores).compactMap { item, score in item.rating.map { ($0, score.score) } }
        let labelled = zip(items, scores).compactMap { item, score in item.label.map { ($0, score.label) } }
        return SentimentEvaluation(
            items: items.count, pearson: rated.isEmpty ? nil : pearson(rated.map(\.0), rated.map(\.1)),
            classification: labelled.isEmpty ? nil : classify(labelled), textsPerSecond: nil, scores: scores)
    }

    /// Pearson's r; 0 when either side is constant.
    public static func pearson(_ xs: [Double], _ ys: [Double]) -> Double {
        let count = Double(xs.count)
        guard count > 1 else { return 0 }
        let meanX = xs.reduce(0, +) / count
        let meanY = ys.reduce(0, +) / count
        var covariance = 0.0
        var varianceX = 0.0
        var varianceY = 0.0
        for (x, y) in zip(xs, ys) {
            covariance += (x - meanX) * (y - meanY)
            varianceX += (x - meanX) * (x - meanX)
            varianceY += (y - meanY) * (y - meanY)
        }
        guard varianceX > 0, varianceY > 0 else { return 0 }
        return covariance / (varianceX * varianceY).squareRoot()
    }

    static func classify(_ pairs: [(gold: String, predicted: String)]) -> Classification {
        let table = ConfusionTable(labels: labels, pairs: pairs)
        return Classification(
            accuracy: table.accuracy, macroRecall: table.macroRecall, macroF1: table.macroF1, confusion: table.confusion, recall: table.recall)
    }
}
