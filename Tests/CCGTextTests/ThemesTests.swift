import CCGAnalysers
import CCGEvaluate
import CCGIngest
import CCGModel
import CCGPipeline
import CCGTestSupport
import CCGTokenize
import Foundation
import Testing

@testable import ThemesAnalyser

@Suite struct ThemesTests {
    static func analyser(_ lexicons: LexiconDirectory = Fixtures.lexicons) throws -> ThemesAnalyser {
        try ThemesAnalyser(context: AnalyserContext(lexicons: lexicons))
    }

    static func unit(_ text: String) throws -> (TokenizedUnit, TokenizedDocument) {
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        let unit = TextUnit(id: "u1", type: .body, text: text)
        let document = tokenizer.tokenize(Document(source: "t.txt", format: .text, kind: .article, units: [unit]))
        return (document.units[0], document)
    }

    /// The issue's promise: a project adds a theme by editing its taxonomy, with no code.
    @Test func addingAThemeIsALexiconEdit() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("lexicons")
        try FileManager.default.copyItem(at: Fixtures.lexicons.root, to: copy)
        let path = copy.appendingPathComponent(ThemesAnalyser.defaultTaxonomy)
        var taxonomy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        var themes = try #require(taxonomy["themes"] as? [[String: Any]])
        themes.append(["id": "digital_services", "label": "Digital services", "terms": ["online consultation", "app*"], "exclude": ["appointment"]])
        taxonomy["themes"] = themes
        try JSONSerialization.data(withJSONObject: taxonomy).write(to: path)

