import ArgumentParser
import CCGEvaluate
import CCGLearn
import CCGModel
import CCGPipeline
import CCGReport
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser

/// Training of supervised analysers from labelled data.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a supervised analyser on labelled data.",
        subcommands: [TrainStance.self, TrainMotionStance.self, TrainReplyRelation.self, TrainArgumentLean.self, TrainStanceConfidence.self, TrainSentimentLabels.self, TrainKeyphrases.self, TrainBlockClassifier.self])
}

/// Where labelled stance data comes from: shared by `train stance` and `eval stance`.
struct StanceDataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Data format: tweeteval (the stance folder, or one target's folder), procon20 (its folder or one split's file), perspectrum (its folder), jsonl (topic, text, label a line: IBM ArgQ, IBM Claim Stance, VAST, P-Stance) or tsv (columns text, label and optionally target, id).", valueName: "format"))
    var format: StanceEvaluation.Format?

    @OptionGroup var lexiconOptions: LexiconOptions

    /// The format given, or guessed: a folder holding train.tsv is Procon20's, one holding
    /// perspectrum_with_answers_v1.0.json PERSPECTRUM's, another *.tsv a plain TSV.
    func resolvedFormat(for path: String) -> StanceEvaluation.Format {
        if let format { return format }
        let folder = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("train.tsv").path) { return .procon20 }
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("perspectrum_with_answers_v1.0.json").path) { return .perspectrum }
        if path.lowercased().hasSuffix(".jsonl") { return .jsonl }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if names.contains(where: { $0.hasSuffix(".jsonl") }) { return .jsonl }
        return path.lowercased().hasSuffix(".tsv") ? .tsv : .tweeteval
    }

    /// The split that is not for training or testing: TweetEval's val, Procon20's dev.
    func validationSplit(for format: StanceEvaluation.Format) -> String? {
        switch format {
        case .tweeteval: return "val"
        case .procon20, .perspectrum, .jsonl: return "dev"
        case .tsv: return nil
        }
    }

    /// The lexicon features, computed with ccgtext's sentiment engine and the stance rules' lexicons.
    func lexicalFeatures() throws -> StanceLexicalFeatures {
        StanceLexicalFeatures(engine: try SentimentEngine(lexicons: lexiconOptions.directory()))
    }
}

extension StanceEvaluation.Format: ExpressibleByArgument {}
extension StanceModel.TargetMode: ExpressibleByArgument {}

