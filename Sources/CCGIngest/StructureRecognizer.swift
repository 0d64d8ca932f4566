import CCGModel
import Foundation

/// Finds a page's structure in its blocks: headline, standfirst, debate sides with their authors, body,
/// reader comments, kind and authors. One recognizer serves HTML and plain text, so both forms of a page
/// come out the same; HTML adds what its markup states (metadata, class hints, comment items).
struct StructureRecognizer {
    let rules: IngestRules
    var names: PersonName { PersonName(titles: rules.titles) }

    struct Result {
        var title: String?
        var authors: [String]
        var kind: DocumentKind
        var debate: Debate?
        var units: [TextUnit]
    }

    /// `openingPost`: a forum thread's first post, whose author and time are the body's.
    func recognize(blocks allBlocks: [Block], htmlComments: [RawComment]?, metadata: HTMLMetadata?, openingPost: RawComment? = nil) -> Result {
        var mainBlocks = allBlocks
        var rawComments = (htmlComments ?? []).map { comment -> RawComment in
            var kept = comment
            kept.blocks = comment.blocks.filter { !isFurniture($0) }
            return kept
        }
        if htmlComments == nil, let heading = allBlocks.firstIndex(where: { rules.isCommentHeading($0.text) }) {
            mainBlocks = Array(allBlocks[..<heading])
            rawComments = segmentTextComments(Array(allBlocks[(heading + 1)...]))
        }
        let kept = mainBlocks.filter { !isFurniture($0) }
        // A marked byline is metadata, not text, unless it introduces a debate side (its author): a name, or
        // a short line with a date ("Par Amélie, le 15 janvier 2021 à 16h15").
        let main = kept.indices.filter { index in
            let block = kept[index]
            guard !block.hints.isDisjoint(with: rules.configuration.bylineClassTokens),
                names.name(in: block.text) != nil || (block.wordCount <= 12 && DateParser.timestamp(block.text) != nil)
            else { return true }
            return index + 1 < kept.count && rules.side(ofMarker: kept[index + 1].text) != nil
        }.map { kept[$0] }

        var units: [TextUnit] = []
        func add(_ type: UnitType, _ text: String, side: Side? = nil, author: String? = nil) -> String {
            let id = "u\(units.count + 1)"
            units.append(TextUnit(id: id, type: type, side: side, author: author, text: text))
            return id
        }

        // Headline: the page's h1, else the first short title-like line of a scrape.
        var cursor = 0
        var headline: String?
        if let h1 = main.firstIndex(where: { $0.role == .heading(level: 1) }) {
            headline = main[h1].text
            cursor = h1 + 1
            // A forum or an old site heads every page with its own name; the page's <title> then names
            // the topic beside it ("Should cities ban cars? - Town Forum" under <h1>Town Forum</h1>).
            if let title = metadata?.title, let topic = Self.topic(ofTitle: title, besideSiteName: main[h1].text) { headline = topic }
        } else if metadata == nil, let first = main.first, isTitleLike(first) {
            headline = first.text
            cursor = 1
        } else if openingPost != nil, let title = metadata?.title.map(cleanTitle), !title.isEmpty {
            // A thread without an h1 (Hacker News) is titled by its <title>.
            headline = title
        }
        var motion: String?
        var oneSide: Side?
        if let text = headline {
            _ = add(.headline, text)
            (motion, oneSide) = motionAndSide(inHeadline: text)
        }
        let sideMarkers = main.indices.filter { $0 >= cursor && main[$0].wordCount <= 2 && rules.side(ofMarker: main[$0].text) != nil }
        let bylineIndex: (Int) -> Int? = { marker in
            let before = marker - 1
            guard before >= cursor, self.isByline(main[before]) else { return nil }
            return before
        }

        // Standfirst: marked as such, or a short paragraph that names a person with a reporting verb.
        var standfirstPerson: String?
        if cursor < main.count, !sideMarkers.contains(cursor) {
            let candidate = main[cursor]
            let marked = !candidate.hints.isDisjoint(with: rules.configuration.standfirstClassTokens)
            let person = marked || candidate.wordCount <= 70 ? reportedPerson(in: candidate.text) : nil
            // A page's markup says which paragraph is its standfirst; only a scrape (no markup) is guessed at,
            // since news pages often open with "X said …" as the first paragraph of the story itself.
            if !candidate.isHeading, !isByline(candidate), marked || (metadata == nil && candidate.wordCount <= 70 && person != nil) {
                _ = add(.standfirst, candidate.text)
                standfirstPerson = person
                cursor += 1
            }
        }

        var debate: Debate?
        let markerSides = sideMarkers.compactMap { rules.side(ofMarker: main[$0].text) }
        if let motionText = motion ?? headline, Set(markerSides).count == 2 {
            // A debate: one section per side marker, from the marker to the next side's byline.
            let preambleEnd = bylineIndex(sideMarkers[0]) ?? sideMarkers[0]
            if cursor < preambleEnd { _ = add(.body, paragraphs(main[cursor..<preambleEnd])) }
            var sides: [DebateSide] = []
            for (position, marker) in sideMarkers.enumerated() {
                let side = markerSides[position]
                let end = position + 1 < sideMarkers.count ? (bylineIndex(sideMarkers[position + 1]) ?? sideMarkers[position + 1]) : main.count
                let author = bylineIndex(marker).flatMap { names.name(in: main[$0].text) }
                let id = add(.section, paragraphs(main[(marker + 1)..<max(marker + 1, end)]), side: side, author: author)
                sides.append(DebateSide(side: side, author: author, unit: id))
            }
            debate = Debate(motion: motionText, sides: sides)
        } else if let motion, let oneSide {
            // A one-sided piece ("Should X do Y? Yes"): the whole body argues that side.
            let author = metadata?.authors.first ?? standfirstPerson ?? biographyName(main[cursor...])
            let id = add(.section, paragraphs(main[cursor...]), side: oneSide, author: author)
            debate = Debate(motion: motion, sides: [DebateSide(side: oneSide, author: author, unit: id)])
        } else if cursor < main.count {
            _ = add(.body, paragraphs(main[cursor...]), author: openingPost?.author)
            if let time = openingPost?.timestamp { units[units.count - 1].timestamp = time }
        }

        let linker = CommentThreadLinker(names: names)
        let prepared = rawComments.map { linker.prepare($0, authorLineAllowed: htmlComments == nil) }.filter { !$0.text.isEmpty }
        let ids = prepared.indices.map { "u\(units.count + 1 + $0)" }
        units += linker.link(prepared, ids: ids)

        var authors = metadata?.authors ?? []
        if authors.isEmpty { authors = debate?.sides.compactMap(\.author) ?? [] }
        if authors.isEmpty, let person = openingPost?.author ?? standfirstPerson ?? biographyName(main[cursor...]) { authors = [person] }
        var seen: Set<String> = []
        authors = authors.filter { seen.insert($0).inserted }

        let kind = decideKind(debate: debate, main: main, metadata: metadata, hasComments: !prepared.isEmpty, units: units)
        return Result(title: metadata?.title.map(cleanTitle) ?? headline, authors: authors, kind: kind, debate: debate, units: units)
    }

