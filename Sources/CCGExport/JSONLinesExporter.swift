import CCGModel
import CCGReport
import Foundation

/// One line of JSON per unit, for consumers that stream: the unit's fields as in the report (with its
/// `analyses`), plus `key` (`<document id>/<unit id>`), `document` (the document's id), `source`,
/// `kind` and `motion` (null outside debates). Keys are sorted; lines follow the report's order.
public final class JSONLinesExporter: ReportExporter {
    public let path: String
    public var name: String { "JSON Lines file \(path)" }
    public var writes: [String] { [path] }
    private var file: StagedFile?

    public init(path: String) { self.path = path }

    public func begin(report envelope: JSONValue) throws { file = try StagedFile(path: path) }

    public func add(document entry: JSONValue) throws {
        let document = entry["id"] ?? .null
        for unit in entry["units"]?.arrayValue ?? [] {
            var fields = unit.objectValue ?? [:]
            fields["key"] = .string("\(document.stringValue ?? "")/\(unit["id"]?.stringValue ?? "")")
            fields["document"] = document
            fields["source"] = entry["source"] ?? .null
            fields["kind"] = entry["kind"] ?? .null
            fields["motion"] = entry["debate"]?["motion"] ?? .null
            var line = try JSONTextWriter.compact(.object(fields))
            line.append(0x0A)
            try file?.write(bytes: line)
        }
    }

    public func finish() throws { try file?.commit() }
}
