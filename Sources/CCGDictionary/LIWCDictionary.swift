/// A dictionary in the format LIWC and quanteda read (`.dic`): categories between two `%` lines, then
/// one entry per line with the numbers of its categories.
///
/// ```
/// %
/// 1	money
/// 2	workload
/// %
/// fund*	1
/// budget	1
/// rota gaps	2
/// ```
///
/// An entry ending in `*` matches every word it begins; an entry of several words matches them in a row.
/// Numbers inside LIWC2007's conditional forms (`(02 134)53`, `<of>131`) are skipped: only the plain numbers
/// count. Lines are matched case-insensitively, with curly apostrophes read as straight ones.
public struct LIWCDictionary: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        public var number: String
        public var name: String
    }

    public struct Entry: Sendable, Equatable {
        /// The words, lower case; the last may end in `*`.
        public var words: [String]
        /// Indices into `categories`, ascending.
        public var categories: [Int]
        public var isWildcard: Bool { words.last?.hasSuffix("*") == true }
        /// The line it was read from.
        public var line: Int
    }

    public struct FormatError: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var line: Int
        public var reason: String
        public var description: String { line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)" }
    }

    public var categories: [Category]
    public var entries: [Entry]

    public init(text: String, path: String) throws {
        func fail(_ line: Int, _ reason: String) -> FormatError { FormatError(path: path, line: line, reason: reason) }
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        var index = 0
        while index < lines.count, lines[index].isEmpty { index += 1 }
        guard index < lines.count, lines[index] == "%" else {
            throw fail(index < lines.count ? index + 1 : 0, "a .dic file starts with a line holding only % (then categories, then another %)")
        }
        index += 1
        var categories: [Category] = []
        var byNumber: [String: Int] = [:]
        var closed = false
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isEmpty { continue }
            if line == "%" {
                closed = true
                break
            }
            let fields = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            guard fields.count >= 2, fields[0].allSatisfy(\.isNumber) else {
                throw fail(index, "a category line is a number and a name (\"1<TAB>money\"), got '\(line)'")
            }
            guard byNumber[fields[0]] == nil else { throw fail(index, "category number \(fields[0]) is defined twice") }
            let name = fields[1...].joined(separator: " ")
            guard !categories.contains(where: { $0.name == name }) else { throw fail(index, "category name '\(name)' is defined twice") }
            byNumber[fields[0]] = categories.count
            categories.append(Category(number: fields[0], name: name))
        }
        guard closed else {
            throw fail((lines.lastIndex { !$0.isEmpty } ?? 0) + 1, "the category header is not closed by a line holding only %")
        }
        guard !categories.isEmpty else { throw fail(index, "no categories between the two % lines") }

        var entries: [Entry] = []
        var seen: [[String]: Int] = [:]
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isEmpty { continue }
            // Words are separated from numbers by a tab (phrases keep their spaces); files that use single
            // spaces throughout have one-word entries, so the first field is the entry.
            let columns = line.contains("\t") ? line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } : line.split(separator: " ").map(String.init)
            guard let phrase = columns.first, !phrase.isEmpty else { throw fail(index, "empty entry") }
            var numbers: [String] = []
            for field in Self.withoutConditionals(columns.dropFirst().joined(separator: " ")).split(separator: " ") {
                guard field.allSatisfy(\.isNumber) else { throw fail(index, "'\(field)' is not a category number (entry '\(phrase)')") }
                numbers.append(String(field))
            }
            guard !numbers.isEmpty else { throw fail(index, "entry '\(phrase)' has no category number") }
            var indices: [Int] = []
            for number in numbers {
                guard let category = byNumber[number] else { throw fail(index, "entry '\(phrase)' names category \(number), which the header does not define") }
                if !indices.contains(category) { indices.append(category) }
            }
            let words = phrase.lowercased().replacingOccurrences(of: "\u{2019}", with: "'").split(separator: " ").map(String.init)
            if let star = words.dropLast().first(where: { $0.contains("*") }) ?? words.last.flatMap({ $0.dropLast().contains("*") ? $0 : nil }) {
                throw fail(index, "'*' may only end an entry ('\(star)')")
            }
            if words.last == "*" { throw fail(index, "an entry cannot be '*' alone") }
            if let earlier = seen[words] { throw fail(index, "entry '\(phrase)' is already on line \(entries[earlier].line)") }
            seen[words] = entries.count
            entries.append(Entry(words: words, categories: indices.sorted(), line: index))
        }
        guard !entries.isEmpty else { throw fail(0, "no entries after the category header") }
        self.categories = categories
        self.entries = entries
    }

    /// The category column without LIWC2007's conditional forms: a parenthesised group with whatever is
    /// attached to it (`(02 134)125/464`), and words in angle brackets with theirs (`<of>131`).
    static func withoutConditionals(_ text: String) -> String {
        var kept = ""
        var depth = 0
        var skippingAttached = false
        for character in text {
            switch character {
            case "(", "<":
                depth += 1
            case ")", ">":
                depth = max(depth - 1, 0)
                if depth == 0 { skippingAttached = true }
            case " ", "\t":
                if depth == 0 {
                    skippingAttached = false
                    kept.append(" ")
                }
            default:
                if depth == 0 && !skippingAttached { kept.append(character) }
            }
        }
        return kept
    }
}
