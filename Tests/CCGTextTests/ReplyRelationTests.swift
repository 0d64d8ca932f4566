import CCGEvaluate
import CCGLearn
import CCGModel
import CCGTestSupport
import CCGTokenize
import Foundation
import SentimentAnalyser
import StanceAnalyser
import Testing

/// How a reply relates to the comment it answers: the three labelled forms read alike, the shipped model
/// is what its command writes, and the analyser says which relation it used.
@Suite struct ReplyRelationTests {
    static let benchmarks = Fixtures.root.deletingLastPathComponent().appendingPathComponent("shared/benchmarks")

    @Test func eachLabelledFormIsReadAsPairs() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let forum = folder.appendingPathComponent("iac")
        try FileManager.default.createDirectory(at: forum, withIntermediateDirectories: true)
        // Discussion 5 is dev (a multiple of five), 7 train; the reply to oneself and the tie are no pairs.
        let posts = [
            #"{"discussion_id": 5, "post_id": 1, "parent_id": null, "author": "a", "topic": "gun control", "text": "Ban them.", "text_without_quotes": "Ban them.", "label": "favor"}"#,
            #"{"discussion_id": 5, "post_id": 2, "parent_id": 1, "author": "b", "topic": "gun control", "text": "> Ban them.\nNo.", "text_without_quotes": "No.", "label": "against"}"#,
            #"{"discussion_id": 5, "post_id": 3, "parent_id": 1, "author": "a", "topic": "gun control", "text": "Indeed.", "text_without_quotes": "Indeed.", "label": "favor"}"#,
            #"{"discussion_id": 7, "post_id": 1, "parent_id": null, "author": "c", "topic": "evolution", "text": "It is true.", "label": "favor"}"#,
            #"{"discussion_id": 7, "post_id": 2, "parent_id": 1, "author": "d", "topic": "evolution", "text": "Quite.", "label": "favor"}"#,
            #"{"discussion_id": 7, "post_id": 3, "parent_id": 1, "author": "e", "topic": "evolution", "text": "Hmm.", "label": "tie"}"#,
        ]
        try Data(posts.joined(separator: "\n").utf8).write(to: forum.appendingPathComponent("posts.jsonl"))
        let dev = try ReplyPairs.load(forum.path, split: "dev")
        #expect(dev.map(\.relation) == ["disagree"] && dev.first?.reply == "No." && dev.first?.parent == "Ban them." && dev.first?.group == "gun control")
        #expect(try ReplyPairs.load(forum.path, split: "train").map(\.relation) == ["agree"])
        #expect(try ReplyPairs.load(forum.path).count == 2)

        let quotes = folder.appendingPathComponent("quotes.jsonl")
        try Data((#"{"id": "q1", "topic": "masks", "quote": "Masks work.", "response": "They do.", "label": "agree"}"# + "\n\n"
            + #"{"id": "q2", "topic": "masks", "quote": "Masks work.", "response": "Who makes them?", "label": "neutral"}"# + "\n").utf8).write(to: quotes)
        #expect(try ReplyPairs.load(quotes.path).map(\.relation) == ["agree", "comment"])

        let rumours = folder.appendingPathComponent("rumours")
        try FileManager.default.createDirectory(at: rumours, withIntermediateDirectories: true)
        try Data("id\tlabel\n".utf8).write(to: rumours.appendingPathComponent("train_sdqc.tsv"))
        let thread = #"[{"thread_id": "1", "event": "storm", "tweets": [{"id": "1", "parent_id": null, "is_source": true, "text": "A storm hit.", "label": "support"}, {"id": "2", "parent_id": "1", "is_source": false, "text": "Fake.", "label": "deny"}, {"id": "3", "parent_id": "2", "is_source": false, "text": "Why?", "label": "query"}, {"id": "4", "parent_id": "1", "is_source": false, "text": "Source?", "label": "query"}]}]"#
        try Data(thread.utf8).write(to: rumours.appendingPathComponent("threads.json"))
        // Only direct replies to the source: their label toward it is their relation to their parent.
        #expect(try ReplyPairs.load(rumours.path).map(\.relation) == ["disagree", "ask"])

        #expect(throws: ReplyPairs.LoadError.self) { try ReplyPairs.load(folder.appendingPathComponent("missing").path) }
    }

    /// The learnt relation leans the right way on replies with no agreeing or disagreeing phrase, and a
    /// reply opening "Yes," or "No." answers its parent.
    @Test func repliesAreReadAsAgreeingOrDisagreeing() throws {
        let analyser = try StanceAnalyser(context: AnalyserContext(lexicons: Fixtures.lexicons))
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        let parent = "Banning cars was the best thing our city ever did: the centre is alive again."
        func reply(_ text: String) -> StanceAnalyser.UnitResult {
            let document = tokenizer.tokenize(Document(
                source: "thread", format: .text, kind: .comments, debate: Debate(motion: "Should cities ban cars from the centre?", sides: []),
                units: [TextUnit(id: "u1", type: .comment, text: parent), TextUnit(id: "u2", type: .comment, replyTo: "u1", text: text)]))
            let first = analyser.analyse(document.units[0], in: document, earlier: [:])
            return analyser.analyse(document.units[1], in: document, earlier: ["u1": first])
        }
        let disagreeing = reply("Prove it. You keep saying this and never give a source.")
        #expect(disagreeing.label == "against" && disagreeing.evidence.contains { $0.cue == "reply-relation" && $0.text.contains("disagrees") }, "\(disagreeing)")
        let agreeing = reply("Couldn't have said it better myself.")
        #expect(agreeing.label == "favor" && agreeing.evidence.contains { $0.cue == "reply-relation" && $0.text.contains("agrees") }, "\(agreeing)")
        let yes = reply("Yes, our town did the same and it worked well.")
        #expect(yes.label == "favor" && yes.evidence.contains { $0.cue == "agrees-with-parent" && $0.text == "Yes" }, "\(yes)")
        let no = reply("No. It emptied our high street.")
        #expect(no.label == "against" && no.evidence.contains { $0.cue == "disagrees-with-parent" }, "\(no)")
    }

    /// The shipped model is what scripts/train-reply-model.sh writes: a stale file fails here.
    @Test(.enabled(if: ["iac_4forums/posts.jsonl.gz", "subreddit_agreement/mask_mandate.jsonl", "rumoureval2017/threads.json"]
            .allSatisfy { FileManager.default.fileExists(atPath: benchmarks.appendingPathComponent($0).path) },
        "IAC 4forums, subreddit_agreement or RumourEval not found beside the project (../shared/benchmarks); skipped"))
    func shippedModelIsReproducedFromItsData() throws {
        let shipped = try NGramLinearModel.load(
            try Data(contentsOf: Fixtures.lexicons.root.appendingPathComponent(ReplyRelation.modelPath)), path: ReplyRelation.modelPath,
            format: NGramLinearModel.replyRelationFormat)
        let output = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let b = Self.benchmarks.path
        let result = try CommandLineTests.run([
            "train", "reply-relation", "--data", "\(b)/iac_4forums@train", "--minimum-groups", "6", "--costs", String(shipped.cost),
            "--lexicons", Fixtures.lexicons.root.path, "-o", output.appendingPathComponent("model.json").path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let refit = try NGramLinearModel.load(
            try Data(contentsOf: output.appendingPathComponent("model.json")), path: "refit", format: NGramLinearModel.replyRelationFormat)
        #expect(refit.terms == shipped.terms && refit.classifier == shipped.classifier,
            "lexicons/\(ReplyRelation.modelPath) is stale: rerun scripts/train-reply-model.sh")
    }
}
