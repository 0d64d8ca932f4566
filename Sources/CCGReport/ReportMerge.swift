import CCGModel
import Foundation

/// Joins the partial reports of shards (`ccgtext analyze --shard K/N`) into the report one unsharded run
/// would have written: documents in source order, errors together, and the corpus summaries computed
/// again from the documents' summaries (which is all an analyser's corpus summary may read). Outside
/// `run`, the bytes are those of the unsharded report.
///
/// Parts are read one at a time, each a document at a time (`ReportReader`), and their entries go to a
/// `DocumentSpool`, so memory holds one document and the parts' envelopes, not a part.
public struct ReportMerge {
    public enum Problem: Error, CustomStringConvertible, Equatable {
        case unreadable(part: String, reason: String)
        case notAReport(part: String, reason: String)
        /// Parts made with different tools, analysers, lexicons or settings would not add up.
        case mismatch(part: String, field: String, expected: String, found: String)
        case shardTwice(index: Int, parts: [String])
        case shardsMissing([Int], count: Int)
        case documentTwice(source: String, parts: [String])
        /// The documents' summaries of an analyser are not what it writes (a part edited by hand, a null).
        case summariesUnreadable(analyser: String)

        public var description: String {
            switch self {
            case .unreadable(let part, let reason): return "cannot read \(part): \(reason)"
            case .notAReport(let part, let reason): return "\(part) is not a ccgtext report: \(reason)"
            case .mismatch(let part, let field, let expected, let found):
                return "\(part) was made with a different \(field) than the first part (\(found), not \(expected)); parts to merge must come from one command run as shards"
            case .shardTwice(let index, let parts): return "shard \(index) is given twice: \(parts.joined(separator: " and "))"
            case .shardsMissing(let missing, let count):
                return "shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(count) missing (pass --allow-missing to merge what is there)"
            case .documentTwice(let source, let parts): return "document \(source) is in two parts: \(parts.joined(separator: " and "))"
            case .summariesUnreadable(let analyser):
                return "the documents' \(analyser) summaries in the parts are not in the form \(analyser) writes (a part edited, damaged, or made by another version)"
            }
        }
    }

    /// A part's `run`, which is what decides whether parts fit together.
    public struct PartRun: Sendable {
        public var path: String
        public var run: [String: JSONValue]
        public var toolVersion: String
        public var shard: (index: Int, count: Int)

        /// `run.analysers` as (id, version, source).
        public var analysers: [(id: String, version: String, source: String)] {
            (run["analysers"]?.arrayValue ?? []).map {
                ($0["id"]?.stringValue ?? "", $0["version"]?.stringValue ?? "", $0["source"]?.stringValue ?? "built-in")
            }
        }

        /// The analyser settings in `run.config` (everything but how the run was executed).
        public var settings: [String: JSONValue] {
            (run["config"]?.objectValue ?? [:]).filter { !Self.executionKeys.contains($0.key) }
        }

        static let executionKeys: Set<String> = ["jobs", "lexiconRoot"]
    }

    /// Computes an analyser's corpus summary from the documents' summaries, in report order, as the
    /// analyser does in a run.
    public typealias Summarise = (_ analyser: String, _ documents: DocumentSummaries<JSONValue>) throws -> JSONValue

