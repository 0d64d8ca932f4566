import ArgumentParser
import CCGPipeline
import Foundation

@main
struct CCGText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ccgtext",
        abstract: "Text mining for commentary and debate: who argues what, with which feeling, about which themes.",
        discussion: """
            Exit codes: 0 success; 1 report written but some inputs or analysers had errors (see the report's "errors");
            2 usage error (merge: parts that do not add up); 3 no document could be analysed (a shard still writes its part);
            4 lexicons missing or unreadable, or the report or one of its other forms (--html, --csv, --sqlite, --jsonl) could not be written;
            130 and 143 stopped by SIGINT or SIGTERM before the end (no report written, unless the signal came while it was written: it is finished first; --resume with --cache continues).
            """,
        version: CCGVersion.current,
        subcommands: [Analyze.self, Merge.self, Export.self, Summary.self, Explain.self, Kwic.self, Extract.self, Eval.self, Train.self, Analysers.self],
        defaultSubcommand: nil)

    /// ArgumentParser exits with 64 (EX_USAGE) when `validate()` or parsing fails; ccgtext documents 2 for
    /// every usage error, so those are mapped here and every other outcome is left as it is.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// Exit codes, documented in `ccgtext --help` and the README.
enum ExitStatus: Int32 {
    case success = 0
    case partial = 1
    case usage = 2
    case nothingAnalysed = 3
    case environment = 4
}
