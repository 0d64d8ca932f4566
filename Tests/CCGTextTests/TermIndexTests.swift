@testable import CCGLearn
import Testing

/// The learnt models' term table answers as a dictionary of the same terms would.
struct TermIndexTests {
    @Test func findsEveryTermAndNothingElse() {
        let terms = (0..<5000).map { "w\($0)" } + ["_t_ should not", "café au lait", "naïve", "", "a b c d e f g h i j k l m n o p"]
        let index = TermIndex(terms)
        for (position, term) in terms.enumerated() { #expect(index[term] == position, "\(term)") }
        for absent in ["w5000", "w-1", "_t_ should", "cafe au lait", "naive", " ", "a b c d e f g h i j k l m n o"] {
            #expect(index[absent] == nil, "\(absent)")
        }
    }

    @Test func anEmptyTableFindsNothing() {
        #expect(TermIndex([])["anything"] == nil)
    }

    /// A term bridged from Foundation (no contiguous UTF-8) hashes as the same term held natively.
    @Test func hashesByBytesWhateverTheStorage() {
        let native = "stance"
        let built = String(decoding: Array("stance".utf8), as: UTF8.self)
        #expect(TermIndex.hash(native) == TermIndex.hash(built))
    }
}
