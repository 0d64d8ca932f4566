import ArgumentParser
import CCGAnalysers
import CCGEvaluate
import CCGModel
import CCGReport
import CCGTokenize
import Foundation

extension UnitType: ExpressibleByArgument {}

/// `ccgtext eval ANALYSER_ID --gold FILE --field label`: any analyser that labels units, measured the same way.
struct EvalAnalyser: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyser",
        abstract: "Score any analyser's unit labels (built-in, external plugin or dictionary) against labelled texts.",
        discussion: """
            Used as `ccgtext eval ANALYSER_ID --gold FILE [--field label]` (or `ccgtext eval analyser ANALYSER_ID …`). \
            The gold file is tab-separated with a header naming the columns text and label (and optionally id). Each \
            text is analysed as a one-unit document (a comment unless --unit-type says otherwise) and the value at \
            --field (a dotted path into the unit's result) is compared with the label: accuracy, macro-recall and \
            macro-F1 over the labels the gold uses, per-label precision/recall/F1 and the confusion matrix. A text \
            the analyser gives no value counts as predicted (none).
            Exit codes: 0 scored; 2 usage error or unknown analyser; 4 a file could not be read.
            """)

    @Argument(help: ArgumentHelp("The analyser's id (see `ccgtext analysers`).", valueName: "analyser-id"))
    var analyser: String

    @Option(help: ArgumentHelp("Labelled texts: TSV with a header naming text and label (and optionally id).", valueName: "file"))
    var gold: String

    @Option(help: ArgumentHelp("The field of the unit result holding the label; a dotted path.", valueName: "path"))
    var field: String = "label"

    @Option(name: .customLong("unit-type"), help: ArgumentHelp("The unit type each text is analysed as: headline, standfirst, body, section or comment.", valueName: "type"))
    var unitType: UnitType = .comment

    @Option(name: .customLong("write-predictions"), help: ArgumentHelp("Also write each item's id, gold and predicted label here (TSV).", valueName: "file"))
    var writePredictions: String?

    @Flag(help: "Print the figures as one JSON object instead of a table.")
    var json = false

    @OptionGroup var analyserOptions: AnalyserOptions

    /// For `eval sentiment|stance --field …`, whose names the generic form cannot take.
    static func delegate(_ analyser: String, gold: String, field: String, lexicons: String?, json: Bool) throws {
        var arguments = [analyser, "--gold", gold, "--field", field]
        if let lexicons { arguments += ["--lexicons", lexicons] }
        if json { arguments.append("--json") }
        let command = try EvalAnalyser.parse(arguments)
        try command.run()
    }

    func run() throws {
        let (lexicons, catalog, settings, _) = try exitingOnFailure { try analyserOptions.resolve(inputs: []) }
        guard let entry = catalog.entry(analyser) else {
            note("ccgtext: unknown analyser \(analyser); known: \(catalog.ids.joined(separator: ", ")) (see `ccgtext analysers`)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let evaluation = try exitingOnFailure {
            let items = try LabelEvaluation.load(gold)
            let built = try entry.make(AnalyserContext(lexicons: lexicons, settings: settings[analyser] ?? [:]))
            let evaluation = LabelEvaluation.run(items, analyser: built, field: field, unitType: unitType, tokenizer: try Tokenizer(lexicons: lexicons))
            if let writePredictions {
                let lines = ["id\tgold\tpredicted"] + evaluation.predictions.map { "\($0.id)\t\($0.gold)\t\($0.predicted)" }
                try Report.writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8), to: writePredictions)
            }
            return evaluation
        }
        for problem in evaluation.problems.prefix(20) { note("ccgtext: \(analyser): \(problem)") }
        if evaluation.problems.count > 20 { note("ccgtext: \(analyser): … \(evaluation.problems.count - 20) more problems") }
        if json {
            let object: [String: JSONValue] = [
                "analyser": .string(analyser), "field": .string(field), "items": .number(Double(evaluation.items)),
                "accuracy": precise(evaluation.accuracy), "macroRecall": precise(evaluation.macroRecall), "macroF1": precise(evaluation.macroF1),
                "labels": .array(evaluation.labels.map(JSONValue.string)),
                "confusion": .array(evaluation.confusion.map { .array($0.map { .number(Double($0)) }) }),
                "problems": .number(Double(evaluation.problems.count)),
            ]
            FileHandle.standardOutput.write(try Report.encode(.object(object)))
            return
        }
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = [
            "analyser      \(analyser) (\(entry.source)), field \(field)",
            "items         \(evaluation.items)",
            "accuracy      \(f(evaluation.accuracy))",
            "macro-recall  \(f(evaluation.macroRecall))  (gold labels)",
            "macro-F1      \(f(evaluation.macroF1))  (gold labels)",
            "",
        ]
        lines += confusionTable(
            labels: evaluation.labels, confusion: evaluation.confusion,
            perLabel: evaluation.labels.indices.map { "P \(f(evaluation.precision[$0]))  R \(f(evaluation.recall[$0]))  F1 \(f(evaluation.f1[$0]))" })
        show(lines.joined(separator: "\n"))
    }
}
