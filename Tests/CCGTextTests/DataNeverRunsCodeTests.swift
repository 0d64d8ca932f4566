@testable import CCGExport
import CCGModel
import CCGTestSupport
import Foundation
import Testing

/// What an input carries is data: a plugin manifest in a crawl does not run, escapes in a page do not reach
/// the terminal, and a comment that starts like a formula does not run in a spreadsheet.
@Suite struct DataNeverRunsCodeTests {
    /// A folder of inputs with `plugins/evil.plugin.json`, whose command would leave `ran` beside it.
    static func folderWithAPlugin() throws -> (folder: URL, marker: URL) {
        let folder = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.debateText, toPath: folder.appendingPathComponent("good.txt").path)
        let plugins = folder.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let marker = folder.appendingPathComponent("ran")
        let manifest = """
            { "id": "evil", "version": "1.0.0", "command": ["/bin/sh", "-c", "touch '\(marker.path)'; exit 1"], "needs": [], "fields": { "label": { "type": "label", "values": ["x"] } } }
            """
        try manifest.write(to: plugins.appendingPathComponent("evil.plugin.json"), atomically: true, encoding: .utf8)
        return (folder, marker)
    }

    @Test func aManifestInAnInputFolderDoesNotRunUnlessAskedFor() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let (folder, marker) = try Self.folderWithAPlugin()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.json").path
        // From the folder as an input, and with the folder as the current folder.
        for (arguments, directory) in [(["analyze", folder.path, "-o", output], nil), (["analyze", "good.txt", "-o", output], folder)] {
            let result = try CommandLineTests.run(arguments, in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: marker.path), "the manifest's command ran")
            #expect(result.stderr.contains("not running the plugin manifests found in plugins/ folders"), "\(result.stderr)")
            let report = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: output)))
            #expect(report["run"]?["analysers"]?.arrayValue?.contains { $0["id"]?.stringValue == "evil" } == false)
        }
        let listing = try CommandLineTests.run(["analysers", folder.path])
        #expect(listing.stdout.contains("found, not run: \(folder.path)/plugins/evil.plugin.json"), "\(listing.stdout)")
        #expect(!listing.stdout.contains("evil\t1.0.0"))
        // Opted in, it runs (and fails, which the report says).
        let opted = try CommandLineTests.run(["analyze", folder.path, "-o", output, "--discover-plugins", "-q"])
        #expect(FileManager.default.fileExists(atPath: marker.path), "\(opted.stderr)")
        let listed = try CommandLineTests.run(["analysers", folder.path, "--discover-plugins"])
        #expect(listed.stdout.contains("evil\t1.0.0\texternal"), "\(listed.stdout)")
    }

    static let hostile = "Budget \u{1B}[31mred\u{1B}[0m \u{1B}]0;owned\u{07} \u{1B}]52;c;ZWNobyBoaQ==\u{07} cut\r again \u{9B}2J \u{202E}txt.exe"

    @Test func controlCharactersAreShownEscaped() {
        let safe = TerminalText.safe(Self.hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" })
        #expect(!safe.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(safe == "Budget \\x1B[31mred\\x1B[0m \\x1B]0;owned\\x07 \\x1B]52;c;ZWNobyBoaQ==\\x07 cut\\r again \\u{9B}2J \\u{202E}txt.exe")
        #expect(TerminalText.safe("Tab\tand\nnewline, café, 日本語") == "Tab\tand\nnewline, café, 日本語")
        // In one line of a message (a file name), a line feed could forge another line.
        #expect(TerminalText.line("b\nccgtext: error: forged\t.txt") == "b\\nccgtext: error: forged\\t.txt")
    }

    /// `extract`, `kwic` and `explain` print document text; `analyze` prints sources and messages. None of
    /// them lets an escape through, colour or not.
    @Test func escapesInAnInputDoNotReachTheTerminal() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page\u{1B}]0;title\u{07}.txt")
        try Data("Are budgets a failed experiment?\n\nThe CCG cut the \(Self.hostile) budget for community services again.\n".utf8).write(to: page)
        let comments = folder.appendingPathComponent("comments.jsonl")
        try Data("{\"id\": \"1\", \"author\": \"Eve\\u001b[2J\", \"text\": \"The budget \\u001b]52;c;aGk=\\u0007 was cut again by the CCG.\"}\n".utf8).write(to: comments)
        let report = folder.appendingPathComponent("report.json").path
        var outputs: [(String, String)] = []
        for arguments in [["extract", page.path, comments.path], ["kwic", "budget", folder.path], ["analyze", folder.path, "-o", report, "--verbose"]] {
            let result = try CommandLineTests.run(arguments)
            #expect(result.status == 0, "\(arguments[0]): \(result.stderr)")
            outputs.append((arguments[0], result.stdout + result.stderr))
        }
        let written = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: URL(fileURLWithPath: report)))
        for document in written["documents"]?.arrayValue ?? [] {
            let key = "\(document["id"]?.stringValue ?? "")/\(document["units"]?.arrayValue?.last?["id"]?.stringValue ?? "")"
            for colour in ["never", "always"] {
                let result = try CommandLineTests.run(["explain", report, key, "--colour", colour])
                #expect(result.status == 0, "\(result.stderr)")
                outputs.append(("explain --colour \(colour)", Self.withoutExplainStyles(result.stdout)))
            }
        }
        for (command, text) in outputs {
            #expect(!text.contains("\u{1B}]") && !text.contains("\u{07}") && !text.contains("\r") && !text.contains("\u{9B}"), "\(command) printed a raw control character")
            // Only explain's own colour codes were there (taken out above); none from the input.
            #expect(!text.contains("\u{1B}"), "\(command) printed a raw ESC")
        }
        #expect(outputs[0].1.contains("\\x1B[31mred"))
        // kwic's table for spreadsheets defuses formulas as --csv does.
        let formula = folder.appendingPathComponent("formula.jsonl")
        try Data("{\"id\": \"1\", \"author\": \"=HYPERLINK(1)\", \"text\": \"The budget was cut again by the CCG this year.\"}\n".utf8).write(to: formula)
        let table = try CommandLineTests.run(["kwic", "budget", formula.path, "--format", "tsv"])
        #expect(table.stdout.contains("\t'=HYPERLINK(1)\t") && !table.stdout.contains("\t=HYPERLINK("), "\(table.stdout)")
        let raw = try CommandLineTests.run(["kwic", "budget", formula.path, "--format", "tsv", "--raw-cells"])
        #expect(raw.stdout.contains("\t=HYPERLINK(1)\t"), "\(raw.stdout)")
    }

    /// Explain's own styles (`UnitExplanation.Style`): bold, dim, reset and the evidence colours.
    static func withoutExplainStyles(_ text: String) -> String {
        let code = "(?:0|1|2|4|1;4|32|35|44;97|43;30)"
        return text.replacingOccurrences(of: "\u{1B}\\[\(code)(?:;\(code))*m", with: "", options: .regularExpression)
    }

    @Test func aCellThatStartsLikeAFormulaIsDefused() {
        let defused = CSVExporter.line(["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-0.25", "+3", "-1.5e-7", "plain", nil, "=x"])
        #expect(defused == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+cmd|' /C calc'!A0,'-2+3,'@SUM(A1),'\t=1,\"'\r=1\",-0.25,+3,-1.5e-7,plain,,'=x\r\n")
        #expect(CSVExporter.line(["=1+1", "-x"], rawCells: true) == "=1+1,-x\r\n")
        for number in ["-1", "-0.5", "+2e10", "-3E-2"] { #expect(CSVExporter.isPlainNumber(number)) }
        for text in ["-", "-.5", "-1.", "-1e", "--1", "-1 ", "-1,2"] { #expect(!CSVExporter.isPlainNumber(text), "\(text)") }
    }

    @Test func theCSVTablesDefuseByDefaultAndKeepRawCellsOnRequest() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "ccgtext binary not built beside the tests")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let comments = folder.appendingPathComponent("comments.csv")
        try Data("id,author,text\n1,=cmd|' /C calc'!A0,\"=HYPERLINK(\"\"http://evil\"\",\"\"click\"\") the CCG cut the budget\"\n2,@Ann,-the CCG should resign now\n".utf8).write(to: comments)
        let run = { (extra: [String], tables: String) in
            try CommandLineTests.run(["analyze", comments.path, "-o", folder.appendingPathComponent("r.json").path, "--csv", folder.appendingPathComponent(tables).path, "-q"] + extra)
        }
        #expect(try run([], "safe").status == 0)
        #expect(try run(["--csv-raw-cells"], "raw").status == 0)
        let safe = try String(contentsOf: folder.appendingPathComponent("safe/units.csv"), encoding: .utf8)
        let raw = try String(contentsOf: folder.appendingPathComponent("raw/units.csv"), encoding: .utf8)
        #expect(safe.contains(",'=cmd|' /C calc'!A0,") && safe.contains("\"'=HYPERLINK(") && safe.contains("'-the CCG should resign now") && safe.contains(",'@Ann,"))
        #expect(raw.contains(",=cmd|' /C calc'!A0,") && raw.contains("\"=HYPERLINK(") && raw.contains(",@Ann,"))
        let cells = safe.split(separator: "\r\n").dropFirst().flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(!cells.contains { cell in cell.first.map { "=+-@".contains($0) } == true && !CSVExporter.isPlainNumber(String(cell)) })
    }
}