struct TrainStance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance",
        abstract: "Train a stance model: linear SVMs (liblinear) on word and character n-gram TF-IDF and lexicon features.",
        discussion: """
            --targets per-target gives each target (a TweetEval target folder, the tsv's target column) its own \
            classifier and vocabulary; shared trains one classifier for all targets, with word n-grams also conjoined \
            with the target (Procon20's questions have ten texts each). By default a target gets its own classifier \
            when every target has at least 100 training texts. Shared models also read three lexicon features \
            (sentiment, negation rate, sentiment toward the motion; --lexical-features to force them on or off). \
            Without --cost, C is chosen from 0.03, 0.1, 0.3, 1, 3 and 10 by F-avg on the validation split \
            (TweetEval's val, Procon20's dev) when there is one, and is 1 otherwise; the chosen C is printed and \
            stored in the model. The model file is JSON, versioned, described in docs/stance.md, and written \
            atomically.
            Exit codes: 0 trained; 2 usage error; 4 data or lexicons unreadable, nothing to learn, or the model could \
            not be written.
            """)

    @Option(help: ArgumentHelp("Labelled data: TweetEval's stance folder (or one target's folder), Procon20's or PERSPECTRUM's folder, or a tsv file.", valueName: "path"))
    var data: String

    @OptionGroup var dataOptions: StanceDataOptions

    @Option(help: ArgumentHelp("Split to train on (TweetEval, Procon20).", valueName: "split"))
    var split: String = "train"

    @Option(help: ArgumentHelp("per-target or shared (default: per-target when every target has 100 training texts or more).", valueName: "mode"))
    var targets: StanceModel.TargetMode?

    @Option(help: ArgumentHelp("Use the lexicon features: true or false (default: with shared targets).", valueName: "bool"))
    var lexicalFeatures: Bool?

    @Option(help: ArgumentHelp("The SVM's C (default: chosen on the validation split, or 1).", valueName: "c"))
    var cost: Double?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String

    func validate() throws {
        if let cost, !(cost > 0) { throw ValidationError("--cost must be above 0") }
        try refuseOverwriting(inputs: [data], outputs: [("--output", output)])
    }

    func run() throws {
        try exitingOnFailure {
            let format = dataOptions.resolvedFormat(for: data)
            let tokenizer = try Tokenizer()
            let training = try StanceEvaluation.load(data, format: format, split: split)
            let sizes = Dictionary(grouping: training, by: \.target).values.map(\.count)
            let mode = targets ?? (sizes.allSatisfy { $0 >= 100 } ? .perTarget : .shared)
            let lexical = try (lexicalFeatures ?? (mode == .shared)) ? dataOptions.lexicalFeatures() : nil
            let features = TextFeatures(lexical: lexical == nil ? [] : StanceLexicalFeatures.names)
            let prepared = StanceModel.Training(
                StanceEvaluation.examples(training, tokenizer: tokenizer, lexical: lexical), labels: StanceEvaluation.labels, mode: mode, features: features)
            var chosen = cost ?? 1
            let validationSplit = dataOptions.validationSplit(for: format)
            let validation = validationSplit.flatMap { try? StanceEvaluation.load(data, format: format, split: $0) }
            let validationExamples = validation.map { StanceEvaluation.examples($0, tokenizer: tokenizer, lexical: lexical) }
            if cost == nil, let validationSplit, let validation, let validationExamples {
                var best = -1.0
                for candidate in [0.03, 0.1, 0.3, 1, 3, 10] {
                    let predicted = StanceEvaluation.predict(validationExamples, model: try prepared.model(cost: candidate)).labels
                    let fAverage = StanceEvaluation.score(gold: validation.map(\.label), predicted: predicted).fAverage
                    show("C \(candidate): \(validationSplit) F-avg \(String(format: "%.4f", fAverage))")
                    if fAverage > best {
                        best = fAverage
                        chosen = candidate
                    }
                }
            }
            var model = try prepared.model(cost: chosen)
            if let validationSplit, let validation, let validationExamples {
                // Confidence is calibrated on the same held-out texts that chose C, never on the training texts
                // (their margins are inflated by having been fit).
                let predicted = StanceEvaluation.predictions(validationExamples, model: model).labels
                let known = zip(validation, predicted).filter { $0.1.strength > 0 }
                let correct = known.map { $0.0.label == $0.1.label }
                let before = CalibrationMeasure(confidences: known.map(\.1.confidence), correct: correct)
                model.calibration = try ConfidenceCalibration.fit(
                    strengths: known.map(\.1.strength), correct: correct,
                    source: "ccgtext train stance: the label's margin on \(format.rawValue) \(validationSplit) (\(known.count) texts)")
                let after = CalibrationMeasure(confidences: known.map { model.confidence(margin: $0.1.strength) }, correct: correct)
                show(String(
                    format: "Confidence calibrated on %@ (%d texts): ECE %.3f before, %.3f after", validationSplit, known.count,
                    before.expectedCalibrationError, after.expectedCalibrationError))
            }
            try model.write(to: output)
            let described = mode == .shared
                ? "one classifier shared by \(sizes.count) targets" : "targets: " + model.targets.keys.sorted().map { "\($0) (\(model.targets[$0]?.trainingExamples ?? 0))" }.joined(separator: ", ")
            show("Trained C \(chosen) on \(training.count) texts, \(described)\(lexical == nil ? "" : ", with lexicon features"). Model: \(output)")
        }
    }
}

