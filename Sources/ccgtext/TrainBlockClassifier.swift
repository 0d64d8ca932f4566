import ArgumentParser
import CCGEvaluate
import CCGIngest
import CCGModel
import Foundation

/// `ccgtext train block-classifier`: fits the learnt half of article extraction on benchmark folders.
struct TrainBlockClassifier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "block-classifier",
        abstract: "Fit the block classifier that decides, beside the hand rules, which blocks of a page are its article.",
        discussion: """
            Every block of every gold page (as the ingester reads it before choosing the main content) is an example, \
            positive when the gold article holds its text: half its 4-word shingles, or a shorter block's words in \
            order. The features are the block's length, sentences, links, role, place on the page, neighbours, and \
            whether the hand rules chose its container (docs/extraction.md lists them); never its words. Each \
            --source is a benchmark folder with ground-truth.json or gold.jsonl and html/; sources weigh alike \
            (the larger ones are subsampled, --source-balance). scripts/train-block-classifier.sh fits the shipped \
            file and scores each source with a model fitted without it. Writes the weights as JSON, atomically.
            Exit codes: 0 fitted; 2 usage error; 4 data or lexicons unreadable, nothing to learn, or the file could not be written.
            """)

    @Option(name: .customLong("source"), help: ArgumentHelp("A benchmark folder to fit on (repeatable).", valueName: "dir"))
    var sources: [String] = []

    @Option(name: .customLong("whole-page-source"), help: ArgumentHelp("A benchmark folder whose gold is each page's whole cleaned text, comments included (CleanEval's; repeatable).", valueName: "dir"))
    var wholePageSources: [String] = []

    @Option(help: ArgumentHelp("A block is the article's at this chance or above (recorded in the file).", valueName: "p"))
    var threshold: Double = 0.5

    @Option(name: .customLong("source-balance"), help: ArgumentHelp("No source gives more than this many times the smallest source's blocks.", valueName: "x"))
    var sourceBalance: Double = 2

    @Flag(name: .customLong("word-weighted"), help: "Count a block once more per doubling of its length in words (the metric counts words).")
    var wordWeighted = false

    @OptionGroup var fit: LogisticFitOptions
    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        guard !(sources + wholePageSources).isEmpty else { throw ValidationError("give at least one --source DIR") }
        guard threshold > 0, threshold < 1 else { throw ValidationError("--threshold must be between 0 and 1") }
        guard sourceBalance >= 1 else { throw ValidationError("--source-balance must be at least 1") }
        try refuseOverwriting(inputs: sources + wholePageSources, outputs: [("--output", fit.output)])
    }

    func run() throws {
        try exitingOnFailure {
            let lexicons = try lexiconOptions.directory()
            let folders = sources.map { ($0, false) } + wholePageSources.map { ($0, true) }
            var sets: [BlockClassifierTraining.LabelledBlocks] = []
            for (folder, wholePage) in folders {
                let source = try BlockClassifierTraining.Source.folder(folder, wholePage: wholePage)
                let blocks = try BlockClassifierTraining.blocks(of: source, lexicons: lexicons)
                show("\(source.name): \(blocks.pages) pages, \(blocks.rows.count) blocks, \(blocks.positives) of them article text")
                sets.append(blocks)
            }
            let names = sets.map(\.source).sorted().joined(separator: ", ")
            let description = "ccgtext train block-classifier on \(names), sources balanced \(sourceBalance)x\(wordWeighted ? ", word-weighted" : ""), C \(fit.cost), threshold \(threshold)"
            let classifier = try BlockClassifierTraining.fit(
                sets, cost: fit.cost, threshold: threshold, sourceBalance: sourceBalance, wordWeighted: wordWeighted, source: description, licence: fit.licence)
            try writeDataFile(classifier, to: fit.output)
            let weights = zip(classifier.features, classifier.weights).map { "\($0) \($1)" }.joined(separator: ", ")
            show("Fitted on \(classifier.examples) blocks: \(weights), bias \(classifier.bias). Weights: \(fit.output)")
        }
    }
}
