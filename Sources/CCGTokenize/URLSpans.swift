/// Finds URLs and web addresses so that they become single `url` tokens instead of word fragments.
enum URLSpans {
    /// Scalar-offset ranges of URLs in `text`, in order.
    static func find(in text: String) -> [Range<Int>] {
        // Every address this finds has a slash or starts with "www.": most texts have neither, and are
        // ruled out over their bytes before any scalar is looked at.
        guard mayHoldAddress(text.utf8) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var spans: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if isStart(scalars, index) {
                var end = index
                while end < scalars.count, !isSpace(scalars[end]), !"<>\"()[]{}".unicodeScalars.contains(scalars[end]) {
                    end += 1
                }
                // Trailing sentence punctuation belongs to the sentence, not the address.
                while end > index, ".,;:!?'".unicodeScalars.contains(scalars[end - 1]) { end -= 1 }
                if end > index + 4 { spans.append(index..<end) }
                index = max(end, index + 1)
            } else {
                index += 1
            }
        }
        return spans
    }

    private static func isStart(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        if index > 0, !isSpace(scalars[index - 1]), !"(<\"'".unicodeScalars.contains(scalars[index - 1]) {
            return false
        }
        if hasPrefix(scalars, index, "http://") || hasPrefix(scalars, index, "https://") || hasPrefix(scalars, index, "www.") {
            return true
        }
        // A bare "host.tld/path": letters, one or more dots, then a slash before any space.
        var cursor = index
        var sawDot = false
        while cursor < scalars.count {
            let scalar = scalars[cursor]
            if scalar == "." { sawDot = true } else if scalar == "/" { return sawDot && cursor > index + 3 }
            else if !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-") { return false }
            cursor += 1
        }
        return false
    }

    /// Case-insensitive for ASCII prefixes ("HTTP://", "Www."), without building strings.
    private static func hasPrefix(_ scalars: [Unicode.Scalar], _ index: Int, _ prefix: String) -> Bool {
        var cursor = index
        for expected in prefix.unicodeScalars {
            guard cursor < scalars.count else { return false }
            let value = scalars[cursor].value
            guard (value >= 0x41 && value <= 0x5A ? value + 0x20 : value) == expected.value else { return false }
            cursor += 1
        }
        return true
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    private static func mayHoldAddress(_ bytes: String.UTF8View) -> Bool {
        // Native strings lend their UTF-8 buffer: a pointer loop, not an iterator over the view.
        bytes.withContiguousStorageIfAvailable(mayHoldAddress) ?? mayHoldAddress(Array(bytes))
    }

    private static func mayHoldAddress<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var run = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") { return true }
            if byte == UInt8(ascii: "w") || byte == UInt8(ascii: "W") {
                run += 1
            } else {
                if byte == UInt8(ascii: "."), run >= 3 { return true }
                run = 0
            }
        }
        return false
    }
}
