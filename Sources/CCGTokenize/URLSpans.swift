/// Finds URLs and web addresses so that they become single `url` tokens instead of word fragments.
enum URLSpans {
    /// Scalar-offset ranges of URLs in `text`, in order.
    static func find(in text: String) -> [Range<Int>] {
        var text = text
        return text.withUTF8(find(in:))
    }

    /// Every address this finds has a slash or starts with "www." and lies inside one run of non-space
    /// characters: only the runs that have either are decoded and looked at scalar by scalar.
    private static func find(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard mayHoldAddress(bytes) else { return [] }
        var spans: [Range<Int>] = []
        var chunkStart = 0
        var scalarsBefore = 0
        while chunkStart < bytes.count {
            var chunkEnd = chunkStart
            while chunkEnd < bytes.count, !isASCIISpace(bytes[chunkEnd]) { chunkEnd += 1 }
            let chunk = UnsafeBufferPointer(rebasing: bytes[chunkStart..<chunkEnd])
            if mayHoldAddress(chunk) {
                let scalars = Array(String(decoding: chunk, as: UTF8.self).unicodeScalars)
                spans += find(in: scalars).map { ($0.lowerBound + scalarsBefore)..<($0.upperBound + scalarsBefore) }
            }
            for byte in chunk where byte & 0xC0 != 0x80 { scalarsBefore += 1 }
            if chunkEnd < bytes.count { scalarsBefore += 1 }
            chunkStart = chunkEnd + 1
        }
        return spans
    }

    /// URLs among the scalars of one run of non-space characters (preceded by a space or nothing).
    private static func find(in scalars: [Unicode.Scalar]) -> [Range<Int>] {
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

    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

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

    /// A slash, or "www." (any case), somewhere in the bytes.
    private static func mayHoldAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isW(_ byte: UInt8) -> Bool { byte | 0x20 == UInt8(ascii: "w") }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/") { return true }
            if byte == UInt8(ascii: "."), index >= 3, isW(bytes[index - 1]), isW(bytes[index - 2]), isW(bytes[index - 3]) { return true }
        }
        return false
    }
}
