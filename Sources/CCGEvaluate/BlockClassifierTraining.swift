import CCGIngest
import CCGLearn
import CCGModel
import Foundation

/// Fits the block classifier (`CCGIngest.BlockClassifier`) on extraction benchmarks: every block of every
/// page, as the ingester sees it before the main content is chosen, labelled by whether the gold article
/// holds its text.
///
/// Why by source: a source is one set of sites, and a block rule fitted to one set fits its sites. Training
/// takes any number of sources so that a model can be fitted without the one it is then scored on
/// (`scripts/train-block-classifier.sh` does that for each source before fitting the shipped model on all).
public enum BlockClassifierTraining {
    /// One benchmark folder: its gold file and its `html/` pages.
    public struct Source: Sendable {
        public var name: String
        public var gold: [String: ExtractionGold.Page]
        public var htmlDirectory: String
        /// The gold is a page's whole cleaned text (CleanEval's): comments count as the page's text too.
        public var wholePage: Bool

        /// A folder holding `ground-truth.json` (Zyte's layout) or `gold.jsonl`, and `html/`.
        public static func folder(_ path: String, wholePage: Bool) throws -> Source {
            let manager = FileManager.default
            let zyte = (path as NSString).appendingPathComponent("ground-truth.json")
            let jsonl = (path as NSString).appendingPathComponent("gold.jsonl")
            let goldPath = manager.fileExists(atPath: zyte) ? zyte : jsonl
            guard manager.fileExists(atPath: goldPath) else {
                throw EvaluationInputError.unreadable(path, "no ground-truth.json or gold.jsonl in this folder")
            }
            let html = (path as NSString).appendingPathComponent("html")
            guard manager.fileExists(atPath: html) else { throw EvaluationInputError.unreadable(html, "no html/ folder of pages beside the gold") }
            let name = ((path as NSString).standardizingPath as NSString).lastPathComponent
            return Source(name: name, gold: try ExtractionGold.load(goldPath).pages, htmlDirectory: html, wholePage: wholePage)
        }
    }

    /// A source's blocks, as feature rows with their labels.
    public struct LabelledBlocks: Sendable {
        public var source: String
        public var rows: [[Double]] = []
        public var isArticle: [Bool] = []
        public var pages = 0

        public var positives: Int { isArticle.count { $0 } }
    }

    /// Reads every gold page of `source` (pages that fail to ingest, or are threads, give no blocks).
    public static func blocks(of source: Source, lexicons: LexiconDirectory) throws -> LabelledBlocks {
        var ingester = try Ingester(lexicons: lexicons, blockClassifier: .none)
        ingester.collectsBlockCandidates = true
        var labelled = LabelledBlocks(source: source.name)
        for id in source.gold.keys.sorted() {
            guard let page = source.gold[id], let bytes = ExtractionEvaluation.pageBytes(id: id, in: source.htmlDirectory),
                let outcome = try? ingester.ingest(bytes: bytes.bytes, source: bytes.source), !outcome.blockCandidates.isEmpty
            else { continue }
            let gold = source.wholePage ? page.article + "\n" + (page.comments ?? "") : page.article
            let reference = GoldRuns(gold)
            labelled.pages += 1
            for candidate in outcome.blockCandidates {
                labelled.rows.append(candidate.features)
                labelled.isArticle.append(reference.holds(candidate.text))
            }
        }
        return labelled
    }

    /// Fits the classifier on `sets` (standardised features, liblinear's logistic regression with cost C).
    /// Each source weighs alike whatever its number of blocks: a large source's blocks are subsampled to
    /// the smallest's count times `sourceBalance` (deterministically, every k-th block).
    public static func fit(
        _ sets: [LabelledBlocks], cost: Double, threshold: Double, sourceBalance: Double = 2, wordWeighted: Bool = false, source: String,
        licence: String
    ) throws -> BlockClassifier {
        let smallest = sets.map(\.rows.count).filter { $0 > 0 }.min() ?? 0
        let cap = max(1, Int(Double(smallest) * sourceBalance))
        var rows: [[Double]] = []
        var labels: [Bool] = []
        for set in sets where !set.rows.isEmpty {
            let stride = max(1, (set.rows.count + cap - 1) / cap)
            for index in Swift.stride(from: 0, to: set.rows.count, by: stride) {
                // The metric counts words, so a block counts once more per doubling of its length.
                let copies = wordWeighted ? 1 + Int(set.rows[index][0] / log(2)) : 1
                for _ in 0..<copies {
                    rows.append(set.rows[index])
                    labels.append(set.isArticle[index])
                }
            }
        }
        guard let width = rows.first?.count else { throw LinearModel.TrainingError.noExamples }
        var means = [Double](repeating: 0, count: width)
        var scales = [Double](repeating: 0, count: width)
        for row in rows { for index in 0..<width { means[index] += row[index] } }
        means = means.map { $0 / Double(rows.count) }
        for row in rows { for index in 0..<width { scales[index] += (row[index] - means[index]) * (row[index] - means[index]) } }
        scales = scales.map { variance in
            let deviation = (variance / Double(rows.count)).squareRoot()
            return deviation > 1e-9 ? deviation : 1
        }
        func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
        means = means.map(rounded)
        scales = scales.map { max(rounded($0), 0.0001) }
        let standardised = rows.map { row in (0..<width).map { (row[$0] - means[$0]) / scales[$0] } }
        let (weights, bias) = try LinearModel.logOdds(rows: standardised, positive: labels, featureCount: width, cost: cost)
        return BlockClassifier(
            source: source, licence: licence, means: means, scales: scales, weights: weights, bias: bias, threshold: threshold, cost: cost,
            examples: rows.count)
    }

    /// The gold article's word runs, for asking whether a block's text is in it: a block of four words or
    /// more is when half its 4-word shingles are the gold's (the benchmark's own unit); a shorter one when
    /// its words occur in that order in the gold.
    struct GoldRuns {
        private var shingles: Set<String> = []
        private var shorter: [Set<String>] = [[], [], []]

        init(_ gold: String) {
            let tokens = ShingleMetric.tokens(gold).map(String.init)
            for length in 1...4 where tokens.count >= length {
                for start in 0...(tokens.count - length) {
                    let run = tokens[start..<(start + length)].joined(separator: " ")
                    if length == 4 { shingles.insert(run) } else { shorter[length - 1].insert(run) }
                }
            }
        }

        func holds(_ text: String) -> Bool {
            let tokens = ShingleMetric.tokens(text).map(String.init)
            guard !tokens.isEmpty else { return false }
            if tokens.count < 4 { return shorter[tokens.count - 1].contains(tokens.joined(separator: " ")) }
            var found = 0
            for start in 0...(tokens.count - 4) where shingles.contains(tokens[start..<(start + 4)].joined(separator: " ")) { found += 1 }
            return found * 2 >= tokens.count - 3
        }
    }
}
