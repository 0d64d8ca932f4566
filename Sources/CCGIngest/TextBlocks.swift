/// Reduces a plain-text scrape to blocks: one per non-empty line, with its indentation and bullet kept,
/// because scrapes of comment threads carry their structure only in layout.
enum TextBlocks {
    static let bullets: Set<Character> = ["•", "·", "‣", "▪", "◦", "*", "-", "–"]

    static func blocks(from text: String) -> [Block] {
        var result: [Block] = []
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            let line = String(rawLine).replacingOccurrences(of: "\t", with: "    ")
            let indent = line.prefix { $0 == " " || $0 == "\u{00A0}" }.count
            var body = line.drop { $0 == " " || $0 == "\u{00A0}" }
            var bulleted = false
            if let first = body.first, bullets.contains(first), body.dropFirst().first == " " {
                bulleted = true
                body = body.dropFirst().drop { $0 == " " }
            }
            let content = String(body).collapsingWhitespace
            if content.isEmpty { continue }
            result.append(Block(text: content, role: bulleted ? .listItem : .paragraph, indent: indent, bulleted: bulleted))
        }
        return result
    }
}
