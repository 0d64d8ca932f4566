import CCGModel
import Crypto
import Foundation

/// The report of one run, shaped as `shared/CONTRACT.md` (version 1) and `schemas/report.schema.json`
/// describe. Everything that varies between runs of the same input lives in `run`.
///
/// The document entries are not held here but in a `DocumentSpool`, which `write(documents:to:)`
/// splices into place: a report is written without the whole corpus in memory.
public struct Report: Sendable {
    public static let contractVersion = 1

    public var tool: [String: JSONValue]
    public var run: [String: JSONValue]
    public var corpus: JSONValue
    public var errors: [ReportError]

    public init(tool: [String: JSONValue], run: [String: JSONValue], corpus: JSONValue, errors: [ReportError]) {
        self.tool = tool
        self.run = run
        self.corpus = corpus
        self.errors = errors
    }

    /// Everything but the documents.
    public func json(documents: JSONValue = .array([])) -> JSONValue {
        .object([
            "contractVersion": .number(Double(Self.contractVersion)),
            "tool": .object(tool),
            "run": .object(run),
            "corpus": corpus,
            "documents": documents,
            "errors": .array(errors.sorted().map { (try? JSONValue(encoding: $0)) ?? .null }),
        ])
    }

    /// Pretty-printed JSON with sorted keys: the same input gives the same bytes.
    public static func encode(_ value: JSONValue) throws -> Data {
        try encode(value, pretty: true)
    }

    /// JSON with sorted keys, on one line or pretty-printed, ending in a newline.
    public static func encode(_ value: JSONValue, pretty: Bool) throws -> Data {
        var bytes = pretty ? try JSONTextWriter.prettyPrinted(value) : try JSONTextWriter.compact(value)
        bytes.append(0x0A)
        return Data(bytes)
    }

    /// Whether the file at `path` is a report (every report, merged or not, opens with its contract version):
    /// the only file a run may replace when `-o` names one of its inputs.
    public static func isReportFile(_ path: String) -> Bool {
        guard let prefix = RegularFile.prefix(of: path, count: 256), FilePrefix.starts(prefix, with: "{") else { return false }
        let afterBrace = Array(prefix.drop { $0 != UInt8(ascii: "{") }.dropFirst())
        return FilePrefix.starts(afterBrace, with: "\"contractVersion\"")
    }

    /// Writes the report with the spool's entries as `documents`, atomically (a temporary file beside
    /// `path`, renamed into place), in `form`'s layout. The bytes are those `encode(_:pretty:)` gives for
    /// the whole report: the envelope is encoded with a marker where the documents go, and the marker is
    /// replaced by the spooled entries, copied one at a time (and indented one at a time when pretty).
    public func write(documents: DocumentSpool, to path: String, pretty: Bool = false) throws {
        let marker = "ccgtext-documents-\(UUID().uuidString)"
        let envelope = try Self.encode(json(documents: .string(marker)), pretty: pretty)
        let quoted = Data("\"\(marker)\"".utf8)
        guard let range = envelope.range(of: quoted) else { throw ReportWriteError(path: path, reason: "the report's envelope lost its documents marker") }
        try Self.writeAtomically(to: path) { handle in
            try handle.write(contentsOf: envelope[..<range.lowerBound])
            if documents.count == 0 {
                try handle.write(contentsOf: Data((pretty ? "[\n\n  ]" : "[]").utf8))
            } else {
                try handle.write(contentsOf: Data((pretty ? "[\n" : "[").utf8))
                var first = true
                try documents.forEachEntry { entry in
                    if !first { try handle.write(contentsOf: Data((pretty ? ",\n" : ",").utf8)) }
                    first = false
                    try handle.write(contentsOf: pretty ? try DocumentSpool.indented(entry) : entry)
                }
                try handle.write(contentsOf: Data((pretty ? "\n  ]" : "]").utf8))
            }
            try handle.write(contentsOf: envelope[range.upperBound...])
        }
    }

    /// One document's entry: the ingested structure, a stable id, each unit's analyses, the document's
    /// aggregates, and explicit nulls for absent optional fields (the contract lists them). The units'
    /// evidence is kept as `form` says (`ReportForm.unitAnalyses`).
    public static func entry(
        for document: Document, unitAnalyses: [[String: JSONValue]], documentAnalyses: [String: JSONValue], form: ReportForm = .default
    ) throws -> JSONValue {
        guard case .object(var object) = try JSONValue(encoding: document) else { return .null }
        object["id"] = .string(stableID(document.source))
        for key in ["title", "published", "site", "url", "debate"] where object[key] == nil { object[key] = .null }
        let units = zip(document.units, unitAnalyses).map { unit, analyses -> JSONValue in
            guard case .object(var fields) = (try? JSONValue(encoding: unit)) ?? .null else { return .null }
            for key in ["author", "role", "timestamp", "replyTo", "duplicateOf"] where fields[key] == nil { fields[key] = .null }
            fields["analyses"] = .object(form.unitAnalyses(analyses, text: unit.text))
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
        hexadecimal(SHA256.hash(data: data))
    }

    /// Lower-case hex digits of `bytes`. `String(format:)` cost a thousand times more per byte, and a
    /// document's id is one of these.
    static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(64)
        for byte in bytes {
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes to a temporary file beside `path`, then renames it into place: readers never see half a report.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        try writeAtomically(to: path) { try $0.write(contentsOf: data) }
    }

    /// Where a file is written before it is renamed to `path`: beside it (the same disk, so the rename is
    /// atomic), hidden, and named for this process so that parallel runs do not collide.
    /// With `purpose`, a scratch file of its own beside `path` (`.NAME.PID.sections.tmp`) that no output's
    /// staging name can be.
    public static func temporaryPath(beside path: String, purpose: String? = nil) -> String {
        let url = URL(fileURLWithPath: path)
        let suffix = purpose.map { ".\($0).tmp" } ?? ".tmp"
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)\(suffix)").path
    }

    /// As `writeAtomically(_:to:)`, with the content written piece by piece by `body`.
    public static func writeAtomically(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = URL(fileURLWithPath: temporaryPath(beside: path))
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil), let handle = try? FileHandle(forWritingTo: temporary) else {
            throw ReportWriteError(path: path, reason: "cannot create a file in \(directory.path)")
        }
        TemporaryFiles.register(temporary.path)
        defer { TemporaryFiles.unregister(temporary.path) }
        do {
            try body(handle)
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error as? ReportWriteError ?? ReportWriteError(path: path, reason: "\(error)")
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
        if !a.source.equalsBytewise(b.source) { return a.source.precedesBytewise(b.source) }
        if a.stage != b.stage { return a.stage.rawValue < b.stage.rawValue }
        return a.message.precedesBytewise(b.message)
    }
}
