import CCGIngest
import Foundation

/// The comment sentiment set (`Plugins/Sentiment/CommentSet`): reader comments labelled by hand, kept in
/// the repository as ids and labels only, since the sources' licences do not allow copying their texts.
/// This reads the texts back from the benchmark folder.
///
/// Ids (drawn by `scripts/comment_sentiment_set.py sample`, which splits paragraphs the same way):
/// `iac:<post id>` (IAC 4forums, the post's own words, its quotes left out), `reddit:<pair id>` (the
/// response of a SubReddit-agreement pair), `dragnet:<page>#<k>` and `l3s:<page>#<k>` (the k-th paragraph,
/// from 0, of the page's gold comment text: Dragnet's gold separates paragraphs by blank lines, L3S-GN1's
/// puts one block per line).
public enum CommentSentimentSet {
    public static let sources = ["dragnet", "iac", "l3s", "reddit"]

    /// The source an item's id names (its part before the first colon).
    public static func source(of id: String) -> String { id.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "" }

    /// Why `value`, given to `option`, is not one of `sources`; nil when it is.
    public static func unknownSource(_ value: String, option: String) -> String? {
        sources.contains(value) ? nil : "\(option) \(value): the comment set's sources are \(sources.joined(separator: ", "))"
    }

    /// Which labelling pass to read: `label` (the first) or `second` (the agreement check, on part of the set).
    public enum Pass: String, Sendable, CaseIterable {
        case first, second
    }

    /// The labelled items of `labelsPath` in file order, with their texts from `benchmarks`.
    public static func load(_ labelsPath: String, benchmarks: String, pass: Pass = .first) throws -> [SentimentEvaluation.Item] {
        let table = try HeaderedTSV(labelsPath)
        guard let idColumn = table.column("id"), let labelColumn = table.column(pass == .first ? "label" : "second") else {
            throw EvaluationInputError.malformed(labelsPath, "a comment set needs the columns id and label (and second for the second pass)")
        }
        var wanted: [(id: String, label: String)] = []
        _ = try table.map { fields, line in
            let label = fields[labelColumn].trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { return }
            guard SentimentEvaluation.labels.contains(label) else {
                throw EvaluationInputError.malformed(labelsPath, "line \(line): label \"\(label)\" is not negative, neutral or positive")
            }
            wanted.append((fields[idColumn], label))
        }
        let needed = Set(wanted.map { source(of: $0.id) })
        var texts: [String: String] = [:]
        let root = URL(fileURLWithPath: benchmarks)
        func file(_ relative: String) throws -> URL {
            let url = root.appendingPathComponent(relative)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                throw EvaluationInputError.unreadable(url.path, "the comment set reads its texts from the benchmark folder (give it with --benchmarks)")
            }
            return url
        }
        if needed.contains("iac") {
            for object in try jsonLines(file("iac_4forums/posts.jsonl.gz")) {
                guard let id = object["id"] as? String else { continue }
                let text = (object["text_without_quotes"] as? String) ?? (object["text"] as? String) ?? ""
                texts["iac:" + id] = collapsed(text)
            }
        }
        if needed.contains("reddit") {
            for object in try jsonLines(file("subreddit_agreement/mask_mandate.jsonl")) {
                guard let id = object["id"] as? String, let response = object["response"] as? String else { continue }
                texts["reddit:" + id] = collapsed(response)
            }
        }
        for (source, folder) in [("dragnet", "dragnet"), ("l3s", "l3s_gn1")] where needed.contains(source) {
            for object in try jsonLines(file(folder + "/gold.jsonl")) {
                guard let page = object["id"] as? String, let comments = object["comments"] as? String, !comments.isEmpty else { continue }
                for (k, paragraph) in paragraphs(of: comments, blankLineSeparated: source == "dragnet").enumerated() {
                    texts["\(source):\(page)#\(k)"] = paragraph
                }
            }
        }
        return try wanted.map { id, label in
            guard let text = texts[id] else { throw EvaluationInputError.malformed(labelsPath, "\(id) is not in \(benchmarks)") }
            return SentimentEvaluation.Item(id: id, text: text, label: label)
        }
    }

    /// Paragraphs with their white space collapsed to single spaces.
    public static func paragraphs(of text: String, blankLineSeparated: Bool) -> [String] {
        var parts: [String] = []
        var current: [Substring] = []
        var blank = false
        // A blank line is a line holding only white space; with `blankLineSeparated` false every line is a part.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isBlank = line.allSatisfy(\.isWhitespace)
            if blankLineSeparated {
                if isBlank {
                    blank = true
                    continue
                }
                if blank, !current.isEmpty {
                    parts.append(collapsed(current.joined(separator: "\n")))
                    current = []
                }
                blank = false
                current.append(line)
            } else {
                parts.append(collapsed(String(line)))
            }
        }
        if blankLineSeparated { parts.append(collapsed(current.joined(separator: "\n"))) }
        return parts
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        var bytes = [UInt8](try Data(contentsOf: url))
        if url.pathExtension == "gz" { bytes = try Gzip.decompress(bytes, limit: 1 << 31).bytes }
        return try bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        }
    }
}
