import CCGModel
import Foundation

/// One of `count` parts of the input, for a corpus split over machines (`--shard K/N`, K from 0, as
/// Slurm array indices and Kubernetes completion indexes count). The reports of all parts merge into
/// the report of one unsharded run (`ccgtext merge`).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// The whole input.
    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// The most parts an input can be split into: far more machines than any cluster gives one job, and
    /// small enough that a typo (`0/9223372036854775807`) is a usage error, not a run.
    public static let largestCount = 1_000_000

    public init?(index: Int, count: Int) {
        guard count >= 1, count <= Self.largestCount, index >= 0, index < count else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    /// "K/N".
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's files, in their given order.
    ///
    /// Every shard computes the same assignment from the same list, so together they take each file
    /// exactly once. Files are dealt largest first (ties by path) to the shard with the fewest bytes so
    /// far (ties to the lowest index), so shards finish at about the same time even when a crawl mixes
    /// small pages with large comment exports.
    ///
    /// Only the first `min(count, files)` shards can receive a file (each file weighs at least 1, so the
    /// first ones go to shards 0, 1, 2, … in turn), so no more slots than files are kept, and the lightest
    /// shard is found in a heap: O(files × log shards) time.
    public func select(_ files: [String], size: (String) -> UInt64) -> [String] {
        guard count > 1 else { return files }
        let sized = files.enumerated().map { (offset: $0.offset, path: $0.element, bytes: size($0.element)) }
            .sorted { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.path.precedesBytewise($1.path) }
        let slots = min(count, files.count)
        guard index < slots else { return [] }
        var heap = LightestShard(count: slots)
        var mine: [Int] = []
        for file in sized {
            let lightest = heap.takeLightest(adding: max(file.bytes, 1))
            if lightest == index { mine.append(file.offset) }
        }
        return mine.sorted().map { files[$0] }
    }

    /// The size on disk, 0 when it cannot be read (the file's error is reported by the shard it lands in).
    public static func fileSize(_ path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }
}

/// Shards by load, lightest first and ties to the lowest index: the order `Shard.select` deals files in.
private struct LightestShard {
    private var heap: [(load: UInt64, index: Int)]

    init(count: Int) { heap = (0..<count).map { (load: 0, index: $0) } }

    private static func lighter(_ a: (load: UInt64, index: Int), _ b: (load: UInt64, index: Int)) -> Bool {
        a.load != b.load ? a.load < b.load : a.index < b.index
    }

    /// The lightest shard's index, after adding `weight` to its load.
    mutating func takeLightest(adding weight: UInt64) -> Int {
        let index = heap[0].index
        heap[0].load += weight
        var position = 0
        while true {
            let left = 2 * position + 1, right = left + 1
            var smallest = position
            if left < heap.count, Self.lighter(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.lighter(heap[right], heap[smallest]) { smallest = right }
            if smallest == position { return index }
            heap.swapAt(position, smallest)
            position = smallest
        }
    }
}
