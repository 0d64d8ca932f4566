import ArgumentParser
import CCGAnalysers
import CCGModel
import CCGPipeline
import CCGReport
import Foundation

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the reports of shards (`analyze --shard K/N`) into the report of one run.",
        discussion: """
            The merged report has the documents and errors of every part and corpus summaries computed again from the
            documents' summaries; outside "run" it is byte for byte the report of one unsharded run. The parts must come
            from one command (the same ccgtext version, analysers, lexicons and settings) and cover every shard.
            Analysers' corpus summaries are computed here (no plugin is started) from the lexicons, manifests and
            dictionaries the parts record in run.config.lexiconRoot and run.analysers; where those paths do not hold
            on this machine, name them with --lexicons, --plugin and --dictionary.
            Exit codes: 0 merged; 1 merged, and the parts report errors; 2 the parts do not fit together or cannot be
            read; 4 lexicons missing or the report could not be written.
            """)

    @Argument(help: ArgumentHelp("The partial reports, one per shard, in any order.", valueName: "part"))
    var parts: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the merged report.", valueName: "file"))
    var output: String = "report.json"

    @Flag(name: .long, help: "Merge the parts given even when some shards' reports are missing (the report lists them in run.merged.shardsMissing).")
    var allowMissing = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @OptionGroup var analyserOptions: AnalyserOptions

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the partial reports to merge") }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("the folder for --output does not exist: \(directory)")
        }
        if parts.contains(where: { OutputGuard.key($0) == OutputGuard.key(output) }) {
            throw ValidationError("--output would overwrite one of the parts: \(output)")
        }
    }

    func run() throws {
        let report: Report
        do {
            report = try ReportMerge.merge(parts: parts, output: output, allowMissingShards: allowMissing, prepare: summariser)
        } catch let problem as ReportMerge.Problem {
            note("ccgtext: \(problem)")
            throw ExitCode(ExitStatus.usage.rawValue)
        } catch let failure as ReportWriteError {
            note("ccgtext: \(failure)")
            throw ExitCode(ExitStatus.environment.rawValue)
        }
        let corpus = report.corpus
        if !quiet {
            note("Merged \(parts.count) parts: \((corpus["documents"]?.numberValue ?? 0).saturatingInt) documents (\((corpus["units"]?.numberValue ?? 0).saturatingInt) units), \(report.errors.count) errors and warnings. Report: \(output)")
        }
        if report.errors.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.partial.rawValue) }
    }

    /// The analysers' corpus summaries, set up from the first part's run.
    private func summariser(for first: ReportMerge.PartRun) throws -> ReportMerge.Summarise {
        var options = analyserOptions
        // Lexicons, manifests and dictionaries are found where the run found them: the paths it recorded.
        if options.lexiconOptions.lexicons == nil, let root = first.run["config"]?["lexiconRoot"]?.stringValue,
            FileManager.default.fileExists(atPath: URL(fileURLWithPath: root).appendingPathComponent("ingest/en.json").path)
        {
            options.lexiconOptions.lexicons = root
        }
        for analyser in first.run["analysers"]?.arrayValue ?? [] {
            guard let path = analyser["path"]?.stringValue, FileManager.default.fileExists(atPath: path) else { continue }
            switch analyser["source"]?.stringValue {
            case "external": options.plugin.append(path)
            case "dictionary" where !path.hasPrefix("lexicons/dictionaries/"): options.dictionary.append(path)
            default: break
            }
        }
        let inputs = (first.run["inputs"]?.arrayValue ?? []).compactMap(\.stringValue)
        let (lexicons, catalog, _, _) = try exitingOnFailure { try options.resolve(inputs: inputs) }
        try checkLexicons(first, lexicons)
        var summarisers: [String: @Sendable (DocumentSummaries<JSONValue>) throws -> JSONValue] = [:]
        for analyser in first.analysers {
            guard let entry = catalog.entry(analyser.id) else {
                note("ccgtext: the parts were analysed with \(analyser.id) \(analyser.version) (\(analyser.source)), which is not found here; pass its --plugin or --dictionary")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            guard entry.description.version == analyser.version else {
                note("ccgtext: the parts were analysed with \(analyser.id) \(analyser.version), and this ccgtext has \(entry.description.version); merge with the version that made them")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
            let settings = (first.settings[analyser.id]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            summarisers[analyser.id] = try exitingOnFailure("cannot set up \(analyser.id): ") {
                try entry.summariser(AnalyserContext(lexicons: lexicons, settings: settings))
            }
        }
        return { id, documents in
            guard let summarise = summarisers[id] else { throw ReportMerge.Problem.notAReport(part: first.path, reason: "no summariser for \(id)") }
            return try summarise(documents)
        }
    }

    /// Corpus summaries may read lexicons, so they must be the ones the parts were made with.
    private func checkLexicons(_ part: ReportMerge.PartRun, _ lexicons: LexiconDirectory) throws {
        for file in part.run["lexicons"]?.arrayValue ?? [] {
            guard let path = file["path"]?.stringValue, let hash = file["sha256"]?.stringValue, path.hasPrefix("lexicons/") else { continue }
            let data = FileManager.default.contents(atPath: lexicons.root.appendingPathComponent(String(path.dropFirst("lexicons/".count))).path)
            if data.map(Report.sha256) != hash {
                note("ccgtext: \(path) in \(lexicons.root.path) is not the file the parts were analysed with (its hash differs or it is missing); pass the run's --lexicons")
                throw ExitCode(ExitStatus.usage.rawValue)
            }
        }
    }
}
