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
        // Split on any line break: "\r\n" is a single Character in Swift, so splitting on "\n" alone would
        // leave a CRLF file (VADER's lexicon is one) as one long line.
        // Scalars are compared directly: Foundation's trimming, once per line, was most of the start-up time.
        try text(relativePath).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().compactMap {
            let scalars = $0.element.unicodeScalars
            guard let first = scalars.first(where: { !$0.properties.isWhitespace }), first != "#" else { return nil }
            let start = scalars.firstIndex { $0 != "\r" } ?? scalars.endIndex
            let end = scalars.lastIndex { $0 != "\r" }.map(scalars.index(after:)) ?? start
            return (line: $0.offset + 1, text: String(scalars[start..<max(start, end)]))
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
