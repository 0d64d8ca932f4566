import Dispatch

/// Monotonic elapsed time for the report's `run.timings` (wall clocks jump; the uptime clock does not).
public struct Stopwatch: Sendable {
    private var start: UInt64

    public init() { start = DispatchTime.now().uptimeNanoseconds }

    public var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// The seconds since the start or the last lap, and restarts.
    public mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { start = now }
        return Double(now - start) / 1e9
    }
}
