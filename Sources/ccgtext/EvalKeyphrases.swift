import ArgumentParser
import CCGEvaluate
import CCGModel
import CCGPipeline
import CCGReport
import CCGTokenize
import Foundation
import ThemesAnalyser

extension KeyphraseEvaluation.Format: ExpressibleByArgument {}

/// `--gold` and `--format` for keyphrase data, shared by `eval keyphrases` and `train keyphrases`.
struct KeyphraseDataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Data format: inspec (JSON Lines with id, abstr, uncontr) or tsv (columns text and keyphrases separated by ';', optionally id); default: from the file name (*.tsv: tsv, otherwise inspec).", valueName: "format"))
    var format: KeyphraseEvaluation.Format?

    @OptionGroup var lexiconOptions: LexiconOptions

    func resolvedFormat(for path: String) -> KeyphraseEvaluation.Format {
        format ?? (path.lowercased().hasSuffix(".tsv") ? .tsv : .inspec)
    }

    /// One thread's tokenizer and stemmer, and the candidate finder with the project's stopwords.
    func tools(_ lexicons: LexiconDirectory) throws -> KeyphraseEvaluation.Tools {
        KeyphraseEvaluation.Tools(
            tokenizer: try Tokenizer(lexicons: lexicons), stemmer: try Stemmer(language: ThemesAnalyser.defaultStemmerLanguage),
            candidates: KeyphraseCandidates(stopwords: try ThemesAnalyser.stopwords(in: lexicons)))
    }
}

struct EvalKeyphrases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyphrases",
        abstract: "Score keyphrases against the phrases people listed: precision, recall and F1 at k.",
        discussion: """
            Matching is on stems, word for word (Snowball english, words split as ccgtext's tokenizer splits them); \
            precision, recall and F1 are computed per document and averaged over documents; the protocol is printed \
            with the figures. ccgtext ranks every document's candidates on one thread, --repeat times, and prints the \
            median documents per second. With --predictions, another tool's phrases (ID<TAB>phrase; phrase; … per \
            line, best first) are scored instead, by the same code. Develop on inspec's validation.jsonl; report on test.jsonl.
            Exit codes: 0 scored; 2 usage error; 4 a file, the lexicons or the ranker could not be read.
            """)

    @Option(help: ArgumentHelp("Gold file: Inspec's <split>.jsonl, or a tsv file (see --format).", valueName: "file"))
    var gold: String

    @OptionGroup var dataOptions: KeyphraseDataOptions

    @Option(name: .customShort("k"), help: ArgumentHelp("How many phrases per document are scored.", valueName: "k"))
    var k: Int = 10

    @Option(help: ArgumentHelp("Score these phrases (ID<TAB>phrase; phrase; …) instead of running ccgtext.", valueName: "file"))
    var predictions: String?

    @Option(help: ArgumentHelp("Keyphrase ranker weights, relative to the lexicon folder or a path.", valueName: "file"))
    var ranker: String = ThemesAnalyser.defaultRanker

    @Option(name: .customLong("write-predictions"), help: ArgumentHelp("Also write each document's phrases here, in the --predictions format.", valueName: "file"))
    var writePredictions: String?

    @OptionGroup var timing: EvaluationRunOptions

    func validate() throws {
        guard k >= 1 else { throw ValidationError("-k must be at least 1") }
    }

    func run() throws {
        let evaluation = try exitingOnFailure {
            let lexicons = try dataOptions.lexiconOptions.directory()
            let items = try KeyphraseEvaluation.load(gold, format: dataOptions.resolvedFormat(for: gold))
            let tools = try dataOptions.tools(lexicons)
            let evaluation: KeyphraseEvaluation
            if let predictions {
                evaluation = KeyphraseEvaluation.score(items, predictions: try KeyphraseEvaluation.loadPredictions(predictions), tools: tools, k: k)
            } else {
                let ranker = try ThemesAnalyser.ranker(ranker, in: lexicons)
                evaluation = KeyphraseEvaluation.run(items, ranker: ranker, tools: tools, k: k, repeats: timing.repeat)
            }
            if let writePredictions {
                let lines = evaluation.predictions.map { "\($0.id)\t" + $0.phrases.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: "; ") }
                try Report.writeAtomically(Data((lines.joined(separator: "\n") + "\n").utf8), to: writePredictions)
            }
            return evaluation
        }
        if timing.json {
            var object: [String: JSONValue] = [
                "documents": .number(Double(evaluation.documents)), "k": .number(Double(k)), "precision": precise(evaluation.precision),
                "recall": precise(evaluation.recall), "f1": precise(evaluation.f1), "protocol": .string(KeyphraseEvaluation.protocolDescription(k: k)),
            ]
            if let rate = evaluation.documentsPerSecond { object["documentsPerSecond"] = .number(Evidence.rounded(rate)) }
            FileHandle.standardOutput.write(try Report.encode(.object(object)))
        } else {
            func f(_ value: Double) -> String { String(format: "%.3f", value) }
            var lines = ["documents     \(evaluation.documents)"]
            for (name, value) in [("P@\(k)", evaluation.precision), ("R@\(k)", evaluation.recall), ("F1@\(k)", evaluation.f1)] {
                lines.append(name.padding(toLength: 14, withPad: " ", startingAt: 0) + f(value))
            }
            if let rate = evaluation.documentsPerSecond {
                lines.append("speed         \(String(format: "%.0f", rate)) documents/s (one thread, tokenizing included, median of \(timing.repeat))")
            }
            lines.append("protocol      " + KeyphraseEvaluation.protocolDescription(k: k))
            show(lines.joined(separator: "\n"))
        }
    }
}

