import ArgumentParser
import CCGExport
import CCGIngest
import CCGModel
import CCGPipeline
import CCGReport
import CCGTokenize
import Foundation

/// Keyword in context over documents, read as `analyze` reads them.
struct Kwic: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Concordance: every occurrence of a word or phrase with the words around it, its document, unit and author.",
        discussion: """
            Matching is on ICU-normalised tokens: case- and accent-insensitive ("cafe" finds "Café"), typographic \
            apostrophes straightened. A TERM of several words is a phrase (consecutive words of one sentence); `*` in a \
            word stands for any characters ("commission*"). Documents are read as `ccgtext analyze` reads them \
            (pages, plain text, comment exports), so unit ids match the report's. \
            Exit codes: 0 some lines found; 1 none found; 2 usage error; 4 lexicons missing. Files that cannot be \
            read are named on standard error and skipped.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, tsv
    }

    @Argument(help: ArgumentHelp("The word or phrase; quote a phrase (\"failed experiment\"); `*` is a wildcard.", valueName: "term"))
    var term: String

    @Argument(help: ArgumentHelp("Files or folders, as for `ccgtext analyze`.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Words of context on each side.", valueName: "n"))
    var window: Int = 5

    @Option(name: .long, help: ArgumentHelp("text (aligned columns for reading) or tsv (document, source, unit, author, left, match, right, start, end; for spreadsheets).", valueName: "format"))
    var format: Format = .text

    @Flag(name: .long, help: "With --format tsv, write cells as they are: by default a cell that starts with =, +, -, @ (and is not a number) gets a leading ' so that a spreadsheet shows it as text.")
    var rawCells = false

    @OptionGroup var lexiconOptions: LexiconOptions

    @OptionGroup var inputOptions: InputOptions

    func validate() throws {
        if window < 0 { throw ValidationError("--window must be 0 or more") }
        if Concordance(term: term) == nil { throw ValidationError("the term has no word to look for: '\(term)'") }
    }

    func run() throws {
        guard let concordance = Concordance(term: term, window: window) else { throw ExitCode(ExitStatus.usage.rawValue) }
        let lexicons = try exitingOnFailure { try lexiconOptions.directory() }
        let (ingester, tokenizer) = try exitingOnFailure { (try Ingester(lexicons: lexicons), try Tokenizer(lexicons: lexicons)) }
        let found = InputDiscovery.find(paths, options: inputOptions.discovery)
        for problem in found.problems { note("ccgtext: \(TerminalText.line(problem.path)): \(TerminalText.line(problem.message))") }
        var lines: [Concordance.Line] = []
        for file in found.files {
            do {
                for document in try ingester.ingest(fileAt: file).documents.sorted(by: { $0.source < $1.source }) {
                    lines += concordance.lines(in: tokenizer.tokenize(document), documentID: Report.stableID(document.source))
                }
            } catch {
                note("ccgtext: \(file): \(error)")
            }
        }
        switch format {
        case .tsv:
            show(["document", "source", "unit", "author", "left", "match", "right", "start", "end"].joined(separator: "\t"))
            for line in lines {
                let fields = [line.document, line.source, line.unit, line.author ?? "", line.left, line.match, line.right, String(line.start), String(line.end)]
                show(fields.map { field in
                    let cell = field.replacingOccurrences(of: "\t", with: " ")
                    return rawCells ? cell : CSVExporter.defused(cell)
                }.joined(separator: "\t"))
            }
        case .text:
            let width = min(60, lines.map(\.left.count).max() ?? 0)
            for line in lines {
                let left = line.left.count > width ? "…" + line.left.suffix(width - 1) : String(repeating: " ", count: width - line.left.count) + line.left
                show("\(left)[\(line.match)]\(line.right)  (\(line.source) \(line.unit)\(line.author.map { ", \($0)" } ?? ""))")
            }
            note("ccgtext: \(lines.count) line\(lines.count == 1 ? "" : "s") for '\(term)' in \(found.files.count) file\(found.files.count == 1 ? "" : "s")")
        }
        if lines.isEmpty { throw ExitCode(ExitStatus.partial.rawValue) }
    }
}
