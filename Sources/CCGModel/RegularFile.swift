import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A file opened for reading only when it is a regular file: opened without waiting (a named pipe put in
/// place of a page, a manifest or a report would block `open` until a writer came) and its kind checked on
/// the descriptor, so what is read is what was checked. The one place that opens untrusted files.
public struct RegularFile: ~Copyable {
    /// Why a file cannot be read, in words for a message.
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    private let descriptor: Int32
    /// The size `fstat` gave when the file was opened (it may grow while being read).
    public let size: Int

    public init(_ path: String) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw Failure(description: "no such file")
            case EISDIR: throw Failure(description: "is a directory")
            case EACCES, EPERM: throw Failure(description: "permission denied")
            case ELOOP: throw Failure(description: "a symbolic link loop")
            default: throw Failure(description: String(cString: strerror(errno)))
            }
        }
        var information = stat()
        guard fstat(descriptor, &information) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: reason)
        }
        switch information.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            close(descriptor)
            throw Failure(description: "is a directory")
        case S_IFIFO:
            close(descriptor)
            throw Failure(description: "a named pipe (FIFO), not a regular file; not read")
        default:
            close(descriptor)
            throw Failure(description: "not a regular file (a device or socket); not read")
        }
        self.descriptor = descriptor
        size = Int(information.st_size)
    }

    deinit { close(descriptor) }

    /// At most `limit` bytes from the start: all of the file when it is shorter. The buffer starts at the
    /// size `fstat` gave (one byte more, to see a file that grew) and grows only if the file did.
    public func read(atMost limit: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(1, min(limit, size + 1)))
        var count = 0
        while count < limit {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: min(limit, max(count * 2, 1 << 16)) - count) }
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "read failed (\(String(cString: strerror(errno))))")
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// The next bytes, up to `count`, from where the last read stopped: empty at the end of the file. For
    /// reading a large file a piece at a time (a report read back: `ReportReader`).
    public func readNext(upTo count: Int) throws(Failure) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(1, count))
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + filled, buffer.count - filled)
            }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw Failure(description: "read failed (\(String(cString: strerror(errno))))")
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The first `count` bytes of the regular file at `path`, or nil when it is not one that can be read.
    public static func prefix(of path: String, count: Int) -> [UInt8]? {
        guard let file = try? RegularFile(path) else { return nil }
        return try? file.read(atMost: count)
    }

    /// The whole of the regular file at `path`, or nil when it is not one that can be read.
    public static func contents(of path: String) -> [UInt8]? {
        guard let file = try? RegularFile(path) else { return nil }
        return try? file.read(atMost: Int.max)
    }
}
