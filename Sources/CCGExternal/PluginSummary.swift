import CCGModel

/// An external plugin's results summed up as its manifest says: labels counted, numbers as count, sum,
/// mean, minimum and maximum. Only sums are kept, so documents and shards merge exactly.
struct PluginSummary: Codable, Sendable, Equatable {
    struct Field: Codable, Sendable, Equatable {
        var type: PluginManifest.FieldType
        /// Labels: how many units had each value.
        var counts: [String: Int]?
        /// Numbers: units with a value, their sum and mean (four decimals), least and greatest.
        var count: Int?
        var sum: Double?
        var mean: Double?
        var min: Double?
        var max: Double?

        init(_ declared: PluginManifest.Field) {
            type = declared.type
            if type == .label {
                counts = Dictionary(uniqueKeysWithValues: (declared.values ?? []).map { ($0, 0) })
            } else {
                count = 0
                sum = 0
                mean = 0
            }
        }

        mutating func add(number value: Double) {
            merge(count: 1, sum: value, min: value, max: value)
        }

        mutating func merge(_ other: Field) {
            for (label, count) in other.counts ?? [:] { counts?[label, default: 0] += count }
            if let otherCount = other.count, otherCount > 0 {
                merge(count: otherCount, sum: other.sum ?? 0, min: other.min ?? 0, max: other.max ?? 0)
            }
        }

        private mutating func merge(count added: Int, sum addedSum: Double, min low: Double, max high: Double) {
            let total = (count ?? 0) + added
            // Parts read back from reports are not checked against `largestNumber`: a sum that would overflow
            // stays at the largest finite value rather than failing the report's encoding.
            let newSum = Swift.max(-Double.greatestFiniteMagnitude, Swift.min(Double.greatestFiniteMagnitude, Evidence.rounded((sum ?? 0) + addedSum)))
            count = total
            sum = newSum
            mean = Evidence.rounded(newSum / Double(total))
            min = Swift.min(min ?? low, low)
            max = Swift.max(max ?? high, high)
        }
    }

    /// The largest magnitude a declared number may have: a billion such values still sum to a finite number.
    static let largestNumber = 1e100

    /// Units with a result.
    var units = 0
    /// Units sent (or due to be sent) that came back without one.
    var failed = 0
    var fields: [String: Field]

    init(fields declared: [String: PluginManifest.Field]) {
        fields = declared.mapValues(Field.init)
    }

    /// Counts a unit's result; a declared field of the wrong type rejects the whole result, with why.
    mutating func add(_ result: JSONValue) -> String? {
        for (name, field) in fields {
            guard let value = result[name], value != .null else { continue }
            switch field.type {
            case .label where value.stringValue == nil: return "field '\(name)' should be a string (a label), got \(value)"
            case .number where value.numberValue.map({ $0.isFinite }) != true: return "field '\(name)' should be a number, got \(value)"
            case .number where abs(value.numberValue ?? 0) > Self.largestNumber:
                return "field '\(name)' is \(value), beyond ±1e100, the largest a summed field takes (so that sums stay finite)"
            default: break
            }
        }
        units += 1
        for (name, field) in fields {
            guard let value = result[name] else { continue }
            if field.type == .label, let label = value.stringValue {
                fields[name]?.counts?[label, default: 0] += 1
            } else if let number = value.numberValue {
                fields[name]?.add(number: number)
            }
        }
        return nil
    }

    mutating func merge(_ other: PluginSummary) {
        units += other.units
        failed += other.failed
        for (name, field) in other.fields { fields[name]?.merge(field) }
    }
}

/// A plugin's summary over the corpus.
struct PluginCorpusSummary: Codable, Sendable, Equatable {
    var documents: Int
    var all: PluginSummary
}
