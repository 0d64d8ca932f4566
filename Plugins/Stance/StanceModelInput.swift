import CCGLearn
import CCGModel

/// What a trained stance model reads from a unit, computed one way for training, evaluation and the
/// analyser: the folded words (punctuation and symbols left out) and, when the model asks for them, the
/// lexicon features toward the motion.
public enum StanceModelInput {
    public static func words(of unit: TokenizedUnit) -> [String] {
        wordIndices(of: unit).map { unit.tokens[$0].folded }
    }

    /// Which of the unit's tokens are the model's words, so that an n-gram the model cites can be found
    /// again in the text.
    public static func wordIndices(of unit: TokenizedUnit) -> [Int] {
        unit.tokens.indices.filter { unit.tokens[$0].kind != .punctuation && unit.tokens[$0].kind != .symbol }
    }

    public static func example(
        _ unit: TokenizedUnit, target: String, motion: TokenizedUnit?, lexical: StanceLexicalFeatures?, label: Int = 0
    ) -> StanceModel.Example {
        StanceModel.Example(target: target, words: words(of: unit), lexical: lexical?.values(of: unit, motion: motion) ?? [], label: label)
    }
}