struct TrainKeyphrases: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keyphrases",
        abstract: "Fit the keyphrase ranker: a logistic model over where and how often each candidate occurs.",
        discussion: """
            Every candidate phrase of every document (runs of words between stopwords, and their sub-phrases) is an \
            example, positive when its stems match a listed keyphrase's. The features describe a phrase's place in its \
            text, never its words (see docs/themes.md). The ranker ccgtext ships with was fit on Inspec's train split; \
            docs/themes.md gives the command. Writes the weights as JSON, atomically.
            Exit codes: 0 fitted; 2 usage error; 4 data or lexicons unreadable, nothing to learn, or the file could not be written.
            """)

    @Option(help: ArgumentHelp("Documents with their keyphrases: Inspec's <split>.jsonl, or a tsv file (see --format).", valueName: "file"))
    var data: String

    @OptionGroup var dataOptions: KeyphraseDataOptions

    @Option(name: .customLong("maximum-overlap"), help: ArgumentHelp("Skip a phrase sharing at least this share of its stems with a better one (0 to 1).", valueName: "x"))
    var maximumOverlap: Double = 0.65

    @OptionGroup var fit: LogisticFitOptions

    func validate() throws {
        guard (0...1).contains(maximumOverlap) else { throw ValidationError("--maximum-overlap must be between 0 and 1") }
        try refuseOverwriting(inputs: [data], outputs: [("--output", fit.output)])
    }

    func run() throws {
        try exitingOnFailure {
            let lexicons = try dataOptions.lexiconOptions.directory()
            let format = dataOptions.resolvedFormat(for: data)
            let items = try KeyphraseEvaluation.load(data, format: format)
            let examples = KeyphraseEvaluation.examples(items, tools: try dataOptions.tools(lexicons))
            let source = "ccgtext train keyphrases on \(URL(fileURLWithPath: data).lastPathComponent) (\(format.rawValue)), \(items.count) documents, C \(fit.cost)"
            let ranker = try KeyphraseRanker.fit(examples, cost: fit.cost, maximumOverlap: maximumOverlap, source: source, licence: fit.licence)
            try writeDataFile(ranker, to: fit.output)
            let weights = zip(ranker.features, ranker.weights).map { "\($0) \($1)" }.joined(separator: ", ")
            show("Fitted on \(ranker.examples) candidates of \(items.count) documents: \(weights), bias \(ranker.bias). Weights: \(fit.output)")
        }
    }
}
