@testable import CCGIngest
import CCGModel
import CCGPipeline
import CCGTestSupport
import CCGTokenize
import Foundation
import Testing

/// Inputs whose cost used to grow with the square of their size: a page of 10,000 comments (333 s in a
/// release build, every comment compared with every earlier one), a comment export whose replies form one
/// chain 20,000 deep (each comment walked up to the top), a unit of 200,000 sentences (each sentence end
/// scanning back over every token). Each must now finish far inside the time limit; `bash
/// scripts/hostile-scaling.sh` prints the times at several sizes (docs/limits.md).
@Suite(.serialized) struct LinearTimeInputTests {
    static let words = ["the", "ccg", "budget", "cut", "practice", "patients", "money", "services", "community", "hospital", "gp",
                        "board", "meeting", "plan", "care", "nurse", "waiting", "list", "funding", "target", "council", "review"]

    /// Pseudo-random words from a small vocabulary, so that comments share many phrases (the hard case
    /// for re-post and quote detection), the same on every run.
    static func text(_ count: Int, seed: inout UInt64) -> String {
        (0..<count).map { _ in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return words[Int(seed >> 33) % words.count]
        }.joined(separator: " ") + "."
    }

    static func page(comments: Int) -> [UInt8] {
        var seed: UInt64 = 7
        var html = "<html><head><title>Are CCGs a failed experiment?</title></head><body><article><h1>Are CCGs a failed experiment?</h1>"
        for _ in 0..<5 { html += "<p>\(text(60, seed: &seed))</p>" }
        html += "</article><section id=\"comments\"><ol class=\"commentlist\">"
        for index in 0..<comments {
            html += "<li class=\"comment\" id=\"comment-\(index)\"><div class=\"comment-author vcard\"><cite class=\"fn\">User \(index % 500)</cite></div>"
            html += "<div class=\"comment-meta\">12 May 2015 at 10:\(index % 50 + 10)</div><p>\(text(30, seed: &seed))</p></li>"
        }
        return Array((html + "</ol></section></body></html>").utf8)
    }

    /// Runs `ccgtext ARGUMENTS` on `input` written to a temporary folder: a process of its own, so that the
    /// time is the input's and not that of the tests running beside it in this one.
    static func run(_ arguments: [String], on input: [UInt8], named name: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(input).write(to: URL(fileURLWithPath: path))
        return try CommandLineTests.run(arguments + [path], in: folder)
    }

