import CCGIngest
import CCGModel
import CCGReport
import CCGTokenize
import CProcessBridge
import Foundation

/// ingest (bytes → `Document`) → tokenize (`Document` → `TokenizedDocument`) → analyse (→ per-unit JSON and
/// document summaries) → encode (the document's report entry, into a `DocumentSpool`) → aggregate
/// (document summaries → corpus summaries) → write.
///
/// Files are read one at a time by each of `jobs` workers, which take the next file as they finish
/// one, so memory holds `jobs` documents and the document summaries, never the corpus. Entries and
/// summaries are put in source order before anything is aggregated or written, so the report does not
/// depend on scheduling, and the corpus summaries are computed from document summaries only, so the
/// reports of shards merge into the report of one run.
public struct Pipeline: Sendable {
    public struct Configuration: Sendable {
        public var paths: [String]
        public var lexicons: LexiconDirectory
        /// In run order (set once, so `neededResults` stays true to it).
        public let analysers: [AnyAnalyser]
        public var jobs: Int
        public var settings: [String: [String: String]]
        /// Analysers whose unit results another analyser reads (`AnalyserNeed.results(of:)`): only theirs are
        /// kept on the tokenized document.
        public let neededResults: Set<String>
        /// The part of the input this run takes.
        public var shard: Shard = .whole
        /// A folder of results kept between runs (`ResultCache`); nil for none.
        public var cache: String?
        /// Told as files finish (a progress bar); nil for none.
        public var progress: (any ProgressObserver)?
        /// What one file, unit or document may cost.
        public var limits: InputLimits
        /// Set to stop the run between files (SIGINT, SIGTERM); nil when nothing can stop it.
        public var cancellation: Cancellation?
        /// How input folders are walked (whether links out of them are followed).
        public var discovery: InputDiscovery.Options = .defaults
        /// The inputs as already listed from `paths` (with `discovery`), so a caller that has listed them to
        /// check its outputs before any work does not walk the folders twice; nil to list them in `run`.
        public var inputs: InputDiscovery.Found?
        /// The report's layout and how much evidence it keeps.
        public var form: ReportForm = .default

        /// `analysers` in any order: they are run each after those whose results it needs
        /// (`AnalyserOrder`), which throws when a need is missing or the needs form a cycle.
        public init(
            paths: [String], lexicons: LexiconDirectory, analysers: [AnyAnalyser], jobs: Int, settings: [String: [String: String]] = [:],
            shard: Shard = .whole, cache: String? = nil, progress: (any ProgressObserver)? = nil, limits: InputLimits = .defaults,
            cancellation: Cancellation? = nil
        ) throws {
            self.paths = paths
            self.lexicons = lexicons
            self.analysers = try AnalyserOrder.sorted(analysers)
            neededResults = Set(analysers.flatMap { $0.description.needs.compactMap(\.analyser) })
            self.jobs = max(1, jobs)
            self.settings = settings
            self.shard = shard
            self.cache = cache
            self.progress = progress
            self.limits = limits
            self.cancellation = cancellation
        }
    }

    /// What one document became: its report entry (encoded) and summaries, or the error that stopped it.
    struct Processed: Sendable {
        var source: String
        var entry: Data?
        var summaries: [String: JSONValue] = [:]
        var units = 0
        var errors: [ReportError] = []
        var timings: [String: Double] = [:]
        /// Whether the file's results were read from the cache rather than computed.
        var fromCache = false
        /// False when an analyser left units it reads without results (`DocumentAnalysis.complete`).
        var complete = true
        /// Why the file's results could not be kept in the cache, when they could not.
        var notCached: String?
    }

