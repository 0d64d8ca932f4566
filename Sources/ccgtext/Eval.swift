import ArgumentParser
import CCGEvaluate
import CCGIngest
import CCGLearn
import CCGModel
import CCGPipeline
import CCGReport
import CCGTokenize
import Foundation
import StanceAnalyser
import SentimentAnalyser

/// `--repeat` and `--json`, shared by every evaluation.
struct EvaluationRunOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Times to run every item (page or text) when timing; the median rate is printed.", valueName: "n"))
    var `repeat`: Int = 3

    @Flag(help: "Print the figures as one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard `repeat` >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }
}

/// A metric for `--json`: six decimals, because callers round for display and a value already rounded
/// to four would round twice.
func precise(_ value: Double) -> JSONValue { .number((value * 1_000_000).rounded() / 1_000_000) }

/// Evaluations against labelled data: each prints its figures, so numbers in the docs come from a command.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure ccgtext against labelled data.",
        discussion: "`ccgtext eval ANALYSER_ID --gold FILE --field label` scores any analyser's labels (see `ccgtext eval analyser --help`).",
        subcommands: [EvalExtraction.self, EvalSentiment.self, EvalStance.self, EvalReplyRelation.self, EvalKeyphrases.self, EvalAnalyser.self],
        defaultSubcommand: EvalAnalyser.self)
}

