import CCGModel
import CCGReport
import Foundation

/// `documents.csv`, `units.csv` and `aggregates.csv` in a folder: RFC 4180 (every row ends in CRLF, a
/// field with a comma, quote or line break is quoted, quotes doubled), UTF-8 without a byte-order mark, a
/// header row, empty cells for absent values. Column names are in `DocumentRow`, `UnitRow` and `AggregateRow`.
///
/// Cells hold what commenters wrote, and a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or
/// a tab or carriage return before one) as a formula: such a cell is written with a leading `'`, which
/// spreadsheets show as text, unless it is a plain number (`-0.25`) or `rawCells` is set (`--csv-raw-cells`).
public final class CSVExporter: ReportExporter {
    public let folder: String
    /// Cells as they are, for programs that read CSV as data (pandas, R): no `'` before a formula-like cell.
    public let rawCells: Bool
    public var name: String { "CSV tables in \(folder)" }
    public var writes: [String] { Self.tables.map { URL(fileURLWithPath: folder).appendingPathComponent($0.name).path } }

    static let tables: [(name: String, columns: [String])] = [("documents.csv", DocumentRow.columns), ("units.csv", UnitRow.columns), ("aggregates.csv", AggregateRow.columns)]

    /// An earlier table opens with its header row, exactly as written here.
    public func wroteBefore(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        guard let columns = Self.tables.first(where: { $0.name == name })?.columns else { return false }
        let header = Array(Self.line(columns, rawCells: true).utf8)
        return RegularFile.prefix(of: path, count: header.count) == header
    }
    private var documents: StagedFile?
    private var units: StagedFile?
    private var aggregates: StagedFile?

    public init(folder: String, rawCells: Bool = false) {
        self.folder = folder
        self.rawCells = rawCells
    }

    public func begin(report envelope: JSONValue) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = { (name: String) in try StagedFile(path: URL(fileURLWithPath: self.folder).appendingPathComponent(name).path) }
        let documents = try file("documents.csv"), units = try file("units.csv"), aggregates = try file("aggregates.csv")
        try documents.write(self.line(DocumentRow.columns))
        try units.write(self.line(UnitRow.columns))
        try aggregates.write(self.line(AggregateRow.columns))
        for row in AggregateRow.rows(scope: "corpus", document: nil, analyses: envelope["corpus"]?["analyses"]) {
            try aggregates.write(self.line(row.cells))
        }
        (self.documents, self.units, self.aggregates) = (documents, units, aggregates)
    }

    public func add(document entry: JSONValue) throws {
        let row = DocumentRow(entry: entry)
        try documents?.write(self.line(row.cells))
        for unit in UnitRow.rows(of: entry) { try units?.write(self.line(unit.cells)) }
        for aggregate in AggregateRow.rows(scope: "document", document: row.id, analyses: entry["analyses"]) {
            try aggregates?.write(self.line(aggregate.cells))
        }
    }

    public func finish() throws {
        try StagedFile.commit([documents, units, aggregates].compactMap { $0 })
    }

    private func line(_ fields: [String?]) -> String { Self.line(fields, rawCells: rawCells) }

    /// One record: fields quoted when RFC 4180 requires it, nil as an empty field, formula-like cells defused
    /// unless `rawCells`.
    static func line(_ fields: [String?], rawCells: Bool = false) -> String {
        var output: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            guard var field else { continue }
            if !rawCells && Self.startsLikeFormula(field) { field = "'" + field }
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

    /// `field`, with a leading `'` when a spreadsheet would run it as a formula (for other tables, such as
    /// `kwic --format tsv`).
    public static func defused(_ field: String) -> String { startsLikeFormula(field) ? "'" + field : field }

    /// Whether a spreadsheet would take the cell for a formula: its first character is `=`, `+`, `-`, `@`,
    /// a tab or a carriage return, and it is not a plain decimal number.
    static func startsLikeFormula(_ field: String) -> Bool {
        guard let first = field.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first) else {
            return false
        }
        return !isPlainNumber(field)
    }

    /// `-12`, `-0.25`, `+3`, `-1.5e-7`: what the tables write for scores, and what a spreadsheet reads as a number.
    static func isPlainNumber(_ field: String) -> Bool {
        var bytes = field.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let integer = bytes.prefix(while: isDigit)
        guard !integer.isEmpty else { return false }
        bytes = bytes.dropFirst(integer.count)
        if bytes.first == UInt8(ascii: ".") {
            let fraction = bytes.dropFirst().prefix(while: isDigit)
            guard !fraction.isEmpty else { return false }
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            bytes = bytes.dropFirst(exponent.count)
        }
        return bytes.isEmpty
    }
}
