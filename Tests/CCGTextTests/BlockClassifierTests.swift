import CCGEvaluate
import CCGIngest
import CCGModel
import CCGTestSupport
import Foundation
import Testing

/// The learnt block classifier: its features line up with their names, a file this build cannot use is
/// refused, training fits a model that reads a page written here, and with no classifier the hand rules
/// give what they always gave.
@Suite struct BlockClassifierTests {
    static let page = ExtractionTests.newsPage()

    func candidates(_ html: String) throws -> [BlockCandidate] {
        var ingester = try Ingester(lexicons: Fixtures.lexicons, blockClassifier: .none)
        ingester.collectsBlockCandidates = true
        return try ingester.ingest(bytes: Array(html.utf8), source: "page.html").blockCandidates
    }

    @Test func everyBlockHasOneValuePerNamedFeature() throws {
        let blocks = try candidates(Self.page)
        #expect(blocks.count >= 6)
        #expect(Set(BlockFeatures.names).count == BlockFeatures.names.count)
        for block in blocks {
            #expect(block.features.count == BlockFeatures.names.count)
            #expect(block.features.allSatisfy { $0.isFinite })
        }
        // The article's paragraphs sit in the container the hand rules chose; the share bar (furniture inside
        // the article, dropped there) does not.
        let chosen = try #require(BlockFeatures.names.firstIndex(of: "in-chosen-container"))
        let paragraph = try #require(blocks.first { $0.text == ExtractionTests.paragraphs[0] })
        #expect(paragraph.features[chosen] == 1)
        let shareBar = try #require(blocks.first { $0.text == "Share on Twitter Email" })
        #expect(shareBar.features[chosen] == 0)
    }

    @Test func handRulesAloneAreTheDefault() throws {
        let configured = try Ingester(lexicons: Fixtures.lexicons)
        let none = try Ingester(lexicons: Fixtures.lexicons, blockClassifier: .none)
        let bytes = Array(Self.page.utf8)
        let withDefault = try configured.ingest(bytes: bytes, source: "p.html").document
        let handRules = try none.ingest(bytes: bytes, source: "p.html").document
        #expect(withDefault == handRules)
    }

    @Test func aFileForOtherFeaturesIsRefused() throws {
        let width = BlockFeatures.names.count
        let good = BlockClassifier(
            source: "test", licence: "test", means: Array(repeating: 0, count: width), scales: Array(repeating: 1, count: width),
            weights: Array(repeating: 0, count: width), bias: 0, threshold: 0.5, cost: 1, examples: 1)
        #expect(throws: Never.self) { _ = try good.validated() }
        var fewer = good
        fewer.features.removeLast()
        fewer.weights.removeLast()
        #expect(throws: IncompatibleWeights.self) { _ = try fewer.validated() }
        var zeroScale = good
        zeroScale.scales[0] = 0
        #expect(throws: IncompatibleWeights.self) { _ = try zeroScale.validated() }
        var badThreshold = good
        badThreshold.threshold = 1
        #expect(throws: IncompatibleWeights.self) { _ = try badThreshold.validated() }
    }

    /// A source of pages written here, fitted on and read back: the classifier learns that the article's
    /// paragraphs are text and the menu is not, and extraction with it keeps the article.
    @Test func fitsOnASourceAndReadsItsPages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("block-classifier-\(UUID().uuidString)")
        let html = folder.appendingPathComponent("html")
        try FileManager.default.createDirectory(at: html, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var gold: [String] = []
        for index in 0..<4 {
            let page = index % 2 == 0 ? ExtractionTests.newsPage() : ExtractionTests.newsPage(wrapInForm: true)
            try Data(page.utf8).write(to: html.appendingPathComponent("p\(index).html"))
            let record = ["id": "p\(index)", "text": ExtractionTests.paragraphs.joined(separator: "\n")]
            gold.append(String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self))
        }
        try Data(gold.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("gold.jsonl"))
        let source = try BlockClassifierTraining.Source.folder(folder.path, wholePage: false)
        let blocks = try BlockClassifierTraining.blocks(of: source, lexicons: Fixtures.lexicons)
        #expect(blocks.pages == 4)
        #expect(blocks.positives == 16)
        let classifier = try BlockClassifierTraining.fit([blocks], cost: 1, threshold: 0.5, source: "test", licence: "test").validated()
        let ingester = try Ingester(
            configuration: IngestConfiguration.load(from: Fixtures.lexicons), commentFields: CommentFieldConvention.load(from: Fixtures.lexicons),
            blockClassifier: classifier)
        let text = try ingester.ingest(bytes: Array(Self.page.utf8), source: "page.html").document.articleText
        #expect(text == ExtractionTests.paragraphs.joined(separator: "\n\n"))
    }
}
