/// Substring search over bytes: the standard library's generic `firstRange(of:)` showed in profiles of the
/// ingester, and the needles here (cue phrases, reporting verbs, "charset=") are short.
enum ByteSearch {
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool { firstIndex(of: needle, in: haystack) != nil }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard haystack.count >= needle.count else { return nil }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin -> Int? in
                let first = pin[0]
                var start = 0
                let last = hay.count - pin.count
                while start <= last {
                    if hay[start] == first {
                        var matched = 1
                        while matched < pin.count, hay[start + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return start }
                    }
                    start += 1
                }
                return nil
            }
        }
    }

    /// Whether `needle` (lower-case ASCII) occurs in `haystack` with ASCII letters compared case-insensitively.
    static func containsIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard haystack.count >= needle.count else { return false }
        @inline(__always) func folded(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte }
        return needle.withUnsafeBufferPointer { pin in
            let first = pin[0]
            var start = 0
            let last = haystack.count - pin.count
            while start <= last {
                if folded(haystack[start]) == first {
                    var matched = 1
                    while matched < pin.count, folded(haystack[start + matched]) == pin[matched] { matched += 1 }
                    if matched == pin.count { return true }
                }
                start += 1
            }
            return false
        }
    }
}
