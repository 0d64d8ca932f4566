import ArgumentParser
import CCGAnalysers
import CCGModel
import CCGPipeline
import CCGReport
import Foundation

extension ReportForm.EvidenceLevel: ExpressibleByArgument {}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse documents (HTML pages, plain-text scrapes, or folders of them) and write a JSON report.")

    @Argument(help: ArgumentHelp("Files or folders to analyse; folders are searched for pages (.html, .htm, .xhtml, .txt, .text) and comment exports (.json, .jsonl, .ndjson, .csv, .tsv), each optionally .gz.", valueName: "path"))
    var paths: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("Where to write the JSON report.", valueName: "file"))
    var output: String = "report.json"

    @Option(name: .long, help: ArgumentHelp("Comma-separated analyser ids to run (default: the configuration's, else all; see `ccgtext analysers`).", valueName: "ids"))
    var analysers: String?

    @Option(name: .long, help: ArgumentHelp("Comma-separated analyser ids not to run.", valueName: "ids"))
    var without: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Documents processed in parallel (default: the configuration's, else the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("Stance model from `ccgtext train stance` for comments and articles (as --set stance.model=FILE; --set stance.model-target=T picks a target's classifier, default the motion).", valueName: "file"))
    var model: String?

    @Option(name: .long, help: ArgumentHelp("Take only part K of N of the input (K from 0, as Slurm array and Kubernetes indexes count); `ccgtext merge` joins the parts' reports (docs/cluster.md).", valueName: "K/N"))
    var shard: String?

    @Option(name: .long, help: ArgumentHelp("Keep each file's results in this folder, keyed by its content and the analysers' versions, lexicons and settings; later runs analyse only new or changed files.", valueName: "dir"))
    var cache: String?

    @Flag(name: .long, help: "Continue a run that was stopped (Ctrl-C, SIGTERM): with the same --cache folder, the files it finished are read back, the others analysed, and the report is the one an uninterrupted run writes.")
    var resume = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors: no progress bar, no closing summary.")
    var quiet = false

    @Flag(name: .long, help: "Show progress when standard error is not a terminal too, as a plain line every --progress-interval seconds (on a terminal a bar is shown unless --quiet).")
    var progress = false

    @Option(name: .long, help: ArgumentHelp("Seconds between the plain progress lines of --progress.", valueName: "seconds"))
    var progressInterval: Double = 10

    @Flag(name: .shortAndLong, help: "Also print one line per file: its time, size and what became of it.")
    var verbose = false

    @Flag(name: .long, help: "Indent the JSON report, one member per line (about 2.4 times the bytes of the default single line; the values are the same).")
    var pretty = false

    @Option(name: .long, help: ArgumentHelp("Evidence kept with each label: full (every cue), labels (the \(ReportForm.cuesPerLabel) strongest cues of each label) or none (labels only: the smallest report, for stance summaries over a crawl). Recorded in run.config.report.", valueName: "level"))
    var evidence: ReportForm.EvidenceLevel = .full

    @OptionGroup var outputs: OutputOptions

    @OptionGroup var limitOptions: LimitOptions

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var analyserOptions: AnalyserOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes K/N with 0 ≤ K < N ≤ \(Shard.largestCount), got '\(shard)'") }
        if let cache {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: cache, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw ValidationError("--cache must name a folder, and \(cache) is a file")
            }
        }
        let directory = URL(fileURLWithPath: output).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw ValidationError("the folder for --output does not exist: \(directory)")
        }
        if !FileManager.default.isWritableFile(atPath: directory) {
            throw ValidationError("cannot write in the folder for --output: \(directory)")
        }
        if resume && cache == nil { throw ValidationError("--resume needs the --cache folder of the run to continue") }
        if progressInterval <= 0 { throw ValidationError("--progress-interval must be more than 0") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        try outputs.validate(report: output)
    }

    /// `--jobs` (or the configuration's, or the cores), lowered to what `--max-memory` holds.
    private func jobCount(requested: Int) -> Int {
        guard let allowed = limitOptions.jobs(within: requested) else { return requested }
        if allowed < requested && !quiet {
            note("ccgtext: --max-memory \(limitOptions.maxMemory ?? 0) MB: \(allowed) job\(allowed == 1 ? "" : "s") instead of \(requested) (a worker may need up to \(limitOptions.limits.workerMegabytes) MB at --max-document-length \(limitOptions.limits.documentCharacters))")
        }
        return allowed
    }

    /// Nil when nothing is to be shown, so the pipeline does not even measure the files.
    private var progressDisplay: ProgressDisplay? {
        let mode = ProgressMode.choose(quiet: quiet, progress: progress, interval: progressInterval)
        return mode == .silent && !verbose ? nil : ProgressDisplay(mode: mode, verbose: verbose)
    }

    /// Stops the run cleanly on the first SIGINT or SIGTERM (the files in hand are finished, no report is
    /// written); a second one ends the process at once.
    private func stoppingOnSignals() -> (Cancellation, [DispatchSourceSignal]) {
        let cancellation = Cancellation()
        let sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if cancellation.cancelled != nil {
                    // At once, but with no staging file left behind beside the outputs.
                    TemporaryFiles.removeAll()
                    _exit(128 + number)
                }
                cancellation.cancel(because: "interrupted (\(name))")
                if cancellation.isWriting {
                    note("\nccgtext: \(name): finishing the report being written, then stopping (again to stop at once, with no report)")
                } else {
                    note("\nccgtext: \(name): stopping after the files in hand (again to stop at once)")
                }
            }
            source.resume()
            return source
        }
        return (cancellation, sources)
    }

    func run() throws {
        let (cancellation, signalSources) = stoppingOnSignals()
        defer { signalSources.forEach { $0.cancel() } }
        let (lexicons, catalog, configured, configuration) = try exitingOnFailure { try analyserOptions.resolve(inputs: paths) }
        var settingsByAnalyser = configured
        if let model { settingsByAnalyser["stance", default: [:]]["model"] = model }
        // Before any plugin starts or file is read: no output may destroy an input, nor the configuration,
        // a plugin's manifest, a dictionary or a file a setting names (a stance model).
        let exporters = outputs.exporters()
        let found = InputDiscovery.find(paths, options: inputOptions.discovery)
        do {
            var inputs = found
            inputs.files += [configuration?.path].compactMap { $0 } + catalog.entries.compactMap(\.source.path)
                + SettingFile.named(in: settingsByAnalyser).map(\.path)
            try OutputGuard.check(report: output, exporters: exporters, inputs: inputs)
        } catch {
            note("ccgtext: \(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        // Staging files that a run killed outright left beside these outputs.
        TemporaryFiles.removeStale(besides: [output] + exporters.flatMap(\.writes))
        if !catalog.foundNotRun.isEmpty && !quiet {
            note("ccgtext: not running the plugin manifests found in plugins/ folders (\(catalog.foundNotRun.joined(separator: ", "))): a folder of inputs may be untrusted; add --discover-plugins, or --plugin FILE, to run them")
        }
        let excluded = Set(without.map(analyserIDs) ?? [])
        let wanted = analysers.map(analyserIDs) ?? configuration?.analysers ?? catalog.ids
        let unknown = (wanted + excluded).filter { catalog.entry($0) == nil }
        if !unknown.isEmpty {
            note("ccgtext: unknown analyser \(unknown.joined(separator: ", ")); known: \(catalog.ids.joined(separator: ", ")) (see `ccgtext analysers`)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let chosen = try exitingOnFailure("cannot set up the analysers: ") { () -> [AnyAnalyser] in
            let entries = catalog.entries.filter { wanted.contains($0.description.id) && !excluded.contains($0.description.id) }
            // External processes first: an interpreter starts on a free core while the built-ins load their
            // lexicons on this one. The pipeline gets them back in catalog order.
            var built: [String: AnyAnalyser] = [:]
            let startsProcess = { (entry: AnalyserCatalog.Entry) -> Bool in if case .external = entry.source { true } else { false } }
            for entry in entries.filter(startsProcess) + entries.filter({ !startsProcess($0) }) {
                built[entry.description.id] = try entry.make(AnalyserContext(lexicons: lexicons, settings: settingsByAnalyser[entry.description.id] ?? [:]))
            }
            return entries.compactMap { built[$0.description.id] }
        }
        let pipeline: Pipeline
        do {
            var pipelineConfiguration = try Pipeline.Configuration(
                paths: paths, lexicons: lexicons, analysers: chosen,
                jobs: jobCount(requested: jobs ?? configuration?.jobs ?? ProcessInfo.processInfo.activeProcessorCount), settings: settingsByAnalyser,
                shard: shard.flatMap(Shard.init) ?? .whole, cache: cache, progress: progressDisplay,
                limits: limitOptions.limits, cancellation: cancellation)
            pipelineConfiguration.discovery = inputOptions.discovery
            pipelineConfiguration.inputs = found
            pipelineConfiguration.form = ReportForm(pretty: pretty, evidence: evidence)
            pipeline = try Pipeline(configuration: pipelineConfiguration)
        } catch let problem as AnalyserOrder.Problem {
            note("ccgtext: \(problem)")
            throw ExitCode(ExitStatus.usage.rawValue)
        } catch {
            note("ccgtext: cannot set up the pipeline: \(error)")
            throw ExitCode(ExitStatus.environment.rawValue)
        }
        if resume, let cache {
            let kept = (try? FileManager.default.contentsOfDirectory(atPath: cache).count) ?? 0
            if !quiet { note(kept == 0 ? "ccgtext: --resume: \(cache) holds no results yet; starting from the beginning" : "ccgtext: --resume: reading back the results kept in \(cache)") }
        }
        let outcome: Pipeline.Outcome
        do { outcome = try pipeline.run(writingTo: output, exporting: exporters) } catch let conflict as OutputGuard.Conflict {
            note("ccgtext: \(conflict)")
            throw ExitCode(ExitStatus.usage.rawValue)
        } catch {
            note("ccgtext: \(error)")
            throw ExitCode(ExitStatus.environment.rawValue)
        }
        if outcome.stopped == nil, let stopped = cancellation.cancelled {
            // The signal came while the report was written: it and its other forms were finished first.
            if !quiet { note(RunSummary(outcome: outcome, output: output).text) }
            for failure in outcome.exportErrors { note("ccgtext: \(failure)") }
            note("ccgtext: \(stopped) while the report was written; it was finished first\(outcome.output.map { ": \($0)" } ?? "")")
            throw ExitCode(128 + (stopped.contains("SIGTERM") ? SIGTERM : SIGINT))
        }
        if let notCached = outcome.notCached, let cache {
            note("ccgtext: warning: the results of \(notCached.files) file\(notCached.files == 1 ? "" : "s") could not be kept in \(cache) (\(notCached.reason)); a later run analyses them again")
        }
        if let stopped = outcome.stopped {
            let resumable = cache.map { folder in
                outcome.notCached == nil
                    ? "; run the same command with --resume to continue (the results of finished files are kept in \(folder))"
                    : "; --resume with \(folder) continues from the results that could be kept"
            } ?? "; add --cache DIR to make a run resumable"
            note("ccgtext: \(stopped) after \(outcome.filesDone) of \(outcome.filesTaken) files; no report written\(resumable)")
            throw ExitCode(128 + (stopped.contains("SIGTERM") ? SIGTERM : SIGINT))
        }
        for error in outcome.report.errors.sorted() {
            note("ccgtext: \(error.severity == .warning ? "warning" : "error"): \(TerminalText.line(error.source)): \(TerminalText.line(error.message))")
        }
        if outcome.output == nil {
            let shardNote = outcome.filesTaken < outcome.filesFound ? ", \(outcome.filesTaken) of them in shard \(shard ?? "")" : ""
            note("ccgtext: no document could be analysed in \(paths.joined(separator: " ")) (\(outcome.filesFound) candidate files\(shardNote)); no report written")
            throw ExitCode(ExitStatus.nothingAnalysed.rawValue)
        }
        if !quiet {
            note(RunSummary(outcome: outcome, output: output).text)
            if !outputs.written.isEmpty && outcome.exportErrors.isEmpty { note("ccgtext: also wrote \(outputs.written.joined(separator: ", "))") }
        }
        for failure in outcome.exportErrors { note("ccgtext: \(failure)") }
        if !outcome.exportErrors.isEmpty { throw ExitCode(ExitStatus.environment.rawValue) }
        if outcome.failedDocuments > 0 || outcome.report.errors.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.partial.rawValue) }
    }
}
