import CCGModel
import CCGReport
import Foundation

/// `documents.csv`, `units.csv` and `aggregates.csv` in a folder: RFC 4180 (every row ends in CRLF, a
/// field with a comma, quote or line break is quoted, quotes doubled), UTF-8 without a byte-order mark, a
/// header row, empty cells for absent values. Column names are in `DocumentRow`, `UnitRow` and `AggregateRow`.
public final class CSVExporter: ReportExporter {
    public let folder: String
    public var name: String { "CSV tables in \(folder)" }
    public var writes: [String] { ["documents.csv", "units.csv", "aggregates.csv"].map { URL(fileURLWithPath: folder).appendingPathComponent($0).path } }
    private var documents: StagedFile?
    private var units: StagedFile?
    private var aggregates: StagedFile?

    public init(folder: String) { self.folder = folder }

    public func begin(report envelope: JSONValue) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = { (name: String) in try StagedFile(path: URL(fileURLWithPath: self.folder).appendingPathComponent(name).path) }
        let documents = try file("documents.csv"), units = try file("units.csv"), aggregates = try file("aggregates.csv")
        try documents.write(Self.line(DocumentRow.columns))
        try units.write(Self.line(UnitRow.columns))
        try aggregates.write(Self.line(AggregateRow.columns))
        for row in AggregateRow.rows(scope: "corpus", document: nil, analyses: envelope["corpus"]?["analyses"]) {
            try aggregates.write(Self.line(row.cells))
        }
        (self.documents, self.units, self.aggregates) = (documents, units, aggregates)
    }

    public func add(document entry: JSONValue) throws {
        let row = DocumentRow(entry: entry)
        try documents?.write(Self.line(row.cells))
        for unit in UnitRow.rows(of: entry) { try units?.write(Self.line(unit.cells)) }
        for aggregate in AggregateRow.rows(scope: "document", document: row.id, analyses: entry["analyses"]) {
            try aggregates?.write(Self.line(aggregate.cells))
        }
    }

    public func finish() throws {
        try documents?.commit()
        try units?.commit()
        try aggregates?.commit()
    }

    /// One record: fields quoted when RFC 4180 requires it, nil as an empty field.
    static func line(_ fields: [String?]) -> String {
        var output: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            guard let field else { continue }
            let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            guard needsQuotes else {
                output += field.utf8
                continue
            }
            output.append(UInt8(ascii: "\""))
            for byte in field.utf8 {
                output.append(byte)
                if byte == UInt8(ascii: "\"") { output.append(byte) }
            }
            output.append(UInt8(ascii: "\""))
        }
        output += [0x0D, 0x0A]
        return String(decoding: output, as: UTF8.self)
    }
}