    // MARK: - Block classification

    /// Page furniture: configured boilerplate phrases, or short blocks that are mostly link text.
    private func isFurniture(_ block: Block) -> Bool {
        if rules.isBoilerplate(block.text) { return true }
        if block.linkDensity > 0.5, block.wordCount < 40 { return true }
        // A dateline ("10 July 2013") marked as a date is metadata, not text.
        if !block.hints.isDisjoint(with: rules.configuration.timeClassTokens), block.wordCount <= 6, DateParser.timestamp(block.text) != nil {
            return true
        }
        return false
    }

    private func isTitleLike(_ block: Block) -> Bool {
        guard !block.bulleted, block.wordCount <= 25, let last = block.text.last else { return false }
        return last != "." && last != ":" && last != ","
    }

    private func isByline(_ block: Block) -> Bool {
        if !block.hints.isDisjoint(with: rules.configuration.bylineClassTokens), names.name(in: block.text) != nil { return true }
        return block.wordCount <= 6 && names.name(in: block.text) != nil
    }

    /// "Are CCGs a failed experiment?" → (motion, nil); "Should X do Y? Yes" → ("Should X do Y?", .yes).
    private func motionAndSide(inHeadline text: String) -> (String?, Side?) {
        let words = text.split(separator: " ")
        if words.count >= 3, let last = words.last, let side = rules.side(ofMarker: String(last)) {
            let rest = words.dropLast().joined(separator: " ")
            if rest.hasSuffix("?") || rest.hasSuffix(":") { return (rest.trimmingCharacters(in: CharacterSet(charactersIn: ":")).trimmingCharacters(in: .whitespaces), side) }
        }
        return (rules.motion(in: text), nil)
    }