struct TrainArgumentLean: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argument-lean",
        abstract: "Fit the zero-shot stance rules' argument lean: a logistic model over four sentence signals.",
        discussion: """
            The stance analyser weighs, for a text with no other cue, how it feels (and how that reads given the \
            motion's own slant) and whether it denies things. This fits those four weights (liblinear's logistic \
            regression) on texts that take a side (favor or against; none is left out), each text's signals the mean \
            of its sentences'. The weights the analyser ships with were fit on PERSPECTRUM's train split with \
            procon.org's claims left out (docs/stance.md gives the command). Prints the accuracy of the sign of the \
            lean on the validation split when the data has one; writes the weights as JSON, atomically. \
            --write-signals also writes what the fit read, sentence by sentence (docs/stance.md, "Where the zero-shot \
            lean stops").
            Exit codes: 0 fitted; 2 usage error; 4 data or lexicons unreadable, nothing to learn, or a file could \
            not be written.
            """)

    @Option(help: ArgumentHelp("Labelled data: Procon20's or PERSPECTRUM's folder, TweetEval's stance folder, or a tsv file.", valueName: "path"))
    var data: String

    @OptionGroup var dataOptions: StanceDataOptions

    @Option(help: ArgumentHelp("Split to fit on.", valueName: "split"))
    var split: String = "train"

    @Option(help: ArgumentHelp("Leave out texts whose id starts with this (PERSPECTRUM ids are source/claim/perspective, so procon/ drops procon.org's claims); repeatable.", valueName: "prefix"))
    var exclude: [String] = []

    @Option(name: .customLong("write-signals"), help: ArgumentHelp("Also write the lean's reading of every fitted text here, one row per sentence (TSV: its signals, its share of the text's mean, its text), for exploring other weightings or signals.", valueName: "file"))
    var writeSignals: String?

    @OptionGroup var fit: LogisticFitOptions

    func validate() throws {
        if let writeSignals, OutputGuard.key(writeSignals) == OutputGuard.key(fit.output) {
            throw ValidationError("--write-signals and --output name the same file: \(writeSignals)")
        }
        try refuseOverwriting(inputs: [data], outputs: [("--output", fit.output), ("--write-signals", writeSignals)])
    }

    func run() throws {
        try exitingOnFailure {
            let format = dataOptions.resolvedFormat(for: data)
            let lexicons = try dataOptions.lexiconOptions.directory()
            let engine = try SentimentEngine(lexicons: lexicons)
            let tokenizer = try Tokenizer(lexicons: lexicons)
            let training = StanceEvaluation.leanExamples(try StanceEvaluation.load(data, format: format, split: split), tokenizer: tokenizer, excluding: exclude)
            let excluded = exclude.isEmpty ? "" : ", leaving out ids starting " + exclude.map { "\"\($0)\"" }.joined(separator: ", ")
            let source = "ccgtext train argument-lean on \(URL(fileURLWithPath: data).lastPathComponent) (\(format.rawValue)), split \(split)\(excluded), C \(fit.cost)"
            let lean = try StanceArgumentLean.fit(training, engine: engine, cost: fit.cost, source: source, licence: fit.licence)
            try writeDataFile(lean, to: fit.output)
            if let writeSignals {
                try Report.writeAtomically(Data(StanceEvaluation.leanSignalsTable(training, engine: engine).utf8), to: writeSignals)
            }
            let weights = zip(lean.features, lean.weights).map { "\($0) \($1)" }.joined(separator: ", ")
            show("Fitted on \(lean.examples) texts: \(weights), bias \(lean.bias). Weights: \(fit.output)")
            if let validationSplit = dataOptions.validationSplit(for: format), let validation = try? StanceEvaluation.load(data, format: format, split: validationSplit) {
                let (correct, scored) = lean.signAccuracy(StanceEvaluation.leanExamples(validation, tokenizer: tokenizer, excluding: exclude), engine: engine)
                show("\(validationSplit): the lean's sign is right for \(correct) of \(scored) texts (\(String(format: "%.3f", Double(correct) / Double(max(1, scored)))))")
            }
        }
    }
}

