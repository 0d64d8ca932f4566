import ArgumentParser
import CCGAnalysers
import CCGIngest
import CCGModel
import CCGReport
import Foundation

struct Ingest: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print what the ingester saw in one file (structure, units, metadata) as JSON.")

    @Argument(help: ArgumentHelp("The file to read.", valueName: "file"))
    var file: String

    @OptionGroup var lexiconOptions: LexiconOptions

    func run() throws {
        let lexicons: LexiconDirectory
        do { lexicons = try lexiconOptions.directory() } catch {
            note("ccgtext: \(error)")
            throw ExitCode(ExitStatus.environment.rawValue)
        }
        do {
            let outcome = try Ingester(lexicons: lexicons).ingest(fileAt: file, source: file)
            for warning in outcome.warnings { note("ccgtext: warning: \(file): \(warning)") }
            let entry = try Report.entry(for: outcome.document, unitAnalyses: outcome.document.units.map { _ in [:] }, documentAnalyses: [:])
            FileHandle.standardOutput.write(try Report.encode(entry))
        } catch let error as IngestError {
            note("ccgtext: \(file): \(error)")
            throw ExitCode(ExitStatus.nothingAnalysed.rawValue)
        }
    }
}

struct Analysers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the analysers: id, version and what each does.")

    @Flag(help: "Also print each analyser's needs, lexicons and examples.")
    var verbose = false

    func run() {
        for description in AnalyserRegistry.descriptions {
            print("\(description.id)\t\(description.version)\t\(description.summary)")
            guard verbose else { continue }
            print("  needs: \(description.needs.map(\.rawValue).joined(separator: ", "))")
            print("  lexicons: \(description.lexicons.joined(separator: ", "))")
            for example in description.examples {
                print("  example: \"\(example.text)\" → \(example.expect.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))")
            }
        }
    }
}
