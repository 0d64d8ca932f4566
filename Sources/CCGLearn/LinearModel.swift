import CLinear

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sparse feature vector: feature indices (0-based, increasing) and their values.
public struct SparseVector: Sendable, Equatable {
    public var indices: [Int32]
    public var values: [Double]

    public init(indices: [Int32] = [], values: [Double] = []) {
        self.indices = indices
        self.values = values
    }
}

/// A one-vs-rest linear classifier trained by liblinear (L2-regularised L2-loss SVM, dual solver: the
/// solver behind scikit-learn's `LinearSVC`, which the published TweetEval SVM baseline used).
///
/// After training, the weights are copied out of liblinear's model and the C model is freed at once:
/// prediction is a dot product done here, and the weights are saved in ccgtext's own versioned model file
/// rather than liblinear's text format, so a model does not depend on the library being present to be read.
public struct LinearModel: Codable, Sendable, Equatable {
    /// Names of the classes the training data had, in the order of `weights` and `bias`.
    public var labels: [String]
    /// One weight row per class, indexed by feature; single precision, which halves the model file and
    /// moves decision values by far less than the solver's own tolerance.
    public var weights: [[Float]]
    public var bias: [Double]

    public enum TrainingError: Error, CustomStringConvertible {
        case noExamples
        case oneClass(String)
        case rejected(String)
        case notFinite(example: Int)

        public var description: String {
            switch self {
            case .noExamples: return "nothing to train on: the training data has no examples"
            case .oneClass(let label): return "nothing to learn: every training example has the label \(label)"
            case .rejected(let reason): return "liblinear rejected the training parameters: \(reason)"
            case .notFinite(let example): return "example \(example + 1) has a feature value that is not a finite number"
            }
        }
    }

    /// liblinear's solvers this project uses.
    public enum Solver: Sendable {
        /// L2-regularised L2-loss SVM, dual (n-gram classifiers: many sparse features).
        case svm
        /// L2-regularised logistic regression, primal: decision values are log-odds, for a few dense
        /// features whose weights should read as evidence.
        case logistic
    }

    /// Trains on `examples` with class ids into `labels`; `cost` is the solver's C.
    ///
    /// With `balanced`, each class's C is scaled by n / (classes × n_class): stance data is skewed
    /// (TweetEval's `against` outnumbers `favor` two to one) and F-avg weighs the rarer side as much as the
    /// common one. With three or more classes liblinear applies a class's weight only while that class is
    /// the positive side of its one-vs-rest problem; the rest keep C. (`oneVersusRest` balances both
    /// sides of each problem, as scikit-learn's `OneVsRestClassifier` with `class_weight="balanced"` does.)
    public static func train(
        examples: [SparseVector], classes: [Int], labels: [String], featureCount: Int, cost: Double, balanced: Bool = false,
        solver: Solver = .svm
    ) throws -> LinearModel {
        guard !examples.isEmpty, examples.count == classes.count else { throw TrainingError.noExamples }
        // liblinear's solvers do not stop on a NaN or an infinity: they loop until killed.
        if let bad = examples.firstIndex(where: { !$0.values.allSatisfy(\.isFinite) }) { throw TrainingError.notFinite(example: bad) }
        let present = Set(classes)
        guard present.count > 1 else { throw TrainingError.oneClass(labels[classes[0]]) }
        set_print_string_function { _ in }  // liblinear prints its iterations to stdout otherwise

        // One block of nodes for every example, each row ended by liblinear's bias node and a -1 sentinel.
        let nodeCount = examples.reduce(0) { $0 + $1.indices.count + 2 }
        let nodes = UnsafeMutablePointer<feature_node>.allocate(capacity: nodeCount)
        defer { nodes.deallocate() }
        let rows = UnsafeMutablePointer<UnsafeMutablePointer<feature_node>?>.allocate(capacity: examples.count)
        defer { rows.deallocate() }
        let targets = UnsafeMutablePointer<Double>.allocate(capacity: examples.count)
        defer { targets.deallocate() }
        var next = 0
        for (row, example) in examples.enumerated() {
            rows[row] = nodes + next
            for (index, value) in zip(example.indices, example.values) {
                nodes[next] = feature_node(index: index + 1, value: value)
                next += 1
            }
            nodes[next] = feature_node(index: Int32(featureCount + 1), value: 1)  // the bias feature
            nodes[next + 1] = feature_node(index: -1, value: 0)
            next += 2
            targets[row] = Double(classes[row])
        }
        var problem = problem(l: Int32(examples.count), n: Int32(featureCount + 1), y: targets, x: rows, bias: 1)
        let presentClasses = present.sorted()
        var weightLabels = presentClasses.map { Int32($0) }
        var classWeights = presentClasses.map { label in
            balanced ? Double(classes.count) / (Double(presentClasses.count) * Double(classes.count { $0 == label })) : 1
        }
        var refusal: String?
        var trainedModel = weightLabels.withUnsafeMutableBufferPointer { weightLabelBuffer in
            classWeights.withUnsafeMutableBufferPointer { weightBuffer -> UnsafeMutablePointer<model>? in
                // Stopping tolerance 1e-4 (scikit-learn's LinearSVC default) rather than liblinear's 0.1: the
                // looser one stops the dual solver before the weights settle, and a C search then compares
                // half-trained models.
                var parameter = parameter(
                    solver_type: Int32(solver == .svm ? L2R_L2LOSS_SVC_DUAL : L2R_LR), eps: 0.0001, C: cost, nr_weight: Int32(presentClasses.count),
                    weight_label: weightLabelBuffer.baseAddress, weight: weightBuffer.baseAddress, p: 0.1, init_sol: nil)
                if let reason = check_parameter(&problem, &parameter) {
                    refusal = String(cString: reason)
                    return nil
                }
                // liblinear's dual solver visits examples in an order drawn from the C library's rand():
                // seeding it here makes the same data give the same model, and the same bytes on disk.
                // (rand() is process-wide: models are trained one at a time.)
                srand(1)
                return CLinear.train(&problem, &parameter)
            }
        }
        defer { free_and_destroy_model(&trainedModel) }
        if let refusal { throw TrainingError.rejected(refusal) }
        guard let trained = trainedModel else { throw TrainingError.rejected("training failed") }

        // Copy the weights out, one row per class present in the training data (a class it never saw is
        // never predicted), in the order of `labels`.
        let classCount = Int(get_nr_class(trained))
        var modelLabels = [Int32](repeating: 0, count: classCount)
        get_labels(trained, &modelLabels)
        var weights = [[Float]](repeating: [Float](repeating: 0, count: featureCount), count: presentClasses.count)
        var bias = [Double](repeating: 0, count: presentClasses.count)
        for (position, label) in modelLabels.enumerated() {
            guard let row = presentClasses.firstIndex(of: Int(label)) else { continue }
            for feature in 0..<featureCount {
                weights[row][feature] = Float(get_decfun_coef(trained, Int32(feature + 1), Int32(position)))
            }
            bias[row] = get_decfun_bias(trained, Int32(position))
        }
        return LinearModel(labels: presentClasses.map { labels[$0] }, weights: weights, bias: bias)
    }

