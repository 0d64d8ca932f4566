import CCGEvaluate
import CCGIngest
import CCGModel
import CCGPipeline
import CCGTestSupport
import Foundation
import Testing

/// Main-content selection on pages written for these tests, gzip input, and the benchmark metric.
@Suite struct ExtractionTests {
    let ingester = try! Ingester(lexicons: Fixtures.lexicons)

    static let paragraphs = [
        "The council approved the new budget on Tuesday after a long debate about local services and their costs.",
        "Members argued that the plan would protect libraries, although several warned that reserves were running low.",
        "Officials said the final figures would be published next month, once the auditors had checked every line.",
        "Residents who attended the meeting asked whether the changes would affect bus routes in the outer districts.",
    ]

    /// A news page: menus, a share bar, an article split by an advert and a figure, a sidebar, a footer.
    static func newsPage(bodyAttributes: String = "", wrapInForm: Bool = false) -> String {
        let menu = (1...12).map { "<li><a href=\"/s\($0)\">Section \($0)</a></li>" }.joined()
        let related = (1...6).map { "<li><a href=\"/r\($0)\">Another story about something else entirely number \($0)</a></li>" }.joined()
        let page = """
            <header class="site-header"><nav><ul>\(menu)</ul></nav></header>
            <div class="layout container has-sidebar">
              <main><article>
                <h1>Council approves budget</h1>
                <div class="share-bar"><a href="#">Share on Twitter</a> <a href="#">Email</a></div>
                <div class="story-column"><p>\(paragraphs[0])</p><p>\(paragraphs[1])</p></div>
                <div class="ad-slot"><p>Advertisement</p></div>
                <figure><img src="x.jpg"><figcaption>The council chamber on Tuesday. Photo: Staff</figcaption></figure>
                <div class="story-column"><p>\(paragraphs[2])</p><p>\(paragraphs[3])</p></div>
              </article></main>
              <aside class="sidebar"><h2>Most read</h2><ul>\(related)</ul></aside>
            </div>
            <footer><p>Copyright 2019 Example News. All rights reserved.</p></footer>
            """
        let body = wrapInForm ? "<form action=\"/page.aspx\" method=\"post\">\(page)</form>" : page
        return "<!doctype html><html><head><title>Council approves budget | Example News</title></head><body \(bodyAttributes)>\(body)</body></html>"
    }

    func articleText(_ html: String) throws -> String {
        try ingester.ingest(bytes: Array(html.utf8), source: "page.html").document.articleText
    }

    @Test func keepsTheArticleInOrderAndDropsTheFurniture() throws {
        for html in [Self.newsPage(), Self.newsPage(bodyAttributes: "class=\"menu-type-dropdown nav-open\""), Self.newsPage(wrapInForm: true)] {
            let text = try articleText(html)
            #expect(text == Self.paragraphs.joined(separator: "\n\n"))
        }
    }

    @Test func dataTablesAndOneLineParagraphsAreContent() throws {
        let rows = (1...8).map { "<tr><td>\($0)</td><td>Driver \($0)</td><td>\(5000 - $0 * 10)</td></tr>" }.joined()
        let menu = (1...10).map { "<li><a href=\"/m\($0)\">Menu \($0)</a></li>" }.joined()
        let html = """
            <html><body><ul class="menu">\(menu)</ul><div class="post"><h1>Standings</h1>
            <p>Here you will always find the standings after the latest race of the season.</p>
            <p>Final standings after 36 rounds:</p><table>\(rows)</table></div></body></html>
            """
        let text = try articleText(html)
        #expect(text.contains("Driver 8"))
        #expect(text.contains("Final standings after 36 rounds:"))
        #expect(!text.contains("Menu 3"))
    }

    @Test func bulletListsAndEmbeddedPostsAreContentHoverCardsAreNot() throws {
        // A buyer's guide: a paragraph, then per product a heading and a bullet list of short features
        // (no sentence ends, no links); an embedded social post quoted in the story; a name whose hover card
        // (photo, name, headlines) is rendered inside the paragraph.
        let features = (1...6).map { "<li>Feature number \($0) of this model</li>" }.joined()
        let products = (1...8).map { "<h2>Model \($0)</h2><ul>\(features)</ul>" }.joined()
        let card = """
            <span class="card"><img src="p.jpg"><a href="/p">Jane Hill</a><a href="/a1">Hill calls for review of clinic budget</a> \
            <a href="/a2">Hill backs new bus routes</a></span>
            """
        let html = """
            <html><body><nav><a href="/">Home</a> <a href="/deals">Deals</a></nav><div class="entry-content">
            <p>\(Self.paragraphs[0]) Councillor <a href="/p">Jane Hill</a>\(card) said the vote was close.</p>
            \(products)
            <div class="social-media-embed"><blockquote class="twitter-tweet"><p>Budget passed at last, and the libraries stay open tonight.</p>
            — Example Council (@council) <a href="/t">November 18, 2019</a></blockquote></div>
            <p>\(Self.paragraphs[1])</p></div></body></html>
            """
        let text = try articleText(html)
        #expect(text.contains("Councillor Jane Hill said the vote was close."))
        #expect(!text.contains("Hill backs new bus routes"))
        #expect(text.contains("Feature number 6 of this model") && text.contains("Model 8"))
        #expect(text.contains("Budget passed at last, and the libraries stay open tonight."))
        #expect(text.hasSuffix(Self.paragraphs[1]))
    }

