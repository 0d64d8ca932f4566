import CCGModel
import CCGPipeline
import CCGTokenize

/// Scores any analyser that gives units a label (built-in, external or dictionary) against a researcher's
/// labelled texts: accuracy, macro-recall, macro-F1 and the confusion matrix, over the labels the gold
/// uses. Each text is analysed as a one-unit document, as it would be in a report.
public struct LabelEvaluation: Sendable {
    public struct Item: Sendable, Equatable {
        public var id: String
        public var text: String
        public var label: String
    }

    /// What a text got when the analyser gave it no result or no value at the field.
    public static let missing = "(none)"

    public var items: Int
    /// Gold labels in order, then labels only predicted.
    public var labels: [String]
    /// Rows gold, columns predicted, in `labels` order.
    public var confusion: [[Int]]
    public var accuracy: Double
    /// Averaged over the labels the gold uses.
    public var macroRecall: Double
    public var macroF1: Double
    public var precision: [Double]
    public var recall: [Double]
    public var f1: [Double]
    public var predictions: [(id: String, gold: String, predicted: String)]
    /// Problems the analyser reported (an external plugin's unit errors), with the item id.
    public var problems: [String]

    /// A TSV file whose header names `text` and `label` (and optionally `id`).
    public static func load(_ path: String) throws -> [Item] {
        let table = try HeaderedTSV(path)
        guard let text = table.column("text"), let label = table.column("label") else {
            throw EvaluationInputError.malformed(path, "the header must name the columns text and label (and optionally id)")
        }
        let id = table.column("id")
        return try table.map { fields, line in
            let gold = fields[label].trimmingCharacters(in: .whitespaces)
            guard !gold.isEmpty else { throw EvaluationInputError.malformed(path, "line \(line): empty label") }
            return Item(id: id.map { fields[$0] } ?? String(line), text: fields[text], label: gold)
        }
    }

    /// Runs `analyser` on every item and reads `field` (a dotted path, `label` by default) of its result.
    public static func run(_ items: [Item], analyser: AnyAnalyser, field: String, unitType: UnitType, tokenizer: Tokenizer) -> LabelEvaluation {
        var pairs: [(id: String, gold: String, predicted: String)] = []
        var problems: [String] = []
        for item in items {
            let document = Document(source: "item \(item.id)", format: .text, kind: unitType == .comment ? .comments : .article, units: [TextUnit(id: "u1", type: unitType, text: item.text)])
            var predicted = missing
            do {
                let analysis = try analyser.analyse(tokenizer.tokenize(document))
                problems += analysis.problems.map { "item \(item.id): \($0)" }
                if let result = analysis.units.first ?? nil, let value = value(at: field, in: result) { predicted = value }
            } catch {
                problems.append("item \(item.id): \(error)")
            }
            pairs.append((item.id, item.label, predicted))
        }
        problems += analyser.finish()
        return score(pairs, problems: problems)
    }

    static func value(at path: String, in result: JSONValue) -> String? {
        var current: JSONValue? = result
        for part in path.split(separator: ".") { current = current?[String(part)] }
        return current?.scalarText
    }

    public static func score(_ pairs: [(id: String, gold: String, predicted: String)], problems: [String] = []) -> LabelEvaluation {
        var gold: [String] = []
        for pair in pairs where !gold.contains(pair.gold) { gold.append(pair.gold) }
        gold.sort()
        let extra = Set(pairs.map(\.predicted)).subtracting(gold).sorted()
        let labels = gold + extra
        let table = ConfusionTable(labels: labels, pairs: pairs.map { ($0.gold, $0.predicted) }, averagedOver: gold.count)
        return LabelEvaluation(
            items: pairs.count, labels: labels, confusion: table.confusion, accuracy: table.accuracy, macroRecall: table.macroRecall,
            macroF1: table.macroF1, precision: table.precision, recall: table.recall, f1: table.f1, predictions: pairs, problems: problems)
    }
}

/// Counts of gold against predicted labels and the figures read from them; shared by every labelled
/// evaluation so they agree on what a macro average is.
struct ConfusionTable {
    var confusion: [[Int]]
    var precision: [Double]
    var recall: [Double]
    var f1: [Double]
    var accuracy: Double
    var macroRecall: Double
    var macroF1: Double

    /// Pairs whose labels are not in `labels` are left out. Macro averages run over the first
    /// `averagedOver` labels (the gold ones; predicted-only labels still count against precision).
    init(labels: [String], pairs: [(gold: String, predicted: String)], averagedOver: Int? = nil) {
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var confusion = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
        for (gold, predicted) in pairs {
            guard let row = index[gold], let column = index[predicted] else { continue }
            confusion[row][column] += 1
        }
        var precision: [Double] = []
        var recall: [Double] = []
        var f1: [Double] = []
        for label in labels.indices {
            let truePositives = Double(confusion[label][label])
            let goldCount = Double(confusion[label].reduce(0, +))
            let predictedCount = Double(confusion.reduce(0) { $0 + $1[label] })
            let labelRecall = goldCount == 0 ? 0 : truePositives / goldCount
            let labelPrecision = predictedCount == 0 ? 0 : truePositives / predictedCount
            recall.append(labelRecall)
            precision.append(labelPrecision)
            f1.append(labelPrecision + labelRecall == 0 ? 0 : 2 * labelPrecision * labelRecall / (labelPrecision + labelRecall))
        }
        (self.confusion, self.precision, self.recall, self.f1) = (confusion, precision, recall, f1)
        let averaged = min(averagedOver ?? labels.count, labels.count)
        let correct = labels.indices.reduce(0) { $0 + confusion[$1][$1] }
        accuracy = pairs.isEmpty ? 0 : Double(correct) / Double(pairs.count)
        macroRecall = averaged == 0 ? 0 : recall.prefix(averaged).reduce(0, +) / Double(averaged)
        macroF1 = averaged == 0 ? 0 : f1.prefix(averaged).reduce(0, +) / Double(averaged)
    }
}
