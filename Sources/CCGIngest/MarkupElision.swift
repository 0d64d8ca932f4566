import Glibc

/// Removes what libxml2 would read only for the tree builder to drop, before libxml2 reads a page: the
/// contents of `<script>` and `<style>` elements, and the attributes no rule reads
/// (`HTMLElement.readAttributes`).
///
/// libxml2 reads raw contents character by character and the tree builder then drops them
/// (`HTMLParser.isOpaque`); it reads every attribute, and the builder copies only the few rules read. On
/// the benchmark pages raw contents are over half of the bytes and unread attributes a good part of the
/// rest. JSON-LD scripts are kept, because metadata reads them, and so are the attributes libxml2 acts on
/// itself (`charset`, `http-equiv`).
///
/// The scanner follows how libxml2 2.9's HTML parser (Debian's) finds tags, attributes, comments and the
/// end of raw text, just far enough to know what it may remove. Where a page does something whose
/// reading is uncertain, it stops removing and copies the rest unchanged: a bogus attribute, a quote in an
/// end tag, `<!` that opens neither a comment nor a doctype, an unclosed tag or comment, invalid UTF-8 in
/// what would be removed. A page with NUL bytes is not touched. So a page gives the same tree with or
/// without this step; `MarkupElisionTests` checks that tree by tree on every HTML page the tests have.
enum MarkupElision {
    /// `bytes` (UTF-8) without what libxml2 would hand to the tree builder only to be dropped, or nil when
    /// there is nothing to remove.
    static func elided(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, memchr(base, 0, buffer.count) == nil else { return nil }
            var scanner = Scanner(bytes: buffer)
            scanner.scan()
            let cuts = scanner.cuts
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

    /// Attributes kept: those rules read, and those libxml2 acts on while parsing (a meta charset).
    static let keptAttributes: [[UInt8]] = (HTMLElement.readAttributes.union(["charset", "http-equiv"])).sorted().map { Array($0.utf8) }

    /// Finds the byte ranges that can be removed, in order.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        private(set) var cuts: [Range<Int>] = []

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        /// libxml2 reads at most this many characters of a name; longer ones are not followed.
        static let longestName = 100

        /// The words and delimiters looked for, as lower-case bytes.
        private static let script = Array("script".utf8), style = Array("style".utf8), type = Array("type".utf8)
        private static let doctype = Array("doctype".utf8), jsonLD = Array("application/ld+json".utf8)
        private static let commentEnd = Array("-->".utf8), oddCommentEnd = Array("--!>".utf8), endTagOpen = Array("</".utf8)

        /// Reads markup by markup until the end, or until a reading is uncertain.
        mutating func scan() {
            while let open = nextByte(UInt8(ascii: "<"), from: index) {
                index = open
                guard readMarkup() else { return }
            }
        }

        /// Reads the markup at `index` (a "<") and moves past it; false when its reading is uncertain.
        private mutating func readMarkup() -> Bool {
            switch byte(at: index + 1) {
            case UInt8(ascii: "/"):
                return readEndTag()
            case UInt8(ascii: "!"):
                return readDeclaration()
            case UInt8(ascii: "?"):
                // A processing instruction runs to the next ">".
                guard let target = byte(at: index + 2), Self.isLetter(target), let close = nextByte(UInt8(ascii: ">"), from: index + 2) else { return false }
                index = close + 1
                return true
            case let first? where Self.isLetter(first):
                return readStartTag()
            case UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "."):
                return false
            default:
                // A lone "<" is text.
                index += 1
                return true
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
                guard let close = find(Self.commentEnd, from: start) else { return false }
                if find(Self.oddCommentEnd, from: start, before: close + 3) != nil { return false }
                index = close + 3
                return true
            }
            guard matchesIgnoringCase(Self.doctype, at: index + 2) else { return false }
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

        /// A start tag: its name, its attributes as libxml2 splits them, and its end (">" or "/>"). Unread
        /// attributes are cut with the blanks after them; for a script or style element closed by ">", so
        /// are the raw contents up to the matching end tag.
        private mutating func readStartTag() -> Bool {
            let nameStart = index + 1
            var cursor = nameStart
            while let byte = byte(at: cursor), Self.isNameByte(byte) { cursor += 1 }
            guard cursor - nameStart < Self.longestName else { return false }
            let elementName = nameStart..<cursor
            let rawElement = equalsIgnoringCase(Self.script, elementName) ? Self.script : equalsIgnoringCase(Self.style, elementName) ? Self.style : nil
            // The first of repeated type attributes, which is the one kept; empty when written bare.
            var typeValue: Range<Int>?
            var attributeCuts: [Range<Int>] = []
            skipBlanks(&cursor)
            while let byte = byte(at: cursor), byte != UInt8(ascii: ">"), !(byte == UInt8(ascii: "/") && self.byte(at: cursor + 1) == UInt8(ascii: ">")) {
                // An attribute: a name, then "=" and a value, quoted or not. Anything else is a bogus
                // attribute, which libxml2 versions skip differently.
                guard Self.isNameStart(byte) else { return false }
                let attributeStart = cursor
                while let byte = self.byte(at: cursor), Self.isNameByte(byte) { cursor += 1 }
                let name = attributeStart..<cursor
                guard name.count < Self.longestName else { return false }
                skipBlanks(&cursor)
                var value: Range<Int>?
                if self.byte(at: cursor) == UInt8(ascii: "=") {
                    cursor += 1
                    skipBlanks(&cursor)
                    if let quote = self.byte(at: cursor), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let close = nextByte(quote, from: cursor + 1) else { return false }
                        value = cursor + 1..<close
                        cursor = close + 1
                    } else {
                        let valueStart = cursor
                        while let byte = self.byte(at: cursor), byte != UInt8(ascii: ">"), !Self.isBlank(byte) { cursor += 1 }
                        value = valueStart..<cursor
                    }
                }
                if typeValue == nil, equalsIgnoringCase(Self.type, name) { typeValue = value ?? cursor..<cursor }
                skipBlanks(&cursor)
                // Whatever precedes the cut (a blank, or a quote that closed a value) and whatever follows
                // it (a name, ">" or "/>") read the same without it.
                if !MarkupElision.keptAttributes.contains(where: { equalsIgnoringCase($0, name) }) {
                    guard isValidUTF8(attributeStart..<cursor) else { return false }
                    attributeCuts.append(attributeStart..<cursor)
                }
            }
            guard let end = byte(at: cursor) else { return false }
            cuts += attributeCuts
            if end == UInt8(ascii: "/") {
                // "<script/>" is closed at once: no raw contents follow.
                index = cursor + 2
                return true
            }
            index = cursor + 1
            guard let rawElement else { return true }
            let keeping = rawElement == Self.script && typeValue.map(keepsContents) == true
            return readRawText(named: rawElement, keeping: keeping)
        }

