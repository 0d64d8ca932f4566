import CCGIngest
import CCGModel
import CCGPipeline
import CCGReport
import CCGTestSupport
import Foundation
import Testing

/// Comment exports as analysts get them (JSON Lines from an API, a JSON dump, a spreadsheet saved as CSV):
/// every comment kept with its author, time, id and the comment it answers; bad records reported, not fatal.
@Suite struct CommentImportTests {
    let ingester = try! Ingester(lexicons: Fixtures.lexicons)

    func read(_ text: String, as name: String) throws -> Ingester.Outcome {
        try ingester.ingest(bytes: Array(text.utf8), source: name)
    }

    @Test func jsonLinesKeepThreadsPerDocumentAndReportBadLines() throws {
        let export = """
            {"id": "c1", "thread_id": "a1", "thread_title": "Should the clinic close?", "author": "Jane Hill", "role": "GP Partner", "created_at": "2015-06-19T14:58:03Z", "body": "It should not close. The town needs it."}
            {"id": "c2", "thread_id": "a1", "parent_id": "c1", "author": {"name": "Tom Reed"}, "created_utc": 1434725880, "body": "<p>I disagree &mdash; it costs too much.</p><p>Second paragraph.</p>"}
            this line is not JSON
            {"id": "c3", "thread_id": "a2", "author": "Bob", "time": "yesterday", "text": "A different thread about waiting lists."}
            {"id": "c4", "thread_id": "a1", "parent_id": "c99", "author": "Carol", "text": "Answering a comment the export left out."}
            {"id": "c5", "thread_id": "a1", "author": "Dan", "text": "   "}
            {"id": "c6", "thread_id": "a1", "parent_id": "a1", "author": "Eve", "text": "It should NOT close; the town needs it!"}

            """
        let outcome = try read(export, as: "export.jsonl")
        #expect(outcome.documents.map(\.source) == ["export.jsonl#a1", "export.jsonl#a2"])
        let first = outcome.documents[0]
        #expect(first.kind == .comments && first.format == .json && first.title == "Should the clinic close?")
        #expect(first.units.map(\.sourceId) == ["c1", "c2", "c4", "c6"])
        #expect(first.units.allSatisfy { $0.type == .comment })
        let (jane, tom, carol, eve) = (first.units[0], first.units[1], first.units[2], first.units[3])
        #expect(jane.author == "Jane Hill" && jane.role == "GP Partner" && jane.timestamp == "2015-06-19T14:58:03Z")
        #expect(tom.author == "Tom Reed" && tom.timestamp == "2015-06-19T14:58:00Z")
        #expect(tom.replyTo == jane.id && tom.replyEvidence == .parentId)
        #expect(tom.text == "I disagree — it costs too much.\n\nSecond paragraph.")
        #expect(carol.replyTo == nil)
        // A parent id equal to the document's own id marks a top-level comment; the words repeat Jane's.
        #expect(eve.replyTo == nil && eve.duplicateOf == jane.id)
        #expect(outcome.documents[1].units.map(\.text) == ["A different thread about waiting lists."])
        #expect(outcome.documents[1].units[0].timestamp == nil)
        let warnings = outcome.warnings.joined(separator: "\n")
        #expect(warnings.contains("lines skipped, not valid JSON (1): line 3"))
        #expect(warnings.contains("records skipped, no text (1): line 6"))
        #expect(warnings.contains("parent ids not found in their document, comments kept as top-level (1): line 5 (parent \"c99\")"))
        #expect(warnings.contains("times not understood, left empty (1): line 4 (\"yesterday\")"))
    }

