import CCGIngest
import CCGModel
import Dispatch
import Foundation

/// Scores extraction against a benchmark's gold (any layout `ExtractionGold` reads): the article body on
/// every page and, on sets that mark them, the reader comments apart from it, so that a change that helps
/// one and hurts the other shows. Either ccgtext's own extraction of `<id>.html(.gz)` pages or another
/// tool's predictions (Zyte's format, with an optional `comments` text per page) are scored, by the same code.
public struct ExtractionEvaluation: Sendable {
    /// What an extractor returned for one page.
    public struct Prediction: Sendable, Equatable {
        public var article: String
        public var comments: String
        public init(article: String, comments: String = "") {
            self.article = article
            self.comments = comments
        }
    }

    public struct Page: Sendable {
        public var id: String
        public var url: String?
        public var overlap: ShingleMetric.Overlap
        public var exact: Bool
        /// The comments' overlap, on pages whose gold has comments.
        public var comments: ShingleMetric.Overlap?
        /// Whether the gold marks this page as having no comments while the extractor found some words of them.
        public var spuriousComments: Bool
        /// Why the page gave no text (ccgtext's extraction only).
        public var error: String?
        /// Seconds the extraction took (the fastest of the repeats).
        public var seconds: Double?
    }

    public var pages: [Page]
    public var summary: ShingleMetric.Summary
    /// Over the pages whose gold has comments; nil when the set marks none (or when scored as whole pages).
    public var commentSummary: ShingleMetric.Summary?
    public var commentPages: Int
    /// Pages the gold marks as having no comments, and the share of them on which comment text was found.
    public var commentlessPages: Int
    public var spuriousCommentShare: Double?
    /// Median over repeats of pages per second and (uncompressed) input megabytes per second, one thread.
    public var pagesPerSecond: Double?
    public var megabytesPerSecond: Double?
    public var predictions: [String: Prediction]

    /// `{id: {articleBody, url}}`, or that object wrapped as `{"version": ..., "output": {...}}`.
    public static func loadArticles(_ path: String) throws -> [String: (body: String, url: String?)] {
        try ExtractionGold.load(path, format: .zyte).pages.mapValues { ($0.article, $0.url) }
    }

    /// Another tool's output in Zyte's format, with the optional `comments` text per page.
    public static func loadPredictions(_ path: String) throws -> [String: Prediction] {
        try ExtractionGold.load(path, format: .zyte).pages.mapValues { Prediction(article: $0.article, comments: $0.comments ?? "") }
    }

    /// Scores article bodies alone (the article-extraction benchmark's form).
    public static func score(gold: [String: (body: String, url: String?)], predictions: [String: String], errors: [String: String] = [:], seconds: [String: Double] = [:]) -> ExtractionEvaluation {
        let pages = Dictionary(uniqueKeysWithValues: gold.map { ($0.key, ExtractionGold.Page(id: $0.key, url: $0.value.url, article: $0.value.body, comments: nil)) })
        return score(gold: pages, predictions: predictions.mapValues { Prediction(article: $0) }, errors: errors, seconds: seconds)
    }

