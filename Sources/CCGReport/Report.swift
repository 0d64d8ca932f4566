import CCGModel
import Crypto
import Foundation

/// The report of one run, shaped as `shared/CONTRACT.md` (version 1) and `schemas/report.schema.json`
/// describe. Everything that varies between runs of the same input lives in `run`.
public struct Report: Sendable {
    public static let contractVersion = 1

    public var tool: [String: JSONValue]
    public var run: [String: JSONValue]
    public var corpus: JSONValue
    public var documents: [JSONValue]
    public var errors: [ReportError]

    public init(tool: [String: JSONValue], run: [String: JSONValue], corpus: JSONValue, documents: [JSONValue], errors: [ReportError]) {
        self.tool = tool
        self.run = run
        self.corpus = corpus
        self.documents = documents
        self.errors = errors
    }

    public var json: JSONValue {
        .object([
            "contractVersion": .number(Double(Self.contractVersion)),
            "tool": .object(tool),
            "run": .object(run),
            "corpus": corpus,
            "documents": .array(documents),
            "errors": .array(errors.sorted().map { (try? JSONValue(encoding: $0)) ?? .null }),
        ])
    }

    /// Pretty-printed JSON with sorted keys: the same input gives the same bytes.
    public func encoded() throws -> Data {
        try Self.encode(json)
    }

    public static func encode(_ value: JSONValue) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// One document's entry: the ingested structure, a stable id, each unit's analyses, the document's
    /// aggregates, and explicit nulls for absent optional fields (the contract lists them).
    public static func entry(for document: Document, unitAnalyses: [[String: JSONValue]], documentAnalyses: [String: JSONValue]) throws -> JSONValue {
        guard case .object(var object) = try JSONValue(encoding: document) else { return .null }
        object["id"] = .string(stableID(document.source))
        for key in ["title", "published", "site", "url", "debate"] where object[key] == nil { object[key] = .null }
        let units = zip(document.units, unitAnalyses).map { unit, analyses -> JSONValue in
            guard case .object(var fields) = (try? JSONValue(encoding: unit)) ?? .null else { return .null }
            for key in ["author", "role", "timestamp", "replyTo", "duplicateOf"] where fields[key] == nil { fields[key] = .null }
            fields["analyses"] = .object(analyses)
            return .object(fields)
        }
        object["units"] = .array(units)
        object["analyses"] = .object(documentAnalyses)
        return .object(object)
    }

    /// A short stable hash of the source path: the same file gets the same id in every run and shard.
    public static func stableID(_ source: String) -> String {
        String(sha256(Data(source.utf8)).prefix(16))
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// Writes to a temporary file beside `path`, then renames it into place: readers never see half a report.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw ReportWriteError(path: path, reason: "cannot create a file in \(directory.path)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ReportWriteError(path: path, reason: reason)
        }
    }
}

public struct ReportWriteError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write report to \(path): \(reason)" }
}

/// A problem with one input; the rest of the batch is still analysed.
public struct ReportError: Codable, Sendable, Comparable {
    public enum Stage: String, Codable, Sendable { case ingest, tokenize, analyse }
    public enum Severity: String, Codable, Sendable {
        /// The document was not analysed.
        case error
        /// The document was analysed, but something about it deserves a look (a charset fallback).
        case warning
    }

    public var source: String
    public var stage: Stage
    public var message: String
    public var severity: Severity

    public init(source: String, stage: Stage, message: String, severity: Severity = .error) {
        self.source = source
        self.stage = stage
        self.message = message
        self.severity = severity
    }

    public static func < (a: ReportError, b: ReportError) -> Bool {
        (a.source, a.stage.rawValue, a.message) < (b.source, b.stage.rawValue, b.message)
    }
}
