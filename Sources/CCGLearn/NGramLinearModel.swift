import Foundation

/// A two-label linear classifier over a block of n-grams and a few dense values, as the stance analyser's
/// learnt models are: the n-gram block is TF-IDF weighted, L2-normalised and multiplied by the input's
/// `gramWeight`; the dense values follow it as they are. Its margin leans toward the second label.
///
/// Two kinds ship, told apart by `format`:
/// - the stance model learnt across many motions (`lexicons/stance/motion-model.en.json`, labels
///   against/favor, features read relative to the motion by `MotionStanceFeatures`; `ccgtext train
///   motion-stance`);
/// - how a reply relates to what it answers (`lexicons/stance/reply-relation.en.json`, labels
///   agree/disagree, `ReplyRelationFeatures`; `ccgtext train reply-relation`).
/// docs/stance.md gives the commands and the data. A file of another format or version is refused.
public struct NGramLinearModel: Codable, Sendable, Equatable {
    public static let motionStanceFormat = "ccgtext-motion-stance-model"
    public static let replyRelationFormat = "ccgtext-reply-relation-model"
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    public var terms: [String]
    public var idf: [Double]
    public var dense: [String]
    public var classifier: LinearModel
    public var cost: Double
    public var minimumDocumentFrequency: Int
    /// What a margin means: the chance the label is right, fit on motions held out of training.
    public var calibration: ConfidenceCalibration?
    /// The data it was trained on, with their licences, as the command was given them.
    public var sources: [String]
    public var trainingExamples: Int

    private var index = TermIndex([])

    enum CodingKeys: String, CodingKey {
        case format, version, terms, idf, dense, classifier, cost, minimumDocumentFrequency, calibration, sources, trainingExamples
    }

    /// What the features of one text are, before weighting.
    public struct Input: Sendable {
        public var grams: [String]
        public var dense: [Double]
        /// What the normalised n-gram block is multiplied by: the motion's polarity for stance (so that one
        /// n-gram argues both ways), a fixed share for the reply relation.
        public var gramWeight: Double
        public init(grams: [String], dense: [Double], gramWeight: Double) {
            self.grams = grams
            self.dense = dense
            self.gramWeight = gramWeight
        }
    }

