import CCGModel
import Foundation

/// Validates JSON against the subset of JSON Schema 2020-12 that `schemas/report.schema.json` uses
/// (type, const, enum, required, properties, additionalProperties, items, minimum, maximum, minLength,
/// pattern, oneOf, local `$ref`). Returns readable failures with their JSON paths.
public struct SchemaValidator {
    let root: JSONValue

    public init(schemaAt url: URL) throws {
        root = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    public func validate(_ value: JSONValue) -> [String] {
        var failures: [String] = []
        check(value, against: root, path: "$", failures: &failures)
        return failures
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let ref = schema["$ref"]?.stringValue, ref.hasPrefix("#/") else { return schema }
        var node = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node[String(part)] ?? .null }
        return node
    }

    private func check(_ value: JSONValue, against rawSchema: JSONValue, path: String, failures: inout [String]) {
        let schema = resolve(rawSchema)
        if let types = schema["type"] {
            let allowed = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue].compactMap { $0 }
            if !allowed.contains(where: { Self.matches(value, type: $0) }) {
                failures.append("\(path): expected \(allowed.joined(separator: "|")), got \(value)")
                return
            }
        }
        if let constant = schema["const"], constant != value { failures.append("\(path): expected \(constant)") }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) { failures.append("\(path): \(value) not in \(options)") }
        if let alternatives = schema["oneOf"]?.arrayValue {
            let passing = alternatives.filter { alternative in
                var nested: [String] = []
                check(value, against: alternative, path: path, failures: &nested)
                return nested.isEmpty
            }
            if passing.count != 1 { failures.append("\(path): matches \(passing.count) of oneOf") }
        }
        switch value {
        case .object(let object):
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
                failures.append("\(path): missing required '\(key)'")
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[key] {
                    check(child, against: propertySchema, path: "\(path).\(key)", failures: &failures)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) { failures.append("\(path): unexpected '\(key)'") } else if additional.objectValue != nil {
                        check(child, against: additional, path: "\(path).\(key)", failures: &failures)
                    }
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(index)]", failures: &failures) }
            }
        case .number(let number):
            if let minimum = schema["minimum"]?.numberValue, number < minimum { failures.append("\(path): \(number) < \(minimum)") }
            if let maximum = schema["maximum"]?.numberValue, number > maximum { failures.append("\(path): \(number) > \(maximum)") }
        case .string(let string):
            if let minimum = schema["minLength"]?.numberValue, Double(string.count) < minimum { failures.append("\(path): shorter than \(minimum)") }
            if let pattern = schema["pattern"]?.stringValue, let regex = try? NSRegularExpression(pattern: pattern),
                regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) == nil
            {
                failures.append("\(path): '\(string)' does not match \(pattern)")
            }
        default:
            break
        }
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object), ("number", .number): return true
        case ("integer", .number(let number)): return number.rounded() == number
        default: return false
        }
    }
}
