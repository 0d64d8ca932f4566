import CCGLearn
import CCGModel
import SentimentAnalyser

/// What the learnt stance model reads of a text, relative to the motion it answers, so that what it learns
/// on one motion carries to motions it never saw:
/// - n-grams in which the motion's own words are replaced by placeholders (`_t_` for a target word, `_a_`
///   for its action): "_t_ should not be _a_" is the same feature on every motion; their values carry the
///   motion's polarity, so "warm toward the target" argues for a motion that supports it and against one
///   that bans it;
/// - a few numbers: how much of the target the text names, its sentiment (overall and where it names the
///   target or the action), negators near the target or the action, "should not", questions.
///
/// Training (`ccgtext train motion-stance`), evaluation and the analyser compute them here, one way.
public struct MotionStanceFeatures: Sendable {
    public static let denseNames = [
        "target-coverage", "mentions-action", "sentiment", "sentiment×polarity", "sentiment-at-target×polarity", "sentiment-at-action",
        "negation-at-target×polarity", "negation-at-action", "negation-rate", "negation-rate×polarity", "should-not×polarity", "question", "restates-motion",
        "sentiment-at-named-action×support", "names-action×support",
    ]

    let engine: SentimentEngine
    let opposing: Set<String>

    public init(engine: SentimentEngine, lexicon: MotionReading.Lexicon) {
        self.engine = engine
        opposing = Set(lexicon.opposing)
    }

    /// What the features were read from, for finding a cited n-gram in the text again.
    public struct Reading: Sendable {
        public var input: NGramLinearModel.Input
        /// The unit's word tokens, and the same words with the motion's replaced by placeholders.
        public var words: [Int]
        public var placeholders: [String]
        /// Whether a word of the motion's target or its action is in the text.
        public var namesTargetOrAction: Bool
        /// The sentiment of the sentences that name the target, summed, times the motion's polarity.
        public var sentimentAtTarget: Double
        /// The feeling of the sentences about the action itself ("The ban has emptied the shops"), its own
        /// words left out, times whether YES wants the action: what those sentences say of the motion.
        public var judgementOfAction: Double

        /// The tokens of the first occurrence of an n-gram feature ("_t_ should not"), if it is one.
        public func tokens(of gram: String) -> ClosedRange<Int>? {
            let parts = gram.split(separator: " ").map(String.init)
            guard !parts.isEmpty, parts.count <= placeholders.count else { return nil }
            for start in 0...(placeholders.count - parts.count) where parts.indices.allSatisfy({ placeholders[start + $0] == parts[$0] }) {
                return words[start]...words[start + parts.count - 1]
            }
            return nil
        }
    }

    /// Words before an action that make it a thing the sentence talks about ("the ban", "this abolition"),
    /// rather than what the sentence asks for ("should be banned").
    static let determiners: Set<String> = ["the", "this", "that", "a", "an", "any", "such", "these", "those", "its", "their", "our", "your", "his", "her"]

    /// Whether the action at `position` (of the word tokens) is named as a thing: after a determiner, or as
    /// a gerund opening its sentence ("Banning cars would kill the high street"). A sentence's feeling is
    /// then about the action itself: "The ban has emptied the shops" is against the ban, whereas in "Cars
    /// should be banned: they choke us" the feeling is about what is banned.
    func namesActionAsThing(at position: Int, sentenceStart: Int, words: [Int], unit: TokenizedUnit) -> Bool {
        let word = unit.tokens[words[position]].folded
        if position == sentenceStart { return word.hasSuffix("ing") }
        return Self.determiners.contains(unit.tokens[words[position - 1]].folded)
    }

    /// The share of the unit's sentences that ask: a one-line question asks, a long comment with one
    /// rhetorical question among eight statements mostly states.
    func questionShare(of unit: TokenizedUnit) -> Double {
        guard !unit.sentences.isEmpty else { return 0 }
        let asking = unit.sentences.count { StanceAnalyser.asks($0, in: unit) }
        return Double(asking) / Double(unit.sentences.count)
    }

    /// The placeholder n-grams (unigrams and bigrams, and trigrams that hold a placeholder) and the dense
    /// values, in `denseNames` order. With `sarcastic`, praise is read as the mockery it is (its sentiment
    /// turned negative).
    public func features(of unit: TokenizedUnit, motion: MotionReading, sarcastic: Bool = false) -> NGramLinearModel.Input {
        reading(of: unit, motion: motion, sarcastic: sarcastic).input
    }