struct TrainStanceConfidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance-confidence",
        abstract: "Calibrate the zero-shot stance rules' confidence on labelled validation data.",
        discussion: """
            Runs the zero-shot stance analyser over each --data set's validation split (TweetEval's val, Procon20's \
            and PERSPECTRUM's dev; all of a tsv file), each text read as a comment on a debate whose motion is its \
            target, and fits Platt's logistic map from the absolute score to the chance that the label is right: \
            one for favor/against (every set), one for none (sets whose gold has none). The file the analyser \
            ships with (lexicons/stance/confidence.en.json) was fit on PERSPECTRUM dev and TweetEval stance val; \
            docs/stance.md gives the command and the calibration error before and after on test splits. Prints \
            each fit; writes the file as JSON, atomically.
            Exit codes: 0 fitted; 2 usage error; 4 data or lexicons unreadable, nothing to fit, or the file could not \
            be written.
            """)

    @Option(help: ArgumentHelp("Labelled data (repeatable): PERSPECTRUM's, Procon20's or TweetEval's stance folder, or a tsv file.", valueName: "path"))
    var data: [String]

    @OptionGroup var dataOptions: StanceDataOptions

    @Option(help: ArgumentHelp("The data's licence, recorded in the file.", valueName: "text"))
    var licence: String = "not stated"

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the calibration.", valueName: "file"))
    var output: String

    func validate() throws {
        if data.isEmpty { throw ValidationError("give --data at least once") }
        try refuseOverwriting(inputs: data, outputs: [("--output", output)])
    }

    func run() throws {
        try exitingOnFailure {
            let tokenizer = try Tokenizer()
            let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: dataOptions.lexiconOptions.directory()))
            var side: (strengths: [Double], correct: [Bool], sources: [String]) = ([], [], [])
            var none: (strengths: [Double], correct: [Bool], sources: [String]) = ([], [], [])
            for path in data {
                let format = dataOptions.resolvedFormat(for: path)
                let split = dataOptions.validationSplit(for: format)
                let items = try StanceEvaluation.load(path, format: format, split: split ?? "all")
                let hasNone = items.contains { $0.label == "none" }
                let name = format == .tsv ? URL(fileURLWithPath: path).lastPathComponent : "\(format.rawValue) \(split ?? "all")"
                var counts = (side: 0, none: 0)
                for (item, prediction) in zip(items, StanceEvaluation.predictZeroShot(items, analyser: analyser, tokenizer: tokenizer)) {
                    let own = prediction.ownLabel ?? prediction.label
                    if own == "none" {
                        guard hasNone else { continue }
                        none.strengths.append(prediction.strength)
                        none.correct.append(item.label == "none")
                        counts.none += 1
                    } else {
                        side.strengths.append(prediction.strength)
                        side.correct.append(item.label == own)
                        counts.side += 1
                    }
                }
                if counts.side > 0 { side.sources.append("\(name) (\(counts.side))") }
                if counts.none > 0 { none.sources.append("\(name) (\(counts.none))") }
            }
            func fit(_ part: (strengths: [Double], correct: [Bool], sources: [String]), _ what: String) throws -> ConfidenceCalibration {
                try ConfidenceCalibration.fit(
                    strengths: part.strengths, correct: part.correct,
                    source: "ccgtext train stance-confidence: zero-shot \(what) labels' absolute score on " + part.sources.joined(separator: ", "))
            }
            let calibration = StanceConfidence(
                licence: licence, side: try fit(side, "favor/against"), none: none.strengths.isEmpty ? nil : try fit(none, "none"))
            try writeDataFile(calibration, to: output)
            for (name, fitted, part) in [("favor/against", calibration.side, side), ("none", calibration.none, none)] {
                guard let fitted else { continue }
                let after = CalibrationMeasure(confidences: part.strengths.map(fitted.confidence), correct: part.correct)
                show(
                    "\(name): \(fitted.examples) labels, confidence = 1 / (1 + exp(-(\(fitted.slope) × |score| + \(fitted.intercept)))); "
                        + "right \(String(format: "%.3f", after.accuracy)), ECE on the same data \(String(format: "%.3f", after.expectedCalibrationError))")
            }
            show("Calibration: \(output)")
        }
    }
}

