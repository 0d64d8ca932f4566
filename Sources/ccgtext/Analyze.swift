import ArgumentParser
import CCGAnalysers
import CCGModel
import CCGPipeline
import CCGReport
import Foundation

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse documents (HTML pages, plain-text scrapes, or folders of them) and write a JSON report.")

    @Argument(help: ArgumentHelp("Files or folders to analyse; folders are searched for pages (.html, .htm, .xhtml, .txt, .text) and comment exports (.json, .jsonl, .ndjson, .csv, .tsv), each optionally .gz.", valueName: "path"))
    var paths: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the JSON report.", valueName: "file"))
    var output: String = "report.json"

    @Option(name: .long, help: ArgumentHelp("Comma-separated analyser ids to run (default: all; see `ccgtext analysers`).", valueName: "ids"))
    var analysers: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Documents processed in parallel (default: number of cores).", valueName: "n"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("set"), help: ArgumentHelp("Analyser setting as analyser.key=value (e.g. sentiment.overlay=none, stance.target=\"Should X do Y?\"); repeatable.", valueName: "setting"))
    var settings: [String] = []

    @Option(name: .long, help: ArgumentHelp("Stance model from `ccgtext train stance` for comments and articles (as --set stance.model=FILE; --set stance.model-target=T picks a target's classifier, default the motion).", valueName: "file"))
    var model: String?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let analysers {
            let known = Set(AnalyserRegistry.descriptions.map(\.id))
            let unknown = analysers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !known.contains($0) }
            if !unknown.isEmpty {
                throw ValidationError("unknown analyser \(unknown.joined(separator: ", ")); known: \(known.sorted().joined(separator: ", "))")
            }
        }
        for setting in settings where parseSetting(setting) == nil {
            throw ValidationError("--set takes analyser.key=value, got '\(setting)'")
        }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("the folder for --output does not exist: \(directory)")
        }
        if !FileManager.default.isWritableFile(atPath: directory) {
            throw ValidationError("cannot write in the folder for --output: \(directory)")
        }
    }

    private func parseSetting(_ text: String) -> (analyser: String, key: String, value: String)? {
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: ".") else { return nil }
        let analyser = String(text[..<dot])
        let key = String(text[text.index(after: dot)..<equals])
        guard !analyser.isEmpty, !key.isEmpty else { return nil }
        return (analyser, key, String(text[text.index(after: equals)...]))
    }

    func run() throws {
        let lexicons = try exitingOnFailure { try lexiconOptions.directory() }
        var settingsByAnalyser: [String: [String: String]] = [:]
        for setting in settings { if let parsed = parseSetting(setting) { settingsByAnalyser[parsed.analyser, default: [:]][parsed.key] = parsed.value } }
        if let model { settingsByAnalyser["stance", default: [:]]["model"] = model }
        let wanted = analysers.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let pipeline = try exitingOnFailure("cannot set up the analysers: ") {
            var chosen: [AnyAnalyser] = []
            for type in AnalyserRegistry.all where wanted?.contains(type.description.id) ?? true {
                let context = AnalyserContext(lexicons: lexicons, settings: settingsByAnalyser[type.description.id] ?? [:])
                chosen.append(try AnyAnalyser.make(type, context: context))
            }
            return try Pipeline(configuration: .init(paths: paths, lexicons: lexicons, analysers: chosen, jobs: jobs, settings: settingsByAnalyser))
        }
        let outcome = try pipeline.run()
        for error in outcome.report.errors.sorted() {
            note("ccgtext: \(error.severity == .warning ? "warning" : "error"): \(error.source): \(error.message)")
        }
        if outcome.documents == 0 {
            note("ccgtext: no document could be analysed in \(paths.joined(separator: " ")) (\(outcome.filesFound) candidate files); no report written")
            throw ExitCode(ExitStatus.nothingAnalysed.rawValue)
        }
        try exitingOnFailure { try Report.writeAtomically(try outcome.report.encoded(), to: output) }
        if !quiet { note(RunSummary(outcome: outcome, output: output).text) }
        if outcome.failedDocuments > 0 { throw ExitCode(ExitStatus.partial.rawValue) }
    }
}
