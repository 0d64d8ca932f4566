import Foundation

/// A supervised stance model: one linear classifier per target (the motion the texts argue about), each
/// with its own vocabulary, as in SemEval-2016 Task 6 where a target's words say little about another's.
///
/// Saved as JSON (`format`, `version`, then the classifiers), written by `ccgtext train stance` and read by
/// `--model`; the layout is documented in docs/stance.md. A file of another format or a newer version is
/// refused with a message instead of being misread.
public struct StanceModel: Codable, Sendable, Equatable {
    public static let formatName = "ccgtext-stance-model"
    /// 2: word and character blocks normalised apart, class-balanced training (version 1 vectors were
    /// normalised as one block, so a version 1 file is refused rather than misread).
    public static let currentVersion = 2

    public var format: String
    public var version: Int
    /// Stance labels, in the classifiers' class order.
    public var labels: [String]
    /// Classifiers by target name; `*` is one classifier for every target (trained with target-conjoined
    /// features on all of them), used for targets without a classifier of their own.
    public var targets: [String: TargetClassifier]
    /// Maps a label's margin to the chance it is right, fit by `ccgtext train stance` on the validation
    /// split; absent in files trained without one (no validation split), which keep the plain squashing.
    public var calibration: ConfidenceCalibration?

    /// The key of the classifier shared by all targets.
    public static let anyTarget = "*"

    public struct TargetClassifier: Codable, Sendable, Equatable {
        public var vocabulary: Vocabulary
        public var classifier: LinearModel
        /// The SVM's C it was trained with.
        public var cost: Double
        /// Whether each class's C was scaled to balance the class sizes.
        public var balanced: Bool
        public var trainingExamples: Int
    }

    /// One text: its target, its words (folded, as the tokenizer gives them), its lexical values (in the
    /// order of `TextFeatures.lexical`) and, for training, its label index.
    public struct Example: Sendable {
        public var target: String
        public var words: [String]
        public var lexical: [Double]
        public var label: Int

        public init(target: String, words: [String], lexical: [Double] = [], label: Int = 0) {
            self.target = target
            self.words = words
            self.lexical = lexical
            self.label = label
        }
    }

    /// How the targets share classifiers.
    public enum TargetMode: String, Codable, Sendable, CaseIterable {
        /// A classifier and vocabulary per target (SemEval-2016: five targets, hundreds of texts each).
        case perTarget = "per-target"
        /// One classifier for all targets, word n-grams also conjoined with the target (Procon20: 417
        /// questions, ten texts each).
        case shared
    }

    public enum ModelError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case wrongFormat(path: String, found: String, version: Int)

