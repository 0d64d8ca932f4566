import CCGReport
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file written piece by piece beside its final path and renamed into place by `commit()`, so that a
/// reader never sees half an export; dropped without commit, it removes itself.
final class StagedFile {
    let path: String
    private let temporary: String
    private var handle: FileHandle?
    private var buffer: [UInt8] = []

    /// Written at `scratch` when given (a file only read back, never committed), else at the staging name of `path`.
    init(path: String, scratch: String? = nil) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = scratch ?? Report.temporaryPath(beside: path)
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ExportFailure("cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        self.handle = handle
        TemporaryFiles.register(temporary)
    }

    deinit {
        if let handle {
            if !closed { try? handle.close() }
            try? FileManager.default.removeItem(atPath: temporary)
        }
        TemporaryFiles.unregister(temporary)
    }

    func write(_ text: String) throws { try write(bytes: Array(text.utf8)) }

    func write(bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard let handle else { throw ExportFailure("\(path) was already closed") }
        try handle.write(contentsOf: Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    /// Everything written so far, read back (for an export assembled from parts).
    func copy(into other: StagedFile) throws {
        try flush()
        guard let reader = FileHandle(forReadingAtPath: temporary) else { throw ExportFailure("cannot read back \(temporary)") }
        defer { try? reader.close() }
        while let chunk = try reader.read(upToCount: 1 << 20), !chunk.isEmpty { try other.write(bytes: Array(chunk)) }
    }

    func commit() throws { try Self.commit([self]) }

    /// Writes out and closes every file, then renames them into place: a full disk stops the set before
    /// any file is replaced (a CSV export is three tables that belong together).
    static func commit(_ files: [StagedFile]) throws {
        for file in files {
            try file.flush()
            try file.handle?.close()
            file.closed = true
        }
        for file in files { try file.rename() }
    }

    /// Set once written out and closed; the temporary file is removed by `deinit` until it is renamed.
    private var closed = false

    private func rename() throws {
        handle = nil
        if Glibc.rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ExportFailure("cannot rename into \(path): \(reason)")
        }
    }
}

/// Why an exporter stopped; `ReportExport` names the exporter.
struct ExportFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
