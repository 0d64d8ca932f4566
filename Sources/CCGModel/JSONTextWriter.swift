import Foundation

/// Writes a `JSONValue` as the bytes Foundation's `JSONEncoder` gives for it with `.prettyPrinted`,
/// `.sortedKeys` and `.withoutEscapingSlashes` (the report's format), straight from the value. Every
/// document entry of a report passes here, and going through `Encodable` boxing cost more than the
/// sentiment analyser did. The test suite holds it to Foundation's output on varied values.
///
/// Foundation's format, followed exactly: two spaces per level, `"key" : value`, keys in the order of
/// their UTF-8 bytes, an empty object or array as an empty line between its brackets, numbers as
/// `JSONValue` encodes them (integral values below 10^15 as integers, others as Swift prints a `Double`
/// without a trailing `.0`), non-finite numbers an error.
public struct JSONTextWriter {
    public struct NonFiniteNumber: Error, CustomStringConvertible {
        public var value: Double
        public var description: String { "Unable to encode \(value) directly in JSON." }
    }

    private var bytes: [UInt8] = []
    /// No line breaks or indentation, `"key":value` (what `JSONEncoder` gives without `.prettyPrinted`).
    private var compact = false

    /// `value` as pretty-printed JSON whose nested lines are indented as if it sat `level` levels deep;
    /// the first line is not indented, and no newline ends it.
    public static func prettyPrinted(_ value: JSONValue, level: Int = 0) throws -> [UInt8] {
        var writer = JSONTextWriter()
        writer.bytes.reserveCapacity(4096)
        try writer.write(value, level: level)
        return writer.bytes
    }

    /// `value` on one line, as `JSONEncoder` writes it with `.sortedKeys` and `.withoutEscapingSlashes`:
    /// for JSON Lines and for JSON held in a database column.
    public static func compact(_ value: JSONValue) throws -> [UInt8] {
        var writer = JSONTextWriter()
        writer.compact = true
        writer.bytes.reserveCapacity(1024)
        try writer.write(value, level: 0)
        return writer.bytes
    }

    private mutating func indent(_ level: Int) {
        if !compact { bytes.append(contentsOf: repeatElement(0x20, count: 2 * level)) }
    }

    private mutating func newline() {
        if !compact { bytes.append(0x0A) }
    }

    private mutating func write(_ value: JSONValue, level: Int) throws {
        switch value {
        case .null: bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): try write(number)
        case .string(let text): write(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            newline()
            for (index, element) in elements.enumerated() {
                indent(level + 1)
                try write(element, level: level + 1)
                if index < elements.count - 1 { bytes.append(UInt8(ascii: ",")) }
                newline()
            }
            if elements.isEmpty { newline() }
            indent(level)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            newline()
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                indent(level + 1)
                write(key)
                if compact { bytes.append(UInt8(ascii: ":")) } else { bytes.append(contentsOf: " : ".utf8) }
                try write(members[key] ?? .null, level: level + 1)
                if index < keys.count - 1 { bytes.append(UInt8(ascii: ",")) }
                newline()
            }
            if keys.isEmpty { newline() }
            indent(level)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func write(_ number: Double) throws {
        guard number.isFinite else { throw NonFiniteNumber(value: number) }
        if let integer = JSONValue.integral(number) {
            bytes.append(contentsOf: String(integer).utf8)
            return
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
