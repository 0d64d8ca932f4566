/// The parts of one post (a reader comment, a forum reply, a thread's opening post) that are not its
/// text: who wrote it, in what role, when, and whose post it quotes; and the element that holds its text.
///
/// Platforms lay these out differently (a profile card beside the text, a header line with the date as
/// plain text, the name as an attribute of a custom element), so each part is looked for in several
/// places, always among the post's own elements (not those of replies nested in it) and never inside a
/// quote of another post, whose author and time are not this post's.
struct PostParts {
    var author: String?
    var role: String?
    var timestamp: String?
    /// The author of the earlier post this one quotes, as its quote names them.
    var quotedAuthor: String?
    /// The element holding the post's own text, when markup names one; otherwise the post is read whole.
    var body: HTMLElement?
    /// Elements not read as text: the author's card, the role, the time, a quote's attribution line.
    var excluded: Set<ObjectIdentifier> = []

    /// At most this many of a post's own elements are looked at: a post's parts come near its start, and
    /// a huge post costs no more than a normal one.
    private static let elementLimit = 2_000

    init(of item: HTMLElement, nestedItems: Set<ObjectIdentifier>, rules: IngestRules) {
        // The post's own elements in document order, with their parents' positions and whether they sit
        // inside a quote; nested posts are left out.
        var own: [(element: HTMLElement, parent: Int?, inQuote: Bool)] = []
        var stack: [(HTMLElement, Int?, Bool)] = Self.children(of: item, nestedItems).reversed().map { ($0, nil, false) }
        while let (element, parent, inQuote) = stack.popLast(), own.count < Self.elementLimit {
            own.append((element, parent, inQuote))
            let quoted = inQuote || Self.isQuote(element)
            let position = own.count - 1
            stack.append(contentsOf: Self.children(of: element, nestedItems).reversed().map { ($0, position, quoted) })
        }
        // Preorder: each element's subtree is the run of positions up to `end[position]`.
        var end = own.indices.map { $0 + 1 }
        for position in own.indices.reversed() { if let parent = own[position].parent { end[parent] = max(end[parent], end[position]) } }
        func holds(_ outer: Int, _ inner: Int) -> Bool { outer <= inner && inner < end[outer] }

        // Author: a name the post states as an attribute (old Reddit's data-author, a custom element's
        // author), else the first author-marked element outside quotes. The card is left out of the text
        // whole; the name is its innermost marked element, or its schema.org name, or (for a card that also
        // shows a rank or a post count) its first short link or heading.
        let card = own.firstIndex { !$0.inQuote && ($0.element.hints.contains(.author) || $0.element.attribute("itemprop") == "author") }
        if let card {
            excluded.insert(ObjectIdentifier(own[card].element))
            author = Self.name(inCard: own[card].element)
        }
        if let stated = (item.attribute("data-author") ?? item.attribute("author"))?.collapsingWhitespace, !stated.isEmpty, stated.count <= 60 {
            author = stated
        }

        if let index = own.firstIndex(where: { !$0.inQuote && $0.element.hints.contains(.role) }) {
            role = own[index].element.text.nilIfEmpty
            excluded.insert(ObjectIdentifier(own[index].element))
        }

        // Text: the first element marked as a post's text that does not also hold the author's card (a
        // wrapper named "post-content" around header and text alike).
        let holdsCard: (Int) -> Bool = { position in card.map { holds(position, $0) } ?? false }
        let isText: (HTMLElement) -> Bool = { element in
            element.hints.contains(.commentBody) || element.attribute("slot").map(rules.postTextSlots.contains) == true
        }
        // Of those, the first with at least half the text of the largest (not a user title that the theme
        // names "message-userTitle").
        let candidates = own.indices.filter { isText(own[$0].element) && !own[$0].inQuote && !holdsCard($0) }
        let largest = candidates.map { own[$0].element.proseBytes }.max() ?? 0
        if let index = candidates.first(where: { own[$0].element.proseBytes * 2 >= largest }) {
            body = own[index].element
        }
        let bodyPosition = body.flatMap { body in own.firstIndex { $0.element === body } }
        let insideBody: (Int) -> Bool = { position in bodyPosition.map { holds($0, position) } ?? false }

        // Time: a <time> element or a time-marked one, its machine-readable form first; else a time the
        // post or its web component states as an attribute; else a date written as text in the post's
        // header ("» Tue Jan 05, 2021 4:15 pm", "« Reply #1 on: January 15, 2021, 05:00:12 PM »").
        let timeIndex = own.firstIndex { !$0.inQuote && $0.element.name == "time" } ?? own.firstIndex { !$0.inQuote && $0.element.hints.contains(.time) }
        if let timeIndex {
            let element = own[timeIndex].element
            excluded.insert(ObjectIdentifier(element))
            timestamp = [element.attribute("datetime"), element.attribute("title"), element.attribute("ts"), element.text].lazy
                .compactMap { $0.flatMap(DateParser.timestamp) }.first
        }
        /// The element whose own text gave the date, when no time element did.
        var dateLine: HTMLElement?
        if timestamp == nil, let stated = item.attribute("created-timestamp") ?? item.attribute("ts") { timestamp = DateParser.timestamp(stated) }
        if timestamp == nil {
            // The date nearest before the text: a profile card beside the name can show a join date too.
            var found: (position: Int, time: String)?
            for position in own.indices where !own[position].inQuote && !insideBody(position) {
                if let bodyPosition, position > bodyPosition, found != nil { break }
                guard let text = Self.ownText(of: own[position].element), let time = DateParser.timestamp(text) else { continue }
                found = (position, time)
                if bodyPosition == nil { break }
            }
            if let found {
                timestamp = found.time
                let element = own[found.position].element
                dateLine = element
                if element.text.utf8.count <= 160 { excluded.insert(ObjectIdentifier(element)) }
            }
        }

        // No element marks the author: a signature line beside the date may name them ("Posted by: DrNo at
        // November 7, 2012 1:56 PM").
        if author == nil {
            let lines = [timeIndex.map { own[$0].element }, dateLine].compactMap { $0 }
            author = lines.lazy.compactMap { rules.signedAuthor(in: $0.text) }.first
        }

        // A quote of another post: whose it is, from the quote's attribute or its attribution line (which is
        // the quote's header, not text).
        if let quote = own.firstIndex(where: { Self.isQuote($0.element) && !$0.inQuote }) {
            let element = own[quote].element
            quotedAuthor = ["data-quote", "data-username", "data-author"].lazy.compactMap { element.attribute($0)?.nilIfEmpty }.first
            // The attribution line is the quote element itself (SMF's quote header) or one of its first
            // few elements (vBulletin's "Originally Posted by", phpBB's <cite>, Discourse's "bob:").
            var candidates = [element]
            for position in (quote + 1)..<min(own.count, quote + 9) where holds(quote, position) {
                candidates.append(own[position].element)
            }
            for candidate in candidates {
                let line = candidate.text
                guard let name = rules.quotedAuthor(inAttribution: line) else { continue }
                quotedAuthor = quotedAuthor ?? name
                excluded.insert(ObjectIdentifier(candidate))
                break
            }
        }
    }

