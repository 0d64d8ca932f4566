import Foundation

/// Hands each worker its own `Tokenizer`, opening one only when all are busy, because ICU iterators are
/// costly to open and not safe to share.
public final class TokenizerPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Tokenizer] = []
    private let make: @Sendable () throws -> Tokenizer

    public init(make: @escaping @Sendable () throws -> Tokenizer) {
        self.make = make
    }

    /// Runs `body` with a tokenizer no other task is using.
    public func with<T>(_ body: (Tokenizer) throws -> T) throws -> T {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        let tokenizer = try reused ?? make()
        defer {
            lock.lock()
            idle.append(tokenizer)
            lock.unlock()
        }
        return try body(tokenizer)
    }
}
