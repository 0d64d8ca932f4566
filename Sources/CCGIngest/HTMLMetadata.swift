import Foundation

/// Title, authors, date, site, URL and kind hints from a page's head: JSON-LD first (the most
/// structured), then Open Graph and `<meta>`, then `<title>`.
struct HTMLMetadata {
    var title: String?
    var authors: [String] = []
    var published: String?
    var site: String?
    var url: String?
    /// JSON-LD `@type`s and `og:type`, lower-cased, for the kind decision.
    var types: [String] = []
    var sources: [String: String] = [:]
    /// A thread the page states in JSON-LD (a `DiscussionForumPosting` with its text and `comment`s):
    /// forums that render their posts with script often state them only there.
    var statedThread: StatedThread?

    struct StatedThread {
        var post: RawComment
        var comments: [RawComment]
    }

    init(root: HTMLElement) {
        let elements = root.descendants()
        var meta: [String: String] = [:]
        for element in elements where element.name == "meta" {
            guard let key = (element.attribute("property") ?? element.attribute("name"))?.lowercased(),
                let content = element.attribute("content")?.collapsingWhitespace, !content.isEmpty, meta[key] == nil
            else { continue }
            meta[key] = content
        }
        let jsonLD = elements.filter(\.isJSONLD)
            .flatMap { Self.objects(inJSONLD: $0.rawText) }

        func take(_ field: String, _ candidates: [(String?, String)]) -> String? {
            for (value, source) in candidates {
                if let value, !value.isEmpty {
                    sources[field] = source
                    return value
                }
            }
            return nil
        }
        let article = jsonLD.first { Self.isArticle($0) } ?? jsonLD.first
        title = take("title", [
            (article?["headline"] as? String, "jsonld"), (meta["og:title"], "opengraph"),
            (elements.first { $0.name == "title" }?.text, "title"),
        ])
        let jsonAuthors = Self.names(article?["author"])
        let metaAuthors = [meta["author"], meta["article:author"]].compactMap { $0 }.filter { !$0.hasPrefix("http") }
        if !jsonAuthors.isEmpty {
            authors = jsonAuthors
            sources["authors"] = "jsonld"
        } else if !metaAuthors.isEmpty {
            authors = metaAuthors
            sources["authors"] = "meta"
        }
        let timeElement = elements.first { $0.name == "time" && $0.attribute("datetime") != nil }?.attribute("datetime")
        published = take("published", [
            ((article?["datePublished"] as? String).flatMap(DateParser.isoDate), "jsonld"),
            (meta["article:published_time"].flatMap(DateParser.isoDate), "opengraph"),
            ((meta["date"] ?? meta["dc.date"]).flatMap(DateParser.isoDate), "meta"),
            (timeElement.flatMap(DateParser.isoDate), "time"),
        ])
        site = take("site", [
            (Self.names(article?["publisher"]).first, "jsonld"), (meta["og:site_name"], "opengraph"),
            (meta["application-name"], "meta"),
        ])
        let canonical = elements.first { $0.name == "link" && ($0.attribute("rel")?.lowercased().split(separator: " ").contains("canonical") ?? false) }
        url = take("url", [
            (canonical?.attribute("href"), "canonical"), (meta["og:url"], "opengraph"), (article?["url"] as? String, "jsonld"),
        ])
        types = jsonLD.compactMap { ($0["@type"] as? String)?.lowercased() } + [meta["og:type"]?.lowercased()].compactMap { $0 }
        if let section = meta["article:section"]?.lowercased() { types.append(section) }
        statedThread = jsonLD.lazy.compactMap(Self.statedThread).first
    }

    /// The thread in a JSON-LD `DiscussionForumPosting` (or `SocialMediaPosting`) that states its text:
    /// the post, then its comments in order (depth first), a reply nested under the comment it is listed
    /// in or names as its `parentItem`.
    private static func statedThread(_ object: [String: Any]) -> StatedThread? {
        guard let type = (object["@type"] as? String)?.lowercased(), type == "discussionforumposting" || type == "socialmediaposting",
            let post = statedPost(object)
        else { return nil }
        var comments: [RawComment] = []
        var positionByID: [String: Int] = [:]
        // Depth first without recursion; a crawl's JSON-LD can nest without end.
        var pending: [(Any, Int?)] = ((object["comment"] as? [Any]) ?? []).reversed().map { ($0, nil) }
        while let (value, listedUnder) = pending.popLast(), comments.count < 100_000 {
            guard let comment = value as? [String: Any], var raw = statedPost(comment) else { continue }
            let parentID = (comment["parentItem"] as? [String: Any])?["@id"] as? String ?? comment["parentItem"] as? String
            raw.nestedUnder = parentID.flatMap { positionByID[$0] } ?? listedUnder
            let position = comments.count
            comments.append(raw)
            if let id = comment["@id"] as? String { positionByID[id] = position }
            for reply in ((comment["comment"] as? [Any]) ?? []).reversed() { pending.append((reply, position)) }
        }
        return StatedThread(post: post, comments: comments)
    }

    /// One stated post or comment: its text in paragraphs, its author and time; nil without text.
    private static func statedPost(_ object: [String: Any]) -> RawComment? {
        guard let text = (object["text"] ?? object["articleBody"]) as? String else { return nil }
        let blocks = text.split(whereSeparator: \.isNewline).map { String($0).collapsingWhitespace }.filter { !$0.isEmpty }
            .map { Block(text: $0, role: .paragraph) }
        guard !blocks.isEmpty else { return nil }
        let time = ((object["datePublished"] ?? object["dateCreated"]) as? String).flatMap(DateParser.timestamp)
        return RawComment(author: names(object["author"]).first, role: nil, timestamp: time, blocks: blocks, nestedUnder: nil)
    }

    private static func isArticle(_ object: [String: Any]) -> Bool {
        guard let type = (object["@type"] as? String)?.lowercased() else { return false }
        return type.contains("article") || type.contains("posting") || type.contains("report")
    }

    /// Objects in a JSON-LD script, including those inside `@graph` or a top-level array.
    static func objects(inJSONLD text: String) -> [[String: Any]] {
        guard let data = text.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) else { return [] }
        var result: [[String: Any]] = []
        var queue: [Any] = [json]
        while let next = queue.popLast() {
            if let array = next as? [Any] {
                queue.append(contentsOf: array.reversed())
            } else if let object = next as? [String: Any] {
                result.append(object)
                if let graph = object["@graph"] as? [Any] { queue.append(contentsOf: graph.reversed()) }
            }
        }
        return result
    }

    /// Names from a JSON-LD person/organisation value: a string, an object with `name`, or an array.
    static func names(_ value: Any?) -> [String] {
        if let string = value as? String { return [string.collapsingWhitespace] }
        if let object = value as? [String: Any], let name = object["name"] as? String { return [name.collapsingWhitespace] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        return []
    }
}

extension HTMLElement {
    /// Text content without whitespace collapsing (for scripts such as JSON-LD).
    var rawText: String {
        children.map {
            switch $0 {
            case .text(let value): return value
            case .element(let element): return element.rawText
            }
        }.joined()
    }
}
