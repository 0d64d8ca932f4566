/// Why an evaluation's gold or predictions file could not be used; `description` is the one-line message.
public enum EvaluationInputError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case malformed(String, String)
    /// A gold or predictions file of the article-extraction benchmark that is not in its JSON format.
    case notBenchmarkJSON(String, String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .malformed(let path, let reason): return "\(path): \(reason)"
        case .notBenchmarkJSON(let path, let reason): return "\(path) is not in the benchmark's JSON format: \(reason)"
        }
    }
}