    @Test(.timeLimit(.minutes(1))) func aPageOfTenThousandCommentsIsReadInLinearTime() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let result = try Self.run(["extract", "--format", "json"], on: Self.page(comments: 10_000), named: "comments.html")
        #expect(result.status == 0, "\(result.stderr)")
        let entry = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(entry["units"]?.arrayValue?.filter { $0["type"]?.stringValue == "comment" }.count == 10_000)
    }

    /// A forum thread of 10,000 dated posts with no comment markup (each post unlike its neighbours' ids,
    /// the posts read as a thread), and 2,000 author-marked posts nested one inside the next: the thread
    /// recogniser groups siblings by position and reads bounded text, so neither grows with the square.
    @Test(.timeLimit(.minutes(1))) func aForumThreadOfTenThousandPostsIsReadInLinearTime() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        var seed: UInt64 = 13
        var html = "<html><head><title>Town forum</title></head><body><div id=\"page-body\">"
        for index in 0..<10_000 {
            html += "<div class=\"post\" id=\"p\(index)x\(index % 7)\"><p class=\"author\">by <a class=\"username\">user\(index % 300)</a> » Tue Jan 05, 2021 4:15 pm</p><div class=\"content\">\(Self.text(20, seed: &seed))</div></div>"
        }
        html += "</div></body></html>"
        let result = try Self.run(["extract", "--format", "json"], on: Array(html.utf8), named: "thread.html")
        #expect(result.status == 0, "\(result.stderr)")
        let entry = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        #expect(entry["units"]?.arrayValue?.filter { $0["type"]?.stringValue == "comment" }.count == 9_999)

        var nested = "<html><body>"
        for index in 0..<2_000 { nested += "<div class=\"post\"><span class=\"author\">user\(index)</span> \(Self.text(8, seed: &seed))" }
        nested += String(repeating: "</div>", count: 2_000) + "</body></html>"
        let deep = try Self.run(["extract", "--format", "json"], on: Array(nested.utf8), named: "nested.html")
        #expect(deep.status == 0 || deep.status == 1, "\(deep.stderr)")
    }

    @Test(.timeLimit(.minutes(1))) func aChainOfTwentyThousandRepliesIsLinkedInLinearTime() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        var seed: UInt64 = 11
        var lines = ""
        for index in 0..<20_000 {
            let parent = index == 0 ? "" : String(index)
            lines += "{\"id\": \"\(index + 1)\", \"parent_id\": \"\(parent)\", \"thread\": \"t1\", \"author\": \"u\(index % 50)\", \"text\": \"\(Self.text(20, seed: &seed))\"}\n"
        }
        // And a loop at the end of it: the last comment answers the first, which answers the last.
        lines += "{\"id\": \"loop-a\", \"parent_id\": \"loop-b\", \"thread\": \"t1\", \"text\": \"The CCG cut the budget for community services again.\"}\n"
        lines += "{\"id\": \"loop-b\", \"parent_id\": \"loop-a\", \"thread\": \"t1\", \"text\": \"The practices were not asked about the budget at all.\"}\n"
        let result = try Self.run(["extract", "--format", "json"], on: Array(lines.utf8), named: "chain.jsonl")
        #expect(result.status == 0, "\(result.stderr)")
        let entry = try JSONDecoder().decode(JSONValue.self, from: Data(result.stdout.utf8))
        let units = (entry["units"]?.arrayValue ?? []).filter { $0["type"]?.stringValue == "comment" }
        #expect(units.count == 20_002)
        #expect(units.filter { $0["replyTo"]?.stringValue != nil }.count == 20_000, "every reply but the first comment's, and one side of the loop")
        #expect(result.stderr.contains("parent ids forming a loop"), "\(result.stderr)")
    }

    @Test(.timeLimit(.minutes(1))) func aUnitOfTwoHundredThousandSentencesIsTokenizedInLinearTime() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let text = String(repeating: "Yes. ", count: 200_000) + "Dr. Smith agreed."
        let result = try Self.run(["kwic", "smith", "--format", "tsv"], on: Array(text.utf8), named: "yes.txt")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 2, "the header and the one line: \(result.stdout.prefix(300))")
        // The abbreviation still joins its sentence to the next (tokenizer behaviour, on a short text).
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        let document = Document(source: "dr.txt", format: .text, units: [TextUnit(id: "u1", type: .body, text: "Yes. Yes. Dr. Smith agreed.")])
        #expect(tokenizer.tokenize(document).units[0].sentences.count == 3)
    }

    /// A quoted passage looked for word for word in an earlier comment: a long quote of one repeated word
    /// cost the product of the two lengths (10¹⁰ comparisons here).
    @Test(.timeLimit(.minutes(1))) func aQuoteOfOneRepeatedWordIsFoundInLinearTime() {
        let haystack = Array(repeating: "the", count: 200_000)
        #expect(!CommentThreadLinker.contains(haystack, Array(repeating: "the", count: 100_000) + ["budget"]))
        #expect(CommentThreadLinker.contains(haystack + ["budget"], Array(repeating: "the", count: 100_000) + ["budget"]))
        // And it finds what the simple search finds.
        let words = "the ccg cut the budget and the ccg cut the budget again".split(separator: " ").map(String.init)
        for (needle, found) in [("ccg cut the budget again", true), ("the budget and the", true), ("cut the budget the", false), ("again", true), ("the the", false)] {
            #expect(CommentThreadLinker.contains(words, needle.split(separator: " ").map(String.init)) == found, "\(needle)")
        }
    }

    /// The loop cut is the earliest comment of each loop, wherever the walk starts.
    @Test func loopsInParentIdsAreCutAtTheirEarliestComment() {
        // 0 → 1 → 2 → 0 (a loop), 3 → 1 (a tail into it), 4 → 4 (its own parent), 5 → 6 → 5, 7 top-level.
        let parents: [Int?] = [1, 2, 0, 1, 4, 6, 5, nil]
        #expect(CommentImporter.loopStarts(parents: parents) == [0, 4, 5])
        #expect(CommentImporter.loopStarts(parents: Array(0..<5000).map { $0 == 0 ? nil : $0 - 1 }) == [])
    }
}
