import CCGLearn
import CCGModel
import CCGTokenize
import StanceAnalyser

/// Scores how replies are read against sets that label their relation to the comment they answer
/// (`ReplyPairs`): the learnt model beside the analyser's cue rules, on the replies that agree or disagree
/// (asking and just commenting are the analyser's question and thanks rules' business, not the model's).
public struct ReplyRelationEvaluation: Sendable {
    public var name: String
    /// Pairs labelled agree or disagree, and the rest (ask, comment) left out.
    public var pairs: Int
    public var leftOut: Int
    public var model: LabelEvaluation?
    public var rules: LabelEvaluation
    /// Each scored reply: id, gold relation, the model's chance that it disagrees (nil without a model), the
    /// rules' relation.
    public var items: [(id: String, gold: String, chanceOfDisagreeing: Double?, rules: String)]

    /// The features and labels of a set's agree/disagree pairs, read as the analyser reads a reply and
    /// its parent.
    public static func inputs(_ pairs: [ReplyPairs.Pair], features: ReplyRelationFeatures, tokenizer: Tokenizer) -> [(pair: ReplyPairs.Pair, reply: TokenizedUnit, input: NGramLinearModel.Input)] {
        pairs.filter { ReplyRelation.labels.contains($0.relation) }.map { pair in
            let reply = tokenizer.tokenize(TextUnit(id: pair.id, type: .comment, text: pair.reply))
            let parent = tokenizer.tokenize(TextUnit(id: pair.id + "/parent", type: .comment, text: pair.parent))
            return (pair, reply, features.features(of: reply, parent: parent))
        }
    }

    public static func run(name: String, pairs: [ReplyPairs.Pair], model: NGramLinearModel?, features: ReplyRelationFeatures, tokenizer: Tokenizer) -> ReplyRelationEvaluation {
        let read = inputs(pairs, features: features, tokenizer: tokenizer)
        let chances = read.map { item in model.map { ReplyRelation(model: $0, input: item.input).chanceOfDisagreeing } }
        let ruled = read.map { features.ruleRelation(of: $0.reply) }
        let learnt = model.map { _ in
            LabelEvaluation.score(zip(read, chances).map { ($0.pair.id, $0.pair.relation, ($1 ?? 0) > 0.5 ? "disagree" : "agree") })
        }
        let rules = LabelEvaluation.score(zip(read, ruled).map { ($0.pair.id, $0.pair.relation, $1) })
        let items = read.indices.map { (read[$0].pair.id, read[$0].pair.relation, chances[$0], ruled[$0]) }
        return ReplyRelationEvaluation(name: name, pairs: read.count, leftOut: pairs.count - read.count, model: learnt, rules: rules, items: items)
    }
}
