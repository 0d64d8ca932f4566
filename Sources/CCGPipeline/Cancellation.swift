import Foundation

/// Asks a run to stop: workers finish the file in hand, take no other, and no report is written. Set from
/// a signal handler's queue and read by the workers, hence the lock.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    private var writing = false

    public init() {}

    /// Every file has been read: from here a stop request lets the report and its other forms be finished
    /// (each is renamed into place whole), and the run then ends as stopped. Returns the reason instead,
    /// writing nothing, when the stop came first; one lock for both, so no request falls between.
    public func beginWriting() -> String? {
        lock.lock()
        defer { lock.unlock() }
        if let reason { return reason }
        writing = true
        return nil
    }

    /// Whether the report is being written (`beginWriting`).
    public var isWriting: Bool {
        lock.lock()
        defer { lock.unlock() }
        return writing
    }

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
