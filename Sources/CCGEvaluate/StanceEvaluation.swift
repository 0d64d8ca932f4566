import CCGLearn
import CCGModel
import CCGReport
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser

/// Stance against gold labels: F-avg (the mean of the F1 of `favor` and of `against`, SemEval-2016 Task 6's
/// measure, on predictions pooled over every target), macro-F1 over the three labels, accuracy and the
/// confusion matrix; and the data readers `ccgtext train stance` shares.
public struct StanceEvaluation: Sendable {
    /// Stance labels in the order the model and the confusion matrix use.
    public static let labels = ["against", "favor", "none"]

    /// One labelled text.
    public struct Item: Sendable, Equatable {
        public var id: String
        public var target: String
        public var text: String
        public var label: String
        /// The item's setting where the data set names one (VAST: `zero-shot` or `few-shot`).
        public var setting: String?

        public init(id: String, target: String, text: String, label: String, setting: String? = nil) {
            self.id = id
            self.target = target
            self.text = text
            self.label = label
            self.setting = setting
        }
    }

    public enum Format: String, Sendable, CaseIterable {
        /// TweetEval stance: a folder of target folders (or one target folder), each with
        /// `<split>_text.txt` and `<split>_labels.txt`, and `mapping.txt` in the stance folder.
        case tweeteval
        /// A header row naming the columns `text` and `label` (favor, against, none), optionally `target`
        /// and `id`, tab-separated.
        case tsv
        /// Procon20's `<split>.tsv` (or a file): `label<TAB>question<TAB>argument`, no header, label `01` pro
        /// (favor) and `10` con (against), fields optionally CSV-quoted. The question is the target.
        case procon20
        /// PERSPECTRUM's folder: `perspectrum_with_answers_v1.0.json` (claims and clusters of perspective ids
        /// with SUPPORT/UNDERMINE), `perspective_pool_v1.0.json` (the texts) and `dataset_split_v1.0.json`
        /// (claim id → train, dev, test). Every perspective of a cluster is one item (favor or against), the
        /// claim is the target; ids are `source/claim/perspective`.
        case perspectrum
        /// One JSON object a line with `topic` (the motion or target), `text`, `label` (favor, against, none)
        /// and optionally `id`, `topic_natural` (preferred to `topic`: VAST's topic as written) and `setting`:
        /// IBM ArgQ, IBM Claim Stance, VAST and P-Stance as `../shared/benchmarks` has them. A folder means
        /// its `<split>.jsonl`, or its one `.jsonl` file.
        case jsonl
    }

    public var items: Int
    public var fAverage: Double
    public var macroF1: Double
    public var accuracy: Double
    /// F1 per label, in `labels` order.
    public var f1: [Double]
    /// Rows are gold labels, columns predicted labels, both in `labels` order.
    public var confusion: [[Int]]
    /// Items whose target the model has no classifier for (predicted `none`).
    public var unknownTargets: Int
    /// How well the confidences match how often the labels were right (`calibration(_:_:)`).
    public var calibration: CalibrationMeasure?

    // MARK: Gold

    public static func load(_ path: String, format: Format, split: String) throws -> [Item] {
        switch format {
        case .tweeteval: return try loadTweetEval(path, split: split)
        case .tsv: return try loadTSV(path)
        case .procon20: return try loadProcon20(path, split: split)
        case .perspectrum: return try loadPerspectrum(path, split: split)
        case .jsonl: return try loadJSONLines(path, split: split)
        }
    }

    private struct JSONLine: Decodable {
        var id: String?
        var topic: String
        var topic_natural: String?
        var text: String
        var label: String
        var setting: String?
    }

