import CCGLearn
import CCGModel
import Foundation
import SentimentAnalyser

/// How a reply relates to the comment it answers: whether it agrees (and so shares the parent's side) or
/// disagrees (and takes the other). A reply that says "I agree" or "nonsense" has told us; most say neither,
/// and there the model learnt on forum threads (`ccgtext train reply-relation`, docs/stance.md, "Replies")
/// reads it from how replies that agree and replies that disagree are written: negators, questions, talk
/// aimed at the person, sentiment beside the parent's, the reply's words and its opening.
public struct ReplyRelation: Sendable, Equatable {
    /// The chance that the reply disagrees with its parent, from the learnt model.
    public var chanceOfDisagreeing: Double
    /// The features that pushed the chance most, with their share of the log-odds (above zero: toward
    /// disagreeing).
    public var reasons: [Reason]

    public struct Reason: Sendable, Equatable {
        public var feature: String
        public var contribution: Double
    }

    /// From +1 (surely agrees) through 0 (cannot tell) to −1 (surely disagrees): what the parent's lean is
    /// multiplied by to give the reply's. The model's chances are surer than it is right, so the relation
    /// is shrunk by `relationShare`.
    public var relation: Double { Self.relationShare * (1 - 2 * chanceOfDisagreeing) }

    /// The least-squares scale of 1 − 2 × chance against the gold relation (+1 agree, −1 disagree) on IAC's
    /// dev discussions, which the model was not trained on: 0.71 (`ccgtext eval reply-relation
    /// --write-scores`; docs/stance.md, "Replies"). On the other sites it is 0.85 (Reddit) and 0.58
    /// (RumourEval).
    public static let relationShare = 0.7

    public var label: String { chanceOfDisagreeing > 0.5 ? "disagree" : "agree" }

    /// The labels of the learnt model, first and second (its margin leans toward disagreeing).
    public static let labels = ["agree", "disagree"]

    /// The shipped model's file in the lexicon folder.
    public static let modelPath = "stance/reply-relation.en.json"

    /// The n-gram block's share beside the dense values. Chosen with the sources the model is not trained
    /// on (Reddit quote–response pairs, RumourEval replies; docs/stance.md, "Replies"): the dense values
    /// carry across sites, the words less so.
    public static let gramWeight = 0.5

    /// With the logistic solver the margin is twice the log-odds.
    public init(model: NGramLinearModel, input: NGramLinearModel.Input, reasons count: Int = 4) {
        let vector = model.vector(input)
        let margin = model.margin(vector: vector)
        chanceOfDisagreeing = 1 / (1 + exp(-margin / 2))
        reasons = model.reasons(vector: vector, count: count).map { Reason(feature: $0.feature, contribution: Evidence.rounded($0.contribution / 2)) }
    }
}

/// What the reply-relation model reads of a reply and its parent. Training, evaluation and the analyser
/// compute them here, one way.
public struct ReplyRelationFeatures: Sendable {
    public static let denseNames = [
        "sentiment×parent-sentiment", "sentiment", "parent-sentiment", "negation", "addresses-person", "question", "length", "agree-cue", "disagree-cue",
    ]

    /// The words of `lexicons/stance/cues.en.json` the features read.
    struct Words: Decodable {
        var agreeWithParent: [String]
        var disagreeWithParent: [String]
        var attackOnCommenter: [String]
        /// Words that speak to the person answered ("you", "your"). Optional, for older lexicon folders.
        var secondPerson: [String]?
    }

    let engine: SentimentEngine
    let agree: [String]
    let disagree: [String]
    let attack: [String]
    let secondPerson: Set<String>

    public init(engine: SentimentEngine, lexicons: LexiconDirectory) throws {
        let words = try lexicons.json("stance/cues.en.json", as: Words.self)
        self.engine = engine
        agree = words.agreeWithParent
        disagree = words.disagreeWithParent
        attack = words.attackOnCommenter
        secondPerson = Set(words.secondPerson ?? [])
    }

    /// The reply's words and bigrams, its first four words marked as the opening (`^but`), and the dense
    /// values in `denseNames` order.
    public func features(of reply: TokenizedUnit, parent: TokenizedUnit) -> NGramLinearModel.Input {
        let words = reply.tokens.filter(\.isWordLike).map(\.folded)
        var grams = words
        grams.reserveCapacity(words.count * 2 + 4)
        if words.count > 1 {
            for position in 1..<words.count { grams.append(words[position - 1] + " " + words[position]) }
        }
        grams += words.prefix(4).map { "^" + $0 }
        let sentiment = engine.score(unit: reply).score
        let parentSentiment = engine.score(unit: parent).score
        let negators = words.count { engine.isNegator($0) }
        let lowered = StanceAnalyser.lowered(reply)
        let dense = [
            sentiment * parentSentiment, sentiment, parentSentiment,
            words.isEmpty ? 0 : Double(negators) / Double(words.count).squareRoot(),
            words.contains { secondPerson.contains($0) } ? 1 : 0,
            reply.unit.text.contains("?") ? 1 : 0,
            Double(min(words.count, 200)) / 200,
            StanceAnalyser.firstPhrase(agree, in: reply, lowered: lowered) == nil ? 0 : 1,
            StanceAnalyser.firstPhrase(disagree, in: reply, lowered: lowered) == nil ? 0 : 1,
        ]
        return NGramLinearModel.Input(grams: grams, dense: dense, gramWeight: ReplyRelation.gramWeight)
    }

    /// What the analyser's cues alone say, as it read replies before the model: an attack on the commenter
    /// or a disagreeing phrase disagrees, and every other reply leans with its parent. The baseline the
    /// model is measured against (`ccgtext eval reply-relation`).
    public func ruleRelation(of reply: TokenizedUnit) -> String {
        if StanceAnalyser.firstPhrase(attack, in: reply) != nil { return "disagree" }
        if StanceAnalyser.firstPhrase(agree, in: reply) != nil { return "agree" }
        return StanceAnalyser.firstPhrase(disagree, in: reply) == nil ? "agree" : "disagree"
    }
}
