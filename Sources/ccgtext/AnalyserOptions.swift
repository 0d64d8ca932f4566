import ArgumentParser
import CCGAnalysers
import CCGModel
import CCGPipeline
import Foundation

/// Where analysers come from besides the built-ins, and which run: shared by `analyze`, `analysers` and
/// `eval <analyser>`.
struct AnalyserOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("An external analyser's manifest (*.plugin.json, docs/plugins.md) to run; repeatable.", valueName: "file"))
    var plugin: [String] = []

    @Flag(name: .long, help: "Also run the external analysers whose manifests are in plugins/ folders of the inputs, the current folder and the configuration's folder. Off by default: a crawl or an unpacked archive can carry a manifest, and a manifest names a program to run.")
    var discoverPlugins = false

    @Option(name: .long, help: ArgumentHelp("A LIWC-style .dic dictionary to run as an analyser (its id is the file name); repeatable. The lexicon folder's dictionaries/*.dic always run.", valueName: "file"))
    var dictionary: [String] = []

    @Option(name: .long, help: ArgumentHelp("Project configuration (default: ./ccgtext.json when present): analysers, settings, lexicons, plugins, dictionaries (docs/plugins.md).", valueName: "file"))
    var config: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Analyser setting as analyser.key=value (e.g. sentiment.overlay=none, stance.target=\"Should X do Y?\"); repeatable; overrides the configuration.", valueName: "setting"))
    var settings: [String] = []

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        for setting in settings where Self.parseSetting(setting) == nil {
            throw ValidationError("--set takes analyser.key=value, got '\(setting)'")
        }
        if let config, !FileManager.default.fileExists(atPath: config) { throw ValidationError("--config: no such file: \(config)") }
    }

    static func parseSetting(_ text: String) -> (analyser: String, key: String, value: String)? {
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: ".") else { return nil }
        let analyser = String(text[..<dot])
        let key = String(text[text.index(after: dot)..<equals])
        guard !analyser.isEmpty, !key.isEmpty else { return nil }
        return (analyser, key, String(text[text.index(after: equals)...]))
    }

    /// The configuration file in effect, if any.
    func projectConfiguration() throws -> ProjectConfiguration? {
        if let config { return try ProjectConfiguration(path: config) }
        if FileManager.default.fileExists(atPath: ProjectConfiguration.fileName) { return try ProjectConfiguration(path: ProjectConfiguration.fileName) }
        return nil
    }

    /// Everything needed to build analysers: lexicons, the catalog, settings (configuration, then --set).
    func resolve(inputs: [String]) throws -> (lexicons: LexiconDirectory, catalog: AnalyserCatalog, settings: [String: [String: String]], configuration: ProjectConfiguration?) {
        let configuration = try projectConfiguration()
        let lexicons = try lexiconOptions.directory(configured: configuration?.lexicons.map { configuration?.resolve($0) ?? $0 })
        var folders = ["."]
        if let configuration { folders.append(configuration.folder) }
        var isDirectory: ObjCBool = false
        for input in inputs where FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) && isDirectory.boolValue {
            folders.append(input)
        }
        let sources = AnalyserCatalog.Sources(
            pluginFiles: (configuration.map { $0.plugins.map($0.resolve) } ?? []) + plugin, pluginFolders: folders, discoverPlugins: discoverPlugins,
            dictionaryFiles: (configuration.map { $0.dictionaries.map($0.resolve) } ?? []) + dictionary)
        let catalog = try AnalyserCatalog.load(lexicons: lexicons, sources: sources)
        var merged = configuration?.settings ?? [:]
        for setting in settings {
            if let parsed = Self.parseSetting(setting) { merged[parsed.analyser, default: [:]][parsed.key] = parsed.value }
        }
        return (lexicons, catalog, merged, configuration)
    }
}

/// Analyser ids from a comma-separated option.
func analyserIDs(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
