import ArgumentParser
import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTokenize
import Foundation
import CCGReport
import SentimentAnalyser
import StanceAnalyser

/// `eval reply-relation`: whether replies are read as agreeing or disagreeing with what they answer, by the
/// learnt model and by the cue rules, set by set.
struct EvalReplyRelation: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply-relation",
        abstract: "Score how replies are read (agree or disagree with their parent) against labelled replies, the learnt model beside the cue rules.",
        discussion: """
            Each --data set (IAC 4forums' posts.jsonl.gz, a .jsonl of quote/response/label pairs, RumourEval's \
            threads.json; a path may end in @SPLIT, IAC: train, dev or all) is scored on its replies labelled agree \
            or disagree: accuracy and macro-F1 of the model and of the rules (an agreeing or disagreeing phrase, an \
            attack on the commenter; otherwise a reply leans with its parent). Replies that ask or just comment are \
            counted and left out.
            Exit codes: 0 scored; 2 usage error; 4 a file could not be read.
            """)

    @Option(help: ArgumentHelp("Labelled replies (repeatable): PATH or PATH@SPLIT.", valueName: "path"))
    var data: [String] = []

    @Option(help: ArgumentHelp("The model to score (default: the lexicon folder's stance/reply-relation.en.json); none scores the rules only.", valueName: "file"))
    var model: String?

    @OptionGroup var lexiconOptions: LexiconOptions

    @Flag(help: "Print the figures as JSON Lines (one object a set) instead of a table.")
    var json = false

    @Option(name: .customLong("write-scores"), help: ArgumentHelp("Also write each reply's set, id, gold relation, the model's chance that it disagrees and the rules' relation here (TSV).", valueName: "file"))
    var writeScores: String?

    func validate() throws {
        if data.isEmpty { throw ValidationError("give at least one --data set") }
        try refuseOverwriting(inputs: data.map { TrainMotionStance.split($0, default: "").path } + [model], outputs: [("--write-scores", writeScores)])
    }

    func run() throws {
        try exitingOnFailure {
            let lexicons = try lexiconOptions.directory()
            let tokenizer = try Tokenizer()
            let features = try ReplyRelationFeatures(engine: try SentimentEngine(lexicons: lexicons), lexicons: lexicons)
            let learnt: NGramLinearModel?
            switch model {
            case "none": learnt = nil
            case let path?: learnt = try NGramLinearModel.load(try Data(contentsOf: URL(fileURLWithPath: path)), path: path, format: NGramLinearModel.replyRelationFormat)
            case nil:
                learnt = try NGramLinearModel.load(Data(try lexicons.text(ReplyRelation.modelPath).utf8), path: ReplyRelation.modelPath, format: NGramLinearModel.replyRelationFormat)
            }
            if !json {
                show("| set | replies (agree/disagree) | left out (ask, comment) | model accuracy | model macro-F1 | rules accuracy | rules macro-F1 |")
                show("|---|---|---|---|---|---|---|")
            }
            var rows = ["set\tid\tgold\tchance_of_disagreeing\trules"]
            for argument in data {
                let (path, split) = TrainMotionStance.split(argument, default: "all")
                let name = "\(URL(fileURLWithPath: path).standardized.lastPathComponent)@\(split)"
                let result = ReplyRelationEvaluation.run(name: name, pairs: try ReplyPairs.load(path, split: split), model: learnt, features: features, tokenizer: tokenizer)
                // An id is the data's own: a tab or line break in it would shift the columns.
                func cell(_ text: String) -> String { String(text.map { $0 == "\t" || $0.isNewline ? " " : $0 }) }
                rows += result.items.map { [cell(name), cell($0.id), $0.gold, $0.chanceOfDisagreeing.map { String(format: "%.4f", $0) } ?? "", $0.rules].joined(separator: "\t") }
                func figure(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }
                if json {
                    let object: [String: Any] = [
                        "set": name, "replies": result.pairs, "leftOut": result.leftOut, "rulesAccuracy": result.rules.accuracy, "rulesMacroF1": result.rules.macroF1,
                        "modelAccuracy": result.model?.accuracy ?? NSNull(), "modelMacroF1": result.model?.macroF1 ?? NSNull(),
                    ]
                    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                    show(String(decoding: data, as: UTF8.self))
                } else {
                    show("| \(name) | \(result.pairs) | \(result.leftOut) | \(figure(result.model?.accuracy)) | \(figure(result.model?.macroF1)) | \(figure(result.rules.accuracy)) | \(figure(result.rules.macroF1)) |")
                }
            }
            if let writeScores { try Report.writeAtomically(Data((rows.joined(separator: "\n") + "\n").utf8), to: writeScores) }
        }
    }
}
