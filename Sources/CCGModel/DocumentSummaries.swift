/// The documents' summaries an analyser's corpus summary is made from, in the report's document order.
///
/// A sequence rather than an array: a run or a merge reads them back from its spool one at a time as they
/// are iterated, so making the corpus summary of a million documents does not hold a million summaries.
/// Iterate once where you can (each pass reads the spool again); `count` is known without iterating.
public struct DocumentSummaries<Summary>: Sequence {
    public let count: Int
    private let iterate: () -> AnyIterator<Summary>

    /// Summaries produced by `iterate`, which must give `count` of them each time it is called.
    public init(count: Int, iterate: @escaping () -> AnyIterator<Summary>) {
        self.count = count
        self.iterate = iterate
    }

    /// Summaries held in memory (tests, a handful of documents).
    public init(_ summaries: [Summary]) {
        self.init(count: summaries.count) { AnyIterator(summaries.makeIterator()) }
    }

    public func makeIterator() -> AnyIterator<Summary> { iterate() }

    public var underestimatedCount: Int { count }

    /// The same documents with `transform` applied to each summary as it is read; the first error
    /// thrown ends the sequence and is kept in `failure`.
    public func decoded<Other>(failure: SummaryReadFailure, _ transform: @escaping (Summary) throws -> Other) -> DocumentSummaries<Other> {
        DocumentSummaries<Other>(count: count) {
            let inner = self.makeIterator()
            return AnyIterator {
                guard failure.error == nil, let next = inner.next() else { return nil }
                do { return try transform(next) } catch {
                    failure.error = error
                    return nil
                }
            }
        }
    }
}

extension DocumentSummaries: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Summary...) { self.init(elements) }
}

/// Where a sequence of summaries that could not be read to its end leaves its error (a `Sequence`
/// cannot throw), for the caller to check once the corpus summary is made.
public final class SummaryReadFailure: @unchecked Sendable {
    public var error: (any Error)?
    public init() {}
}
