import Foundation

/// The numbers a learnt block classifier reads of one block of a page, beside the structure recogniser's
/// own judgement: what the block is (length, sentences, links, role), where it sits (position, depth,
/// inside furniture, inside the container the hand rules chose), what surrounds it (its neighbours, as
/// boilerpipe reads them; its container's share of the page) and whether the page repeats it.
///
/// Only markup-neutral and language-neutral measures: no word lists, so a model fitted on English sites
/// reads a German forum the same way. The order of `names` is the order of every vector, and a model file
/// records the names it was fitted on, so a model and a build that disagree are refused, not misread.
public enum BlockFeatures {
    public static let names: [String] = [
        "log-words", "link-density", "log-sentences", "no-sentence-end", "words-per-sentence",
        "heading-1", "heading-other", "list-item", "quote", "marked-as-text",
        "position", "depth",
        "previous-log-words", "previous-link-density", "next-log-words", "next-link-density",
        "in-chosen-container", "inside-furniture", "rule-score", "repeated-on-page",
        "digit-share", "ends-sentence", "commas-per-word",
        "container-share-of-page", "container-link-density", "distance-from-chosen", "has-recogniser-hint",
        "chosen-times-link-density", "chosen-times-no-sentence-end", "chosen-times-log-words",
    ]

    /// One vector per block, in `names` order. `containers[i]` are block i's tracked elements (outermost
    /// first), `furniture` those whose class names furniture, `chosen` the indices the hand rules kept and
    /// `ruleScores` their per-block scores. Linear in the number of blocks.
    static func vectors(
        _ blocks: [Block], containers: [[Int32]], furniture: Set<Int32>, chosen: Set<Int>, ruleScores: [Double]
    ) -> [[Double]] {
        let count = blocks.count
        guard count > 0 else { return [] }
        let measures = blocks.map(\.measure)
        var repeats: [String: Int] = [:]
        for block in blocks { repeats[block.text, default: 0] += 1 }
        // Each innermost container's words and linked words, for the share of the page it holds.
        var containerWords: [Int32: Double] = [:]
        var containerLinked: [Int32: Double] = [:]
        var pageWords = 0.0
        for (index, path) in containers.enumerated() {
            let words = measures[index].words
            pageWords += words
            guard let inner = path.last else { continue }
            containerWords[inner, default: 0] += words
            containerLinked[inner, default: 0] += words * blocks[index].linkDensity
        }
        let chosenRange = chosen.min().flatMap { low in chosen.max().map { low...$0 } }
        func logWords(_ index: Int) -> Double { index >= 0 && index < count ? log1p(measures[index].words) : 0 }
        func links(_ index: Int) -> Double { index >= 0 && index < count ? blocks[index].linkDensity : 0 }
        return blocks.indices.map { index in
            let block = blocks[index]
            let (words, sentences) = measures[index]
            var digits = 0
            var characters = 0
            var commas = 0
            for scalar in block.text.unicodeScalars where scalar.value > 0x20 {
                characters += 1
                if ("0"..."9").contains(scalar) { digits += 1 }
                if scalar == "," || scalar == "\u{3001}" || scalar == "\u{FF0C}" { commas += 1 }
            }
            var headingOne = 0.0
            var headingOther = 0.0
            var listItem = 0.0
            var quote = 0.0
            switch block.role {
            case .heading(let level): if level == 1 { headingOne = 1 } else { headingOther = 1 }
            case .listItem: listItem = 1
            case .quote: quote = 1
            case .paragraph: break
            }
            let path = index < containers.count ? containers[index] : []
            let inner = path.last
            let innerWords = inner.flatMap { containerWords[$0] } ?? words
            let innerLinked = inner.flatMap { containerLinked[$0] } ?? 0
            let isChosen = chosen.contains(index) ? 1.0 : 0.0
            let noSentenceEnd = sentences == 0 ? 1.0 : 0.0
            var distance = 1.0
            if let chosenRange {
                distance = chosenRange.contains(index) ? 0 : Double(min(abs(index - chosenRange.lowerBound), abs(index - chosenRange.upperBound))) / Double(count)
            }
            let last = block.text.unicodeScalars.last
            let endsSentence = last.map { [".", "!", "?", "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{2026}", "\"", "\u{201D}"].contains($0) } ?? false
            let score = ruleScores[index]
            return [
                log1p(words), block.linkDensity, log1p(Double(sentences)), noSentenceEnd, min(words / Double(max(sentences, 1)), 60) / 60,
                headingOne, headingOther, listItem, quote, block.markedAsText ? 1 : 0,
                count > 1 ? Double(index) / Double(count - 1) : 0, Double(min(path.count, 30)) / 30,
                logWords(index - 1), links(index - 1), logWords(index + 1), links(index + 1),
                isChosen, path.contains(where: furniture.contains) ? 1 : 0, (score < 0 ? -1 : 1) * log1p(abs(score)),
                (repeats[block.text] ?? 1) > 1 ? 1 : 0,
                characters > 0 ? Double(digits) / Double(characters) : 0, endsSentence ? 1 : 0, words > 0 ? min(Double(commas) / words, 1) : 0,
                pageWords > 0 ? innerWords / pageWords : 0, innerWords > 0 ? innerLinked / innerWords : 0, distance, block.hints.isEmpty ? 0 : 1,
                isChosen * block.linkDensity, isChosen * noSentenceEnd, isChosen * log1p(words),
            ]
        }
    }
}

/// One block of a page as the block classifier sees it, for training one: its text (to be labelled
/// against a gold article) and its features.
public struct BlockCandidate: Sendable, Equatable {
    public var text: String
    public var features: [Double]
}