    /// The big arrays are stored packed: the terms as one string of lines (a term never holds a line
    /// break: it is words joined by spaces), the numbers as base64 of their little-endian bytes (idf as
    /// 64-bit, the weights as the 32-bit floats the classifier keeps). Decoding a JSON array of 125,000
    /// numbers took a fifth of a second of every run's start-up; the packed form takes a few milliseconds.
    private struct PackedClassifier: Codable {
        var labels: [String]
        var bias: [Double]
        var weights: [String]
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        format = try container.decode(String.self, forKey: .format)
        version = try container.decode(Int.self, forKey: .version)
        let packedTerms = try container.decode(String.self, forKey: .terms)
        // Split as bytes: splitting the String itself walks 125,000 lines by grapheme clusters.
        terms = packedTerms.isEmpty ? [] : packedTerms.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let corrupt = DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "terms, idf and weights differ in length or are not base64"))
        guard let idf = Self.unpack(try container.decode(String.self, forKey: .idf), as: Double.self) else { throw corrupt }
        self.idf = idf
        dense = try container.decode([String].self, forKey: .dense)
        let packed = try container.decode(PackedClassifier.self, forKey: .classifier)
        let rows = packed.weights.map { Self.unpack($0, as: Float.self) }
        guard rows.allSatisfy({ $0 != nil }) else { throw corrupt }
        classifier = LinearModel(labels: packed.labels, weights: rows.compactMap { $0 }, bias: packed.bias)
        cost = try container.decode(Double.self, forKey: .cost)
        minimumDocumentFrequency = try container.decode(Int.self, forKey: .minimumDocumentFrequency)
        calibration = try container.decodeIfPresent(ConfidenceCalibration.self, forKey: .calibration)
        sources = try container.decode([String].self, forKey: .sources)
        trainingExamples = try container.decode(Int.self, forKey: .trainingExamples)
        guard idf.count == terms.count, classifier.labels.count == classifier.weights.count, classifier.bias.count == classifier.weights.count,
            classifier.weights.allSatisfy({ $0.count == terms.count + dense.count }), terms.allSatisfy({ !$0.isEmpty })
        else { throw corrupt }
        index = TermIndex(terms)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(version, forKey: .version)
        try container.encode(terms.joined(separator: "\n"), forKey: .terms)
        try container.encode(Self.pack(idf), forKey: .idf)
        try container.encode(dense, forKey: .dense)
        try container.encode(PackedClassifier(labels: classifier.labels, bias: classifier.bias, weights: classifier.weights.map(Self.pack)), forKey: .classifier)
        try container.encode(cost, forKey: .cost)
        try container.encode(minimumDocumentFrequency, forKey: .minimumDocumentFrequency)
        try container.encodeIfPresent(calibration, forKey: .calibration)
        try container.encode(sources, forKey: .sources)
        try container.encode(trainingExamples, forKey: .trainingExamples)
    }

    private static func pack<T: BinaryFloatingPoint & BitwiseCopyable>(_ values: [T]) -> String {
        var data = Data(capacity: values.count * MemoryLayout<T>.size)
        for value in values {
            withUnsafeBytes(of: value) { data.append(contentsOf: $0) }
        }
        return data.base64EncodedString()
    }

    private static func unpack<T: BinaryFloatingPoint & BitwiseCopyable>(_ text: String, as type: T.Type) -> [T]? {
        guard let data = Data(base64Encoded: text), data.count % MemoryLayout<T>.size == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / MemoryLayout<T>.size)).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self) }
        }
    }


    /// The sparse vector of a text, columns in the model's order.
    public func vector(_ input: Input) -> SparseVector {
        Self.vector(input, index: index, idf: idf, termCount: terms.count)
    }

    static func vector(_ input: Input, index: TermIndex, idf: [Double], termCount: Int) -> SparseVector {
        // The columns found, sorted, counted in runs (a dictionary of counts hashed every n-gram twice).
        var found: [Int] = []
        found.reserveCapacity(input.grams.count)
        for gram in input.grams { if let column = index[gram] { found.append(column) } }
        found.sort()
        var columns: [Int] = []
        var values: [Double] = []
        var run = 0
        while run < found.count {
            var next = run + 1
            while next < found.count, found[next] == found[run] { next += 1 }
            columns.append(found[run])
            values.append((1 + log(Double(next - run))) * idf[found[run]])
            run = next
        }
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { values = values.map { input.gramWeight * $0 / norm } }
        for (offset, value) in input.dense.enumerated() where value != 0 {
            columns.append(termCount + offset)
            values.append(value)
        }
        return SparseVector(indices: columns.map(Int32.init), values: values)
    }

    /// The second label's decision value minus the first's (above zero leans to the second: `favor` of
    /// against/favor, `disagree` of agree/disagree).
    public func margin(_ input: Input) -> Double { margin(vector: vector(input)) }

    /// The margin of a vector made by `vector(_:)`: a caller that wants the reasons too makes it once.
    public func margin(vector: SparseVector) -> Double {
        guard classifier.labels.count == 2 else { return 0 }
        let (_, values) = classifier.predict(vector)
        return values[1] - values[0]
    }

    /// The features of a text that pushed it most toward the second label (positive) or the first
    /// (negative): (feature, contribution to the margin), the strongest `count` by size.
    public func reasons(_ input: Input, count: Int) -> [(feature: String, contribution: Double)] { reasons(vector: vector(input), count: count) }

    public func reasons(vector: SparseVector, count: Int) -> [(feature: String, contribution: Double)] {
        guard classifier.labels.count == 2 else { return [] }
        let (first, second) = (0, 1)
        let contributions = zip(vector.indices, vector.values).map { column, value -> (feature: String, contribution: Double) in
            let position = Int(column)
            let weight = Double(classifier.weights[second][position] - classifier.weights[first][position])
            return (position < terms.count ? terms[position] : dense[position - terms.count], weight * value)
        }
        return Array(contributions.sorted { abs($0.contribution) != abs($1.contribution) ? abs($0.contribution) > abs($1.contribution) : $0.feature < $1.feature }.prefix(count))
    }

    /// The chance that the side a margin picks is right.
    public func confidence(margin: Double) -> Double {
        calibration?.confidence(abs(margin)) ?? 1 / (1 + exp(-2 * abs(margin)))
    }

    /// Features fitted once, for training at several values of C.
    public struct Training: Sendable {
        let terms: [String]
        let idf: [Double]
        let dense: [String]
        let vectors: [SparseVector]
        let classes: [Int]
        let minimumDocumentFrequency: Int
        let labels: [String]
        public var count: Int { vectors.count }

        /// `second[i]` is whether text i has the second of `labels` (for stance: whether it argues for its
        /// motion).
        /// With `keeping`, only the n-grams it accepts are features (the reply relation keeps those said on
        /// most topics, so that a topic's own words do not stand for agreeing or disagreeing).
        public init(
            _ inputs: [Input], second: [Bool], labels: [String] = ["against", "favor"], dense: [String], minimumDocumentFrequency: Int = 2,
            keeping: (String) -> Bool = { _ in true }
        ) {
            var documentFrequency: [String: Int] = [:]
            for input in inputs {
                for gram in Set(input.grams) { documentFrequency[gram, default: 0] += 1 }
            }
            let kept = documentFrequency.filter { $0.value >= minimumDocumentFrequency && keeping($0.key) }.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            let count = Double(inputs.count)
            terms = kept
            idf = kept.map { log((1 + count) / (1 + Double(documentFrequency[$0] ?? 0))) + 1 }
            self.dense = dense
            self.minimumDocumentFrequency = minimumDocumentFrequency
            let index = TermIndex(kept)
            let idf = idf
            vectors = inputs.map { NGramLinearModel.vector($0, index: index, idf: idf, termCount: kept.count) }
            classes = second.map { $0 ? 1 : 0 }
            self.labels = labels
        }

        /// With `solver` logistic the margin is twice the log-odds of the second label.
        public func model(cost: Double, sources: [String], format: String = NGramLinearModel.motionStanceFormat, solver: LinearModel.Solver = .svm) throws -> NGramLinearModel {
            let classifier = try LinearModel.train(
                examples: vectors, classes: classes, labels: labels, featureCount: terms.count + dense.count, cost: cost, balanced: true, solver: solver)
            guard classifier.labels.count == 2 else { throw LinearModel.TrainingError.oneClass(classifier.labels.first ?? "") }
            return NGramLinearModel(
                format: format, terms: terms, idf: idf, dense: dense, classifier: classifier, cost: cost, minimumDocumentFrequency: minimumDocumentFrequency,
                sources: sources, trainingExamples: vectors.count)
        }
    }

    init(
        format: String, terms: [String], idf: [Double], dense: [String], classifier: LinearModel, cost: Double, minimumDocumentFrequency: Int, sources: [String],
        trainingExamples: Int
    ) {
        self.format = format
        version = Self.currentVersion
        self.terms = terms
        self.idf = idf
        self.dense = dense
        self.classifier = classifier
        self.cost = cost
        self.minimumDocumentFrequency = minimumDocumentFrequency
        self.sources = sources
        self.trainingExamples = trainingExamples
        index = TermIndex(terms)
    }

    public static func == (lhs: NGramLinearModel, rhs: NGramLinearModel) -> Bool {
        lhs.format == rhs.format && lhs.terms == rhs.terms && lhs.idf == rhs.idf && lhs.classifier == rhs.classifier && lhs.calibration == rhs.calibration && lhs.sources == rhs.sources
    }

    public static func load(_ data: Data, path: String, format formatName: String = motionStanceFormat) throws -> NGramLinearModel {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else { throw StanceModel.ModelError.unreadable(path: path, reason: "not JSON") }
        guard header.format == formatName, header.version == currentVersion else {
            throw StanceModel.ModelError.unreadable(
                path: path, reason: "format \(header.format ?? "none") version \(header.version ?? 0); expected \(formatName) version \(currentVersion)")
        }
        do { return try JSONDecoder().decode(NGramLinearModel.self, from: data) } catch {
            throw StanceModel.ModelError.unreadable(path: path, reason: "\(error)")
        }
    }
}
