import CCGIngest
import Dispatch
import Foundation

/// Scores article extraction against gold article bodies (the Zyte benchmark's `ground-truth.json` format:
/// `{ "<id>": { "articleBody": "...", "url": "..." } }`), either ccgtext's own extraction of `<id>.html(.gz)`
/// pages or another tool's predictions in the same format.
public struct ExtractionEvaluation: Sendable {
    public struct Page: Sendable {
        public var id: String
        public var url: String?
        public var overlap: ShingleMetric.Overlap
        public var exact: Bool
        /// Why the page gave no text (ccgtext's extraction only).
        public var error: String?
        /// Seconds the extraction took (the fastest of the repeats).
        public var seconds: Double?
    }

    public var pages: [Page]
    public var summary: ShingleMetric.Summary
    /// Median over repeats of pages per second and (uncompressed) input megabytes per second, one thread.
    public var pagesPerSecond: Double?
    public var megabytesPerSecond: Double?
    public var predictions: [String: String]

    /// `{id: {articleBody, url}}`, or that object wrapped as `{"version": ..., "output": {...}}`.
    public static func loadArticles(_ path: String) throws -> [String: (body: String, url: String?)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvaluationInputError.unreadable(path, "no such file or unreadable") }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch { throw EvaluationInputError.notBenchmarkJSON(path, "not JSON (\(error.localizedDescription))") }
        guard var object = parsed as? [String: Any] else { throw EvaluationInputError.notBenchmarkJSON(path, "the top level is not an object") }
        if let wrapped = object["output"] as? [String: Any] { object = wrapped }
        var articles: [String: (String, String?)] = [:]
        for (id, value) in object {
            guard let entry = value as? [String: Any] else { throw EvaluationInputError.notBenchmarkJSON(path, "entry \(id) is not an object") }
            articles[id] = ((entry["articleBody"] as? String) ?? "", entry["url"] as? String)
        }
        return articles
    }

    /// Scores `predictions` (id → text) against `gold`; ids missing from the predictions count as empty.
    public static func score(gold: [String: (body: String, url: String?)], predictions: [String: String], errors: [String: String] = [:], seconds: [String: Double] = [:]) -> ExtractionEvaluation {
        var pages: [Page] = []
        var exact = 0
        for id in gold.keys.sorted() {
            let truth = gold[id]?.body ?? ""
            let guess = predictions[id] ?? ""
            let match = ShingleMetric.exactMatch(gold: truth, predicted: guess)
            if match { exact += 1 }
            pages.append(Page(id: id, url: gold[id]?.url, overlap: ShingleMetric.overlap(gold: truth, predicted: guess), exact: match, error: errors[id], seconds: seconds[id]))
        }
        return ExtractionEvaluation(
            pages: pages, summary: ShingleMetric.summarise(pages.map(\.overlap), exactMatches: exact), pagesPerSecond: nil,
            megabytesPerSecond: nil, predictions: predictions)
    }

    /// Extracts every gold id's page from `htmlDirectory` (`<id>.html.gz`, `<id>.html`) with ccgtext's
    /// ingester, `repeats` times on one thread. The timing covers the extraction alone: files are read and
    /// decompressed into memory first, the same starting point the comparison script gives trafilatura.
    public static func run(gold: [String: (body: String, url: String?)], htmlDirectory: String, ingester: Ingester, repeats: Int) throws -> ExtractionEvaluation {
        var inputs: [(id: String, bytes: [UInt8], source: String)] = []
        for id in gold.keys.sorted() {
            let candidates = ["\(id).html.gz", "\(id).html", "\(id).htm"].map { (htmlDirectory as NSString).appendingPathComponent($0) }
            guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
                let data = FileManager.default.contents(atPath: path)
            else { throw EvaluationInputError.unreadable((htmlDirectory as NSString).appendingPathComponent("\(id).html.gz"), "no page for this gold id") }
            var bytes = [UInt8](data)
            var source = path
            // A damaged archive is left as it is, for the ingester to report against its page.
            if path.hasSuffix(".gz"), let inner = try? Gzip.decompress(bytes) {
                bytes = inner.bytes
                source = String(path.dropLast(3))
            }
            inputs.append((id, bytes, source))
        }
        var predictions: [String: String] = [:]
        var errors: [String: String] = [:]
        var fastest: [String: Double] = [:]
        var rates: [Double] = []
        let uncompressedBytes = inputs.reduce(0) { $0 + $1.bytes.count }
        for round in 0..<max(1, repeats) {
            let roundStart = DispatchTime.now().uptimeNanoseconds
            for input in inputs {
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome = Result { try ingester.ingest(bytes: input.bytes, source: input.source) }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                fastest[input.id] = min(fastest[input.id] ?? .infinity, elapsed)
                guard round == 0 else { continue }
                switch outcome {
                case .success(let result): predictions[input.id] = result.document.articleText
                case .failure(let error): errors[input.id] = "\(error)"
                }
            }
            rates.append(Double(inputs.count) / (Double(DispatchTime.now().uptimeNanoseconds - roundStart) / 1e9))
        }
        var evaluation = score(gold: gold, predictions: predictions, errors: errors, seconds: fastest)
        let medianRate = rates.sorted()[rates.count / 2]
        evaluation.pagesPerSecond = medianRate
        evaluation.megabytesPerSecond = inputs.isEmpty ? nil : medianRate * Double(uncompressedBytes) / Double(inputs.count) / 1_000_000
        return evaluation
    }
}
