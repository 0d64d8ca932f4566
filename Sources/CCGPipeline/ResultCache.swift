import CCGModel
import CCGReport
import Foundation

/// `--cache DIR`: what a file became (its documents' report entries, summaries and warnings), kept under
/// a key of the file's bytes and path and of everything else that decides the results: the tool and
/// contract versions, each analyser's id and version, every lexicon file's hash, the settings, and the
/// contents of files the settings name (a stance model). A nightly run over a grown crawl then
/// analyses only new or changed files, and its report is the one a full run gives.
///
/// Entries are written atomically (a temporary file, then a rename), so shards or runs sharing one
/// folder never read half an entry. Results with errors, or with any analyser's results incomplete (a
/// plugin disabled after too many failures), are not kept: the file gets another chance next run. Each
/// entry carries the SHA-256 of its payload, and an entry that cannot be read or whose checksum fails (a
/// damaged disk, a hand edit) is treated as a miss, never spliced into a report.
public struct ResultCache: Sendable {
    /// One document of a cached file.
    struct Document: Codable {
        var source: String
        var units: Int
        /// Length of the entry's bytes in the payload.
        var length: Int
        var summaries: [String: JSONValue]
    }

    /// The header line of an entry file; the documents' report entries follow it, as `DocumentSpool`
    /// encodes them, back to back.
    struct Header: Codable {
        /// 2: with `sha256` (entries of format 1 have none, and are misses).
        var format = 2
        var documents: [Document]
        var warnings: [ReportError]
        /// SHA-256 of the payload: the documents' entries back to back.
        var sha256 = ""
    }

    public let directory: URL
    private let runKey: String

    /// `runKey` is `runKey(...)` of the run's configuration.
    public init(directory: String, runKey: String) throws {
        self.directory = URL(fileURLWithPath: directory)
        self.runKey = runKey
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    /// Everything besides the file that decides a file's results.
    /// `lexiconFiles` are the lexicon files the run read, with their hashes; `settingFiles` the files its
    /// settings name (`SettingFile.named`).
    public static func runKey(
        analysers: [AnyAnalyser], lexiconFiles: [(path: String, sha256: String)], settingFiles: [SettingFile], settings: [String: [String: String]]
    ) -> String {
        var parts = ["ccgtext \(CCGVersion.current)", "contract \(Report.contractVersion)"]
        parts += analysers.map { "analyser \($0.id) \($0.description.version) \($0.source.kind)" }
        parts += lexiconFiles.sorted { $0.path < $1.path }.map { "lexicon \($0.path) \($0.sha256)" }
        let files = Dictionary(uniqueKeysWithValues: settingFiles.map { ($0.setting, $0.sha256) })
        for (analyser, values) in settings.sorted(by: { $0.key < $1.key }) {
            for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                parts.append("setting \(analyser).\(key)=\(value)\(files["\(analyser).\(key)"].map { " file " + $0 } ?? "")")
            }
        }
        return Report.sha256(Data(parts.joined(separator: "\n").utf8))
    }

    /// The key of one file's results.
    func key(source: String, bytes: [UInt8]) -> String {
        Report.sha256(Data("\(runKey)\n\(source)\n\(Report.sha256(Data(bytes)))".utf8))
    }

    private func url(_ key: String) -> URL {
        directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key)
    }

    /// The file's results, or nil on a miss (or an entry that cannot be read).
    func load(_ key: String) -> (header: Header, entries: [Data])? {
        guard let data = FileManager.default.contents(atPath: url(key).path), let newline = data.firstIndex(of: 0x0A),
            let header = try? JSONDecoder().decode(Header.self, from: data[..<newline]), header.format == 2,
            Report.sha256(data[(newline + 1)...]) == header.sha256
        else { return nil }
        var entries: [Data] = []
        var offset = newline + 1
        for document in header.documents {
            guard document.length >= 0, offset + document.length <= data.endIndex else { return nil }
            entries.append(data[offset..<offset + document.length])
            offset += document.length
        }
        return offset == data.endIndex ? (header, entries) : nil
    }

    /// Keeps a file's results. A failure to write costs only the saving, and is returned (a read-only or
    /// full cache folder) so the run can say its results were not kept.
    func store(_ key: String, header: Header, entries: [Data]) -> String? {
        var header = header
        var payload = Data()
        for entry in entries { payload.append(entry) }
        header.sha256 = Report.sha256(payload)
        guard var data = try? JSONEncoder().encode(header) else { return "cannot encode the entry" }
        data.append(0x0A)
        data.append(payload)
        let target = url(key)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Report.writeAtomically(data, to: target.path)
        } catch {
            return "\(error)"
        }
        return nil
    }
}
