import CCGModel
import CCGPipeline
import Foundation

/// An analyser that runs in another process, in any language, described by a `*.plugin.json` manifest.
///
/// Each plugin runs as long-lived processes (`processes` in the manifest, one by default) that the
/// pipeline's workers share. A process that fails (exits, hangs past the batch time limit, prints
/// something that is not protocol, answers for the wrong unit, prints a line over the limit) is killed,
/// the units of its batch go without results and the failure is reported in `errors`; the next batch
/// starts a fresh process, until `maxFailures` is reached and the plugin sits the rest of the run out.
public final class ExternalAnalyser: @unchecked Sendable {
    public let manifest: PluginManifest
    private let settings: [String: String]
    private let ccgtextVersion: String

    private let condition = NSCondition()
    private var idle: [PluginConnection?]
    private var failures = 0
    private var documentsWithout = 0
    private var nextBatch = 1

    public init(manifest: PluginManifest, settings: [String: String] = [:], ccgtextVersion: String) {
        self.manifest = manifest
        self.settings = settings
        self.ccgtextVersion = ccgtextVersion
        idle = Array(repeating: nil, count: manifest.processes)
        // The first process starts now, so an interpreter loads while ccgtext reads its lexicons.
        idle[0] = try? PluginConnection(manifest: manifest, settings: settings, ccgtextVersion: ccgtextVersion)
    }

    deinit {
        for connection in idle { connection?.close() }
    }

    private var disabled: Bool { failures >= manifest.maxFailures }

    /// One document: its wanted units in batches; answers in unit order.
    func analyse(_ document: TokenizedDocument) -> AnyAnalyser.DocumentAnalysis {
        var results: [JSONValue?] = Array(repeating: nil, count: document.units.count)
        var problems: [String] = []
        var summary = PluginSummary(fields: manifest.fields)
        let wanted = document.units.indices.filter { manifest.wants(document.units[$0].unit.type) }
        let metadata = Self.metadata(document.document)
        var start = 0
        while start < wanted.count {
            let chunk = Array(wanted[start..<min(start + manifest.batchSize, wanted.count)])
            start += chunk.count
            let units = chunk.map { unitMessage(document.units[$0], in: document) }
            let ids = chunk.map { document.units[$0].unit.id }
            let outcome = withConnection { connection, batch in
                try connection.run(batch: batch, document: metadata, units: units, ids: ids)
            }
            switch outcome {
            case .skipped:
                summary.failed += wanted.count - (start - chunk.count)
                condition.lock()
                documentsWithout += 1
                condition.unlock()
                start = wanted.count
            case .failed(let reason):
                summary.failed += chunk.count
                problems.append("\(reason); \(chunk.count) unit\(chunk.count == 1 ? "" : "s") without results")
            case .answered(let answers):
                for index in chunk {
                    let id = document.units[index].unit.id
                    switch answers[id] {
                    case .result(let value):
                        if let problem = summary.add(value) {
                            summary.failed += 1
                            problems.append("\(id): \(problem)")
                        } else {
                            results[index] = value
                        }
                    case .error(let message):
                        summary.failed += 1
                        problems.append("\(id): \(message)")
                    case nil:
                        summary.failed += 1
                    }
                }
            }
        }
        return AnyAnalyser.DocumentAnalysis(
            units: results, summary: (try? JSONValue(encoding: summary)) ?? .null, problems: problems, complete: summary.failed == 0)
    }

    enum Outcome {
        case answered([String: PluginConnection.Answer])
        case failed(String)
        /// The plugin has been disabled: nothing was sent.
        case skipped
    }

