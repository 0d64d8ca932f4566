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

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
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
    public func select(_ files: [String], size: (String) -> UInt64) -> [String] {
        guard count > 1 else { return files }
        let sized = files.map { (path: $0, bytes: size($0)) }.sorted { ($0.bytes, $1.path) > ($1.bytes, $0.path) }
        var load = Array(repeating: UInt64(0), count: count)
        var mine: Set<String> = []
        for file in sized {
            var lightest = 0
            for candidate in 1..<count where load[candidate] < load[lightest] { lightest = candidate }
            load[lightest] += max(file.bytes, 1)
            if lightest == index { mine.insert(file.path) }
        }
        return files.filter { mine.contains($0) }
    }

    /// The size on disk, 0 when it cannot be read (the file's error is reported by the shard it lands in).
    public static func fileSize(_ path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }
}
