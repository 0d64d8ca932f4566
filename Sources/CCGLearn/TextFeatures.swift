import Foundation

/// Word and character n-gram TF-IDF features, the representation of the published TweetEval SVM baseline
/// (per-target word and character n-grams, TF-IDF, linear SVM), optionally with word n-grams conjoined with
/// the target and a few lexicon-derived numbers.
///
/// Words are the tokenizer's folded words, so matching follows the same case folding and normalisation as
/// the lexicons; character n-grams are taken inside each word padded with spaces (" gp " gives " g", "gp",
/// "p " …), which catches hashtags, inflections and misspellings that whole words miss.
public struct TextFeatures: Codable, Sendable, Equatable {
    public var wordNGrams: ClosedRange<Int>
    public var characterNGrams: ClosedRange<Int>
    /// Terms seen in fewer training texts than this are dropped. 1 (keep all) by default: on TweetEval's
    /// training data, 5-fold cross-validated F-avg is 0.687 with every term and 0.680 with a minimum of 2
    /// (docs/stance.md); a larger value shrinks the model file for big corpora.
    public var minimumDocumentFrequency: Int
    /// Word n-grams also as "t<target>|w:…" features: one classifier shared by many targets with few texts
    /// each (Procon20's 417 questions) learns what is common to all and what one target's side says
    /// (Daumé's feature augmentation).
    public var conjoinTarget: Bool
    /// Names of lexicon-derived values each example carries (standardised on the training data).
    public var lexical: [String]

    public init(
        wordNGrams: ClosedRange<Int> = 1...2, characterNGrams: ClosedRange<Int> = 2...5, minimumDocumentFrequency: Int = 1,
        conjoinTarget: Bool = false, lexical: [String] = []
    ) {
        self.wordNGrams = wordNGrams
        self.characterNGrams = characterNGrams
        self.minimumDocumentFrequency = minimumDocumentFrequency
        self.conjoinTarget = conjoinTarget
        self.lexical = lexical
    }

    /// The distinct word ("w:…") and character ("c:…") n-grams of one text, with counts.
    public func terms(of words: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for length in wordNGrams where length <= words.count {
            for start in 0...(words.count - length) {
                counts["w:" + words[start..<(start + length)].joined(separator: " "), default: 0] += 1
            }
        }
        for word in words {
            let characters = Array(" \(word) ")
            for length in characterNGrams where length <= characters.count {
                for start in 0...(characters.count - length) {
                    counts["c:" + String(characters[start..<(start + length)]), default: 0] += 1
                }
            }
        }
        return counts
    }

    /// The name of a word n-gram's copy for one target: "t<target number>|w:…" (numbers, not the targets'
    /// names, which can be whole questions, keep the model file small).
    static func conjoined(_ term: String, target: Int) -> String { "t\(target)|\(term)" }

    /// Builds the vocabulary, inverse document frequencies and the lexical values' scaling from training
    /// examples.
    public func fit(_ examples: [StanceModel.Example]) -> Vocabulary {
        var documentFrequency: [String: Int] = [:]
        var conjoinedFrequency: [String: Int] = [:]
        let targets = conjoinTarget ? Set(examples.map(\.target)).sorted() : []
        let targetIds = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1, $0) })
        for example in examples {
            for term in terms(of: example.words).keys {
                documentFrequency[term, default: 0] += 1
                if let id = targetIds[example.target], term.hasPrefix("w:") { conjoinedFrequency[Self.conjoined(term, target: id), default: 0] += 1 }
            }
        }
        let kept = documentFrequency.filter { $0.value >= minimumDocumentFrequency }.keys.sorted()
        let count = Double(examples.count)
        // Smoothed idf, as scikit-learn's default: ln((1 + n) / (1 + df)) + 1.
        let idf = kept.map { log((1 + count) / (1 + Double(documentFrequency[$0] ?? 0))) + 1 }
        // A target's copy of a word n-gram is kept when two of the target's texts have it (a copy seen once
        // only memorises that text) and the n-gram itself is kept; it reuses the n-gram's value.
        let keptSet = Set(kept)
        let conjoined = conjoinedFrequency.filter { term, frequency in
            frequency >= 2 && (term.split(separator: "|", maxSplits: 1).last.map { keptSet.contains(String($0)) } ?? false)
        }.keys.sorted()
        var mean = [Double](repeating: 0, count: lexical.count)
        var scale = [Double](repeating: 1, count: lexical.count)
        for column in lexical.indices {
            let values = examples.map { column < $0.lexical.count ? $0.lexical[column] : 0 }
            guard !values.isEmpty else { continue }
            mean[column] = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean[column]) * ($1 - mean[column]) } / Double(values.count)
            scale[column] = variance > 0 ? variance.squareRoot() : 1
        }
        return Vocabulary(
            features: self, terms: kept + conjoined, idf: idf + [Double](repeating: 0, count: conjoined.count), targets: targets, lexicalMean: mean,
            lexicalScale: scale)
    }
}

