import CCGModel
import Foundation

/// One running copy of an external plugin, spoken to in protocol 1 (docs/plugins.md): a hello each way,
/// then batches of units, each answered by one line per unit, then a bye.
///
/// The process is started and greeted as soon as the connection is made, and the greeting's answer is
/// read with the first batch, so a plugin's start-up (an interpreter loading) overlaps ccgtext's own.
final class PluginConnection {
    /// What the plugin said about one unit.
    enum Answer: Equatable {
        case result(JSONValue)
        case error(String)
    }

    /// A broken promise of the protocol: the process is stopped.
    struct Violation: Error, CustomStringConvertible {
        var description: String
    }

    private let manifest: PluginManifest
    private let process: ChildProcess
    private var greeted = false

    init(manifest: PluginManifest, settings: [String: String], ccgtextVersion: String) throws {
        self.manifest = manifest
        process = try ChildProcess(arguments: manifest.command, directory: manifest.directory)
        let hello: JSONValue = .object([
            "type": .string("hello"), "protocol": .number(Double(manifest.protocolVersion)), "ccgtext": .string(ccgtextVersion),
            "id": .string(manifest.id), "settings": .object(settings.mapValues(JSONValue.string)),
        ])
        // Written now (it fits in the pipe), so the plugin can answer while ccgtext is still loading.
        do {
            try process.exchange(writing: try Self.line(hello), timeout: manifest.timeoutSeconds, maxLineBytes: manifest.maxLineBytes, onLine: nil)
        } catch {
            helloFailure = error
        }
    }

    /// Why the hello could not be written, reported with the first batch.
    private var helloFailure: Error?

    /// Reads the plugin's hello and checks it names the same protocol, id and version as the manifest.
    func greet() throws {
        guard !greeted else { return }
        if let helloFailure { throw helloFailure }
        var answer: JSONValue?
        try process.exchange(writing: [], timeout: manifest.timeoutSeconds, maxLineBytes: manifest.maxLineBytes) { line in
            answer = try Self.parse(line)
            return true
        }
        guard let answer, answer["type"]?.stringValue == "hello" else {
            throw Violation(description: "did not answer the hello with a hello line")
        }
        // Compared as numbers: `Int(_:)` of 1.7 is 1, and of 1e300 a crash.
        guard let version = answer["protocol"]?.numberValue, version == Double(manifest.protocolVersion) else {
            throw Violation(description: "answered the hello with protocol \(answer["protocol"].map { "\($0)" } ?? "(none)"), not \(manifest.protocolVersion)")
        }
        guard answer["id"]?.stringValue == manifest.id else {
            throw Violation(description: "says its id is '\(answer["id"]?.stringValue ?? "")', the manifest says '\(manifest.id)'")
        }
        if let stated = answer["version"]?.stringValue, stated != manifest.version {
            throw Violation(description: "says it is version \(stated), the manifest says \(manifest.version)")
        }
        greeted = true
    }

    /// Sends one batch and reads an answer for each of its units (by unit id).
    func run(batch number: Int, document: JSONValue, units: [JSONValue], ids: [String]) throws -> [String: Answer] {
        try greet()
        let message: JSONValue = .object(["type": .string("batch"), "batch": .number(Double(number)), "document": document, "units": .array(units)])
        var answers: [String: Answer] = [:]
        let expected = Set(ids)
        try process.exchange(writing: try Self.line(message), timeout: manifest.timeoutSeconds, maxLineBytes: manifest.maxLineBytes) { line in
            let value = try Self.parse(line)
            guard let type = value["type"]?.stringValue, type == "result" || type == "error" else {
                throw Violation(description: "printed a line that is neither a result nor an error: \(Self.excerpt(line))")
            }
            guard let batch = value["batch"]?.numberValue, batch == Double(number) else {
                throw Violation(description: "answered for batch \(value["batch"].map { "\($0)" } ?? "(none)") while batch \(number) was waiting")
            }
            guard let unit = value["unit"]?.stringValue, expected.contains(unit) else {
                throw Violation(description: "answered for unit '\(value["unit"]?.stringValue ?? "(none)")', which is not in batch \(number)")
            }
            guard answers[unit] == nil else { throw Violation(description: "answered twice for unit '\(unit)'") }
            if type == "error" {
                answers[unit] = .error(value["message"]?.stringValue ?? "(no message)")
            } else if let result = value["result"], case .object = result {
                // 1e999 parses as infinity, which no report can hold: that unit's error, not the run's.
                answers[unit] = result.containsNonFiniteNumber
                    ? .error("a result holding a number too large to represent (such as 1e999)") : .result(result)
            } else {
                throw Violation(description: "gave unit '\(unit)' a result that is not a JSON object")
            }
            return answers.count == expected.count
        }
        return answers
    }

    /// Says bye and lets the process end on its own, briefly, before killing it.
    func close() {
        if greeted, let bye = try? Self.line(.object(["type": .string("bye")])) {
            try? process.exchange(writing: bye, timeout: 0.5, maxLineBytes: manifest.maxLineBytes, onLine: nil)
        }
        process.stop(grace: 2)
    }

    /// Kills the process (it failed) and says how it ended.
    func kill() -> String {
        process.terminate()
        var parts: [String] = []
        if let ending = process.ending { parts.append(ending) }
        let errors = process.errorOutput
        if !errors.isEmpty { parts.append("stderr: \(errors)") }
        return parts.joined(separator: "; ")
    }

    private static func line(_ value: JSONValue) throws -> [UInt8] {
        try JSONTextWriter.compact(value) + [0x0A]
    }

    private static func parse(_ line: [UInt8]) throws -> JSONValue {
        do {
            return try JSONValueParser.parse(line)
        } catch {
            throw Violation(description: "printed a line that is not JSON: \(excerpt(line))")
        }
    }

    private static func excerpt(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(80), as: UTF8.self)
        return "'\(text)\(line.count > 80 ? "…" : "")'"
    }
}
