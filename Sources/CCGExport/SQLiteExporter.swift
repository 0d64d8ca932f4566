import CCGModel
import CCGReport
import Foundation

/// The report as an SQLite database, written in one transaction into a temporary file that is renamed
/// into place. Tables and example queries: docs/outputs.md. Every analyser's unit result is in
/// `analyses` (its `label`, `score` and `confidence` when it has them, and the whole result as JSON for
/// SQLite's JSON functions); evidence and themes have tables of their own because people filter by them.
public final class SQLiteExporter: ReportExporter {
    public let path: String
    public var name: String { "SQLite database \(path)" }
    public var writes: [String] { [path] }
    private var staging: String { Report.temporaryPath(beside: path) }
    private var database: SQLiteDatabase?
    private var inserts: Inserts?

    public init(path: String) { self.path = path }

    /// "ccgt" in the database header's application id: how an earlier export is told from a user's database.
    static let applicationID: UInt32 = 0x6363_6774

    public func wroteBefore(_ path: String) -> Bool {
        guard let header = RegularFile.prefix(of: path, count: 72), header.count == 72 else { return false }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        return header.starts(with: Array("SQLite format 3".utf8) + [0]) && id == Self.applicationID
    }

    deinit {
        if database != nil {
            database?.close()
            try? FileManager.default.removeItem(atPath: staging)
        }
        TemporaryFiles.unregister(staging)
    }

    static let schema = """
        CREATE TABLE run (key TEXT PRIMARY KEY, value);
        CREATE TABLE documents (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, format TEXT, kind TEXT, title TEXT, authors TEXT, published TEXT,
            site TEXT, url TEXT, motion TEXT, units INTEGER NOT NULL, comments INTEGER NOT NULL, analyses TEXT);
        CREATE TABLE units (
            key TEXT PRIMARY KEY, document TEXT NOT NULL REFERENCES documents(id), unit TEXT NOT NULL, position INTEGER NOT NULL,
            type TEXT NOT NULL, side TEXT, author TEXT, role TEXT, timestamp TEXT, reply_to TEXT, duplicate_of TEXT, text TEXT NOT NULL);
        CREATE TABLE analyses (
            unit TEXT NOT NULL REFERENCES units(key), analyser TEXT NOT NULL, label TEXT, score REAL, confidence REAL, result TEXT NOT NULL,
            PRIMARY KEY (unit, analyser));
        CREATE TABLE evidence (
            unit TEXT NOT NULL REFERENCES units(key), analyser TEXT NOT NULL, position INTEGER NOT NULL, start INTEGER, "end" INTEGER,
            text TEXT, cue TEXT, weight REAL);
        CREATE TABLE unit_themes (unit TEXT NOT NULL REFERENCES units(key), theme TEXT NOT NULL, score REAL, matches INTEGER, PRIMARY KEY (unit, theme));
        CREATE TABLE aggregates (scope TEXT NOT NULL, document TEXT, analyser TEXT NOT NULL, metric TEXT NOT NULL, value);
        CREATE TABLE errors (source TEXT NOT NULL, stage TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL);
        CREATE VIEW unit_summary AS
            SELECT u.*, s.label AS stance, s.confidence AS stance_confidence, m.label AS sentiment, m.score AS sentiment_score
            FROM units u
            LEFT JOIN analyses s ON s.unit = u.key AND s.analyser = 'stance'
            LEFT JOIN analyses m ON m.unit = u.key AND m.analyser = 'sentiment';
        """

    /// Made after the rows are in: building an index once is faster than keeping it up to date.
    static let indexes = """
        CREATE INDEX documents_source ON documents(source);
        CREATE INDEX documents_kind ON documents(kind);
        CREATE INDEX units_document ON units(document, position);
        CREATE INDEX units_type ON units(type);
        CREATE INDEX units_author ON units(author);
        CREATE INDEX units_role ON units(role);
        CREATE INDEX units_timestamp ON units(timestamp);
        CREATE INDEX analyses_label ON analyses(analyser, label);
        CREATE INDEX evidence_unit ON evidence(unit, analyser);
        CREATE INDEX evidence_cue ON evidence(analyser, cue);
        CREATE INDEX unit_themes_theme ON unit_themes(theme);
        CREATE INDEX aggregates_metric ON aggregates(analyser, metric);
        """

    private struct Inserts {
        var document, unit, analysis, evidence, theme, aggregate, error, run: SQLiteDatabase.Statement
    }

