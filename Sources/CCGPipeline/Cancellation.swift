import Foundation

/// Asks a run to stop: workers finish the file in hand, take no other, and no report is written. Set from
/// a signal handler's queue and read by the workers, hence the lock.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?

    public init() {}

    public func cancel(because reason: String) {
        lock.lock()
        defer { lock.unlock() }
        if self.reason == nil { self.reason = reason }
    }

    /// Why the run was asked to stop ("interrupted (SIGINT)"), nil while it goes on.
    public var cancelled: String? {
        lock.lock()
        defer { lock.unlock() }
        return reason
    }
}
