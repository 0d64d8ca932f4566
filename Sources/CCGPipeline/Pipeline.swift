import CCGIngest
import CCGModel
import CCGReport
import CCGTokenize
import Foundation

/// ingest (bytes → `Document`) → tokenize (`Document` → `TokenizedDocument`) → analyse (→ per-unit JSON and
/// document summaries) → aggregate (document summaries → corpus summaries) → report.
///
/// Documents are independent, so they are processed on `jobs` workers; results are put back in source
/// order before anything is aggregated, so the report does not depend on scheduling.
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

        /// `analysers` in any order: they are run each after those whose results it needs
        /// (`AnalyserOrder`), which throws when a need is missing or the needs form a cycle.
        public init(paths: [String], lexicons: LexiconDirectory, analysers: [AnyAnalyser], jobs: Int, settings: [String: [String: String]] = [:]) throws {
            self.paths = paths
            self.lexicons = lexicons
            self.analysers = try AnalyserOrder.sorted(analysers)
            neededResults = Set(analysers.flatMap { $0.description.needs.compactMap(\.analyser) })
            self.jobs = max(1, jobs)
            self.settings = settings
        }
    }

    /// What one document became: its report entry and summaries, or the error that stopped it.
    struct Processed: Sendable {
        var source: String
        var entry: JSONValue?
        var summaries: [String: JSONValue] = [:]
        var units = 0
        var errors: [ReportError] = []
        var timings: [String: Double] = [:]
    }

    public struct Outcome: Sendable {
        public var report: Report
        public var documents: Int
        public var units: Int
        public var failedDocuments: Int
        public var filesFound: Int
    }

    let configuration: Configuration
    let ingester: Ingester
    let tokenizers: TokenizerPool

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        self.ingester = try Ingester(lexicons: configuration.lexicons)
        let abbreviations = Tokenizer.abbreviations(in: configuration.lexicons)
        self.tokenizers = TokenizerPool { try Tokenizer(abbreviations: abbreviations) }
    }

    public func run() throws -> Outcome {
        let started = Date()
        let found = InputDiscovery.find(configuration.paths)
        let files = found.files
        let results = ResultSlots<[Processed]>(count: files.count)
        let jobs = min(configuration.jobs, max(1, files.count))
        DispatchQueue.concurrentPerform(iterations: jobs) { worker in
            for index in stride(from: worker, to: files.count, by: jobs) {
                results.set(index, process(files[index]))
            }
        }
        let processed = results.values.flatMap { $0 ?? [] }.sorted { $0.source < $1.source }

        let aggregateStart = Date()
        var errors = found.problems.map { ReportError(source: $0.path, stage: .ingest, message: $0.message) }
        var entries: [JSONValue] = []
        var unitCount = 0
        var timings: [String: Double] = [:]
        for document in processed {
            errors += document.errors
            for (stage, seconds) in document.timings { timings[stage, default: 0] += seconds }
            guard let entry = document.entry else { continue }
            entries.append(entry)
            unitCount += document.units
        }
        for analyser in configuration.analysers {
            let source = analyser.source.path ?? analyser.id
            errors += analyser.finish().map { ReportError(source: source, stage: .analyse, message: "\(analyser.id): \($0)") }
        }
        var corpusAnalyses: [String: JSONValue] = [:]
        for analyser in configuration.analysers {
            let summaries = processed.filter { $0.entry != nil }.compactMap { $0.summaries[analyser.id] }
            corpusAnalyses[analyser.id] = try analyser.summarise(corpus: summaries)
        }
        timings["aggregate"] = Date().timeIntervalSince(aggregateStart)
        timings["total"] = Date().timeIntervalSince(started)

        let failed = processed.filter { $0.entry == nil }.count + found.problems.count
        let corpus: JSONValue = .object([
            "documents": .number(Double(entries.count)), "units": .number(Double(unitCount)),
            "errors": .number(Double(errors.count)), "analyses": .object(corpusAnalyses),
        ])
        let report = Report(
            tool: ["name": .string("ccgtext"), "version": .string(CCGVersion.current)],
            run: runMetadata(timings: timings),
            corpus: corpus, documents: entries, errors: errors)
        return Outcome(report: report, documents: entries.count, units: unitCount, failedDocuments: failed, filesFound: files.count)
    }

    /// One file through every stage: a page is one document, a comment export one per document it names.
    /// Any failure becomes an error entry for that file or document only.
    func process(_ path: String) -> [Processed] {
        let started = Date()
        let outcome: Ingester.Outcome
        do {
            outcome = try ingester.ingest(fileAt: path, source: path)
        } catch {
            return [Processed(source: path, errors: [ReportError(source: path, stage: .ingest, message: "\(error)")])]
        }
        let ingestSeconds = Date().timeIntervalSince(started)
        var results: [Processed]
        if outcome.documents.count == 1 {
            results = [process(outcome.documents[0])]
        } else {
            // A comment export can hold thousands of threads: spread them over the workers too.
            let slots = ResultSlots<Processed>(count: outcome.documents.count)
            let workers = min(configuration.jobs, outcome.documents.count)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: outcome.documents.count, by: workers) {
                    slots.set(index, process(outcome.documents[index]))
                }
            }
            results = slots.values.compactMap { $0 }
        }
        results[0].timings["ingest", default: 0] += ingestSeconds
        results[0].errors.insert(contentsOf: outcome.warnings.map { ReportError(source: path, stage: .ingest, message: $0, severity: .warning) }, at: 0)
        return results
    }

    /// One ingested document through tokenizing and every analyser.
    private func process(_ document: Document) -> Processed {
        let source = document.source
        var result = Processed(source: source)
        var clock = Date()
        func lap(_ stage: String) {
            result.timings[stage, default: 0] += Date().timeIntervalSince(clock)
            clock = Date()
        }
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
            // One analyser's failure costs that analyser's results for this document, not the others'.
            do {
                let analysis = try analyser.analyse(tokenized)
                for (index, value) in analysis.units.enumerated() where index < unitAnalyses.count {
                    if let value { unitAnalyses[index][analyser.id] = value }
                }
                result.summaries[analyser.id] = analysis.summary
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
            result.entry = try Report.entry(for: document, unitAnalyses: unitAnalyses, documentAnalyses: result.summaries)
            result.units = tokenized.units.count
        } catch {
            result.errors.append(ReportError(source: source, stage: .analyse, message: "cannot encode results: \(error)"))
        }
        return result
    }

    private func runMetadata(timings: [String: Double]) -> [String: JSONValue] {
        let lexiconFiles = configuration.lexicons.filesRead.map { path -> JSONValue in
            let data = FileManager.default.contents(atPath: configuration.lexicons.root.appendingPathComponent(path).path) ?? Data()
            return .object(["path": .string("lexicons/" + path), "sha256": .string(Report.sha256(data))])
        }
        var config: [String: JSONValue] = ["jobs": .number(Double(configuration.jobs)), "lexiconRoot": .string(configuration.lexicons.root.path)]
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
            "lexicons": .array(lexiconFiles),
            "config": .object(config),
            "shard": .object(["index": .number(0), "count": .number(1)]),
            "timings": .object(timings.mapValues { .number(Evidence.rounded($0 * 1000) ) }.reduce(into: [:]) { $0[$1.key + "Ms"] = $1.value }),
            "libraries": .object(["icu": .string(ICU.version)]),
        ]
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