    public func begin(report envelope: JSONValue) throws {
        try? FileManager.default.removeItem(atPath: staging)
        TemporaryFiles.register(staging)
        let database = try SQLiteDatabase(path: staging)
        self.database = database
        // The file is renamed into place only once complete, so a journal would guard nothing.
        try database.execute("PRAGMA application_id = \(Self.applicationID); PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")
        try database.execute(Self.schema)
        let inserts = Inserts(
            document: try database.prepare("INSERT INTO documents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
            unit: try database.prepare("INSERT INTO units VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
            analysis: try database.prepare("INSERT INTO analyses VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
            evidence: try database.prepare("INSERT INTO evidence VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            theme: try database.prepare("INSERT OR IGNORE INTO unit_themes VALUES (?1, ?2, ?3, ?4)"),
            aggregate: try database.prepare("INSERT INTO aggregates VALUES (?1, ?2, ?3, ?4, ?5)"),
            error: try database.prepare("INSERT INTO errors VALUES (?1, ?2, ?3, ?4)"),
            run: try database.prepare("INSERT INTO run VALUES (?1, ?2)"))
        self.inserts = inserts
        var run: [(String, JSONValue)] = [
            ("contractVersion", envelope["contractVersion"] ?? .null), ("tool.name", envelope["tool"]?["name"] ?? .null),
            ("tool.version", envelope["tool"]?["version"] ?? .null),
        ]
        for row in AggregateRow.rows(scope: "run", document: nil, analyses: .object(["run": envelope["run"] ?? .null])) {
            run.append((row.metric, row.value))
        }
        for (key, value) in run { try inserts.run.run([.text(key), Self.value(value)]) }
        for row in AggregateRow.rows(scope: "corpus", document: nil, analyses: envelope["corpus"]?["analyses"]) {
            try insert(row)
        }
        for error in envelope["errors"]?.arrayValue ?? [] {
            try inserts.error.run([
                .text(error["source"]?.stringValue ?? ""), .text(error["stage"]?.stringValue ?? ""),
                .text(error["severity"]?.stringValue ?? "error"), .text(error["message"]?.stringValue ?? ""),
            ])
        }
    }

    public func add(document entry: JSONValue) throws {
        guard let inserts else { return }
        let row = DocumentRow(entry: entry)
        try inserts.document.run([
            .text(row.id), .text(row.source), .text(row.format), .text(row.kind), .text(row.title), .text(row.authors), .text(row.published),
            .text(row.site), .text(row.url), .text(row.motion), .integer(row.units), .integer(row.comments), .text(try json(entry["analyses"] ?? .null)),
        ])
        for aggregate in AggregateRow.rows(scope: "document", document: row.id, analyses: entry["analyses"]) { try insert(aggregate) }
        for (unit, fields) in zip(UnitRow.rows(of: entry), entry["units"]?.arrayValue ?? []) {
            try inserts.unit.run([
                .text(unit.key), .text(unit.document), .text(unit.unit), .integer(unit.position), .text(unit.type), .text(unit.side),
                .text(unit.author), .text(unit.role), .text(unit.timestamp), .text(unit.replyTo), .text(unit.duplicateOf), .text(unit.text),
            ])
            for (analyser, result) in (fields["analyses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                try inserts.analysis.run([
                    .text(unit.key), .text(analyser), .text(result["label"]?.stringValue), .real(result["score"]?.numberValue),
                    .real(result["confidence"]?.numberValue), .text(try json(result)),
                ])
                for (position, cue) in (result["evidence"]?.arrayValue ?? []).enumerated() {
                    try inserts.evidence.run([
                        .text(unit.key), .text(analyser), .integer(position), .integer(cue["start"]?.numberValue.map(\.saturatingInt)),
                        .integer(cue["end"]?.numberValue.map(\.saturatingInt)), .text(cue["text"]?.stringValue), .text(cue["cue"]?.stringValue),
                        .real(cue["weight"]?.numberValue),
                    ])
                }
            }
            for theme in fields["analyses"]?["themes"]?["themes"]?.arrayValue ?? [] {
                guard let id = theme["id"]?.stringValue else { continue }
                try inserts.theme.run([
                    .text(unit.key), .text(id), .real(theme["score"]?.numberValue), .integer(theme["matches"]?.numberValue.map(\.saturatingInt)),
                ])
            }
        }
    }

    public func finish() throws {
        guard let database else { return }
        inserts = nil
        try database.execute(Self.indexes)
        try database.execute("COMMIT;")
        database.close()
        self.database = nil
        defer { TemporaryFiles.unregister(staging) }
        if rename(staging, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: staging)
            throw ExportFailure("cannot rename into \(path): \(reason)")
        }
    }

    private func insert(_ row: AggregateRow) throws {
        try inserts?.aggregate.run([.text(row.scope), .text(row.document), .text(row.analyser), .text(row.metric), Self.value(row.value)])
    }

    private func json(_ value: JSONValue) throws -> String { String(decoding: try JSONTextWriter.compact(value), as: UTF8.self) }

    /// Numbers as numbers (integers as integers), everything else as its text.
    static func value(_ value: JSONValue) -> SQLiteDatabase.Value {
        switch value {
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? .integer(Int(number)) : .real(number)
        case .null: return .text(nil)
        default: return .text(value.scalarText)
        }
    }
}