    /// Scores `predictions` against `gold`; ids missing from the predictions count as empty. With
    /// `wholePage`, the gold is a page's whole cleaned text (CleanEval's): it is compared with article and
    /// comments together, and no comment figures are made.
    public static func score(
        gold: [String: ExtractionGold.Page], predictions: [String: Prediction], wholePage: Bool = false, errors: [String: String] = [:],
        seconds: [String: Double] = [:]
    ) -> ExtractionEvaluation {
        var pages: [Page] = []
        var exact = 0
        var commentExact = 0
        var commentless = 0
        var spurious = 0
        for id in gold.keys.sorted() {
            guard let truth = gold[id] else { continue }
            let guess = predictions[id] ?? Prediction(article: "")
            let predicted = wholePage && !guess.comments.isEmpty ? guess.article + "\n\n" + guess.comments : guess.article
            let match = ShingleMetric.exactMatch(gold: truth.article, predicted: predicted)
            if match { exact += 1 }
            var page = Page(
                id: id, url: truth.url, overlap: ShingleMetric.overlap(gold: truth.article, predicted: predicted), exact: match, comments: nil,
                spuriousComments: false, error: errors[id], seconds: seconds[id])
            if !wholePage, let goldComments = truth.comments {
                if ShingleMetric.tokens(goldComments).isEmpty {
                    commentless += 1
                    page.spuriousComments = !ShingleMetric.tokens(guess.comments).isEmpty
                    if page.spuriousComments { spurious += 1 }
                } else {
                    page.comments = ShingleMetric.overlap(gold: goldComments, predicted: guess.comments)
                    if ShingleMetric.exactMatch(gold: goldComments, predicted: guess.comments) { commentExact += 1 }
                }
            }
            pages.append(page)
        }
        let commented = pages.compactMap(\.comments)
        return ExtractionEvaluation(
            pages: pages, summary: ShingleMetric.summarise(pages.map(\.overlap), exactMatches: exact),
            commentSummary: commented.isEmpty ? nil : ShingleMetric.summarise(commented, exactMatches: commentExact), commentPages: commented.count,
            commentlessPages: commentless, spuriousCommentShare: commentless == 0 ? nil : Double(spurious) / Double(commentless),
            pagesPerSecond: nil, megabytesPerSecond: nil, predictions: predictions)
    }

    /// The page of a gold id in `directory` (`<id>.html.gz`, `<id>.html`, `<id>.htm`, the first that
    /// exists), decompressed, with the name the ingester is to see; nil when there is none.
    static func pageBytes(id: String, in directory: String) -> (bytes: [UInt8], source: String)? {
        let candidates = ["\(id).html.gz", "\(id).html", "\(id).htm"].map { (directory as NSString).appendingPathComponent($0) }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
            let data = FileManager.default.contents(atPath: path)
        else { return nil }
        // A damaged archive is left as it is, for the ingester to report against its page.
        if path.hasSuffix(".gz"), let inner = try? Gzip.decompress([UInt8](data)) { return (inner.bytes, String(path.dropLast(3))) }
        return ([UInt8](data), path)
    }

    /// Extracts every gold id's page from `htmlDirectory` (`<id>.html.gz`, `<id>.html`) with ccgtext's
    /// ingester, `repeats` times on one thread. The timing covers the extraction alone: files are read and
    /// decompressed into memory first, the same starting point the comparison script gives trafilatura.
    public static func run(gold: [String: ExtractionGold.Page], htmlDirectory: String, ingester: Ingester, repeats: Int, wholePage: Bool = false) throws -> ExtractionEvaluation {
        var inputs: [(id: String, bytes: [UInt8], source: String)] = []
        for id in gold.keys.sorted() {
            guard let page = pageBytes(id: id, in: htmlDirectory) else {
                throw EvaluationInputError.unreadable((htmlDirectory as NSString).appendingPathComponent("\(id).html.gz"), "no page for this gold id")
            }
            inputs.append((id, page.bytes, page.source))
        }
        var predictions: [String: Prediction] = [:]
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
                case .success(let result):
                    let comments = result.document.units.filter { $0.type == .comment }.map(\.text).joined(separator: "\n\n")
                    predictions[input.id] = Prediction(article: result.document.articleText, comments: comments)
                case .failure(let error): errors[input.id] = "\(error)"
                }
            }
            rates.append(Double(inputs.count) / (Double(DispatchTime.now().uptimeNanoseconds - roundStart) / 1e9))
        }
        var evaluation = score(gold: gold, predictions: predictions, wholePage: wholePage, errors: errors, seconds: fastest)
        let medianRate = rates.sorted()[rates.count / 2]
        evaluation.pagesPerSecond = medianRate
        evaluation.megabytesPerSecond = inputs.isEmpty ? nil : medianRate * Double(uncompressedBytes) / Double(inputs.count) / 1_000_000
        return evaluation
    }
}
