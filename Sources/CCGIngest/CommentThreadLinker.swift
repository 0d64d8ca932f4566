import CCGModel
import Foundation

/// Turns raw comments into comment units and links them: `replyTo` from nesting, from a quoted parent
/// header ("Name | Role | time", the parent found by name or, where the page shows no name, by content),
/// or from a quoted passage; `duplicateOf` for a re-posted near-identical comment.
struct CommentThreadLinker {
    let names: PersonName

    /// A comment after its own header and any quoted parent header have been read.
    struct Prepared {
        var author: String?
        var role: String?
        var timestamp: String?
        var text: String
        var quotedHeader: Header?
        var quotedPassages: [String]
        var nestedUnder: Int?
        var quotedAuthor: String?
    }

    struct Header: Equatable {
        var name: String
        var role: String?
        var timestamp: String?
    }

    /// Reads a "Name | Role | time" header line.
    func header(in text: String) -> Header? {
        let parts = text.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard (2...4).contains(parts.count), let name = names.name(in: parts[0]) ?? (parts[0] == "Anonymous" ? parts[0] : nil) else { return nil }
        let timestamp = parts.count > 1 ? DateParser.timestamp(parts[parts.count - 1]) : nil
        let roleParts = parts.dropFirst().dropLast(timestamp == nil ? 0 : 1)
        guard timestamp != nil || !roleParts.isEmpty else { return nil }
        return Header(name: name, role: roleParts.isEmpty ? nil : roleParts.joined(separator: " | "), timestamp: timestamp)
    }

    func prepare(_ raw: RawComment, authorLineAllowed: Bool) -> Prepared {
        var author = raw.author.flatMap { $0 == "Anonymous" ? nil : $0 }
        var role = raw.role
        var timestamp = raw.timestamp
        var quotedHeader: Header?
        var paragraphs: [String] = []
        var passages: [String] = []
        for (index, block) in raw.blocks.enumerated() {
            if index == 0, authorLineAllowed, author == nil, raw.blocks.count > 1, let name = names.name(in: block.text) {
                author = name
                continue
            }
            if let header = header(in: block.text), paragraphs.isEmpty, quotedHeader == nil {
                let isOwn = (author == nil && index == 0) || author.map { $0.caseInsensitiveCompare(header.name) == .orderedSame } ?? false
                if isOwn {
                    author = author ?? (header.name == "Anonymous" ? nil : header.name)
                    role = role ?? header.role
                    timestamp = timestamp ?? header.timestamp
                } else {
                    quotedHeader = header
                }
                continue
            }
            if block.role == .quote { passages.append(block.text) }
            paragraphs.append(block.text)
        }
        let text = paragraphs.joined(separator: "\n\n")
        passages += Self.quotedPassages(in: text)
        return Prepared(
            author: author, role: role, timestamp: timestamp, text: text, quotedHeader: quotedHeader,
            quotedPassages: passages, nestedUnder: raw.nestedUnder, quotedAuthor: raw.quotedAuthor)
    }

