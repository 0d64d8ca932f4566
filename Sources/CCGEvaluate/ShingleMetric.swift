/// The article-extraction benchmark's metric (Zyte's article-extraction-benchmark, as its README
/// describes it): word tokens, bags of 4-token shingles, per-document precision and recall from the
/// multiset overlap, averaged over documents, F1 of the two means.
public enum ShingleMetric {
    /// One document's shingle overlap, normalised so that tp + fp + fn = 1 (long pages do not weigh more).
    public struct Overlap: Sendable, Equatable {
        public var truePositive: Double
        public var falsePositive: Double
        public var falseNegative: Double

        /// 1 when nothing is missing or extra; 0 when nothing predicted matches; nil when nothing was
        /// predicted at all (such documents are left out of the mean precision, as in the benchmark).
        public var precision: Double? {
            if truePositive + falsePositive == 0 { return nil }
            if falsePositive == 0, falseNegative == 0 { return 1 }
            return truePositive / (truePositive + falsePositive)
        }

        /// nil when the gold text is empty (left out of the mean recall).
        public var recall: Double? {
            if truePositive + falseNegative == 0 { return nil }
            if falsePositive == 0, falseNegative == 0 { return 1 }
            return truePositive / (truePositive + falseNegative)
        }

        public var f1: Double {
            guard let precision, let recall, precision + recall > 0 else { return 0 }
            return 2 * precision * recall / (precision + recall)
        }
    }

    public struct Summary: Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Share of documents whose token sequences are identical.
        public var accuracy: Double
    }

    /// Runs of word characters (letters, digits, underscore), case kept: Python's `\w+` on Unicode text.
    public static func tokens(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        for scalar in text.unicodeScalars {
            let next = text.unicodeScalars.index(after: index)
            if isWordScalar(scalar) {
                if start == nil { start = index }
            } else if let begun = start {
                result.append(text[begun..<index])
                start = nil
            }
            index = next
        }
        if let begun = start { result.append(text[begun...]) }
        return result
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Shingles of `size` tokens; a text shorter than that is one shingle of all its tokens.
    static func shingles(_ tokens: [Substring], size: Int = 4) -> [String: Int] {
        var bag: [String: Int] = [:]
        guard !tokens.isEmpty else { return bag }
        let count = max(1, tokens.count - size + 1)
        for start in 0..<count {
            let key = tokens[start..<min(tokens.count, start + size)].joined(separator: "\u{1F}")
            bag[key, default: 0] += 1
        }
        return bag
    }

    public static func overlap(gold: String, predicted: String) -> Overlap {
        let truth = shingles(tokens(gold))
        let guess = shingles(tokens(predicted))
        var tp = 0.0, fp = 0.0, fn = 0.0
        for (key, count) in truth {
            let other = guess[key] ?? 0
            tp += Double(min(count, other))
            fn += Double(max(0, count - other))
        }
        for (key, count) in guess { fp += Double(max(0, count - (truth[key] ?? 0))) }
        let total = tp + fp + fn
        guard total > 0 else { return Overlap(truePositive: 0, falsePositive: 0, falseNegative: 0) }
        return Overlap(truePositive: tp / total, falsePositive: fp / total, falseNegative: fn / total)
    }

    public static func exactMatch(gold: String, predicted: String) -> Bool { tokens(gold) == tokens(predicted) }

    public static func summarise(_ overlaps: [Overlap], exactMatches: Int) -> Summary {
        let precisions = overlaps.compactMap(\.precision)
        let recalls = overlaps.compactMap(\.recall)
        let precision = precisions.isEmpty ? 0 : precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        return Summary(precision: precision, recall: recall, f1: f1, accuracy: overlaps.isEmpty ? 0 : Double(exactMatches) / Double(overlaps.count))
    }
}
