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

    /// An earlier unit file opens with a unit line (sorted keys: `analyses` first) carrying `document`,
    /// `key` and `kind`; an empty one is an earlier run's with no unit.
    public func wroteBefore(_ path: String) -> Bool {
        guard let prefix = RegularFile.prefix(of: path, count: 1 << 20) else { return false }
        if prefix.isEmpty { return true }
        let line = FilePrefix.firstLine(prefix)
        // A unit's text can make its line longer than what is read: then its opening is what tells.
        guard line.count < prefix.count else { return FilePrefix.starts(prefix, with: "{\"analyses\":{", skippingSpace: false) }
        guard let object = try? JSONValueParser.parse(Data(line)).objectValue else { return false }
        return ["key", "document", "kind", "motion", "source"].allSatisfy { object[$0] != nil }
    }
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
