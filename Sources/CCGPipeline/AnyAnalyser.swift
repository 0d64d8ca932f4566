import CCGModel

/// An analyser with its result types erased to JSON, so the pipeline can run a list of different ones:
/// compiled (`Analyser` types), external processes and dictionaries alike.
///
/// Document summaries travel as JSON and are decoded back for the corpus summary, which is what lets
/// reports of shards be merged later.
public struct AnyAnalyser: Sendable {
    /// Where an analyser comes from, for `ccgtext analysers` and the report's `run.analysers`.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        case builtIn
        /// A `*.plugin.json` manifest (an analyser in another process).
        case external(manifest: String)
        /// A LIWC-style `.dic` file.
        case dictionary(path: String)

        public var kind: String {
            switch self {
            case .builtIn: return "built-in"
            case .external: return "external"
            case .dictionary: return "dictionary"
            }
        }

        /// The manifest or dictionary file; nil for a built-in.
        public var path: String? {
            switch self {
            case .builtIn: return nil
            case .external(let path), .dictionary(let path): return path
            }
        }

        public var description: String { path.map { "\(kind) \($0)" } ?? kind }
    }

    /// One document's results from one analyser.
    public struct DocumentAnalysis: Sendable {
        /// In unit order; nil for a unit the analyser gave no result for (a unit type it does not read, or
        /// a unit its process failed on).
        public var units: [JSONValue?]
        public var summary: JSONValue
        /// Failures that cost some units their result; each becomes an entry in the report's `errors`.
        public var problems: [String]
        /// False when units the analyser reads were left without a result (a plugin disabled, a batch that
        /// failed): such results are not kept in the result cache, so a later run gives the file another try.
        public var complete: Bool

        public init(units: [JSONValue?], summary: JSONValue, problems: [String] = [], complete: Bool = true) {
            self.units = units
            self.summary = summary
            self.problems = problems
            self.complete = complete
        }
    }

    public let description: AnalyserDescription
    public let source: Source
    private let runDocument: @Sendable (TokenizedDocument) throws -> DocumentAnalysis
    private let runCorpus: @Sendable (DocumentSummaries<JSONValue>) throws -> JSONValue
    private let runFinish: @Sendable () -> [String]

    /// An analyser defined by closures: external processes and dictionaries. `finish` ends any process
    /// and returns run-level problems (a plugin that had to be disabled).
    public init(
        description: AnalyserDescription, source: Source,
        analyse: @escaping @Sendable (TokenizedDocument) throws -> DocumentAnalysis,
        summarise: @escaping @Sendable (DocumentSummaries<JSONValue>) throws -> JSONValue,
        finish: @escaping @Sendable () -> [String] = { [] }
    ) {
        self.description = description
        self.source = source
        runDocument = analyse
        runCorpus = summarise
        runFinish = finish
    }

    public init<A: Analyser>(_ analyser: A) {
        self.init(
            description: A.description, source: .builtIn,
            analyse: { document in
                let (results, summary) = analyser.analyse(document: document)
                return DocumentAnalysis(units: try results.map { try JSONValue(encoding: $0) }, summary: try JSONValue(encoding: summary))
            },
            summarise: { summaries in
                let failure = SummaryReadFailure()
                let summary = analyser.summarise(corpus: summaries.decoded(failure: failure) { try $0.decode(as: A.DocumentSummary.self) })
                if let error = failure.error { throw error }
                return try JSONValue(encoding: summary)
            })
    }

    /// Builds an analyser from its type (as listed in the registry).
    public static func make<A: Analyser>(_ type: A.Type, context: AnalyserContext) throws -> AnyAnalyser {
        AnyAnalyser(try A(context: context))
    }

    public var id: String { description.id }

    public func analyse(_ document: TokenizedDocument) throws -> DocumentAnalysis { try runDocument(document) }

    /// Throws when a summary cannot be read back or decoded (the sequence's `SummaryReadFailure`).
    public func summarise(corpus summaries: DocumentSummaries<JSONValue>) throws -> JSONValue { try runCorpus(summaries) }

    /// Called once after the last document: stops processes, and says what went wrong across the run.
    public func finish() -> [String] { runFinish() }
}