    @Test func jsonDocumentObjectsWithNestedReplies() throws {
        let export = """
            [{"id": "post-7", "title": "Clinic to close", "url": "https://example.org/clinic",
              "comments": [
                {"id": 1, "user": "Ann", "date": "4 March 2019", "message": "First.",
                 "replies": [{"id": 2, "user": "Ben", "message": "Answer to Ann.", "replies": [{"id": 3, "user": "Cy", "message": "Answer to Ben."}]}]},
                {"id": 4, "user": "Di", "message": "Second top-level comment."}]},
             {"id": "post-8", "title": "Another page", "comments": [{"user": "Ed", "message": "Only comment here."}]}]
            """
        let outcome = try read(export, as: "dump.json")
        #expect(outcome.warnings.isEmpty)
        #expect(outcome.documents.map(\.source) == ["dump.json#post-7", "dump.json#post-8"])
        let thread = outcome.documents[0]
        #expect(thread.title == "Clinic to close" && thread.url == "https://example.org/clinic")
        #expect(thread.metadataSources == ["title": "export", "url": "export"])
        #expect(thread.units.map(\.author) == ["Ann", "Ben", "Cy", "Di"])
        #expect(thread.units.map(\.sourceId) == ["1", "2", "3", "4"])
        #expect(thread.units.map(\.replyTo) == [nil, "u1", "u2", nil])
        #expect(thread.units[1].replyEvidence == .nesting)
        #expect(thread.units[0].timestamp == "2019-03-04")
        #expect(outcome.documents[1].units.first?.sourceId == nil)
    }

    @Test func exportTimesBecomeISO8601() {
        let cases: [(String, String?)] = [
            ("1434725880", "2015-06-19T14:58:00Z"), ("1434725880123", "2015-06-19T14:58:00Z"),
            ("2015-06-19T14:58:03.250+01:00", "2015-06-19T14:58:03+01:00"), ("2015-06-19 14:58", "2015-06-19T14:58"),
            ("19 June 2015 2:58pm", "2015-06-19T14:58"), ("2019", nil), ("1e9", nil), ("yesterday", nil),
        ]
        let export = cases.map { "{\"text\": \"A comment.\", \"time\": \"\($0.0)\"}" }.joined(separator: "\n")
        let units = (try? read(export, as: "times.jsonl").document.units) ?? []
        #expect(units.map(\.timestamp) == cases.map(\.1))
    }

    @Test func csvWithQuotedFieldsAndHeaderAliases() throws {
        // Spreadsheet habits: a BOM, CRLF line ends, "Title Case" headers, commas, quotes and line breaks in
        // quoted fields, an empty parent.
        let csv = "\u{FEFF}Comment ID,Parent ID,User Name,Date,Comment\r\n"
            + "1,,Alice,19/06/2015 10:00,\"Plain, with a comma and \"\"quotes\"\"\nand a second line\"\r\n"
            + "2,1,Bob,2015-06-19 11:00:00+0100,Reply here\r\n"
            + "3,2,Carol,,\"Nested reply\"\r\n"
            + "4,3,Dan\r\n"
        let outcome = try read(csv, as: "sheet.csv")
        let document = try #require(outcome.documents.first)
        #expect(outcome.documents.count == 1 && document.source == "sheet.csv" && document.format == .csv)
        #expect(document.units.map(\.author) == ["Alice", "Bob", "Carol"])
        #expect(document.units[0].text == "Plain, with a comma and \"quotes\"\n\nand a second line")
        #expect(document.units.map(\.timestamp) == ["2015-06-19T10:00", "2015-06-19T11:00:00+01:00", nil])
        #expect(document.units.map(\.replyTo) == [nil, "u1", "u2"])
        let warnings = outcome.warnings.joined(separator: "\n")
        #expect(warnings.contains("rows with a different number of fields than the header, read as far as they go (1): line 6"))
        #expect(warnings.contains("records skipped, no text (1): line 6"))
    }

    @Test func tsvSemicolonsAndWindows1252() throws {
        let tsv = "id\tauthor\ttext\nx1\tAnn\tTabs; and, commas stay in the text\n"
        #expect(try read(tsv, as: "export.tsv").document.units.first?.text == "Tabs; and, commas stay in the text")
        let semicolons = "id;author;text\n1;Ann;\"Semicolon-separated, as European spreadsheets save it\"\n"
        #expect(try read(semicolons, as: "export.csv").document.units.first?.author == "Ann")
        let latin = Array("id,author,text\n1,Zoe,".utf8) + [0x43, 0x61, 0x66, 0xE9, 0x20, 0x93, 0x73, 0x65, 0x72, 0x76, 0x69, 0x63, 0x65, 0x94, 0x0A]
        let outcome = try ingester.ingest(bytes: latin, source: "legacy.csv")
        #expect(outcome.document.units.first?.text == "Café “service”")
        #expect(outcome.warnings.contains { $0.contains("Windows-1252") })
    }

