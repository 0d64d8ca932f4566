import CCGModel

/// Decides what a file is from its bytes, so a page saved as `.txt` or an article with no extension is
/// still read correctly; the extension only breaks ties.
enum FormatSniffer {
    enum Verdict: Equatable {
        case html, text, json
        case gzip
        case empty
        case binary(reason: String)
    }

    static func sniff(_ bytes: [UInt8], fileExtension: String) -> Verdict {
        if bytes.isEmpty { return .empty }
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b { return .gzip }
        let head = bytes.prefix(8192)
        if isUTF16(head) { return markupScore(TextDecoding.decode(Array(head)).text) > 0 ? .html : .text }
        if let zero = head.firstIndex(of: 0) { return .binary(reason: "contains a NUL byte at offset \(zero)") }
        let controls = head.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0a && $0 != 0x0d && $0 != 0x0c && $0 != 0x1b }.count
        if controls * 20 > head.count { return .binary(reason: "\(controls) control bytes in the first \(head.count)") }
        let prefix = String(decoding: head, as: UTF8.self)
        let trimmed = prefix.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if trimmed.first == "{" || trimmed.first == "[" { return .json }
        if markupScore(prefix) > 0 { return .html }
        if trimmed.isEmpty { return .empty }
        return fileExtension == "html" || fileExtension == "htm" ? .html : .text
    }

    /// Positive when the text looks like HTML: a doctype, an html/body tag, or several block tags.
    private static func markupScore(_ prefix: String) -> Int {
        let lower = prefix.lowercased()
        if lower.contains("<!doctype html") || lower.contains("<html") || lower.contains("<body") { return 2 }
        let tags = ["<p>", "<p ", "<div", "<br", "<h1", "<h2", "<article", "<span", "<a href"]
        return tags.reduce(0) { $0 + (lower.contains($1) ? 1 : 0) } >= 2 ? 1 : 0
    }

    private static func isUTF16(_ head: ArraySlice<UInt8>) -> Bool {
        head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
    }
}
