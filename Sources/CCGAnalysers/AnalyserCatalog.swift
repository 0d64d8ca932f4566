import CCGDictionary
import CCGExternal
import CCGModel
import CCGPipeline
import Foundation

/// Every analyser a run can use, of the three kinds: compiled in (the registry), external processes
/// (`*.plugin.json` manifests) and dictionaries (`.dic`), each with where it came from.
public struct AnalyserCatalog: Sendable {
    public struct Entry: Sendable {
        public var description: AnalyserDescription
        public var source: AnyAnalyser.Source
        /// Builds the analyser with its settings (external processes start here).
        public var make: @Sendable (AnalyserContext) throws -> AnyAnalyser
        /// Builds only its corpus summary, for `ccgtext merge` (no process is started).
        public var summariser: @Sendable (AnalyserContext) throws -> @Sendable (DocumentSummaries<JSONValue>) throws -> JSONValue
    }

    public var entries: [Entry]
    /// Manifests found in `plugins/` folders that are not in the catalog because discovery was not asked
    /// for (`Sources.discoverPlugins`): a folder of inputs is untrusted, and a manifest names a program.
    public var foundNotRun: [String] = []

    public var ids: [String] { entries.map(\.description.id) }

    public func entry(_ id: String) -> Entry? { entries.first { $0.description.id == id } }

    /// Where to look for analysers besides the registry.
    public struct Sources: Sendable {
        /// Manifests named on the command line or in the configuration.
        public var pluginFiles: [String] = []
        /// Folders whose `plugins/` subfolder holds manifests (the inputs' folders, the project's).
        public var pluginFolders: [String] = []
        /// Whether the manifests in `pluginFolders` are loaded (and their programs run); otherwise they are
        /// only listed in `foundNotRun`.
        public var discoverPlugins = false
        /// Dictionaries named on the command line or in the configuration.
        public var dictionaryFiles: [String] = []
        /// Whether the lexicon folder's `dictionaries/*.dic` are included.
        public var lexiconDictionaries = true

        public init(
            pluginFiles: [String] = [], pluginFolders: [String] = [], discoverPlugins: Bool = false, dictionaryFiles: [String] = [],
            lexiconDictionaries: Bool = true
        ) {
            self.pluginFiles = pluginFiles
            self.pluginFolders = pluginFolders
            self.discoverPlugins = discoverPlugins
            self.dictionaryFiles = dictionaryFiles
            self.lexiconDictionaries = lexiconDictionaries
        }
    }

    public enum Problem: Error, CustomStringConvertible {
        case duplicate(id: String, first: String, second: String)
        public var description: String {
            switch self {
            case .duplicate(let id, let first, let second):
                return "two analysers are called '\(id)': \(first) and \(second); rename one (a manifest's \"id\", a dictionary's file name)"
            }
        }
    }

    /// Reads every manifest and dictionary (without starting any process); the first malformed one
    /// throws, naming its file (and line, for dictionaries).
    public static func load(lexicons: LexiconDirectory, sources: Sources) throws -> AnalyserCatalog {
        var entries: [Entry] = AnalyserRegistry.all.map { type in
            Entry(
                description: type.description, source: .builtIn, make: { context in try AnyAnalyser.make(type, context: context) },
                summariser: { context in
                    let analyser = try AnyAnalyser.make(type, context: context)
                    return { try analyser.summarise(corpus: $0) }
                })
        }
        var manifests: [String] = []
        var foundNotRun: [String] = []
        let discovered = PluginManifest.discover(in: sources.pluginFolders)
        let key = { (path: String) in Array(URL(fileURLWithPath: path).standardizedFileURL.path.utf8) }
        for path in sources.pluginFiles + (sources.discoverPlugins ? discovered : []) where !manifests.contains(where: { key($0) == key(path) }) {
            manifests.append(path)
        }
        if !sources.discoverPlugins {
            foundNotRun = discovered.filter { path in !manifests.contains { key($0) == key(path) } }
        }
        for path in manifests {
            let manifest = try PluginManifest(path: path)
            entries.append(Entry(
                description: manifest.description, source: .external(manifest: path),
                make: { context in ExternalAnalyser(manifest: manifest, settings: context.settings, ccgtextVersion: CCGVersion.current).erased() },
                summariser: { _ in ExternalAnalyser.corpusSummariser(manifest) }))
        }
        var dictionaries = sources.dictionaryFiles
        if sources.lexiconDictionaries {
            let folder = lexicons.root.appendingPathComponent("dictionaries")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            dictionaries += names.filter { $0.hasSuffix(".dic") && !$0.hasPrefix(".") }.sorted().map { "lexicons/dictionaries/\($0)" }
        }
        for path in dictionaries {
            let file = path.hasPrefix("lexicons/dictionaries/") && !FileManager.default.fileExists(atPath: path)
                ? lexicons.root.appendingPathComponent(String(path.dropFirst("lexicons/".count))).path : path
            let analyser = try DictionaryAnalyser(path: file, displayPath: path)
            let erased = analyser.erased()
            entries.append(Entry(
                description: erased.description, source: erased.source, make: { _ in erased },
                summariser: { _ in { try erased.summarise(corpus: $0) } }))
        }
        var seen: [String: String] = [:]
        for entry in entries {
            let id = entry.description.id
            if let first = seen[id] { throw Problem.duplicate(id: id, first: first, second: entry.source.description) }
            seen[id] = entry.source.description
        }
        return AnalyserCatalog(entries: entries, foundNotRun: foundNotRun)
    }
}