struct EvalExtraction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extraction",
        abstract: "Score extraction of article bodies and reader comments with the article-extraction benchmark's metric.",
        discussion: """
            The metric is the one described in the article-extraction benchmark's README: word tokens (\\w+), bags of \
            4-token shingles, per-page precision and recall from their overlap, each averaged over pages, F1 of the two \
            means. Gold layouts (--format, guessed by default): zyte, the benchmark's ground-truth.json; dragnet, JSON \
            Lines of id, article, comments; l3s, JSON Lines of id, headline, full_text, supplemental, comments (the \
            article is the first three); text, JSON Lines of id and text (Readability's test pages, CleanEval). Where the \
            gold marks comments, they are scored apart from the article on the pages that have some, and the share of \
            comment-less pages on which comment text was found is printed. With --html, ccgtext extracts every gold \
            id's page (<id>.html.gz or <id>.html) on one thread, --repeat times, and also prints the median pages per \
            second (files are read into memory before timing). With --predictions, another tool's output in the zyte \
            layout ({"<id>": {"articleBody": ..., "comments": ...}}) is scored instead. --pages dev|held-out scores a \
            fixed half (by a hash of the page id), so rules are developed on one half and checked on the other.
            Exit codes: 0 scored; 2 usage error; 4 a file could not be read.
            """)

    @Option(help: ArgumentHelp("Gold texts, in one of the layouts above (the article-extraction benchmark's ground-truth.json, or a gold.jsonl).", valueName: "file"))
    var gold: String

    @Option(help: ArgumentHelp("Layout of --gold: auto, zyte, dragnet, l3s or text.", valueName: "layout"))
    var format: ExtractionGold.Format = .auto

    @Flag(name: .customLong("whole-page"), help: "The gold is a page's whole cleaned text (CleanEval's): compare it with article and comments together.")
    var wholePage = false

    @Option(help: ArgumentHelp("Folder of pages named <id>.html.gz or <id>.html, extracted by ccgtext.", valueName: "dir"))
    var html: String?

    @Option(help: ArgumentHelp("Score this predictions file ({\"<id>\": {\"articleBody\": ..., \"comments\": ...}}) instead of extracting.", valueName: "file"))
    var predictions: String?

    @Option(help: ArgumentHelp("Which pages to score: all, dev (the half extraction rules are developed on) or held-out (the other half, for checking that a change generalises).", valueName: "subset"))
    var pages: DevelopmentSubset = .all

    @Option(help: ArgumentHelp("How many of the lowest-scoring pages to list.", valueName: "n"))
    var worst: Int = 10

    @Option(name: .customLong("write-predictions"), help: ArgumentHelp("Also write ccgtext's extracted texts here, in the zyte layout (articleBody and comments).", valueName: "file"))
    var writePredictions: String?

    @Option(name: .customLong("block-classifier"), help: ArgumentHelp("The block classifier to extract with: a weights file, or none for the hand rules alone (default: the one the ingest lexicon names).", valueName: "file|none"))
    var blockClassifier: String?

    @OptionGroup var timing: EvaluationRunOptions
    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if blockClassifier != nil, html == nil { throw ValidationError("--block-classifier needs --html") }
        guard (html == nil) != (predictions == nil) else { throw ValidationError("give either --html DIR (extract with ccgtext) or --predictions FILE") }
        guard worst >= 0 else { throw ValidationError("--worst cannot be negative") }
        if writePredictions != nil, html == nil { throw ValidationError("--write-predictions needs --html") }
    }

    func run() throws {
        let scored = try exitingOnFailure { () -> ExtractionEvaluation? in
            let goldPages = try ExtractionGold.load(gold, format: format).pages.filter { pages.contains($0.key) }
            let evaluation: ExtractionEvaluation
            if let predictions {
                let predicted = try ExtractionEvaluation.loadPredictions(predictions)
                evaluation = ExtractionEvaluation.score(gold: goldPages, predictions: predicted, wholePage: wholePage)
            } else if let html {
                let choice: Ingester.BlockClassifierChoice = blockClassifier.map { $0 == "none" ? .none : .file(URL(fileURLWithPath: $0).path) } ?? .configured
                let ingester = try Ingester(lexicons: lexiconOptions.directory(), blockClassifier: choice)
                evaluation = try ExtractionEvaluation.run(gold: goldPages, htmlDirectory: html, ingester: ingester, repeats: timing.repeat, wholePage: wholePage)
            } else {
                return nil
            }
            if let writePredictions {
                let object = JSONValue.object(evaluation.predictions.mapValues { .object(["articleBody": .string($0.article), "comments": .string($0.comments)]) })
                try Report.writeAtomically(try Report.encode(object), to: writePredictions)
            }
            return evaluation
        }
        guard let evaluation = scored else { return }
        if timing.json {
            FileHandle.standardOutput.write(try Report.encode(summaryJSON(evaluation)))
        } else {
            show(table(evaluation))
        }
    }

    private func rounded(_ value: Double) -> JSONValue { .number(Evidence.rounded(value)) }

    private func summaryJSON(_ evaluation: ExtractionEvaluation) -> JSONValue {
        var object: [String: JSONValue] = [
            "pages": .number(Double(evaluation.pages.count)),
            "precision": rounded(evaluation.summary.precision), "recall": rounded(evaluation.summary.recall),
            "f1": rounded(evaluation.summary.f1), "accuracy": rounded(evaluation.summary.accuracy),
            "errors": .object(Dictionary(uniqueKeysWithValues: evaluation.pages.compactMap { page in page.error.map { (page.id, JSONValue.string($0)) } })),
        ]
        if let comments = evaluation.commentSummary {
            object["comments"] = .object([
                "pages": .number(Double(evaluation.commentPages)), "precision": rounded(comments.precision), "recall": rounded(comments.recall),
                "f1": rounded(comments.f1),
            ])
        }
        if let share = evaluation.spuriousCommentShare {
            object["commentlessPages"] = .number(Double(evaluation.commentlessPages))
            object["spuriousCommentShare"] = rounded(share)
        }
        if let rate = evaluation.pagesPerSecond { object["pagesPerSecond"] = rounded(rate) }
        if let rate = evaluation.megabytesPerSecond { object["megabytesPerSecond"] = rounded(rate) }
        if let slowest = evaluation.pages.compactMap(\.seconds).max() { object["slowestPageSeconds"] = rounded(slowest) }
        return .object(object)
    }

    private func table(_ evaluation: ExtractionEvaluation) -> String {
        let summary = evaluation.summary
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = [
            "pages      \(evaluation.pages.count)",
            "precision  \(f(summary.precision))",
            "recall     \(f(summary.recall))",
            "F1         \(f(summary.f1))",
            "accuracy   \(f(summary.accuracy))",
        ]
        if let comments = evaluation.commentSummary {
            lines.append("comments   F1 \(f(comments.f1)), precision \(f(comments.precision)), recall \(f(comments.recall)) on the \(evaluation.commentPages) pages with comments")
        }
        if let share = evaluation.spuriousCommentShare {
            lines.append("           comment text found on \(String(format: "%.1f", share * 100))% of the \(evaluation.commentlessPages) pages without")
        }
        if let rate = evaluation.pagesPerSecond, let megabytes = evaluation.megabytesPerSecond {
            lines.append("speed      \(String(format: "%.1f", rate)) pages/s, \(String(format: "%.1f", megabytes)) MB/s (one thread, median of \(timing.repeat))")
        }
        if let slowest = evaluation.pages.filter({ $0.seconds != nil }).max(by: { ($0.seconds ?? 0) < ($1.seconds ?? 0) }), let seconds = slowest.seconds {
            lines.append("slowest    \(String(format: "%.1f", seconds * 1000)) ms  \(slowest.id)")
        }
        let failed = evaluation.pages.filter { $0.error != nil }
        if !failed.isEmpty {
            lines.append("errors     \(failed.count)")
            for page in failed { lines.append("  \(page.id): \(page.error ?? "")") }
        }
        if worst > 0 {
            lines.append("")
            lines.append("worst pages (F1, P, R, id, url):")
            let ranked = evaluation.pages.sorted { ($0.overlap.f1, $0.id) < ($1.overlap.f1, $1.id) }.prefix(worst)
            for page in ranked {
                let precision = page.overlap.precision.map(f) ?? "  -  "
                let recall = page.overlap.recall.map(f) ?? "  -  "
                lines.append("  \(f(page.overlap.f1))  \(precision)  \(recall)  \(page.id.prefix(12))  \(page.url ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension DevelopmentSubset: ExpressibleByArgument {}
extension ExtractionGold.Format: ExpressibleByArgument {}

extension SentimentEvaluation.Format: ExpressibleByArgument {}
extension StanceFold.Key: ExpressibleByArgument {}

struct EvalSentiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Score sentiment against human ratings (Pearson r) or labels (macro-recall, macro-F1, confusion matrix).",
        discussion: """
            Gold formats: icwsm is ID<TAB>MEAN<TAB>TEXT per line (the VADER ICWSM-2014 *_GroundTruth.txt files); \
            tweeteval is a <split>_text.txt file with <split>_labels.txt and mapping.txt beside it; tsv is a header row \
            naming the columns text and score (numeric) and/or label (negative, neutral, positive), optionally id, one \
            text per line, tab-separated (see docs/sentiment.md); comment-set is the labelled comment set's ids and labels \
            (Plugins/Sentiment/CommentSet/labels.tsv), its texts read from --benchmarks. Without --format the format is \
            guessed from the file name (*_text.txt: tweeteval; CommentSet/labels.tsv: comment-set; *.tsv: tsv; otherwise \
            icwsm). Labels are the analyser's default (the shipped label model) unless --labels names another model or \
            none (the thresholds). ccgtext's engine scores every text on one thread, \
            --repeat times, and the median texts per second is printed. With --scores, another tool's scores \
            (ID<TAB>SCORE per line, labelled by --positive/--negative) are measured instead, by the same code. \
            The ICWSM sets have no splits: --subset dev|held-out scores a fixed half (by a hash of the item id).
            Exit codes: 0 scored; 2 usage error; 4 a file could not be read.
            """)

    @Option(help: ArgumentHelp("Gold file (see the formats above).", valueName: "file"))
    var gold: String

    @Option(help: ArgumentHelp("Gold format: icwsm, tweeteval, tsv or comment-set (default: from the file name).", valueName: "format"))
    var format: SentimentEvaluation.Format?

    @Option(help: ArgumentHelp("Measure these scores (ID<TAB>SCORE per line) instead of running ccgtext.", valueName: "file"))
    var scores: String?

    @Option(help: ArgumentHelp("With --scores: lowest score labelled positive.", valueName: "x"))
    var positive: Double = 0.05

    @Option(help: ArgumentHelp("With --scores: highest score labelled negative.", valueName: "x"))
    var negative: Double = -0.05

    @Option(help: ArgumentHelp("Domain overlay for the sentiment lexicon, relative to the lexicon folder, or none.", valueName: "file"))
    var overlay: String = SentimentEngine.defaultOverlay

    @Option(help: ArgumentHelp("Which items to score: all, dev or held-out (fixed halves by a hash of the item id).", valueName: "subset"))
    var subset: DevelopmentSubset = .all

    @Option(help: ArgumentHelp("Label with this model (written by `ccgtext train sentiment-labels`), or none for the thresholds alone; scores are unchanged. Default: the shipped model, as `analyze` labels.", valueName: "file"))
    var labels: String?

    @Option(help: ArgumentHelp("Where the comment set (--format comment-set) reads its texts.", valueName: "folder"))
    var benchmarks: String = "../shared/benchmarks"

    @Option(help: ArgumentHelp("With the comment set: only this source's items (dragnet, iac, l3s, reddit).", valueName: "source"))
    var source: String?

    @Option(name: .customLong("write-scores"), help: ArgumentHelp("Also write each item's id, gold, score and label here (TSV).", valueName: "file"))
    var writeScores: String?

    @Option(help: ArgumentHelp("Score this field of the unit result against a TSV of text and label instead, as `ccgtext eval ANALYSER_ID` does for any analyser.", valueName: "path"))
    var field: String?

    @OptionGroup var timing: EvaluationRunOptions
    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        guard negative < positive else { throw ValidationError("--negative must be below --positive") }
        if labels != nil, scores != nil { throw ValidationError("--labels labels ccgtext's own scoring; --scores measures another tool's: give one") }
        if let source, let reason = CommentSentimentSet.unknownSource(source, option: "--source") { throw ValidationError(reason) }
        if source != nil, resolvedFormat != .commentSet { throw ValidationError("--source picks items of the comment set (--format comment-set)") }
        try refuseOverwriting(inputs: [gold, scores, labels], outputs: [("--write-scores", writeScores)])
    }

    var resolvedFormat: SentimentEvaluation.Format { format ?? .guess(gold) }

    func run() throws {
        if let field { return try EvalAnalyser.delegate("sentiment", gold: gold, field: field, lexicons: lexiconOptions.lexicons, json: timing.json) }
        let evaluation = try exitingOnFailure {
            let items = try SentimentEvaluation.load(gold, format: resolvedFormat, benchmarks: benchmarks)
                .filter { item in subset.contains(item.id) && (source.map { CommentSentimentSet.source(of: item.id) == $0 } ?? true) }
            let evaluation: SentimentEvaluation
            if let scores {
                evaluation = SentimentEvaluation.score(items, predicted: try SentimentEvaluation.loadScores(scores), positive: positive, negative: negative)
            } else {
                let lexicons = try lexiconOptions.directory()
                let engine = try SentimentEngine(lexicons: lexicons, overlay: overlay)
                let tokenizer = try Tokenizer(lexicons: lexicons)
                let labelModel = try SentimentLabelModel.chosen(labels, lexicons: lexicons)
                evaluation = SentimentEvaluation.run(items, engine: engine, tokenizer: tokenizer, repeats: timing.repeat, labelModel: labelModel)
            }
            if let writeScores {
                var lines = ["id\tgold\tscore\tlabel\ttext"]
                for (item, score) in zip(items, evaluation.scores) {
                    let gold = item.rating.map { String($0) } ?? item.label ?? ""
                    lines.append("\(item.id)\t\(gold)\t\(score.score)\t\(score.label)\t\(item.text.replacingOccurrences(of: "\t", with: " "))")
                }
                try Report.writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8), to: writeScores)
            }
            return evaluation
        }
        if timing.json {
            FileHandle.standardOutput.write(try Report.encode(summaryJSON(evaluation)))
        } else {
            show(table(evaluation))
        }
    }


    private func summaryJSON(_ evaluation: SentimentEvaluation) -> JSONValue {
        var object: [String: JSONValue] = ["items": .number(Double(evaluation.items))]
        if let pearson = evaluation.pearson { object["pearson"] = precise(pearson) }
        if let classification = evaluation.classification {
            object["accuracy"] = precise(classification.accuracy)
            object["macroRecall"] = precise(classification.macroRecall)
            object["macroF1"] = precise(classification.macroF1)
            object["confusion"] = .array(classification.confusion.map { .array($0.map { .number(Double($0)) }) })
        }
        if let rate = evaluation.textsPerSecond { object["textsPerSecond"] = .number(Evidence.rounded(rate)) }
        return .object(object)
    }

    private func table(_ evaluation: SentimentEvaluation) -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = ["items         \(evaluation.items)"]
        if let pearson = evaluation.pearson { lines.append("pearson r     \(f(pearson))") }
        if let classification = evaluation.classification {
            lines.append("macro-recall  \(f(classification.macroRecall))")
            lines.append("macro-F1      \(f(classification.macroF1))")
            lines.append("accuracy      \(f(classification.accuracy))")
            lines.append("")
            lines += confusionTable(
                labels: SentimentEvaluation.labels, confusion: classification.confusion, perLabel: classification.recall.map { "recall \(f($0))" })
        }
        if let rate = evaluation.textsPerSecond {
            lines.append("speed         \(String(format: "%.0f", rate)) texts/s (one thread, tokenizing included, median of \(timing.repeat))")
        }
        return lines.joined(separator: "\n")
    }
}

