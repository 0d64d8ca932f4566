import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The first bytes of an existing file, read without blocking (a named pipe is not a file one can peek
/// into), so that an output path can be checked for being one of ccgtext's own earlier outputs.
public enum FilePrefix {
    /// Nil when `path` is not a regular file that can be read.
    public static func read(_ path: String, count: Int) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var information = stat()
        guard fstat(descriptor, &information) == 0, information.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(1, count))
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base + filled, count - filled)
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            filled += got
        }
        return Array(bytes[..<filled])
    }

    /// The whole of a regular file, read without blocking in `open` (a report to merge, explain or export
    /// may sit in a shared folder where a named pipe could stand in its place); nil for anything else.
    public static func readRegularFile(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var information = stat()
        guard fstat(descriptor, &information) == 0, information.st_mode & S_IFMT == S_IFREG else { return nil }
        var data = Data(count: max(0, Int(information.st_size)))
        var filled = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.read(descriptor, base, buffer.count)
            }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return nil }
            if got == 0 { break }
            if filled + got <= data.count {
                data.replaceSubrange(filled..<(filled + got), with: chunk[0..<got])
            } else {
                if filled < data.count { data.removeSubrange(filled...) }
                data.append(contentsOf: chunk[0..<got])
            }
            filled += got
        }
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }

    /// The bytes up to the first line feed (without it), or all of `prefix` if it has none.
    public static func firstLine(_ prefix: [UInt8]) -> ArraySlice<UInt8> {
        prefix[..<(prefix.firstIndex(of: 0x0A) ?? prefix.endIndex)]
    }

    /// Whether `prefix`, past leading white space, starts with `expected`.
    public static func starts(_ prefix: [UInt8], with expected: String, skippingSpace: Bool = true) -> Bool {
        var index = prefix.startIndex
        if skippingSpace {
            while index < prefix.endIndex, [0x20, 0x09, 0x0A, 0x0D].contains(prefix[index]) { index += 1 }
        }
        return prefix[index...].starts(with: expected.utf8)
    }
}
