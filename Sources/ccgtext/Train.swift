import ArgumentParser
import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTokenize
import Foundation

/// Training of supervised analysers from labelled data.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a supervised analyser on labelled data.",
        subcommands: [TrainStance.self])
}

/// Where labelled stance data comes from: shared by `train stance` and `eval stance`.
struct StanceDataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Data format: tweeteval (the stance folder, or one target's folder) or tsv (columns text, label and optionally target, id).", valueName: "format"))
    var format: StanceEvaluation.Format?

    func resolvedFormat(for path: String) -> StanceEvaluation.Format {
        if let format { return format }
        return path.lowercased().hasSuffix(".tsv") ? .tsv : .tweeteval
    }
}

extension StanceEvaluation.Format: ExpressibleByArgument {}

struct TrainStance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance",
        abstract: "Train a stance model: one linear SVM (liblinear) per target on word and character n-gram TF-IDF.",
        discussion: """
            Each target (a TweetEval target folder, or the tsv's target column) gets its own classifier and vocabulary. \
            Without --cost, C is chosen from 0.03, 0.1, 0.3, 1, 3 and 10 by F-avg on the validation split (TweetEval's \
            val_*.txt) when there is one, and is 1 otherwise; the chosen C is printed and stored in the model. The \
            model file is JSON, versioned, described in docs/stance.md, and written atomically.
            Exit codes: 0 trained; 2 usage error; 4 data unreadable, nothing to learn, or the model could not be written.
            """)

    @Option(help: ArgumentHelp("Labelled data: TweetEval's stance folder (or one target's folder), or a tsv file.", valueName: "path"))
    var data: String

    @OptionGroup var dataOptions: StanceDataOptions

    @Option(help: ArgumentHelp("TweetEval split to train on.", valueName: "split"))
    var split: String = "train"

    @Option(help: ArgumentHelp("The SVM's C (default: chosen on the validation split, or 1).", valueName: "c"))
    var cost: Double?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String

    func validate() throws {
        if let cost, !(cost > 0) { throw ValidationError("--cost must be above 0") }
    }

    func run() throws {
        try exitingOnFailure {
            let format = dataOptions.resolvedFormat(for: data)
            let tokenizer = try Tokenizer()
            let training = try StanceEvaluation.load(data, format: format, split: split)
            let prepared = StanceModel.Training(StanceEvaluation.examples(training, tokenizer: tokenizer), labels: StanceEvaluation.labels)
            var chosen = cost ?? 1
            if cost == nil, format == .tweeteval, let validation = try? StanceEvaluation.load(data, format: format, split: "val") {
                let validationExamples = StanceEvaluation.examples(validation, tokenizer: tokenizer)
                var best = -1.0
                for candidate in [0.03, 0.1, 0.3, 1, 3, 10] {
                    let predicted = StanceEvaluation.predict(validationExamples, model: try prepared.model(cost: candidate)).labels
                    let fAverage = StanceEvaluation.score(gold: validation.map(\.label), predicted: predicted).fAverage
                    print("C \(candidate): validation F-avg \(String(format: "%.4f", fAverage))")
                    if fAverage > best {
                        best = fAverage
                        chosen = candidate
                    }
                }
            }
            let model = try prepared.model(cost: chosen)
            try model.write(to: output)
            let targets = model.targets.keys.sorted().map { "\($0) (\(model.targets[$0]?.trainingExamples ?? 0))" }
            print("Trained C \(chosen) on \(training.count) texts, targets: \(targets.joined(separator: ", ")). Model: \(output)")
        }
    }
}
