/// One visible block of a page (a paragraph, heading, list item or quote) as both ingesters see it.
///
/// HTML and plain text are first reduced to blocks, so one `StructureRecognizer` finds the headline,
/// debate sides and comments for both forms of a page and gives them the same structure.
struct Block: Sendable, Equatable {
    enum Role: Sendable, Equatable {
        case heading(level: Int)
        case paragraph
        case listItem
        case quote
    }

    var text: String
    var role: Role
    /// Characters inside links over all characters (0 for plain text).
    var linkDensity: Double = 0
    /// Lower-cased class/id tokens of the block's element and its ancestors (HTML only).
    var hints: Set<String> = []
    /// Leading spaces of the line (plain text only): comment threads in scrapes are indented.
    var indent: Int = 0
    /// The line started with a bullet ("•", "-", "*") (plain text only).
    var bulleted: Bool = false

    var isHeading: Bool {
        if case .heading = role { return true }
        return false
    }

    var wordCount: Int { text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count }
}

/// A reader comment as the page shows it, before thread linking.
struct RawComment: Sendable, Equatable {
    var author: String?
    var role: String?
    var timestamp: String?
    var blocks: [Block]
    /// Index of the comment this one is nested under in the markup (HTML threads).
    var nestedUnder: Int?
}