    /// Runs `body` on an idle process, starting one when its slot is empty; a failure kills it.
    private func withConnection(_ body: (PluginConnection, Int) throws -> [String: PluginConnection.Answer]) -> Outcome {
        condition.lock()
        while !disabled && idle.isEmpty { condition.wait() }
        if disabled {
            condition.unlock()
            return .skipped
        }
        // Prefer a running process over an empty slot.
        let slot = idle.firstIndex { $0 != nil } ?? (idle.count - 1)
        var connection = idle.remove(at: slot)
        let batch = nextBatch
        nextBatch += 1
        condition.unlock()

        var outcome: Outcome
        do {
            let running = try connection ?? PluginConnection(manifest: manifest, settings: settings, ccgtextVersion: ccgtextVersion)
            connection = running
            outcome = .answered(try body(running, batch))
        } catch {
            var reason = "stopped: \(error)"
            if let running = connection {
                let ending = running.kill()
                if !ending.isEmpty { reason += " (\(ending))" }
            }
            connection = nil
            outcome = .failed(reason)
        }

        condition.lock()
        if case .failed = outcome { failures += 1 }
        idle.append(connection)
        condition.broadcast()
        condition.unlock()
        return outcome
    }

    /// Ends every process; says so when the plugin was disabled part way.
    func finish() -> [String] {
        condition.lock()
        let connections = idle
        idle = idle.map { _ in nil }
        let failed = failures
        let without = documentsWithout
        condition.unlock()
        for connection in connections { connection?.close() }
        guard failed >= manifest.maxFailures else { return [] }
        return ["not restarted after \(failed) failures; \(without) later document\(without == 1 ? "" : "s") analysed without it"]
    }

    /// The document fields a plugin receives (the report's names).
    static func metadata(_ document: Document) -> JSONValue {
        var object: [String: JSONValue] = [
            "source": .string(document.source), "format": .string(document.format.rawValue), "kind": .string(document.kind.rawValue),
            "authors": .array(document.authors.map(JSONValue.string)),
        ]
        for (key, value) in [("title", document.title), ("published", document.published), ("site", document.site), ("url", document.url)] {
            object[key] = value.map(JSONValue.string) ?? .null
        }
        object["debate"] = document.debate.flatMap { try? JSONValue(encoding: $0) } ?? .null
        return .object(object)
    }

    /// One unit as sent: its fields, and tokens, sentences and earlier results as the manifest needs.
    func unitMessage(_ unit: TokenizedUnit, in document: TokenizedDocument) -> JSONValue {
        let fields = unit.unit
        var object: [String: JSONValue] = ["id": .string(fields.id), "type": .string(fields.type.rawValue), "text": .string(fields.text)]
        for (key, value) in [
            ("side", fields.side?.rawValue), ("author", fields.author), ("role", fields.role), ("timestamp", fields.timestamp),
            ("replyTo", fields.replyTo),
        ] {
            object[key] = value.map(JSONValue.string) ?? .null
        }
        for need in manifest.needs {
            switch need {
            case .tokens:
                object["tokens"] = .array(unit.tokens.map {
                    .array([.number(Double($0.start)), .number(Double($0.end)), .string($0.kind.rawValue)])
                })
            case .sentences:
                object["sentences"] = .array(unit.sentences.map { .array([.number(Double($0.start)), .number(Double($0.end))]) })
            case .results(let id):
                var analyses = object["analyses"]?.objectValue ?? [:]
                analyses[id] = document.result(of: id, for: unit) ?? .null
                object["analyses"] = .object(analyses)
            case .debate, .thread:
                break  // the document's debate and the unit's replyTo are always sent
            }
        }
        return .object(object)
    }

    /// The analyser as the pipeline runs it.
    public func erased() -> AnyAnalyser {
        AnyAnalyser(
            description: manifest.description, source: .external(manifest: manifest.path),
            analyse: { [self] document in analyse(document) },
            summarise: Self.corpusSummariser(manifest),
            finish: { [self] in finish() })
    }

    /// The corpus summary from document summaries: the manifest's fields are all it needs, so a merge of
    /// shards' reports computes it without starting the plugin.
    public static func corpusSummariser(_ manifest: PluginManifest) -> @Sendable (DocumentSummaries<JSONValue>) throws -> JSONValue {
        let fields = manifest.fields
        return { summaries in
            var all = PluginSummary(fields: fields)
            for summary in summaries { all.merge(try summary.decode(as: PluginSummary.self)) }
            return try JSONValue(encoding: PluginCorpusSummary(documents: summaries.count, all: all))
        }
    }
}
