import CCGModel
@testable import CCGTokenize
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

/// The tokenizer skips ICU's sentence iterator for ASCII text with no full stop, "!", "?" or line break;
/// ICU, run anyway, must agree that such a text is one sentence, whatever else it holds.
@Suite struct SentenceShortcutTests {
    @Test func asciiTextWithoutTerminatorsIsOneSentenceToICU() throws {
        let iterators = try BreakIterators(locale: "en")
        let alphabet = Array("abc XYZ 019 ,;:'\"()[]{}<>-_/\\@#$%^&*+=|~`\t\u{0B}\u{0C}".utf8)
        var state: UInt64 = 1
        var texts = ["Mr Smith said: \"no\" (twice) - then left", "a\tb\u{0B}c\u{0C}d", "  spaces  ", "e.g", "x"]
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(state % 60 + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(alphabet[Int(state >> 33) % alphabet.count])
            }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        for text in texts where Tokenizer.readASCII(Array(text.utf8)).oneSentence {
            let utf16 = text.utf8.map(UInt16.init)
            #expect(iterators.breaks(utf16).sentenceEnds == [utf16.count], "\(text.debugDescription)")
            #expect(iterators.breaks(utf16, oneSentence: true).sentenceEnds == [utf16.count])
        }
        for text in ["One. Two", "Really? Yes", "Wow! Yes", "line\nbreak", "line\rbreak"] {
            #expect(Tokenizer.readASCII(Array(text.utf8)) == (true, false), "\(text.debugDescription)")
        }
    }

    /// Non-ASCII text is transcoded in one pass: offsets still map every token back into the text.
    @Test func transcodedOffsetsMapBack() throws {
        let tokenizer = try Tokenizer()
        let text = "Café 🙂 naïve — 𝒳 marks “it”. Zoë’s 👍🏽 done!"
        let unit = tokenizer.tokenize(TextUnit(id: "u1", type: .body, text: text))
        for token in unit.tokens { #expect(unit.text(from: token.start, to: token.end) == token.text) }
        #expect(unit.sentences.count == 2)
        let (utf16, _) = OffsetMap.transcoding(text)
        #expect(utf16 == Array(text.utf16))
        #expect(Tokenizer.readASCII(Array(text.utf8)) == (false, false))
        #expect(Tokenizer.readASCII(Array("café".utf8)) == (false, false))  // no terminator, but not ASCII
    }
}
