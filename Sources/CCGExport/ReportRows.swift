import CCGModel
import Foundation

/// One document as a row of a table: the fields people filter and group by. Built from the report's
/// document entry, so every export shows what the JSON report says.
public struct DocumentRow: Sendable, Equatable {
    public var id: String
    public var source: String
    public var format: String
    public var kind: String
    public var title: String?
    /// Joined with "; " (a cell holds one value).
    public var authors: String
    public var published: String?
    public var site: String?
    public var url: String?
    public var motion: String?
    public var units: Int
    public var comments: Int

    public static let columns = ["id", "source", "format", "kind", "title", "authors", "published", "site", "url", "motion", "units", "comments"]

    public init(entry: JSONValue) {
        id = entry["id"]?.stringValue ?? ""
        source = entry["source"]?.stringValue ?? ""
        format = entry["format"]?.stringValue ?? ""
        kind = entry["kind"]?.stringValue ?? ""
        title = entry["title"]?.stringValue
        authors = (entry["authors"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "; ")
        published = entry["published"]?.stringValue
        site = entry["site"]?.stringValue
        url = entry["url"]?.stringValue
        motion = entry["debate"]?["motion"]?.stringValue
        let units = entry["units"]?.arrayValue ?? []
        self.units = units.count
        comments = units.filter { $0["type"]?.stringValue == "comment" }.count
    }

    public var cells: [String?] {
        [id, source, format, kind, title, authors, published, site, url, motion, String(units), String(comments)]
    }
}

/// One unit (headline, section, comment…) as a row: its place, who wrote it, and the built-in analysers'
/// decisions. Other analysers' results are in the JSON report, the JSON Lines file and the database's
/// `analyses` table.
public struct UnitRow: Sendable, Equatable {
    /// `<document id>/<unit id>`: unit ids ("u3") are unique within a document only.
    public var key: String
    public var document: String
    public var source: String
    public var unit: String
    /// Position in reading order, from 1.
    public var position: Int
    public var type: String
    public var side: String?
    public var author: String?
    public var role: String?
    public var timestamp: String?
    public var replyTo: String?
    public var duplicateOf: String?
    public var stance: String?
    public var stanceConfidence: Double?
    public var sentiment: String?
    public var sentimentScore: Double?
    /// Theme ids, highest score first, at most three.
    public var themes: [String]
    public var text: String

    public static let columns = [
        "key", "document", "source", "unit", "position", "type", "side", "author", "role", "timestamp", "reply_to", "duplicate_of",
        "stance", "stance_confidence", "sentiment", "sentiment_score", "themes", "text",
    ]

    public init(document entry: JSONValue, unit: JSONValue, position: Int) {
        document = entry["id"]?.stringValue ?? ""
        source = entry["source"]?.stringValue ?? ""
        self.unit = unit["id"]?.stringValue ?? ""
        key = "\(document)/\(self.unit)"
        self.position = position
        type = unit["type"]?.stringValue ?? ""
        side = unit["side"]?.stringValue
        author = unit["author"]?.stringValue
        role = unit["role"]?.stringValue
        timestamp = unit["timestamp"]?.stringValue
        replyTo = unit["replyTo"]?.stringValue
        duplicateOf = unit["duplicateOf"]?.stringValue
        let analyses = unit["analyses"]
        stance = analyses?["stance"]?["label"]?.stringValue
        stanceConfidence = analyses?["stance"]?["confidence"]?.numberValue
        sentiment = analyses?["sentiment"]?["label"]?.stringValue
        sentimentScore = analyses?["sentiment"]?["score"]?.numberValue
        themes = Self.topThemes(analyses?["themes"])
        text = unit["text"]?.stringValue ?? ""
    }

    /// The units of a document entry, in reading order.
    public static func rows(of entry: JSONValue) -> [UnitRow] {
        (entry["units"]?.arrayValue ?? []).enumerated().map { UnitRow(document: entry, unit: $1, position: $0 + 1) }
    }

    /// Up to three theme ids by score (ties by id, so the order does not depend on the analyser's).
    static func topThemes(_ result: JSONValue?) -> [String] {
        let scored = (result?["themes"]?.arrayValue ?? []).compactMap { theme -> (String, Double)? in
            guard let id = theme["id"]?.stringValue else { return nil }
            return (id, theme["score"]?.numberValue ?? 0)
        }
        return scored.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.prefix(3).map(\.0)
    }

    public var cells: [String?] {
        [
            key, document, source, unit, String(position), type, side, author, role, timestamp, replyTo, duplicateOf, stance,
            stanceConfidence.map(NumberText.format), sentiment, sentimentScore.map(NumberText.format), themes.joined(separator: ";"), text,
        ]
    }
}

/// One figure of an analyser's summary, in long form: a spreadsheet or a data frame filters and pivots
/// these, whatever shape each analyser gives its summary.
public struct AggregateRow: Sendable, Equatable {
    /// "corpus" or "document".
    public var scope: String
    /// The document's id for document-level figures, nil for the corpus.
    public var document: String?
    public var analyser: String
    /// The figure's path in the summary: `motions[0].comments.favor`.
    public var metric: String
    public var value: JSONValue

    public static let columns = ["scope", "document", "analyser", "metric", "value"]

    /// Every scalar of `summary`, in key order (array elements in their order).
    public static func rows(scope: String, document: String?, analyses: JSONValue?) -> [AggregateRow] {
        var rows: [AggregateRow] = []
        for (analyser, summary) in (analyses?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            flatten(summary, path: "") { rows.append(AggregateRow(scope: scope, document: document, analyser: analyser, metric: $0, value: $1)) }
        }
        return rows
    }

    private static func flatten(_ value: JSONValue, path: String, _ emit: (String, JSONValue) -> Void) {
        switch value {
        case .object(let object):
            for (key, child) in object.sorted(by: { $0.key < $1.key }) { flatten(child, path: path.isEmpty ? key : "\(path).\(key)", emit) }
        case .array(let array):
            for (index, child) in array.enumerated() { flatten(child, path: "\(path)[\(index)]", emit) }
        default:
            emit(path, value)
        }
    }

    public var cells: [String?] { [scope, document, analyser, metric, value.scalarText] }
}

/// Numbers as the report prints them: integers without a fraction, others with Swift's shortest
/// round-tripping form.
public enum NumberText {
    public static func format(_ value: Double) -> String { JSONValue.number(value).scalarText ?? "" }
}
