/// An analyser: reads tokenized units, returns one result per unit, and summarises them per document and
/// across the corpus.
///
/// To add one: make a folder `Plugins/<Name>/` with a type conforming to `Analyser`, give it a
/// `description` with examples, and add one line to `AnalyserRegistry`. The test suite runs the examples.
///
/// The corpus summary is computed from document summaries only, never from units, so that reports of
/// shards can be merged without re-reading the documents.
public protocol Analyser: Sendable {
    associatedtype UnitResult: Codable & Sendable
    associatedtype DocumentSummary: Codable & Sendable
    associatedtype CorpusSummary: Codable & Sendable

    /// Who the analyser is and what it needs; its examples double as tests.
    static var description: AnalyserDescription { get }

    /// Loads lexicons and settings. Called once per run, before any document.
    init(context: AnalyserContext) throws

    /// The result for one unit. `earlier` holds this analyser's results for the units before it in the
    /// same document (reading order), so replies can consider their parents.
    func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult

    /// Summary of one document's results, in unit order.
    func summarise(document: TokenizedDocument, results: [UnitResult]) -> DocumentSummary

    /// Summary of the whole corpus from the documents' summaries, in the report's document order.
    func summarise(corpus: [DocumentSummary]) -> CorpusSummary
}

/// What an analyser is, for `ccgtext analysers`, the report's `run.analysers` and the generated docs.
public struct AnalyserDescription: Sendable {
    public var id: String
    public var version: String
    public var name: String
    public var summary: String
    /// What it reads besides tokens (for example `.debate`, `.thread`).
    public var needs: [AnalyserNeed]
    /// Lexicon files it reads, relative to the lexicon directory.
    public var lexicons: [String]
    public var examples: [AnalyserExample]

    public init(
        id: String, version: String, name: String, summary: String, needs: [AnalyserNeed] = [.tokens, .sentences],
        lexicons: [String] = [], examples: [AnalyserExample] = []
    ) {
        self.id = id
        self.version = version
        self.name = name
        self.summary = summary
        self.needs = needs
        self.lexicons = lexicons
        self.examples = examples
    }
}

public enum AnalyserNeed: String, Sendable, Codable {
    case tokens, sentences
    /// The document's motion and sides.
    case debate
    /// Reply links between comments.
    case thread
}

/// Settings and lexicons an analyser is built from.
public struct AnalyserContext: Sendable {
    public var lexicons: LexiconDirectory
    /// `analyser.key=value` settings from the command line, already narrowed to this analyser.
    public var settings: [String: String]
    public init(lexicons: LexiconDirectory, settings: [String: String] = [:]) {
        self.lexicons = lexicons
        self.settings = settings
    }
}