        /// Moves past raw contents to their end tag: libxml2 (recovering) ends them at "</" followed by the
        /// element's name in any case; the end tag itself is left to be read as one.
        private mutating func readRawText(named name: [UInt8], keeping: Bool) -> Bool {
            let start = index
            var cursor = start
            while let open = find(Self.endTagOpen, from: cursor) {
                if matchesIgnoringCase(name, at: open + 2) {
                    // The end tag's whole name must be the element's, or libxml2 reads on.
                    if let after = byte(at: open + 2 + name.count), Self.isNameByte(after) { return false }
                    index = open
                    if keeping || open == start { return true }
                    guard isValidUTF8(start..<open) else { return false }
                    cuts.append(start..<open)
                    return true
                }
                cursor = open + 2
            }
            return false
        }

        /// Whether a script's type makes it JSON-LD, whose contents metadata reads; a value written with
        /// entities or non-ASCII bytes is kept rather than decoded here.
        private func keepsContents(_ value: Range<Int>) -> Bool {
            for position in value where bytes[position] == UInt8(ascii: "&") || bytes[position] >= 0x80 { return true }
            return equalsIgnoringCase(Self.jsonLD, value)
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

        /// `range` compared with a lower-case ASCII word.
        private func equalsIgnoringCase(_ word: [UInt8], _ range: Range<Int>) -> Bool {
            guard range.count == word.count else { return false }
            var position = range.lowerBound
            for byte in word {
                guard Self.lowercased(bytes[position]) == byte else { return false }
                position += 1
            }
            return true
        }

        /// Removed bytes must be valid UTF-8: libxml2 would switch the rest of the page to Latin-1 at an
        /// invalid byte.
        private func isValidUTF8(_ range: Range<Int>) -> Bool {
            TextDecoding.firstInvalidUTF8(UnsafeBufferPointer(rebasing: bytes[range])) == nil
        }

        /// Whether `word` (lower-case) is written at `position`, in any case.
        private func matchesIgnoringCase(_ word: [UInt8], at position: Int) -> Bool {
            position + word.count <= bytes.count && equalsIgnoringCase(word, position..<position + word.count)
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