    /// The person a standfirst reports ("Professor Azeem Majeed says …", "…, argues Dr Charles Alessi").
    private func reportedPerson(in text: String) -> String? {
        // Case-insensitive search is slow; the lower-cased bytes rule most verbs out first.
        let lowered = Array(text.lowercased().utf8)
        for (verb, loweredVerb) in zip(rules.configuration.reportingVerbs, rules.reportingVerbBytes) {
            guard ByteSearch.contains(lowered, loweredVerb) else { continue }
            guard let range = text.range(of: " \(verb) ", options: .caseInsensitive) ?? text.range(of: " \(verb)", options: [.caseInsensitive, .anchored, .backwards]) else { continue }
            let before = String(text[..<range.lowerBound])
            let after = String(text[range.upperBound...])
            if let name = names.leadingName(in: after.trimmingCharacters(in: .whitespaces)) { return name }
            if let name = names.trailingName(in: before.components(separatedBy: CharacterSet(charactersIn: ",;–—")).last ?? before) { return name }
        }
        return nil
    }

    /// The name opening an author's closing biography ("Chris Naylor is a fellow in health policy …").
    private func biographyName(_ blocks: ArraySlice<Block>) -> String? {
        for block in blocks.suffix(4).reversed() where block.wordCount <= 60 {
            for verb in rules.configuration.biographyVerbs {
                guard let range = block.text.range(of: " \(verb) ") else { continue }
                let head = String(block.text[..<range.lowerBound])
                if let name = names.name(in: head) { return name }
            }
        }
        return nil
    }

    private func decideKind(debate: Debate?, main: [Block], metadata: HTMLMetadata?, hasComments: Bool, units: [TextUnit]) -> DocumentKind {
        if debate != nil { return .debate }
        let hints = rules.configuration.kindHints
        let metaText = ((metadata?.types ?? []) + [metadata?.url?.lowercased()].compactMap { $0 }).joined(separator: " ")
        func hinted(_ kind: DocumentKind) -> Bool { (hints[kind.rawValue] ?? []).contains { metaText.contains($0) } }
        if hinted(.pressRelease) { return .pressRelease }
        if hinted(.blog) { return .blog }
        let mainText = main.map(\.text).joined(separator: "\n")
        if metadata == nil || metaText.isEmpty {
            let lowered = Array(mainText.lowercased().utf8)
            if rules.pressReleaseCueBytes.contains(where: { ByteSearch.contains(lowered, $0) }) { return .pressRelease }
        }
        if units.allSatisfy({ $0.type == .comment }) && hasComments { return .comments }
        if metadata == nil || !hinted(.article) {
            let firstPerson = rules.firstPersonWords
            let words = CommentThreadLinker.words(mainText)
            let count = words.filter { firstPerson.contains($0) }.count
            if words.count > 0, Double(count) / Double(words.count) >= 0.01, count >= 3 { return .blog }
        }
        return .article
    }

    /// The rest of `title` when `site` is the part of it after or before a separator, else nil.
    static func topic(ofTitle title: String, besideSiteName site: String) -> String? {
        let site = site.trimmingCharacters(in: .whitespacesAndNewlines)
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !site.isEmpty, title != site else { return nil }
        for separator in [" | ", " – ", " — ", " - ", " :: ", " : ", " » ", " · "] {
            var rest: Substring?
            if title.hasSuffix(separator + site) { rest = title.dropLast(separator.count + site.count) }
            if title.hasPrefix(site + separator) { rest = title.dropFirst(site.count + separator.count) }
            // The site's name is the shorter part: "Should cities ban cars? : r/town" under an h1 that is
            // already the topic keeps its h1.
            if let rest, rest.trimmingCharacters(in: .whitespaces).count >= max(5, site.count + 1) { return rest.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// A page title without the " | Site" or " - Site" suffix that `<title>` usually carries.
    private func cleanTitle(_ title: String) -> String {
        for separator in [" | ", " – ", " — ", " - "] {
            if let range = title.range(of: separator, options: .backwards), title[..<range.lowerBound].count >= 5 {
                return String(title[..<range.lowerBound])
            }
        }
        return title
    }

    private func paragraphs(_ blocks: ArraySlice<Block>) -> String {
        blocks.map(\.text).joined(separator: "\n\n")
    }

    // MARK: - Comments in plain text

    /// Splits the lines after a comment heading into comments: a bullet at the thread's outer indent
    /// starts one, a furniture line ("Report this comment") ends one.
    private func segmentTextComments(_ blocks: [Block]) -> [RawComment] {
        let outer = blocks.filter(\.bulleted).map(\.indent).min()
        var comments: [RawComment] = []
        var current: [Block] = []
        func close() {
            if !current.isEmpty { comments.append(RawComment(blocks: current, nestedUnder: nil)) }
            current = []
        }
        for block in blocks {
            if isFurniture(block) {
                close()
                continue
            }
            if block.bulleted, let outer, block.indent <= outer + 1 { close() }
            var plain = block
            plain.role = .paragraph
            current.append(plain)
        }
        close()
        return comments
    }
}
