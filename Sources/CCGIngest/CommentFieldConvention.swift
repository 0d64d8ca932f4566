import CCGModel

/// Which key or column of a comment export holds which field, read from `lexicons/ingest/comment-fields.json`
/// so that a researcher adds their export's names there instead of renaming columns or editing code.
///
/// Each list is in order of preference: the first name present with a non-empty value wins. Names are
/// compared after `normalised(_:)`, so "Parent ID", "parent_id" and "parentId" are one name.
public struct CommentFieldConvention: Sendable, Codable, Equatable {
    public var text: [String]
    public var author: [String]
    public var role: [String]
    public var time: [String]
    public var id: [String]
    public var parentId: [String]
    public var documentId: [String]
    public var documentTitle: [String]
    public var documentURL: [String]
    /// Keys of arrays holding a comment's replies (nested exports).
    public var replies: [String]
    /// Keys of arrays holding a document's comments (`{"title": …, "comments": [...]}`).
    public var comments: [String]

    public static let defaultPath = "ingest/comment-fields.json"

    public static func load(from lexicons: LexiconDirectory, path: String = defaultPath) throws -> CommentFieldConvention {
        try lexicons.json(path, as: CommentFieldConvention.self)
    }

    /// Lower-cased letters and digits only.
    static func normalised(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
    }
}

/// The convention with every name normalised once, for lookups per record.
struct CommentFieldNames: Sendable {
    let text, author, role, time, id, parentId, documentId, documentTitle, documentURL, replies, comments: [String]
    let convention: CommentFieldConvention

    init(_ convention: CommentFieldConvention) {
        self.convention = convention
        func names(_ list: [String]) -> [String] { list.map(CommentFieldConvention.normalised) }
        text = names(convention.text)
        author = names(convention.author)
        role = names(convention.role)
        time = names(convention.time)
        id = names(convention.id)
        parentId = names(convention.parentId)
        documentId = names(convention.documentId)
        documentTitle = names(convention.documentTitle)
        documentURL = names(convention.documentURL)
        replies = names(convention.replies)
        comments = names(convention.comments)
    }
}
