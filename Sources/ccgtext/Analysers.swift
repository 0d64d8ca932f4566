import ArgumentParser
import CCGAnalysers

struct Analysers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the analysers of every kind: id, version, source (built-in, external, dictionary) and what each does.",
        discussion: "Lists what `analyze` with the same options would run. Manifests in plugins/ folders of the paths given (and of the current folder) run only with --discover-plugins; without it they are listed as found, not run.")

    @Argument(help: ArgumentHelp("The folders you would analyse (their plugins/ subfolders may hold external analysers' manifests).", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Also print each analyser's needs, lexicons and examples.")
    var verbose = false

    @OptionGroup var analyserOptions: AnalyserOptions

    func run() throws {
        let catalog = try exitingOnFailure { try analyserOptions.resolve(inputs: paths).catalog }
        for entry in catalog.entries {
            let description = entry.description
            show("\(description.id)\t\(description.version)\t\(entry.source)\t\(description.summary)")
            guard verbose else { continue }
            show("  needs: \(description.needs.map(\.description).joined(separator: ", "))")
            if !description.lexicons.isEmpty { show("  lexicons: \(description.lexicons.joined(separator: ", "))") }
            for example in description.examples {
                show("  example: \"\(example.text)\" → \(example.expect.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
            }
        }
        for path in catalog.foundNotRun {
            show("-\t-\tfound, not run: \(path)\tadd --discover-plugins, or --plugin \(path), to run it")
        }
    }
}
