import CCGModel
import CCGTestSupport
import Foundation
import Testing

@testable import CCGIngest

/// Raw script and style contents and unread attributes are removed before libxml2 reads a page (for
/// speed); these hold the removal to its promise: the tree built from a page is the same with or without it.
@Suite struct MarkupElisionTests {
    let vocabulary = try! IngestRules(IngestConfiguration.load(from: Fixtures.lexicons)).vocabulary

    /// Input, and what is left of it (nil: left whole).
    static let cases: [(String, String?)] = [
        (#"<p>a</p><script>var x = "</div>";</script><p>b</p>"#, "<p>a</p><script></script><p>b</p>"),
        ("<style>p { color: red }</STYLE><SCRIPT defer>x()</script >", "<style></STYLE><SCRIPT ></script >"),
        (#"<script type="application/ld+json">{"a": 1}</script><script>x</script>"#, #"<script type="application/ld+json">{"a": 1}</script><script></script>"#),
        (#"<script TYPE='APPLICATION/LD+JSON' type="text/javascript">{}</script>"#, nil),
        (#"<script type="application&#47;ld+json">{}</script>"#, nil),
        (#"<script type=module>m()</script>"#, "<script type=module></script>"),
        (#"<script src="x"/><p>kept</p></script>"#, "<script /><p>kept</p></script>"),
        ("<script src=a/>text</script>", "<script ></script>"),
        ("<!-- <script> --><p>x</p><script>y</script>", "<!-- <script> --><p>x</p><script></script>"),
        (#"<div title="<script>">x</div><div title='>'>y</div>"#, nil),
        ("a < b <3 <script>x</script>", "a < b <3 <script></script>"),
        (#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><script>x</script>"#,
         #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><script></script>"#),
        (#"<?xml version="1.0"?><html><script>x</script></html>"#, #"<?xml version="1.0"?><html><script></script></html>"#),
        // Readings that differ between libxml2 versions, or that only libxml2 can settle: the rest is left.
        ("<script>a</scripts>b</script>", nil),
        ("<script>never closed", nil),
        (#"<div "bogus">x</div><script>y</script>"#, nil),
        ("<!--><script>x</script>", nil),
        ("<!-- a --!> <script>x</script> -->", nil),
        ("<![CDATA[ x ]]><script>y</script>", nil),
        (#"</p class="a>b"><script>y</script>"#, nil),
        ("<script>a\u{0}b</script>", nil),
        ("<script>ok</script><_x><script>y</script>", "<script></script><_x><script>y</script>"),
        // Unread attributes go with the blanks after them; read ones and those libxml2 acts on stay.
        (#"<a href="u"x="1" y='2' data-z=3>t</a>"#, #"<a href="u">t</a>"#),
        (#"<meta charset="utf-8" data-x><img src=a.jpg/>"#, #"<meta charset="utf-8" ><img >"#),
        (#"<div CLASS="a" Data-Y="b" srcset="x 1x, y 2x">z</div>"#, #"<div CLASS="a" >z</div>"#),
        (#"<p data-a="1" "bogus">x</p><script>y</script>"#, nil),
    ]

    @Test(arguments: cases.indices)
    func removesOnlyWhatIsCertain(index: Int) {
        let (input, expected) = Self.cases[index]
        let output = MarkupElision.elided(Array(input.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(output == expected, "\(input)")
        #expect(tree(input) == tree(input, eliding: false), "\(input)")
    }

    @Test func invalidUTF8IsLeft() {
        let inScript = Array("<script>a".utf8) + [0xFF] + Array("b</script><p>x</p>".utf8)
        #expect(MarkupElision.elided(inScript) == nil)
        let inAttribute = Array("<p data-a=\"".utf8) + [0xC3] + Array("\">x</p><script>y</script>".utf8)
        #expect(MarkupElision.elided(inAttribute) == nil)
    }

    /// Past the tree's depth limit, a script's contents are dropped as they are when the limit is not reached.
    @Test func scriptsBeyondTheDepthLimit() {
        let depth = HTMLParser.maximumDepth + 20
        let page = String(repeating: "<div>", count: depth) + "before<script>var hidden = 1;</script>after<style>p{}</style>"
            + String(repeating: "</div>", count: depth)
        let built = tree(page)
        #expect(built == tree(page, eliding: false))
        #expect(built.contains("beforeafter") && !built.contains("hidden"))
    }

    /// Every HTML page the tests have, and the 181 benchmark pages when they are present.
    @Test func sameTreesOnRealPages() throws {
        var pages: [(String, [UInt8])] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).sorted() where file.hasSuffix(".html") {
            pages.append((file, Array(try Data(contentsOf: Fixtures.corpus.appendingPathComponent(file)))))
        }
        let benchmark = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks/article-extraction-benchmark/html")
        if let files = try? FileManager.default.contentsOfDirectory(atPath: benchmark.path) {
            for file in files.sorted() {
                let data = try Data(contentsOf: benchmark.appendingPathComponent(file))
                let bytes = file.hasSuffix(".gz") ? try Gzip.decompress(Array(data), limit: 64 << 20).bytes : Array(data)
                if TextDecoding.isValidUTF8(bytes) { pages.append((file, bytes)) }
            }
        } else {
            print("MarkupElisionTests: no benchmark pages at \(benchmark.path); checked the sample corpus only")
        }
        #expect(pages.count >= 5)
        var removed = 0
        for (name, bytes) in pages {
            removed += MarkupElision.elided(bytes).map { bytes.count - $0.count } ?? 0
            #expect(tree(bytes) == tree(bytes, eliding: false), "\(name)")
        }
        #expect(removed > 0)
    }

    private func tree(_ page: String, eliding: Bool = true) -> String { tree(Array(page.utf8), eliding: eliding) }

    /// The whole tree as text: names, attributes, hints, subtree summaries and text nodes.
    private func tree(_ bytes: [UInt8], eliding: Bool = true) -> String {
        guard let root = HTMLParser.parse(bytes, encoding: "UTF-8", vocabulary: vocabulary, elidingUnreadMarkup: eliding) else { return "(none)" }
        var lines: [String] = []
        func dump(_ element: HTMLElement, depth: Int) {
            let attributes = element.attributes.map { "\($0.name)=\($0.value.debugDescription)" }.joined(separator: " ")
            lines.append("\(depth) <\(element.name) \(attributes)> \(element.hints.rawValue) \(element.subtreeHints.rawValue) \(element.proseBytes) \(element.holdsForm)")
            for child in element.children {
                switch child {
                case .element(let nested): dump(nested, depth: depth + 1)
                case .text(let text): lines.append("\(depth + 1) \(text.debugDescription)")
                }
            }
        }
        dump(root, depth: 0)
        return lines.joined(separator: "\n")
    }
}
