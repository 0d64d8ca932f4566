import CLibXML2

/// An HTML element copied out of libxml2's tree into Swift values, so that no code beyond this file
/// handles libxml2 pointers and the C document is freed as soon as it has been read.
final class HTMLElement: @unchecked Sendable {
    enum Child {
        case element(HTMLElement)
        case text(String)
    }

    let name: String
    let attributes: [String: String]
    private(set) var children: [Child] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    func append(_ child: Child) { children.append(child) }

    func attribute(_ key: String) -> String? { attributes[key] }

    /// Lower-cased class and id tokens, split on spaces, hyphens and underscores ("comment-author" →
    /// "comment", "author", plus the whole "comment-author").
    lazy var hintTokens: Set<String> = {
        var tokens: Set<String> = []
        for value in [attributes["class"], attributes["id"], attributes["itemprop"], attributes["role"]].compactMap({ $0 }) {
            for word in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                tokens.insert(String(word))
                for part in word.split(whereSeparator: { $0 == "-" || $0 == "_" }) { tokens.insert(String(part)) }
            }
        }
        return tokens
    }()

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
        return top
    }

    private static func element(from node: xmlNodePtr) -> HTMLElement {
        let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name {
                let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self))
                defer { ccg_xml_free(value) }
                attributes[String(cString: attributeName).lowercased()] = value.map { String(cString: $0) } ?? ""
            }
            attribute = current.pointee.next
        }
        return HTMLElement(name: name, attributes: attributes)
    }
}

extension String {
    /// Runs of white space (including no-break spaces) as single spaces, trimmed.
    var collapsingWhitespace: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for character in self {
            if character.isWhitespace || character == "\u{00A0}" {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }
}