struct EvalStance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stance",
        abstract: "Score stance against labelled data: F-avg, macro-F1, accuracy, confusion matrix.",
        discussion: """
            With --report, the labels a report gave the units in context are scored (gold ids name document and unit: \
            Tests/Data/sample-debate-stance.tsv). With --model, a model trained by `ccgtext train stance` labels the \
            texts; without, the zero-shot stance \
            analyser does, each text read as a comment on a debate whose motion is its target (Procon20's question). \
            When the gold has no none label, the zero-shot analyser's score picks the side (above 0 favor, else \
            against). F-avg is SemEval-2016 Task 6's measure, the mean of the F1 of favor and of against over the \
            predictions of every target pooled (none is a class but not averaged); macro-F1 averages all three. Texts \
            whose target the model has no classifier for are predicted none and counted.
            Exit codes: 0 scored; 2 usage error; 4 a file could not be read.
            """)

    @Option(help: ArgumentHelp("Gold: TweetEval's stance folder (or one target's folder), Procon20's or PERSPECTRUM's folder, or a tsv file.", valueName: "path"))
    var gold: String

    @OptionGroup var dataOptions: StanceDataOptions

    @Option(help: ArgumentHelp("Split to score (TweetEval, Procon20).", valueName: "split"))
    var split: String = "test"

    @Option(help: ArgumentHelp("Stance model written by `ccgtext train stance` (default: the zero-shot analyser).", valueName: "file"))
    var model: String?

    @Flag(help: "Print the figures as one JSON object instead of a table.")
    var json = false

    @Option(name: .customLong("write-scores"), help: ArgumentHelp("Also write each item's id, target, gold label, predicted label, score and text here (TSV).", valueName: "file"))
    var writeScores: String?

    @Option(help: ArgumentHelp("Score the labels this report (from ccgtext analyze) gave in context; gold ids are <document file name without extension>/<unit id>.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp("Score this field of the unit result against a TSV of text and label instead, as `ccgtext eval ANALYSER_ID` does for any analyser.", valueName: "path"))
    var field: String?

    @Flag(help: "Leave the confidence uncalibrated (the squashed score or margin), to measure what calibration changes.")
    var uncalibrated = false

    @Option(name: .customLong("motion-model"), help: ArgumentHelp("The analyser's learnt model: a file written by `ccgtext train motion-stance` (to measure one trained without the data scored), or none for the rules alone (default: the lexicon folder's).", valueName: "file"))
    var motionModel: String?

    @Option(help: ArgumentHelp("Score only the items of this setting (VAST: zero-shot or few-shot).", valueName: "setting"))
    var setting: String?

    @Option(help: ArgumentHelp("Score only the items of one fold, I/N (see --fold-by): those `train motion-stance --leave-out-fold I/N` left out.", valueName: "fold"))
    var fold: String?

    @Option(name: .customLong("fold-by"), help: ArgumentHelp("What a fold holds: motion (every text on a motion in one fold) or item.", valueName: "key"))
    var foldBy: StanceFold.Key = .motion

    func validate() throws {
        if model != nil, motionModel != nil { throw ValidationError("--motion-model sets the zero-shot analyser's model; --model replaces the analyser: give one") }
        if let fold, StanceFold(fold) == nil { throw ValidationError("--fold must be I/N with 1 ≤ I ≤ N and N ≥ 2, as 2/5") }
        if report != nil, model != nil { throw ValidationError("--report scores a report's labels; --model would label the texts again: give one") }
        if report != nil, uncalibrated { throw ValidationError("--report scores the labels a report already has; --uncalibrated applies when ccgtext labels the texts") }
        try refuseOverwriting(inputs: [gold, model, report, motionModel == "none" ? nil : motionModel], outputs: [("--write-scores", writeScores)])
    }

    func run() throws {
        if let field { return try EvalAnalyser.delegate("stance", gold: gold, field: field, lexicons: dataOptions.lexiconOptions.lexicons, json: json) }
        let evaluation = try exitingOnFailure {
            var items = try StanceEvaluation.load(gold, format: dataOptions.resolvedFormat(for: gold), split: split)
            if let setting {
                items = items.filter { $0.setting == setting }
                guard !items.isEmpty else { throw EvaluationInputError.malformed(gold, "no item has the setting \"\(setting)\"") }
            }
            if let fold = fold.flatMap({ StanceFold($0, key: foldBy) }) {
                items = items.filter(fold.contains)
                guard !items.isEmpty else { throw EvaluationInputError.malformed(gold, "no item falls in fold \(fold.index)/\(fold.count)") }
            }
            if let report {
                let paired = try StanceEvaluation.inReport(items, report: report)
                if let writeScores {
                    let lines = ["unit\tgold\tlabel"] + zip(paired.units, zip(paired.gold, paired.predicted)).map { "\($0)\t\($1.0)\t\($1.1)" }
                    try Report.writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8), to: writeScores)
                }
                return StanceEvaluation.score(gold: paired.gold, predicted: paired.predicted)
            }
            let tokenizer = try Tokenizer()
            let predictions: [StanceEvaluation.Prediction]
            var unknownTargets = 0
            if let model {
                var stanceModel = try StanceModel.load(model)
                if uncalibrated { stanceModel.calibration = nil }
                let lexical = stanceModel.lexical.isEmpty ? nil : try dataOptions.lexicalFeatures()
                (predictions, unknownTargets) = StanceEvaluation.predictions(
                    StanceEvaluation.examples(items, tokenizer: tokenizer, lexical: lexical), model: stanceModel)
            } else {
                var settings = uncalibrated ? ["calibration": "none"] : [:]
                if let motionModel { settings["motion-model"] = motionModel }
                let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: dataOptions.lexiconOptions.directory(), settings: settings))
                predictions = StanceEvaluation.predictZeroShot(items, analyser: analyser, tokenizer: tokenizer)
            }
            let (labels, scores) = (predictions.map(\.label), predictions.map(\.score))
            if let writeScores {
                var lines = ["id\ttarget\tgold\tlabel\tscore\ttext"]
                for (index, item) in items.enumerated() {
                    lines.append("\(item.id)\t\(StanceEvaluation.tsvField(item.target))\t\(item.label)\t\(labels[index])\t\(scores[index])\t\(StanceEvaluation.tsvField(item.text))")
                }
                try Report.writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8), to: writeScores)
            }
            var evaluation = StanceEvaluation.score(gold: items.map(\.label), predicted: labels, unknownTargets: unknownTargets)
            evaluation.calibration = StanceEvaluation.calibration(items, predictions)
            return evaluation
        }
        if json {
            var object: [String: JSONValue] = [
                "items": .number(Double(evaluation.items)), "fAverage": precise(evaluation.fAverage), "macroF1": precise(evaluation.macroF1),
                "accuracy": precise(evaluation.accuracy), "unknownTargets": .number(Double(evaluation.unknownTargets)),
                "confusion": .array(evaluation.confusion.map { .array($0.map { .number(Double($0)) }) }),
            ]
            if let calibration = evaluation.calibration {
                object["calibration"] = .object([
                    "items": .number(Double(calibration.items)), "expectedCalibrationError": precise(calibration.expectedCalibrationError),
                    "brier": precise(calibration.brier), "meanConfidence": precise(calibration.meanConfidence), "accuracy": precise(calibration.accuracy),
                ])
            }
            FileHandle.standardOutput.write(try Report.encode(.object(object)))
            return
        }
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = [
            "items         \(evaluation.items)", "F-avg         \(f(evaluation.fAverage))  (mean F1 of favor and against, pooled)",
            "macro-F1      \(f(evaluation.macroF1))  (labels that occur)", "accuracy      \(f(evaluation.accuracy))",
        ]
        if evaluation.unknownTargets > 0 { lines.append("unknown target \(evaluation.unknownTargets) texts (predicted none)") }
        lines.append("")
        lines += confusionTable(labels: StanceEvaluation.labels, confusion: evaluation.confusion, perLabel: evaluation.f1.map { "F1 \(f($0))" })
        if let calibration = evaluation.calibration, calibration.items > 0 {
            lines += [
                "",
                "confidence (\(calibration.items) labels the analyser or model gave itself): mean \(f(calibration.meanConfidence)), right \(f(calibration.accuracy)), "
                    + "ECE \(f(calibration.expectedCalibrationError)), Brier \(f(calibration.brier))",
                "  confidence  items   mean    right",
            ]
            for (index, bin) in calibration.bins.enumerated() where bin.items > 0 {
                lines.append(String(format: "  %.1f–%.1f  %6d   %.3f   %.3f", Double(index) / 10, Double(index + 1) / 10, bin.items, bin.confidence, bin.accuracy))
            }
        }
        show(lines.joined(separator: "\n"))
    }
}

/// A confusion matrix as text: gold labels as rows, predicted as columns, and a figure after each row.
func confusionTable(labels: [String], confusion: [[Int]], perLabel: [String]) -> [String] {
    var lines = ["confusion (rows gold, columns predicted):"]
    lines.append("              " + labels.map { $0.padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
    for (index, row) in confusion.enumerated() {
        let cells = row.map { String($0).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
        lines.append("  \(labels[index].padding(toLength: 12, withPad: " ", startingAt: 0))\(cells)\(perLabel[index])")
    }
    return lines
}
