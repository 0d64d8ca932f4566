import CCGAnalysers
import CCGDictionary
import CCGModel
import CCGPipeline
import CCGTestSupport
import CCGTokenize
import Foundation
import Testing

/// LIWC-style dictionaries: the format (and its errors, named by file and line), matching, and counts.
@Suite struct DictionaryTests {
    static let sample = """
        %
        1\tmoney
        2\tworkload
        3\tpeople
        %
        fund*\t1
        budget\t1
        cuts\t1\t2
        rota gaps\t2
        patient*\t3
        like\t3\t(02 134)53
        """

    static func result(_ text: String, dictionary: String = sample) throws -> DictionaryAnalyser.UnitResult {
        let analyser = try DictionaryAnalyser(dictionary: LIWCDictionary(text: dictionary, path: "test.dic"), file: "test.dic", version: "test")
        let document = try Tokenizer().tokenize(Document(source: "t", format: .text, units: [TextUnit(id: "u1", type: .comment, text: text)]))
        return analyser.analyse(document.units[0])
    }

    @Test func countsWordsPerCategoryWithWildcardsAndPhrases() throws {
        let result = try Self.result("Funding cuts mean rota gaps, and patients wait. The budget is tight.")
        #expect(result.categories == ["money": 3, "workload": 3, "people": 1])
        #expect(result.words == 12 && result.matched == 6)
        #expect(result.percent["money"] == 25)
        #expect(result.label == "money")  // a tie with workload goes to the first category in the header
        #expect(result.evidence.map(\.text) == ["Funding", "cuts", "rota gaps", "patients", "budget"])
        #expect(result.evidence.first { $0.text == "cuts" }?.cue == "money,workload")
        // Conditional forms of LIWC2007 are skipped, the plain numbers kept.
        #expect(try Self.result("I like it").categories == ["people": 1])
        #expect(try Self.result("Nothing here").label == "none")
    }

    @Test func malformedDictionariesNameFileAndLine() throws {
        func problem(_ text: String) -> String {
            do {
                _ = try LIWCDictionary(text: text, path: "bad.dic")
                return ""
            } catch { return "\(error)" }
        }
        #expect(problem("fund*\t1\n") == "bad.dic:1: a .dic file starts with a line holding only % (then categories, then another %)")
        #expect(problem("%\n1\tmoney\nfund*\t1\n").hasPrefix("bad.dic:3: a category line is a number and a name"))
        #expect(problem("%\n1\tmoney\n1\tcosts\n%\nx\t1\n") == "bad.dic:3: category number 1 is defined twice")
        #expect(problem("%\n1\tmoney\n%\nfund*\t2\n") == "bad.dic:4: entry 'fund*' names category 2, which the header does not define")
        #expect(problem("%\n1\tmoney\n%\nfund*\tabc\n") == "bad.dic:4: 'abc' is not a category number (entry 'fund*')")
        #expect(problem("%\n1\tmoney\n%\nfu*nd\t1\n") == "bad.dic:4: '*' may only end an entry ('fu*nd')")
        #expect(problem("%\n1\tmoney\n%\nfund\t1\nfund\t1\n") == "bad.dic:5: entry 'fund' is already on line 4")
        #expect(problem("%\n1\tmoney\n%\nfund\n") == "bad.dic:4: entry 'fund' has no category number")
        #expect(problem("%\n1\tmoney\n") == "bad.dic:2: the category header is not closed by a line holding only %")
    }

    @Test func shippedDictionaryRunsOnTheSampleCorpus() throws {
        let catalog = try AnalyserCatalog.load(lexicons: Fixtures.lexicons, sources: .init())
        let entry = try #require(catalog.entry("health-policy-talk"))
        #expect(entry.source.kind == "dictionary")
        let analyser = try entry.make(AnalyserContext(lexicons: Fixtures.lexicons))
        let outcome = try Pipeline(configuration: .init(paths: [Fixtures.corpus.path], lexicons: Fixtures.lexicons, analysers: [analyser], jobs: 2)).run()
        let all = try #require(outcome.report.json["corpus"]?["analyses"]?["health-policy-talk"]?["all"])
        #expect(all["units"]?.numberValue == Double(outcome.units))
        #expect((all["categories"]?["money"]?.numberValue ?? 0) > 0)
        let failures = try SchemaValidator(schemaAt: Fixtures.schema).validate(outcome.report.json)
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func hedgeLexiconErrorsNameFileAndLine() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("hedges"), withIntermediateDirectories: true)
        try "# comment\nhedge\tperhaps\nhunch\tmaybe\n".write(to: folder.appendingPathComponent("hedges/en.tsv"), atomically: true, encoding: .utf8)
        let context = AnalyserContext(lexicons: LexiconDirectory(root: folder))
        #expect(throws: (any Error).self) { try AnyAnalyser.make(AnalyserRegistry.all[3], context: context) }
        do {
            _ = try AnyAnalyser.make(AnalyserRegistry.all[3], context: context)
        } catch {
            #expect("\(error)".hasSuffix("hedges/en.tsv:3: unknown kind 'hunch' (hedge, booster or negator)"))
        }
    }

    @Test func projectConfigurationIsCheckedAndResolved() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ccgtext.json").path
        try #"{"analysers": ["sentiment", "hedges"], "settings": {"sentiment": {"overlay": "none"}, "hedges": {"window": 3}}, "dictionaries": ["my.dic"], "jobs": 2}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try ProjectConfiguration(path: path)
        #expect(configuration.analysers == ["sentiment", "hedges"])
        #expect(configuration.settings == ["sentiment": ["overlay": "none"], "hedges": ["window": "3"]])
        #expect(configuration.resolve("my.dic") == folder.appendingPathComponent("my.dic").path)
        try #"{"analyzers": ["sentiment"]}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ProjectConfiguration.Problem.self) { try ProjectConfiguration(path: path) }
    }
}