    public struct Outcome: Sendable {
        /// The report as written, but for its documents (which are in the file).
        public var report: Report
        /// Where the report was written; nil when no document could be analysed and nothing was written.
        public var output: String?
        public var documents: Int
        public var units: Int
        public var failedDocuments: Int
        /// Files found in the inputs (all shards').
        public var filesFound: Int
        /// Files this shard took.
        public var filesTaken: Int
        /// Files whose results came from the cache.
        public var cacheHits: Int
        /// Exports that could not be written (the report was).
        public var exportErrors: [ExportError] = []
        /// Set when the run was stopped before every file was read: nothing was written.
        public var stopped: String?
        /// Files whose processing finished (all of them unless stopped).
        public var filesDone = 0
        /// Files whose results could not be written to the cache, and the first reason (a read-only folder).
        public var notCached: (files: Int, reason: String)?
    }

    let configuration: Configuration
    let ingester: Ingester
    let tokenizers: TokenizerPool

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        self.ingester = try Ingester(lexicons: configuration.lexicons, limits: configuration.limits)
        let abbreviations = Tokenizer.abbreviations(in: configuration.lexicons)
        self.tokenizers = TokenizerPool { try Tokenizer(abbreviations: abbreviations) }
    }

    /// Runs every stage and writes the report to `output` (atomically), unless no document could be
    /// analysed in an unsharded run, then hands the written report to `exporters`. Throws
    /// `OutputGuard.Conflict` before any work when an output would destroy an input or another output, and
    /// `ReportWriteError` when the report or its temporary files cannot be written.
    public func run(writingTo output: String, exporting exporters: [any ReportExporter] = []) throws -> Outcome {
        let started = Stopwatch()
        var found = configuration.inputs ?? InputDiscovery.find(configuration.paths, options: configuration.discovery)
        // No output may destroy an input; the report and the exports of a previous run, written inside an
        // input folder, are not inputs.
        let replaced = try OutputGuard.check(report: output, exporters: exporters, inputs: found)
        if !replaced.isEmpty { found.files.removeAll { replaced.contains(Array($0.utf8)) } }
        let shard = configuration.shard
        let files = shard.select(found.files, size: Shard.fileSize)
        // Every lexicon is read by now (analysers, ingester and tokenizers load theirs when built), so the
        // files are hashed once, for the cache key and the report alike; so are the files settings name.
        let lexiconFiles = configuration.lexicons.filesRead.map { path in
            (path: path, sha256: Report.sha256(FileManager.default.contents(atPath: configuration.lexicons.root.appendingPathComponent(path).path) ?? Data()))
        }
        let settingFiles = SettingFile.named(in: configuration.settings)
        let cache = try configuration.cache.map { directory in
            try ResultCache(
                directory: directory,
                runKey: ResultCache.runKey(
                    analysers: configuration.analysers, lexiconFiles: lexiconFiles, settingFiles: settingFiles,
                    // The unit, document and markup-depth limits change results; the others only refuse
                    // inputs, and refusals are not cached.
                    settings: configuration.settings.merging([
                        "limits": [
                            "unitCharacters": String(configuration.limits.unitCharacters), "markupDepth": String(configuration.limits.markupDepth),
                            "documentCharacters": String(configuration.limits.documentCharacters),
                        ],
                        // Entries are cached as they are spooled: compact, with the evidence the form keeps.
                        "report": ["entries": "compact", "evidence": configuration.form.evidence.rawValue],
                    ]) { own, _ in own }))
        }
        let spool = try DocumentSpool(directory: URL(fileURLWithPath: output).deletingLastPathComponent().path)
        // A file is at least one document (a comment export may be many; the array grows for those).
        spool.reserve(files.count)
        let collected = Collected()
        let next = WorkQueue(count: files.count)
        let jobs = min(configuration.jobs, max(1, files.count))
        let progress = configuration.progress
        let sizes = progress == nil ? [] : files.map(Shard.fileSize)
        progress?.started(files: files.count, bytes: sizes.reduce(0, +))
        let cancellation = configuration.cancellation
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            while cancellation?.cancelled == nil, let index = next.take() {
                let clock = Stopwatch()
                let processed = process(files[index], cache: cache)
                collected.add(processed, to: spool)
                // The workers' freed pages go back to the system now and then: over a crawl, glibc's
                // arenas otherwise keep what each document freed beside the run's long-lived lists, and
                // the resident size drifts up with the number of documents.
                if index % Self.trimEvery == Self.trimEvery - 1 { _ = ccg_release_free_memory() }
                progress?.finished(
                    FileProgress(
                        path: files[index], bytes: sizes[index], documents: processed.count, failed: processed.filter { $0.entry == nil }.count,
                        seconds: clock.seconds, fromCache: processed.first?.fromCache ?? false))
            }
        }
        if let stopped = cancellation?.beginWriting() {
            // The spool (already unlinked) is freed with this scope; the cache keeps every file finished.
            return Outcome(
                report: Report(tool: [:], run: [:], corpus: .null, errors: collected.errors), output: nil, documents: 0, units: 0,
                failedDocuments: collected.failed, filesFound: found.files.count, filesTaken: files.count, cacheHits: collected.cacheHits,
                // A worker finishes every file it takes, so the files taken are the files done.
                stopped: stopped, filesDone: next.taken, notCached: collected.notCached)
        }
        progress?.writing()

        var aggregating = Stopwatch()
        // Paths that cannot be found or listed are every shard's problem; the first shard reports them.
        var errors = shard.index == 0
            ? found.problems.map { ReportError(source: $0.path, stage: .ingest, message: $0.message, severity: $0.isWarning ? .warning : .error) } : []
        errors += collected.errors
        for analyser in configuration.analysers {
            let source = analyser.source.path ?? analyser.id
            errors += analyser.finish().map { ReportError(source: source, stage: .analyse, message: "\(analyser.id): \($0)") }
        }
        var corpusAnalyses: [String: JSONValue] = [:]
        for analyser in configuration.analysers {
            corpusAnalyses[analyser.id] = try spool.summarise(analyser.id, with: analyser.summarise(corpus:))
        }
        let documentCount = spool.count
        var timings = collected.timings
        timings["aggregate"] = aggregating.lap()

        let unitCount = spool.units
        let corpus: JSONValue = .object([
            "documents": .number(Double(documentCount)), "units": .number(Double(unitCount)),
            "errors": .number(Double(errors.count)), "analyses": .object(corpusAnalyses),
        ])
        var report = Report(
            tool: ["name": .string("ccgtext"), "version": .string(CCGVersion.current)],
            run: [:], corpus: corpus, errors: errors)
        let failed = collected.failed + (shard.index == 0 ? found.problems.filter { !$0.isWarning }.count : 0)
        var outcome = Outcome(
            report: report, output: nil, documents: documentCount, units: unitCount, failedDocuments: failed,
            filesFound: found.files.count, filesTaken: files.count, cacheHits: collected.cacheHits, filesDone: files.count,
            notCached: collected.notCached)
        timings["total"] = started.seconds
        // A shard's report is written even when empty, so that a merge finds every part.
        if documentCount > 0 || shard.count > 1 {
            report.run = runMetadata(timings: timings, lexiconFiles: lexiconFiles, settingFiles: settingFiles, cache: cache.map { ($0, collected.cacheHits, files.count) })
            try report.write(documents: spool, to: output, pretty: configuration.form.pretty)
            timings["write"] = aggregating.lap()
            outcome.output = output
            if !exporters.isEmpty {
                outcome.exportErrors = ReportExport.run(exporters, envelope: report.json(), documents: spool)
                timings["export"] = aggregating.lap()
            }
        }
        timings["total"] = started.seconds
        // The written report's timings stop before the write; the outcome's include it.
        report.run = runMetadata(timings: timings, lexiconFiles: lexiconFiles, settingFiles: settingFiles, cache: cache.map { ($0, collected.cacheHits, files.count) })
        outcome.report = report
        return outcome
    }

    /// One file through every stage, or its results from the cache.
    func process(_ path: String, cache: ResultCache?) -> [Processed] {
        var clock = Stopwatch()
        let bytes: [UInt8]
        do {
            bytes = try Ingester.read(path, maximumBytes: configuration.limits.fileBytes)
        } catch {
            return [Processed(source: path, errors: [ReportError(source: path, stage: .ingest, message: "\(error)")])]
        }
        let readSeconds = clock.lap()
        let key = cache?.key(source: path, bytes: bytes)
        if let cache, let key, let hit = cache.load(key) {
            var results = zip(hit.header.documents, hit.entries).map { document, entry in
                Processed(source: document.source, entry: entry, summaries: document.summaries, units: document.units)
            }
            if !results.isEmpty {
                results[0].errors = hit.header.warnings
                results[0].timings = ["read": readSeconds, "cache": clock.lap()]
                results[0].fromCache = true
                return results
            }
        }
        var results = process(bytes, source: path)
        results[0].timings["read", default: 0] += readSeconds
        if let cache, let key, results.allSatisfy({ $0.entry != nil && $0.complete }), !results.contains(where: { $0.errors.contains { $0.severity == .error } }) {
            results[0].notCached = cache.store(
                key,
                header: .init(
                    documents: results.map { .init(source: $0.source, units: $0.units, length: $0.entry?.count ?? 0, summaries: $0.summaries) },
                    warnings: results.flatMap(\.errors)),
                entries: results.compactMap(\.entry))
        }
        return results
    }

    /// One file's bytes through every stage: a page is one document, a comment export one per document
    /// it names. Any failure becomes an error entry for that file or document only.
    func process(_ bytes: [UInt8], source path: String) -> [Processed] {
        let outcome: Ingester.Outcome
        let reading = Stopwatch()
        do {
            outcome = try ingester.ingest(bytes: bytes, source: path)
        } catch {
            return [Processed(source: path, errors: [ReportError(source: path, stage: .ingest, message: "\(error)")])]
        }
        // Reading the file counts against each of its documents' time budget.
        let spent = reading.seconds
        var results: [Processed]
        if outcome.documents.count == 1 {
            results = [process(outcome.documents[0], spent: spent)]
        } else {
            // A comment export can hold thousands of threads: spread them over the workers too.
            let slots = ResultSlots<Processed>(count: outcome.documents.count)
            let workers = min(configuration.jobs, outcome.documents.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: outcome.documents.count, by: workers) {
                    slots.set(index, process(outcome.documents[index], spent: spent))
                }
            }
            results = slots.values.compactMap { $0 }
        }
        for (stage, seconds) in outcome.timings { results[0].timings[stage, default: 0] += seconds }
        results[0].errors.insert(contentsOf: outcome.warnings.map { ReportError(source: path, stage: .ingest, message: $0, severity: .warning) }, at: 0)
        return results
    }

    /// One ingested document through tokenizing, every analyser and encoding its report entry. `spent` is
    /// the time its file took to read, which its time budget includes.
    private func process(_ document: Document, spent: Double = 0) -> Processed {
        let source = document.source
        var result = Processed(source: source)
        var clock = Stopwatch()
        let started = Stopwatch()
        let used = { started.seconds + spent }
        func lap(_ stage: String) { result.timings[stage, default: 0] += clock.lap() }
        var document = document
        result.errors += Self.cutLongUnits(&document, limit: configuration.limits.unitCharacters)
        result.errors += Self.dropUnitsPastDocumentLimit(&document, limit: configuration.limits.documentCharacters)
        var tokenized: TokenizedDocument
        do {
            tokenized = try tokenizers.with { $0.tokenize(document) }
        } catch {
            result.errors.append(ReportError(source: source, stage: .tokenize, message: "\(error)"))
            return result
        }
        lap("tokenize")
        var unitAnalyses = Array(repeating: [String: JSONValue](), count: tokenized.units.count)
        for analyser in configuration.analysers {
            // Checked between stages: an analyser is not interrupted, but a document that has had its time
            // does not hold up the batch for the next ones.
            if used() > configuration.limits.documentSeconds {
                result.errors.append(
                    ReportError(
                        source: source, stage: .analyse,
                        message: "stopped before \(analyser.id): the document took \(String(format: "%.1f", used())) s, over the time budget of \(Self.seconds(configuration.limits.documentSeconds)) s per document (--time-budget); its results are left out"))
                return result
            }
            // One analyser's failure costs that analyser's results for this document, not the others'.
            do {
                let analysis = try analyser.analyse(tokenized)
                for (index, value) in analysis.units.enumerated() where index < unitAnalyses.count {
                    if let value { unitAnalyses[index][analyser.id] = value }
                }
                result.summaries[analyser.id] = analysis.summary
                if !analysis.complete { result.complete = false }
                result.errors += analysis.problems.map { ReportError(source: source, stage: .analyse, message: "\(analyser.id): \($0)") }
                if configuration.neededResults.contains(analyser.id) {
                    var byUnit: [String: JSONValue] = [:]
                    for (unit, value) in zip(tokenized.units, analysis.units) { if let value { byUnit[unit.unit.id] = value } }
                    tokenized.results[analyser.id] = byUnit
                }
            } catch {
                result.errors.append(ReportError(source: source, stage: .analyse, message: "\(analyser.id): \(error)"))
            }
            lap("analyse.\(analyser.id)")
        }
        do {
            result.entry = try DocumentSpool.encode(Report.entry(for: document, unitAnalyses: unitAnalyses, documentAnalyses: result.summaries, form: configuration.form))
            result.units = tokenized.units.count
        } catch {
            result.errors.append(ReportError(source: source, stage: .analyse, message: "cannot encode results: \(error)"))
        }
        lap("encode")
        return result
    }

    /// Cuts the text of units longer than `limit` Unicode scalars to their first `limit`, at the last blank
    /// before it when there is one not far back, so that evidence offsets still point into the text kept.
    static func cutLongUnits(_ document: inout Document, limit: Int) -> [ReportError] {
        var warnings: [ReportError] = []
        for index in document.units.indices {
            let text = document.units[index].text
            // UTF-8 length bounds the scalar count from above: most units need no count at all.
            guard let shorter = Ingester.cut(text, toCharacters: limit) else { continue }
            let count = text.unicodeScalars.count
            document.units[index].text = shorter
            warnings.append(
                ReportError(
                    source: document.source, stage: .ingest,
                    message: "\(document.units[index].id): text of \(count) characters cut to its first \(document.units[index].text.unicodeScalars.count), the limit being \(limit) (--max-unit-length)",
                    severity: .warning))
        }
        return warnings
    }

    /// Keeps the document's text to its first `limit` Unicode scalars (a page or a comment thread read
    /// whole): the unit that crosses the limit is cut at a blank, the units after it are dropped, so that
    /// what is tokenized is bounded by the limit.
    static func dropUnitsPastDocumentLimit(_ document: inout Document, limit: Int) -> [ReportError] {
        // UTF-8 length bounds the scalar count from above: most documents need no count at all.
        guard document.units.reduce(0, { $0 + $1.text.utf8.count }) > limit else { return [] }
        var characters = 0
        var kept = 0
        var cut = false
        for index in document.units.indices {
            if characters >= limit { break }
            let count = document.units[index].text.unicodeScalars.count
            if characters + count > limit, let shorter = Ingester.cut(document.units[index].text, toCharacters: limit - characters) {
                document.units[index].text = shorter
                characters += shorter.unicodeScalars.count
                cut = true
            } else {
                characters += count
            }
            kept += 1
        }
        guard kept < document.units.count || cut else { return [] }
        let dropped = document.units.count - kept
        let keptIDs = Set(document.units.prefix(kept).map(\.id))
        document.units.removeLast(dropped)
        if var debate = document.debate {
            debate.sides.removeAll { !keptIDs.contains($0.unit) }
            document.debate = debate
        }
        let what = dropped == 0 ? "text cut" : "text cut and \(dropped) unit\(dropped == 1 ? "" : "s") after it left out"
        return [
            ReportError(
                source: document.source, stage: .ingest, message: "\(what) at the first \(limit) characters of the document (--max-document-length)",
                severity: .warning)
        ]
    }

    /// Files between two `ccg_release_free_memory` calls (`malloc_trim`): at 100
    /// rather than 500, a run of 100,000 small documents peaked at 82 MB rather than 84 (docs/performance.md).
    static let trimEvery = 100

    private static func seconds(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    private func runMetadata(
        timings: [String: Double], lexiconFiles: [(path: String, sha256: String)], settingFiles: [SettingFile],
        cache: (cache: ResultCache, hits: Int, files: Int)?
    ) -> [String: JSONValue] {
        let limits = configuration.limits
        var config: [String: JSONValue] = [
            "jobs": .number(Double(configuration.jobs)), "lexiconRoot": .string(configuration.lexicons.root.path),
            "report": configuration.form.json,
            "limits": .object([
                "fileBytes": .number(Double(limits.fileBytes)), "decompressedBytes": .number(Double(limits.decompressedBytes)),
                "unitCharacters": .number(Double(limits.unitCharacters)), "documentSeconds": .number(limits.documentSeconds),
                "markupDepth": .number(Double(limits.markupDepth)), "documentCharacters": .number(Double(limits.documentCharacters)),
            ]),
        ]
        for (analyser, values) in configuration.settings {
            config["\(analyser)"] = .object(values.mapValues(JSONValue.string))
        }
        return [
            "inputs": .array(configuration.paths.map(JSONValue.string)),
            "analysers": .array(configuration.analysers.map { analyser in
                var entry: [String: JSONValue] = [
                    "id": .string(analyser.id), "version": .string(analyser.description.version), "source": .string(analyser.source.kind),
                ]
                entry["path"] = analyser.source.path.map(JSONValue.string)
                return .object(entry)
            }),
            "lexicons": .array(lexiconFiles.map { .object(["path": .string("lexicons/" + $0.path), "sha256": .string($0.sha256)]) }),
            "settingFiles": .array(settingFiles.map {
                .object(["setting": .string($0.setting), "path": .string($0.path), "sha256": .string($0.sha256)])
            }),
            "config": .object(config),
            "shard": .object(["index": .number(Double(configuration.shard.index)), "count": .number(Double(configuration.shard.count))]),
            "cache": cache.map { .object(["folder": .string($0.cache.directory.path), "hits": .number(Double($0.hits)), "files": .number(Double($0.files))]) } ?? .null,
            "timings": .object(timings.mapValues { .number(Evidence.rounded($0 * 1000) ) }.reduce(into: [:]) { $0[$1.key + "Ms"] = $1.value }),
            "libraries": .object(["icu": .string(ICU.version)]),
        ]
    }
}

