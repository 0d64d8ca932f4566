import CCGModel
import Foundation
import Testing

/// `JSONValue(encoding:)` makes the value Foundation's coder would give through text.
@Suite struct JSONValueEncoderTests {
    struct Inner: Codable, Equatable {
        var name: String
        var score: Double?
        var tags: [String]
    }

    struct Sample: Codable {
        var text = "a \"quoted\" / slashed ünïcode"
        var count = 3
        var small: Int8 = -4
        var big: UInt64 = 1 << 40
        var ratio = 0.1 + 0.2
        var single: Float = 0.1
        var flag = true
        var missing: String? = nil
        var present: String? = "here"
        var inner = Inner(name: "x", score: nil, tags: ["p", "q"])
        var list = [Inner(name: "y", score: 2.5, tags: [])]
        var byName: [String: Int] = ["b": 2, "a": 1]
        var byNumber: [Int: String] = [3: "three", 1: "one"]
        var nested: [[Double]] = [[1, 2.5], []]
        var date = Date(timeIntervalSinceReferenceDate: 12.5)
        var data = Data([0, 1, 2, 250])
        var url = URL(string: "https://example.org/a?b=c")
        var json: JSONValue = .object(["k": .array([.null, .bool(false), .number(1e-7)])])
        var labels: Set<String> = ["only"]
    }

    /// Encodes through a nested container, a super-encoder and a single-value container.
    struct Manual: Encodable {
        enum Key: String, CodingKey { case head, rows, parent }
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            var head = container.nestedContainer(keyedBy: Key.self, forKey: .head)
            try head.encode("h", forKey: .rows)
            var rows = container.nestedUnkeyedContainer(forKey: .rows)
            try rows.encode(1)
            try rows.encodeNil()
            var row = rows.nestedUnkeyedContainer()
            try row.encode("r")
            try Inner(name: "s", score: 1, tags: []).encode(to: container.superEncoder(forKey: .parent))
        }
    }

    static func throughText<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    @Test func matchesFoundationsCoder() throws {
        #expect(try JSONValue(encoding: Sample()) == Self.throughText(Sample()))
        #expect(try JSONValue(encoding: Manual()) == Self.throughText(Manual()))
        #expect(try JSONValue(encoding: [Sample(), Sample()]) == Self.throughText([Sample(), Sample()]))
        #expect(try JSONValue(encoding: "top") == .string("top"))
    }

    @Test func nonFiniteNumbersAreErrors() {
        #expect(throws: EncodingError.self) { try JSONValue(encoding: Inner(name: "n", score: .infinity, tags: [])) }
        #expect(throws: EncodingError.self) { try Self.throughText(Inner(name: "n", score: .nan, tags: [])) }
    }
}
