import CCGModel

/// Decides what a file is from its bytes, so a page saved as `.txt` or an article with no extension is
/// still read correctly; the extension only breaks ties.
enum FormatSniffer {
    enum Verdict: Equatable {
        case html, text, json
        /// A table with a header row: CSV, or TSV when the separator is a tab (nil: guess from the header).
        case csv(separator: UInt8?)
        case gzip
        /// UTF-16 text without a byte-order mark (Windows tools save such files): read as if it had one.
        case utf16WithoutBOM(bigEndian: Bool)
        case empty
        case binary(reason: String)
    }

    static func sniff(_ bytes: [UInt8], fileExtension: String) -> Verdict {
        if bytes.isEmpty { return .empty }
        if bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b { return .gzip }
        let head = bytes.prefix(8192)
        if isUTF16(head) { return markupScore(Array(TextDecoding.decode(Array(head)).text.utf8)) > 0 ? .html : .text }
        if let bigEndian = utf16WithoutBOM(head) { return .utf16WithoutBOM(bigEndian: bigEndian) }
        if let zero = head.firstIndex(of: 0) { return .binary(reason: "contains a NUL byte at offset \(zero)") }
        let controls = head.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0a && $0 != 0x0d && $0 != 0x0c && $0 != 0x1b }.count
        if controls * 20 > head.count { return .binary(reason: "\(controls) control bytes in the first \(head.count)") }
        let afterBOM = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head
        guard let firstVisible = afterBOM.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C) }) else {
            return .empty
        }
        if fileExtension == "csv" { return .csv(separator: nil) }
        if fileExtension == "tsv" || fileExtension == "tab" { return .csv(separator: 0x09) }
        if firstVisible == UInt8(ascii: "{") || firstVisible == UInt8(ascii: "[") || Ingester.jsonExtensions.contains(fileExtension) { return .json }
        if markupScore(Array(head)) > 0 { return .html }
        return fileExtension == "html" || fileExtension == "htm" ? .html : .text
    }

    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool { markupScore(Array(bytes.prefix(8192))) > 0 }

    /// Positive when the bytes look like HTML: a doctype, an html/body tag, or several block tags.
    /// Case-insensitive on ASCII bytes, without decoding the page.
    private static func markupScore(_ bytes: [UInt8]) -> Int {
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        func contains(_ needle: String) -> Bool {
            let pattern = Array(needle.utf8)
            guard let first = pattern.first, lower.count >= pattern.count else { return false }
            var index = 0
            let last = lower.count - pattern.count
            while index <= last {
                if lower[index] == first, lower[index..<(index + pattern.count)].elementsEqual(pattern) { return true }
                index += 1
            }
            return false
        }
        if contains("<!doctype html") || contains("<html") || contains("<body") { return 2 }
        let tags = ["<p>", "<p ", "<div", "<br", "<h1", "<h2", "<article", "<span", "<a href"]
        return tags.reduce(0) { $0 + (contains($1) ? 1 : 0) } >= 2 ? 1 : 0
    }

    /// Whether the bytes are UTF-16 without a byte-order mark, and which order: text in Latin script has a
    /// NUL in nearly every other byte (the high byte of each unit), and almost none in the others. Nil for
    /// anything else, binary files included.
    static func utf16WithoutBOM(_ head: ArraySlice<UInt8>) -> Bool? {
        let pairs = head.count / 2
        guard pairs >= 8 else { return nil }
        var zeroFirst = 0, zeroSecond = 0, controls = 0
        var index = head.startIndex
        for _ in 0..<pairs {
            let (first, second) = (head[index], head[index + 1])
            if first == 0 { zeroFirst += 1 }
            if second == 0 { zeroSecond += 1 }
            // The other byte of a unit whose high byte is zero: a control other than white space means binary.
            let low = first == 0 ? second : second == 0 ? first : 0x20
            if low < 0x20 && low != 0x09 && low != 0x0A && low != 0x0D && low != 0x0C { controls += 1 }
            index += 2
        }
        guard controls * 20 <= pairs else { return nil }
        if zeroSecond * 10 >= pairs * 9 && zeroFirst * 20 <= pairs { return false }
        if zeroFirst * 10 >= pairs * 9 && zeroSecond * 20 <= pairs { return true }
        return nil
    }

    private static func isUTF16(_ head: ArraySlice<UInt8>) -> Bool {
        head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
    }
}
