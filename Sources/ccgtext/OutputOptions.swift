import ArgumentParser
import CCGExport
import CCGReport
import Foundation

/// `--html`, `--csv`, `--sqlite`, `--jsonl`: the report's other forms, shared by `analyze` (made as the
/// report is written) and `export` (made from a report written before, or merged).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Also write one self-contained HTML page with charts and every unit's evidence marked (docs/outputs.md).", valueName: "file"))
    var html: String?

    @Option(name: .long, help: ArgumentHelp("Documents shown one by one in the HTML page (the charts count them all).", valueName: "n"))
    var htmlDocuments: Int = 500

    @Option(name: .long, help: ArgumentHelp("Also write documents.csv, units.csv and aggregates.csv (RFC 4180, UTF-8) into this folder, made if missing.", valueName: "dir"))
    var csv: String?

    @Option(name: .long, help: ArgumentHelp("Also write an SQLite database of documents, units, analyses, evidence, themes, aggregates, errors and run metadata.", valueName: "file"))
    var sqlite: String?

    @Option(name: .long, help: ArgumentHelp("Also write JSON Lines: one line per unit, with its document's id, source, kind and motion.", valueName: "file"))
    var jsonl: String?

    var requested: Bool { html != nil || csv != nil || sqlite != nil || jsonl != nil }

    /// Checks that every output can be written, before any work: the folders exist and are writable, and
    /// no two outputs (nor `report`, the JSON report's path) are the same file.
    func validate(report: String?) throws {
        if htmlDocuments < 0 { throw ValidationError("--html-documents must be 0 or more") }
        var seen: [String: String] = [:]
        if let report { seen[URL(fileURLWithPath: report).standardizedFileURL.path] = "the report" }
        for (option, path) in [("--html", html), ("--sqlite", sqlite), ("--jsonl", jsonl)] {
            guard let path else { continue }
            try Self.checkWritableFolder(of: path, option: option)
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            if let other = seen[resolved] { throw ValidationError("\(option) would overwrite \(other): \(path)") }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ValidationError("\(option) names a folder, not a file: \(path)")
            }
            seen[resolved] = option
        }
        if let csv {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: csv, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw ValidationError("--csv names a file, not a folder: \(csv)") }
                if !FileManager.default.isWritableFile(atPath: csv) { throw ValidationError("cannot write in the folder for --csv: \(csv)") }
            } else {
                try Self.checkWritableFolder(of: csv, option: "--csv")
            }
        }
    }

    private static func checkWritableFolder(of path: String, option: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("the folder for \(option) does not exist: \(directory)")
        }
        if !FileManager.default.isWritableFile(atPath: directory) { throw ValidationError("cannot write in the folder for \(option): \(directory)") }
    }

    func exporters() -> [any ReportExporter] {
        var exporters: [any ReportExporter] = []
        if let jsonl { exporters.append(JSONLinesExporter(path: jsonl)) }
        if let csv { exporters.append(CSVExporter(folder: csv)) }
        if let sqlite { exporters.append(SQLiteExporter(path: sqlite)) }
        if let html { exporters.append(HTMLReportExporter(path: html, documentLimit: htmlDocuments)) }
        return exporters
    }

    /// What was written, for the run's closing lines.
    var written: [String] {
        [html.map { "HTML \($0)" }, csv.map { "CSV \($0)/" }, sqlite.map { "SQLite \($0)" }, jsonl.map { "JSON Lines \($0)" }].compactMap { $0 }
    }
}

/// Makes the report's other forms from a report file (one written before, or the merge of shards').
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a report's HTML page, CSV tables, SQLite database or JSON Lines from the JSON report.",
        discussion: """
            The same outputs `ccgtext analyze --html/--csv/--sqlite/--jsonl` makes during a run, for a report written \
            before or joined by `ccgtext merge`. Exit codes: 0 written; 2 usage error; 4 the report could not be read \
            or an output could not be written.
            """)

    @Argument(help: ArgumentHelp("The report written by `ccgtext analyze` or `ccgtext merge`.", valueName: "report.json"))
    var report: String

    @OptionGroup var outputs: OutputOptions

    func validate() throws {
        if !outputs.requested { throw ValidationError("name at least one output: --html, --csv, --sqlite or --jsonl") }
        try outputs.validate(report: report)
    }

    func run() throws {
        let json = try exitingOnFailure { try ReportFile.read(report) }
        let failures = ReportExport.run(outputs.exporters(), report: json)
        for failure in failures { note("ccgtext: \(failure)") }
        if !failures.isEmpty { throw ExitCode(ExitStatus.environment.rawValue) }
        note("ccgtext: wrote \(outputs.written.joined(separator: ", "))")
    }
}
