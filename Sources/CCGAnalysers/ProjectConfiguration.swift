import CCGIngest
import CCGModel
import Foundation

/// A project's `ccgtext.json`: which analysers run, their settings, and where lexicons, plugins and
/// dictionaries are, so a team shares one set-up instead of a long command line. Relative paths are
/// read from the file's folder; command-line options override it. Format in docs/plugins.md.
public struct ProjectConfiguration: Sendable, Equatable {
    /// The file name looked for in the current folder when `--config` is not given.
    public static let fileName = "ccgtext.json"

    public var path: String
    /// Analyser ids to run (all found when absent).
    public var analysers: [String]?
    /// Settings by analyser id, as `--set id.key=value` gives them.
    public var settings: [String: [String: String]]
    public var lexicons: String?
    public var plugins: [String]
    public var dictionaries: [String]
    public var jobs: Int?

    public var folder: String { (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent }

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    static let keys: Set<String> = ["analysers", "settings", "lexicons", "plugins", "dictionaries", "jobs"]

    public init(path: String) throws {
        func fail(_ reason: String) -> Problem { Problem(path: path, reason: reason) }
        guard let bytes = try? Ingester.read(path, maximumBytes: 1 << 20) else { throw fail("cannot read the configuration (not a regular file of at most 1 MB)") }
        let data = Data(bytes)
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: data) } catch { throw fail("not valid JSON (\(error))") }
        guard let object = value.objectValue else { throw fail("the configuration is a JSON object") }
        if let unknown = object.keys.sorted().first(where: { !Self.keys.contains($0) }) {
            throw fail("unknown key '\(unknown)' (known: \(Self.keys.sorted().joined(separator: ", ")))")
        }
        func strings(_ key: String) throws -> [String]? {
            guard let field = object[key] else { return nil }
            guard let array = field.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else { throw fail("\"\(key)\" is a list of strings") }
            return array.compactMap(\.stringValue)
        }
        self.path = path
        analysers = try strings("analysers")
        plugins = try strings("plugins") ?? []
        dictionaries = try strings("dictionaries") ?? []
        if let field = object["lexicons"] {
            guard let text = field.stringValue else { throw fail("\"lexicons\" is a folder path") }
            lexicons = text
        }
        if let field = object["jobs"] {
            guard let number = field.numberValue, number >= 1, number <= 4096, number == number.rounded() else { throw fail("\"jobs\" is a whole number from 1 to 4096") }
            jobs = Int(number)
        }
        settings = [:]
        for (analyser, values) in object["settings"]?.objectValue ?? [:] {
            guard let values = values.objectValue else { throw fail("\"settings\".\"\(analyser)\" is an object of key: value") }
            for (key, value) in values {
                guard let text = value.scalarText else { throw fail("setting \(analyser).\(key) must be a string, number or true/false") }
                settings[analyser, default: [:]][key] = text
            }
        }
        if object["settings"] != nil, object["settings"]?.objectValue == nil { throw fail("\"settings\" is an object keyed by analyser id") }
    }

    /// A path from the file, as seen from the current folder.
    public func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") || folder == "." ? relative : (folder as NSString).appendingPathComponent(relative)
    }
}