        public var description: String {
            switch self {
            case .unreadable(let path, let reason): return "cannot read stance model \(path): \(reason)"
            case .wrongFormat(let path, let found, let version):
                return "\(path) is not a stance model this version reads (format \(found) version \(version); expected \(StanceModel.formatName) version \(StanceModel.currentVersion))"
            }
        }
    }

    /// Training data made ready once: each target's vocabulary and example vectors, so that models for
    /// several values of C (the search on the validation split) share the feature work.
    public struct Training: Sendable {
        let labels: [String]
        let targets: [(name: String, vocabulary: Vocabulary, vectors: [SparseVector], classes: [Int])]
        let balanced: Bool

        public init(
            _ examples: [Example], labels: [String], mode: TargetMode = .perTarget, features: TextFeatures = TextFeatures(), balanced: Bool = true
        ) {
            self.labels = labels
            self.balanced = balanced
            var features = features
            if mode == .shared { features.conjoinTarget = true }
            let groups = mode == .shared ? [StanceModel.anyTarget: examples] : Dictionary(grouping: examples, by: \.target)
            targets = groups.sorted(by: { $0.key < $1.key }).map { target, group in
                let vocabulary = features.fit(group)
                return (target, vocabulary, group.map { vocabulary.vector($0) }, group.map(\.label))
            }
        }

        /// One classifier per target, trained with C = `cost`.
        public func model(cost: Double) throws -> StanceModel {
            var classifiers: [String: TargetClassifier] = [:]
            for target in targets {
                let classifier = try LinearModel.train(
                    examples: target.vectors, classes: target.classes, labels: labels, featureCount: target.vocabulary.count, cost: cost,
                    balanced: balanced)
                classifiers[target.name] = TargetClassifier(
                    vocabulary: target.vocabulary, classifier: classifier, cost: cost, balanced: balanced, trainingExamples: target.vectors.count)
            }
            return StanceModel(format: StanceModel.formatName, version: StanceModel.currentVersion, labels: labels, targets: classifiers)
        }
    }

    /// The lexical features the model reads (empty when it reads none); the same for every classifier.
    public var lexical: [String] { targets.values.first?.vocabulary.features.lexical ?? [] }

    /// The label and each label's decision value for a text, by its target's classifier or the shared
    /// one; nil when the model has neither. With `reasons` above 0, also the features that pushed the text
    /// toward that label most: (feature name, weight × value), largest first, at most `reasons` of them.
    /// Names are the vocabulary's ("w:not a failure", "c:fail", "t12|w:cost") or a lexical feature's name.
    public func classify(_ example: Example, reasons: Int = 0)
        -> (label: String, values: [String: Double], reasons: [(feature: String, contribution: Double)])?
    {
        guard let classifier = targets[example.target] ?? targets[Self.anyTarget] else { return nil }
        let vocabulary = classifier.vocabulary
        let vector = vocabulary.vector(example)
        let (best, values) = classifier.classifier.predict(vector)
        let labels = classifier.classifier.labels
        guard reasons > 0 else { return (labels[best], Dictionary(uniqueKeysWithValues: zip(labels, values)), []) }
        let weights = classifier.classifier.weights[best]
        let contributions = zip(vector.indices, vector.values).compactMap { index, value -> (feature: String, contribution: Double)? in
            let position = Int(index)
            guard position < weights.count else { return nil }
            let name = position < vocabulary.terms.count ? vocabulary.terms[position] : vocabulary.features.lexical[position - vocabulary.terms.count]
            let contribution = Double(weights[position]) * value
            return contribution > 0 ? (name, contribution) : nil
        }
        let ranked = contributions.sorted { $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.feature < $1.feature }
        return (labels[best], Dictionary(uniqueKeysWithValues: zip(labels, values)), Array(ranked.prefix(reasons)))
    }

    /// How far the best label's decision value is ahead of the next one's (its own value when alone).
    public static func margin(_ values: [String: Double]) -> Double {
        let ranked = values.values.sorted(by: >)
        guard let best = ranked.first else { return 0 }
        return ranked.count > 1 ? best - ranked[1] : abs(best)
    }

    /// How sure the model is of a label with this margin: calibrated when the file has a calibration, else
    /// the logistic of twice the margin (0.5 on a tie, toward 1 as the best label pulls away).
    public func confidence(margin: Double) -> Double {
        calibration?.confidence(margin) ?? 1 / (1 + exp(-2 * margin))
    }

    public static func load(_ path: String) throws -> StanceModel {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ModelError.unreadable(path: path, reason: "no such file or not readable")
        }
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw ModelError.unreadable(path: path, reason: "not JSON")
        }
        guard header.format == formatName, let version = header.version, version == currentVersion else {
            throw ModelError.wrongFormat(path: path, found: header.format ?? "none", version: header.version ?? 0)
        }
        do { return try JSONDecoder().decode(StanceModel.self, from: data) } catch {
            throw ModelError.unreadable(path: path, reason: "\(error)")
        }
    }

    /// Writes the model (sorted keys: the same training data gives the same bytes), through a temporary
    /// file renamed into place so that a reader never sees half a model.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(self)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
