import Foundation

/// Encodes any `Encodable` straight into a `JSONValue`, as Foundation's `JSONEncoder` followed by a decode
/// of its output would, without the text in between. Every unit result, summary and document passes
/// through here once per run, and the text round trip was the largest single cost after the analysers.
///
/// It follows `JSONEncoder`'s default strategies: keys as written, `Optional`s left out by synthesised
/// `encodeIfPresent`, `Date` as its seconds since 2001, `Data` as Base64, `URL` as its absolute string;
/// non-finite numbers are an error.
struct JSONValueEncoder {
    func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        try Self.box(value, codingPath: [])
    }

    /// A value that is not known to be a container: the special types JSONEncoder treats itself, then the
    /// value's own `encode(to:)`.
    static func box<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> JSONValue {
        guard specialTypes.contains(ObjectIdentifier(T.self)) else { return try encoded(value, codingPath: codingPath) }
        switch value {
        case let value as JSONValue: return value
        case let value as String: return .string(value)
        case let value as Bool: return .bool(value)
        case let value as Double: return try number(value, codingPath)
        case let value as Int: return .number(Double(value))
        case let value as any BinaryInteger: return .number(Double(value))
        // JSONEncoder writes a Float's shortest decimal form, which reads back as a Double close to it.
        case let value as Float: return try number(Double("\(value)") ?? Double(value), codingPath)
        case let value as Date: return try number(value.timeIntervalSinceReferenceDate, codingPath)
        case let value as Data: return .string(value.base64EncodedString())
        case let value as URL: return .string(value.absoluteString)
        default: return try encoded(value, codingPath: codingPath)
        }
    }

    /// The types `box` treats itself, by identity: most values are analysers' own structs, and trying each
    /// of those against ten casts (one to an existential) cost more than encoding them.
    private static let specialTypes: Set<ObjectIdentifier> = {
        let types: [Any.Type] = [
            JSONValue.self, String.self, Bool.self, Double.self, Float.self, Date.self, Data.self, URL.self, Int.self, Int8.self, Int16.self,
            Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self,
        ]
        return Set(types.map { ObjectIdentifier($0) })
    }()

    /// A value through its own `encode(to:)`.
    private static func encoded<T: Encodable>(_ value: T, codingPath: [CodingKey]) throws -> JSONValue {
        let encoder = Encoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.storage.value ?? .object([:])
    }

    static func number(_ value: Double, _ codingPath: [CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "Unable to encode \(value) directly in JSON."))
        }
        return .number(value)
    }

    /// Where one value's encoding accumulates: nothing yet, a finished value, or a container whose
    /// children may still be filled by nested encoders.
    final class Storage {
        enum Node {
            case empty
            case value(JSONValue)
            case object([String: Storage])
            case array([Storage])
        }

        var node: Node = .empty

        init() {}
        init(_ value: JSONValue) { node = .value(value) }

        var value: JSONValue? {
            switch node {
            case .empty: return nil
            case .value(let value): return value
            case .object(let children): return .object(children.compactMapValues(\.value))
            case .array(let children): return .array(children.map { $0.value ?? .object([:]) })
            }
        }
    }

    final class Encoder: Swift.Encoder {
        let codingPath: [CodingKey]
        let storage: Storage
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(codingPath: [CodingKey], storage: Storage = Storage()) {
            self.codingPath = codingPath
            self.storage = storage
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            if case .object = storage.node {} else { storage.node = .object([:]) }
            return KeyedEncodingContainer(Keyed<Key>(storage: storage, codingPath: codingPath))
        }

        func unkeyedContainer() -> UnkeyedEncodingContainer {
            if case .array = storage.node {} else { storage.node = .array([]) }
            return Unkeyed(storage: storage, codingPath: codingPath)
        }

        func singleValueContainer() -> SingleValueEncodingContainer { Single(storage: storage, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let storage: Storage
        let codingPath: [CodingKey]

        private func set(_ child: Storage, for key: Key) {
            guard case .object(var children) = storage.node else { return }
            storage.node = .empty  // let the dictionary be uniquely referenced while it changes
            children[key.stringValue] = child
            storage.node = .object(children)
        }

        mutating func encodeNil(forKey key: Key) throws { set(Storage(.null), for: key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { set(Storage(.bool(value)), for: key) }
        mutating func encode(_ value: String, forKey key: Key) throws { set(Storage(.string(value)), for: key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { set(Storage(try number(value, codingPath + [key])), for: key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { set(Storage(.number(Double(value))), for: key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            set(Storage(try box(value, codingPath: codingPath + [key])), for: key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let child = Storage()
            child.node = .object([:])
            set(child, for: key)
            return KeyedEncodingContainer(Keyed<NestedKey>(storage: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
            let child = Storage()
            child.node = .array([])
            set(child, for: key)
            return Unkeyed(storage: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> Swift.Encoder { superEncoder(named: "super") }
        mutating func superEncoder(forKey key: Key) -> Swift.Encoder { superEncoder(named: key.stringValue) }

        private func superEncoder(named name: String) -> Swift.Encoder {
            let child = Storage()
            guard case .object(var children) = storage.node else { return Encoder(codingPath: codingPath, storage: child) }
            children[name] = child
            storage.node = .object(children)
            return Encoder(codingPath: codingPath + [AnyKey(name)], storage: child)
        }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let storage: Storage
        let codingPath: [CodingKey]

        var count: Int {
            if case .array(let children) = storage.node { return children.count }
            return 0
        }

        private func append(_ child: Storage) {
            guard case .array(var children) = storage.node else { return }
            storage.node = .empty
            children.append(child)
            storage.node = .array(children)
        }

        private var nextKey: CodingKey { AnyKey(index: count) }

        mutating func encodeNil() throws { append(Storage(.null)) }
        mutating func encode(_ value: Bool) throws { append(Storage(.bool(value))) }
        mutating func encode(_ value: String) throws { append(Storage(.string(value))) }
        mutating func encode(_ value: Double) throws { append(Storage(try number(value, codingPath + [nextKey]))) }
        mutating func encode(_ value: Int) throws { append(Storage(.number(Double(value)))) }
        mutating func encode<T: Encodable>(_ value: T) throws { append(Storage(try box(value, codingPath: codingPath + [nextKey]))) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let child = Storage()
            child.node = .object([:])
            let key = nextKey
            append(child)
            return KeyedEncodingContainer(Keyed<NestedKey>(storage: child, codingPath: codingPath + [key]))
        }

        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
            let child = Storage()
            child.node = .array([])
            let key = nextKey
            append(child)
            return Unkeyed(storage: child, codingPath: codingPath + [key])
        }

        mutating func superEncoder() -> Swift.Encoder {
            let child = Storage()
            let key = nextKey
            append(child)
            return Encoder(codingPath: codingPath + [key], storage: child)
        }
    }

    struct Single: SingleValueEncodingContainer {
        let storage: Storage
        let codingPath: [CodingKey]

        mutating func encodeNil() throws { storage.node = .value(.null) }
        mutating func encode(_ value: Bool) throws { storage.node = .value(.bool(value)) }
        mutating func encode(_ value: String) throws { storage.node = .value(.string(value)) }
        mutating func encode(_ value: Double) throws { storage.node = .value(try number(value, codingPath)) }
        mutating func encode(_ value: Int) throws { storage.node = .value(.number(Double(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { storage.node = .value(try box(value, codingPath: codingPath)) }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(_ string: String) { stringValue = string }
        init(index: Int) {
            stringValue = "Index \(index)"
            intValue = index
        }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) {
            stringValue = "\(intValue)"
            self.intValue = intValue
        }
    }
}
