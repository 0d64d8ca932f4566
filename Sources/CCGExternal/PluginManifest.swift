import CCGIngest
import CCGModel
import Foundation

/// What a `*.plugin.json` file says about an external analyser: how to start it, what it reads and what
/// it returns. The format is documented in docs/plugins.md; `version` 1 of the protocol is the only one.
public struct PluginManifest: Sendable, Equatable {
    /// How a returned field is summed up per document and across the corpus.
    public enum FieldType: String, Sendable, Codable, Equatable {
        /// A string; summaries count each value.
        case label
        /// A number; summaries keep count, sum, mean, minimum and maximum.
        case number
    }

    public struct Field: Sendable, Codable, Equatable {
        public var type: FieldType
        /// For labels: the values it may take, listed in summaries even when none occurs.
        public var values: [String]?
    }

    public var id: String
    public var version: String
    public var name: String
    public var summary: String
    public var protocolVersion: Int
    /// The program and its arguments, run in the manifest's folder.
    public var command: [String]
    /// Unit types sent to it (all when the manifest lists none).
    public var units: [UnitType]
    public var needs: [AnalyserNeed]
    public var fields: [String: Field]
    /// Seconds allowed for each batch of units (and for the hello).
    public var timeoutSeconds: Double
    /// Units per batch: a document with more is sent in several.
    public var batchSize: Int
    /// Copies of the process run at once (for plugins that keep no state between batches).
    public var processes: Int
    /// Failures (crash, hang, bad output) after which the plugin is not restarted for the rest of the run.
    public var maxFailures: Int
    /// Longest line it may print, in bytes.
    public var maxLineBytes: Int
    /// Where the manifest was read from, and the folder the command runs in.
    public var path: String
    public var directory: URL { URL(fileURLWithPath: path).deletingLastPathComponent() }

    public static let protocolVersions = [1]

    public struct Problem: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    private struct Raw: Decodable {
        var id: String?
        var version: String?
        var name: String?
        var summary: String?
        var `protocol`: Int?
        var command: [String]?
        var units: [String]?
        var needs: [String]?
        var fields: [String: Field]?
        var timeoutSeconds: Double?
        var batchSize: Int?
        var processes: Int?
        var maxFailures: Int?
        var maxLineBytes: Int?
    }

    public init(path: String) throws {
        // Read as an input is (a regular file only, never waiting on a named pipe), up to 1 MB.
        guard let bytes = try? Ingester.read(path, maximumBytes: 1 << 20) else { throw Problem(path: path, reason: "cannot read the manifest (not a regular file of at most 1 MB)") }
        let data = Data(bytes)
        try self.init(data: data, path: path)
    }

    public init(data: Data, path: String) throws {
        func fail(_ reason: String) -> Problem { Problem(path: path, reason: reason) }
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw fail("not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)")
        } catch let DecodingError.typeMismatch(_, context) {
            throw fail("'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type: \(context.debugDescription)")
        } catch {
            throw fail("\(error)")
        }
        guard let id = raw.id, Self.isValidID(id) else {
            throw fail("\"id\" is required: lower-case letters, digits, - and _, starting with a letter (it names the results in the report)")
        }
        guard let version = raw.version, !version.isEmpty else { throw fail("\"version\" is required") }
        guard let command = raw.command, let program = command.first, !program.isEmpty else {
            throw fail("\"command\" is required: the program and its arguments, as a list of strings")
        }
        let protocolVersion = raw.protocol ?? 1
        guard Self.protocolVersions.contains(protocolVersion) else {
            throw fail("protocol \(protocolVersion) is not supported (this ccgtext speaks \(Self.protocolVersions.map(String.init).joined(separator: ", ")))")
        }
        var units: [UnitType] = []
        for name in raw.units ?? [] {
            guard let type = UnitType(rawValue: name) else {
                throw fail("unknown unit type '\(name)' in \"units\" (\(UnitType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            units.append(type)
        }
        var needs: [AnalyserNeed] = []
        for name in raw.needs ?? [] {
            guard let need = AnalyserNeed(name) else {
                throw fail("unknown need '\(name)' (tokens, sentences, debate, thread or analyser:<id>)")
            }
            needs.append(need)
        }
        let fields = raw.fields ?? [:]
        guard !fields.isEmpty else { throw fail("\"fields\" is required: the fields each result carries, with their type (label or number)") }
        for (name, field) in fields where field.type == .number && field.values != nil {
            throw fail("field '\(name)' is a number: \"values\" is for labels")
        }
        let timeout = raw.timeoutSeconds ?? 30
        guard timeout > 0, timeout <= 3600 else { throw fail("\"timeoutSeconds\" must be above 0 and at most 3600") }
        let batchSize = raw.batchSize ?? 64
        guard batchSize >= 1, batchSize <= 10_000 else { throw fail("\"batchSize\" must be from 1 to 10000") }
        let processes = raw.processes ?? 1
        guard processes >= 1, processes <= 64 else { throw fail("\"processes\" must be from 1 to 64") }
        let maxFailures = raw.maxFailures ?? 3
        guard maxFailures >= 1 else { throw fail("\"maxFailures\" must be at least 1") }
        let maxLineBytes = raw.maxLineBytes ?? 1 << 20
        guard maxLineBytes >= 1024, maxLineBytes <= 1 << 28 else { throw fail("\"maxLineBytes\" must be from 1024 to 268435456") }

        self.id = id
        self.version = version
        self.name = raw.name ?? id
        self.summary = raw.summary ?? "External analyser (\(command.joined(separator: " ")))."
        self.protocolVersion = protocolVersion
        self.command = command
        self.units = units
        self.needs = needs
        self.fields = fields
        self.timeoutSeconds = timeout
        self.batchSize = batchSize
        self.processes = processes
        self.maxFailures = maxFailures
        self.maxLineBytes = maxLineBytes
        self.path = path
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 64 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    public var description: AnalyserDescription {
        AnalyserDescription(id: id, version: version, name: name, summary: summary, needs: needs)
    }

    /// Whether a unit of this type is sent to the plugin.
    public func wants(_ type: UnitType) -> Bool { units.isEmpty || units.contains(type) }

    /// Manifests (`*.plugin.json`) directly inside each folder's `plugins/` subfolder, sorted by path.
    public static func discover(in folders: [String]) -> [String] {
        var found: [String: String] = [:]
        for folder in folders {
            let plugins = (folder as NSString).appendingPathComponent("plugins")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: plugins) else { continue }
            for name in names where name.hasSuffix(".plugin.json") && !name.hasPrefix(".") {
                let path = (plugins as NSString).appendingPathComponent(name)
                let key = URL(fileURLWithPath: path).standardizedFileURL.path
                if found[key] == nil { found[key] = path }
            }
        }
        return found.values.sorted()
    }
}
