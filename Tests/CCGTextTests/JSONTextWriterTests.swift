import CCGModel
import Foundation
import Testing

/// The report's writer must give Foundation's bytes: reports written before and after it compare equal.
@Suite struct JSONTextWriterTests {
    static func foundation(_ value: JSONValue) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    /// SplitMix64: the same values on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Scalars where escaping and key order are easy to get wrong: controls, quotes, slashes, DEL,
    /// non-ASCII letters, a combining accent (unnormalised text), the BMP's top and a plane-1 emoji.
    static let scalars: [Unicode.Scalar] = [
        "a", "B", "z", "_", "-", "0", "9", " ", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}", "\u{7F}",
        "é", "e", "\u{301}", "ß", "\u{2028}", "\u{FF01}", "\u{FFFD}", "😀", "中",
    ]

    static let numbers: [Double] = [
        0, -0.0, 1, -1, 2.5, 0.1, 1.0 / 3, 100, 1e15 - 1, 1e15, 1e15 + 0.5, 1e16, -1e17, 123456789.125, 5e-7, 1e-5, 2.5e-10, 5e-324,
        1.7976931348623157e308, 0.30000000000000004, 42.000001,
    ]

    static func string(_ random: inout Seeded) -> String {
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...6, using: &random) { text.append(scalars.randomElement(using: &random) ?? "a") }
        return String(text)
    }

    static func value(_ random: inout Seeded, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(numbers.randomElement(using: &random) ?? 0)
        case 3: return .string(string(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...5, using: &random) { members[string(&random)] = value(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test func matchesFoundationsEncoder() throws {
        var random = Seeded(state: 2026)
        for _ in 0..<2_000 {
            let value = Self.value(&random, depth: 0)
            let expected = try Self.foundation(value)
            let written = try JSONTextWriter.prettyPrinted(value)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
            if written != expected { return }
        }
    }

    /// One line, as `JSONEncoder` without `.prettyPrinted` (JSON Lines, the database's JSON columns).
    @Test func compactMatchesFoundationsEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var random = Seeded(state: 2027)
        for _ in 0..<2_000 {
            let value = Self.value(&random, depth: 0)
            let expected = [UInt8](try encoder.encode(value))
            let written = try JSONTextWriter.compact(value)
            #expect(written == expected, "\(String(decoding: written, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
            if written != expected { return }
        }
    }

    /// The parser reads back what the writer wrote, and what Foundation's decoder reads.
    @Test func parserReadsWhatTheWritersWrite() throws {
        var random = Seeded(state: 2028)
        for _ in 0..<2_000 {
            let value = Self.value(&random, depth: 0)
            let pretty = try JSONTextWriter.prettyPrinted(value)
            #expect(try JSONValueParser.parse(pretty) == value)
            #expect(try JSONValueParser.parse(JSONTextWriter.compact(value)) == value)
            #expect(try JSONValueParser.parse(pretty) == JSONDecoder().decode(JSONValue.self, from: Data(pretty)))
        }
        let escapes = #" {"a\u00e9\/":["\ud83d\ude00","\ud800x","\udc00",1E+2,-0.5e-1,true,false,null,{}],"":""} "#
        #expect(
            try JSONValueParser.parse(Array(escapes.utf8))
                == .object([
                    "aé/": .array([.string("😀"), .string("\u{FFFD}x"), .string("\u{FFFD}"), .number(100), .number(-0.05), .bool(true), .bool(false), .null, .object([:])]),
                    "": .string(""),
                ]))
    }

    @Test func parserRefusesWhatIsNotJSON() {
        for text in ["", "{", "[1,]", #"{"a" 1}"#, "01", "1.", "-", "1e", #""a"#, #""\x""#, #""\u12""#, "tru", "nul", "[1] 2", "{'a':1}", "\"tab\there\""] {
            #expect(throws: JSONValueParser.Failure.self, "\(text)") { try JSONValueParser.parse(Array(text.utf8)) }
        }
        // Strings are UTF-8, as RFC 8259 and Foundation's decoder hold them (a plugin's answer, a shard's report).
        #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse([0x22, 0x61, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONValueParser.Failure.self) { try JSONValueParser.parse(Array(deep.utf8)) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try JSONValueParser.parse(Array(fine.utf8)) }
    }

    /// Written as if nested: Foundation's lines with two more spaces per level, empty lines left empty.
    @Test func nestedLevelsIndentEveryLineButTheFirst() throws {
        let value = JSONValue.object(["a": .array([.number(1), .object([:])]), "b": .string("x")])
        let plain = String(decoding: try Self.foundation(value), as: UTF8.self)
        let nested = plain.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            index == 0 || line.isEmpty ? String(line) : "    " + line
        }.joined(separator: "\n")
        #expect(String(decoding: try JSONTextWriter.prettyPrinted(value, level: 2), as: UTF8.self) == nested)
    }

    @Test func nonFiniteNumbersAreErrors() {
        #expect(throws: JSONTextWriter.NonFiniteNumber.self) { try JSONTextWriter.prettyPrinted(.array([.number(.nan)])) }
        #expect(throws: JSONTextWriter.NonFiniteNumber.self) { try JSONTextWriter.prettyPrinted(.number(-.infinity)) }
    }
}
