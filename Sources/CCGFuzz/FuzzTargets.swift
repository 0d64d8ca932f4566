import CCGAnalysers
import CCGDictionary
import CCGIngest
import CCGModel
import CCGPipeline
import CCGReport
import CCGTokenize
import Foundation

/// The code that reads untrusted bytes, one entry each: what `scripts/fuzz.sh` hands to libFuzzer and
/// what the replay mode runs over a folder of inputs (the regression corpus, a crash file).
enum FuzzTargets {
    static let names = ["html", "text", "jsonl", "csv", "tokenizer", "analysers", "merge", "dic", "lexicon"]

    /// The lexicons of the source tree this binary was built from (or `$CCGTEXT_LEXICONS`).
    static var lexicons: LexiconDirectory {
        if let root = ProcessInfo.processInfo.environment["CCGTEXT_LEXICONS"] { return LexiconDirectory(root: URL(fileURLWithPath: root)) }
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return LexiconDirectory(root: source.appendingPathComponent("lexicons"))
    }

    /// A function that runs one input through target `name`; it may throw (bad input is expected) but must
    /// not crash, hang or leak.
    static func make(_ name: String) throws -> ([UInt8]) -> Void {
        let lexicons = Self.lexicons
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        switch name {
        case "html", "text", "jsonl", "csv":
            let ingester = try Ingester(lexicons: lexicons)
            let source = "input.\(name == "text" ? "txt" : name)"
            return { bytes in _ = try? ingester.ingest(bytes: bytes, source: source) }
        case "tokenizer":
            let tokenizer = try Tokenizer(lexicons: lexicons)
            return { bytes in
                let unit = tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: String(decoding: bytes, as: UTF8.self)))
                for token in unit.tokens { precondition(token.start <= token.end && token.utf8End <= unit.unit.text.utf8.count, "token outside its text") }
            }
        case "analysers":
            let tokenizer = try Tokenizer(lexicons: lexicons)
            let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: lexicons)) }
            return { bytes in
                // The first byte picks the unit's type, so comment-only and debate-side rules are reached too.
                let types: [UnitType] = [.headline, .standfirst, .body, .section, .comment]
                let type = types[Int(bytes.first ?? 0) % types.count]
                let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
                let document = Document(
                    source: "input.txt", format: .text, kind: .debate, debate: Debate(motion: "Are CCGs a failed experiment?", sides: []),
                    units: [TextUnit(id: "u1", type: type, side: type == .section ? .yes : nil, text: text)])
                var tokenized = tokenizer.tokenize(document)
                for analyser in analysers {
                    guard let analysis = try? analyser.analyse(tokenized) else { continue }
                    tokenized.results[analyser.id] = ["u1": analysis.units.first.flatMap { $0 } ?? .null]
                    _ = try? analyser.summarise(corpus: [analysis.summary])
                }
            }
        case "merge":
            let part = scratch.appendingPathComponent("part.json").path
            let output = scratch.appendingPathComponent("merged.json").path
            return { bytes in
                FileManager.default.createFile(atPath: part, contents: Data(bytes))
                _ = try? ReportMerge.merge(parts: [part], output: output, allowMissingShards: true) { _ in { _, documents in .array(Array(documents)) } }
            }
        case "dic":
            return { bytes in _ = try? LIWCDictionary(text: String(decoding: bytes, as: UTF8.self), path: "input.dic") }
        case "lexicon":
            let directory = LexiconDirectory(root: scratch)
            let file = scratch.appendingPathComponent("input.txt").path
            return { bytes in
                FileManager.default.createFile(atPath: file, contents: Data(bytes))
                _ = try? directory.lines("input.txt")
                _ = try? directory.json("input.txt", as: [String: JSONValue].self)
                _ = try? JSONValueParser.parse(bytes)
            }
        default:
            throw FuzzUsage(message: "unknown fuzz target \(name); targets: \(names.joined(separator: ", "))")
        }
    }
}

struct FuzzUsage: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
