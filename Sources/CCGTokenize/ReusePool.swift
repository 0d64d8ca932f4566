import Foundation

/// Hands each worker its own instance of a resource that is costly to open and not safe to share (ICU
/// iterators, Snowball stemmers), opening one only when all are busy.
public final class ReusePool<Resource>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Resource] = []
    private let make: @Sendable () throws -> Resource

    public init(make: @escaping @Sendable () throws -> Resource) {
        self.make = make
    }

    /// Runs `body` with an instance no other task is using.
    public func with<T>(_ body: (Resource) throws -> T) throws -> T {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        let resource = try reused ?? make()
        defer {
            lock.lock()
            idle.append(resource)
            lock.unlock()
        }
        return try body(resource)
    }
}

/// One `Tokenizer` per worker (see `ReusePool`).
public typealias TokenizerPool = ReusePool<Tokenizer>
