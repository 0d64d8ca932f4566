import CCGModel
import Foundation

/// A report read back one document at a time, so that reading it costs the memory of its largest
/// document and its envelope, not of the file: a crawl's report is many gigabytes, and the commands that
/// read one (`export`, `explain`, `summary`, `merge`) used to hold about four times its size.
///
/// The file is scanned twice: once at `open` for everything but `documents` (the envelope), once per
/// `forEachDocument` for the documents. A scan only finds where each value ends (strings, escapes and
/// nesting); every value it hands on is parsed, and so checked, by `JSONValueParser`.
public final class ReportReader {
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public let path: String
    /// The report without its documents (`documents` is an empty array).
    public private(set) var envelope: JSONValue = .null
    /// How many documents the report holds.
    public private(set) var documentCount = 0

    /// Opens `path` and reads its envelope; throws `Unreadable` when it is not a readable JSON object
    /// with a `documents` array.
    public init(path: String) throws {
        self.path = path
        var members: [String: JSONValue] = [:]
        var sawDocuments = false
        try scan { key, scanner in
            if key == "documents" {
                sawDocuments = true
                documentCount = try scanner.elements { try $0.skipValue() }
            } else {
                members[key] = try scanner.parsedValue()
            }
            return true
        }
        guard sawDocuments else { throw Unreadable(description: "\(path) has no documents array") }
        members["documents"] = .array([])
        envelope = .object(members)
    }

    /// Hands `body` each document entry in file order; `body` returns false to stop.
    public func forEachDocument(_ body: (JSONValue) throws -> Bool) throws {
        try scan { key, scanner in
            guard key == "documents" else {
                try scanner.skipValue()
                return true
            }
            var going = true
            _ = try scanner.elements { scanner in
                guard going else { return try scanner.skipValue() }
                going = try body(try scanner.parsedValue())
            }
            return false
        }
    }

    /// Walks the top-level object, handing `member` each key with the scanner before its value; `member`
    /// must consume the value and returns false to stop.
    private func scan(_ member: (String, ByteScanner) throws -> Bool) throws {
        let file: RegularFile
        do { file = try RegularFile(path) } catch { throw Unreadable(description: "cannot read \(path): \(error)") }
        let scanner = ByteScanner(file: file, path: path)
        do {
            try scanner.expect(UInt8(ascii: "{"))
            if try scanner.peekAfterBlanks() == UInt8(ascii: "}") {
                try scanner.expect(UInt8(ascii: "}"))
            } else {
                while true {
                    guard case .string(let key) = try scanner.parsedValue() else { throw scanner.failure("a key that is not a string") }
                    try scanner.expect(UInt8(ascii: ":"))
                    if try !member(key, scanner) { return }
                    let next = try scanner.nextAfterBlanks()
                    if next == UInt8(ascii: "}") { break }
                    guard next == UInt8(ascii: ",") else { throw scanner.failure("expected , or }") }
                }
            }
            guard try scanner.peekAfterBlanks() == nil else { throw scanner.failure("text after the report") }
        } catch let failure as Unreadable {
            throw failure
        } catch {
            throw Unreadable(description: "\(path) is not JSON (\(error))")
        }
    }
}

/// Reads a file through a buffer and finds where JSON values end without building them.
final class ByteScanner {
    private let file: RegularFile
    private let path: String
    private var buffer: [UInt8] = []
    private var position = 0
    /// Bytes of the file before `buffer`.
    private var consumed = 0
    private var atEnd = false
    static let chunk = 1 << 20

    init(file: consuming RegularFile, path: String) {
        self.file = file
        self.path = path
    }

    func failure(_ reason: String) -> ReportReader.Unreadable {
        ReportReader.Unreadable(description: "\(path) is not JSON (\(reason) at byte \(consumed + position))")
    }

    /// Makes at least one unread byte available unless the file is over.
    private func fill() throws -> Bool {
        if position < buffer.count { return true }
        if atEnd { return false }
        consumed += buffer.count
        do { buffer = try file.readNext(upTo: Self.chunk) } catch { throw ReportReader.Unreadable(description: "cannot read \(path): \(error)") }
        position = 0
        if buffer.isEmpty { atEnd = true }
        return !buffer.isEmpty
    }

    func peekAfterBlanks() throws -> UInt8? {
        while try fill() {
            let byte = buffer[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 } else { return byte }
        }
        return nil
    }

    func nextAfterBlanks() throws -> UInt8 {
        guard let byte = try peekAfterBlanks() else { throw failure("unexpected end") }
        position += 1
        return byte
    }

    func expect(_ byte: UInt8) throws {
        guard try nextAfterBlanks() == byte else { throw failure("expected \(Character(Unicode.Scalar(byte)))") }
    }

    /// The next value, parsed.
    func parsedValue() throws -> JSONValue {
        var bytes: [UInt8]? = []
        try value(into: &bytes)
        do { return try JSONValueParser.parse(bytes ?? []) } catch { throw failure("\(error)") }
    }

    func skipValue() throws {
        var none: [UInt8]?
        try value(into: &none)
    }

    /// Walks an array, handing `element` the scanner before each element (which it must consume);
    /// returns the number of elements.
    func elements(_ element: (ByteScanner) throws -> Void) throws -> Int {
        try expect(UInt8(ascii: "["))
        if try peekAfterBlanks() == UInt8(ascii: "]") {
            position += 1
            return 0
        }
        var count = 0
        while true {
            try element(self)
            count += 1
            let next = try nextAfterBlanks()
            if next == UInt8(ascii: "]") { return count }
            guard next == UInt8(ascii: ",") else { throw failure("expected , or ]") }
        }
    }

    /// Copies the next value's bytes into `sink` (when there is one) and moves past them.
    private func value(into sink: inout [UInt8]?) throws {
        guard let first = try peekAfterBlanks() else { throw failure("unexpected end") }
        var depth = 0
        var inString = false
        var escaped = false
        let scalar = first != UInt8(ascii: "{") && first != UInt8(ascii: "[") && first != UInt8(ascii: "\"")
        while try fill() {
            let start = position
            var done = false
            while position < buffer.count {
                let byte = buffer[position]
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 {
                            position += 1
                            done = true
                            break
                        }
                    }
                } else if scalar {
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                        done = true
                        break
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            done = true
                        }
                    default: break
                    }
                    if done { break }
                }
                position += 1
            }
            sink?.append(contentsOf: buffer[start..<position])
            if done { return }
        }
        // A number or literal may end with the file; anything open may not.
        if !scalar || inString { throw failure("unexpected end") }
    }
}
