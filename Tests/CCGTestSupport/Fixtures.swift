import CCGModel
import Foundation

/// Paths into the repository, for tests that read the sample corpus, the lexicons and the schema.
public enum Fixtures {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let lexicons = LexiconDirectory(root: root.appendingPathComponent("lexicons"))
    public static let corpus = root.appendingPathComponent("corpora/ccg")
    public static let schema = root.appendingPathComponent("schemas/report.schema.json")
    public static let debateText = corpus.appendingPathComponent("002_1a94dbf4a3711592.txt").path
    public static let debateHTML = corpus.appendingPathComponent("002_1a94dbf4a3711592.html").path

    /// A fresh empty folder under the system's temporary directory.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccgtext-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
