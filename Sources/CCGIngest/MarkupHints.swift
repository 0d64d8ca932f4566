/// What the ingest configuration says a class, id, itemprop or role token means, as bits.
///
/// Every element's tokens are looked up once, while the tree is copied out of libxml2, and the rules
/// then test bits: the walks ask each element several questions ("furniture?", "a comment?", "its
/// author?"), and answering them from strings was a tenth of the extraction time.
struct MarkupHint: OptionSet, Sendable {
    let rawValue: UInt16

    static let commentItem = MarkupHint(rawValue: 1 << 0)
    static let commentList = MarkupHint(rawValue: 1 << 1)
    static let boilerplate = MarkupHint(rawValue: 1 << 2)
    static let content = MarkupHint(rawValue: 1 << 3)
    static let byline = MarkupHint(rawValue: 1 << 4)
    static let standfirst = MarkupHint(rawValue: 1 << 5)
    static let time = MarkupHint(rawValue: 1 << 6)
    static let author = MarkupHint(rawValue: 1 << 7)
    static let role = MarkupHint(rawValue: 1 << 8)
    static let commentBody = MarkupHint(rawValue: 1 << 9)
    static let quote = MarkupHint(rawValue: 1 << 10)

    /// Meanings the structure recognizer reads from a block's ancestors; tokens with them are kept as text.
    static let readByRecognizer: MarkupHint = [.byline, .standfirst, .time, .author, .role]
}

/// The configuration's class tokens, each with its meanings.
struct MarkupVocabulary: Sendable {
    private var meanings: [String: MarkupHint] = [:]
    /// Longer words are slugs or hashes; only their parts can mean anything.
    private var longestToken = 0

    init(_ configuration: IngestConfiguration) {
        let lists: [([String], MarkupHint)] = [
            (configuration.commentClassTokens, .commentItem), (configuration.commentListClassTokens, .commentList),
            (configuration.boilerplateClassTokens, .boilerplate), (configuration.contentClassTokens, .content),
            (configuration.bylineClassTokens, .byline), (configuration.standfirstClassTokens, .standfirst),
            (configuration.timeClassTokens, .time), (configuration.authorClassTokens, .author),
            (configuration.roleClassTokens, .role), (configuration.commentBodyClassTokens, .commentBody),
            (configuration.quoteClassTokens ?? [], .quote),
        ]
        for (tokens, meaning) in lists {
            for token in tokens {
                let key = token.lowercased()
                meanings[key, default: []].insert(meaning)
                longestToken = max(longestToken, key.utf8.count)
            }
        }
    }

    /// The attributes hints are read from, in the order their tokens are listed.
    static let hintAttributes = ["class", "id", "itemprop", "role"]

    /// What one attribute's value says. `hints` covers its lower-cased words and the parts of short
    /// compounds split on hyphens and underscores ("comment-author" → "comment-author", "comment", "author";
    /// a slug such as "alibaba-to-raise-up-in-landmark-listing" says nothing about the element and only
    /// counts whole); `classHints` a class attribute's whole words (comment items are matched on exact
    /// classes); `recognizerTokens` the tokens the recognizer reads.
    struct AttributeHints {
        var hints: MarkupHint = []
        var classHints: MarkupHint = []
        var recognizerTokens: [String] = []

        /// Adds another attribute's hints after these.
        mutating func add(_ other: AttributeHints) {
            hints.formUnion(other.hints)
            classHints.formUnion(other.classHints)
            recognizerTokens += other.recognizerTokens
        }
    }

    /// The hints of attribute `key` (one of `hintAttributes`) with `value`.
    func hints(ofAttribute key: String, value: String) -> AttributeHints {
        var found = AttributeHints()
        guard !value.isEmpty else { return found }
        let isClass = key == "class"
        func look(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, isClassWord: Bool) {
            guard range.count <= longestToken else { return }
            var key = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            if bytes[range].contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { key = key.lowercased() }
            guard let meaning = meanings[key] else { return }
            found.hints.formUnion(meaning)
            if isClassWord { found.classHints.formUnion(meaning) }
            if !meaning.isDisjoint(with: .readByRecognizer) { found.recognizerTokens.append(key) }
        }
        var value = value
        value.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
                let start = index
                var separators = 0
                while index < bytes.count, !Self.isSpace(bytes[index]) {
                    if Self.isJoiner(bytes[index]) { separators += 1 }
                    index += 1
                }
                guard start < index else { break }
                look(bytes, start..<index, isClassWord: isClass)
                guard separators > 0 else { continue }
                // The non-empty parts between hyphens and underscores, when there are two or three.
                var parts: [Range<Int>] = []
                var partStart = start
                for position in start...index where position == index || Self.isJoiner(bytes[position]) {
                    if partStart < position { parts.append(partStart..<position) }
                    partStart = position + 1
                }
                if parts.count > 1, parts.count <= 3 { for part in parts { look(bytes, part, isClassWord: false) } }
            }
        }
        return found
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
    private static func isJoiner(_ byte: UInt8) -> Bool { byte == 0x2D || byte == 0x5F }
}
