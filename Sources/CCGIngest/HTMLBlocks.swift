/// Reduces a parsed page to its visible blocks and its reader comments.
///
/// Removal is by general rules: non-content elements (scripts, forms, navigation landmarks), elements whose
/// class/id tokens name furniture (from the ingest configuration), hidden elements. Comment items are found
/// by their markup (class tokens or schema.org `Comment`) and kept apart, with their nesting.
struct HTMLBlocks {
    var blocks: [Block] = []
    var comments: [RawComment] = []

    private let rules: IngestRules
    private static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "nav", "form", "button", "select", "option",
        "textarea", "input", "iframe", "object", "embed", "head", "title", "meta", "link", "img", "picture", "video",
        "audio", "map", "dialog", "menu",
    ]
    private static let landmarkRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"]
    private static let blockTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt", "figcaption", "caption",
        "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "dl", "table", "tr", "figure", "address",
        "details", "summary", "hr", "body",
    ]

    init(root: HTMLElement, rules: IngestRules) {
        self.rules = rules
        let body = root.first("body") ?? root
        let commentItems = findCommentItems(in: body)
        let itemIndex = Dictionary(uniqueKeysWithValues: commentItems.enumerated().map { (ObjectIdentifier($0.element.element), $0.offset) })
        comments = commentItems.map { item in
            comment(from: item.element, nestedUnder: item.parent.flatMap { itemIndex[ObjectIdentifier($0)] }, itemIDs: Set(itemIndex.keys))
        }
        var walker = Linearizer(rules: rules, excluded: Set(itemIndex.keys), excludeCommentLists: true)
        walker.walk(body, insideArticle: false)
        walker.flush()
        blocks = walker.blocks
    }

    /// Comment items in document order, each with the comment item it is nested in.
    private func findCommentItems(in body: HTMLElement) -> [(element: HTMLElement, parent: HTMLElement?)] {
        let itemTokens = Set(rules.configuration.commentClassTokens)
        var result: [(HTMLElement, HTMLElement?)] = []
        func visit(_ element: HTMLElement, parentItem: HTMLElement?) {
            var currentParent = parentItem
            let classWords = Set((element.attribute("class") ?? "").lowercased().split(separator: " ").map(String.init))
            let isItem = !classWords.isDisjoint(with: itemTokens) || (element.attribute("itemtype")?.hasSuffix("/Comment") ?? false)
            if isItem {
                result.append((element, parentItem))
                currentParent = element
            }
            for case .element(let child) in element.children { visit(child, parentItem: currentParent) }
        }
        visit(body, parentItem: nil)
        return result
    }

    private func comment(from item: HTMLElement, nestedUnder: Int?, itemIDs: Set<ObjectIdentifier>) -> RawComment {
        let configuration = rules.configuration
        // Only this comment's own elements, in document order: stop at nested comment items.
        func ownChildren(_ element: HTMLElement) -> [HTMLElement] {
            element.children.reversed().compactMap {
                if case .element(let child) = $0, !itemIDs.contains(ObjectIdentifier(child)) { return child }
                return nil
            }
        }
        var own: [HTMLElement] = []
        var stack = ownChildren(item)
        while let element = stack.popLast() {
            own.append(element)
            stack.append(contentsOf: ownChildren(element))
        }
        func firstText(_ tokens: [String], itemprop: String? = nil) -> HTMLElement? {
            own.first { element in
                (itemprop != nil && element.attribute("itemprop") == itemprop) || !element.hintTokens.isDisjoint(with: tokens)
            }
        }
        let authorElement = firstText(configuration.authorClassTokens, itemprop: "author")
        let roleElement = firstText(configuration.roleClassTokens)
        let timeElement = own.first { $0.name == "time" } ?? firstText(configuration.timeClassTokens)
        let timestamp = timeElement.flatMap { DateParser.timestamp($0.attribute("datetime") ?? $0.text) }
        let bodyElement = firstText(configuration.commentBodyClassTokens)
        var excluded = itemIDs
        for element in [authorElement, roleElement, timeElement].compactMap({ $0 }) { excluded.insert(ObjectIdentifier(element)) }
        var walker = Linearizer(rules: rules, excluded: excluded, excludeCommentLists: false)
        walker.walk(bodyElement ?? item, insideArticle: true)
        walker.flush()
        return RawComment(
            author: authorElement?.text.nilIfEmpty, role: roleElement?.text.nilIfEmpty, timestamp: timestamp,
            blocks: walker.blocks, nestedUnder: nestedUnder)
    }

    /// Walks elements in document order, turning their visible text into blocks.
    private struct Linearizer {
        let rules: IngestRules
        let excluded: Set<ObjectIdentifier>
        let excludeCommentLists: Bool
        var blocks: [Block] = []
        private var buffer = ""
        private var linkCharacters = 0
        private var roles: [Block.Role] = []
        private var hints: [Set<String>] = []
        private var linkDepth = 0

        init(rules: IngestRules, excluded: Set<ObjectIdentifier>, excludeCommentLists: Bool) {
            self.rules = rules
            self.excluded = excluded
            self.excludeCommentLists = excludeCommentLists
        }

        mutating func walk(_ element: HTMLElement, insideArticle: Bool) {
            if excluded.contains(ObjectIdentifier(element)) || isFurniture(element, insideArticle: insideArticle) { return }
            let isBlock = HTMLBlocks.blockTags.contains(element.name) || element.name == "br"
            if isBlock { flush() }
            if element.name == "br" { return }
            let role = role(of: element)
            if let role { roles.append(role) }
            hints.append(element.hintTokens)
            if element.name == "a" { linkDepth += 1 }
            let article = insideArticle || element.name == "article" || element.name == "main"
            for child in element.children {
                switch child {
                case .text(let text):
                    buffer += text
                    if linkDepth > 0 { linkCharacters += text.count }
                case .element(let nested):
                    walk(nested, insideArticle: article)
                }
            }
            if element.name == "a" { linkDepth -= 1 }
            if isBlock { flush() }
            hints.removeLast()
            if role != nil { roles.removeLast() }
        }

        mutating func flush() {
            let text = buffer.collapsingWhitespace
            let total = buffer.count
            if !text.isEmpty {
                blocks.append(
                    Block(
                        text: text, role: roles.last ?? .paragraph,
                        linkDensity: total > 0 ? Double(linkCharacters) / Double(total) : 0,
                        hints: hints.reduce(into: Set<String>()) { $0.formUnion($1) }))
            }
            buffer = ""
            linkCharacters = 0
        }

        private func role(of element: HTMLElement) -> Block.Role? {
            switch element.name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                return .heading(level: Int(String(element.name.dropFirst())) ?? 2)
            case "li", "dd", "dt": return .listItem
            case "blockquote": return .quote
            default: return nil
            }
        }

        private func isFurniture(_ element: HTMLElement, insideArticle: Bool) -> Bool {
            if HTMLBlocks.skippedTags.contains(element.name) { return true }
            if element.attribute("hidden") != nil || element.attribute("aria-hidden")?.lowercased() == "true" { return true }
            if let style = element.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
                style.contains("display:none") || style.contains("visibility:hidden")
            {
                return true
            }
            if let role = element.attribute("role")?.lowercased(), HTMLBlocks.landmarkRoles.contains(role) { return true }
            if !insideArticle, ["header", "footer", "aside"].contains(element.name) { return true }
            if element.name == "aside" || element.name == "footer" { return true }
            let tokens = element.hintTokens
            if !tokens.isDisjoint(with: rules.boilerplateTokens) { return true }
            if excludeCommentLists, !tokens.isDisjoint(with: rules.configuration.commentListClassTokens) { return true }
            return false
        }
    }
}

extension String {
    var nilIfEmpty: String? {
        let trimmed = collapsingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }
}
