import Foundation

/// Gold texts of an extraction benchmark, whatever file layout it came in, reduced to what the scoring
/// needs: each page's article and, where the set marks them, its reader comments. Development sources are
/// published in different shapes (Zyte's `ground-truth.json`, Dragnet's article/comments split, L3S-GN1's
/// annotated block classes, plain cleaned text); reading them all into one form is what lets every source be
/// scored side by side by the same code.
public struct ExtractionGold: Sendable {
    public struct Page: Sendable, Equatable {
        public var id: String
        public var url: String?
        public var article: String
        /// The page's reader comments joined; empty when the set says the page has none; nil when the set
        /// does not mark comments at all (its pages are then left out of the comment figures).
        public var comments: String?

        public init(id: String, url: String? = nil, article: String, comments: String?) {
            self.id = id
            self.url = url
            self.article = article
            self.comments = comments
        }
    }

    /// The layouts read. `auto` decides from the file: a JSON object is Zyte's; in JSON Lines, the first
    /// record's keys tell the others apart.
    public enum Format: String, Sendable, CaseIterable {
        case auto
        /// `{"<id>": {"articleBody", "url", "comments"?}}`, optionally wrapped in `{"output": …}`: the
        /// article-extraction benchmark's gold, and the predictions format other tools are scored in.
        case zyte
        /// JSON Lines of `id`, `article`, `comments` (Dragnet as kept in `../shared/benchmarks`).
        case dragnet
        /// JSON Lines of `id`, `headline`, `full_text`, `supplemental`, `comments` (L3S-GN1): the article is
        /// headline, full text and supplemental text, as boilerpipe's evaluation counts it.
        case l3s
        /// JSON Lines of `id` and `text`, with `url` optional (Readability's test pages, CleanEval): the
        /// text is the article; comments are not marked.
        case text
    }

    public var format: Format
    public var pages: [String: Page]

    public init(format: Format, pages: [String: Page]) {
        self.format = format
        self.pages = pages
    }

    /// Whether any page marks its comments (so comment figures mean something for this set).
    public var marksComments: Bool { pages.values.contains { $0.comments != nil } }

    public static func load(_ path: String, format requested: Format = .auto) throws -> ExtractionGold {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvaluationInputError.unreadable(path, "no such file or unreadable") }
        let firstByte = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        if requested == .zyte || (requested == .auto && !path.hasSuffix(".jsonl") && firstByte == UInt8(ascii: "{") && isSingleObject(data)) {
            return ExtractionGold(format: .zyte, pages: try zytePages(data, path: path))
        }
        var pages: [String: Page] = [:]
        var format = requested
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            guard line.contains(where: { !($0 == 0x20 || $0 == 0x0D || $0 == 0x09) }) else { continue }
            let parsed: Any
            do { parsed = try JSONSerialization.jsonObject(with: Data(line)) } catch {
                throw EvaluationInputError.notBenchmarkJSON(path, "line \(lineNumber) is not JSON (\(error.localizedDescription))")
            }
            guard let record = parsed as? [String: Any] else { throw EvaluationInputError.notBenchmarkJSON(path, "line \(lineNumber) is not an object") }
            if format == .auto { format = guessed(from: record) }
            guard let id = (record["id"] as? String) ?? (record["id"] as? NSNumber).map({ $0.stringValue }), !id.isEmpty else {
                throw EvaluationInputError.notBenchmarkJSON(path, "line \(lineNumber) has no id")
            }
            guard pages[id] == nil else { throw EvaluationInputError.notBenchmarkJSON(path, "line \(lineNumber) repeats the id \(id)") }
            pages[id] = page(id: id, record: record, format: format)
        }
        return ExtractionGold(format: format == .auto ? .text : format, pages: pages)
    }

    private static func isSingleObject(_ data: Data) -> Bool {
        // A JSON Lines file also starts with "{"; a whole-file parse tells the two apart.
        (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
    }

    private static func guessed(from record: [String: Any]) -> Format {
        if record["full_text"] != nil { return .l3s }
        if record["article"] != nil { return .dragnet }
        return .text
    }

    private static func page(id: String, record: [String: Any], format: Format) -> Page {
        func text(_ key: String) -> String { (record[key] as? String) ?? "" }
        let url = record["url"] as? String
        switch format {
        case .l3s:
            let article = [text("headline"), text("full_text"), text("supplemental")].filter { !$0.isEmpty }.joined(separator: "\n\n")
            return Page(id: id, url: url, article: article, comments: text("comments"))
        case .dragnet:
            return Page(id: id, url: url, article: text("article"), comments: text("comments"))
        case .text, .auto, .zyte:
            return Page(id: id, url: url, article: text("text"), comments: record["comments"] as? String)
        }
    }

    private static func zytePages(_ data: Data, path: String) throws -> [String: Page] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch { throw EvaluationInputError.notBenchmarkJSON(path, "not JSON (\(error.localizedDescription))") }
        guard var object = parsed as? [String: Any] else { throw EvaluationInputError.notBenchmarkJSON(path, "the top level is not an object") }
        if let wrapped = object["output"] as? [String: Any] { object = wrapped }
        var pages: [String: Page] = [:]
        for (id, value) in object {
            guard let entry = value as? [String: Any] else { throw EvaluationInputError.notBenchmarkJSON(path, "entry \(id) is not an object") }
            pages[id] = Page(id: id, url: entry["url"] as? String, article: (entry["articleBody"] as? String) ?? "", comments: entry["comments"] as? String)
        }
        return pages
    }
}
