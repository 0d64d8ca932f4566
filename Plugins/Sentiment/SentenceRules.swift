import CCGModel

extension SentimentEngine {
    /// A stretch of a sentence's scoring tokens that one rule reads: a word or a multi-word entry.
    struct Item {
        enum Kind { case valence, booster, negator, reducer, contrastive, concessive }
        var kind: Kind
        var tokens: Range<Int>
        var clause: Int
        /// The item's own valence, for a valence item; for a modifier, the valence it has when it modifies
        /// nothing ("no" alone, "pretty horses", "cut" alone).
        var valence: Double?
        var boost = 0.0
        var isPhrase = false
        var intensifiesBeforeBooster = false
        /// A modifier that governs nothing and counts as a word ("no" alone): a valence item, but not one
        /// that another modifier acts on ("No and no" is not a negated "no").
        var isStandaloneModifier = false
    }

    /// Scores one sentence: finds the items, lets each modifier act on the valence word it governs, then
    /// applies contrast, concession and punctuation emphasis.
    ///
    /// `shouting` is whether the whole unit is in capitals, worked out the first time a sentence needs it.
    func score(sentence index: Int, of unit: TokenizedUnit, shouting: inout Bool?) -> SentenceScore {
        let range = unit.sentences[index].tokens
        let words = scoringWords(range, of: unit)
        var items = self.items(words, in: unit)
        // "Wouldn't that be great?", "Isn't it lovely?": a question opened by a negated auxiliary asks the
        // reader to agree, so its "n't" negates nothing.
        if items.contains(where: { $0.kind == .negator }), Self.asks(range, of: unit) {
            items.removeAll { item in
                let first = item.tokens.lowerBound
                return item.kind == .negator && (first == 0 || words[first - 1].clause != words[first].clause)
                    && Self.isContractedNegation(words.folded(first, in: unit))
            }
        }
        resolveModifiers(&items, words: words)

        let pivot = items.first { $0.kind == .contrastive }?.tokens.lowerBound
        // The first concessive word of the current clause ("Although …"), tracked in one pass.
        var concession: Item?
        var sum = 0.0
        var evidence: [Evidence] = []
        for position in items.indices {
            let item = items[position]
            if item.kind == .concessive, concession?.clause != item.clause { concession = item }
            guard item.kind == .valence else { continue }
            guard var value = item.valence, value != 0 else { continue }
            // The word's own evidence goes first; its weight is known once every rule has acted.
            let wordEvidence = evidence.count
            evidence.append(Evidence(text: "", start: 0, end: 0, cue: ""))
            let isMark = words[item.tokens.lowerBound].kind == .emoji
            if !isMark, !item.isPhrase, words[item.tokens.lowerBound].kind == .word,
                case let text = words.text(item.tokens.lowerBound, in: unit), Self.hasTwoCharacters(text), Self.isUppercase(text),
                !isShouting(unit, cached: &shouting)
            {
                value += value > 0 ? weights.capitals : -weights.capitals
                evidence.append(words.evidence(item.tokens, in: unit, cue: "capitals"))
            }
            // Modifiers before the item, nearest first, within its clause and three tokens.
            var negated = false
            var reduced = false
            var earlier = position - 1
            while !isMark, earlier >= 0, items[earlier].clause == item.clause,
                item.tokens.lowerBound - (items[earlier].tokens.upperBound - 1) <= 3
            {
                let modifier = items[earlier]
                let distance = item.tokens.lowerBound - (modifier.tokens.upperBound - 1)
                switch modifier.kind {
                case .booster:
                    let scaled = modifier.boost * (distance == 1 ? 1.0 : distance == 2 ? 0.95 : 0.9)
                    value += value > 0 ? scaled : -scaled
                    evidence.append(words.evidence(modifier.tokens, in: unit, cue: scaled > 0 ? "booster" : "dampener"))
                case .negator where !negated:
                    negated = true
                    let intensified =
                        modifier.intensifiesBeforeBooster
                        && items[(earlier + 1)..<position].contains { $0.kind == .booster && $0.boost > 0 }
                    value *= intensified ? weights.neverSo : weights.negation
                    evidence.append(words.evidence(modifier.tokens, in: unit, cue: intensified ? "never-so" : "negation"))
                case .reducer where !reduced && value < 0:
                    reduced = true
                    value *= weights.reducer
                    evidence.append(words.evidence(modifier.tokens, in: unit, cue: "reducer"))
                default:
                    break
                }
                earlier -= 1
            }
            if let pivot {
                value *= item.tokens.lowerBound < pivot ? weights.beforeContrast : weights.afterContrast
                evidence.append(words.evidence(pivot..<(pivot + 1), in: unit, cue: "contrast"))
            }
            if let concession, concession.clause == item.clause {
                value *= weights.concession
                evidence.append(words.evidence(concession.tokens, in: unit, cue: "concession"))
            }
            // A praising word alone between quotation marks is held at arm's length: 'the "improvements"'.
            if value > 0, !scareQuotes.isEmpty {
                let first = words[item.tokens.lowerBound].first
                let last = words[item.tokens.upperBound - 1].last
                if first > range.lowerBound, last + 1 < range.upperBound, scareQuotes.contains(unit.tokens[first - 1].text),
                    scareQuotes.contains(unit.tokens[last + 1].text)
                {
                    value = -value
                    evidence.append(Evidence(tokens: unit.tokens[(first - 1)...(last + 1)], in: unit, cue: "scare-quotes"))
                }
            }
            if value < 0 { value *= weights.negativeWeight }
            sum += value
            evidence[wordEvidence] = words.evidence(item.tokens, in: unit, cue: item.isPhrase ? "idiom" : "lexicon", weight: value)
        }
        if sum != 0 {
            sum += sum > 0 ? emphasis(range, of: unit) : -emphasis(range, of: unit)
        }
        return SentenceScore(valence: sum, score: compound(sum), evidence: evidence)
    }

