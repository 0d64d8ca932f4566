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
    /// Every block before the main content was chosen, with its classifier features (when asked for).
    var candidates: [BlockCandidate] = []

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

    init(root: HTMLElement, rules: IngestRules, collectingCandidates: Bool = false) {
        self.rules = rules
        let body = root.first("body") ?? root
        let (commentItems, threadContainers, opening) = findCommentItems(in: body)
        let itemIndex = Dictionary(uniqueKeysWithValues: commentItems.enumerated().map { (ObjectIdentifier($0.element.element), $0.offset) })
        // One set for every comment: a copy each would make a page of n comments cost n² (10,000 comments).
        let itemIDs = Set(itemIndex.keys)
        comments = commentItems.map { item in
            comment(from: item.element, nestedUnder: item.parent.flatMap { itemIndex[ObjectIdentifier($0)] }, itemIDs: itemIDs)
        }
        // Comments that no element wraps, each closed by its signature line (Movable Type, TypePad).
        var setAside = itemIDs.union(threadContainers)
        if commentItems.isEmpty {
            for run in signedComments(in: body) {
                comments.append(run.comment)
                setAside.formUnion(run.elements.map(ObjectIdentifier.init))
            }
        }
        if let opening {
            // A thread: its opening post is the page's text, under the page's headline; what else the page
            // holds (the forum's sidebar, a community's rules, a reply box) is not.
            var parts = PostParts(of: opening, nestedItems: itemIDs, rules: rules)
            openingPost = RawComment(author: parts.author, role: parts.role, timestamp: parts.timestamp, blocks: [], nestedUnder: nil)
            var heading: [Block] = []
            // The post's own title (new Reddit's), else the page's, unless that is the forum's name linked
            // to its home page (the <title> then names the topic).
            if let h1 = opening.holdsHeadline ? opening.first("h1") : body.first("h1"), !Self.namesSite(h1) {
                parts.excluded.insert(ObjectIdentifier(h1))
                var walker = Linearizer(rules: rules, excluded: Exclusion([]), excludeCommentLists: false, pageProseBytes: h1.proseBytes, deferClassHints: false)
                walker.walk(h1, insideArticle: true)
                walker.flush()
                heading = walker.blocks.prefix(1).map { Block(text: $0.text, role: .heading(level: 1), linkDensity: 0, hints: $0.hints) }
            }
            blocks = heading + postText(opening, parts: parts, itemIDs: itemIDs)
            return
        }
        var walker = Linearizer(rules: rules, excluded: Exclusion(setAside), excludeCommentLists: true, pageProseBytes: body.proseBytes, deferClassHints: true)
        walker.walk(body, insideArticle: false)
        walker.flush()
        (blocks, candidates) = MainContentSelector.select(
            walker.blocks, containers: walker.containers, furniture: walker.furnitureElements,
            keptBesideHeadline: Set(rules.configuration.standfirstClassTokens), classifier: rules.blockClassifier,
            collectingCandidates: collectingCandidates)
    }

    /// Comments that no element wraps: after a comment heading ("Comments"), the siblings up to each
    /// signature line ("Posted by: Reed Hedges | Apr 6, 2007 1:11:01 PM", a short line with a date that
    /// its markup marks as a time or byline or that names its writer) are one comment, the signature its
    /// author and time, as Movable Type and TypePad blogs print them. Two signatures at least; the run ends at
    /// another heading or a form. Returns each comment with the elements it covers (heading included), which
    /// the article walk leaves out.
    private func signedComments(in body: HTMLElement) -> [(comment: RawComment, elements: [HTMLElement])] {
        var found: [(RawComment, [HTMLElement])] = []
        var stack = [body]
        while let element = stack.popLast() {
            // Most elements hold no heading: they are passed over without building a list of children.
            var holdsHeading = false
            for case .element(let nested) in element.children.reversed() {
                stack.append(nested)
                if !holdsHeading, nested.name.utf8.count == 2, Self.headingTags.contains(nested.name) { holdsHeading = true }
            }
            guard holdsHeading else { continue }
            let children = element.elementChildren
            guard children.count >= 3,
                let heading = children.firstIndex(where: { Self.headingTags.contains($0.name) && rules.isCommentHeading($0.text) })
            else { continue }
            var runs: [(RawComment, [HTMLElement])] = []
            var segment: [HTMLElement] = []
            for child in children[(heading + 1)...] {
                if Self.headingTags.contains(child.name) || child.holdsForm { break }
                guard isSignature(child) else {
                    segment.append(child)
                    continue
                }
                if segment.reduce(0, { $0 + $1.proseBytes }) >= 20 {
                    var walker = Linearizer(rules: rules, excluded: Exclusion([]), excludeCommentLists: false, pageProseBytes: element.proseBytes, deferClassHints: false)
                    for part in segment { walker.walk(part, insideArticle: true) }
                    walker.flush()
                    let line = child.text
                    let author = rules.signedAuthor(in: line) ?? child.first("a")?.text.nilIfEmpty
                    runs.append((RawComment(author: author, role: nil, timestamp: DateParser.timestamp(line), blocks: walker.blocks, nestedUnder: nil), segment + [child]))
                }
                segment = []
            }
            guard runs.count >= 2 else { continue }
            runs[0].1.append(children[heading])
            found += runs
        }
        return found
    }

    private static let headingTags: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

    /// A comment's closing line: short, dated, and marked as a time or byline or naming its writer.
    private func isSignature(_ element: HTMLElement) -> Bool {
        guard ["p", "div", "span", "address"].contains(element.name), element.proseBytes <= 200 else { return false }
        let line = element.text
        guard line.utf8.count <= 250, DateParser.timestamp(line) != nil else { return false }
        return !element.subtreeHints.isDisjoint(with: [.time, .byline, .author]) || rules.signedAuthor(in: line) != nil
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
        var added: Set<ObjectIdentifier> = []
        /// Whether the first top-level comment's markup says it is one (rather than its being one of a run of
        /// alike siblings).
        var firstIsMarked: Bool?
        /// One element being walked: what its children inherit, and the prose of the outermost comment items
        /// found below it so far. The walk keeps these on a stack of its own, not the call stack: pages nest
        /// a thousand levels deep, and a frame per level overflowed a worker thread's stack.
        struct Frame {
            let element: HTMLElement
            let currentParent: HTMLElement?
            let threaded: Bool
            let commentArea: Bool
            let opensArea: Bool
            let isItem: Bool
            let posts: Set<ObjectIdentifier>
            var nextChild = 0
            var itemProse = 0
        }
        /// Reads `element` on entering it: whether it is a comment, an opening post, a thread or a comment area.
        func enter(_ element: HTMLElement, parentItem: HTMLElement?, inThread: Bool, inCommentArea: Bool, isPost: Bool, path: [Frame]) -> Frame {
            var currentParent = parentItem
            let itemType = element.attribute("itemtype")
            // Web components' names have a hyphen: only those are looked up (this runs for every element).
            let isComponent = element.name.utf8.contains(0x2D)
            // schema.org marks a thread's opening post as a DiscussionForumPosting (Discourse, many forums).
            if openingPost == nil, parentItem == nil,
                itemType?.hasSuffix("/DiscussionForumPosting") == true || (isComponent && rules.openingPostElementNames.contains(element.name))
            {
                openingPost = element
            }
            let marked = isMarkedComment(element, itemType: itemType, isComponent: isComponent)
            let isItem = isPost || marked || isFoldedPost(element)
            if isItem {
                // A comment's text marked apart from its header (Hacker News: the author and time sit in the
                // cell around `div.comment`): the comment is that cell. Never a cell that is already a comment,
                // nor one around the comment it replies to.
                let widened = Self.withHeader(element, ancestors: path.suffix(3).map(\.element), stoppingAt: parentItem)
                    .flatMap { added.contains(ObjectIdentifier($0)) ? nil : $0 }
                let item = widened ?? element
                added.insert(ObjectIdentifier(item))
                result.append((item, parentItem))
                if parentItem == nil, firstIsMarked == nil { firstIsMarked = marked }
                currentParent = item
            }
            let threaded = inThread || isItem || element.hints.contains(.commentList)
            let namesComments = namesCommentArea(element)
            // Entering an area: not a page-wide wrapper whose class list carries feature flags
            // ("f_comments_taboola_ad_on") or a post marked "commented", so not one that holds the headline.
            let opensArea = namesComments && !Self.pageWrappers.contains(element.name) && !element.holdsHeadline
            let commentArea = inCommentArea || opensArea
            var posts = threaded && !isItem ? postRun(in: element, nested: parentItem != nil) : []
            if posts.isEmpty, commentArea, parentItem == nil, !isItem { posts = repeatedPosts(in: element) }
            if posts.isEmpty, !threaded, parentItem == nil, !isItem { posts = postsNamingTheirArea(in: element) }
            // A forum thread: the opening post stays the page's main text, the replies are its comments.
            if posts.isEmpty, openingPost == nil, !threaded, !commentArea, parentItem == nil, !isItem {
                let thread = forumPosts(in: element, pageProse: body.proseBytes)
                if thread.count >= 2 {
                    openingPost = thread.first
                    posts = Set(thread.dropFirst().map(ObjectIdentifier.init))
                }
            }
            return Frame(element: element, currentParent: currentParent, threaded: threaded, commentArea: commentArea, opensArea: opensArea,
                isItem: isItem, posts: posts)
        }
        var stack = [enter(body, parentItem: nil, inThread: false, inCommentArea: false, isPost: false, path: [])]
        while let top = stack.last {
            let children = top.element.children
            var next = top.nextChild
            while next < children.count, case .text = children[next] { next += 1 }
            if next < children.count, case .element(let child) = children[next] {
                stack[stack.count - 1].nextChild = next + 1
                stack.append(enter(child, parentItem: top.currentParent, inThread: top.threaded, inCommentArea: top.commentArea,
                    isPost: top.posts.contains(ObjectIdentifier(child)), path: stack))
                continue
            }
            // Leaving: a comment list that holds little besides its comments is set aside whole.
            let finished = stack.removeLast()
            let element = finished.element
            let prose: Int
            if finished.isItem {
                prose = element.proseBytes
            } else {
                prose = finished.itemProse
                if element.hints.contains(.commentList) || finished.opensArea, prose > 0, element.proseBytes - prose <= max(400, element.proseBytes / 4) {
                    containers.insert(ObjectIdentifier(element))
                }
            }
            if !stack.isEmpty { stack[stack.count - 1].itemProse += prose }
        }
        Self.nestByDepth(&result)
        // Only comments their markup names (not a run of alike siblings in a "most commented" box) are a
        // thread whose post may be marked like them.
        if openingPost == nil, firstIsMarked == true, let first = result.first(where: { $0.1 == nil })?.0 {
            openingPost = Self.postMarkedLike(first, in: body, items: Set(result.map { ObjectIdentifier($0.0) }))
        }
        // The opening post is never also one of its comments.
        if let openingPost { result.removeAll { $0.0 === openingPost } }
        return (result, containers, openingPost)
    }

    /// An `h1` that is one link to a site's home page ("/", "index.php", "./"): a forum's name over every page.
    private static func namesSite(_ heading: HTMLElement) -> Bool {
        let links = heading.elementChildren.filter { $0.name == "a" }
        guard links.count == 1, let href = links[0].attribute("href")?.lowercased(), links[0].text == heading.text else { return false }
        let path = href.split(separator: "?").first.map(String.init) ?? ""
        return ["", "/", "./", "index.php", "./index.php", "/index.php", "index.html", "/index.html", "forum.php", "/forum.php"].contains(path)
    }

    /// For a comment item without an author, the outermost of its closest ancestors (`ancestors`, outermost
    /// first; the caller passes three) that adds an author and a time and little else (a header line, not a
    /// second comment): the comment whole, so that cells beside the header (an indent cell) come too.
    private static func withHeader(_ item: HTMLElement, ancestors: [HTMLElement], stoppingAt parent: HTMLElement?) -> HTMLElement? {
        guard !item.subtreeHints.contains(.author) else { return nil }
        var found: HTMLElement?
        for ancestor in ancestors.reversed() {
            guard ancestor !== parent, ancestor.proseBytes <= item.proseBytes + 300,
                firstElement(in: ancestor, where: { $0 !== item && $0.classHints.contains(.commentItem) }) == nil
            else { break }
            if ancestor.subtreeHints.isSuperset(of: [.author, .time]) { found = ancestor }
        }
        return found
    }

    /// Threads that list every comment as a sibling and show nesting as a depth (Hacker News's
    /// `td.ind[indent]`, a web component's `depth`): each such comment answers the closest earlier one a
    /// level up. Applies only when every top-level comment states its depth.
    private static func nestByDepth(_ items: inout [(HTMLElement, HTMLElement?)]) {
        let depths = items.map { item -> Int? in item.1 == nil ? depth(of: item.0) : nil }
        guard depths.contains(where: { ($0 ?? 0) > 0 }), items.indices.allSatisfy({ items[$0].1 != nil || depths[$0] != nil }) else { return }
        // The latest comment seen at each depth.
        var latest: [HTMLElement] = []
        for index in items.indices {
            guard let depth = depths[index] else { continue }
            if depth > 0, depth <= latest.count { items[index].1 = latest[depth - 1] }
            latest = Array(latest.prefix(depth)) + [items[index].0]
        }
    }

    /// A comment's stated depth: a `depth` or `indent` attribute on it, on one of its first elements, or on
    /// an element just before it (the indent cell beside Hacker News's comment cell).
    private static func depth(of item: HTMLElement) -> Int? {
        if let value = item.attribute("depth") ?? item.attribute("indent") { return Int(value) }
        let marked = firstElement(in: item, where: { $0.attribute("indent") != nil })
        return marked.flatMap { $0.attribute("indent") }.flatMap { Int($0) }
    }

    /// The opening post of a comment thread whose post is marked up like its comments (old Reddit's
    /// `div.thing` for the post and for every comment): the nearest element before the first comment with
    /// the comment's tag and first class, an author and some text, looked for among the preceding siblings of
    /// the comment's six closest ancestors (twenty siblings each, bounded searches).
    private static func postMarkedLike(_ first: HTMLElement, in body: HTMLElement, items: Set<ObjectIdentifier>) -> HTMLElement? {
        let signature = first.name + "." + firstClass(of: first)
        // Table layouts (Hacker News) mark the post's table apart from the comments' rows: there any table
        // with an author, a time and text before the comments is the post.
        let tableLayout = tableTags.contains(first.name)
        // Posts and comments both dated: a list of teasers with bylines ("8 comments | 2 recs") is not a thread.
        guard !firstClass(of: first).isEmpty || tableLayout, first.subtreeHints.contains(.time), let path = pathTo(first, from: body) else { return nil }
        func matches(_ element: HTMLElement) -> Bool {
            let alike = tableLayout ? tableTags.contains(element.name) : element.name + "." + firstClass(of: element) == signature
            return alike && !items.contains(ObjectIdentifier(element)) && element.subtreeHints.isSuperset(of: [.author, .time]) && element.proseBytes >= 40
                && !element.classHints.contains(.commentItem)
        }
        var child = first
        for ancestor in path.reversed().prefix(6) {
            let siblings = ancestor.elementChildren
            guard let position = siblings.firstIndex(where: { $0 === child }) else { break }
            for sibling in siblings[..<position].reversed().prefix(20) {
                if matches(sibling) { return sibling }
                if let found = firstElement(in: sibling, where: matches) { return found }
            }
            child = ancestor
        }
        return nil
    }

    private static let tableTags: Set<String> = ["table", "tr", "td"]

    /// The elements from `root` down to `target`'s parent, outermost first; nil if `target` is not inside.
    private static func pathTo(_ target: HTMLElement, from root: HTMLElement) -> [HTMLElement]? {
        var stack: [(HTMLElement, Int)] = [(root, 0)]
        var path: [HTMLElement] = []
        while let (element, depth) = stack.popLast() {
            path.removeLast(path.count - depth)
            if element === target { return path }
            path.append(element)
            for case .element(let child) in element.children.reversed() { stack.append((child, depth + 1)) }
        }
        return nil
    }

    /// A comment by its own markup: a comment class, schema.org `Comment`, or a web component the lexicon
    /// names (`commentElementNames`; `isComponent`: the name has a hyphen, as web components' names do).
    private func isMarkedComment(_ element: HTMLElement, itemType: String?, isComponent: Bool) -> Bool {
        element.classHints.contains(.commentItem) || (itemType?.hasSuffix("/Comment") ?? false)
            || (isComponent && rules.commentElementNames.contains(element.name))
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
        let parts = rules.commentAreaNamePartBytes
        guard !parts.isEmpty else { return false }
        for key in ["class", "id"] {
            guard let value = element.attribute(key), value.utf8.count >= 4 else { continue }
            if namesCommentPart(value) { return true }
        }
        return false
    }

    /// Whether a class or id value contains one of `commentAreaNameParts`. This runs for every element and
    /// its children: bytes compared in place, ASCII case folded (the parts are lower-case ASCII), no copy.
    private func namesCommentPart(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { name in rules.commentAreaNamePartBytes.contains { ByteSearch.containsIgnoringASCIICase(name, $0) } }
    }

    /// Inside a comment area, the children of `parent` that repeat one another: two or more of the same
    /// tag whose ids differ only in their digits ("comment-40813", "comment-40821") or, without numbered
    /// ids, whose classes do ("coms", "commentbody by-x" and "commentbody by-y" share their first class),
    /// each with some text of its own outside links and no form. Themes that mark neither authors nor
    /// times in a way the token lists know still repeat one element per comment (PIXNET's blogs use one
    /// `ul.single-post` per comment, with the header, text and the blogger's reply as its items).
    private func repeatedPosts(in parent: HTMLElement) -> Set<ObjectIdentifier> {
        var candidates: [HTMLElement] = []
        for case .element(let child) in parent.children where Self.postTags.contains(child.name) || child.name == "ul" {
            if child.proseBytes >= 40, !child.holdsForm { candidates.append(child) }
        }
        let groups = Self.repeatingGroups(candidates, regroupingSingletonsByClass: false)
        // A thread of one: a lone child that reads as a post (an author and a time), or whose numbered id
        // names a comment ("comment-212098").
        return Set(groups.filter { $0.count >= 2 || ($0.count == 1 && isLonePost($0[0])) }.joined().map(ObjectIdentifier.init))
    }

    /// A post on its own: author and time markers, or an id with digits that names a comment.
    private func isLonePost(_ element: HTMLElement) -> Bool {
        if element.subtreeHints.isSuperset(of: [.author, .time]) { return true }
        guard let id = element.attribute("id"), id.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return namesCommentPart(id)
    }

    /// Children of `parent` that each name a comment area and repeat one another (two or more
    /// `div.commentbody by-…` beside the article, inside no element that names comments): the comments
    /// themselves, as `repeatedPosts` finds them inside an area.
    private func postsNamingTheirArea(in parent: HTMLElement) -> Set<ObjectIdentifier> {
        guard !rules.commentAreaNamePartBytes.isEmpty, parent.children.count >= 2 else { return [] }
        var candidates: [HTMLElement] = []
        for case .element(let child) in parent.children where Self.postTags.contains(child.name) {
            if child.proseBytes >= 40, !child.holdsForm, !child.holdsHeadline, namesCommentArea(child) { candidates.append(child) }
        }
        guard candidates.count >= 2 else { return [] }
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
            // A post never holds the page's headline (the topic title sits above the posts). Comments that
            // their markup marks as such are a comment thread under an article, not a forum's posts.
            if child.proseBytes >= 40, !isMarkedComment(child, itemType: child.attribute("itemtype"), isComponent: child.name.utf8.contains(0x2D)),
                !isFoldedPost(child), !child.holdsForm, !child.holdsHeadline, child.subtreeHints.contains(.author) { candidates.append(child) }
        }
        guard candidates.count >= 2 else { return [] }
        for group in Self.repeatingGroups(candidates, regroupingSingletonsByClass: true) where group.count >= 2 {
            var topics: Set<String> = []
            var authors: Set<String> = []
            var named = 0
            for member in group {
                if let heading = Self.firstText(in: member, where: { ["h1", "h2", "h3"].contains($0.name) }) {
                    var topic = heading
                    while topic.hasPrefix("re:") { topic = String(topic.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
                    topics.insert(topic)
                }
                // A name is short and starts with a letter or digit ("| felicia sonmez" is a teaser's byline in
                // a menu, a sentence about badges is not a name).
                if let author = Self.authorName(in: member), author.count <= 40, author.first.map({ $0.isLetter || $0.isNumber }) == true {
                    authors.insert(author)
                    named += 1
                }
            }
            // A blog's front page repeats one author's posts; a thread is a conversation, and every post in it
            // names its writer.
            guard authors.count >= 2, named * 3 >= group.count * 2 else { continue }
            // A thread is what the page is about: its posts hold much of the page's text. Runs of author
            // cards, tweets or "most commented" lists in a sidebar do not.
            guard topics.count <= 1, group.reduce(0, { $0 + $1.proseBytes }) * 5 >= pageProse * 2 else { continue }
            // A page's features (the article, then its comments) repeat too: no post holds a comment area,
            // and forums date every post.
            guard !group.contains(where: { $0.subtreeHints.contains(.commentList) || namesCommentArea($0) }) else { continue }
            let dated = group.filter { PostParts(of: $0, nestedItems: [], rules: rules).timestamp != nil }.count
            guard dated * 3 >= group.count * 2 else { continue }
            return group
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
        let parts = PostParts(of: item, nestedItems: itemIDs, rules: rules)
        return RawComment(
            author: parts.author, role: parts.role, timestamp: parts.timestamp, blocks: postText(item, parts: parts, itemIDs: itemIDs),
            nestedUnder: nestedUnder, quotedAuthor: parts.quotedAuthor)
    }

    /// A post's own text: its body element's (or, without one, the whole item's) blocks, less nested
    /// posts, the header parts and a folded post's summary line.
    private func postText(_ item: HTMLElement, parts: PostParts, itemIDs: Set<ObjectIdentifier>) -> [Block] {
        var excluded = Exclusion(itemIDs, except: ObjectIdentifier(item))
        excluded.extra = parts.excluded
        // A folded post's summary line is its header (author, time, score), not its text.
        for case .element(let summary) in item.children where item.name == "details" && summary.name == "summary" {
            excluded.extra.insert(ObjectIdentifier(summary))
        }
        var walker = Linearizer(rules: rules, excluded: excluded, excludeCommentLists: false, pageProseBytes: item.proseBytes, deferClassHints: false)
        walker.walk(parts.body ?? item, insideArticle: true)
        walker.flush()
        return walker.blocks
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
