/// The column of each of a model's terms, looked up once for every n-gram of every text a model reads.
///
/// A `[String: Int]` seeds and finalises a SipHash per lookup, which was most of a learnt model's cost on a
/// text (and a tenth of its start-up, built over 125,000 terms). This is an open-addressing table over the
/// terms' UTF-8 bytes with FNV-1a: hash flooding is not a concern, since the keys are the model's own terms
/// and a lookup that misses costs at most one probe run, whatever the text.
struct TermIndex: Sendable {
    private let terms: [String]
    /// Term position + 1 per slot, 0 when empty; the table is at most half full.
    private let slots: [Int32]
    private let mask: Int

    init(_ terms: [String]) {
        var size = 16
        while size < terms.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for (position, term) in terms.enumerated() {
            var slot = Self.hash(term) & mask
            while slots[slot] != 0 {
                // A term listed twice keeps its first column, as a dictionary filled in order keeps the last:
                // models never list a term twice.
                if terms[Int(slots[slot]) - 1] == term { break }
                slot = (slot + 1) & mask
            }
            if slots[slot] == 0 { slots[slot] = Int32(position + 1) }
        }
        self.terms = terms
        self.slots = slots
        self.mask = mask
    }

    subscript(_ key: String) -> Int? {
        var slot = Self.hash(key) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if terms[Int(entry) - 1] == key { return Int(entry) - 1 }
            slot = (slot + 1) & mask
        }
    }

    static func hash(_ key: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let fast = key.utf8.withContiguousStorageIfAvailable({ bytes -> UInt64 in
            var hash = hash
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            return hash
        }) {
            hash = fast
        } else {
            for byte in key.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        }
        // The low bits pick the slot: fold the high ones in.
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}