    /// Links prepared comments; `ids[i]` is the unit id comment `i` will have.
    ///
    /// A page can carry ten thousand comments, so nothing here compares every comment with every earlier
    /// one: earlier comments are found through indexes (by author, by shared phrase), and where an index
    /// entry is common to many comments only the most recent `ThreadIndex.candidateLimit` are looked at.
    func link(_ comments: [Prepared], ids: [String]) -> [TextUnit] {
        var units = comments.enumerated().map { index, comment in
            TextUnit(id: ids[index], type: .comment, author: comment.author, role: comment.role, timestamp: comment.timestamp, text: comment.text)
        }
        var index = ThreadIndex(wordLists: comments.map { Self.words($0.text) })
        var authors = AuthorIndex()
        for current in comments.indices {
            let comment = comments[current]
            if let parent = comment.nestedUnder, parent < current {
                units[current].replyTo = ids[parent]
                units[current].replyEvidence = .nesting
            } else if let header = comment.quotedHeader,
                let parent = parent(quoting: header, from: current, comments: comments, units: units, authors: authors, index: index)
            {
                units[current].replyTo = ids[parent]
                units[current].replyEvidence = .quotedHeader
                if units[parent].author == nil, header.name != "Anonymous" {
                    units[parent].author = header.name
                    units[parent].attributionFrom = ids[current]
                    authors.add(parent, author: header.name, timestamp: units[parent].timestamp)
                }
                if units[parent].author?.caseInsensitiveCompare(header.name) == .orderedSame {
                    if units[parent].role == nil, let role = header.role {
                        units[parent].role = role
                        units[parent].attributionFrom = units[parent].attributionFrom ?? ids[current]
                    }
                    if units[parent].timestamp == nil, let time = header.timestamp, let author = units[parent].author {
                        units[parent].timestamp = time
                        units[parent].attributionFrom = units[parent].attributionFrom ?? ids[current]
                        authors.retime(parent, author: author, timestamp: time)
                    }
                }
            } else if let name = comment.quotedAuthor, let parent = authors.latest(named: name, at: nil) {
                // A quote that names its author ("bob wrote:") answers that author's latest post; a post
                // by someone not among the comments (the opening post's author) is the thread itself.
                units[current].replyTo = ids[parent]
                units[current].replyEvidence = .quotedAuthor
            } else if let parent = index.latestContaining(comment.quotedPassages, before: current) {
                units[current].replyTo = ids[parent]
                units[current].replyEvidence = .quotedText
            }
            // A re-post: near-identical to an earlier comment (the corrected version of a typo, say).
            // (A bounded look-up can land on a re-post itself: its original is then the one meant.)
            if let original = index.earliestNearDuplicate(of: current) {
                units[current].duplicateOf = units[original].duplicateOf ?? ids[original]
            }
            if let author = units[current].author { authors.add(current, author: author, timestamp: units[current].timestamp) }
        }
        return units
    }

    /// The earlier comment whose header a reply quotes: by author name, else (the page showing no name) the
    /// unnamed comment that shares most phrasing with the reply.
    private func parent(
        quoting header: Header, from current: Int, comments: [Prepared], units: [TextUnit], authors: AuthorIndex, index: ThreadIndex
    ) -> Int? {
        if let exact = authors.latest(named: header.name, at: header.timestamp) { return exact }
        let shared = index.sharedShingles(with: current) { units[$0].author == nil && comments[$0].quotedHeader == nil }
        guard let best = shared.max(by: { $0.shared < $1.shared || ($0.shared == $1.shared && $0.index < $1.index) }), best.shared >= 3 else {
            return nil
        }
        return best.index
    }

    /// Double or typographic quotes, or single quotes not used as apostrophes, around 8+ characters;
    /// compiled once.
    private static let quotationPatterns: [NSRegularExpression] = [
        #""([^"]{8,})""#, #"“([^”]{8,})”"#, #"(?<![\p{L}\p{N}])'([^'\n]{8,}?)'(?![\p{L}\p{N}])"#, #"‘([^’\n]{8,}?)’(?![\p{L}])"#,
    ].compactMap { try? NSRegularExpression(pattern: $0) }

    /// Passages in quotes (see `quotationPatterns`) of 4+ words.
    static func quotedPassages(in text: String) -> [String] {
        var result: [String] = []
        for regex in quotationPatterns {
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text), words(String(text[range])).count >= 4 {
                    result.append(String(text[range]))
                }
            }
        }
        return result
    }

    /// Lower-cased letter-and-digit words, for comparing comments regardless of punctuation. Runs over the
    /// scalars with an ASCII fast path: it reads every comment and, for the page's kind, the whole article.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        func close() {
            if !current.isEmpty { result.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case 0x61...0x7A, 0x30...0x39: current.append(byte)
                case 0x41...0x5A: current.append(byte + 0x20)
                default: close()
                }
                continue
            }
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
                .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                current.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            default:
                close()
            }
        }
        close()
        return result
    }

    /// Whether `needle` occurs in `haystack` word for word. Knuth–Morris–Pratt, so the time is linear in
    /// both: comparing at every start costs their product when a long quote repeats one word ("the the …").
    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        // fallback[i]: the length of the longest proper prefix of needle[0...i] that is also its suffix.
        var fallback = [Int](repeating: 0, count: needle.count)
        var length = 0
        for index in 1..<max(1, needle.count) {
            while length > 0 && needle[index] != needle[length] { length = fallback[length - 1] }
            if needle[index] == needle[length] { length += 1 }
            fallback[index] = length
        }
        var matched = 0
        for word in haystack {
            while matched > 0 && word != needle[matched] { matched = fallback[matched - 1] }
            if word == needle[matched] { matched += 1 }
            if matched == needle.count { return true }
        }
        return false
    }
}
