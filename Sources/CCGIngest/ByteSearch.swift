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
}
