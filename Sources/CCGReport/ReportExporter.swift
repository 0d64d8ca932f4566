import CCGModel
import Foundation

/// Another form of a report (CSV tables, a database, an HTML page), made while the report is written
/// so that it holds the same documents, counts and labels.
///
/// An exporter is handed the report's envelope (everything but `documents`), then each document entry
/// in report order, one at a time, so it can stream: a corpus never has to fit in memory. It writes its
/// files only in `finish()`, and atomically, as the report itself is written.
public protocol ReportExporter: AnyObject {
    /// What it writes, for messages ("CSV tables in out/").
    var name: String { get }
    /// The files it writes, so that a run never reads them back as input (an output inside an input folder).
    var writes: [String] { get }
    /// Files it writes on the way that are not renamed from one of `writes` (a scratch file of parts
    /// assembled at the end), so that no two outputs of a run share one.
    var scratch: [String] { get }
    /// Whether the existing file at `path`, one of `writes`, is one this kind of exporter wrote: only such a
    /// file inside an input folder may be replaced, since anything else there may be a user's data.
    func wroteBefore(_ path: String) -> Bool
    func begin(report envelope: JSONValue) throws
    func add(document entry: JSONValue) throws
    func finish() throws
}

extension ReportExporter {
    public var scratch: [String] { [] }
    public func wroteBefore(_ path: String) -> Bool { false }
}

/// A failure of one exporter; the JSON report and the other exports are written all the same.
public struct ExportError: Error, CustomStringConvertible {
    public var exporter: String
    public var reason: String
    public init(exporter: String, reason: String) {
        self.exporter = exporter
        self.reason = reason
    }
    public var description: String { "cannot write \(exporter): \(reason)" }
}

public enum ReportExport {
    /// Feeds `exporters` the report with `documents`, each entry decoded once (and its evidence spans given
    /// their words back: `EvidenceSpans`). An exporter that fails is dropped (its error returned) and the
    /// others go on.
    public static func run(_ exporters: [any ReportExporter], envelope: JSONValue, documents: DocumentSpool) -> [ExportError] {
        run(exporters, envelope: envelope) { body in
            try documents.forEachEntry { try body(EvidenceSpans.restore(try JSONValueParser.parse($0))) }
        }
    }

    /// As `run(_:envelope:documents:)`, for a report read back from a file, one document at a time.
    public static func run(_ exporters: [any ReportExporter], report: ReportReader) -> [ExportError] {
        run(exporters, envelope: report.envelope) { body in
            try report.forEachDocument { entry in
                try body(EvidenceSpans.restore(entry))
                return true
            }
        }
    }

    private static func run(
        _ exporters: [any ReportExporter], envelope: JSONValue, documents: ((JSONValue) throws -> Void) throws -> Void
    ) -> [ExportError] {
        var failures: [ExportError] = []
        var live: [any ReportExporter] = []
        func failed(_ exporter: any ReportExporter, _ error: Error) {
            failures.append(error as? ExportError ?? ExportError(exporter: exporter.name, reason: "\(error)"))
        }
        for exporter in exporters {
            do {
                try exporter.begin(report: envelope)
                live.append(exporter)
            } catch { failed(exporter, error) }
        }
        do {
            try documents { entry in
                live = live.filter { exporter in
                    do {
                        try exporter.add(document: entry)
                        return true
                    } catch {
                        failed(exporter, error)
                        return false
                    }
                }
            }
        } catch {
            for exporter in live { failed(exporter, error) }
            return failures
        }
        for exporter in live {
            do { try exporter.finish() } catch { failed(exporter, error) }
        }
        return failures
    }
}
