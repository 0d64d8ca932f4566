import CCGModel
import Foundation

/// Document entries on their way into a report. Each entry is encoded once, by the worker that made it,
/// and parked in a file beside the report rather than in memory, so a run's memory does not grow with
/// the corpus; the report is assembled at the end with the entries in source order, whatever order
/// the workers finished in. The file has no name once opened (see `init`).
public final class DocumentSpool: @unchecked Sendable {
    /// Where one encoded entry sits in the spool file.
    struct Slot {
        var source: String
        var offset: UInt64
        var length: Int
    }

    private let lock = NSLock()
    private let url: URL
    private let handle: FileHandle
    private var slots: [Slot] = []
    private var end: UInt64 = 0

    /// A spool in `directory` (the report's folder: the same disk, and nothing left behind in /tmp when
    /// the report is renamed into place). The file is unlinked as soon as it is open: its space is freed when the spool is released or the process ends.
    public init(directory: String) throws {
        url = URL(fileURLWithPath: directory).appendingPathComponent(".ccgtext-spool-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forUpdating: url) else {
            throw ReportWriteError(path: url.path, reason: "cannot create a temporary file in \(directory)")
        }
        self.handle = handle
        // Unlinked at once: the open handle keeps it, and nothing is left behind however the process ends
        // (a second Ctrl-C, a kill).
        unlink(url.path)
    }

    deinit {
        try? handle.close()
    }

    /// Encodes `entry` as it will appear in the report's `documents` array (outside the lock, so workers
    /// encode in parallel) and appends it.
    public func add(_ entry: JSONValue, source: String) throws {
        try add(encoded: Self.encode(entry), source: source)
    }

    /// Appends an entry already encoded by `encode(_:)` (a cached one).
    public func add(encoded bytes: Data, source: String) throws {
        lock.lock()
        defer { lock.unlock() }
        try handle.seek(toOffset: end)
        try handle.write(contentsOf: bytes)
        slots.append(Slot(source: source, offset: end, length: bytes.count))
        end += UInt64(bytes.count)
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return slots.count
    }

    /// The entries in report order, each handed to `body` as the bytes `encode(_:)` made.
    public func forEachEntry(_ body: (Data) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        for slot in Self.ordered(slots) {
            try handle.seek(toOffset: slot.offset)
            guard let bytes = try handle.read(upToCount: slot.length), bytes.count == slot.length else {
                throw ReportWriteError(path: url.path, reason: "the temporary file of document entries was cut short")
            }
            try body(bytes)
        }
    }

    /// Sorted by source, as the contract orders `documents`; equal sources (which a corpus should not
    /// have) keep the order they were added in.
    private static func ordered(_ slots: [Slot]) -> [Slot] {
        slots.enumerated().sorted { bytewiseOrder(($0.element.source, $0.offset), ($1.element.source, $1.offset)) }.map(\.element)
    }

    /// One entry as pretty-printed JSON indented to its place in the report, two levels deep (the
    /// report's format: `Report.encode(_:)`).
    public static func encode(_ entry: JSONValue) throws -> Data {
        var bytes = indent
        bytes.append(contentsOf: try JSONTextWriter.prettyPrinted(entry, level: 2))
        return Data(bytes)
    }

    private static let indent: [UInt8] = Array("    ".utf8)
}