    /// One two-class problem per class, that class against all the others, each side weighted by
    /// n / (2 × n_side) so that the class and the rest weigh the same; the rows are the problems' decision
    /// functions. For a few dense features and labels that a measure weighs alike (macro-recall), where
    /// liblinear's own multi-class weighting (`train` with `balanced`) leaves the rest unweighted and so
    /// tilts every problem toward the larger classes.
    public static func oneVersusRest(
        examples: [SparseVector], classes: [Int], labels: [String], featureCount: Int, cost: Double, solver: Solver = .logistic
    ) throws -> LinearModel {
        let present = Set(classes).sorted()
        guard present.count > 2 else {
            return try train(examples: examples, classes: classes, labels: labels, featureCount: featureCount, cost: cost, balanced: true, solver: solver)
        }
        var weights: [[Float]] = []
        var bias: [Double] = []
        for label in present {
            // Class 1 is `label`, class 0 the rest; both occur (three or more classes are present), so the
            // problem's rows are [rest, label] and row 1 is the label's decision function.
            let problem = try train(
                examples: examples, classes: classes.map { $0 == label ? 1 : 0 }, labels: ["rest", labels[label]], featureCount: featureCount,
                cost: cost, balanced: true, solver: solver)
            weights.append(problem.weights[1])
            bias.append(problem.bias[1])
        }
        return LinearModel(labels: present.map { labels[$0] }, weights: weights, bias: bias)
    }

    /// A two-class logistic regression (liblinear) as one weight per feature and a bias on the log-odds of
    /// the positive class, rounded to four decimals: for the small weight files that are shipped as data
    /// and read as evidence (the stance argument lean, the keyphrase ranker).
    /// `rows` are dense: every row has a value for each of the `featureCount` features.
    public static func logOdds(rows: [[Double]], positive: [Bool], featureCount: Int, cost: Double) throws -> (weights: [Double], bias: Double) {
        let indices = (0..<Int32(featureCount)).map { $0 }
        let model = try train(
            examples: rows.map { SparseVector(indices: indices, values: $0) }, classes: positive.map { $0 ? 1 : 0 }, labels: ["negative", "positive"],
            featureCount: featureCount, cost: cost, solver: .logistic)
        guard let row = model.labels.firstIndex(of: "positive"), let other = model.labels.firstIndex(of: "negative") else {
            throw TrainingError.oneClass(model.labels.first ?? "")
        }
        // liblinear stores one vector for two classes; the rows are its two signs.
        func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
        let weights = (0..<featureCount).map { rounded((Double(model.weights[row][$0]) - Double(model.weights[other][$0])) / 2) }
        return (weights, rounded((model.bias[row] - model.bias[other]) / 2))
    }

    /// Each class's decision value for `vector`, in `labels` order.
    public func decisionValues(_ vector: SparseVector) -> [Double] {
        (0..<labels.count).map { row in
            var sum = bias[row]
            let weightRow = weights[row]
            for (index, value) in zip(vector.indices, vector.values) where Int(index) < weightRow.count {
                sum += Double(weightRow[Int(index)]) * value
            }
            return sum
        }
    }

    /// The class with the highest decision value (the first on a tie), and all values.
    public func predict(_ vector: SparseVector) -> (label: Int, values: [Double]) {
        let values = decisionValues(vector)
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        return (best, values)
    }
}
