import Glibc

/// Removes the contents of `<script>` and `<style>` elements before libxml2 reads a page.
///
/// libxml2 reads those contents as raw text, character by character, and the tree builder then drops
/// them (`HTMLParser.isOpaque`). On the benchmark pages they are over half of the bytes and about a tenth
/// of the whole run's instructions. JSON-LD scripts are kept, because metadata reads them.
///
/// The scanner follows how libxml2 2.9's HTML parser (Debian's) finds tags, comments and the end of raw
/// text, just far enough to know where each raw-text element starts and ends. Where a page does something
/// whose reading is uncertain, it stops removing and copies the rest unchanged: a bogus attribute, a quote
/// in an end tag, `<!` that opens neither a comment nor a doctype, an unclosed tag or comment, invalid
/// UTF-8 inside a script. A page with NUL bytes is not touched. So a page gives the same tree with or
/// without this step. `RawTextElisionTests` checks that tree by tree on every HTML file the tests have.
enum RawTextElision {
    /// `bytes` (UTF-8) without the raw contents libxml2 would hand to the tree builder only to be dropped,
    /// or nil when there is nothing to remove.
    static func elided(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, memchr(base, 0, buffer.count) == nil else { return nil }
            var scanner = Scanner(bytes: buffer)
            let cuts = scanner.rawTextRanges()
            guard !cuts.isEmpty else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(buffer.count - cuts.reduce(0) { $0 + $1.count })
            var kept = 0
            for cut in cuts {
                output.append(contentsOf: buffer[kept..<cut.lowerBound])
                kept = cut.upperBound
            }
            output.append(contentsOf: buffer[kept...])
            return output
        }
    }

    /// Byte offsets of raw-text contents that can be removed: what follows a script or style start tag,
    /// up to its end tag.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// libxml2 reads at most this many characters of a name; longer ones are not followed.
        static let longestName = 100

        mutating func rawTextRanges() -> [Range<Int>] {
            var ranges: [Range<Int>] = []
            while let open = nextByte(UInt8(ascii: "<"), from: index) {
                index = open
                guard let step = readMarkup() else { break }
                if let range = step { ranges.append(range) }
            }
            return ranges
        }

        /// Reads the markup at `index` (a "<") and moves past it: the raw contents to remove, if it opened
        /// a script or style element whose end was found; nil when the reading is uncertain (stop).
        private mutating func readMarkup() -> Range<Int>?? {
            let next = byte(at: index + 1)
            switch next {
            case UInt8(ascii: "/"):
                return readEndTag() ? .some(nil) : nil
            case UInt8(ascii: "!"):
                return readDeclaration() ? .some(nil) : nil
            case UInt8(ascii: "?"):
                // A processing instruction runs to the next ">".
                guard let target = byte(at: index + 2), Self.isLetter(target), let close = nextByte(UInt8(ascii: ">"), from: index + 2) else { return nil }
                index = close + 1
                return .some(nil)
            case let first? where Self.isLetter(first):
                return readStartTag()
            case UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "."):
                return nil
            default:
                // A lone "<" is text.
                index += 1
                return .some(nil)
            }
        }

        /// `</name ...>`, skipped to its ">" as libxml2 does; false when its reading is uncertain.
        private mutating func readEndTag() -> Bool {
            guard let first = byte(at: index + 2), Self.isLetter(first) else { return false }
            var cursor = index + 2
            while let byte = byte(at: cursor), Self.isNameByte(byte) { cursor += 1 }
            guard cursor - index - 2 < Self.longestName else { return false }
            while let byte = byte(at: cursor), byte != UInt8(ascii: ">") {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "<") { return false }
                cursor += 1
            }
            guard cursor < bytes.count else { return false }
            index = cursor + 1
            return true
        }

        /// `<!-- ... -->` or `<!DOCTYPE ...>`; false for anything else that starts with "<!".
        private mutating func readDeclaration() -> Bool {
            if byte(at: index + 2) == UInt8(ascii: "-"), byte(at: index + 3) == UInt8(ascii: "-") {
                let start = index + 4
                // Abruptly closed comments ("<!-->", "<!--->") and "--!>" are read differently by
                // different libxml2 versions.
                if byte(at: start) == UInt8(ascii: ">") || (byte(at: start) == UInt8(ascii: "-") && byte(at: start + 1) == UInt8(ascii: ">")) {
                    return false
                }
                guard let close = find(Array("-->".utf8), from: start) else { return false }
                if find(Array("--!>".utf8), from: start, before: close + 3) != nil { return false }
                index = close + 3
                return true
            }
            guard matchesIgnoringCase("doctype", at: index + 2) else { return false }
            // Its public and system identifiers are quoted; a ">" inside quotes would be read differently
            // by the identifiers' parser and by the skip to ">" after a malformed one.
            var cursor = index + 9
            var quote: UInt8?
            while let byte = byte(at: cursor), byte != UInt8(ascii: ">") || quote != nil {
                if byte == UInt8(ascii: ">") || byte == UInt8(ascii: "<") { return false }
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    if quote == nil {
                        quote = byte
                    } else if quote == byte {
                        quote = nil
                    }
                }
                cursor += 1
            }
            guard cursor < bytes.count else { return false }
            index = cursor + 1
            return true
        }

        /// A start tag: its name, its attributes as libxml2 splits them, and its end (">" or "/>"). For a
        /// script or style element closed by ">", the raw contents up to the matching end tag.
        private mutating func readStartTag() -> Range<Int>?? {
            let nameStart = index + 1
            var cursor = nameStart
            while let byte = byte(at: cursor), Self.isNameByte(byte) { cursor += 1 }
            guard cursor - nameStart < Self.longestName else { return nil }
            let name: RawElement?
            if equalsIgnoringCase("script", nameStart..<cursor) {
                name = .script
            } else if equalsIgnoringCase("style", nameStart..<cursor) {
                name = .style
            } else {
                name = nil
            }
            var typeValue: Range<Int>?
            var sawType = false
            skipBlanks(&cursor)
            while let byte = byte(at: cursor), byte != UInt8(ascii: ">"), !(byte == UInt8(ascii: "/") && self.byte(at: cursor + 1) == UInt8(ascii: ">")) {
                // An attribute: a name, then "=" and a value, quoted or not. Anything else is a bogus
                // attribute, which libxml2 versions skip differently.
                guard Self.isNameStart(byte) else { return nil }
                let attributeStart = cursor
                while let byte = self.byte(at: cursor), Self.isNameByte(byte) { cursor += 1 }
                guard cursor - attributeStart < Self.longestName else { return nil }
                let isType = equalsIgnoringCase("type", attributeStart..<cursor)
                skipBlanks(&cursor)
                var value: Range<Int>?
                if self.byte(at: cursor) == UInt8(ascii: "=") {
                    cursor += 1
                    skipBlanks(&cursor)
                    if let quote = self.byte(at: cursor), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let close = nextByte(quote, from: cursor + 1) else { return nil }
                        value = cursor + 1..<close
                        cursor = close + 1
                    } else {
                        let valueStart = cursor
                        while let byte = self.byte(at: cursor), byte != UInt8(ascii: ">"), !Self.isBlank(byte) { cursor += 1 }
                        value = valueStart..<cursor
                    }
                }
                // The first of repeated attributes is the one kept.
                if isType, !sawType {
                    sawType = true
                    typeValue = value ?? cursor..<cursor
                }
                skipBlanks(&cursor)
            }
            guard let end = byte(at: cursor) else { return nil }
            if end == UInt8(ascii: "/") {
                // "<script/>" is closed at once: no raw contents follow.
                index = cursor + 2
                return .some(nil)
            }
            index = cursor + 1
            guard let name else { return .some(nil) }
            if name == .script, let typeValue, keepsContents(typeValue) { return readRawText(name, keeping: true) }
            return readRawText(name, keeping: false)
        }

        /// Moves past raw contents to their end tag: libxml2 (recovering) ends them at "</" followed by the
        /// element's name in any case; the end tag itself is left to be read as one.
        private mutating func readRawText(_ element: RawElement, keeping: Bool) -> Range<Int>?? {
            let start = index
            var cursor = start
            let endTagOpen = Array("</".utf8)
            while let open = find(endTagOpen, from: cursor) {
                if equalsIgnoringCase(element.name, open + 2..<min(open + 2 + element.name.utf8.count, bytes.count)) {
                    // The end tag's whole name must be the element's, or libxml2 reads on.
                    if let after = byte(at: open + 2 + element.name.utf8.count), Self.isNameByte(after) { return nil }
                    index = open
                    if keeping || open == start { return .some(nil) }
                    guard TextDecoding.firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<open])) == nil else { return nil }
                    return .some(start..<open)
                }
                cursor = open + 2
            }
            return nil
        }

        /// Whether a script's type makes it JSON-LD, whose contents metadata reads; a value written with
        /// entities or non-ASCII bytes is kept rather than decoded here.
        private func keepsContents(_ value: Range<Int>) -> Bool {
            for position in value where bytes[position] == UInt8(ascii: "&") || bytes[position] >= 0x80 { return true }
            return equalsIgnoringCase("application/ld+json", value)
        }

        enum RawElement {
            case script, style
            var name: String { self == .script ? "script" : "style" }
        }

        // MARK: Bytes

        private func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

        private func nextByte(_ target: UInt8, from position: Int, before end: Int? = nil) -> Int? {
            let end = end ?? bytes.count
            guard position < end, let base = bytes.baseAddress,
                let found = memchr(base + position, Int32(target), end - position)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }

        /// The first occurrence of `needle` that starts at or after `position` and ends before `end`.
        private func find(_ needle: [UInt8], from position: Int, before end: Int? = nil) -> Int? {
            let end = end ?? bytes.count
            var cursor = position
            while let first = nextByte(needle[0], from: cursor, before: end) {
                guard first + needle.count <= end else { return nil }
                if (1..<needle.count).allSatisfy({ bytes[first + $0] == needle[$0] }) { return first }
                cursor = first + 1
            }
            return nil
        }

        private func skipBlanks(_ cursor: inout Int) {
            while let byte = byte(at: cursor), Self.isBlank(byte) { cursor += 1 }
        }

        private func equalsIgnoringCase(_ word: String, _ range: Range<Int>) -> Bool {
            guard range.count == word.utf8.count else { return false }
            return zip(range, word.utf8).allSatisfy { Self.lowercased(bytes[$0]) == $1 }
        }

        private func matchesIgnoringCase(_ word: String, at position: Int) -> Bool {
            position + word.utf8.count <= bytes.count && equalsIgnoringCase(word, position..<position + word.utf8.count)
        }

        private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
        private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        /// libxml2's `IS_BLANK_CH`.
        private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        /// The first byte of an attribute name, as `htmlParseHTMLName` takes it.
        private static func isNameStart(_ byte: UInt8) -> Bool {
            isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
        }
        private static func isNameByte(_ byte: UInt8) -> Bool {
            isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
        }
    }
}
