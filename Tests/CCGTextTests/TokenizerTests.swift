import CCGModel
import CCGTokenize
import Testing

@Suite struct TokenizerTests {
    @Test func tokensMapBackIntoText() throws {
        let tokenizer = try Tokenizer()
        let text = "Dr. Amanda Doyle said: “CCGs aren’t failing” 🙂 — see tinyurl.com/ndseadp. Prof. Majeed disagreed!"
        let unit = tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: text))
        for token in unit.tokens { #expect(unit.text(from: token.start, to: token.end) == token.text) }
        #expect(unit.tokens.contains { $0.kind == .url && $0.text == "tinyurl.com/ndseadp" })
        #expect(unit.tokens.contains { $0.kind == .emoji })
        #expect(unit.tokens.contains { $0.text == "aren’t" })
        #expect(unit.sentences.count == 2)
    }
}
