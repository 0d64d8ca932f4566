import ArgumentParser
import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser

/// `train motion-stance`: the stance model the analyser uses by default, learnt across many motions.
struct TrainMotionStance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "motion-stance",
        abstract: "Train the stance model learnt across motions (the analyser's default) on several labelled data sets at once.",
        discussion: """
            Every --data set (its train split) is pooled; texts labelled none are left out (the model picks a side, \
            the analyser's cues and thresholds say when none is taken). Features are read relative to each text's \
            motion (docs/stance.md, "The learnt model"). C is chosen from --costs by the mean accuracy over the \
            --validation sets, whose motions must not be in the training data, and the confidence is calibrated \
            on them. A data path may end in @SPLIT to name its split (default train for --data, dev for \
            --validation). The model is written atomically.
            Exit codes: 0 trained; 2 usage error; 4 data or lexicons unreadable, nothing to learn, or the model could \
            not be written.
            """)

    @Option(help: ArgumentHelp("Labelled data to train on (repeatable): any format `train stance` reads, PATH or PATH@SPLIT.", valueName: "path"))
    var data: [String] = []

    @Option(help: ArgumentHelp("Labelled data on motions not trained on, for choosing C and calibrating (repeatable): PATH or PATH@SPLIT.", valueName: "path"))
    var validation: [String] = []

    @Option(name: .customLong("leave-out"), help: ArgumentHelp("Leave out training texts whose id starts with this (repeatable): PERSPECTRUM ids are source/claim/perspective, so procon/ drops the claims taken from procon.org when Procon20 is to be measured unseen.", valueName: "prefix"))
    var leaveOut: [String] = []

    @Option(name: .customLong("leave-out-fold"), help: ArgumentHelp("Leave out the training texts of one fold, I/N (see --fold-by), to score the model on them with `eval stance --fold I/N`.", valueName: "fold"))
    var leaveOutFold: String?

    @Option(name: .customLong("fold-by"), help: ArgumentHelp("What a fold holds: motion (every text on a motion in one fold) or item.", valueName: "key"))
    var foldBy: StanceFold.Key = .motion

    @OptionGroup var dataOptions: StanceDataOptions

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Values of C to try.", valueName: "c"))
    var costs: [Double] = [0.03, 0.1, 0.3]

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data set") }
        if costs.isEmpty || costs.contains(where: { !($0 > 0) }) { throw ValidationError("--costs must be numbers above 0") }
        if let leaveOutFold, StanceFold(leaveOutFold) == nil { throw ValidationError("--leave-out-fold must be I/N with 1 ≤ I ≤ N and N ≥ 2, as 2/5") }
        try refuseOverwriting(inputs: (data + validation).map { Self.split($0, default: "").path }, outputs: [("--output", output)])
    }

    static func split(_ argument: String, default split: String) -> (path: String, split: String) {
        guard let at = argument.lastIndex(of: "@"), !argument[argument.index(after: at)...].contains("/") else { return (argument, split) }
        return (String(argument[..<at]), String(argument[argument.index(after: at)...]))
    }

    func run() throws {
        try exitingOnFailure {
            let lexicons = try dataOptions.lexiconOptions.directory()
            let tokenizer = try Tokenizer()
            let motionLexicon = try lexicons.json(MotionReading.Lexicon.path, as: MotionReading.Lexicon.self)
            let features = MotionStanceFeatures(engine: try SentimentEngine(lexicons: lexicons), lexicon: motionLexicon)
            func inputs(_ argument: String, split defaultSplit: String, leavingOut prefixes: [String] = [], fold: StanceFold? = nil) throws -> (name: String, items: [StanceEvaluation.Item], inputs: [NGramLinearModel.Input]) {
                let (path, split) = Self.split(argument, default: defaultSplit)
                let items = try StanceEvaluation.load(path, format: dataOptions.resolvedFormat(for: path), split: split).filter { item in
                    item.label != "none" && !prefixes.contains { item.id.hasPrefix($0) } && !(fold?.contains(item) ?? false)
                }
                var readings: [String: MotionReading] = [:]
                let inputs = items.map { item in
                    let reading = readings[item.target] ?? MotionReading(item.target, lexicon: motionLexicon)
                    readings[item.target] = reading
                    return features.features(of: tokenizer.tokenize(TextUnit(id: "u1", type: .comment, text: item.text)), motion: reading)
                }
                let name = "\(URL(fileURLWithPath: path).standardized.lastPathComponent)@\(split)"
                show("\(name): \(items.count) texts on \(readings.count) motions")
                return (name, items, inputs)
            }
            // A fold left out of training is left out of every training set; the validation sets stay whole.
            let fold = leaveOutFold.flatMap { StanceFold($0, key: foldBy) }
            let training = try data.map { try inputs($0, split: "train", leavingOut: leaveOut, fold: fold) }
            let held = try validation.map { try inputs($0, split: "dev") }
            let prepared = NGramLinearModel.Training(
                training.flatMap(\.inputs), second: training.flatMap { $0.items.map { $0.label == "favor" } }, dense: MotionStanceFeatures.denseNames)
            let sources = training.map(\.name)
            let chosen = try chooseCost(costs, heldOut: held.map(\.name)) { cost in
                let model = try prepared.model(cost: cost, sources: sources)
                return held.map { set in
                    Double(zip(set.items, set.inputs).count { (model.margin($1) > 0) == ($0.label == "favor") }) / Double(max(1, set.items.count))
                }
            }
            var model = try prepared.model(cost: chosen, sources: sources)
            if !held.isEmpty {
                let margins = held.flatMap { set in set.inputs.map { model.margin($0) } }
                let correct = zip(held.flatMap(\.items), margins).map { ($1 > 0) == ($0.label == "favor") }
                model.calibration = try ConfidenceCalibration.fit(
                    strengths: margins.map(abs), correct: correct,
                    source: "ccgtext train motion-stance: the margin on \(held.map(\.name).joined(separator: ", ")) (\(margins.count) texts)")
            }
            try writeDataFile(model, to: output)
            show("Trained C \(chosen) on \(prepared.count) texts, \(model.terms.count) n-gram features. Model: \(output)")
        }
    }
}
