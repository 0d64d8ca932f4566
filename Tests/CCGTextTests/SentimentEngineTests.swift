import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import SentimentAnalyser
import Testing

/// The engine's promises that examples cannot show: long texts do not saturate, and no input takes
/// more than linear time.
@Suite struct SentimentEngineTests {
    let engine: SentimentEngine
    let tokenizer: Tokenizer

    init() throws {
        engine = try SentimentEngine(lexicons: Fixtures.lexicons)
        tokenizer = try Tokenizer()
    }

    func score(_ text: String) -> Double {
        engine.score(unit: tokenizer.tokenize(TextUnit(id: "u1", type: .comment, text: text))).score
    }

    /// VADER sums a whole text, so forty mildly positive sentences score about 1; here a text is judged
    /// by its sentiment per sentence: repeating it leaves the score where three sentences put it, and
    /// neutral sentences dilute one positive remark.
    @Test func longTextsDoNotSaturate() {
        let sentence = "The clinic is fine. "
        let three = score(String(repeating: sentence, count: 3))
        let forty = score(String(repeating: sentence, count: 40))
        #expect(forty < 0.9)
        #expect(abs(forty - three) < 1e-9)
        let remark = score("The new clinic is excellent.")
        let diluted = score("The new clinic is excellent. " + String(repeating: "The car park is on the left. ", count: 30))
        #expect(diluted > 0 && diluted < remark / 2)
    }

    /// Inputs that trip quadratic loops (a megabyte of emoji, of one word, of emoticons glued together,
    /// of negators or concessive words in one sentence, of handles, one word of a single held letter):
    /// scoring four times the input must take about four times as long, never the sixteen times a
    /// quadratic step would. The best of three runs of each size is compared, with a generous bound for a
    /// shared machine.
    @Test(arguments: [
        ("emoji", "😡"), ("one word", "good "), ("emoticons", ":)"), ("negators", "no "), ("concession", "although nice "),
        ("capitalised", "Great Idea "), ("hyphens", "well-being-"), ("boosters", "very "), ("held letters", "o"),
        ("handles", "@a Good "),
    ])
    func scoringTakesLinearTime(_ name: String, _ piece: String) {
        func seconds(bytes: Int) -> Double {
            let text = String(repeating: piece, count: bytes / piece.utf8.count)
            var best = Double.infinity
            for _ in 0..<3 {
                let start = ContinuousClock.now
                _ = score(text)
                let elapsed = ContinuousClock.now - start
                best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            return best
        }
        let small = seconds(bytes: 256 * 1024)
        let large = seconds(bytes: 1024 * 1024)
        #expect(large < small * 8, "\(name): 1 MB took \(large) s, 256 KB \(small) s")
    }
}