    private static func children(of element: HTMLElement, _ nestedItems: Set<ObjectIdentifier>) -> [HTMLElement] {
        element.elementChildren.filter { !nestedItems.contains(ObjectIdentifier($0)) }
    }

    static func isQuote(_ element: HTMLElement) -> Bool { element.name == "blockquote" || element.hints.contains(.quote) }

    /// The element's own text nodes (not its children's), joined; nil when empty or longer than a header line.
    private static func ownText(of element: HTMLElement) -> String? {
        var parts: [String] = []
        for case .text(let text) in element.children { parts.append(text) }
        let text = parts.joined(separator: " ").collapsingWhitespace
        return text.isEmpty || text.utf8.count > 120 ? nil : text
    }

    /// The name in an author card: its schema.org `name`, else its innermost author-marked element's text;
    /// when that is longer than a name (a card with a rank and a post count), its first link, heading or
    /// bold text of one to four words.
    private static func name(inCard card: HTMLElement) -> String? {
        // A card is a few elements; one that holds much text is read only as far as its own text goes.
        guard card.proseBytes <= 1_000 else { return card.children.lazy.compactMap { if case .text(let text) = $0 { return text.nilIfEmpty } else { return nil } }.first }
        if let named = card.first(where: { $0.attribute("itemprop") == "name" })?.text.nilIfEmpty { return named }
        var element = card
        while let inner = element.first(where: { $0.hints.contains(.author) || $0.attribute("itemprop") == "author" }) { element = inner }
        guard let text = element.text.nilIfEmpty else { return nil }
        // A card that shows more than the name ("bob Full Member Posts: 341", "By Jane Hill") names the
        // person in its first link, heading or bold text of one to four words.
        let short = element.first { candidate in
            guard ["a", "strong", "b", "h2", "h3", "h4", "h5", "h6"].contains(candidate.name) else { return false }
            let count = candidate.text.split(separator: " ").count
            return (1...4).contains(count)
        }
        return short?.text ?? text
    }
}