    /// Whether the sentence ends in a question mark (possibly with "!" beside it).
    static func asks(_ range: Range<Int>, of unit: TokenizedUnit) -> Bool {
        for index in range.reversed() {
            let token = unit.tokens[index]
            guard token.kind == .punctuation || token.kind == .symbol else { return false }
            if token.text.utf8.contains(UInt8(ascii: "?")) { return true }
        }
        return false
    }

    /// Exclamation marks (up to a limit) and repeated question marks strengthen a sentence's sentiment.
    private func emphasis(_ range: Range<Int>, of unit: TokenizedUnit) -> Double {
        var exclamations = 0
        var questions = 0
        for index in range where unit.tokens[index].kind == .punctuation || unit.tokens[index].kind == .symbol {
            for byte in unit.tokens[index].text.utf8 {
                if byte == UInt8(ascii: "!") { exclamations += 1 } else if byte == UInt8(ascii: "?") { questions += 1 }
            }
        }
        var value = Double(min(weights.maxExclamations, exclamations)) * weights.exclamation
        if questions > 1 { value += min(weights.maxQuestionEmphasis, Double(questions) * weights.question) }
        return value
    }

    /// The sentence's items, left to right; multi-word entries first (longest match, inside one clause).
    func items(_ words: ScoringWords, in unit: TokenizedUnit) -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(words.count)
        var titleCase: Bool?
        var index = 0
        while index < words.count {
            let entry = words[index].entry.map { entries[$0] }
            if let phrases = entry?.phrases, let match = phrases.first(where: { phrase in
                let end = index + phrase.entries.count
                guard end <= words.count, words[end - 1].clause == words[index].clause else { return false }
                for (offset, word) in phrase.entries.enumerated() where words[index + offset].entry != word { return false }
                return true
            }) {
                let range = index..<(index + match.entries.count)
                if let valence = match.valence {
                    items.append(Item(kind: .valence, tokens: range, clause: words[index].clause, valence: valence, isPhrase: true))
                } else if let boost = match.boost {
                    items.append(Item(kind: .booster, tokens: range, clause: words[index].clause, boost: boost, isPhrase: true))
                }
                index = range.upperBound
                continue
            }
            defer { index += 1 }
            let range = index..<(index + 1)
            let clause = words[index].clause
            guard let entry else {
                if Self.isContractedNegation(words.folded(index, in: unit)) { items.append(Item(kind: .negator, tokens: range, clause: clause)) }
                continue
            }
            let kind: Item.Kind
            if entry.isNegator || Self.isContractedNegation(words.folded(index, in: unit)) {
                kind = .negator
            } else if entry.isReducer {
                kind = .reducer
            } else if entry.boost != nil {
                kind = .booster
            } else if entry.role == .contrastive {
                kind = .contrastive
            } else if entry.role == .concessive {
                kind = .concessive
            } else if let valence = entry.valence, valence != 0, !isName(words, in: unit, at: index, titleCase: &titleCase),
                entry.senseCues.map({ cues in
                    index > 0 && words[index - 1].clause == clause && words[index - 1].entry.map(cues.contains) ?? false
                }) ?? true
            {
                kind = .valence
            } else {
                continue
            }
            // A modifier's own valence (used when it governs nothing: "pretty horses", "Super!") does not
            // count inside a name ("the Super Eagles").
            var valence = entry.valence
            if kind != .valence, let own = valence, own != 0, isName(words, in: unit, at: index, titleCase: &titleCase) { valence = nil }
            items.append(
                Item(
                    kind: kind, tokens: range, clause: clause, valence: valence, boost: entry.boost ?? 0,
                    intensifiesBeforeBooster: entry.intensifiesBeforeBooster))
        }
        return items
    }

    /// A modifier that governs no valence word within its clause and three tokens counts as a word in its
    /// own right when it has a valence: "no" in "no job, no laptop", "pretty" in "pretty horses". Decided
    /// right to left, so that "not pretty" negates "pretty" once "pretty" has become a valence word.
    func resolveModifiers(_ items: inout [Item], words: ScoringWords) {
        for position in items.indices.reversed() {
            let kind = items[position].kind
            guard kind == .booster || kind == .negator || kind == .reducer, let valence = items[position].valence, valence != 0 else { continue }
            var governs = false
            var later = position + 1
            while later < items.count, items[later].clause == items[position].clause,
                items[later].tokens.lowerBound - (items[position].tokens.upperBound - 1) <= 3
            {
                let candidate = items[later]
                if candidate.kind == .valence, !candidate.isStandaloneModifier || candidate.valence ?? 0 > 0,
                    words[candidate.tokens.lowerBound].kind != .emoji, let target = candidate.valence, target != 0,
                    kind != .reducer || target < 0
                {
                    governs = true
                    break
                }
                later += 1
            }
            if !governs {
                items[position].kind = .valence
                items[position].isStandaloneModifier = true
            }
        }
    }

    /// A capitalised word inside a run of capitalised words, not at the start of its sentence ("Foo
    /// Fighters", "Manchester United", "Friends of the Earth"), is read as part of a name: names carry no
    /// sentiment. Texts written in title case or capitals throughout are left alone.
    func isName(_ words: ScoringWords, in unit: TokenizedUnit, at index: Int, titleCase: inout Bool?) -> Bool {
        let clause = words[index].clause
        guard index > 0, words[index - 1].clause == clause, !Self.isHandle(words[index - 1], in: unit),
            Self.isCapitalised(words.text(index, in: unit))
        else { return false }
        let neighbourIsCapitalised =
            (index > 1 && words[index - 2].clause == clause && !Self.isHandle(words[index - 2], in: unit)
                && Self.isCapitalised(words.text(index - 1, in: unit)))
            || (index + 1 < words.count && words[index + 1].clause == clause && Self.isCapitalised(words.text(index + 1, in: unit)))
        guard neighbourIsCapitalised else { return false }
        if titleCase == nil {
            // Counted once per sentence, when first needed.
            var capitalised = 0
            var total = 0
            for word in 0..<words.count where words[word].kind == .word {
                total += 1
                if Self.isCapitalised(words.text(word, in: unit)) { capitalised += 1 }
            }
            titleCase = capitalised * 2 >= total
        }
        return titleCase == false
    }

    /// A user handle ("@anonymous Happy anniversary"; ICU keeps "@anonymous" as one word): an address, not
    /// part of the sentence, so the word after it still starts the clause.
    static func isHandle(_ token: ScoringToken, in unit: TokenizedUnit) -> Bool {
        unit.tokens[token.first].text.utf8.first == UInt8(ascii: "@")
    }

    /// An upper-case letter followed by at least one lower-case letter ("Fighters", not "NHS" or "I").
    static func isCapitalised(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        if let first = bytes.next(), first < 0x80 {
            guard first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"), let second = bytes.next() else { return false }
            if second < 0x80 { return second >= UInt8(ascii: "a") && second <= UInt8(ascii: "z") }
        }
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first.properties.isUppercase else { return false }
        return scalars.next()?.properties.isLowercase ?? false
    }

    /// "…n't" or "…n’t", read from the last bytes (this runs for every word).
    static func isContractedNegation(_ word: String) -> Bool {
        if let answer = word.utf8.withContiguousStorageIfAvailable(isContractedNegation) { return answer }
        var bytes = word.utf8.reversed().makeIterator()
        guard bytes.next() == UInt8(ascii: "t") else { return false }
        switch bytes.next() {
        case UInt8(ascii: "'"): return bytes.next() == UInt8(ascii: "n")
        case 0x99: return bytes.next() == 0x80 && bytes.next() == 0xE2 && bytes.next() == UInt8(ascii: "n")  // ’ is E2 80 99
        default: return false
        }
    }

    private static func isContractedNegation(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 3, bytes[count - 1] == UInt8(ascii: "t") else { return false }
        if bytes[count - 2] == UInt8(ascii: "'") { return bytes[count - 3] == UInt8(ascii: "n") }
        return count >= 5 && bytes[count - 2] == 0x99 && bytes[count - 3] == 0x80 && bytes[count - 4] == 0xE2 && bytes[count - 5] == UInt8(ascii: "n")
    }
}
