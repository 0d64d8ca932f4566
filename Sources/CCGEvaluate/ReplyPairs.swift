import CCGIngest
import Foundation

/// Replies with the comment they answer and how they relate to it (agree, disagree, ask, comment), read
/// from the three public sets that label it, each in its own form:
/// - IAC 4forums (`posts.jsonl.gz`, or `posts.jsonl` unpacked): a reply and its parent by two authors whose stance in the discussion
///   is known are `agree` when the stances match, `disagree` when they differ. Split by discussion:
///   discussions whose id is a multiple of five are `dev`, the rest `train` (`all` takes both).
/// - Reddit quote–response pairs (`subreddit_agreement`, any `.jsonl` with `quote`, `response`, `label`):
///   agree / disagree / neutral (read as `comment`).
/// - RumourEval 2017 (`threads.json`): direct replies to a thread's source tweet, whose label toward the
///   source is their relation to it: support → agree, deny → disagree, query → ask, comment.
public enum ReplyPairs {
    public struct Pair: Sendable {
        public var id: String
        /// What the pair was said about: IAC's topic, the Reddit set's topic, RumourEval's event.
        public var group: String
        public var parent: String
        public var reply: String
        /// `agree`, `disagree`, `ask` or `comment`.
        public var relation: String
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unknownFormat(String)
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .unknownFormat(let path):
                return "\(path): not a set of labelled replies (expected IAC's posts.jsonl.gz, a .jsonl of quote/response/label, or RumourEval's threads.json)"
            case .unreadable(let path, let reason): return "\(path): \(reason)"
            }
        }
    }

    /// The pairs of the set at `path` (a folder or one of the files above); `split` matters for IAC only.
    public static func load(_ path: String, split: String = "all") throws -> [Pair] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw LoadError.unreadable(path, "no such file or folder") }
        let folder = URL(fileURLWithPath: path)
        func inFolder(_ name: String) -> URL? {
            let file = folder.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: file.path) ? file : nil
        }
        if isFolder.boolValue {
            if let posts = inFolder("posts.jsonl.gz") ?? inFolder("posts.jsonl") { return try forumPairs(posts, split: split) }
            if let threads = inFolder("threads.json"), inFolder("train_sdqc.tsv") != nil { return try rumourPairs(threads) }
            let lines = (try? FileManager.default.contentsOfDirectory(atPath: path))?.filter { $0.hasSuffix(".jsonl") }.sorted() ?? []
            if !lines.isEmpty { return try lines.flatMap { try quotePairs(folder.appendingPathComponent($0)) } }
            throw LoadError.unknownFormat(path)
        }
        if path.hasSuffix("posts.jsonl.gz") || path.hasSuffix("posts.jsonl") { return try forumPairs(folder, split: split) }
        if path.hasSuffix(".jsonl") { return try quotePairs(folder) }
        if path.hasSuffix("threads.json") { return try rumourPairs(folder) }
        throw LoadError.unknownFormat(path)
    }

    /// Lines split at line feeds only: a JSON string may hold a raw U+2028, which Swift counts as a newline.
    private static func lines(_ file: URL, gzipped: Bool = false) throws -> [Data] {
        do {
            var bytes = [UInt8](try Data(contentsOf: file))
            // A benchmark the user points at, not a crawled page: its size is what it is.
            if gzipped { bytes = try Gzip.decompress(bytes, limit: 1 << 31).bytes }
            return bytes.split(separator: 10).map { Data($0) }
        } catch {
            throw LoadError.unreadable(file.path, "\(error)")
        }
    }

    private struct ForumPost: Decodable {
        var discussion_id: Int
        var post_id: Int
        var parent_id: Int?
        var author: String
        var topic: String
        var text: String
        var text_without_quotes: String?
        var label: String
    }

    private static func forumPairs(_ file: URL, split: String) throws -> [Pair] {
        let decoder = JSONDecoder()
        var posts: [String: ForumPost] = [:]
        var order: [ForumPost] = []
        for line in try lines(file, gzipped: file.pathExtension == "gz") {
            guard let post = try? decoder.decode(ForumPost.self, from: line) else { continue }
            posts["\(post.discussion_id)/\(post.post_id)"] = post
            order.append(post)
        }
        func words(_ post: ForumPost) -> String {
            let own = post.text_without_quotes?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return own.isEmpty ? post.text : own
        }
        let sides: Set<String> = ["favor", "against"]
        return order.compactMap { post in
            guard let parentID = post.parent_id, let parent = posts["\(post.discussion_id)/\(parentID)"], parent.author != post.author,
                sides.contains(post.label), sides.contains(parent.label)
            else { return nil }
            let dev = post.discussion_id % 5 == 0
            guard split == "all" || (split == "dev") == dev else { return nil }
            return Pair(
                id: "iac-\(post.discussion_id)-\(post.post_id)", group: post.topic, parent: words(parent), reply: words(post),
                relation: post.label == parent.label ? "agree" : "disagree")
        }
    }

    private struct QuotePair: Decodable {
        var id: String
        var topic: String?
        var quote: String
        var response: String
        var label: String
    }

    private static func quotePairs(_ file: URL) throws -> [Pair] {
        let decoder = JSONDecoder()
        return try lines(file).compactMap { line in
            if line.allSatisfy({ $0 == 13 || $0 == 32 || $0 == 9 }) { return nil }
            guard let pair = try? decoder.decode(QuotePair.self, from: line) else {
                throw LoadError.unreadable(file.path, "a line is not {id, quote, response, label}")
            }
            let relation = pair.label == "neutral" ? "comment" : pair.label
            guard ["agree", "disagree", "comment"].contains(relation) else { return nil }
            return Pair(id: pair.id, group: pair.topic ?? "", parent: pair.quote, reply: pair.response, relation: relation)
        }
    }

    private struct Thread: Decodable {
        struct Tweet: Decodable {
            var id: String
            var parent_id: String?
            var is_source: Bool
            var text: String
            var label: String?
        }
        var thread_id: String
        var event: String?
        var tweets: [Tweet]
    }

    private static func rumourPairs(_ file: URL) throws -> [Pair] {
        let threads: [Thread]
        do { threads = try JSONDecoder().decode([Thread].self, from: Data(contentsOf: file)) } catch {
            throw LoadError.unreadable(file.path, "\(error)")
        }
        let relations = ["support": "agree", "deny": "disagree", "query": "ask", "comment": "comment"]
        return threads.flatMap { thread -> [Pair] in
            guard let source = thread.tweets.first(where: \.is_source) else { return [] }
            return thread.tweets.compactMap { tweet in
                guard !tweet.is_source, tweet.parent_id == source.id, let relation = tweet.label.flatMap({ relations[$0] }) else { return nil }
                return Pair(id: "rumoureval-\(tweet.id)", group: thread.event ?? "", parent: source.text, reply: tweet.text, relation: relation)
            }
        }
    }
}