struct TrainSentimentLabels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment-labels",
        abstract: "Fit a sentiment label model: labels as your annotators meant them, from the rules' reading of each text.",
        discussion: """
            Scores every text of --gold with the sentiment rules and fits a three-class logistic regression \
            (liblinear; each label against the rest, both sides of each problem weighted alike) from the score, the positive and the negative \
            wording, the length, question and exclamation marks, a headline colon, a link, the strongest sentence on each \
            side, the share of polar sentences and the numbers, to the gold labels. C is \
            chosen from 0.03, 0.1, 0.3, 1, 3 by the mean macro-recall over five folds (item i in fold i mod 5), printed, \
            then the model is fit on every text. Use it with `ccgtext eval sentiment --labels FILE` or \
            `ccgtext analyze --set sentiment.labels=FILE`; scores and evidence are unchanged. Gold formats as for \
            `eval sentiment` (labelled ones: tweeteval, tsv with a label column, or the comment set); several --gold \
            files are fit together. scripts/train-sentiment-labels.sh writes the default model this way. Writes the \
            model as JSON, atomically.
            Exit codes: 0 fitted; 2 usage error; 4 data or lexicons unreadable, no labels, or the file could not be \
            written.
            """)

    @Option(help: ArgumentHelp("Labelled gold: a TweetEval <split>_text.txt, a tsv file with text and label columns, or the comment set's labels.tsv; repeat to fit on several together.", valueName: "file"))
    var gold: [String]

    @Option(help: ArgumentHelp("Gold format of every --gold: tweeteval, tsv or comment-set (default: from each file's name).", valueName: "format"))
    var format: SentimentEvaluation.Format?

    @Option(help: ArgumentHelp("Where the comment set reads its texts.", valueName: "folder"))
    var benchmarks: String = "../shared/benchmarks"

    @Option(name: .customLong("leave-out-source"), help: ArgumentHelp("Leave this source's items of the comment set out (dragnet, iac, l3s, reddit), to score them with a model that never saw them.", valueName: "source"))
    var leaveOutSource: String?

    @Option(help: ArgumentHelp("Domain overlay for the sentiment lexicon, relative to the lexicon folder, or none; use the one you will label with.", valueName: "file"))
    var overlay: String = SentimentEngine.defaultOverlay

    @Option(help: ArgumentHelp("The data's licence, recorded in the file.", valueName: "text"))
    var licence: String = "not stated"

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var output: String

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if format == .icwsm { throw ValidationError("icwsm gold has ratings, not labels: give tweeteval, a tsv file with a label column, or the comment set") }
        if let leaveOutSource, let reason = CommentSentimentSet.unknownSource(leaveOutSource, option: "--leave-out-source") { throw ValidationError(reason) }
        try refuseOverwriting(inputs: gold, outputs: [("--output", output)])
    }

    func run() throws {
        try exitingOnFailure {
            let items = try gold.flatMap { try SentimentEvaluation.load($0, format: format ?? .guess($0, labelled: true), benchmarks: benchmarks) }
                .filter { item in leaveOutSource.map { CommentSentimentSet.source(of: item.id) != $0 } ?? true }
            let lexicons = try lexiconOptions.directory()
            let engine = try SentimentEngine(lexicons: lexicons, overlay: overlay)
            let tokenizer = try Tokenizer(lexicons: lexicons)
            let examples = SentimentEvaluation.labelExamples(items, engine: engine, tokenizer: tokenizer)
            guard !examples.isEmpty else { throw EvaluationInputError.malformed(gold.joined(separator: ", "), "no labelled texts (a tsv file needs a label column)") }
            let names = gold.map { "\(URL(fileURLWithPath: $0).lastPathComponent) (\((format ?? .guess($0, labelled: true)).rawValue))" }
            let left = leaveOutSource.map { ", comment set's \($0) items left out" } ?? ""
            let source = "ccgtext train sentiment-labels on \(names.joined(separator: " + "))\(left), \(examples.count) texts, overlay \(overlay)"
            let model = try SentimentLabelModel.fit(examples, source: source, licence: licence)
            try writeDataFile(model, to: output)
            for cost in SentimentLabelModel.costs {
                let recall = model.crossValidation[String(cost)] ?? 0
                show("C \(cost): macro-recall \(String(format: "%.4f", recall)) (mean of \(SentimentLabelModel.folds) folds)\(cost == model.cost ? "  chosen" : "")")
            }
            show("Fitted on \(model.examples) texts. Model: \(output)")
        }
    }
}

/// Writes a fitted file (weights, a model, a calibration) as JSON with sorted keys, atomically: the same
/// data gives the same bytes, which the staleness tests compare.
/// The C of `costs` whose model scores best on average over the held-out sets (`scores` gives one figure a
/// set, in `heldOut` order), printing each C's figures; the first C when there is nothing to choose on.
func chooseCost(_ costs: [Double], heldOut names: [String], measure: String = "", scores: (Double) throws -> [Double]) rethrows -> Double {
    guard !names.isEmpty, costs.count > 1 else { return costs[0] }
    var chosen = costs[0]
    var best = -1.0
    for cost in costs {
        let figures = try scores(cost)
        let mean = figures.reduce(0, +) / Double(figures.count)
        show("C \(cost): " + zip(names, figures).map { "\($0) \(measure)\(String(format: "%.4f", $1))" }.joined(separator: ", ") + String(format: "; mean %.4f", mean))
        if mean > best {
            best = mean
            chosen = cost
        }
    }
    return chosen
}

func writeDataFile(_ value: some Encodable, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try Report.writeAtomically(try encoder.encode(value) + Data("\n".utf8), to: path)
}

/// `--cost`, `--licence` and `-o`, shared by the commands that fit a small logistic model shipped as data.
struct LogisticFitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The logistic regression's C.", valueName: "c"))
    var cost: Double = 1

    @Option(help: ArgumentHelp("The data's licence, recorded in the file.", valueName: "text"))
    var licence: String = "not stated"

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the weights.", valueName: "file"))
    var output: String

    func validate() throws {
        guard cost > 0 else { throw ValidationError("--cost must be above 0") }
    }
}
