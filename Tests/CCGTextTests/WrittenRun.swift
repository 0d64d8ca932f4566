import CCGModel
import CCGPipeline
import CCGReport
import Foundation

/// A pipeline run as the tests look at it: the outcome, and the report as written, read back.
struct WrittenRun {
    var outcome: Pipeline.Outcome
    var report: WrittenReport

    var documents: Int { outcome.documents }
    var units: Int { outcome.units }
    var failedDocuments: Int { outcome.failedDocuments }
    var filesFound: Int { outcome.filesFound }
}

struct WrittenReport {
    /// The file's bytes; empty when no report was written.
    var bytes: Data
    var json: JSONValue
    var errors: [ReportError]
    var documents: [JSONValue] { json["documents"]?.arrayValue ?? [] }
}

extension Pipeline {
    /// Runs into a temporary folder and reads the report back.
    func run() throws -> WrittenRun {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.json").path
        let outcome = try run(writingTo: path)
        let bytes = outcome.output == nil ? Data() : try Data(contentsOf: URL(fileURLWithPath: path))
        let json = bytes.isEmpty ? outcome.report.json() : try JSONDecoder().decode(JSONValue.self, from: bytes)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "report.json" }
        precondition(leftovers.isEmpty, "the run left temporary files behind: \(leftovers)")
        return WrittenRun(outcome: outcome, report: WrittenReport(bytes: bytes, json: json, errors: outcome.report.errors))
    }
}
