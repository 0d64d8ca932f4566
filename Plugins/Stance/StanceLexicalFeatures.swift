import CCGModel
import SentimentAnalyser

/// The lexicon-derived numbers a trained stance model reads beside its n-grams: how the text feels, how
/// much it negates, and how it feels once the motion's own slant is taken into account.
///
/// N-grams learn which words go with which side of a question they have seen; these carry over to
/// questions they have not (on Procon20's development split they add about two points, docs/stance.md).
/// They are computed here, next to the zero-shot rules that use the same engine, so that training,
/// evaluation and the analyser compute them one way.
public struct StanceLexicalFeatures: Sendable {
    /// Feature names, in value order; a model records them and refuses to run with another list.
    public static let names = ["sentiment", "negation-rate", "sentiment-toward-motion"]

    let engine: SentimentEngine

    public init(engine: SentimentEngine) {
        self.engine = engine
    }

    /// The values for a unit about a motion (nil when there is none):
    /// - `sentiment`: the engine's score of the whole unit, in (−1, 1);
    /// - `negation-rate`: negators ("not", "never", "without", "don't"…) per 100 words;
    /// - `sentiment-toward-motion`: the score, sign-flipped when the motion itself reads negative ("Is X a
    ///   failed experiment?"), where criticism backs the motion.
    public func values(of unit: TokenizedUnit, motion: TokenizedUnit?) -> [Double] {
        let sentiment = engine.score(unit: unit).score
        var words = 0
        var negators = 0
        for token in unit.tokens where token.isWordLike {
            words += 1
            if engine.isNegator(token.folded) { negators += 1 }
        }
        let motionIsNegative = motion.map { engine.score(unit: $0).score <= engine.negativeThreshold } ?? false
        return [sentiment, words == 0 ? 0 : 100 * Double(negators) / Double(words), motionIsNegative ? -sentiment : sentiment]
    }
}
