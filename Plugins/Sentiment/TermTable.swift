/// A frozen map from folded terms to what the rules know of them, built once when the engine loads.
///
/// Every word of every text is looked up once, and most are in no lexicon: profiling the TweetEval run
/// put a third of rule time in `Dictionary<String, _>` (SipHash of each word, then the probe). This table
/// hashes the word's UTF-8 bytes with FNV-1a, probes linearly at a load under one half, and compares the
/// stored hash before the string, so a miss usually costs one hash and one or two integer compares.
struct TermTable<Value> {
    private var slots: [Int32]
    private var hashes: [UInt64]
    private var keys: [String]
    private var values: [Value]
    private let mask: Int

    /// The entries in `dictionary`, in key order (the layout does not depend on hash seeds).
    init(_ dictionary: [String: Value]) {
        var capacity = 16
        while capacity < dictionary.count * 2 + 1 { capacity *= 2 }
        mask = capacity - 1
        slots = [Int32](repeating: -1, count: capacity)
        hashes = []
        keys = []
        values = []
        hashes.reserveCapacity(dictionary.count)
        keys.reserveCapacity(dictionary.count)
        values.reserveCapacity(dictionary.count)
        for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
            let hash = Self.hash(key)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(keys.count)
            hashes.append(hash)
            keys.append(key)
            values.append(value)
        }
    }

    /// The term's index (stable for the table's life), or nil when the table lacks it.
    func index(of term: String) -> Int32? {
        let hash = Self.hash(term)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = slots[slot]
            if index < 0 { return nil }
            if hashes[Int(index)] == hash, keys[Int(index)] == term { return index }
            slot = (slot + 1) & mask
        }
    }

    subscript(index: Int32) -> Value { values[Int(index)] }

    /// Changes values in place after the table is built (for values that refer to other indices).
    mutating func modifyValues(_ body: (inout Value) -> Void) {
        for index in values.indices { body(&values[index]) }
    }

    mutating func modifyValue(at index: Int32, _ body: (inout Value) -> Void) { body(&values[Int(index)]) }

    private static func hash(_ term: String) -> UInt64 {
        term.utf8.withContiguousStorageIfAvailable(hash) ?? hash(Array(term.utf8))
    }

    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

extension TermTable: Sendable where Value: Sendable {}
