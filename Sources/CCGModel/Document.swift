/// One ingested document: the structure an analyst reads and every analyser works on.
///
/// Field names follow the report contract (`shared/CONTRACT.md`), so a `Document` encodes straight
/// into the report's `documents[]` entries (plus `units[].analyses`, added by the pipeline).
public struct Document: Sendable, Equatable, Codable {
    public var source: String
    public var format: DocumentFormat
    public var title: String?
    public var authors: [String]
    /// Publication date as ISO 8601 (`YYYY-MM-DD`), when the page states one.
    public var published: String?
    public var site: String?
    public var url: String?
    public var kind: DocumentKind
    public var debate: Debate?
    public var units: [TextUnit]
    /// Where the ingester found each metadata field ("jsonld", "opengraph", "meta", "title", "text"),
    /// so an analyst can tell a stated fact from an inferred one.
    public var metadataSources: [String: String]

    public init(
        source: String, format: DocumentFormat, title: String? = nil, authors: [String] = [],
        published: String? = nil, site: String? = nil, url: String? = nil, kind: DocumentKind = .article,
        debate: Debate? = nil, units: [TextUnit] = [], metadataSources: [String: String] = [:]
    ) {
        self.source = source
        self.format = format
        self.title = title
        self.authors = authors
        self.published = published
        self.site = site
        self.url = url
        self.kind = kind
        self.debate = debate
        self.units = units
        self.metadataSources = metadataSources
    }

    /// The unit with this id, if any.
    public func unit(_ id: String) -> TextUnit? { units.first { $0.id == id } }

    /// The article's body (body and debate sides, in page order), without headline, standfirst and
    /// comments: what extraction benchmarks call the article body.
    public var articleText: String {
        units.filter { $0.type == .body || $0.type == .section }.map(\.text).joined(separator: "\n\n")
    }
}

public enum DocumentFormat: String, Sendable, Codable, CaseIterable {
    case html, text, json, csv
}

public enum DocumentKind: String, Sendable, Codable, CaseIterable {
    case article, debate, blog
    case pressRelease = "press-release"
    case comments
}

/// A debated proposition and the pieces written for and against it.
public struct Debate: Sendable, Equatable, Codable {
    public var motion: String
    public var sides: [DebateSide]
    public init(motion: String, sides: [DebateSide]) {
        self.motion = motion
        self.sides = sides
    }
}

public enum Side: String, Sendable, Codable, CaseIterable {
    case yes, no
}

public struct DebateSide: Sendable, Equatable, Codable {
    public var side: Side
    public var author: String?
    public var unit: String
    public init(side: Side, author: String?, unit: String) {
        self.side = side
        self.author = author
        self.unit = unit
    }
}

public enum UnitType: String, Sendable, Codable, CaseIterable {
    case headline, standfirst, body, section, comment
}

/// How a comment was linked to the comment it answers.
public enum ReplyEvidence: String, Sendable, Codable {
    /// The markup nests the reply inside its parent's thread.
    case nesting
    /// The reply repeats its parent's "Name | Role | time" header.
    case quotedHeader = "quoted-header"
    /// The reply quotes a passage that occurs in an earlier comment.
    case quotedText = "quoted-text"
    /// The reply quotes a post its quote names as the parent's author's ("bob wrote:").
    case quotedAuthor = "quoted-author"
    /// A comment export names the parent's id.
    case parentId = "parent-id"
}

/// A stretch of text with one author and one purpose: a headline, a debate side, a comment.
public struct TextUnit: Sendable, Equatable, Codable {
    public var id: String
    public var type: UnitType
    public var side: Side?
    public var author: String?
    public var role: String?
    /// ISO 8601; local time without offset when the page gives no zone.
    public var timestamp: String?
    public var replyTo: String?
    public var duplicateOf: String?
    /// Plain text, paragraphs separated by blank lines.
    public var text: String
    /// Why `replyTo` is set (absent when it is not).
    public var replyEvidence: ReplyEvidence?
    /// Set when `author`/`role`/`timestamp` were not shown beside the comment but read from a reply that
    /// quotes its header; names that reply.
    public var attributionFrom: String?
    /// The comment's own id in the export it was imported from (JSON Lines, CSV), so results can be joined
    /// back to the source data; absent for pages.
    public var sourceId: String?

    public init(
        id: String, type: UnitType, side: Side? = nil, author: String? = nil, role: String? = nil,
        timestamp: String? = nil, replyTo: String? = nil, duplicateOf: String? = nil, text: String,
        replyEvidence: ReplyEvidence? = nil, attributionFrom: String? = nil, sourceId: String? = nil
    ) {
        self.id = id
        self.type = type
        self.side = side
        self.author = author
        self.role = role
        self.timestamp = timestamp
        self.replyTo = replyTo
        self.duplicateOf = duplicateOf
        self.text = text
        self.replyEvidence = replyEvidence
        self.attributionFrom = attributionFrom
        self.sourceId = sourceId
    }
}