    @Test func unusableExportsSayWhatWasExpected() throws {
        #expect {
            _ = try read("who,when\nAnn,2019\n", as: "people.csv")
        } throws: { error in
            "\(error)".hasPrefix("no comments to import: no text column: the header row has \"who\", \"when\"")
        }
        #expect {
            _ = try read("{\"id\": 1, \"score\": 4}\n", as: "scores.jsonl")
        } throws: { error in "\(error)".contains("no comment has any text") }
        #expect {
            _ = try read("{not json at all", as: "broken.json")
        } throws: { error in "\(error)".hasPrefix("not valid JSON (line 1: ") }
        // A CSV whose last quoted field never closes: the rows before it are kept, with a warning.
        let open = try read("id,text\n1,Complete comment.\n2,\"Never closed\n3,lost\n", as: "open.csv")
        #expect(open.document.units.map(\.text) == ["Complete comment.", "Never closed\n\n3,lost"])
        #expect(open.warnings.contains { $0.contains("opened on line 3 is never closed") })
    }

    @Test func textThatOnlyStartsLikeJSONIsReadAsText() throws {
        let note = "[Updated] The clinic will stay open until the end of the year, the health board said on Monday.\n"
        let outcome = try read(note, as: "note.txt")
        #expect(outcome.document.format == .text)
        #expect(outcome.document.units.contains { $0.text.contains("The clinic will stay open") })
    }

    @Test func parentLoopsAreCutAndDuplicateIdsReported() throws {
        let export = """
            {"id": "a", "parent_id": "b", "text": "First of a loop."}
            {"id": "b", "parent_id": "a", "text": "Second of a loop."}
            {"id": "a", "text": "Same id again."}
            {"id": "c", "parent_id": "a", "text": "Answers the first a."}
            """
        let outcome = try read(export, as: "loop.jsonl")
        let units = outcome.document.units
        #expect(units.map(\.replyTo) == [nil, "u1", nil, "u1"])
        #expect(outcome.warnings.contains { $0.hasPrefix("parent ids forming a loop, cut") })
        #expect(outcome.warnings.contains { $0.hasPrefix("comment ids used twice, replies go to the first (1): line 3 repeats line 1") })
    }

    @Test func exportsGoThroughThePipelineIntoAValidReport() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(
            """
            {"id": "1", "thread": "t1", "author": "Jane Hill", "text": "The budget cuts have made waiting lists much worse, which is terrible."}
            {"id": "2", "thread": "t1", "parent_id": "1", "author": "Tom Reed", "text": "I agree, and the staff are exhausted."}
            {"id": "3", "thread": "t2", "author": "Ann Lee", "text": "Our practice has had excellent support this year."}
            """.utf8
        ).write(to: folder.appendingPathComponent("comments.jsonl"))
        try Data("id,parent,author,text\n1,,Ann,Great news for patients.\n2,1,Ben,Not for the staff who lose their jobs.\n".utf8)
            .write(to: folder.appendingPathComponent("sheet.csv"))
        try Data("{\"broken\": ".utf8).write(to: folder.appendingPathComponent("broken.json"))
        let one = try PipelineTests.run([folder.path], jobs: 1)
        let two = try PipelineTests.run([folder.path], jobs: 2)
        #expect(try PipelineTests.withoutRun(one.report) == PipelineTests.withoutRun(two.report))
        let sources = one.report.documents.compactMap { $0["source"]?.stringValue.map { ($0 as NSString).lastPathComponent } }
        #expect(sources == ["comments.jsonl#t1", "comments.jsonl#t2", "sheet.csv"])
        #expect(one.report.errors.map { ($0.source as NSString).lastPathComponent } == ["broken.json"])
        let failures = try SchemaValidator(schemaAt: Fixtures.schema).validate(one.report.json)
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        let sheet = try #require(one.report.documents.first { $0["format"]?.stringValue == "csv" })
        let reply = try #require(sheet["units"]?.arrayValue?.last)
        #expect(reply["replyTo"]?.stringValue == "u1" && reply["replyEvidence"]?.stringValue == "parent-id" && reply["sourceId"]?.stringValue == "2")
        #expect(reply["analyses"]?["sentiment"]?["label"]?.stringValue != nil)
    }
}
