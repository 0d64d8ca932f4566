import CCGModel

/// An analyser with its result types erased to JSON, so the pipeline can run a list of different ones.
/// Document summaries travel as JSON and are decoded back for the corpus summary, which is what lets
/// reports of shards be merged later.
public struct AnyAnalyser: Sendable {
    public let description: AnalyserDescription
    private let runDocument: @Sendable (TokenizedDocument) throws -> (units: [JSONValue], summary: JSONValue)
    private let runCorpus: @Sendable ([JSONValue]) throws -> JSONValue

    public init<A: Analyser>(_ analyser: A) {
        description = A.description
        runDocument = { document in
            var earlier: [String: A.UnitResult] = [:]
            var results: [A.UnitResult] = []
            for unit in document.units {
                let result = analyser.analyse(unit, in: document, earlier: earlier)
                earlier[unit.unit.id] = result
                results.append(result)
            }
            return (try results.map { try JSONValue(encoding: $0) }, try JSONValue(encoding: analyser.summarise(document: document, results: results)))
        }
        runCorpus = { summaries in
            try JSONValue(encoding: analyser.summarise(corpus: try summaries.map { try $0.decode(as: A.DocumentSummary.self) }))
        }
    }

    /// Builds an analyser from its type (as listed in the registry).
    public static func make<A: Analyser>(_ type: A.Type, context: AnalyserContext) throws -> AnyAnalyser {
        AnyAnalyser(try A(context: context))
    }

    public var id: String { description.id }

    public func analyse(_ document: TokenizedDocument) throws -> (units: [JSONValue], summary: JSONValue) { try runDocument(document) }

    public func summarise(corpus summaries: [JSONValue]) throws -> JSONValue { try runCorpus(summaries) }
}
