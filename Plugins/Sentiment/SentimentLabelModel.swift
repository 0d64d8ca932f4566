import CCGLearn
import CCGModel
import Foundation

/// Labels learnt from a researcher's labelled data instead of two thresholds on the score.
///
/// The score is a good ranking of how positive a text is. A label, though, means what its annotators meant.
/// In TweetEval, "neutral" covers news headlines, announcements and questions that use polar words
/// ("Chris Jericho talks Ryback winning the title on Sunday"). No threshold on the score separates those
/// from praise of the same strength. How much wording there is on each side, and what kind of text it is
/// (a question, a headline with a colon, a link), does separate them.
///
/// The model is a three-class logistic regression (liblinear; each class against the rest, both sides of
/// each problem weighted alike, `LinearModel.oneVersusRest`). It is fit by `ccgtext train
/// sentiment-labels` and used through the `sentiment.labels` setting (`eval sentiment --labels`). It
/// changes labels only: scores, evidence and everything read from the score stay as the rules made them.
/// The file is data: it names its data, its command, and the cross-validated figure for each C it tried.
public struct SentimentLabelModel: Codable, Sendable, Equatable {
    public static let formatName = "ccgtext-sentiment-labels"
    public static let currentVersion = 1
    public static let kind = "sentiment label model"
    /// Feature names, in value order: the rules' reading of the text and its form; a file with another list
    /// is refused.
    public static let featureNames = [
        "score", "positive-wording", "negative-wording", "words", "questions", "exclamations", "headline-colon", "link",
        "lowest-sentence", "highest-sentence", "polar-sentences", "numbers",
    ]
    public static let labelNames = ["negative", "neutral", "positive"]
    /// The C values `fit` chooses from by cross-validation.
    public static let costs = [0.03, 0.1, 0.3, 1, 3]
    /// Folds for choosing C: item i is held out in fold i mod 5, so the same data always splits alike.
    public static let folds = 5

    public var format: String
    public var version: Int
    /// Where the model comes from: data, split, the command.
    public var source: String
    public var licence: String
    public var features: [String]
    public var labels: [String]
    /// One row per label, one weight per feature.
    public var weights: [[Double]]
    public var bias: [Double]
    public var cost: Double
    public var examples: Int
    /// Mean macro-recall over the folds, for each C tried (keys are C as written).
    public var crossValidation: [String: Double]

    /// The model labels come from unless a user picks one: fit on labelled reader comments and tweets
    /// together (docs/sentiment.md), relative to the lexicon folder.
    public static let defaultPath = "sentiment/labels-comments.en.json"

    /// The model a `labels` setting names: nil (not set) is the default model, "none" the thresholds alone,
    /// anything else a file.
    public static func chosen(_ setting: String?, lexicons: LexiconDirectory) throws -> SentimentLabelModel? {
        switch setting {
        case "none": return nil
        case nil: return try load(lexicons.root.appendingPathComponent(defaultPath).path)
        case let path?: return try load(path)
        }
    }

