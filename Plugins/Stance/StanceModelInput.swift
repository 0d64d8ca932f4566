import CCGLearn
import CCGModel

/// What a trained stance model reads from a unit, computed one way for training, evaluation and the
/// analyser: the folded words (punctuation and symbols left out) and, when the model asks for them, the
/// lexicon features toward the motion.
public enum StanceModelInput {
    public static func words(of unit: TokenizedUnit) -> [String] {
        unit.tokens.filter { $0.kind != .punctuation && $0.kind != .symbol }.map(\.folded)
    }

    public static func example(
        _ unit: TokenizedUnit, target: String, motion: TokenizedUnit?, lexical: StanceLexicalFeatures?, label: Int = 0
    ) -> StanceModel.Example {
        StanceModel.Example(target: target, words: words(of: unit), lexical: lexical?.values(of: unit, motion: motion) ?? [], label: label)
    }
}
