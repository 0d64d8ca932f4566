import ArgumentParser
import CCGAnalysers

struct Analysers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the analysers of every kind: id, version, source (built-in, external, dictionary) and what each does.",
        discussion: "Give the folders you would analyse to include the plugins in their plugins/ subfolders.")

    @Argument(help: ArgumentHelp("Folders whose plugins/ subfolders hold external analysers' manifests.", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Also print each analyser's needs, lexicons and examples.")
    var verbose = false

    @OptionGroup var analyserOptions: AnalyserOptions

    func run() throws {
        let catalog = try exitingOnFailure { try analyserOptions.resolve(inputs: paths).catalog }
        for entry in catalog.entries {
            let description = entry.description
            print("\(description.id)\t\(description.version)\t\(entry.source)\t\(description.summary)")
            guard verbose else { continue }
            print("  needs: \(description.needs.map(\.description).joined(separator: ", "))")
            if !description.lexicons.isEmpty { print("  lexicons: \(description.lexicons.joined(separator: ", "))") }
            for example in description.examples {
                print("  example: \"\(example.text)\" → \(example.expect.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
            }
        }
    }
}
