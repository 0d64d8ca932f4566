/// Finds URLs and web addresses so that they become single `url` tokens instead of word fragments.
enum URLSpans {
    /// Scalar-offset ranges of URLs in `text`, in order.
    static func find(in text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        var spans: [Range<Int>] = []
        var index = 0
        while index < scalars.count {
            if isStart(scalars, index) {
                var end = index
                while end < scalars.count, !scalars[end].properties.isWhitespace, !"<>\"()[]{}".unicodeScalars.contains(scalars[end]) {
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
        if index > 0, !scalars[index - 1].properties.isWhitespace, !"(<\"'".unicodeScalars.contains(scalars[index - 1]) {
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

    private static func hasPrefix(_ scalars: [Unicode.Scalar], _ index: Int, _ prefix: String) -> Bool {
        var cursor = index
        for expected in prefix.unicodeScalars {
            guard cursor < scalars.count, scalars[cursor].properties.lowercaseMapping == String(expected) else { return false }
            cursor += 1
        }
        return true
    }
}