    @Test func gzipPagesReadLikeTheirPlainForm() throws {
        let plain = try Data(contentsOf: URL(fileURLWithPath: Fixtures.debateHTML))
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gzipPath = folder.appendingPathComponent("debate.html.gz").path
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(Fixtures.debateHTML)' > '\(gzipPath)'"]
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0, "gzip is needed to write the test's compressed page")
        let fromGzip = try ingester.ingest(fileAt: gzipPath, source: "debate.html")
        let fromPlain = try ingester.ingest(bytes: [UInt8](plain), source: "debate.html")
        #expect(fromGzip.document == fromPlain.document)
        #expect(fromGzip.warnings.isEmpty)
        #expect(InputDiscovery.find([folder.path]).files == [gzipPath])

        // A cut-off download still gives its beginning, with a warning; a damaged stream is an error.
        let compressed = try [UInt8](Data(contentsOf: URL(fileURLWithPath: gzipPath)))
        let truncated = try ingester.ingest(bytes: Array(compressed.prefix(compressed.count * 2 / 3)), source: "cut.html.gz")
        #expect(truncated.warnings.first?.contains("truncated") == true)
        var damaged = compressed
        for index in 10..<min(60, damaged.count) { damaged[index] = 0xFF }
        #expect(throws: IngestError.self) { try ingester.ingest(bytes: damaged, source: "bad.html.gz") }
    }

    @Test func shingleMetricFollowsTheBenchmark() {
        #expect(ShingleMetric.tokens("Héllo, wörld_1 — 2½ cafe\u{301}").map(String.init) == ["Héllo", "wörld_1", "2½", "cafe"])
        let same = ShingleMetric.overlap(gold: "one two three four five", predicted: "one two three four five")
        #expect(same.precision == 1 && same.recall == 1)
        // Nothing predicted: no precision (left out of the mean), recall 0.
        let empty = ShingleMetric.overlap(gold: "one two three four five", predicted: "")
        #expect(empty.precision == nil && empty.recall == 0)
        // Half the predicted shingles are extra: 2 shared, 2 extra, 0 missing → P = 0.5, R = 1.
        let extra = ShingleMetric.overlap(gold: "a b c d e", predicted: "a b c d e x y")
        #expect(extra.precision == 0.5 && extra.recall == 1)
        // Texts shorter than a shingle are one shingle.
        #expect(ShingleMetric.overlap(gold: "two words", predicted: "two words").f1 == 1)
    }

    /// A theme whose comment markup the token lists do not know ("coms", numbered ids inside an element
    /// named "comment_tpl") still repeats one element per comment inside a container named for comments;
    /// a body whose class list carries feature flags naming comments is not a comment area.
    @Test func repeatedElementsInACommentAreaAreComments() throws {
        let remarks = [
            "Good job on the dovetails, but you have to flush them up to make them look their best.",
            "I tried the same joint last winter and the oak split along the grain twice before it held.",
        ]
        let items = remarks.enumerated().map { index, text in
            "<div class=\"coms\" id=\"com_\(21978 + index)\"><span class=\"blod-user\">reader \(index) said,</span><div class=\"blod-text\"><p>\(text)</p></div></div>"
        }.joined()
        let page = "<html><body><article><h1>Council approves budget</h1>"
            + Self.paragraphs.map { "<p>\($0)</p>" }.joined()
            + "</article><div id=\"comment_tpl\"><h2>2 users responded</h2>\(items)</div></body></html>"
        let document = try ingester.ingest(bytes: Array(page.utf8), source: "page.html").document
        let comments = document.units.filter { $0.type == .comment }
        #expect(comments.count == 2)
        #expect(comments.allSatisfy { unit in remarks.contains { unit.text.contains($0) } })
        #expect(document.articleText == Self.paragraphs.joined(separator: "\n\n"))

        let flagged = "<html><body class=\"permalink f_comments_taboola_ad_on\"><div class=\"post commented\"><h1>Council approves budget</h1>"
            + Self.paragraphs.map { "<div class=\"para\"><p>\($0)</p></div>" }.joined() + "</div></body></html>"
        let article = try ingester.ingest(bytes: Array(flagged.utf8), source: "page.html").document
        #expect(article.units.allSatisfy { $0.type != .comment })
        #expect(article.articleText == Self.paragraphs.joined(separator: "\n\n"))
    }

    /// Each published gold layout reads into the same pages; comments count only where a set marks them.
    @Test func goldLayoutsReadIntoOnePageForm() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func write(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let zyte = try ExtractionGold.load(try write("ground-truth.json", #"{"a": {"articleBody": "Body.", "url": "https://x.example/a"}}"#))
        #expect(zyte.format == .zyte && zyte.pages["a"] == ExtractionGold.Page(id: "a", url: "https://x.example/a", article: "Body.", comments: nil))
        #expect(!zyte.marksComments)
        let dragnet = try ExtractionGold.load(try write("d.jsonl", #"{"id": "9", "article": "Story.", "comments": "Nice."}"# + "\n" + #"{"id": "10", "article": "Other.", "comments": ""}"# + "\n"))
        #expect(dragnet.format == .dragnet && dragnet.pages["9"]?.comments == "Nice." && dragnet.pages["10"]?.comments == "" && dragnet.marksComments)
        let l3s = try ExtractionGold.load(
            try write("l.jsonl", #"{"id": "u", "headline": "Head", "full_text": "Text.", "supplemental": "Caption.", "related_content": "More", "comments": ""}"#))
        #expect(l3s.format == .l3s && l3s.pages["u"]?.article == "Head\n\nText.\n\nCaption.")
        let text = try ExtractionGold.load(try write("t.jsonl", #"{"id": 3, "text": "Clean.", "url": "http://y.example/"}"#))
        #expect(text.format == .text && text.pages["3"]?.article == "Clean." && text.pages["3"]?.comments == nil)
        #expect(throws: EvaluationInputError.self) { try ExtractionGold.load(try write("bad.jsonl", #"{"id": "1", "text": "a"}"# + "\nnot json\n")) }
        #expect(throws: EvaluationInputError.self) { try ExtractionGold.load(try write("twice.jsonl", #"{"id": "1", "text": "a"}"# + "\n" + #"{"id": "1", "text": "b"}"#)) }
    }

    /// Comments are scored apart from the article, on pages that have them; comment text found on a page the
    /// gold says has none is counted; a whole-page gold compares article and comments together.
    @Test func commentsAreScoredApartFromTheArticle() {
        let story = "the council approved the budget after a long debate about local services"
        let remark = "i think this budget will close our library and nobody asked us first"
        let gold = [
            "with": ExtractionGold.Page(id: "with", article: story, comments: remark),
            "without": ExtractionGold.Page(id: "without", article: story, comments: ""),
        ]
        let predictions = [
            "with": ExtractionEvaluation.Prediction(article: story + " " + remark, comments: ""),
            "without": ExtractionEvaluation.Prediction(article: story, comments: "share this story on social media now please"),
        ]
        let scored = ExtractionEvaluation.score(gold: gold, predictions: predictions)
        #expect(scored.commentPages == 1 && scored.commentSummary?.recall == 0)
        #expect(scored.commentlessPages == 1 && scored.spuriousCommentShare == 1)
        #expect(scored.summary.recall == 1 && scored.summary.precision < 1)
        let whole = ExtractionEvaluation.score(
            gold: ["p": ExtractionGold.Page(id: "p", article: story + " " + remark, comments: nil)],
            predictions: ["p": ExtractionEvaluation.Prediction(article: story, comments: remark)], wholePage: true)
        #expect(whole.summary.f1 > 0.8 && whole.commentSummary == nil && whole.spuriousCommentShare == nil)
    }

    static let benchmark = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/article-extraction-benchmark")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: benchmark.appendingPathComponent("output/trafilatura.json").path),
        "article-extraction benchmark not found beside the project (../shared/benchmarks); skipped"))
    func storedTrafilaturaOutputScoresAsPublished() throws {
        let gold = try ExtractionEvaluation.loadArticles(Self.benchmark.appendingPathComponent("ground-truth.json").path)
        let predictions = try ExtractionEvaluation.loadArticles(Self.benchmark.appendingPathComponent("output/trafilatura.json").path).mapValues(\.body)
        let summary = ExtractionEvaluation.score(gold: gold, predictions: predictions).summary
        #expect((summary.f1 * 1000).rounded() == 958 && (summary.precision * 1000).rounded() == 938 && (summary.recall * 1000).rounded() == 978)
        #expect((summary.accuracy * 1000).rounded() == 293)
    }
}
