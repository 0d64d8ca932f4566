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
