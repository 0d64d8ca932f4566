import ArgumentParser
import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser

/// `train reply-relation`: how the stance analyser reads a reply that neither says it agrees nor that it
/// disagrees with the comment it answers.
struct TrainReplyRelation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply-relation",
        abstract: "Train the model of whether a reply agrees or disagrees with the comment it answers.",
        discussion: """
            Every --data set's replies labelled agree or disagree are pooled (IAC 4forums' posts.jsonl.gz, a .jsonl \
            of quote/response/label pairs, RumourEval's threads.json; docs/stance.md, "Replies"). C is chosen from \
            --costs by the mean macro-F1 over the --validation sets, which should come from other sites than the \
            training data. A path may end in @SPLIT (IAC: train, dev or all; default all). The model is written \
            atomically.
            Exit codes: 0 trained; 2 usage error; 4 data or lexicons unreadable, nothing to learn, or the model could \
            not be written.
            """)

    @Option(help: ArgumentHelp("Labelled replies to train on (repeatable): PATH or PATH@SPLIT.", valueName: "path"))
    var data: [String] = []

    @Option(help: ArgumentHelp("Labelled replies from other sites, for choosing C (repeatable): PATH or PATH@SPLIT.", valueName: "path"))
    var validation: [String] = []

    @OptionGroup var lexiconOptions: LexiconOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Values of C to try.", valueName: "c"))
    var costs: [Double] = [0.1, 0.3, 1]

    @Option(name: .customLong("minimum-frequency"), help: ArgumentHelp("Keep n-grams found in at least this many training replies.", valueName: "n"))
    var minimumFrequency = 20

    @Option(name: .customLong("minimum-groups"), help: ArgumentHelp("Keep n-grams said on at least this many of the training data's topics (IAC has 8): a word said on one topic stands for that topic's arguments, not for agreeing.", valueName: "n"))
    var minimumGroups = 1

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data set") }
        if minimumFrequency < 1 { throw ValidationError("--minimum-frequency must be 1 or more") }
        if costs.isEmpty || costs.contains(where: { !($0 > 0) }) { throw ValidationError("--costs must be numbers above 0") }
        try refuseOverwriting(inputs: (data + validation).map { TrainMotionStance.split($0, default: "").path }, outputs: [("--output", output)])
    }

    func run() throws {
        try exitingOnFailure {
            let lexicons = try lexiconOptions.directory()
            let tokenizer = try Tokenizer()
            let features = try ReplyRelationFeatures(engine: try SentimentEngine(lexicons: lexicons), lexicons: lexicons)
            func load(_ argument: String) throws -> (name: String, read: [(pair: ReplyPairs.Pair, reply: TokenizedUnit, input: NGramLinearModel.Input)]) {
                let (path, split) = TrainMotionStance.split(argument, default: "all")
                let read = ReplyRelationEvaluation.inputs(try ReplyPairs.load(path, split: split), features: features, tokenizer: tokenizer)
                let name = "\(URL(fileURLWithPath: path).standardized.lastPathComponent)@\(split)"
                show("\(name): \(read.count) replies that agree or disagree (\(read.count { $0.pair.relation == "agree" }) agree)")
                return (name, read)
            }
            let training = try data.map(load)
            let held = try validation.map(load)
            let pooled = training.flatMap(\.read)
            var groups: [String: Set<String>] = [:]
            for item in pooled {
                for gram in Set(item.input.grams) { groups[gram, default: []].insert(item.pair.group) }
            }
            let minimumGroups = minimumGroups
            let prepared = NGramLinearModel.Training(
                pooled.map(\.input), second: pooled.map { $0.pair.relation == "disagree" }, labels: ReplyRelation.labels, dense: ReplyRelationFeatures.denseNames,
                minimumDocumentFrequency: minimumFrequency, keeping: { (groups[$0]?.count ?? 0) >= minimumGroups })
            let sources = training.map(\.name)
            func model(_ cost: Double) throws -> NGramLinearModel {
                try prepared.model(cost: cost, sources: sources, format: NGramLinearModel.replyRelationFormat, solver: .logistic)
            }
            let chosen = try chooseCost(costs, heldOut: held.map(\.name), measure: "macro-F1 ") { cost in
                let candidate = try model(cost)
                return held.map { set in
                    LabelEvaluation.score(set.read.map { ($0.pair.id, $0.pair.relation, ReplyRelation(model: candidate, input: $0.input).label) }).macroF1
                }
            }
            try writeDataFile(try model(chosen), to: output)
            show("Trained C \(chosen) on \(prepared.count) replies. Model: \(output)")
        }
    }
}
