import ArgumentParser
import CCGModel
import Foundation

/// `--lexicons DIR`, shared by every command that reads lexicons.
struct LexiconOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder of lexicons (default: the project's lexicons/, found next to the executable or its source tree, or $CCGTEXT_LEXICONS).", valueName: "dir"))
    var lexicons: String?

    /// The lexicon folder: the option, the environment, then `lexicons/` above the executable (covers
    /// `swift run` and `.build/release/ccgtext`), `share/ccgtext/lexicons` beside an installed binary, and
    /// the source tree this binary was built from.
    /// `configured` is a project configuration's folder, used when the option is not given.
    func directory(configured: String? = nil) throws -> LexiconDirectory {
        var candidates: [URL] = []
        let lexicons = self.lexicons ?? configured
        if let lexicons { candidates.append(URL(fileURLWithPath: lexicons)) }
        if let environment = ProcessInfo.processInfo.environment["CCGTEXT_LEXICONS"] { candidates.append(URL(fileURLWithPath: environment)) }
        if lexicons == nil {
            var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(directory.appendingPathComponent("lexicons"))
                candidates.append(directory.appendingPathComponent("share/ccgtext/lexicons"))
                directory = directory.deletingLastPathComponent()
            }
            let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(sourceRoot.appendingPathComponent("lexicons"))
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("ingest/en.json").path) {
            return LexiconDirectory(root: candidate.standardizedFileURL)
        }
        throw LexiconsNotFound(tried: candidates.map(\.path))
    }
}

struct LexiconsNotFound: Error, CustomStringConvertible {
    var tried: [String]
    var description: String {
        "lexicons not found (looked for ingest/en.json in: \(tried.prefix(4).joined(separator: ", "))…); pass --lexicons DIR"
    }
}

/// Prints one line to standard error. Messages quote inputs, reports and plugins (a source path, a plugin's
/// label), so control characters in them are shown escaped (`TerminalText`).
func note(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.safe(message) + "\n").utf8))
}

/// Prints text that comes from inputs or a report to standard output, with control characters shown escaped.
func show(_ text: String, terminator: String = "\n") {
    print(TerminalText.safe(text), terminator: terminator)
}

/// Runs `body`; when it throws, prints the error as one line (after `context`) and exits with status 4 (an
/// input, lexicon, model or output could not be used), as every command documents.
func exitingOnFailure<T>(_ context: String = "", _ body: () throws -> T) throws -> T {
    do { return try body() } catch {
        note("ccgtext: \(context)\(error)")
        throw ExitCode(ExitStatus.environment.rawValue)
    }
}