    private static func loadJSONLines(_ path: String, split: String) throws -> [Item] {
        var isFolder: ObjCBool = false
        var file = path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
            guard let name = names.first(where: { $0 == "\(split).jsonl" }) ?? (names.count == 1 ? names.first : nil) else {
                throw EvaluationInputError.malformed(path, "no \(split).jsonl here (it has \(names.isEmpty ? "no .jsonl file" : names.joined(separator: ", ")))")
            }
            file = URL(fileURLWithPath: path).appendingPathComponent(name).path
        }
        let decoder = JSONDecoder()
        return try lines(file).enumerated().compactMap { offset, line -> Item? in
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let row: JSONLine
            do { row = try decoder.decode(JSONLine.self, from: Data(line.utf8)) } catch {
                throw EvaluationInputError.malformed(file, "line \(offset + 1): not an object with topic, text and label")
            }
            let label = row.label.lowercased()
            guard labels.contains(label) else { throw EvaluationInputError.malformed(file, "line \(offset + 1): label \"\(row.label)\" is not favor, against or none") }
            let topic = row.topic_natural.flatMap { $0.isEmpty ? nil : $0 } ?? row.topic
            return Item(id: row.id ?? String(offset + 1), target: topic, text: row.text, label: label, setting: row.setting)
        }
    }

    private struct PerspectrumClaim: Decodable {
        struct Cluster: Decodable {
            var pids: [Int]
            var stance_label_3: String
        }
        var cId: Int
        var text: String
        var source: String
        var perspectives: [Cluster]
    }

    private struct PerspectrumPerspective: Decodable {
        var pId: Int
        var text: String
    }

    private static func loadPerspectrum(_ path: String, split: String) throws -> [Item] {
        let folder = URL(fileURLWithPath: path)
        func decode<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
            let file = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: file) else { throw EvaluationInputError.unreadable(file, "no such file or not readable") }
            do { return try JSONDecoder().decode(type, from: data) } catch {
                throw EvaluationInputError.malformed(file, "not PERSPECTRUM's JSON (\(error))")
            }
        }
        let claims = try decode("perspectrum_with_answers_v1.0.json", as: [PerspectrumClaim].self)
        let splits = try decode("dataset_split_v1.0.json", as: [String: String].self)
        let pool = Dictionary(try decode("perspective_pool_v1.0.json", as: [PerspectrumPerspective].self).map { ($0.pId, $0.text) }) { first, _ in first }
        guard Set(splits.values).contains(split) else {
            throw EvaluationInputError.malformed(folder.appendingPathComponent("dataset_split_v1.0.json").path, "no claim in split \"\(split)\" (it has \(Set(splits.values).sorted().joined(separator: ", ")))")
        }
        var items: [Item] = []
        for claim in claims.sorted(by: { $0.cId < $1.cId }) where splits[String(claim.cId)] == split {
            for cluster in claim.perspectives {
                let label: String
                switch cluster.stance_label_3 {
                case "SUPPORT": label = "favor"
                case "UNDERMINE": label = "against"
                default: continue
                }
                for pid in cluster.pids.sorted() {
                    guard let text = pool[pid] else { continue }
                    items.append(Item(id: "\(claim.source)/\(claim.cId)/\(pid)", target: claim.text.trimmingCharacters(in: .whitespaces), text: text, label: label))
                }
            }
        }
        return items
    }

    private static func loadProcon20(_ path: String, split: String) throws -> [Item] {
        var isFolder: ObjCBool = false
        let file = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
            ? URL(fileURLWithPath: path).appendingPathComponent("\(split).tsv").path : path
        return try lines(file).enumerated().compactMap { offset, row -> Item? in
            guard !row.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map { unquoted(String($0)) }
            guard fields.count == 3 else { throw EvaluationInputError.malformed(file, "line \(offset + 1): \(fields.count) fields, expected label, question, argument") }
            let label: String
            switch fields[0].trimmingCharacters(in: .whitespaces) {
            case "01": label = "favor"
            case "10": label = "against"
            default: throw EvaluationInputError.malformed(file, "line \(offset + 1): label \"\(fields[0])\" is neither 01 (pro) nor 10 (con)")
            }
            return Item(id: "\(split)/\(offset + 1)", target: fields[1], text: fields[2], label: label)
        }
    }

    /// A CSV-quoted field without its quotes ("\"a \"\"b\"\"\"" → "a \"b\""); others as they are.
    static func unquoted(_ field: String) -> String {
        guard field.count >= 2, field.hasPrefix("\""), field.hasSuffix("\"") else { return field }
        return String(field.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    private static func lines(_ path: String) throws -> [String] { try SentimentEvaluation.lines(path) }

    private static func loadTweetEval(_ path: String, split: String) throws -> [Item] {
        let root = URL(fileURLWithPath: path)
        let manager = FileManager.default
        // Either the stance folder (target folders inside) or one target folder.
        var targetFolders: [URL] = []
        if manager.fileExists(atPath: root.appendingPathComponent("\(split)_text.txt").path) {
            targetFolders = [root]
        } else {
            let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            targetFolders = names.sorted().map { root.appendingPathComponent($0) }
                .filter { manager.fileExists(atPath: $0.appendingPathComponent("\(split)_text.txt").path) }
        }
        guard !targetFolders.isEmpty else {
            throw EvaluationInputError.malformed(path, "no \(split)_text.txt here or in a folder inside (give TweetEval's stance folder or one target's folder)")
        }
        var items: [Item] = []
        for folder in targetFolders {
            let mappingPath = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("mapping.txt").path }
                .first { manager.fileExists(atPath: $0) }
            guard let mappingPath else { throw EvaluationInputError.malformed(folder.path, "no mapping.txt here or in the folder above") }
            var mapping: [String: String] = [:]
            for line in try SentimentEvaluation.lines(mappingPath) {
                let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
                if fields.count == 2 { mapping[String(fields[0])] = String(fields[1]) }
            }
            let textPath = folder.appendingPathComponent("\(split)_text.txt").path
            let labelPath = folder.appendingPathComponent("\(split)_labels.txt").path
            let texts = try SentimentEvaluation.lines(textPath)
            let codes = try SentimentEvaluation.lines(labelPath).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            guard texts.count >= codes.count else { throw EvaluationInputError.malformed(textPath, "\(texts.count) texts but \(codes.count) labels") }
            let target = folder.lastPathComponent
            for (index, raw) in codes.enumerated() {
                let code = raw.trimmingCharacters(in: .whitespaces)
                guard let label = mapping[code], labels.contains(label) else {
                    throw EvaluationInputError.malformed(labelPath, "line \(index + 1): label \"\(code)\" is not in mapping.txt as none/against/favor")
                }
                items.append(Item(id: "\(target)/\(index + 1)", target: target, text: texts[index], label: label))
            }
        }
        return items
    }

    private static func loadTSV(_ path: String) throws -> [Item] {
        let table = try HeaderedTSV(path)
        guard let textColumn = table.column("text"), let labelColumn = table.column("label") else {
            throw EvaluationInputError.malformed(path, "the header row needs \"text\" and \"label\" columns")
        }
        let targetColumn = table.column("target")
        let idColumn = table.column("id")
        return try table.map { fields, line in
            let label = fields[labelColumn].trimmingCharacters(in: .whitespaces).lowercased()
            guard labels.contains(label) else { throw EvaluationInputError.malformed(path, "line \(line): label \"\(label)\" is not favor, against or none") }
            return Item(
                id: idColumn.map { fields[$0] } ?? String(line), target: targetColumn.map { fields[$0] } ?? "default", text: fields[textColumn],
                label: label)
        }
    }

    // MARK: Features and scoring

    /// The items as model inputs; with `lexical`, each carries the lexicon features, computed toward its
    /// target (the motion).
    public static func examples(_ items: [Item], tokenizer: Tokenizer, lexical: StanceLexicalFeatures? = nil) -> [StanceModel.Example] {
        var motions: [String: TokenizedUnit] = [:]
        return items.map { item in
            let unit = tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: item.text))
            if lexical != nil, motions[item.target] == nil {
                motions[item.target] = tokenizer.tokenize(TextUnit(id: "motion", type: .headline, text: item.target))
            }
            return StanceModelInput.example(
                unit, target: item.target, motion: motions[item.target], lexical: lexical, label: labels.firstIndex(of: item.label) ?? 2)
        }
    }

    /// The items that take a side as examples for fitting the argument lean (`none` left out, and ids
    /// starting with any of `excluding`), each motion tokenized once: `train argument-lean` and the test that
    /// refits the shipped weights build them one way.
    public static func leanExamples(_ items: [Item], tokenizer: Tokenizer, excluding prefixes: [String] = []) -> [StanceArgumentLean.Example] {
        var motions: [String: TokenizedUnit] = [:]
        return items.compactMap { item in
            guard item.label != "none", !prefixes.contains(where: { item.id.hasPrefix($0) }) else { return nil }
            if motions[item.target] == nil { motions[item.target] = tokenizer.tokenize(TextUnit(id: "motion", type: .headline, text: item.target)) }
            return StanceArgumentLean.Example(
                unit: tokenizer.tokenize(TextUnit(id: item.id, type: .comment, text: item.text)), motion: motions[item.target], favours: item.label == "favor")
        }
    }

    /// A text as one TSV field: tabs and line breaks (LF, CR, CRLF and Unicode's others) as spaces.
    public static func tsvField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 })
    }

    /// The argument lean's reading of each example, one row per sentence it counts (TSV with a header): id,
    /// target, label, whether the motion reads negative, sentence index, words, whether it opens with a turn,
    /// its share of the text's mean, its sentiment, whether it denies (and the negator), and its text. For
    /// trying other weightings or signals on exactly what the analyser reads (scripts/stance-lean-ablations.sh).
    public static func leanSignalsTable(_ examples: [StanceArgumentLean.Example], engine: SentimentEngine) -> String {
        var lines = ["id\ttarget\tlabel\tmotion_negative\tsentence\twords\tturn\tshare\tsentiment\tdenial\tnegator\ttext"]
        var negativeMotions: [String: Bool] = [:]
        for example in examples {
            let (negative, sentences) = StanceArgumentLean.reading(of: example, engine: engine, negativeMotions: &negativeMotions)
            let total = sentences.reduce(0) { $0 + $1.weight }
            let unit = example.unit
            for one in sentences {
                let tokens = unit.sentences[one.sentence].tokens
                let text = tokens.isEmpty ? "" : unit.text(utf8From: unit.tokens[tokens.lowerBound].utf8Start, to: unit.tokens[tokens.upperBound - 1].utf8End)
                let negator = one.negator.map { unit.tokens[$0].folded } ?? ""
                let fields = [
                    tsvField(unit.unit.id), tsvField(example.motion?.unit.text ?? ""), example.favours ? "favor" : "against", negative ? "1" : "0",
                    String(one.sentence), String(one.words), one.turns ? "1" : "0", String(one.weight / total), String(one.values[0]),
                    one.negator == nil ? "0" : "1", tsvField(negator), tsvField(text),
                ]
                lines.append(fields.joined(separator: "\t"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label and the signed score behind it (above zero leans favor).
    public struct Prediction: Sendable, Equatable {
        public var label: String
        public var score: Double
        /// The confidence the analyser or model gave its own label.
        public var confidence: Double = 0
        /// The margin (model) or absolute score (zero-shot rules) that confidence is calibrated on.
        public var strength: Double = 0
        /// The analyser's own label when a side was forced on it (gold without none), else `label`.
        public var ownLabel: String? = nil
    }

    /// The model's label for every example (`none` for a target it has no classifier for), with the
    /// difference of the favor and against decision values as the score.
    public static func predict(_ examples: [StanceModel.Example], model: StanceModel) -> (labels: [String], scores: [Double], unknownTargets: Int) {
        let predicted = predictions(examples, model: model)
        return (predicted.labels.map(\.label), predicted.labels.map(\.score), predicted.unknownTargets)
    }

    /// As `predict`, with each label's margin and the model's confidence in it.
    public static func predictions(_ examples: [StanceModel.Example], model: StanceModel) -> (labels: [Prediction], unknownTargets: Int) {
        var unknown = 0
        let predicted = examples.map { example -> Prediction in
            guard let result = model.classify(example) else {
                unknown += 1
                return Prediction(label: "none", score: 0)
            }
            let margin = StanceModel.margin(result.values)
            return Prediction(
                label: result.label, score: (result.values["favor"] ?? 0) - (result.values["against"] ?? 0),
                confidence: model.confidence(margin: margin), strength: margin)
        }
        return (predicted, unknown)
    }

    /// The zero-shot analyser's labels: each item becomes a one-comment debate page whose motion is the item's
    /// target. When the gold has no `none` (Procon20, PERSPECTRUM: every text takes a side), the sign of the
    /// analyser's score decides (0 counts as against), as a side has to be picked.
    public static func predictZeroShot(_ items: [Item], analyser: StanceAnalyser, tokenizer: Tokenizer) -> [Prediction] {
        let forced = !items.contains { $0.label == "none" }
        return items.map { item in
            let document = Document(
                source: item.id, format: .text, kind: .debate, debate: Debate(motion: item.target, sides: []),
                units: [TextUnit(id: "u1", type: .comment, text: item.text)])
            let tokenized = tokenizer.tokenize(document)
            guard let unit = tokenized.units.first else { return Prediction(label: "none", score: 0) }
            let result = analyser.analyse(unit, in: tokenized, earlier: [:])
            return Prediction(
                label: forced ? (result.score > 0 ? "favor" : "against") : result.label, score: result.score, confidence: result.confidence,
                strength: abs(result.score), ownLabel: result.label)
        }
    }

    /// The confidences against being right, over the labels the analyser or model gave itself: a side
    /// forced on a `none` (gold without none) had no confidence of its own and is left out, as are texts
    /// whose target the model has no classifier for.
    public static func calibration(_ items: [Item], _ predictions: [Prediction]) -> CalibrationMeasure {
        var confidences: [Double] = []
        var correct: [Bool] = []
        for (item, prediction) in zip(items, predictions) where prediction.strength > 0 || prediction.confidence > 0 {
            let own = prediction.ownLabel ?? prediction.label
            if prediction.ownLabel != nil, own != prediction.label { continue }
            confidences.append(prediction.confidence)
            correct.append(own == item.label)
        }
        return CalibrationMeasure(confidences: confidences, correct: correct)
    }

    public static func score(gold: [String], predicted: [String], unknownTargets: Int = 0) -> StanceEvaluation {
        var confusion = [[Int]](repeating: [0, 0, 0], count: 3)
        for (truth, guess) in zip(gold, predicted) {
            guard let row = labels.firstIndex(of: truth), let column = labels.firstIndex(of: guess) else { continue }
            confusion[row][column] += 1
        }
        let f1 = (0..<3).map { label -> Double in
            let truePositives = Double(confusion[label][label])
            let predictedCount = Double((0..<3).reduce(0) { $0 + confusion[$1][label] })
            let goldCount = Double(confusion[label].reduce(0, +))
            guard predictedCount > 0, goldCount > 0, truePositives > 0 else { return 0 }
            let precision = truePositives / predictedCount
            let recall = truePositives / goldCount
            return 2 * precision * recall / (precision + recall)
        }
        let correct = (0..<3).reduce(0) { $0 + confusion[$1][$1] }
        // Macro-F1 over the labels that occur (in gold or predictions): Procon20 has no none, and a label no
        // one used would pull the mean down by a third.
        let used = (0..<3).filter { label in confusion[label].reduce(0, +) > 0 || (0..<3).contains { confusion[$0][label] > 0 } }
        return StanceEvaluation(
            items: gold.count, fAverage: (f1[0] + f1[1]) / 2, macroF1: used.isEmpty ? 0 : used.reduce(0) { $0 + f1[$1] } / Double(used.count),
            accuracy: gold.isEmpty ? 0 : Double(correct) / Double(gold.count), f1: f1, confusion: confusion, unknownTargets: unknownTargets)
    }
}

extension StanceEvaluation {
    /// What the stance scoring reads of a report's documents.
    private enum ReportDocuments {
        struct Document: Decodable {
            struct Unit: Decodable {
                struct Analyses: Decodable {
                    struct Stance: Decodable { var label: String }
                    var stance: Stance?
                }
                var id: String
                var analyses: Analyses?
            }
            var source: String
            var units: [Unit]
        }
    }

    /// Gold items paired with the stance a report gave them in context (with their thread, their debate's
    /// sides and parents). A gold id is `<document file name without its extension>/<unit id>`, and every
    /// document of that name counts, so a page saved both as HTML and as text is scored twice. Returns the
    /// gold and predicted labels and the `source#unit` of each pair; an id no document of the report has is
    /// an error, so a renamed file cannot pass unnoticed.
    public static func inReport(_ items: [Item], report path: String) throws -> (gold: [String], predicted: [String], units: [String]) {
        // Read a document at a time (`ReportReader`), keeping only each unit's id and stance label.
        guard FileManager.default.isReadableFile(atPath: path) else { throw EvaluationInputError.unreadable(path, "no such file or not readable") }
        var byStem: [String: [ReportDocuments.Document]] = [:]
        do {
            try ReportReader(path: path).forEachDocument { entry in
                let document = try entry.decode(as: ReportDocuments.Document.self)
                let stem = URL(fileURLWithPath: document.source).deletingPathExtension().lastPathComponent
                byStem[stem, default: []].append(document)
                return true
            }
        } catch {
            throw EvaluationInputError.malformed(path, "not a ccgtext report (no documents with units)")
        }
        var gold: [String] = []
        var predicted: [String] = []
        var units: [String] = []
        for item in items {
            guard let slash = item.id.lastIndex(of: "/") else {
                throw EvaluationInputError.malformed(path, "gold id \"\(item.id)\" is not <document>/<unit>")
            }
            let stem = String(item.id[..<slash])
            let unitID = String(item.id[item.id.index(after: slash)...])
            let matches = (byStem[stem] ?? []).sorted { $0.source < $1.source }.compactMap { document in
                document.units.first { $0.id == unitID }.map { (document.source, $0) }
            }
            guard !matches.isEmpty else { throw EvaluationInputError.malformed(path, "no unit \(unitID) in a document named \(stem).*") }
            for (source, unit) in matches {
                gold.append(item.label)
                predicted.append(unit.analyses?.stance?.label ?? "none")
                units.append("\(source)#\(unit.id)")
            }
        }
        return (gold, predicted, units)
    }
}
