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

    /// Every unit's result and the document's summary. The default analyses the units in reading order,
    /// then summarises; an analyser that prepares the same work for its units and its summary (the themes
    /// analyser cuts each unit into stemmed words) implements this to do that work once per document. It
    /// must return what the default would.
    func analyse(document: TokenizedDocument) -> (units: [UnitResult], summary: DocumentSummary)

    /// Summary of the whole corpus from the documents' summaries, in the report's document order. They
    /// are read back one at a time as they are iterated: keep what the summary needs (counts, the top
    /// phrases), not the summaries, so that memory does not grow with the corpus.
    func summarise(corpus: DocumentSummaries<DocumentSummary>) -> CorpusSummary
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

/// What an analyser reads besides its unit's text. The pipeline orders analysers so that every
/// `.results(of:)` need runs first, and refuses a run where one is missing or the needs form a cycle.
public enum AnalyserNeed: Sendable, Hashable, Codable, CustomStringConvertible {
    case tokens, sentences
    /// The document's motion and sides.
    case debate
    /// Reply links between comments.
    case thread
    /// Another analyser's unit results, read with `TokenizedDocument.result(of:for:)`.
    case results(of: String)

    /// Parses the spelling manifests and `ccgtext analysers` use: `tokens`, `sentences`, `debate`,
    /// `thread`, `analyser:<id>`.
    public init?(_ text: String) {
        switch text {
        case "tokens": self = .tokens
        case "sentences": self = .sentences
        case "debate": self = .debate
        case "thread": self = .thread
        default:
            guard text.hasPrefix("analyser:"), text.count > "analyser:".count else { return nil }
            self = .results(of: String(text.dropFirst("analyser:".count)))
        }
    }

    public var description: String {
        switch self {
        case .tokens: return "tokens"
        case .sentences: return "sentences"
        case .debate: return "debate"
        case .thread: return "thread"
        case .results(let id): return "analyser:\(id)"
        }
    }

    /// The analyser whose results this need names, if it names one.
    public var analyser: String? {
        if case .results(let id) = self { return id }
        return nil
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let need = AnalyserNeed(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown need '\(text)' (tokens, sentences, debate, thread or analyser:<id>)"))
        }
        self = need
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
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

extension Analyser {
    public func analyse(document: TokenizedDocument) -> (units: [UnitResult], summary: DocumentSummary) {
        var earlier: [String: UnitResult] = [:]
        var results: [UnitResult] = []
        results.reserveCapacity(document.units.count)
        for unit in document.units {
            let result = analyse(unit, in: document, earlier: earlier)
            earlier[unit.unit.id] = result
            results.append(result)
        }
        return (results, summarise(document: document, results: results))
    }
}
