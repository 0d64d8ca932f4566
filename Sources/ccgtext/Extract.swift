import ArgumentParser
import CCGIngest
import CCGModel
import CCGReport
import Foundation

/// What the ingester keeps of a page, exactly as `analyze` reads it: a reader's check on extraction.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the text ccgtext extracts from pages (main text, metadata, debate structure, comments).",
        discussion: """
            --format text prints the headline, the article text and each comment with its author, role, time and the \
            comment it answers; several files (or the documents of one comment export) are separated by "==> source <==" \
            lines. --format json prints each document as it appears in the report (without analyses) plus its file's \
            warnings: one object for one page, an array for several. Gzip-compressed files (page.html.gz) are read \
            directly; comment exports (JSON Lines, JSON, CSV, TSV) are read as described in docs/comment-imports.md.
            Exit codes: 0 all files read; 1 some could not be read (reasons on stderr); 3 none could; 4 lexicons missing.
            """,
        aliases: ["ingest"])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: ArgumentHelp("The files to read (HTML, plain text, comment exports as JSON Lines, JSON, CSV or TSV; any of them gzip-compressed).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: Format = .text

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one file") }
    }

    func run() throws {
        let ingester = try exitingOnFailure { try Ingester(lexicons: lexiconOptions.directory()) }
        var failures = 0
        var entries: [JSONValue] = []
        for (position, file) in files.enumerated() {
            let outcome: Ingester.Outcome
            do { outcome = try ingester.ingest(fileAt: file, source: file) } catch {
                note("ccgtext: \(file): \(error)")
                failures += 1
                continue
            }
            for warning in outcome.warnings { note("ccgtext: warning: \(file): \(warning)") }
            for (index, document) in outcome.documents.enumerated() {
                switch format {
                case .json:
                    guard case .object(var object) = try Report.entry(for: document, unitAnalyses: document.units.map { _ in [:] }, documentAnalyses: [:]) else { continue }
                    object["warnings"] = .array((index == 0 ? outcome.warnings : []).map(JSONValue.string))
                    entries.append(.object(object))
                case .text:
                    if files.count > 1 || outcome.documents.count > 1 { show("\(position > 0 || index > 0 ? "\n" : "")==> \(document.source) <==") }
                    show(Self.plainText(document))
                }
            }
        }
        if format == .json, !entries.isEmpty {
            FileHandle.standardOutput.write(try Report.encode(entries.count == 1 && files.count == 1 ? entries[0] : .array(entries)))
        }
        if failures == files.count { throw ExitCode(ExitStatus.nothingAnalysed.rawValue) }
        if failures > 0 { throw ExitCode(ExitStatus.partial.rawValue) }
    }

    /// Headline, article (debate sides labelled), then comments with who, when and what they answer.
    static func plainText(_ document: Document) -> String {
        var parts: [String] = []
        // A comment export has no headline unit; its thread title still says what the comments are under.
        if let title = document.title, !document.units.contains(where: { $0.type == .headline }) { parts.append("# \(title)") }
        for unit in document.units {
            switch unit.type {
            case .headline:
                parts.append("# \(unit.text)")
            case .standfirst, .body:
                parts.append(unit.text)
            case .section:
                let who = unit.author.map { " (\($0))" } ?? ""
                parts.append("## \(unit.side?.rawValue.uppercased() ?? "SECTION")\(who)\n\n\(unit.text)")
            case .comment:
                let details = [unit.role, unit.timestamp].compactMap { $0 }.joined(separator: ", ")
                var line = "--- comment \(unit.id)"
                if let sourceId = unit.sourceId { line += " [id \(sourceId)]" }
                if let author = unit.author { line += " by \(author)" }
                if !details.isEmpty { line += " (\(details))" }
                if let parent = unit.replyTo { line += ", replying to \(parent)" }
                if let original = unit.duplicateOf { line += ", repeats \(original)" }
                parts.append("\(line)\n\(unit.text)")
            }
        }
        return parts.joined(separator: "\n\n")
    }
}
