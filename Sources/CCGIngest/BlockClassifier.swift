import CCGModel
import Foundation

/// A logistic regression over `BlockFeatures` that says which blocks of a page are its article, fitted on
/// the extraction benchmarks' gold (`ccgtext train block-classifier`) and shipped as
/// `lexicons/ingest/block-classifier.json`.
///
/// Why learnt: hand rules for what a block of prose looks like kept fitting the sites they were tuned on
/// (docs/extraction.md). The classifier does not replace the structure recogniser: the container the hand
/// rules chose is one of its features, so it learns where that choice is to be trusted and which blocks
/// beside or inside it to add or drop, the way Dragnet and boilerpipe combine block features.
public struct BlockClassifier: WeightsFile, Codable, Sendable, Equatable {
    public static let formatName = "ccgtext-block-classifier"
    public static let currentVersion = 1
    public static var featureNames: [String] { BlockFeatures.names }
    public static let kind = "block classifier"
    /// The file the ingest configuration names by default (`blockClassifier` in `ingest/en.json`).
    public static let defaultPath = "ingest/block-classifier.json"

    public var format: String
    public var version: Int
    /// Where the weights come from: data, pages, the command that refits them.
    public var source: String
    public var licence: String
    public var features: [String]
    /// Per feature, the mean and spread it is standardised by before the weights apply (from the training
    /// blocks), so that the regularisation treats a 0–1 share and a log length alike.
    public var means: [Double]
    public var scales: [Double]
    public var weights: [Double]
    public var bias: Double
    /// A block is the article's when its chance is at least this (chosen on sources held out of fitting).
    public var threshold: Double
    public var cost: Double
    public var examples: Int

    public init(
        source: String, licence: String, means: [Double], scales: [Double], weights: [Double], bias: Double, threshold: Double, cost: Double,
        examples: Int
    ) {
        self.format = Self.formatName
        self.version = Self.currentVersion
        self.source = source
        self.licence = licence
        self.features = Self.featureNames
        self.means = means
        self.scales = scales
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.cost = cost
        self.examples = examples
    }

    public func validated() throws -> BlockClassifier {
        try checkHeader()
        guard means.count == features.count, scales.count == features.count else {
            throw IncompatibleWeights(kind: Self.kind, reason: "\(means.count) means and \(scales.count) scales for \(features.count) features")
        }
        guard (means + scales + weights + [bias, threshold]).allSatisfy(\.isFinite), scales.allSatisfy({ $0 > 0 }) else {
            throw IncompatibleWeights(kind: Self.kind, reason: "a weight, mean or scale is not a finite number (scales must be positive)")
        }
        guard threshold > 0, threshold < 1 else { throw IncompatibleWeights(kind: Self.kind, reason: "threshold \(threshold) is not between 0 and 1") }
        return self
    }

    /// The chance that a block with these features is article text.
    public func probability(_ vector: [Double]) -> Double {
        var sum = bias
        for index in 0..<min(vector.count, weights.count) { sum += weights[index] * (vector[index] - means[index]) / scales[index] }
        return 1 / (1 + exp(-sum))
    }
}
