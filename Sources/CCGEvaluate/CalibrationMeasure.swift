/// How well confidences match how often labels are right: expected calibration error (items in ten
/// equal-width confidence bins, each bin's gap between mean confidence and accuracy, weighted by its
/// share of items) and the Brier score (mean squared gap between confidence and 1 for right, 0 for wrong).
/// Both are 0 for a perfect match; a tool that says 0.9 and is right half the time scores badly on both.
public struct CalibrationMeasure: Sendable {
    public var items: Int
    public var expectedCalibrationError: Double
    public var brier: Double
    public var meanConfidence: Double
    public var accuracy: Double
    /// Per bin (lower edge 0, 0.1, …, 0.9): items, mean confidence, accuracy.
    public var bins: [(items: Int, confidence: Double, accuracy: Double)]

    public init(confidences: [Double], correct: [Bool]) {
        let pairs = Array(zip(confidences.map { min(1, max(0, $0)) }, correct))
        items = pairs.count
        var sums = [(count: Int, confidence: Double, right: Int)](repeating: (0, 0, 0), count: 10)
        var squared = 0.0
        for (confidence, right) in pairs {
            let bin = min(9, Int(confidence * 10))
            sums[bin].count += 1
            sums[bin].confidence += confidence
            sums[bin].right += right ? 1 : 0
            squared += (confidence - (right ? 1 : 0)) * (confidence - (right ? 1 : 0))
        }
        let total = Double(max(1, pairs.count))
        bins = sums.map { ($0.count, $0.count == 0 ? 0 : $0.confidence / Double($0.count), $0.count == 0 ? 0 : Double($0.right) / Double($0.count)) }
        expectedCalibrationError = bins.reduce(0) { $0 + Double($1.items) / total * abs($1.confidence - $1.accuracy) }
        brier = squared / total
        meanConfidence = pairs.reduce(0) { $0 + $1.0 } / total
        accuracy = Double(pairs.filter(\.1).count) / total
    }
}
