import CLibXML2

/// An HTML element copied out of libxml2's tree into Swift values, so that no code beyond this file
/// handles libxml2 pointers and the C document is freed as soon as it has been read.
final class HTMLElement: @unchecked Sendable {
    enum Child {
        case element(HTMLElement)
        case text(String)
    }

    let name: String
    /// Attributes in document order; an element has a handful, so a linear search beats hashing.
    let attributes: [(name: String, value: String)]
    private(set) var children: [Child] = []
    /// UTF-8 bytes of text in this subtree outside links (scripts and styles not counted); set once the
    /// tree is built, so rules can tell a page's main container from a small widget in O(1).
    fileprivate(set) var proseBytes = 0
    /// The hints of this element and all its descendants, with a `<time>` element counted as a time marker:
    /// a post in a thread is recognised by carrying author and time markers.
    fileprivate(set) var subtreeHints: MarkupHint = []
    /// Whether the subtree holds a form control: a comment form is not a comment.
    fileprivate(set) var holdsForm = false
    /// Whether an `h1` is among the descendants: a comment area never holds the page's headline.
    fileprivate(set) var holdsHeadline = false

    /// What the element's class, id, itemprop and role tokens mean to the rules (see `MarkupVocabulary`).
    let hints: MarkupHint
    /// The meanings of the class attribute's whole words alone.
    let classHints: MarkupHint
    /// The tokens the structure recognizer reads (byline, standfirst, time, author, role), lower-cased.
    let recognizerTokens: [String]

    /// The attributes rules read (`attribute(_:)`), those hints come from among them. No others are copied
    /// out of libxml2: sources, srcsets, data and event attributes are often most of a page's attribute
    /// bytes. A rule that reads another attribute adds it here (debug builds check).
    static let readAttributes: Set<String> = [
        "aria-hidden", "author", "class", "content", "created-timestamp", "data-author", "data-quote", "data-username", "datetime", "depth",
        "hidden", "href", "id", "indent", "itemprop", "itemtype", "name", "property", "rel", "role", "slot", "style", "title", "ts", "type",
    ]

    init(name: String, attributes: [(name: String, value: String)], hints: MarkupVocabulary.AttributeHints) {
        self.name = name
        self.attributes = attributes
        self.hints = hints.hints
        classHints = hints.classHints
        recognizerTokens = hints.recognizerTokens
    }

    func append(_ child: Child) { children.append(child) }

    /// The value of attribute `key` (lower-case name); the first one when a page repeats it, as browsers do.
    func attribute(_ key: String) -> String? {
        assert(Self.readAttributes.contains(key), "attribute \(key) is not in HTMLElement.readAttributes, so it is never copied")
        for attribute in attributes where attribute.name == key { return attribute.value }
        return nil
    }

    /// All descendant elements, depth first, without recursion (pages can nest very deeply).
    func descendants() -> [HTMLElement] {
        var result: [HTMLElement] = []
        var stack: [HTMLElement] = [self]
        while let element = stack.popLast() {
            if element !== self { result.append(element) }
            for child in element.children.reversed() {
                if case .element(let nested) = child { stack.append(nested) }
            }
        }
        return result
    }

    /// The first descendant, depth first, that satisfies `predicate`; stops there rather than listing the
    /// whole subtree (`body` is found after `head`, not after every element of the page).
    func first(where predicate: (HTMLElement) -> Bool) -> HTMLElement? {
        var stack: [HTMLElement] = [self]
        while let element = stack.popLast() {
            if element !== self, predicate(element) { return element }
            for child in element.children.reversed() {
                if case .element(let nested) = child { stack.append(nested) }
            }
        }
        return nil
    }

    func first(_ name: String) -> HTMLElement? { first { $0.name == name } }

    /// The element children, without the text between them.
    var elementChildren: [HTMLElement] {
        children.compactMap {
            if case .element(let element) = $0 { return element }
            return nil
        }
    }

    /// A `<script type="application/ld+json">`: the one script whose contents are read (for metadata).
    var isJSONLD: Bool { Self.isJSONLD(name: name, type: attribute("type")) }

    static func isJSONLD(name: String, type: String?) -> Bool { name == "script" && type?.lowercased() == "application/ld+json" }

    /// Concatenated text of all descendants, whitespace collapsed.
    var text: String {
        var parts: [String] = []
        var stack: [Child] = [.element(self)]
        while let child = stack.popLast() {
            switch child {
            case .text(let value): parts.append(value)
            case .element(let element):
                if element.name == "script" || element.name == "style" { continue }
                if element.name == "br" { parts.append(" ") }
                stack.append(contentsOf: element.children.reversed())
            }
        }
        return parts.joined().collapsingWhitespace
    }
}

/// Parses HTML with libxml2 (recover mode, no network) into an `HTMLElement` tree.
enum HTMLParser {
    /// Elements nested deeper than this (by default; `InputLimits.markupDepth`) are flattened into their
    /// ancestor at this depth: no reader needs them apart and it keeps every walk over the tree bounded.
    static let maximumDepth = InputLimits.defaultMarkupDepth

