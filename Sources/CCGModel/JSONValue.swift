import Foundation

/// A JSON value with deterministic encoding (object keys sorted by the encoder), used where results are
/// open-ended: external plugins' answers and analysers' type-erased results in the report.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Integral values print without a fraction so counts read as counts.
            if let integer = Self.integral(value) {
                try container.encode(integer)
            } else {
                try container.encode(value)
            }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Encodes any `Encodable` as a `JSONValue`: the value Foundation's JSON coder would give through text,
    /// made directly (`JSONValueEncoder`).
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONValueEncoder().encode(value)
    }

    /// Decodes this value as `T`.
    public func decode<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(JSONTextWriter.prettyPrinted(self)))
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// Whether a number anywhere inside is infinite or NaN (1e999 parses as infinity): JSON cannot write it.
    public var containsNonFiniteNumber: Bool {
        switch self {
        case .number(let value): return !value.isFinite
        case .array(let values): return values.contains { $0.containsNonFiniteNumber }
        case .object(let fields): return fields.values.contains { $0.containsNonFiniteNumber }
        case .null, .bool, .string: return false
        }
    }

    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// A string, number or boolean as text, numbers as the report writes them ("2", not "2.0"); nil for
    /// null, arrays and objects. For comparing a result's field with a label or a setting's value.
    public var scalarText: String? {
        switch self {
        case .string(let value): return value
        case .number(let value): return Self.integral(value).map { String($0) } ?? String(value)
        case .bool(let value): return String(value)
        case .null, .array, .object: return nil
        }
    }

    /// The value as an integer when it is one and small enough to print exactly.
    static func integral(_ value: Double) -> Int64? {
        value.rounded() == value && abs(value) < 1e15 ? Int64(value) : nil
    }
}

extension Double {
    /// The nearest `Int` toward zero, saturating at ±2⁵³ and 0 for NaN: a number read from a report or a
    /// plugin (1e300, NaN) must not trap, as `Int(_:)` does on a value it cannot hold.
    public var saturatingInt: Int {
        guard isFinite else { return isNaN ? 0 : (self > 0 ? 1 << 53 : -(1 << 53)) }
        return Int(Swift.max(-9_007_199_254_740_992, Swift.min(9_007_199_254_740_992, self)))
    }
}
