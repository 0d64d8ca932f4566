import Foundation

/// The folder of lexicons (`lexicons/` in the project) and the record of which files a run read, so the
/// report can name them with their hashes.
public final class LexiconDirectory: @unchecked Sendable {
    public let root: URL
    private let lock = NSLock()
    private var read: Set<String> = []

    public init(root: URL) {
        self.root = root
    }

    /// The text of a lexicon file, by path relative to the root.
    public func text(_ relativePath: String) throws -> String {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LexiconError.missing(path: url.path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LexiconError.malformed(path: url.path, line: 0, reason: "not valid UTF-8")
        }
        lock.lock()
        read.insert(relativePath)
        lock.unlock()
        return text
    }

    /// The lines of a lexicon file without blank lines and `#` comments, with their 1-based line numbers.
    public func lines(_ relativePath: String) throws -> [(line: Int, text: String)] {
        // Any line break ends a line, "\r\n" as one (VADER's lexicon is a CRLF file), as Swift's
        // `Character.isNewline` has it; found in the UTF-8 bytes, since walking a large lexicon by Characters
        // was most of the start-up time.
        var text = try text(relativePath)
        var lines: [(line: Int, text: String)] = []
        text.withUTF8 { bytes in
            var lineNumber = 1
            var start = 0
            var index = 0
            func take(upTo end: Int) {
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                let scalars = line.unicodeScalars
                guard let first = scalars.first(where: { !$0.properties.isWhitespace }), first != "#" else { return }
                let lower = scalars.firstIndex { $0 != "\r" } ?? scalars.endIndex
                let upper = scalars.lastIndex { $0 != "\r" }.map(scalars.index(after:)) ?? lower
                lines.append((lineNumber, String(scalars[lower..<max(lower, upper)])))
            }
            while index < bytes.count {
                let breakLength = Self.lineBreakLength(bytes, at: index)
                guard breakLength > 0 else {
                    index += 1
                    continue
                }
                take(upTo: index)
                lineNumber += 1
                index += breakLength
                start = index
            }
            take(upTo: bytes.count)
        }
        return lines
    }

    /// The length in bytes of the line break at `index` (LF, VT, FF, CR, CR LF, NEL, LS, PS), or 0.
    private static func lineBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2: return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// A JSON lexicon file decoded as `T`.
    public func json<T: Decodable>(_ relativePath: String, as type: T.Type) throws -> T {
        let data = Data(try text(relativePath).utf8)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw LexiconError.malformed(path: root.appendingPathComponent(relativePath).path, line: 0, reason: "\(error)")
        }
    }

    /// The files read so far, sorted.
    public var filesRead: [String] {
        lock.lock()
        defer { lock.unlock() }
        return read.sorted()
    }
}

public enum LexiconError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .missing(let path): return "lexicon file not found: \(path)"
        case .malformed(let path, let line, let reason):
            return line > 0 ? "\(path):\(line): \(reason)" : "\(path): \(reason)"
        }
    }
}