    /// Merges `parts` into `output` (atomically). `prepare` is called once, with the first part's run as
    /// soon as it is read (each part is read once), and returns how corpus summaries are computed.
    public static func merge(
        parts: [String], output: String, allowMissingShards: Bool = false, prepare: (PartRun) throws -> Summarise
    ) throws -> Report {
        let started = Stopwatch()
        guard let firstPath = parts.first else { throw Problem.shardsMissing([], count: 0) }
        let spool = try DocumentSpool(directory: URL(fileURLWithPath: output).deletingLastPathComponent().path)
        var first: PartRun?
        var summarise: Summarise?
        var shardOwners: [Int: String] = [:]
        // Keyed by bytes: canonically equivalent names are two files.
        var documentOwners: [[UInt8]: String] = [:]
        var errors: [ReportError] = []
        var partEntries: [JSONValue] = []
        for path in parts {
            let reader = try open(path)
            let report = reader.envelope
            let part = try partRun(report, path: path)
            if let first {
                try check(part, against: first)
            } else {
                first = part
                summarise = try prepare(part)
            }
            if let owner = shardOwners[part.shard.index] { throw Problem.shardTwice(index: part.shard.index, parts: [owner, path]) }
            shardOwners[part.shard.index] = path
            do {
                try reader.forEachDocument { entry in
                    guard let source = entry["source"]?.stringValue else { throw Problem.notAReport(part: path, reason: "a document without a source") }
                    if let owner = documentOwners[Array(source.utf8)] { throw Problem.documentTwice(source: source, parts: [owner, path]) }
                    documentOwners[Array(source.utf8)] = path
                    try spool.add(entry, source: source)
                    return true
                }
            } catch let unreadable as ReportReader.Unreadable {
                throw Problem.notAReport(part: path, reason: unreadable.description)
            }
            for error in report["errors"]?.arrayValue ?? [] {
                do {
                    errors.append(try error.decode(as: ReportError.self))
                } catch {
                    throw Problem.notAReport(part: path, reason: "an entry of errors is malformed (\(error))")
                }
            }
            partEntries.append(.object([
                "path": .string(path), "shard": part.run["shard"] ?? .null, "timings": part.run["timings"] ?? .object([:]),
            ]))
        }
        guard let first, let summarise else { throw Problem.unreadable(part: firstPath, reason: "no parts") }
        let missing = (0..<first.shard.count).filter { shardOwners[$0] == nil }
        if !missing.isEmpty && !allowMissingShards { throw Problem.shardsMissing(missing, count: first.shard.count) }

        var analyses: [String: JSONValue] = [:]
        for analyser in first.analysers {
            do {
                analyses[analyser.id] = try spool.summarise(analyser.id) { try summarise(analyser.id, $0) }
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem.summariesUnreadable(analyser: analyser.id)
            }
        }
        let corpus: JSONValue = .object([
            "documents": .number(Double(spool.count)), "units": .number(Double(spool.units)),
            "errors": .number(Double(errors.count)), "analyses": .object(analyses),
        ])
        var run = first.run
        run["shard"] = .object(["index": .number(0), "count": .number(1)])
        run["cache"] = nil
        run["merged"] = .object([
            "parts": .array(partEntries),
            "shardsMissing": .array(missing.map { .number(Double($0)) }),
        ])
        run["timings"] = .object(["mergeMs": .number(Evidence.rounded(started.seconds * 1000))])
        let report = Report(tool: ["name": .string("ccgtext"), "version": .string(first.toolVersion)], run: run, corpus: corpus, errors: errors)
        try report.write(documents: spool, to: output, pretty: ReportForm(recorded: first.run["config"]?["report"]).pretty)
        return report
    }

    private static func open(_ path: String) throws -> ReportReader {
        guard (try? RegularFile(path)) != nil else {
            throw Problem.unreadable(part: path, reason: FileManager.default.fileExists(atPath: path) ? "not a regular file that can be read" : "no such file")
        }
        do {
            return try ReportReader(path: path)
        } catch {
            throw Problem.notAReport(part: path, reason: "not JSON")
        }
    }

    private static func partRun(_ report: JSONValue, path: String) throws -> PartRun {
        guard report["contractVersion"]?.numberValue == Double(Report.contractVersion) else {
            throw Problem.notAReport(part: path, reason: "contractVersion is not \(Report.contractVersion)")
        }
        guard let run = report["run"]?.objectValue, let shard = run["shard"],
            let index = shard["index"]?.numberValue, let count = shard["count"]?.numberValue, count >= 1, index >= 0, index < count,
            index.rounded() == index, count.rounded() == count, count <= 1_000_000
        else { throw Problem.notAReport(part: path, reason: "run.shard is missing or malformed") }
        guard let version = report["tool"]?["version"]?.stringValue else { throw Problem.notAReport(part: path, reason: "tool.version is missing") }
        return PartRun(path: path, run: run, toolVersion: version, shard: (Int(index), Int(count)))
    }

    private static func check(_ part: PartRun, against first: PartRun) throws {
        func require(_ field: String, _ expected: String, _ found: String) throws {
            if expected != found { throw Problem.mismatch(part: part.path, field: field, expected: expected, found: found) }
        }
        try require("ccgtext version", first.toolVersion, part.toolVersion)
        try require("shard count", "\(first.shard.count)", "\(part.shard.count)")
        let analysers = { (run: PartRun) in run.analysers.map { "\($0.id) \($0.version) (\($0.source))" }.joined(separator: ", ") }
        try require("set of analysers", analysers(first), analysers(part))
        let settings = { (run: PartRun) -> String in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(JSONValue.object(run.settings))) ?? Data(), as: UTF8.self)
        }
        try require("analyser settings", settings(first), settings(part))
        let lexicons = { (run: PartRun) in
            (run.run["lexicons"]?.arrayValue ?? []).map { "\($0["path"]?.stringValue ?? "") \($0["sha256"]?.stringValue?.prefix(12) ?? "")" }.sorted()
        }
        let (firstLexicons, partLexicons) = (lexicons(first), lexicons(part))
        if firstLexicons != partLexicons {
            let differing = Set(firstLexicons).symmetricDifference(partLexicons).sorted().prefix(4).joined(separator: ", ")
            throw Problem.mismatch(part: part.path, field: "lexicon files", expected: "the first part's", found: "differing in \(differing)")
        }
        // The same model path retrained between shards would otherwise merge unnoticed.
        let settingFiles = { (run: PartRun) in
            (run.run["settingFiles"]?.arrayValue ?? []).map { "\($0["setting"]?.stringValue ?? "") \($0["sha256"]?.stringValue?.prefix(12) ?? "")" }.sorted()
        }
        try require("files named by settings (their sha256)", settingFiles(first).joined(separator: ", "), settingFiles(part).joined(separator: ", "))
    }
}
