/// Chooses the page's main content among its blocks: the element whose blocks read most like an article
/// once navigation, link lists and labels count against it.
///
/// Every block gets a score: positive for prose (words in sentences, few links), negative for furniture
/// (link lists, short unpunctuated labels). Each element collects the scores of the blocks inside it,
/// multiplied by `decay` per level, so the paragraphs' own container wins rather than the page wrapper; from there the
/// choice climbs to the parent while the parent adds prose and little furniture, so an article split
/// across wrappers (or around an advert) is kept whole while a sidebar or footer next to it is not. Inside
/// the chosen element, elements whose class names furniture are dropped. The page's headline usually sits
/// outside that element; the nearest `h1` before it is kept too. Deterministic: ties go to the earlier element.
enum MainContentSelector {
    /// What a block's score is worth one level further up. At 0.5 a single long paragraph (a sidebar's
    /// disclaimer) outweighed the container of an article of several shorter ones on Dragnet's blogs; 0.7
    /// was chosen on the five development sources together (docs/extraction.md).
    static let decay = 0.7
    /// `containers[i]` lists the tracked elements around block i, outermost first; `furniture` are those
    /// whose class names furniture, dropped when inside the chosen container.
    ///
    /// With a `classifier`, the hand rules' choice becomes features of each block and the blocks the
    /// classifier accepts are kept instead (the headline rule below still applies); when it accepts none,
    /// the hand choice stands. With `collectingCandidates`, every block's text and features are returned
    /// too (for training a classifier).
    static func select(
        _ blocks: [Block], containers: [[Int32]], furniture: Set<Int32>, keptBesideHeadline: Set<String>, classifier: BlockClassifier? = nil,
        collectingCandidates: Bool = false
    ) -> (blocks: [Block], candidates: [BlockCandidate]) {
        guard blocks.count > 1 else { return (blocks, []) }
        let scores = blocks.map(score)
        let chosen = chosenIndices(blocks, scores: scores, containers: containers, furniture: furniture)
        func result(_ kept: [Int], _ candidates: [BlockCandidate] = []) -> (blocks: [Block], candidates: [BlockCandidate]) {
            (withHeadline(kept, in: blocks, keptBesideHeadline: keptBesideHeadline).map { blocks[$0] }, candidates)
        }
        guard classifier != nil || collectingCandidates else { return result(chosen) }
        let vectors = BlockFeatures.vectors(blocks, containers: containers, furniture: furniture, chosen: Set(chosen), ruleScores: scores)
        let candidates = collectingCandidates ? zip(blocks, vectors).map { BlockCandidate(text: $0.text, features: $1) } : []
        var kept = chosen
        if let classifier {
            let accepted = vectors.indices.filter { classifier.probability(vectors[$0]) >= classifier.threshold }
            if !accepted.isEmpty { kept = accepted }
        }
        return result(kept, candidates)
    }

    /// The hand rules' choice: the indices of the blocks inside the chosen container, in order (every block
    /// when no element scores above zero).
    private static func chosenIndices(_ blocks: [Block], scores: [Double], containers: [[Int32]], furniture: Set<Int32>) -> [Int] {
        let everything = Array(blocks.indices)
        // Each element collects its blocks' scores, times `decay` per level between the block and the element:
        // the paragraphs' own container wins over the page wrapper that also holds teasers and sidebars.
        var decayed: [Int32: Double] = [:]
        var positive: [Int32: Double] = [:]
        var negative: [Int32: Double] = [:]
        var parent: [Int32: Int32] = [:]
        for (value, path) in zip(scores, containers) {
            var weight = value
            for (level, element) in path.enumerated().reversed() {
                decayed[element, default: 0] += weight
                if value > 0 { positive[element, default: 0] += value } else { negative[element, default: 0] -= value }
                weight *= Self.decay
                if level > 0 { parent[element] = path[level - 1] }
            }
        }
        // Elements inside furniture (a sidebar's "About me" paragraph) are the article only when they
        // outscore everything outside furniture three times over (a layout wrapper named "l-sidebar-fixed"
        // around the story, with only a cookie notice outside it).
        var insideFurniture: Set<Int32> = []
        for path in containers {
            guard let outer = path.firstIndex(where: furniture.contains) else { continue }
            insideFurniture.formUnion(path[outer...])
        }
        func bestElement(_ admitted: (Int32) -> Bool) -> (element: Int32, score: Double)? {
            var best: (element: Int32, score: Double)?
            for (element, score) in decayed where !furniture.contains(element) && admitted(element) {
                if let current = best, score < current.score || (score == current.score && element > current.element) { continue }
                best = (element, score)
            }
            return best
        }
        let outside = bestElement { !insideFurniture.contains($0) }
        let withinFurniture = bestElement { insideFurniture.contains($0) }
        var best = outside
        if let withinFurniture, withinFurniture.score > 3 * max(outside?.score ?? 0, 0) { best = withinFurniture }
        guard var chosen = best?.element, let bestScore = best?.score, bestScore > 0 else { return everything }
        // An article split into several wrappers (NYT's story columns, a figure or an advert between parts)
        // continues in the chosen element's siblings: climb while the parent adds prose and little furniture.
        while let up = parent[chosen], !furniture.contains(up) {
            let addedProse = (positive[up] ?? 0) - (positive[chosen] ?? 0)
            let addedFurniture = (negative[up] ?? 0) - (negative[chosen] ?? 0)
            guard addedFurniture <= addedProse * 0.5 else { break }
            chosen = up
        }
        let inside = containers.indices.filter { index in
            guard let position = containers[index].firstIndex(of: chosen) else { return false }
            return containers[index][(position + 1)...].allSatisfy { !furniture.contains($0) }
        }
        return inside.isEmpty ? everything : inside
    }

    /// The headline usually sits in a header before the body, with the standfirst beside it; that is
    /// kept when its markup says what it is.
    private static func withHeadline(_ indices: [Int], in blocks: [Block], keptBesideHeadline: Set<String>) -> [Int] {
        guard let first = indices.first, !indices.contains(where: { blocks[$0].role == .heading(level: 1) }),
            let headline = blocks[..<first].lastIndex(where: { $0.role == .heading(level: 1) })
        else { return indices }
        let between = ((headline + 1)..<first).filter { !blocks[$0].hints.isDisjoint(with: keptBesideHeadline) }
        return [headline] + between + indices
    }

    /// How much a block looks like article text (positive) or page furniture (negative), in words.
    static func score(_ block: Block) -> Double {
        let (words, sentences) = block.measure
        // Capped: one polluted paragraph (a link with a hover card full of links) must not veto an article;
        // a menu is many short link blocks and adds up anyway.
        if block.linkDensity > 0.5 { return -min(words, 25) }
        if block.isHeading { return 0 }
        let prose = words * (1 - block.linkDensity)
        // Prose comes in sentences: a long block with no sentence end is a list of labels, an address or a
        // footer, and each sentence vouches for a bounded number of words.
        if sentences == 0 {
            // Cells of a data table ("1 | Kyle Busch | 5040"), one-line paragraphs ("5a etapa: 20 de maio") and
            // bullet points without links ("Charges quickly in the case") are short and unpunctuated, yet
            // content: neutral rather than furniture. A menu's items are links.
            if block.markedAsText || (block.role == .listItem && block.linkDensity == 0) { return 0 }
            return words < 10 ? -words * 0.5 : prose * 0.25
        }
        return min(prose, Double(sentences) * 40 + 10)
    }
}
