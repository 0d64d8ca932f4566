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

    init(name: String, attributes: [(name: String, value: String)]) {
        self.name = name
        self.attributes = attributes
    }

    func append(_ child: Child) { children.append(child) }

    /// The value of attribute `key` (lower-case name); the first one when a page repeats it, as browsers do.
    func attribute(_ key: String) -> String? {
        for attribute in attributes where attribute.name == key { return attribute.value }
        return nil
    }

    /// Lower-cased class, id, itemprop and role tokens, split on spaces, plus the parts of short compounds
    /// split on hyphens and underscores ("comment-author" → "comment-author", "comment", "author"; a slug such
    /// as "alibaba-to-raise-up-in-landmark-listing" says nothing about the element and is kept whole).
    /// Every rule that reads markup hints asks this, so it is computed once per element, over bytes.
    var hintTokens: [String] { markupHints.tokens }

    /// The class attribute's words, lower-cased, whole (for matching comment item classes exactly).
    var classWords: [String] { markupHints.classWords }

    /// Both of the above, from one pass over the attributes: every element is asked for one or the other.
    private lazy var markupHints: (tokens: [String], classWords: [String]) = {
        var tokens: [String] = []
        var classWords: [String] = []
        for key in ["class", "id", "itemprop", "role"] {
            guard let value = attribute(key) else { continue }
            for word in Self.lowercasedWords(value) {
                tokens.append(word)
                if key == "class" { classWords.append(word) }
                let parts = word.utf8.split(whereSeparator: { $0 == 0x2D || $0 == 0x5F })
                if parts.count > 1, parts.count <= 3 { for part in parts { tokens.append(String(decoding: part, as: UTF8.self)) } }
            }
        }
        return (tokens, classWords)
    }()

    /// An attribute value's space-separated words with ASCII lower-cased, over bytes (class and id names
    /// are ASCII in practice; anything else is kept as it is).
    private static func lowercasedWords(_ value: String) -> [String] {
        guard !value.isEmpty else { return [] }
        return value.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C }).map { word in
            String(decoding: word.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
    }

    /// Whether any hint token is in `set`.
    func hasHint(in set: Set<String>) -> Bool {
        hintTokens.contains { set.contains($0) }
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

    func first(_ name: String) -> HTMLElement? { descendants().first { $0.name == name } }

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
    /// Elements nested deeper than this are flattened into their ancestor at this depth: no reader needs
    /// them apart and it keeps every walk over the tree bounded.
    static let maximumDepth = 256

    /// libxml2 must be initialised once before documents are parsed on several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    static func parse(_ bytes: [UInt8], encoding: String) -> HTMLElement? {
        _ = initialised
        let document = bytes.withUnsafeBufferPointer { buffer -> htmlDocPtr? in
            buffer.baseAddress.flatMap { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(buffer.count), "", encoding, ccg_html_parse_options())
                }
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return nil }
        return copy(root)
    }

    /// Copies the libxml2 subtree iteratively (no recursion, bounded depth).
    private static func copy(_ root: xmlNodePtr) -> HTMLElement {
        let top = element(from: root)
        var stack: [(node: xmlNodePtr, element: HTMLElement, depth: Int)] = [(root, top, 0)]
        while let (node, element, depth) = stack.popLast() {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    if depth >= maximumDepth {
                        stack.append((current, element, depth))
                    } else {
                        let nested = self.element(from: current)
                        element.append(.element(nested))
                        stack.append((current, nested, depth + 1))
                    }
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { element.append(.text(String(cString: content))) }
                default:
                    break
                }
                child = current.pointee.next
            }
        }
        // Children were appended depth-first from a stack; the per-element order is still document order
        // because each element's own children are appended in sibling order.
        countProse(top)
        return top
    }

    /// Fills `proseBytes` bottom-up: descendants come before their ancestors in reversed pre-order.
    private static func countProse(_ top: HTMLElement) {
        let elements = [top] + top.descendants()
        for element in elements.reversed() {
            guard element.name != "script", element.name != "style", element.name != "a" else { continue }
            var total = 0
            for child in element.children {
                switch child {
                case .text(let text): total += text.utf8.count
                case .element(let nested): total += nested.proseBytes
                }
            }
            element.proseBytes = total
        }
    }

    private static func element(from node: xmlNodePtr) -> HTMLElement {
        // libxml2's HTML parser lower-cases element and attribute names itself.
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        var attributes: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name {
                let key = String(cString: attributeName)
                // Nearly every attribute value is one text node: read it in place, without a copy to free.
                if let only = current.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE, let content = only.pointee.content {
                    attributes.append((key, String(cString: content)))
                } else {
                    let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
                    defer { ccg_xml_free(value) }
                    attributes.append((key, value.map { String(cString: $0) } ?? ""))
                }
            }
            attribute = current.pointee.next
        }
        return HTMLElement(name: name, attributes: attributes)
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
