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
    /// The block is a table cell or an explicit `<p>`: short unpunctuated text there is data (a table
    /// row, a list of dates), not page furniture (HTML only).
    var markedAsText: Bool = false

    var isHeading: Bool {
        if case .heading = role { return true }
        return false
    }

    /// Words separated by spaces or line breaks, counted over bytes: asked of every block, often twice.
    var wordCount: Int {
        var count = 0
        var inWord = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
        return count
    }

    /// Length in words and the number of sentence ends, in one pass over the scalars. Scripts written
    /// without spaces (Chinese, Japanese) count two characters as a word, so their paragraphs weigh
    /// like other languages'; a sentence end is ". ! ? 。 ！ ？ …" followed by a space, a quote or the end.
    var measure: (words: Double, sentences: Int) {
        var words = 0.0
        var sentences = 0
        var inWord = false
        var pendingEnd = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if pendingEnd {
                if value == 0x20 || value == 0x0A || value == 0x22 || value == 0x27 || value == 0x201D || value == 0x2019 || value == 0x29 { sentences += 1 }
                pendingEnd = false
            }
            switch value {
            case 0x20, 0x0A, 0x09:
                inWord = false
            case 0x2E, 0x21, 0x3F, 0x2026:
                pendingEnd = true
                inWord = true
            case 0x3002, 0xFF01, 0xFF1F:
                sentences += 1
                inWord = false
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF:
                words += 0.5
                inWord = false
            default:
                if !inWord { words += 1 }
                inWord = true
            }
        }
        if pendingEnd { sentences += 1 }
        return (words, sentences)
    }
}

/// A reader comment as the page shows it, before thread linking.
struct RawComment: Sendable, Equatable {
    var author: String?
    var role: String?
    var timestamp: String?
    var blocks: [Block]
    /// Index of the comment this one is nested under in the markup (HTML threads).
    var nestedUnder: Int?
    /// Whose earlier post this one quotes, as the quote names them ("bob wrote:", `data-quote="bob"`).
    var quotedAuthor: String?
}
