import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import StanceAnalyser
import Testing

/// Stance summaries: a debate's sides with the comments on each, comments by role and month, merged over
/// documents, and the table `ccgtext summary` prints.
@Suite struct StanceSummaryTests {
    @Test func summarisesSidesRolesAndMonths() throws {
        let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons))
        let document = Document(
            source: "debate.html", format: .html, kind: .debate,
            debate: Debate(motion: "Is X a failed experiment?", sides: [DebateSide(side: .no, author: "B", unit: "u2"), DebateSide(side: .yes, author: "A", unit: "u1")]),
            units: [
                TextUnit(id: "u1", type: .section, side: .yes, text: "Yes."), TextUnit(id: "u2", type: .section, side: .no, text: "No."),
                TextUnit(id: "u3", type: .comment, author: "C", role: "GP Partner", timestamp: "2015-06-19T10:00:00Z", text: "a"),
                TextUnit(id: "u4", type: .comment, author: "D", role: "GP Partner", timestamp: "2015-07-01T10:00:00Z", text: "b"),
                TextUnit(id: "u5", type: .comment, text: "c"),
            ])
        let tokenized = try Tokenizer().tokenize(document)
        func result(_ label: String) -> StanceAnalyser.UnitResult { .init(label: label, target: nil, confidence: 1, score: 0, evidence: []) }
        let summary = analyser.summarise(document: tokenized, results: ["favor", "against", "favor", "favor", "none"].map(result))
        #expect(summary.sides.map(\.side) == ["yes", "no"])
        #expect(summary.sides.map(\.commentsBacking) == [2, 0])
        #expect(summary.commentsByRole["GP Partner"]?.favor == 2)
        #expect(summary.commentsByRole["unknown"]?.none == 1)
        #expect(summary.commentsByMonth.keys.sorted() == ["2015-06", "2015-07"])

        let corpus = analyser.summarise(corpus: [summary, summary])
        #expect(corpus.motions.count == 1)
        #expect(corpus.motions[0].documents == 2)
        #expect(corpus.motions[0].comments.favor == 4)
        #expect(corpus.commentsByMonth["2015-06"]?.favor == 2)

        let text = StanceSummaryTable(summary: corpus, documents: 2, units: 10).text
        #expect(text.contains("Debate: “Is X a failed experiment?” (2 documents)"))
        #expect(text.contains("4 (67%)"))  // comments in favour, of 6
        #expect(text.contains("2015-07"))
        #expect(text.contains("YES  A"))
    }

    /// A crawl of debates has a motion a page: the corpus summary tallies the most argued ones and counts
    /// the rest, whose units still count in `all`.
    @Test func theCorpusListsTheMostArguedMotions() throws {
        let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons))
        let document = Document(
            source: "page.html", format: .html, kind: .debate, debate: Debate(motion: "Is X a failed experiment?", sides: []),
            units: [TextUnit(id: "u1", type: .comment, text: "a")])
        let tokenized = try Tokenizer().tokenize(document)
        var one = analyser.summarise(document: tokenized, results: [.init(label: "favor", target: nil, confidence: 1, score: 0, evidence: [])])
        var summaries: [StanceAnalyser.DocumentSummary] = []
        for index in 0..<(StanceAnalyser.listedMotions + 5) {
            one.motion = "Motion \(index)?"
            summaries.append(one)
        }
        one.motion = "The shared motion?"
        summaries += [one, one, one]
        let corpus = analyser.summarise(corpus: DocumentSummaries(summaries))
        #expect(corpus.motions.count == StanceAnalyser.listedMotions)
        #expect(corpus.motions.contains { $0.motion == "The shared motion?" && $0.documents == 3 })
        #expect(corpus.motionsNotListed == 6 && corpus.documentsInMotionsNotListed == 6)
        #expect(corpus.all.favor == summaries.count)
        #expect(analyser.summarise(corpus: DocumentSummaries(Array(summaries.suffix(4)))).motionsNotListed == nil)
    }
}
