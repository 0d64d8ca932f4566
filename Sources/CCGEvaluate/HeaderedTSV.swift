/// A researcher's own data as `ccgtext eval` and `train` read it: tab-separated, blank rows skipped, the
/// first row naming the columns (case and surrounding spaces ignored). One reader for every task's TSV
/// format, so they agree on what a header, a blank row and a line number are.
struct HeaderedTSV {
    let path: String
    /// Column names, trimmed and lower-cased.
    let header: [String]
    private let rows: ArraySlice<String>

    init(_ path: String) throws {
        let rows = try SentimentEvaluation.lines(path).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = rows.first else { throw EvaluationInputError.malformed(path, "empty file") }
        self.path = path
        header = first.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.rows = rows.dropFirst()
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Each data row's fields and its line number (non-blank rows counted, the header being line 1); a row
    /// with another number of fields than the header is an error naming its line.
    func map<T>(_ transform: (_ fields: [String], _ line: Int) throws -> T) throws -> [T] {
        try rows.enumerated().map { offset, row in
            let fields = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let line = offset + 2
            guard fields.count == header.count else { throw EvaluationInputError.malformed(path, "line \(line): \(fields.count) fields, the header has \(header.count)") }
            return try transform(fields, line)
        }
    }
}