        let (unit, document) = try Self.unit("Online consultations and the new apps save time; my appointment was still late.")
        let before = try Self.analyser().analyse(unit, in: document, earlier: [:])
        #expect(!before.themes.contains { $0.id == "digital_services" })
        let after = try Self.analyser(LexiconDirectory(root: copy)).analyse(unit, in: document, earlier: [:])
        let theme = try #require(after.themes.first { $0.id == "digital_services" })
        #expect(theme.matches == 2, "stem-aware 'online consultation' and prefix 'app*', not the excluded 'appointment': \(after.evidence)")
        #expect(after.evidence.filter { $0.cue == "digital_services" }.map(\.text) == ["Online consultations", "apps"])
    }

    @Test func aBrokenTaxonomyIsNamed() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("lexicons")
        try FileManager.default.copyItem(at: Fixtures.lexicons.root, to: copy)
        try Data(#"{"themes": [{"id": "a", "terms": ["x"]}, {"id": "a", "terms": ["y"]}]}"#.utf8)
            .write(to: copy.appendingPathComponent(ThemesAnalyser.defaultTaxonomy))
        #expect(throws: (any Error).self) { try Self.analyser(LexiconDirectory(root: copy)) }
        do { _ = try Self.analyser(LexiconDirectory(root: copy)) } catch { #expect("\(error)".contains("\"a\" appears twice")) }
    }

    /// Dunning's G² for a phrase 10 times in 1,000 words against 2 times in 1,000.
    @Test func logLikelihoodMatchesTheFormula() throws {
        let g2 = try #require(ThemesAnalyser.logLikelihood(10, 1000, 2, 1000))
        let expected = 2 * (10 * log(10 / 6.0) + 2 * log(2 / 6.0))
        #expect(abs(g2 - expected) < 1e-9)
        #expect(ThemesAnalyser.logLikelihood(2, 1000, 10, 1000) == nil, "under-use does not make a phrase distinctive")
    }

    /// The ranker's fast path weighs the same values the fit saw.
    @Test func logOddsWeighTheFeatureValues() throws {
        let ranker = try ThemesAnalyser.ranker(in: Fixtures.lexicons)
        let (unit, _) = try Self.unit("Safe ship control in a collision situation. The ship control model uses a matrix game.")
        let stemmer = try Stemmer()
        let (candidates, words) = KeyphraseCandidates(stopwords: try ThemesAnalyser.stopwords(in: Fixtures.lexicons)).extract(from: [unit], stemmer: stemmer)
        #expect(words == 15)
        let control = try #require(candidates.first { $0.key == "ship control" })
        #expect(control.count == 2 && control.surface == "ship control" && control.wordCounts == [2, 2])
        for candidate in candidates {
            let slow = zip(ranker.weights, KeyphraseRanker.values(of: candidate, wordCount: words)).reduce(ranker.bias) { $0 + $1.0 * $1.1 }
            #expect(abs(slow - ranker.logOdds(of: candidate, wordCount: words)) < 1e-9)
        }
    }

    /// The shipped ranker is what `ccgtext train keyphrases` makes of Inspec's train split (docs/themes.md).
    @Test func shippedRankerIsReproducedFromInspec() throws {
        let train = Fixtures.root.appendingPathComponent("../shared/benchmarks/inspec_hulth2003/train.jsonl").standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: train) else {
            print("skipped: \(train) is absent (the shared benchmarks are not on this machine)")
            return
        }
        let shipped = try ThemesAnalyser.ranker(in: Fixtures.lexicons)
        let tools = KeyphraseEvaluation.Tools(
            tokenizer: try Tokenizer(lexicons: Fixtures.lexicons), stemmer: try Stemmer(),
            candidates: KeyphraseCandidates(stopwords: try ThemesAnalyser.stopwords(in: Fixtures.lexicons)))
        let examples = KeyphraseEvaluation.examples(try KeyphraseEvaluation.load(train, format: .inspec), tools: tools)
        let refit = try KeyphraseRanker.fit(examples, cost: shipped.cost, maximumOverlap: shipped.maximumOverlap, source: shipped.source, licence: shipped.licence)
        #expect(refit == shipped, "lexicons/themes/keyphrase-ranker.en.json is stale: run the command in docs/themes.md")
    }

    /// The pipeline's path (each document segmented once, a worker's vocabulary kept between documents)
    /// gives what the per-unit path gives, document after document with one analyser.
    @Test func documentPathEqualsUnitByUnit() throws {
        let analyser = try Self.analyser()
        let ingester = try Ingester(lexicons: Fixtures.lexicons)
        let tokenizer = try Tokenizer(lexicons: Fixtures.lexicons)
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.corpus.path).filter { $0.hasSuffix(".html") || $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 5)
        for file in files {
            let document = tokenizer.tokenize(try ingester.ingest(fileAt: Fixtures.corpus.appendingPathComponent(file).path).document)
            var earlier: [String: ThemesAnalyser.UnitResult] = [:]
            let units = document.units.map { unit in
                let result = analyser.analyse(unit, in: document, earlier: earlier)
                earlier[unit.unit.id] = result
                return result
            }
            let whole = analyser.analyse(document: document)
            #expect(whole.units == units, "\(file)")
            #expect(whole.summary == analyser.summarise(document: document, results: units), "\(file)")
        }
    }

    /// What the sample debate's sides plainly argue: the YES side (CCGs failed) that GPs have lost
    /// influence over their CCGs; the NO side that CCGs lead local integration for patients.
    @Test func sampleDebateSidesShowWhatTheyArgue() throws {
        let analysers = try AnalyserRegistry.all.map { try AnyAnalyser.make($0, context: AnalyserContext(lexicons: Fixtures.lexicons)) }
        let outcome = try Pipeline(configuration: .init(paths: [Fixtures.debateText], lexicons: Fixtures.lexicons, analysers: analysers, jobs: 1)).run()
        let sides = try #require(outcome.report.json["documents"]?.arrayValue?.first?["analyses"]?["themes"]?["sides"])
        func top(_ side: String, _ count: Int) -> [String] {
            (sides[side]?["themes"]?.objectValue ?? [:]).sorted { ($0.value.numberValue ?? 0, $1.key) > ($1.value.numberValue ?? 0, $0.key) }.prefix(count).map(\.key)
        }
        func distinctive(_ side: String) -> [String] { (sides[side]?["distinctive"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue } }
        #expect(top("yes", 1) == ["ownership_influence"], "\(sides)")
        #expect(top("no", 2).contains("integration_partnerships"), "\(sides)")
        #expect(!top("yes", 5).contains("integration_partnerships"))
        #expect(distinctive("yes").contains("GPs"), "\(distinctive("yes"))")
        #expect(distinctive("no").contains("Leading local partnerships") && distinctive("no").contains("local populations"), "\(distinctive("no"))")
        let corpus = try #require(outcome.report.json["corpus"]?["analyses"]?["themes"]?["sides"]?["yes"])
        #expect(corpus["documents"]?.numberValue == 1)
    }
}