/// The fitted feature space: which terms are features, in index order, their idf weights, and how the
/// lexical values are standardised (they follow the terms, at indices `terms.count…`).
public struct Vocabulary: Codable, Sendable, Equatable {
    public var features: TextFeatures
    public var terms: [String]
    /// Per term; 0 for target-conjoined copies, which take their word n-gram's value.
    public var idf: [Double]
    /// With `conjoinTarget`: the training targets, numbered in this order in the conjoined terms.
    public var targets: [String]
    private var targetIds: [String: Int] = [:]
    public var lexicalMean: [Double]
    public var lexicalScale: [Double]
    private var index: [String: Int32] = [:]

    enum CodingKeys: String, CodingKey { case features, terms, idf, targets, lexicalMean, lexicalScale }

    public init(
        features: TextFeatures, terms: [String], idf: [Double], targets: [String] = [], lexicalMean: [Double] = [], lexicalScale: [Double] = []
    ) {
        self.features = features
        self.terms = terms
        self.idf = idf
        self.targets = targets
        self.lexicalMean = lexicalMean
        self.lexicalScale = lexicalScale
        rebuildIndex()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        features = try container.decode(TextFeatures.self, forKey: .features)
        terms = try container.decode([String].self, forKey: .terms)
        idf = try container.decode([Double].self, forKey: .idf)
        targets = try container.decode([String].self, forKey: .targets)
        lexicalMean = try container.decode([Double].self, forKey: .lexicalMean)
        lexicalScale = try container.decode([Double].self, forKey: .lexicalScale)
        guard terms.count == idf.count else {
            throw DecodingError.dataCorruptedError(forKey: .idf, in: container, debugDescription: "idf has \(idf.count) values for \(terms.count) terms")
        }
        guard lexicalMean.count == features.lexical.count, lexicalScale.count == features.lexical.count else {
            throw DecodingError.dataCorruptedError(
                forKey: .lexicalMean, in: container, debugDescription: "lexical scaling has \(lexicalMean.count) values for \(features.lexical.count) features")
        }
        rebuildIndex()
    }

    private mutating func rebuildIndex() {
        index = Dictionary(terms.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        targetIds = Dictionary(targets.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Number of features: terms, then lexical values.
    public var count: Int { terms.count + features.lexical.count }

    /// Sublinear TF-IDF (1 + ln tf) × idf; terms outside the vocabulary are dropped.
    ///
    /// The word block and the character block are L2-normalised each on its own and then put side by side:
    /// a tweet has several times more character n-grams than word n-grams, and one norm over both would
    /// leave the word features (the ones that carry "not", names and hashtags whole) almost no weight.
    /// Target-conjoined copies repeat the normalised word values; lexical values are standardised.
    public func vector(_ example: StanceModel.Example) -> SparseVector {
        var wordEntries: [(Int32, Double)] = []
        var characterEntries: [(Int32, Double)] = []
        var wordTerms: [Int32: String] = [:]
        let targetId = targetIds[example.target]
        for (term, count) in features.terms(of: example.words) {
            guard let position = index[term] else { continue }
            let entry = (position, (1 + log(Double(count))) * idf[Int(position)])
            if term.hasPrefix("w:") {
                wordEntries.append(entry)
                if targetId != nil { wordTerms[position] = term }  // only conjoined copies need the names
            } else {
                characterEntries.append(entry)
            }
        }
        var entries: [(Int32, Double)] = []
        // Sorted before summing: the terms come in hash order, and a sum in another order can differ in
        // its last bit, which would make the same training data give a different model file.
        for (block, isWords) in [(wordEntries, true), (characterEntries, false)] {
            let sorted = block.sorted { $0.0 < $1.0 }
            let norm = sorted.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            guard norm > 0 else { continue }
            for (position, value) in sorted {
                entries.append((position, value / norm))
                if isWords, let targetId, let term = wordTerms[position], let copy = index[TextFeatures.conjoined(term, target: targetId)]
                {
                    entries.append((copy, value / norm))
                }
            }
        }
        for column in features.lexical.indices where column < example.lexical.count {
            let value = (example.lexical[column] - lexicalMean[column]) / lexicalScale[column]
            if value != 0 { entries.append((Int32(terms.count + column), value)) }
        }
        entries.sort { $0.0 < $1.0 }
        return SparseVector(indices: entries.map(\.0), values: entries.map(\.1))
    }
}
