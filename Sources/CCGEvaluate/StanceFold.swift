/// One fold of a cross-validation, for scoring a model on motions (or texts) it was not trained on when a
/// source has no split held out that way: `--leave-out-fold 2/5` drops fold 2's items from training and
/// `--fold 2/5` scores only them. Items are assigned by a hash of the motion's text (`motion`: every text on
/// a motion falls in the same fold, so the fold's motions are unseen) or of the item's id (`item`: the same
/// motions are seen, other texts on them). FNV-1a over the UTF-8 bytes: the same in every run and on every
/// machine, unlike Swift's seeded `Hasher`.
public struct StanceFold: Sendable, Equatable {
    public enum Key: String, Sendable, CaseIterable { case motion, item }

    public var index: Int
    public var count: Int
    public var key: Key

    /// `text` is "I/N" with 1 ≤ I ≤ N and N ≥ 2; nil otherwise.
    public init?(_ text: String, key: Key = .motion) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 2, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
        self.key = key
    }

    public func contains(_ item: StanceEvaluation.Item) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (key == .motion ? item.target : item.id).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(count)) == index - 1
    }
}
