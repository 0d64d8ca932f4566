import ArgumentParser
import CCGExport
import CCGPipeline
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

    @Flag(name: .long, help: "Write --csv cells as they are: by default a cell that starts with =, +, -, @, a tab or a carriage return (and is not a number) gets a leading ' so that a spreadsheet shows it as text instead of running it as a formula.")
    var csvRawCells = false

    @Option(name: .long, help: ArgumentHelp("Also write an SQLite database of documents, units, analyses, evidence, themes, aggregates, errors and run metadata.", valueName: "file"))
    var sqlite: String?

    @Option(name: .long, help: ArgumentHelp("Also write JSON Lines: one line per unit, with its document's id, source, kind and motion.", valueName: "file"))
    var jsonl: String?

    var requested: Bool { html != nil || csv != nil || sqlite != nil || jsonl != nil }

    /// Checks that every output can be written, before any work: the folders exist and are writable, and
    /// no two files written (the outputs, `report` when there is one, and their staging and scratch files)
    /// are one file; with `reading`, that none of them is that input file.
    func validate(report: String?, reading input: String? = nil) throws {
        if htmlDocuments < 0 { throw ValidationError("--html-documents must be 0 or more") }
        for (option, path) in [("--html", html), ("--sqlite", sqlite), ("--jsonl", jsonl)] {
            guard let path else { continue }
            try Self.checkWritableFolder(of: path, option: option)
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
        do {
            try OutputGuard.check(report: report, exporters: exporters(), inputs: input.map { InputDiscovery.Found(files: [$0], problems: []) })
        } catch { throw ValidationError(error.description) }
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
        if let csv { exporters.append(CSVExporter(folder: csv, rawCells: csvRawCells)) }
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
        try outputs.validate(report: nil, reading: report)
    }

    func run() throws {
        let reader = try exitingOnFailure { try ReportFile.open(report) }
        let failures = ReportExport.run(outputs.exporters(), report: reader)
        for failure in failures { note("ccgtext: \(failure)") }
        if !failures.isEmpty { throw ExitCode(ExitStatus.environment.rawValue) }
        note("ccgtext: wrote \(outputs.written.joined(separator: ", "))")
    }
}

/// For the commands that write files beside reading data (`train`, `eval --write-scores`): a file they write
/// may not be one they read, nor two of them one file (the comparison of `OutputGuard`: the directory
/// entry, as bytes).
func refuseOverwriting(inputs: [String?], outputs: [(option: String, path: String?)]) throws {
    var owners: [[UInt8]: String] = [:]
    for input in inputs.compactMap({ $0 }) { owners[OutputGuard.key(input)] = "the input \(input)" }
    for (option, path) in outputs {
        guard let path else { continue }
        let key = OutputGuard.key(path)
        if let owner = owners[key] { throw ValidationError("\(option) would overwrite \(owner): \(path)") }
        owners[key] = option
    }
}