    /// libxml2 must be initialised once before documents are parsed on several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses with libxml2's SAX interface and builds the Swift tree from its events: libxml2's own tree is
    /// never built, so nothing is copied or freed twice. `elidingUnreadMarkup` is off only in tests that check
    /// that `MarkupElision` changes no tree.
    static func parse(_ bytes: [UInt8], encoding: String, vocabulary: MarkupVocabulary, elidingUnreadMarkup: Bool = true) -> HTMLElement? {
        parse(bytes, encoding: encoding, vocabulary: vocabulary, elidingUnreadMarkup: elidingUnreadMarkup, maximumDepth: maximumDepth)?.root
    }

    /// The tree, and how many elements were opened beyond `maximumDepth` and flattened into their ancestor.
    static func parse(
        _ bytes: [UInt8], encoding: String, vocabulary: MarkupVocabulary, elidingUnreadMarkup: Bool = true, maximumDepth: Int
    ) -> (root: HTMLElement, flattened: Int)? {
        _ = initialised
        let builder = TreeBuilder(vocabulary: vocabulary, maximumDepth: maximumDepth)
        var handler = htmlSAXHandler()
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            TreeBuilder.from(context).start(name, attributes)
        }
        handler.endElement = { context, name in
            guard let context, let name else { return }
            TreeBuilder.from(context).end(name)
        }
        handler.characters = { context, characters, length in
            guard let context, let characters, length > 0 else { return }
            TreeBuilder.from(context).text(characters, Int(length))
        }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = handler.characters
        // What the builder would drop (raw script and style contents, unread attributes) is removed first.
        let input = elidingUnreadMarkup && encoding.lowercased() == "utf-8" ? MarkupElision.elided(bytes) ?? bytes : bytes
        let status = withExtendedLifetime(builder) {
            input.withUnsafeBufferPointer { buffer -> Int32 in
                guard let base = buffer.baseAddress else { return -1 }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    ccg_html_sax_parse($0, Int32(buffer.count), encoding, &handler, Unmanaged.passUnretained(builder).toOpaque())
                }
            }
        }
        guard status == 0, let root = builder.finish() else { return nil }
        return (root, builder.flattened)
    }

    /// Turns SAX events into `HTMLElement`s. libxml2's HTML parser balances its events (it reports an end
    /// for every element it opened, implied and auto-closed ones included); the builder still copes with
    /// an unmatched end.
    private final class TreeBuilder {
        let vocabulary: MarkupVocabulary
        let maximumDepth: Int
        /// Elements opened beyond `maximumDepth` in the whole document.
        private(set) var flattened = 0
        private var root: HTMLElement?
        private var open: [HTMLElement] = []
        /// Every element in pre-order: ancestors before their descendants.
        private var order: [HTMLElement] = []
        /// Text read since the last element event, for the innermost open element.
        private var pendingText: [UInt8] = []
        /// Elements opened beyond `maximumDepth` and not yet closed (their text goes to the deepest one).
        private var overflow = 0
        /// The `overflow` count at which an opaque element opened beyond `maximumDepth`, 0 when none is
        /// open: its contents are dropped there too, as `MarkupElision` drops them before parsing.
        private var opaqueOverflow = 0
        /// Elements open inside a script, style or SVG element, that element included: nothing inside
        /// them is kept (JSON-LD scripts excepted).
        private var opaque = 0

        /// Hints already read in this document, per hint attribute and value.
        private var hintCache = [[String: MarkupVocabulary.AttributeHints]](repeating: [:], count: MarkupVocabulary.hintAttributes.count)

        init(vocabulary: MarkupVocabulary, maximumDepth: Int) {
            self.vocabulary = vocabulary
            self.maximumDepth = maximumDepth
        }

        static func from(_ context: UnsafeMutableRawPointer) -> TreeBuilder {
            Unmanaged<TreeBuilder>.fromOpaque(context).takeUnretainedValue()
        }

        func start(_ name: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            if opaque > 0 {
                opaque += 1
                return
            }
            let pairs = Self.readAttributes(attributes)
            if open.count >= maximumDepth {
                overflow += 1
                flattened += 1
                if opaqueOverflow == 0, HTMLParser.isOpaque(name: String(cString: name), type: pairs.first(where: { $0.name == "type" })?.value) {
                    opaqueOverflow = overflow
                }
                return
            }
            flushText()
            var hints = MarkupVocabulary.AttributeHints()
            for (index, key) in MarkupVocabulary.hintAttributes.enumerated() {
                guard let value = pairs.first(where: { $0.name == key })?.value else { continue }
                // Pages repeat the same classes (and roles) on many elements; ids are mostly unique.
                if key == "id" {
                    hints.add(vocabulary.hints(ofAttribute: key, value: value))
                } else if let known = hintCache[index][value] {
                    hints.add(known)
                } else {
                    let found = vocabulary.hints(ofAttribute: key, value: value)
                    hintCache[index][value] = found
                    hints.add(found)
                }
            }
            let element = HTMLElement(name: String(cString: name), attributes: pairs, hints: hints)
            if let parent = open.last {
                parent.append(.element(element))
            } else if let root {
                root.append(.element(element))
            } else {
                root = element
            }
            order.append(element)
            open.append(element)
            if HTMLParser.isOpaque(element) { opaque = 1 }
        }

        func end(_ name: UnsafePointer<xmlChar>) {
            if opaque > 0 {
                opaque -= 1
                if opaque == 0 { open.removeLast() }
                return
            }
            if overflow > 0 {
                if overflow == opaqueOverflow { opaqueOverflow = 0 }
                overflow -= 1
                return
            }
            flushText()
            let tag = String(cString: name)
            guard let index = open.lastIndex(where: { $0.name == tag }) else { return }
            open.removeSubrange(index...)
        }

        func text(_ characters: UnsafePointer<xmlChar>, _ length: Int) {
            guard opaque == 0, opaqueOverflow == 0, !open.isEmpty else { return }
            pendingText.append(contentsOf: UnsafeBufferPointer(start: characters, count: length))
        }

        private func flushText() {
            guard !pendingText.isEmpty else { return }
            open.last?.append(.text(String(decoding: pendingText, as: UTF8.self)))
            pendingText.removeAll(keepingCapacity: true)
        }

        /// The attributes some rule reads (`HTMLElement.readAttributes`), the first of each name, from
        /// libxml2's name/value pairs ending in a null name; a value is null for an attribute written bare.
        /// libxml2's HTML parser lower-cases element and attribute names itself.
        private static func readAttributes(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) -> [(name: String, value: String)] {
            var pairs: [(name: String, value: String)] = []
            guard var cursor = attributes else { return pairs }
            while let key = cursor.pointee {
                let name = String(cString: key)
                if HTMLElement.readAttributes.contains(name), !pairs.contains(where: { $0.name == name }) {
                    pairs.append((name, cursor.successor().pointee.map { String(cString: $0) } ?? ""))
                }
                cursor = cursor.advanced(by: 2)
            }
            return pairs
        }

        func finish() -> HTMLElement? {
            flushText()
            if root != nil { HTMLParser.summariseSubtrees(order) }
            return root
        }
    }

    /// Elements whose contents no reader looks at: scripts (but JSON-LD), styles and inline SVG. On many
    /// pages they are most of the bytes, so their contents are not kept.
    static func isOpaque(_ element: HTMLElement) -> Bool { isOpaque(name: element.name, type: element.attribute("type")) }

    static func isOpaque(name: String, type: String?) -> Bool {
        switch name {
        case "script": return !HTMLElement.isJSONLD(name: name, type: type)
        case "style", "svg": return true
        default: return false
        }
    }

    /// Fills `proseBytes`, `subtreeHints`, `holdsForm` and `holdsHeadline` bottom-up: descendants come before their
    /// ancestors in reversed pre-order.
    static func summariseSubtrees(_ order: [HTMLElement]) {
        for element in order.reversed() {
            var markers = element.hints
            if element.name == "time" { markers.insert(.time) }
            var holdsForm = ["form", "textarea", "input"].contains(element.name)
            var holdsHeadline = false
            var total = 0
            for child in element.children {
                switch child {
                case .text(let text): total += text.utf8.count
                case .element(let nested):
                    total += nested.proseBytes
                    markers.formUnion(nested.subtreeHints)
                    holdsForm = holdsForm || nested.holdsForm
                    holdsHeadline = holdsHeadline || nested.holdsHeadline || nested.name == "h1"
                }
            }
            element.subtreeHints = markers
            element.holdsForm = holdsForm
            element.holdsHeadline = holdsHeadline
            if element.name != "script", element.name != "style", element.name != "a" { element.proseBytes = total }
        }
    }
}

extension String {
    /// Runs of white space (including no-break spaces) as single spaces, trimmed. Works on UTF-8 bytes:
    /// it runs over every text node of every page.
    var collapsingWhitespace: String {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var pendingSpace = false
        let bytes = Array(utf8)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var spaceLength = 0
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: spaceLength = 1
            case 0xC2 where index + 1 < count && (bytes[index + 1] == 0xA0 || bytes[index + 1] == 0x85): spaceLength = 2
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x80:
                // U+2000–U+200A spaces, U+2028/2029 line and paragraph separators, U+202F narrow no-break space.
                switch bytes[index + 2] {
                case 0x80...0x8A, 0xA8, 0xA9, 0xAF: spaceLength = 3
                default: break
                }
            case 0xE2 where index + 2 < count && bytes[index + 1] == 0x81 && bytes[index + 2] == 0x9F: spaceLength = 3
            case 0xE3 where index + 2 < count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80: spaceLength = 3
            default: break
            }
            if spaceLength > 0 {
                pendingSpace = !output.isEmpty
                index += spaceLength
                continue
            }
            if pendingSpace {
                output.append(0x20)
                pendingSpace = false
            }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
