import CCGModel
import Foundation

/// Document entries on their way into a report, with the documents' summaries that the corpus summaries
/// are made from. Each entry is encoded once, by the worker that made it, and parked in a file beside the
/// report rather than in memory, so a run's memory does not grow with the corpus (a few dozen bytes of
/// bookkeeping per document stay: its source and where its bytes are); the report is assembled at the
/// end with the entries in source order, whatever order the workers finished in. The file has no name
/// once opened (see `init`).
public final class DocumentSpool: @unchecked Sendable {
    /// Where one document's encoded entry and summaries sit in the spool file.
    struct Slot {
        var source: String
        var offset: UInt64
        var length: UInt32
        /// The summaries follow the entry.
        var summariesLength: UInt32
    }

    private let lock = NSLock()
    private let url: URL
    private let handle: FileHandle
    private var slots: [Slot] = []
    private var end: UInt64 = 0
    /// Units of every document added.
    public private(set) var units = 0
    /// How many documents have a summary from each analyser (an analyser that failed on a document has none).
    private var summaryCounts: [String: Int] = [:]

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
    /// encode in parallel) and appends it, with its `analyses` as the document's summaries.
    public func add(_ entry: JSONValue, source: String) throws {
        try add(
            encoded: Self.encode(entry), summaries: entry["analyses"]?.objectValue ?? [:], units: entry["units"]?.arrayValue?.count ?? 0,
            source: source)
    }

    /// Appends an entry already encoded by `encode(_:)` (a cached one) and its document's summaries by analyser.
    public func add(encoded bytes: Data, summaries: [String: JSONValue], units: Int, source: String) throws {
        let encodedSummaries = Data(try JSONTextWriter.compact(.object(summaries)))
        guard let length = UInt32(exactly: bytes.count), let summariesLength = UInt32(exactly: encodedSummaries.count) else {
            throw ReportWriteError(path: url.path, reason: "a document's entry of \(bytes.count) bytes is larger than a report holds (4 GB)")
        }
        lock.lock()
        defer { lock.unlock() }
        try handle.seek(toOffset: end)
        try handle.write(contentsOf: bytes)
        try handle.write(contentsOf: encodedSummaries)
        slots.append(Slot(source: source, offset: end, length: length, summariesLength: summariesLength))
        end += UInt64(bytes.count + encodedSummaries.count)
        self.units += units
        for analyser in summaries.keys { summaryCounts[analyser, default: 0] += 1 }
    }

    /// Room for `count` documents, so that the slots are not copied as they grow (a crawl's worth).
    public func reserve(_ count: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots.reserveCapacity(count)
    }

    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return slots.count
    }

    /// The entries in report order, each handed to `body` as the bytes `encode(_:)` made.
    public func forEachEntry(_ body: (Data) throws -> Void) throws {
        for index in ordered() {
            let slot = slot(index)
            try body(try read(at: slot.offset, count: Int(slot.length)))
        }
    }

    /// `analyser`'s summaries of the documents, in report order, read from the spool as they are iterated:
    /// what `summarise(corpus:)` is given. A summary that cannot be read back ends the sequence early and
    /// is left in `failure`, which the caller checks after the summary is made.
    public func summaries(of analyser: String, failure: SummaryReadFailure) -> DocumentSummaries<JSONValue> {
        lock.lock()
        let count = summaryCounts[analyser] ?? 0
        lock.unlock()
        let order = ordered()
        return DocumentSummaries(count: count) { [self] in
            var index = 0
            return AnyIterator {
                while failure.error == nil, index < order.count {
                    let slot = self.slot(order[index])
                    index += 1
                    do {
                        let bytes = try self.read(at: slot.offset + UInt64(slot.length), count: Int(slot.summariesLength))
                        if let summary = try JSONValueParser.parse(bytes)[analyser] { return summary }
                    } catch {
                        failure.error = error
                    }
                }
                return nil
            }
        }
    }

    /// `summarise` applied to `analyser`'s summaries (`summaries(of:failure:)`), throwing the error that
    /// ended them early if one did: what a run and a merge both make a corpus summary with.
    public func summarise(_ analyser: String, with summarise: (DocumentSummaries<JSONValue>) throws -> JSONValue) throws -> JSONValue {
        let failure = SummaryReadFailure()
        let summary = try summarise(summaries(of: analyser, failure: failure))
        if let error = failure.error { throw error }
        return summary
    }

    private func read(at offset: UInt64, count: Int) throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        try handle.seek(toOffset: offset)
        guard let bytes = try handle.read(upToCount: count), bytes.count == count else {
            throw ReportWriteError(path: url.path, reason: "the temporary file of document entries was cut short")
        }
        return bytes
    }

    /// Sorted by source, as the contract orders `documents`; equal sources (which a corpus should not
    /// have) keep the order they were added in.
    /// The slots' indexes in that order: four bytes a document, not a copy of the slots.
    private func ordered() -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<Int32(slots.count)).sorted { lhs, rhs in
            bytewiseOrder((slots[Int(lhs)].source, lhs), (slots[Int(rhs)].source, rhs))
        }
    }

    private func slot(_ index: Int32) -> Slot {
        lock.lock()
        defer { lock.unlock() }
        return slots[Int(index)]
    }

    /// One entry as it is spooled and cached: compact JSON (`Report.write` indents it for a pretty report).
    public static func encode(_ entry: JSONValue) throws -> Data {
        Data(try JSONTextWriter.compact(entry))
    }

    /// A spooled entry as pretty-printed JSON indented to its place in a pretty report, two levels deep.
    static func indented(_ entry: Data) throws -> Data {
        var bytes = indent
        bytes.append(contentsOf: try JSONTextWriter.prettyPrinted(try JSONValueParser.parse(entry), level: 2))
        return Data(bytes)
    }

    private static let indent: [UInt8] = Array("    ".utf8)
}
