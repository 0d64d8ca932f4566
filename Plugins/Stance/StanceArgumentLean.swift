import CCGLearn
import CCGModel
import Foundation
import SentimentAnalyser

/// How an argument leans when nothing else says: those who argue against a proposition deny things, those
/// who argue for it speak well of it (when the motion itself reads well) — a few sentence-level signals
/// weighed by a logistic model fit on someone else's debates, so that a motion nobody labelled still gets a
/// reasoned lean.
///
/// The weights are data, not code: `lexicons/stance/argument-lean.en.json`, written by
/// `ccgtext train argument-lean` (the file names its data and command). A unit's lean is the model's
/// log-odds of favour on a weighted mean of its sentences' signals (the first counts most), so the length
/// of the text does not count: the data it was fit on has one-sentence perspectives, the texts it reads are
/// paragraphs.
public struct StanceArgumentLean: WeightsFile, Codable, Sendable, Equatable {
    public static let formatName = "ccgtext-stance-argument-lean"
    public static let currentVersion = 1
    /// Signal names, in value order; a file with another list is refused.
    public static let featureNames = ["sentiment", "sentiment-toward-motion", "negated", "negated-toward-motion"]
    public static let kind = "argument-lean weights"

    public var format: String
    public var version: Int
    /// Where the weights come from: data, split, what was left out, the command.
    public var source: String
    public var licence: String
    public var features: [String]
    public var weights: [Double]
    public var bias: Double
    public var cost: Double
    public var examples: Int

    /// A file this build cannot read (see `WeightsFile.validated()`).
    public typealias LeanError = IncompatibleWeights

    /// A motion whose own words read negative ("Is X a failed experiment?", "Should X be banned?"): praise
    /// of its subject then argues against it.
    public static func motionIsNegative(_ motion: TokenizedUnit?, engine: SentimentEngine) -> Bool {
        motion.map { engine.score(unit: $0).score <= engine.negativeThreshold } ?? false
    }

    /// Sentences that carry an argument: at least three words.
    static let minimumWords = 3
    /// How much more a sentence opening with a contrastive conjunction counts, and how much the sentences
    /// before it do (see `meanSignals`; the sweep is in docs/stance.md). Chosen on Procon20's dev and train
    /// splits; PERSPECTRUM's one-sentence perspectives, which the weights are fit on, have no turns.
    static let turnWeight = 1.5
    static let concededWeight = 0.25

    /// One sentence's signals, and the negator that made it a denial (for evidence).
    static func signals(
        of unit: TokenizedUnit, sentence: Int, score: Double, motionIsNegative: Bool, engine: SentimentEngine
    ) -> (values: [Double], words: Int, negator: Int?)? {
        let range = unit.sentences[sentence].tokens
        var words = 0
        var negator: Int?
        for index in range where unit.tokens[index].isWordLike {
            words += 1
            if negator == nil, engine.isNegator(unit.tokens[index].folded) { negator = index }
        }
        guard words >= minimumWords else { return nil }
        let polarity = motionIsNegative ? -1.0 : 1.0
        let negated = negator == nil ? 0.0 : 1.0
        return ([score, score * polarity, negated, negated * polarity], words, negator)
    }

    /// A sentence the lean reads: its signals, the weight it gets in the unit's mean (see `meanSignals`), and
    /// the negator that made it a denial. Public so that other weightings and signals can be explored on the
    /// same reading (`ccgtext train argument-lean --write-signals`).
    public struct SentenceSignals: Sendable, Equatable {
        /// Index into the unit's sentences.
        public var sentence: Int
        public var words: Int
        /// Opens with a contrastive conjunction ("However, …"): a turn.
        public var turns: Bool
        /// Positional weight, turns applied; not normalised.
        public var weight: Double
        public var values: [Double]
        public var negator: Int?
    }

    /// Every sentence of three words or more with its signals and weight 1, 1/2, 1/3… by position. An
    /// argument states its claim first and then elaborates, quotes the other side or concedes, so later
    /// sentences say less about its side (on Procon20's dev and train splits, which are not used for
    /// fitting, this beat a plain mean by 2 and 1 points).
    ///
    /// A sentence that opens with a contrastive conjunction ("However, …", "But …") is where the writer
    /// turns from what they concede to what they hold: it counts `turnWeight` times more, and every
    /// sentence before it `concededWeight` times as much (Procon20 dev +0.4, train +0.5 points).
    public static func sentenceSignals(
        of unit: TokenizedUnit, sentenceScores: [Double], motionIsNegative: Bool, engine: SentimentEngine
    ) -> [SentenceSignals] {
        var found: [SentenceSignals] = []
        for sentence in unit.sentences.indices where sentence < sentenceScores.count {
            guard let one = signals(of: unit, sentence: sentence, score: sentenceScores[sentence], motionIsNegative: motionIsNegative, engine: engine)
            else { continue }
            let opening = unit.sentences[sentence].tokens.first { unit.tokens[$0].isWordLike }
            found.append(
                SentenceSignals(
                    sentence: sentence, words: one.words, turns: opening.map { engine.isContrastive(unit.tokens[$0].folded) } ?? false,
                    weight: 1 / Double(found.count + 1), values: one.values, negator: one.negator))
        }
        if let lastTurn = found.lastIndex(where: \.turns) {
            for position in found.indices {
                if found[position].turns { found[position].weight *= turnWeight }
                if position < lastTurn { found[position].weight *= concededWeight }
            }
        }
        return found
    }

