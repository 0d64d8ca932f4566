import ArgumentParser
import CCGAnalysers

struct Analysers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the analysers: id, version and what each does.")

    @Flag(help: "Also print each analyser's needs, lexicons and examples.")
    var verbose = false

    func run() {
        for description in AnalyserRegistry.descriptions {
            print("\(description.id)\t\(description.version)\t\(description.summary)")
            guard verbose else { continue }
            print("  needs: \(description.needs.map(\.description).joined(separator: ", "))")
            print("  lexicons: \(description.lexicons.joined(separator: ", "))")
            for example in description.examples {
                print("  example: \"\(example.text)\" → \(example.expect.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
            }
        }
    }
}