    public func reading(of unit: TokenizedUnit, motion: MotionReading, sarcastic: Bool = false) -> Reading {
        let words = unit.tokens.indices.filter { unit.tokens[$0].isWordLike }
        var placeholders: [String] = []
        placeholders.reserveCapacity(words.count)
        var isTarget: [Bool] = []
        var isAction: [Bool] = []
        for index in words {
            let stem = MotionReading.stem(unit.tokens[index].folded)
            let target = motion.targetStems.contains(stem)
            let action = !target && motion.isAction(unit.tokens[index].folded, stem: stem)
            isTarget.append(target)
            isAction.append(action)
            placeholders.append(target ? "_t_" : action ? "_a_" : unit.tokens[index].folded)
        }
        var grams = placeholders
        if placeholders.count > 1 {
            for position in 1..<placeholders.count { grams.append(placeholders[position - 1] + " " + placeholders[position]) }
        }
        if placeholders.count > 2 {
            for position in 2..<placeholders.count where (position - 2...position).contains(where: { isTarget[$0] || isAction[$0] }) {
                grams.append(placeholders[position - 2] + " " + placeholders[position - 1] + " " + placeholders[position])
            }
        }

        // Sentence by sentence: sentiment where the target or the action is named, negators next to them.
        // The motion's own words are what a text talks about, not how it feels: "The ban has emptied the
        // shops" is negative about the ban, not because "ban" is a negative word. Their valence is taken out
        // of each sentence's sentiment before it becomes a feature.
        var motionStarts: Set<Int> = []
        for (position, index) in words.enumerated() where isTarget[position] || isAction[position] {
            motionStarts.insert(unit.tokens[index].start)
        }
        let scores = engine.score(unit: unit).sentences.map { sentence -> Double in
            var score = sentence.score
            if !motionStarts.isEmpty {
                let own = sentence.evidence.reduce(0.0) { sum, item in
                    (item.cue == "lexicon" || item.cue == "idiom") && motionStarts.contains(item.start) ? sum + (item.weight ?? 0) : sum
                }
                if own != 0 { score = engine.compound(sentence.valence - own) }
            }
            return sarcastic && score > 0 ? -score : score
        }
        var sentimentSum = 0.0
        var atTarget = 0.0
        var atAction = 0.0
        var atNamedAction = 0.0
        var actionNamedAsThing = false
        var negatedTargets = 0
        var negatedActions = 0
        var wordPosition = 0
        var restatements = 0.0
        for (index, sentence) in unit.sentences.enumerated() {
            let start = wordPosition
            while wordPosition < words.count, words[wordPosition] < sentence.tokens.upperBound { wordPosition += 1 }
            let range = start..<wordPosition
            let score = index < scores.count ? scores[index] : 0
            // A sentence about the action itself ("The ban has emptied the shops") says nothing of how its
            // writer feels about the target: its feeling counts toward the action alone.
            if range.contains(where: { isAction[$0] && namesActionAsThing(at: $0, sentenceStart: range.lowerBound, words: words, unit: unit) }) {
                atNamedAction += score
                actionNamedAsThing = true
            } else {
                sentimentSum += score
                if range.contains(where: { isTarget[$0] }) { atTarget += score }
                if range.contains(where: { isAction[$0] }) { atAction += score }
            }
            // A sentence that names the target or the action says something of it, and the parity of its
            // negators and opposing words says which way, as the motion's own wording does: "I don't think
            // CCGs were a failed idea" (two) against "Are CCGs a failed experiment?" (one).
            if range.contains(where: { isTarget[$0] || isAction[$0] }) {
                let turns = range.count { engine.isNegator(unit.tokens[words[$0]].folded) || opposing.contains(unit.tokens[words[$0]].folded) }
                restatements += turns % 2 == 0 ? 1 : -1
            }
            for position in range where isTarget[position] || isAction[position] {
                let window = max(range.lowerBound, position - 6)..<min(range.upperBound, position + 3)
                let negated = window.contains { $0 != position && engine.isNegator(unit.tokens[words[$0]].folded) }
                if negated {
                    if isTarget[position] { negatedTargets += 1 } else { negatedActions += 1 }
                }
            }
        }
        let folded = words.map { unit.tokens[$0].folded }
        var negators = 0
        var shouldNot = false
        for (position, word) in folded.enumerated() {
            if engine.isNegator(word) { negators += 1 }
            let next = position + 1 < folded.count ? folded[position + 1] : ""
            if word == "shouldn't" || word == "cannot" || word == "can't" || word == "mustn't" || ((word == "should" || word == "must") && next == "not") {
                shouldNot = true
            }
        }
        let named = Set(zip(folded, isTarget).filter(\.1).map { MotionReading.stem($0.0) })
        let coverage = motion.targetStems.isEmpty ? 0 : Double(named.count) / Double(motion.targetStems.count)
        let polarity = motion.polarity
        let sentiment = unit.sentences.isEmpty ? 0 : sentimentSum / Double(unit.sentences.count)
        let negationRate = folded.isEmpty ? 0 : 10 * Double(negators) / Double(folded.count)
        let dense = [
            coverage, isAction.contains(true) ? 1 : 0, sentiment, polarity * sentiment, polarity * atTarget, atAction,
            polarity * Double(min(negatedTargets, 3)), Double(min(negatedActions, 3)), negationRate, polarity * negationRate,
            shouldNot ? polarity : 0, questionShare(of: unit), polarity * max(-3, min(3, restatements)),
            motion.actionSupport * atNamedAction, actionNamedAsThing ? motion.actionSupport : 0,
        ]
        // The n-grams' sign is the motion's polarity times the text's attitude to the target: mockery says
        // the opposite of its words, so under it the sign turns.
        return Reading(
            input: NGramLinearModel.Input(grams: grams, dense: dense, gramWeight: sarcastic ? -polarity : polarity), words: words, placeholders: placeholders,
            namesTargetOrAction: isTarget.contains(true) || isAction.contains(true), sentimentAtTarget: polarity * atTarget,
            judgementOfAction: motion.actionSupport * atNamedAction)
    }
}