    /// The unit's sentence signals averaged with the weights of `sentenceSignals`, and the negators of its
    /// denials with the share of the mean their sentence has; nil when no sentence has three words.
    public static func meanSignals(
        of unit: TokenizedUnit, sentenceScores: [Double], motionIsNegative: Bool, engine: SentimentEngine
    ) -> (values: [Double], negators: [(token: Int, share: Double)])? {
        mean(of: sentenceSignals(of: unit, sentenceScores: sentenceScores, motionIsNegative: motionIsNegative, engine: engine))
    }

    /// `meanSignals` of sentences already read.
    static func mean(of found: [SentenceSignals]) -> (values: [Double], negators: [(token: Int, share: Double)])? {
        guard !found.isEmpty else { return nil }
        var sum = [Double](repeating: 0, count: featureNames.count)
        var total = 0.0
        for one in found {
            total += one.weight
            for column in sum.indices { sum[column] += one.weight * one.values[column] }
        }
        return (sum.map { $0 / total }, found.compactMap { one in one.negator.map { ($0, one.weight / total) } })
    }

    /// Log-odds of favour for signals from `meanSignals`.
    public func logOdds(_ values: [Double]) -> Double {
        zip(weights, values).reduce(bias) { $0 + $1.0 * $1.1 }
    }

    /// The weight one fully negated text gets: what a denial costs, for evidence.
    public var denialWeight: Double { weights[2] + weights[3] }

    /// How many texts the sign of the lean gets right, of those it can score.
    public func signAccuracy(_ examples: [Example], engine: SentimentEngine) -> (correct: Int, scored: Int) {
        var correct = 0
        var scored = 0
        var negativeMotions: [String: Bool] = [:]
        for example in examples {
            guard let values = Self.meanSignals(of: example, engine: engine, negativeMotions: &negativeMotions) else { continue }
            scored += 1
            if (logOdds(values) > 0) == example.favours { correct += 1 }
        }
        return (correct, scored)
    }

    /// An example's mean sentence signals (nil when it has no three-word sentence): fitting and scoring read
    /// examples one way, `reading(of:engine:negativeMotions:)`.
    static func meanSignals(of example: Example, engine: SentimentEngine, negativeMotions: inout [String: Bool]) -> [Double]? {
        mean(of: reading(of: example, engine: engine, negativeMotions: &negativeMotions).sentences)?.values
    }

    /// An example as the lean reads it: whether its motion reads negative (worked out once per motion in
    /// `negativeMotions`) and its sentences' signals (`sentenceSignals`).
    public static func reading(
        of example: Example, engine: SentimentEngine, negativeMotions: inout [String: Bool]
    ) -> (motionIsNegative: Bool, sentences: [SentenceSignals]) {
        let motionKey = example.motion?.unit.text ?? ""
        let negative = negativeMotions[motionKey] ?? motionIsNegative(example.motion, engine: engine)
        negativeMotions[motionKey] = negative
        let scores = engine.score(unit: example.unit).sentences.map(\.score)
        return (negative, sentenceSignals(of: example.unit, sentenceScores: scores, motionIsNegative: negative, engine: engine))
    }

    // MARK: Fitting

    /// One labelled text for fitting: its tokens, its motion's, and favour or not.
    public struct Example {
        public var unit: TokenizedUnit
        public var motion: TokenizedUnit?
        public var favours: Bool

        public init(unit: TokenizedUnit, motion: TokenizedUnit?, favours: Bool) {
            self.unit = unit
            self.motion = motion
            self.favours = favours
        }
    }

    /// Fits the weights by L2-regularised logistic regression (liblinear) on texts that take a side; texts
    /// without a three-word sentence are skipped.
    public static func fit(
        _ examples: [Example], engine: SentimentEngine, cost: Double, source: String, licence: String
    ) throws -> StanceArgumentLean {
        var rows: [[Double]] = []
        var favours: [Bool] = []
        var negativeMotions: [String: Bool] = [:]
        for example in examples {
            guard let values = meanSignals(of: example, engine: engine, negativeMotions: &negativeMotions) else { continue }
            rows.append(values)
            favours.append(example.favours)
        }
        let (weights, bias) = try LinearModel.logOdds(rows: rows, positive: favours, featureCount: featureNames.count, cost: cost)
        return StanceArgumentLean(
            format: formatName, version: currentVersion, source: source, licence: licence, features: featureNames, weights: weights,
            bias: bias, cost: cost, examples: rows.count)
    }
}
