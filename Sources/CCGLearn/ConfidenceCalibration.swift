import Foundation

/// Turns a raw strength (a classifier's margin, the zero-shot rules' absolute score) into the chance that
/// the label it came with is right, by Platt's method: a logistic fit of right/wrong on the strength, over
/// labelled validation data the labels were not tuned on. A squashed margin is monotone but says nothing
/// about how often a label is right; a calibrated 0.8 is right about four times in five on data like the
/// data it was fit on (docs/stance.md measures how far that holds on test splits).
public struct ConfidenceCalibration: Codable, Sendable, Equatable {
    public var slope: Double
    public var intercept: Double
    /// Validation items the fit saw.
    public var examples: Int
    /// What it was fit on (data, split, what the strength is).
    public var source: String

    public init(slope: Double, intercept: Double, examples: Int, source: String) {
        self.slope = slope
        self.intercept = intercept
        self.examples = examples
        self.source = source
    }

    /// The chance, from 0 to 1, that a label of this strength is right.
    public func confidence(_ strength: Double) -> Double {
        1 / (1 + exp(-(slope * strength + intercept)))
    }

    /// Fits right/wrong on strength with liblinear's logistic regression (C 100: thousands of items and two
    /// parameters need next to no regularisation). Throws when every item is right or every one wrong.
    public static func fit(strengths: [Double], correct: [Bool], source: String) throws -> ConfidenceCalibration {
        let right = correct.filter { $0 }.count
        guard right > 0, right < correct.count else { throw OneOutcome(items: correct.count, right: right) }
        let (weights, bias) = try LinearModel.logOdds(rows: strengths.map { [$0] }, positive: correct, featureCount: 1, cost: 100)
        return ConfidenceCalibration(slope: weights[0], intercept: bias, examples: strengths.count, source: source)
    }

    /// Every label right, or every one wrong (or none at all): nothing says how rightness moves with strength.
    public struct OneOutcome: Error, CustomStringConvertible {
        public var items: Int
        public var right: Int
        public var description: String {
            items == 0 ? "nothing to calibrate on: no labels" : "cannot calibrate on \(items) labels that were \(right == 0 ? "all wrong" : "all right"): the fit needs both"
        }
    }
}
