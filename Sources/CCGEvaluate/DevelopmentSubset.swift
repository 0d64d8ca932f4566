/// Halves of a single-set benchmark (the article-extraction pages, the ICWSM-2014 sentiment sets): rules are
/// developed on the `dev` half only, so the `heldOut` half says whether a change generalises. Fixed by a
/// hash of each item's id (FNV-1a), so the halves never move and need no list.
public enum DevelopmentSubset: String, Sendable, CaseIterable {
    case all, dev
    case heldOut = "held-out"

    public func contains(_ id: String) -> Bool {
        guard self != .all else { return true }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return (hash & 1 == 0) == (self == .dev)
    }
}