    /// Reads and checks a file written by `fit`.
    public static func load(_ path: String) throws -> SentimentLabelModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IncompatibleWeights(kind: kind, reason: "\(path): no such file or not readable")
        }
        let model: SentimentLabelModel
        do {
            model = try JSONDecoder().decode(SentimentLabelModel.self, from: data)
        } catch {
            throw IncompatibleWeights(kind: kind, reason: "\(path): not a \(formatName) file (\(error.localizedDescription))")
        }
        try model.check(path: path)
        return model
    }

    func check(path: String) throws {
        func refuse(_ reason: String) -> IncompatibleWeights { IncompatibleWeights(kind: Self.kind, reason: "\(path): \(reason)") }
        guard format == Self.formatName else { throw refuse("format \"\(format)\" is not \(Self.formatName)") }
        guard version == Self.currentVersion else { throw refuse("version \(version); this build reads \(Self.currentVersion)") }
        guard features == Self.featureNames else { throw refuse("features \(features); this build computes \(Self.featureNames)") }
        guard !labels.isEmpty, labels.allSatisfy(Self.labelNames.contains), weights.count == labels.count, bias.count == labels.count,
            weights.allSatisfy({ $0.count == features.count })
        else { throw refuse("\(labels.count) labels with \(weights.count) weight rows and \(bias.count) biases over \(features.count) features") }
    }

    // MARK: Features

    /// The model's inputs for one scored unit. Wording is the sum of the word values the rules gave (after
    /// negation, boosters, contrast), each side on its own and log-scaled, so that "good but awful" is
    /// not read as calm. Counts stop at three: the fourth "!" says nothing new.
    public static func features(of unit: TokenizedUnit, scored: SentimentEngine.UnitScore) -> [Double] {
        var positive = 0.0
        var negative = 0.0
        for sentence in scored.sentences {
            for item in sentence.evidence {
                guard let weight = item.weight else { continue }
                if weight > 0 { positive += weight } else { negative -= weight }
            }
        }
        var words = 0
        var numbers = 0
        var questions = 0
        var exclamations = 0
        var headlineColon = 0.0
        var link = 0.0
        for (index, token) in unit.tokens.enumerated() {
            switch token.kind {
            case .word:
                words += 1
            case .number:
                words += 1
                numbers += 1
            case .url:
                link = 1
            case .punctuation:
                for scalar in token.text.unicodeScalars {
                    if scalar == "?" { questions += 1 } else if scalar == "!" { exclamations += 1 }
                }
                // "Dark Souls 3 launch date confirmed: embrace the darkness", "Read about the alumnae: ": a
                // colon with a space after it (the tokenizer leaves spaces out, so the next token starts
                // further on, or the text goes on past the last token). Times ("10:30") and links do not count.
                if token.text == ":" {
                    let spaced = index + 1 < unit.tokens.count ? unit.tokens[index + 1].utf8Start > token.utf8End : token.utf8End < unit.unit.text.utf8.count
                    if spaced { headlineColon = 1 }
                }
            default:
                break
            }
        }
        // The strongest sentence on each side, and how many sentences are polar at all: a long argument with
        // one bitter sentence is not a calm one, and an explanation whose sentences carry no valence is neutral.
        var lowest = 0.0
        var highest = 0.0
        var polar = 0
        for sentence in scored.sentences {
            lowest = min(lowest, sentence.score)
            highest = max(highest, sentence.score)
            if sentence.valence != 0 { polar += 1 }
        }
        return [
            Evidence.rounded(scored.score), log(1 + positive), log(1 + negative), log(1 + Double(words)),
            Double(min(questions, 3)), Double(min(exclamations, 3)), headlineColon, link,
            Evidence.rounded(lowest), Evidence.rounded(highest), Double(polar) / Double(max(1, scored.sentences.count)), log(1 + Double(numbers)),
        ]
    }

    /// The label for a unit the engine has scored: `label(for:)` of its `features`.
    public func label(of unit: TokenizedUnit, scored: SentimentEngine.UnitScore) -> String {
        label(for: Self.features(of: unit, scored: scored))
    }

    /// The label with the highest decision value (the first in `labels` on a tie).
    public func label(for features: [Double]) -> String {
        var best = 0
        var bestValue = -Double.infinity
        for row in labels.indices {
            let value = zip(weights[row], features).reduce(bias[row]) { $0 + $1.0 * $1.1 }
            if value > bestValue {
                best = row
                bestValue = value
            }
        }
        return labels[best]
    }

    // MARK: Fitting

    /// Fits the model on `examples` (features from `features(of:scored:)`, labels from `labelNames`), C
    /// chosen from `costs` by the mean macro-recall over `folds` folds, then refit on everything. Macro-recall
    /// is the measure because it is TweetEval's and because it weighs a rare label as much as a common one:
    /// with both sides of each class-against-the-rest problem weighted alike, the model does not learn the
    /// data's label shares.
    public static func fit(
        _ examples: [(features: [Double], label: String)], source: String, licence: String
    ) throws -> SentimentLabelModel {
        let classes = try examples.map { example -> Int in
            guard let index = labelNames.firstIndex(of: example.label) else { throw FitError.unknownLabel(example.label) }
            return index
        }
        guard examples.count >= 2 * folds, Set(classes).count >= 2 else { throw FitError.tooFew(texts: examples.count, labels: Set(classes).count) }
        let indices = (0..<Int32(featureNames.count)).map { $0 }
        let vectors = examples.map { SparseVector(indices: indices, values: $0.features) }
        func train(_ rows: [Int], cost: Double) throws -> LinearModel {
            try LinearModel.oneVersusRest(
                examples: rows.map { vectors[$0] }, classes: rows.map { classes[$0] }, labels: labelNames,
                featureCount: featureNames.count, cost: cost, solver: .logistic)
        }
        var crossValidation: [String: Double] = [:]
        var best: (cost: Double, recall: Double)?
        for cost in costs {
            var recalls: [Double] = []
            for fold in 0..<folds {
                let held = examples.indices.filter { $0 % folds == fold }
                let rest = examples.indices.filter { $0 % folds != fold }
                // A fold whose other texts all have one label has nothing to learn from: it is not scored.
                guard Set(rest.map { classes[$0] }).count >= 2 else { continue }
                let model = try train(rest, cost: cost)
                let predicted = held.map { model.labels[model.predict(vectors[$0]).label] }
                recalls.append(macroRecall(gold: held.map { labelNames[classes[$0]] }, predicted: predicted))
            }
            let recall = Evidence.rounded(recalls.reduce(0, +) / Double(max(1, recalls.count)))
            crossValidation[String(cost)] = recall
            if best == nil || recall > best?.recall ?? 0 { best = (cost, recall) }
        }
        let cost = best?.cost ?? 1
        let model = try train(Array(examples.indices), cost: cost)
        return SentimentLabelModel(
            format: formatName, version: currentVersion, source: source, licence: licence, features: featureNames, labels: model.labels,
            weights: model.weights.map { row in row.map { Evidence.rounded(Double($0)) } }, bias: model.bias.map(Evidence.rounded),
            cost: cost, examples: examples.count, crossValidation: crossValidation)
    }

    /// Why labelled data cannot be fit.
    public enum FitError: Error, CustomStringConvertible, Equatable {
        case unknownLabel(String)
        case tooFew(texts: Int, labels: Int)

        public var description: String {
            switch self {
            case .unknownLabel(let label):
                return "label \"\(label)\" is not one of \(SentimentLabelModel.labelNames.joined(separator: ", "))"
            case .tooFew(let texts, let labels):
                return "\(texts) labelled texts with \(labels) distinct label(s): choosing C by \(SentimentLabelModel.folds) folds needs at least \(2 * SentimentLabelModel.folds) texts and two labels"
            }
        }
    }

    /// The mean over the gold labels present of the share of each that was predicted right.
    public static func macroRecall(gold: [String], predicted: [String]) -> Double {
        let present = labelNames.filter(gold.contains)
        guard !present.isEmpty else { return 0 }
        let recalls = present.map { label -> Double in
            let rows = zip(gold, predicted).filter { $0.0 == label }
            return Double(rows.count { $0.1 == label }) / Double(rows.count)
        }
        return recalls.reduce(0, +) / Double(recalls.count)
    }
}
