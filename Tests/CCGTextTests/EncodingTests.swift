import CCGIngest
import CCGTestSupport
import Foundation
import Testing

/// Pages in the encodings saved pages come in: each must read as the same text, and bytes that fit no
/// encoding must be replaced with a warning, never a crash.
@Suite struct EncodingTests {
    let ingester = try! Ingester(lexicons: Fixtures.lexicons)

    static let sentence = "Le café coûte 3 € — “très cher”, disent les élèves de la Côte."

    static func page(head: String = "", body: String = sentence) -> String {
        "<html><head>\(head)<title>Prix</title></head><body><article><h1>Prix</h1><p>\(body)</p><p>\(body)</p></article></body></html>"
    }

    func text(_ bytes: [UInt8]) throws -> (text: String, warnings: [String]) {
        let outcome = try ingester.ingest(bytes: bytes, source: "page.html")
        return (outcome.document.articleText, outcome.warnings)
    }

    /// Windows-1252 bytes of `text` (every character of the test sentence is in it).
    static func windows1252(_ text: String) -> [UInt8] {
        let high: [Character: UInt8] = ["€": 0x80, "“": 0x93, "”": 0x94, "—": 0x97]
        return text.flatMap { character -> [UInt8] in
            if let byte = high[character] { return [byte] }
            let scalar = character.unicodeScalars.first?.value ?? 0x3F
            return [scalar < 0x100 ? UInt8(scalar) : 0x3F]
        }
    }

    @Test func byteOrderMarks() throws {
        let expected = [Self.sentence, Self.sentence].joined(separator: "\n\n")
        let utf8 = try text([0xEF, 0xBB, 0xBF] + Array(Self.page().utf8))
        #expect(utf8.text == expected && utf8.warnings.isEmpty)
        let utf16 = Self.page().utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let little = try text([0xFF, 0xFE] + utf16)
        #expect(little.text == expected && little.warnings.isEmpty)
    }

    @Test func declaredLegacyCharsets() throws {
        let expected = [Self.sentence, Self.sentence].joined(separator: "\n\n")
        for head in ["<meta charset=\"windows-1252\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"] {
            let result = try text(Self.windows1252(Self.page(head: head)))
            #expect(result.text == expected, "\(head)")
            #expect(result.warnings.isEmpty)
        }
        // ISO-8859-1 has no € or curly quotes: a sentence within Latin-1.
        let latin = "Les élèves de la Côte paient le café moins cher à la rentrée."
        let result = try text(Self.windows1252(Self.page(head: "<meta charset=\"ISO-8859-1\">", body: latin)))
        #expect(result.text == [latin, latin].joined(separator: "\n\n"))
    }

    @Test func invalidBytesAreReplacedWithAWarning() throws {
        // Undeclared, and declared as UTF-8 while the bytes are Windows-1252: read as Windows-1252, said so.
        for head in ["", "<meta charset=\"utf-8\">"] {
            let result = try text(Self.windows1252(Self.page(head: head)))
            #expect(result.text.contains("café coûte 3 €"), "\(head)")
            #expect(result.warnings.contains { $0.contains("not valid UTF-8") }, "\(head)")
        }
        // A stray byte in a UTF-8 page, and bytes that map to nothing in Windows-1252: no crash, text kept.
        var bytes = Array(Self.page().utf8)
        bytes.insert(contentsOf: [0x81, 0xFF, 0xC3], at: bytes.count - 30)
        let result = try text(bytes)
        #expect(result.text.contains("disent les"))
        #expect(!result.warnings.isEmpty)
    }
}
