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

    /// What the element's class, id, itemprop and role tokens mean to the rules (see `MarkupVocabulary`).
    let hints: MarkupHint
    /// The meanings of the class attribute's whole words alone.
    let classHints: MarkupHint
    /// The tokens the structure recognizer reads (byline, standfirst, time, author, role), lower-cased.
    let recognizerTokens: [String]

    init(name: String, attributes: [(name: String, value: String)], vocabulary: MarkupVocabulary) {
        self.name = name
        self.attributes = attributes
        (hints, classHints, recognizerTokens) = vocabulary.hints { key in
            for attribute in attributes where attribute.name == key { return attribute.value }
            return nil
        }
    }

    func append(_ child: Child) { children.append(child) }

    /// The value of attribute `key` (lower-case name); the first one when a page repeats it, as browsers do.
    func attribute(_ key: String) -> String? {
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

    static func parse(_ bytes: [UInt8], encoding: String, vocabulary: MarkupVocabulary) -> HTMLElement? {
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
        return copy(root, vocabulary: vocabulary)
    }

    /// Copies the libxml2 subtree iteratively (no recursion, bounded depth). The contents of scripts,
    /// styles and inline SVG are left behind: no reader looks inside them (JSON-LD scripts excepted), and
    /// on many pages they are most of the bytes.
    private static func copy(_ root: xmlNodePtr, vocabulary: MarkupVocabulary) -> HTMLElement {
        let top = element(from: root, vocabulary: vocabulary)
        var stack: [(node: xmlNodePtr, element: HTMLElement, depth: Int)] = [(root, top, 0)]
        // Every element in pre-order: ancestors before their descendants.
        var order: [HTMLElement] = [top]
        while let (node, element, depth) = stack.popLast() {
            if isOpaque(element) { continue }
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    if depth >= maximumDepth {
                        stack.append((current, element, depth))
                    } else {
                        let nested = self.element(from: current, vocabulary: vocabulary)
                        element.append(.element(nested))
                        order.append(nested)
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
        countProse(order)
        return top
    }

    private static func isOpaque(_ element: HTMLElement) -> Bool {
        switch element.name {
        case "script": return element.attribute("type")?.lowercased() != "application/ld+json"
        case "style", "svg": return true
        default: return false
        }
    }

    /// Fills `proseBytes` bottom-up: descendants come before their ancestors in reversed pre-order.
    private static func countProse(_ order: [HTMLElement]) {
        for element in order.reversed() {
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

    private static func element(from node: xmlNodePtr, vocabulary: MarkupVocabulary) -> HTMLElement {
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
        return HTMLElement(name: name, attributes: attributes, vocabulary: vocabulary)
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