/// What the workers hand back, gathered under a lock: the entries and summaries go to the spool, the
/// rest is small (counts, timings, and the errors the report lists).
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors: [ReportError] = []
    private(set) var timings: [String: Double] = [:]
    private(set) var failed = 0
    private(set) var cacheHits = 0
    private(set) var notCached: (files: Int, reason: String)?

    func add(_ documents: [Pipeline.Processed], to spool: DocumentSpool) {
        var documents = documents
        for index in documents.indices {
            guard let entry = documents[index].entry else { continue }
            do {
                try spool.add(encoded: entry, summaries: documents[index].summaries, units: documents[index].units, source: documents[index].source)
            } catch {
                documents[index].entry = nil
                documents[index].errors.append(ReportError(source: documents[index].source, stage: .analyse, message: "\(error)"))
            }
        }
        lock.lock()
        defer { lock.unlock() }
        if documents.first?.fromCache == true { cacheHits += 1 }
        if let reason = documents.first?.notCached { notCached = ((notCached?.files ?? 0) + 1, notCached?.reason ?? reason) }
        for document in documents {
            errors += document.errors
            for (stage, seconds) in document.timings { timings[stage, default: 0] += seconds }
            if document.entry == nil { failed += 1 }
        }
    }
}

/// Hands out indexes 0..<count, each once, to workers that ask as they finish: a worker stuck on a
/// large file does not hold up files a fixed stride would have given it.
final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
    /// How many indexes have been handed out.
    var taken: Int {
        lock.lock()
        defer { lock.unlock() }
        return next
    }
}

/// Slots the workers fill by index; each index is written by exactly one worker.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

public enum CCGVersion {
    public static let current = "0.1.0"
}
