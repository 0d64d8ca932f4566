import CCGIngest
import CCGModel
import CCGTestSupport
import Foundation
import Testing

@Suite struct IngestTests {
    let ingester = try! Ingester(lexicons: Fixtures.lexicons)

    @Test(arguments: [Fixtures.debateText, Fixtures.debateHTML])
    func debateStructure(path: String) throws {
        let document = try ingester.ingest(fileAt: path).document
        #expect(document.kind == .debate)
        #expect(document.debate?.motion == "Are CCGs a failed experiment?")
        #expect(document.debate?.sides.map(\.side) == [.yes, .no])
        #expect(document.debate?.sides.map(\.author) == ["Prof Azeem Majeed", "Dr Amanda Doyle"])
        let sections = document.debate?.sides.compactMap { document.unit($0.unit) } ?? []
        #expect(sections.map(\.type) == [.section, .section])
        let comments = document.units.filter { $0.type == .comment }
        #expect(comments.count == 10)
        #expect(comments.map(\.author) == [
            "Kaiser Chaudhri", nil, nil, nil, nil, "Azeem Majeed", "Azeem Majeed", "Azeem Majeed", "Vinci Ho", "Azeem Majeed",
        ])
        #expect(comments[0].role == "GP Partner" && comments[0].timestamp == "2015-06-19T14:58")
        #expect(comments[8].role == "GP Partner" && comments[8].timestamp == "2015-06-21T12:25")
        // Replies that quote a parent's header point at that parent (the first found by its content).
        #expect(comments[5].replyTo == comments[0].id && comments[5].replyEvidence == .quotedHeader)
        #expect(comments[7].replyTo == comments[0].id)
        #expect(comments[9].replyTo == comments[8].id)
        #expect(comments[0].attributionFrom == comments[5].id)
        // The corrected re-post.
        #expect(comments[7].duplicateOf == comments[5].id)
        #expect(comments.filter { $0.duplicateOf != nil }.count == 1)
        // The quoted header is not part of the reply's own text.
        #expect(!comments[5].text.contains("| GP Partner |"))
    }

    @Test(arguments: ["000_76cff8764e637c07", "001_619a6445ac8cb7d8", "002_1a94dbf4a3711592", "003_2a00a1b55f312868", "004_6b0ec5433a147b8f"])
    func htmlAndTextGiveTheSameStructure(stem: String) throws {
        let text = try ingester.ingest(fileAt: Fixtures.corpus.appendingPathComponent(stem + ".txt").path).document
        let html = try ingester.ingest(fileAt: Fixtures.corpus.appendingPathComponent(stem + ".html").path).document
        #expect(text.debate == html.debate)
        // The fourth scrape lost its title; its page still has one.
        let textUnits = text.units.filter { $0.type != .headline }
        let htmlUnits = html.units.filter { $0.type != .headline }
        #expect(textUnits.map(\.type) == htmlUnits.map(\.type))
        // Figure captions are not article text; a scrape cannot tell them from paragraphs, the page can.
        let captions = try String(contentsOf: Fixtures.corpus.appendingPathComponent(stem + ".html"), encoding: .utf8)
            .components(separatedBy: "<figcaption>").dropFirst().compactMap { $0.components(separatedBy: "</figcaption>").first }
        for (a, b) in zip(textUnits, htmlUnits) {
            let textWithoutCaptions = a.text.components(separatedBy: "\n\n").filter { !captions.contains($0) }.joined(separator: "\n\n")
            #expect(textWithoutCaptions == b.text, "unit \(a.id) differs between forms")
            #expect(a.author == b.author && a.role == b.role && a.timestamp == b.timestamp && a.duplicateOf == b.duplicateOf)
        }
        #expect(Set(text.units.filter { $0.type == .comment }.map(\.replyTo)) == Set(html.units.filter { $0.type == .comment }.map(\.replyTo)))
    }

    @Test func noFurnitureInsideAnyUnit() throws {
        let banned = ["cookie", "report this comment", "unsuitable or offensive", "click to rate", "out of 5", "skip to", "results per page", "share this", "related articles", "privacy policy", "have your say", "rate this article"]
        for file in try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path) where file.hasSuffix(".html") || file.hasSuffix(".txt") {
            let document = try ingester.ingest(fileAt: Fixtures.corpus.appendingPathComponent(file).path).document
            for unit in document.units {
                for phrase in banned { #expect(!unit.text.lowercased().contains(phrase), "\(file) \(unit.id) contains '\(phrase)'") }
            }
        }
    }

    @Test func htmlMetadataAndKinds() throws {
        let debate = try ingester.ingest(fileAt: Fixtures.debateHTML).document
        #expect(debate.published == "2015-06-19" && debate.site == "Pulse")
        #expect(debate.url?.hasPrefix("https://www.pulsetoday.co.uk/") == true)
        #expect(debate.metadataSources["published"] == "jsonld")
        let press = try ingester.ingest(fileAt: Fixtures.corpus.appendingPathComponent("001_619a6445ac8cb7d8.txt").path).document
        #expect(press.kind == .pressRelease && press.authors.isEmpty)
        let oneSided = try ingester.ingest(fileAt: Fixtures.corpus.appendingPathComponent("003_2a00a1b55f312868.txt").path).document
        #expect(oneSided.debate?.motion == "Should CCGs performance manage GP practices?")
        #expect(oneSided.debate?.sides.first?.author == "Dr Charles Alessi")
    }

    @Test func nestedThreadsRolesAndTimesFromMarkup() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Thread test | Example</title></head><body><main><article><h1>Is remote triage working?</h1>
            <p>The debate about remote triage in general practice continues, with strong views on both sides of it.</p></article>
            <section class="comments"><h2>Comments (3)</h2><ol>
            <li class="comment"><div class="meta"><span class="author">Jane Smith</span> <span class="role">Salaried GP</span> <time datetime="2021-03-02T09:15:00Z">2 March 2021</time></div>
              <div class="body"><p>It has made my days longer and patients angrier.</p></div>
              <ol class="children"><li class="comment"><div class="meta"><span class="author">Omar Khan</span> <span class="role">Practice manager</span> <time datetime="2021-03-02T10:00:00Z">2 March</time></div>
                <div class="body"><p>Our patients like the online option.</p></div><a class="reply">Reply</a></li></ol></li>
            <li class="comment"><div class="meta"><span class="author">Ann Lee</span></div><div class="body"><p>Too early to tell.</p></div></li>
            </ol></section></body></html>
            """
        let document = try ingester.ingest(bytes: Array(html.utf8), source: "thread.html").document
        let comments = document.units.filter { $0.type == .comment }
        #expect(comments.map(\.author) == ["Jane Smith", "Omar Khan", "Ann Lee"])
        #expect(comments.map(\.role) == ["Salaried GP", "Practice manager", nil])
        #expect(comments[0].timestamp == "2021-03-02T09:15Z")
        #expect(comments[1].replyTo == comments[0].id && comments[1].replyEvidence == .nesting)
        #expect(comments[2].replyTo == nil)
        #expect(!comments[1].text.contains("Reply"))
        #expect(document.title == "Thread test")
    }

    @Test func charsetFallbackIsReported() throws {
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9] + Array(" society debate text about the NHS budget.".utf8)
        let outcome = try ingester.ingest(bytes: bytes, source: "latin1.txt")
        #expect(outcome.document.units.first?.text.contains("Café") == true)
        #expect(outcome.warnings.first?.contains("not valid UTF-8") == true)
    }
}
