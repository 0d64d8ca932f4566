/// Reduces a parsed page to its main content's blocks and its reader comments.
///
/// Elements that never hold article text (scripts, navigation landmarks, hidden elements, small forms) are
/// skipped; the rest is read into blocks and `MainContentSelector` keeps the article's. Class/id names of
/// furniture (from the ingest configuration) are only trusted inside the chosen container, because themes
/// give layout wrappers such names too. Comment items are found by their markup (class tokens or
/// schema.org `Comment`) and kept apart, with their nesting.
struct HTMLBlocks {
    var blocks: [Block] = []
    var comments: [RawComment] = []
    /// A forum thread's opening post, read as a comment is for its author and time; its text stays in
    /// `blocks`, as the page's main text.
    var openingPost: RawComment?

    private let rules: IngestRules
    private static let skippedTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "canvas", "nav", "button", "select", "option",
        "textarea", "input", "iframe", "object", "embed", "head", "title", "meta", "link", "img", "picture", "video",
        "audio", "map", "dialog", "menu", "figcaption",
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
        let (commentItems, threadContainers, opening) = findCommentItems(in: body)
        let itemIndex = Dictionary(uniqueKeysWithValues: commentItems.enumerated().map { (ObjectIdentifier($0.element.element), $0.offset) })
        // One set for every comment: a copy each would make a page of n comments cost n² (10,000 comments).
        let itemIDs = Set(itemIndex.keys)
        comments = commentItems.map { item in
            comment(from: item.element, nestedUnder: item.parent.flatMap { itemIndex[ObjectIdentifier($0)] }, itemIDs: itemIDs)
        }
        openingPost = opening.map { comment(from: $0, nestedUnder: nil, itemIDs: itemIDs) }
        var walker = Linearizer(rules: rules, excluded: Exclusion(itemIDs.union(threadContainers)), excludeCommentLists: true, pageProseBytes: body.proseBytes, deferClassHints: true)
        walker.walk(body, insideArticle: false)
        walker.flush()
        blocks = MainContentSelector.select(walker.blocks, containers: walker.containers, furniture: walker.furnitureElements,
            keptBesideHeadline: Set(rules.configuration.standfirstClassTokens))
    }

    /// The paragraphs of an HTML fragment (a comment body in an export), read as a comment's own text is:
    /// markup gives the paragraph breaks, furniture elements are dropped.
    static func fragmentParagraphs(_ root: HTMLElement, rules: IngestRules) -> [String] {
        let body = root.first("body") ?? root
        var walker = Linearizer(rules: rules, excluded: Exclusion([]), excludeCommentLists: false, pageProseBytes: body.proseBytes, deferClassHints: false)
        walker.walk(body, insideArticle: true)
        walker.flush()
        return walker.blocks.map(\.text)
    }

    /// Comment items in document order, each with the comment item it is nested in. An item is found by
    /// its markup (a comment class, schema.org `Comment`), as a `<details>` whose summary names an author or
    /// a time (threads folded the way forums fold them), or, inside a thread (a comment-list container or
    /// a comment), as one of a run of sibling posts that each carry an author and a time (`article` or
    /// `section` per post, Disqus-style `li.post` lists, plain `div` lists). Nested replies keep their parent.
    ///
    /// Also returns the comment-list containers that hold little besides their comments (a heading, a
    /// comment form): the article walk skips them whole, however much text the thread has.
    private func findCommentItems(in body: HTMLElement) -> (
        items: [(element: HTMLElement, parent: HTMLElement?)], containers: Set<ObjectIdentifier>, openingPost: HTMLElement?
    ) {
        var result: [(HTMLElement, HTMLElement?)] = []
        var containers: Set<ObjectIdentifier> = []
        var openingPost: HTMLElement?
        /// Returns the prose bytes of the outermost comment items in `element`'s subtree.
        @discardableResult
        func visit(_ element: HTMLElement, parentItem: HTMLElement?, inThread: Bool, inCommentArea: Bool, isPost: Bool) -> Int {
            var currentParent = parentItem
            let isItem = isPost || element.classHints.contains(.commentItem) || (element.attribute("itemtype")?.hasSuffix("/Comment") ?? false)
                || isFoldedPost(element)
            if isItem {
                result.append((element, parentItem))
                currentParent = element
            }
            let threaded = inThread || isItem || element.hints.contains(.commentList)
            let namesComments = namesCommentArea(element)
            // Entering an area: not a page-wide wrapper whose class list carries feature flags
            // ("f_comments_taboola_ad_on") or a post marked "commented", so not one that holds the headline.
            let opensArea = namesComments && !Self.pageWrappers.contains(element.name) && !element.holdsHeadline
            let commentArea = inCommentArea || opensArea
            var posts = threaded && !isItem ? postRun(in: element, nested: parentItem != nil) : []
            if posts.isEmpty, commentArea, parentItem == nil, !isItem { posts = repeatedPosts(in: element) }
            // A forum thread: the opening post stays the page's main text, the replies are its comments.
            if posts.isEmpty, openingPost == nil, !threaded, !commentArea, parentItem == nil, !isItem {
                let thread = forumPosts(in: element, pageProse: body.proseBytes)
                if thread.count >= 2 {
                    openingPost = thread.first
                    posts = Set(thread.dropFirst().map(ObjectIdentifier.init))
                }
            }
            var itemProse = 0
            for case .element(let child) in element.children {
                itemProse += visit(child, parentItem: currentParent, inThread: threaded, inCommentArea: commentArea, isPost: posts.contains(ObjectIdentifier(child)))
            }
            if isItem { return element.proseBytes }
            if element.hints.contains(.commentList) || opensArea, itemProse > 0, element.proseBytes - itemProse <= max(400, element.proseBytes / 4) {
                containers.insert(ObjectIdentifier(element))
            }
            return itemProse
        }
        visit(body, parentItem: nil, inThread: false, inCommentArea: false, isPost: false)
        return (result, containers, openingPost)
    }

    /// A `<details>` whose `<summary>` carries an author or time marker: one post of a folded thread.
    private func isFoldedPost(_ element: HTMLElement) -> Bool {
        guard element.name == "details" else { return false }
        return element.children.contains { child in
            guard case .element(let summary) = child, summary.name == "summary" else { return false }
            return !summary.subtreeHints.isDisjoint(with: [.author, .time])
        }
    }

    private static let postTags: Set<String> = ["li", "article", "section", "div", "details", "dd"]

    /// Children of `parent` that are posts: elements of the same tag and class, each with an author and a
    /// time marker, some text and no form. Two or more make a run; inside a comment, one reply in a list
    /// (`ul`, `ol` or a comment-list container) is enough.
    private func postRun(in parent: HTMLElement, nested: Bool) -> Set<ObjectIdentifier> {
        var groups: [String: [HTMLElement]] = [:]
        var signatures: [String] = []
        for case .element(let child) in parent.children where Self.postTags.contains(child.name) {
            guard child.subtreeHints.isSuperset(of: [.author, .time]), child.proseBytes >= 20, !child.holdsForm else { continue }
            let signature = child.name + " " + (child.attribute("class") ?? "")
            if groups[signature] == nil { signatures.append(signature) }
            groups[signature, default: []].append(child)
        }
        let listsReplies = nested && (parent.name == "ul" || parent.name == "ol" || parent.hints.contains(.commentList))
        var posts: Set<ObjectIdentifier> = []
        for signature in signatures {
            guard let members = groups[signature], members.count >= 2 || listsReplies else { continue }
            for member in members { posts.insert(ObjectIdentifier(member)) }
        }
        return posts
    }

    private static let pageWrappers: Set<String> = ["html", "body", "main"]

    /// Whether the element's class or id names a comment area (`commentAreaNameParts`, inside the names).
    private func namesCommentArea(_ element: HTMLElement) -> Bool {
        guard !rules.commentAreaNameParts.isEmpty else { return false }
        for key in ["class", "id"] {
            guard let value = element.attribute(key), value.utf8.count >= 4 else { continue }
            // This runs for every element: lower-case (a copy) only names that have capitals or non-ASCII.
            let lowered = value.utf8.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 }) ? value.lowercased() : value
            if rules.commentAreaNameParts.contains(where: { lowered.contains($0) }) { return true }
        }
        return false
    }

    /// Inside a comment area, the children of `parent` that repeat one another: two or more of the same
    /// tag whose ids differ only in their digits ("comment-40813", "comment-40821") or, without numbered
    /// ids, whose classes do ("coms", "commentbody by-x" and "commentbody by-y" share their first class),
    /// each with some text of its own outside links and no form. Themes that mark neither authors nor
    /// times in a way the token lists know still repeat one element per comment.
    private func repeatedPosts(in parent: HTMLElement) -> Set<ObjectIdentifier> {
        var candidates: [HTMLElement] = []
        for case .element(let child) in parent.children where Self.postTags.contains(child.name) {
            if child.proseBytes >= 40, !child.holdsForm { candidates.append(child) }
        }
        let groups = Self.repeatingGroups(candidates, regroupingSingletonsByClass: false)
        return Set(groups.filter { $0.count >= 2 }.joined().map(ObjectIdentifier.init))
    }

    /// Children of `parent` that are the posts of a forum thread (phpBB, XenForo, vBulletin and the like,
    /// whose markup names neither comments nor a comment list): two or more that repeat one another (as in
    /// `repeatedPosts`), each naming its author and holding text of its own and no form, in page order.
    /// A list of different articles (a blog's front page, each post with its byline) repeats as well; its
    /// members' headings differ, while a thread's posts have none or repeat the topic ("Re: …"), and more
    /// than one person writes them. Together the posts hold at least two fifths of the page's text outside
    /// links (`pageProse`).
    private func forumPosts(in parent: HTMLElement, pageProse: Int) -> [HTMLElement] {
        var candidates: [HTMLElement] = []
        for case .element(let child) in parent.children where Self.postTags.contains(child.name) || child.name == "table" {
            // A post never holds the page's headline (the topic title sits above the posts).
            if child.proseBytes >= 40, !child.holdsForm, !child.holdsHeadline, child.subtreeHints.contains(.author) { candidates.append(child) }
        }
        guard candidates.count >= 2 else { return [] }
        for group in Self.repeatingGroups(candidates, regroupingSingletonsByClass: true) where group.count >= 2 {
            var topics: Set<String> = []
            var authors: Set<String> = []
            for member in group {
                if let heading = Self.firstText(in: member, where: { ["h1", "h2", "h3"].contains($0.name) }) {
                    var topic = heading
                    while topic.hasPrefix("re:") { topic = String(topic.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
                    topics.insert(topic)
                }
                if let author = Self.authorName(in: member) { authors.insert(author) }
            }
            // A blog's front page repeats one author's posts; a thread is a conversation.
            guard authors.count >= 2 else { continue }
            // A thread is what the page is about: its posts hold much of the page's text. Runs of author
            // cards, tweets or "most commented" lists in a sidebar do not.
            if topics.count <= 1, group.reduce(0, { $0 + $1.proseBytes }) * 5 >= pageProse * 2 { return group }
        }
        return []
    }

    /// `elements` grouped by `repeatSignature`, groups in the order their first member comes; with
    /// `regroupingSingletonsByClass`, members whose numbered ids repeat nothing (old Reddit's
    /// "thing_t1_abc12") are grouped again by their first class.
    private static func repeatingGroups(_ elements: [HTMLElement], regroupingSingletonsByClass: Bool) -> [[HTMLElement]] {
        // Positions, not identity searches, order the groups: a page of many unlike siblings stays linear.
        var byID: [String: [Int]] = [:]
        var order: [String] = []
        for (position, element) in elements.enumerated() {
            let key = repeatSignature(element)
            if byID[key] == nil { order.append(key) }
            byID[key, default: []].append(position)
        }
        var groups: [[Int]] = []
        var byClass: [String: [Int]] = [:]
        var classOrder: [String] = []
        for key in order {
            guard let members = byID[key] else { continue }
            if members.count >= 2 || !regroupingSingletonsByClass {
                groups.append(members)
                continue
            }
            for position in members {
                let member = elements[position]
                let classKey = member.name + "." + firstClass(of: member)
                if byClass[classKey] == nil { classOrder.append(classKey) }
                byClass[classKey, default: []].append(position)
            }
        }
        for key in classOrder { if let members = byClass[key] { groups.append(members) } }
        return groups.sorted { ($0.first ?? 0) < ($1.first ?? 0) }.map { $0.map { elements[$0] } }
    }

    /// Who wrote a post, as a key to tell writers apart: the innermost author-marked element's text (eight
    /// levels down at most, each search bounded); a byline line longer than a name only up to its first
    /// digit ("// posted by Nate Johnson @ 12:30 AM" is Nate Johnson's at any time of day).
    private static func authorName(in member: HTMLElement) -> String? {
        guard var element = firstElement(in: member, where: { $0.hints.contains(.author) }) else { return nil }
        for _ in 0..<8 {
            guard let inner = firstElement(in: element, where: { $0.hints.contains(.author) }) else { break }
            element = inner
        }
        let text = boundedText(element).collapsingWhitespace.lowercased()
        // A bare name keeps its digits ("user12"); a byline line loses its time.
        guard text.count > 24 else { return text }
        return String(text.prefix { !$0.isNumber }).trimmingCharacters(in: .whitespaces)
    }

    /// The first matching descendant's text, white space collapsed and lower-cased.
    private static func firstText(in element: HTMLElement, where matches: (HTMLElement) -> Bool) -> String? {
        firstElement(in: element, where: matches).map { boundedText($0).collapsingWhitespace.lowercased() }
    }

    /// The text of the first 64 nodes of `element`'s subtree: enough for a name or a title, and a bounded
    /// cost however large the element is (these are read for every candidate post at every level).
    private static func boundedText(_ element: HTMLElement) -> String {
        var parts: [String] = []
        var stack: [HTMLElement.Child] = [.element(element)]
        var seen = 0
        while let node = stack.popLast(), seen < 64 {
            seen += 1
            switch node {
            case .text(let text): parts.append(text)
            case .element(let child):
                guard child.name != "script", child.name != "style" else { continue }
                // Only as many nodes as can still be read: a node with 10,000 children pushes 64.
                stack.append(contentsOf: child.children.prefix(64 - seen).reversed())
            }
        }
        return parts.joined(separator: " ")
    }

    /// The first descendant that `matches`, in document order; looks at the first 400 elements only, so
    /// a deeply nested or very wide page costs no more than a flat one.
    private static func firstElement(in element: HTMLElement, where matches: (HTMLElement) -> Bool) -> HTMLElement? {
        var stack: [HTMLElement] = [element]
        var seen = 0
        while let current = stack.popLast(), seen < 400 {
            seen += 1
            if current !== element, matches(current) { return current }
            // Only as many as can still be looked at: a node with 10,000 children pushes 400 at most.
            var pushed: [HTMLElement] = []
            for case .element(let child) in current.children {
                guard pushed.count < 400 - seen else { break }
                pushed.append(child)
            }
            stack.append(contentsOf: pushed.reversed())
        }
        return nil
    }

    /// Tag and numbered id without its digits, else tag and first class word without digits.
    private static func repeatSignature(_ element: HTMLElement) -> String {
        func withoutDigits(_ text: Substring) -> String { String(text.unicodeScalars.filter { !("0"..."9").contains($0) }) }
        if let id = element.attribute("id"), id.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
            return element.name + "#" + withoutDigits(Substring(id))
        }
        return element.name + "." + withoutDigits(Substring(firstClass(of: element)))
    }

    /// The first word of the element's class attribute ("" without one).
    private static func firstClass(of element: HTMLElement) -> String {
        (element.attribute("class")?.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).first).map(String.init) ?? ""
    }

    private func comment(from item: HTMLElement, nestedUnder: Int?, itemIDs: Set<ObjectIdentifier>) -> RawComment {
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
        func firstText(_ meaning: MarkupHint, itemprop: String? = nil) -> HTMLElement? {
            own.first { element in
                (itemprop != nil && element.attribute("itemprop") == itemprop) || element.hints.contains(meaning)
            }
        }
        // The innermost marked element: "comment-author vcard" wraps an avatar, the name and "says:".
        let authorElement = firstText(.author, itemprop: "author").map { outer in
            var element = outer
            while let inner = element.first(where: { $0.hints.contains(.author) || $0.attribute("itemprop") == "author" }) {
                element = inner
            }
            return element
        }
        let roleElement = firstText(.role)
        let timeElement = own.first { $0.name == "time" } ?? firstText(.time)
        // A relative time ("2 days ago") often carries the absolute one in its title.
        let timestamp = timeElement.flatMap { element in
            [element.attribute("datetime"), element.attribute("title"), element.text].lazy.compactMap { $0.flatMap(DateParser.timestamp) }.first
        }
        let bodyElement = firstText(.commentBody)
        // Read this item, not the ones nested in it, nor its header's elements.
        var excluded = Exclusion(itemIDs, except: ObjectIdentifier(item))
        for element in [authorElement, roleElement, timeElement].compactMap({ $0 }) { excluded.extra.insert(ObjectIdentifier(element)) }
        // A folded post's summary line is its header (author, time, score), not its text.
        for case .element(let summary) in item.children where item.name == "details" && summary.name == "summary" {
            excluded.extra.insert(ObjectIdentifier(summary))
        }
        var walker = Linearizer(rules: rules, excluded: excluded, excludeCommentLists: false, pageProseBytes: item.proseBytes, deferClassHints: false)
        walker.walk(bodyElement ?? item, insideArticle: true)
        walker.flush()
        return RawComment(
            author: authorElement?.text.nilIfEmpty, role: roleElement?.text.nilIfEmpty, timestamp: timestamp,
            blocks: walker.blocks, nestedUnder: nestedUnder)
    }

    /// A card a link opens on hover (a person's photo, name and latest headlines), rendered into the
    /// paragraph right after the link: an inline element with an image, two or more links and no text of
    /// its own. Read as text, it splices a list of headlines into the middle of a sentence.
    static func isHoverCard(_ element: HTMLElement) -> Bool {
        guard element.name == "span" || element.name == "div", element.proseBytes <= 16 else { return false }
        var links = 0
        var image = false
        var stack = [element]
        while let current = stack.popLast() {
            for case .element(let child) in current.children {
                if child.name == "a" { links += 1 }
                if child.name == "img" || child.name == "picture" { image = true }
                stack.append(child)
            }
        }
        return image && links >= 2
    }

    /// Elements a walk skips: a set shared by every comment of a page, less the one being read, plus a few
    /// of its own (a small set each, so no comment copies the page's).
    private struct Exclusion {
        let shared: Set<ObjectIdentifier>
        let except: ObjectIdentifier?
        var extra: Set<ObjectIdentifier> = []

        init(_ shared: Set<ObjectIdentifier>, except: ObjectIdentifier? = nil) {
            self.shared = shared
            self.except = except
        }

        func contains(_ id: ObjectIdentifier) -> Bool { extra.contains(id) || (id != except && shared.contains(id)) }
    }

    /// Walks elements in document order, turning their visible text into blocks.
    private struct Linearizer {
        let rules: IngestRules
        let excluded: Exclusion
        let excludeCommentLists: Bool
        /// The body's `proseBytes`: the yardstick for "most of the page".
        let pageProseBytes: Int
        var blocks: [Block] = []
        /// For each block, the ordinals of the elements it sits in, outermost first (for choosing the
        /// main content's container).
        var containers: [[Int32]] = []
        /// Ordinals of elements whose class names furniture. With `deferClassHints` they are kept and only
        /// dropped inside the chosen main container, since a layout wrapper around the article may carry such
        /// a name too; otherwise they are skipped outright.
        var furnitureElements: Set<Int32> = []
        let deferClassHints: Bool
        private var openElements: [Int32] = []
        private var nextOrdinal: Int32 = 0
        private var buffer = ""
        private var linkCharacters = 0
        private var roles: [Block.Role] = []
        /// Per open element, its hint tokens that the structure recognizer reads (byline, standfirst, …).
        private var hints: [[String]] = []
        private var linkDepth = 0
        private var textDepth = 0

        init(rules: IngestRules, excluded: Exclusion, excludeCommentLists: Bool, pageProseBytes: Int, deferClassHints: Bool) {
            self.rules = rules
            self.deferClassHints = deferClassHints
            self.pageProseBytes = pageProseBytes
            self.excluded = excluded
            self.excludeCommentLists = excludeCommentLists
        }

        mutating func walk(_ element: HTMLElement, insideArticle: Bool) {
            if excluded.contains(ObjectIdentifier(element)) || isFurniture(element, insideArticle: insideArticle) { return }
            let classedAsFurniture = classMarksFurniture(element)
            if classedAsFurniture, !deferClassHints { return }
            let isBlock = HTMLBlocks.blockTags.contains(element.name) || element.name == "br"
            if isBlock { flush() }
            if element.name == "br" { return }
            let role = role(of: element)
            if let role { roles.append(role) }
            let isText = element.name == "td" || element.name == "th" || element.name == "p"
            if isText { textDepth += 1 }
            defer { if isText { textDepth -= 1 } }
            hints.append(element.recognizerTokens)
            if element.name == "a" { linkDepth += 1 }
            let article = insideArticle || element.name == "article" || element.name == "main"
            let tracked = isBlock || classedAsFurniture
            if tracked {
                if classedAsFurniture { furnitureElements.insert(nextOrdinal) }
                openElements.append(nextOrdinal)
                nextOrdinal += 1
            }
            defer { if tracked { openElements.removeLast() } }
            var afterLink = false
            for child in element.children {
                switch child {
                case .text(let text):
                    buffer += text
                    if linkDepth > 0 { linkCharacters += text.utf8.count }
                    if afterLink, text.utf8.contains(where: { $0 > 0x20 }) { afterLink = false }
                case .element(let nested):
                    if afterLink, textDepth > 0, HTMLBlocks.isHoverCard(nested) {
                        afterLink = false
                        continue
                    }
                    walk(nested, insideArticle: article)
                    afterLink = nested.name == "a"
                }
            }
            if element.name == "a" { linkDepth -= 1 }
            if isBlock { flush() }
            hints.removeLast()
            if role != nil { roles.removeLast() }
        }

        mutating func flush() {
            let text = buffer.collapsingWhitespace
            let total = buffer.utf8.count
            if !text.isEmpty {
                containers.append(openElements)
                blocks.append(
                    Block(
                        text: text, role: roles.last ?? .paragraph,
                        linkDensity: total > 0 ? Double(linkCharacters) / Double(total) : 0,
                        hints: Set(hints.joined()), markedAsText: textDepth > 0))
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
            // A form is a search box or a sign-up, unless (as on ASP.NET sites) it wraps the whole page.
            if element.name == "form", Double(element.proseBytes) <= Double(pageProseBytes) * 0.4 { return true }
            if !insideArticle, ["header", "footer", "aside"].contains(element.name) { return true }
            if element.name == "aside" || element.name == "footer" { return true }
            return false
        }

        /// Whether the element's class/id names furniture ("share", "related", "sidebar"). Such names are
        /// hints, not facts: never for the page's landmarks, nor an element that also says it holds content
        /// (a body classed "menu-type-dropdown" is still the body), nor one holding most of the text (themes
        /// name layout wrappers "container penci_sidebar"; a real sidebar is never most of the page).
        private func classMarksFurniture(_ element: HTMLElement) -> Bool {
            if ["html", "body", "main", "article"].contains(element.name) { return false }
            let listsComments = excludeCommentLists && element.hints.contains(.commentList)
            guard listsComments || element.hints.contains(.boilerplate) else { return false }
            if !listsComments, element.hints.contains(.content) { return false }
            return Double(element.proseBytes) <= Double(pageProseBytes) * 0.4
        }
    }
}

extension String {
    var nilIfEmpty: String? {
        let trimmed = collapsingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }
}
