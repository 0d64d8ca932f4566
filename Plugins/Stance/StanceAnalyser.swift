import CCGLearn
import CCGModel
import Foundation
import SentimentAnalyser

/// Stance of each unit toward the document's motion: debate sections by their side; comments by how they
/// lean toward what the motion claims (a model learnt across many motions, docs/stance.md), by explicit cues
/// (agreeing or disagreeing with the parent, answering yes or no) and by similarity to each side's argument,
/// with replies leaning on their parent.
public struct StanceAnalyser: Analyser {
    public struct UnitResult: Codable, Sendable, Equatable {
        public var label: String
        public var target: String?
        public var confidence: Double
        /// Signed score: above zero favours the motion.
        public var score: Double
        public var evidence: [Evidence]

        enum CodingKeys: String, CodingKey { case label, target, confidence, score, evidence }

        public init(label: String, target: String?, confidence: Double, score: Double, evidence: [Evidence]) {
            self.label = label
            self.target = target
            self.confidence = confidence
            self.score = score
            self.evidence = evidence
        }

        /// `target` is written as null when there is none: the contract lists the field.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(label, forKey: .label)
            try container.encode(target, forKey: .target)
            try container.encode(confidence, forKey: .confidence)
            try container.encode(score, forKey: .score)
            try container.encode(evidence, forKey: .evidence)
        }
    }

    public struct Tally: Codable, Sendable, Equatable {
        public var favor = 0
        public var against = 0
        public var none = 0
        mutating func add(_ label: String) {
            switch label {
            case "favor": favor += 1
            case "against": against += 1
            default: none += 1
            }
        }
        mutating func merge(_ other: Tally) {
            favor += other.favor
            against += other.against
            none += other.none
        }
    }

    /// A debate side as the summaries show it: who wrote it, the label it got, and how many comments of
    /// the page took the same side.
    public struct SideSummary: Codable, Sendable, Equatable {
        public var side: String
        public var author: String?
        public var label: String
        public var commentsBacking: Int
    }

    public struct DocumentSummary: Codable, Sendable, Equatable {
        public var motion: String?
        /// Where the motion came from (`debate`, `setting`, `headline`, `opening post`); absent without one.
        public var motionSource: String? = nil
        /// Set when no motion was found, so every unit's `none` means "nothing to take a side on" rather
        /// than "takes no side".
        public var warning: String? = nil
        public var all: Tally
        public var comments: Tally
        /// The debate's sections, YES first.
        public var sides: [SideSummary]
        /// Comments by the author's role ("GP Partner"); "unknown" where the page shows none.
        public var commentsByRole: [String: Tally]
        /// Comments by day (`YYYY-MM-DD`) and by month (`YYYY-MM`) where timestamps exist.
        public var commentsByDay: [String: Tally]
        public var commentsByMonth: [String: Tally]
    }

    /// Everything said about one motion, over the documents that debate it.
    public struct MotionTally: Codable, Sendable, Equatable {
        public var motion: String
        /// Where the first document's motion came from (`debate`, `headline`…).
        public var source: String? = nil
        public var documents: Int
        public var all: Tally
        public var comments: Tally
        public var sides: [SideSummary]
        public var commentsByRole: [String: Tally]
        public var commentsByMonth: [String: Tally]
    }

    public struct CorpusSummary: Codable, Sendable, Equatable {
        /// The motions of the most documents (then of the most units), at most `listedMotions`, in the
        /// order of their text.
        public var motions: [MotionTally]
        /// Documents in which no motion was found (their units are all `none`).
        public var documentsWithoutMotion: Int? = nil
        /// Motions left out of `motions` (and the documents that argue them) when there were more than
        /// `listedMotions`: their tallies are in `all` and in their documents' summaries.
        public var motionsNotListed: Int? = nil
        public var documentsInMotionsNotListed: Int? = nil
        public var all: Tally
        public var comments: Tally
        public var commentsByRole: [String: Tally]
        public var commentsByMonth: [String: Tally]
    }

    struct Cues: Decodable {
        var agreeWithParent: [String]
        var disagreeWithParent: [String]
        var answerYes: [String]
        var answerNo: [String]
        var offTopic: [String]
        /// Markers that turn praise into mockery ("oh great", "yeah right", "as always").
        var sarcasm: [String]
        /// Praise said on its own and followed at once by more of something ("Great, another reorganisation.",
        /// "Brilliant. More forms."): mockery with no marker phrase. Optional, for older lexicon folders.
        var sarcasticOpeners: [String]?
        var sarcasticFollowers: [String]?
        /// A reply aimed at the person it answers ("you clearly", "spare us"): it disagrees with the parent
        /// and says nothing about the target by its tone.
        var attackOnCommenter: [String]
        /// Openings of a reply that thanks the person it answers ("Thanks Vinci."): with no agreeing or
        /// disagreeing cue, such a reply talks to the person and takes no side. Optional, for older folders.
        var thanks: [String]?
        var stopwords: [String]
    }

    struct Targets: Decodable {
        var aliases: [String: [String]]
    }

    public static let description = AnalyserDescription(
        id: "stance", version: "2.1.0", name: "Stance",
        summary: "favor / against / none toward the debate's motion: sections by side; comments by a model learnt across many motions (what the motion claims, how the text leans toward it), agree/disagree and yes/no cues, similarity to each side, and the parent they reply to.",
        needs: [.tokens, .sentences, .debate, .thread],
        lexicons: ["stance/cues.en.json", "stance/targets.json", "stance/argument-lean.en.json", StanceConfidence.path, MotionReading.Lexicon.path, motionModelPath] + SentimentEngine.lexiconPaths,
        examples: [
            AnalyserExample(
                "CCGs have completely failed GPs and wasted money.", expect: ["label": "favor", "evidence[].cue": "motion-model"],
                motion: "Are CCGs a failed experiment?"),
            AnalyserExample(
                "CCGs have been a great success and GPs value them.", expect: ["label": "against", "evidence[].cue": "motion-model"],
                motion: "Are CCGs a failed experiment?"),
            AnalyserExample(
                "That should be 'stood' rather than 'stool'.", expect: ["label": "none"], evidence: ["should be"],
                motion: "Are CCGs a failed experiment?"),
            AnalyserExample(
                "Spot on, I agree with every word.", expect: ["label": "favor"], evidence: ["I agree"],
                motion: "Are CCGs a failed experiment?", parent: "CCGs are a failure: GPs have no real say and the money is wasted."),
            // The hard cases of real threads.
            AnalyserExample(  // negated stance: "failed" is denied, not asserted
                "I don't think CCGs were a failed idea at all.", expect: ["label": "against", "evidence[].cue": "negates-motion"],
                evidence: ["don't think CCGs were a failed"], motion: "Are CCGs a failed experiment?"),
            AnalyserExample(  // sarcasm: the praise is mockery
                "Oh great, another CCG reorganisation. Brilliant use of money, as always.", expect: ["label": "favor", "evidence[].cue": "sarcasm"],
                evidence: ["Oh great"], motion: "Are CCGs a failed experiment?"),
            AnalyserExample(  // a reply that agrees with its parent takes the parent's side
                "Kaiser makes the correct point that GPs have no real say.", expect: ["label": "favor", "evidence[].cue": "agrees-with-parent"],
                evidence: ["correct point"], motion: "Are CCGs a failed experiment?",
                parent: "CCGs are a failure: GPs have no real say and the money is wasted."),
            AnalyserExample(  // a reply that disagrees takes the other side
                "I disagree. CCGs have given GPs a voice they never had in PCTs.", expect: ["label": "against", "evidence[].cue": "disagrees-with-parent"],
                evidence: ["I disagree"], motion: "Are CCGs a failed experiment?",
                parent: "CCGs are a failure: GPs have no real say and the money is wasted."),
            AnalyserExample(  // an attack on the commenter: disagreement with the parent, its tone not read as about CCGs
                "You clearly have never run a practice, so spare us the lecture.", expect: ["label": "against", "evidence[].cue": "attacks-commenter"],
                evidence: ["You clearly"], motion: "Are CCGs a failed experiment?",
                parent: "CCGs are a failure: GPs have no real say and the money is wasted."),
            AnalyserExample(  // an argument on a motion nobody labelled: denials lean against it
                "Saturday opening is not what patients asked for, and it does not cut waiting times.",
                expect: ["label": "against", "evidence[].cue": "motion-model"], motion: "Should practices open on Saturdays?"),
            AnalyserExample(  // and warmth toward it leans for it
                "Saturday opening helps working parents, and patients value it.", expect: ["label": "favor", "evidence[].cue": "motion-model"],
                motion: "Should practices open on Saturdays?"),
            AnalyserExample(  // and a complaint about what it bans argues for it
                "Cars choke the centre: the traffic and the fumes make walking there miserable.", expect: ["label": "favor"],
                motion: "Should cities ban cars from the centre?"),
            AnalyserExample(  // a complaint about the ban itself argues against the ban
                "The ban has emptied the shops.", expect: ["label": "against", "evidence[].cue": "judges-action"],
                motion: "Should cities ban cars from the centre?"),
            AnalyserExample(  // and so does one about a ban only proposed
                "A ban would hurt the people who can least afford it.", expect: ["label": "against", "evidence[].cue": "judges-action"],
                motion: "Should cities ban cars from the centre?"),
            AnalyserExample(  // praise of the ban argues for it
                "The ban has made the centre a pleasure to walk in.", expect: ["label": "favor"], motion: "Should cities ban cars from the centre?"),
            AnalyserExample(  // a complaint about the ban toward a motion that rejects it
                "The ban has emptied the shops.", expect: ["label": "favor", "evidence[].cue": "judges-action"],
                motion: "Should cities not ban cars from the centre?"),
            AnalyserExample(  // the same complaint toward a motion worded the other way round
                "Cars choke the centre: the traffic and the fumes make walking there miserable.", expect: ["label": "against"],
                motion: "Should cars be allowed in city centres?"),
            AnalyserExample(  // agreeing with a reply that backs the ban takes its side
                "Spot on. I could not agree more.", expect: ["label": "favor", "evidence[].cue": "agrees-with-parent"],
                motion: "Should cities ban cars from the centre?", parent: "Banning cars was the best thing our city ever did: the centre is alive again."),
            AnalyserExample(  // a reply that disagrees without saying so takes the other side: the learnt relation
                "Sorry but that is just your opinion, not a fact.", expect: ["label": "against", "evidence[].cue": "reply-relation"],
                motion: "Should cities ban cars from the centre?", parent: "Banning cars was the best thing our city ever did: the centre is alive again."),
            AnalyserExample(  // and one that agrees without a listed phrase keeps its parent's side
                "Couldn't have said it better myself.", expect: ["label": "favor", "evidence[].cue": "reply-relation"],
                motion: "Should cities ban cars from the centre?", parent: "Banning cars was the best thing our city ever did: the centre is alive again."),
            AnalyserExample(  // a reply that thanks the person it answers takes no side
                "Thanks Sam. I had not seen those figures before.", expect: ["label": "none", "evidence[].cue": "thanks"],
                motion: "Should cities ban cars from the centre?", parent: "Banning cars was the best thing our city ever did: the centre is alive again."),
            AnalyserExample(  // a question takes no side
                "Has anyone seen the figures for the first month?", expect: ["label": "none", "evidence[].cue": "question"],
                motion: "Should cities ban cars from the centre?"),
            AnalyserExample(  // sarcasm with no marker phrase: praise set off, then "another"
                "Great, another CCG reorganisation that nobody asked for.", expect: ["label": "favor", "evidence[].cue": "sarcasm"],
                evidence: ["Great, another"], motion: "Are CCGs a failed experiment?"),
            AnalyserExample(  // a marker's own scorn does not cancel the praise it mocks
                "Yeah right, CCGs are a roaring success.", expect: ["label": "favor", "evidence[].cue": "sarcasm"],
                motion: "Are CCGs a failed experiment?"),
            AnalyserExample(  // a marker is found past a look-alike inside a longer word ("has always")
                "It has always been like this. Brilliant planning, as always.", expect: ["label": "favor", "evidence[].cue": "sarcasm"],
                evidence: ["as always"], motion: "Are CCGs a failed experiment?"),
            AnalyserExample(  // plain praise set off by a comma is not mockery without a follower
                "Great, the CCG has finally listened to practices.", expect: ["label": "against"], motion: "Are CCGs a failed experiment?"),
            AnalyserExample(  // off-topic: a question about a meeting takes no side
                "Does anyone know when the next CCG board meeting is?", expect: ["label": "none"], motion: "Are CCGs a failed experiment?"),
        ])

    let sentiment: SentimentEngine
    let cues: Cues
    let aliases: [String: [[String]]]
    let stopwords: Set<String>
    let configuredTarget: String?
    /// A model trained by `ccgtext train stance` (setting `model`), used for units that are not a debate
    /// side; the zero-shot rules answer when it has no classifier for the motion.
    let model: StanceModel?
    /// Which of the model's classifiers to use (setting `model-target`; default: the motion's text).
    let modelTarget: String?
    let modelLexical: StanceLexicalFeatures?
    /// How a text leans when nothing else decides (denial, tone), weights fit on other debates.
    let argumentLean: StanceArgumentLean
    /// What the rules' confidence means, fit on validation data; nil in a lexicon folder without the file.
    let calibration: StanceConfidence?
    /// The model learnt across many motions (lexicons/stance/motion-model.en.json, or setting
    /// `motion-model`), which reads how a text leans toward the motion; nil in a lexicon folder without it or
    /// with `motion-model=none`, where the tone-and-denial rules answer instead.
    let motionModel: NGramLinearModel?
    let motionLexicon: MotionReading.Lexicon?
    let motionFeatures: MotionStanceFeatures?
    /// Whether a reply agrees with what it answers when it says neither (lexicons/stance/reply-relation.en.json,
    /// or setting `reply-model`); nil in a folder without it or with `reply-model=none`, where such a reply
    /// leans a little with its parent.
    let replyModel: NGramLinearModel?
    let replyFeatures: ReplyRelationFeatures?

    public init(context: AnalyserContext) throws {
        sentiment = try SentimentEngine.shared(lexicons: context.lexicons, overlay: context.settings["overlay"] ?? SentimentEngine.defaultOverlay)
        cues = try context.lexicons.json("stance/cues.en.json", as: Cues.self)
        argumentLean = try context.lexicons.weights("stance/argument-lean.en.json", as: StanceArgumentLean.self)
        // Setting `calibration=none` keeps the squashed score (to measure what calibration changes).
        calibration = context.settings["calibration"] == "none" ? nil : try StanceConfidence.load(from: context.lexicons)
        let engine = sentiment
        motionModel = try NGramLinearModel.learnt(
            setting: context.settings["motion-model"], shipped: Self.motionModelPath, lexicons: context.lexicons,
            format: NGramLinearModel.motionStanceFormat, dense: MotionStanceFeatures.denseNames, trainer: "motion-stance")
        motionLexicon = motionModel == nil ? nil : try context.lexicons.json(MotionReading.Lexicon.path, as: MotionReading.Lexicon.self)
        motionFeatures = motionLexicon.map { MotionStanceFeatures(engine: engine, lexicon: $0) }
        replyModel = try NGramLinearModel.learnt(
            setting: context.settings["reply-model"], shipped: ReplyRelation.modelPath, lexicons: context.lexicons,
            format: NGramLinearModel.replyRelationFormat, dense: ReplyRelationFeatures.denseNames, trainer: "reply-relation")
        replyFeatures = replyModel == nil ? nil : try ReplyRelationFeatures(engine: engine, lexicons: context.lexicons)
        let targets = try context.lexicons.json("stance/targets.json", as: Targets.self)
        aliases = targets.aliases.mapValues { $0.map { $0.lowercased().split(separator: " ").map(String.init) } }
        stopwords = Set(cues.stopwords)
        configuredTarget = context.settings["target"]
        model = try context.settings["model"].map(StanceModel.load)
        modelTarget = context.settings["model-target"]
        if let model, !model.lexical.isEmpty {
            guard model.lexical == StanceLexicalFeatures.names else {
                throw StanceModel.ModelError.unreadable(
                    path: context.settings["model"] ?? "", reason: "it reads lexical features \(model.lexical) and this version computes \(StanceLexicalFeatures.names)")
            }
            modelLexical = StanceLexicalFeatures(engine: sentiment)
        } else {
            modelLexical = nil
        }
    }

    /// What the motion is about and which way agreeing leans: "Are CCGs a failed experiment?" → target
    /// "CCGs", predicate "a failed experiment", negative (so criticism of CCGs favours the motion).
    struct Motion {
        var text: String
        var target: String
        var targetForms: [[String]]
        var predicateIsNegative: Bool
        /// The whole motion reads negative (how the argument lean was fit: on the motion's text).
        var isNegative: Bool
        /// The first four letters of the predicate's longer words ("failed experiment" → "fail", "expe"): a
        /// sentence that negates one of them ("wasn't a failure") denies the motion's claim.
        var predicateStems: [String]
        /// Where the motion came from: `debate` (the page's question), `setting` (`stance.target`),
        /// `headline` (a statement headline's thesis) or `opening post` (a thread's first post).
        var source: String
    }

    /// Where a document's motion comes from, and its text: the debate's question, the configured target,
    /// else the thesis of a statement headline, else the first sentence of a thread's opening post.
    func motionText(for document: TokenizedDocument) -> (text: String, source: String)? {
        if let motion = document.document.debate?.motion { return (motion, "debate") }
        if let configuredTarget { return (configuredTarget, "setting") }
        // Only the headline that opens the document: this runs for every unit, and looking through all of
        // them each time would be quadratic in a long thread without one.
        if let headline = document.units.first, headline.unit.type == .headline, Self.readsAsThesis(headline.tokens) {
            return (headline.unit.text, "headline")
        }
        if document.document.kind == .comments, let first = document.units.first, first.unit.replyTo == nil, let sentence = first.sentences.first {
            let tokens = Array(first.tokens[sentence.tokens])
            if Self.readsAsThesis(tokens), let start = tokens.first?.utf8Start, let end = tokens.last?.utf8End {
                return (first.text(utf8From: start, to: end), "opening post")
            }
        }
        return nil
    }

    /// A headline or sentence that can stand as a motion: three to thirty words (not a site's name or a
    /// whole paragraph).
    static func readsAsThesis(_ tokens: [Token]) -> Bool {
        (3...30).contains(tokens.count { $0.isWordLike })
    }

    /// What a document without a motion says in its summary.
    public static let noMotionWarning = "no motion found; give one with --set stance.target=…"

    func motion(for document: TokenizedDocument) -> Motion? {
        guard let (text, source) = motionText(for: document) else { return nil }
        let words = text.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        let auxiliaries: Set<String> = ["are", "is", "should", "can", "will", "do", "does", "has", "have", "would", "could", "was", "were", "did", "must"]
        var start = 0
        if let first = words.first, auxiliaries.contains(first.lowercased()) { start = 1 }
        // The target: the words after the auxiliary up to an article or a lower-case verb-like word. In
        // Title Case ("Should Euthanasia Be Legal?") case cannot tell the target from the predicate: the
        // target is then the whole motion after the auxiliary and the predicate empty (no flip, no
        // negated-claim check), rather than a guess that is wrong as often as right.
        let longer = words.dropFirst().filter { $0.count >= 4 }
        let isTitleCase = longer.count >= 2 && Double(longer.count { $0.first?.isUppercase ?? false }) >= 0.6 * Double(longer.count)
        var end = isTitleCase ? words.count : start
        while end < words.count, end == start || (words[end].first?.isUppercase ?? false) { end += 1 }
        let target = words[min(start, words.count)..<min(max(start + 1, end), words.count)].joined(separator: " ")
        let predicate = words[min(end, words.count)...].joined(separator: " ")
        let folded = target.lowercased()
        var forms = aliases[folded] ?? []
        forms.append(folded.split(separator: " ").map(String.init))
        let predicateScore = score(text: predicate, document: document)
        let stems = words[min(end, words.count)...].map { $0.lowercased() }.filter { $0.count >= 5 && !stopwords.contains($0) }.map { String($0.prefix(4)) }
        return Motion(
            text: text, target: target, targetForms: forms, predicateIsNegative: predicateScore < -0.05,
            isNegative: score(text: text, document: document) <= sentiment.negativeThreshold, predicateStems: stems, source: source)
    }

    /// Sentiment of a free-standing phrase (the motion's predicate), tokenized crudely on spaces: it is
    /// only ever a few words of the motion.
    private func score(text: String, document: TokenizedDocument) -> Double {
        sentiment.score(unit: phraseUnit(text)).score
    }

    /// A few words (the motion, its predicate) as a unit, split on spaces, folded without the punctuation
    /// at their edges ("experiment?" reads as "experiment").
    private func phraseUnit(_ text: String) -> TokenizedUnit {
        var offset = 0
        var byteOffset = 0
        let tokens = text.split(separator: " ").map { word -> Token in
            defer {
                offset += word.unicodeScalars.count + 1
                byteOffset += word.utf8.count + 1
            }
            return Token(
                text: String(word), folded: word.trimmingCharacters(in: .punctuationCharacters).lowercased(), kind: .word, start: offset, end: offset + word.unicodeScalars.count, sentence: 0,
                utf8Start: byteOffset, utf8End: byteOffset + word.utf8.count)
        }
        return TokenizedUnit(unit: TextUnit(id: "motion", type: .headline, text: text), tokens: tokens, sentences: [Sentence(start: 0, end: offset, tokens: 0..<tokens.count)])
    }

    /// The trained model's answer: its label, a confidence from the margin between the two best decision
    /// values, and the word n-grams (with offsets) and lexical features that pushed it there most.
    private func classifyWithModel(_ unit: TokenizedUnit, in document: TokenizedDocument, motion: Motion, model: StanceModel) -> UnitResult? {
        let target = modelTarget ?? motion.text
        // The motion as training saw it (tokenized like any text) when the page has it as its headline.
        let motionUnit = modelLexical == nil ? nil : document.units.first { $0.unit.type == .headline && $0.unit.text == motion.text } ?? phraseUnit(motion.text)
        let example = StanceModelInput.example(unit, target: target, motion: motionUnit, lexical: modelLexical)
        guard let (label, values, reasons) = model.classify(example, reasons: Self.modelCuesShown) else { return nil }
        let score = (values["favor"] ?? 0) - (values["against"] ?? 0)
        var evidence: [Evidence] = []
        let words = StanceModelInput.wordIndices(of: unit)
        for reason in reasons {
            let weight = Evidence.rounded(reason.contribution)
            guard let colon = reason.feature.firstIndex(of: ":"), reason.feature[..<colon].hasSuffix("w") else {
                if !reason.feature.contains(":") { evidence.append(Evidence(text: reason.feature, start: 0, end: 0, cue: "model-lexical", weight: weight)) }
                continue
            }
            let gram = reason.feature[reason.feature.index(after: colon)...].split(separator: " ").map(String.init)
            guard gram.count <= words.count,
                let first = (0...(words.count - gram.count)).first(where: { start in gram.indices.allSatisfy { unit.tokens[words[start + $0]].folded == gram[$0] } })
            else { continue }
            evidence.append(Evidence(tokens: unit.tokens[words[first]...words[first + gram.count - 1]], in: unit, cue: "model-ngram", weight: weight))
        }
        let confidence = model.confidence(margin: StanceModel.margin(values))
        return UnitResult(
            label: label, target: motion.text, confidence: Evidence.rounded(min(0.99, confidence)), score: Evidence.rounded(score), evidence: evidence)
    }

    public func analyse(_ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult]) -> UnitResult {
        let motion = motion(for: document)
        return analyse(unit, in: document, earlier: earlier, motion: motion, reading: reading(of: motion))
    }

    /// The units in reading order, as the protocol's default does, with the motion found and read once for
    /// the document rather than once per unit.
    public func analyse(document: TokenizedDocument) -> (units: [UnitResult], summary: DocumentSummary) {
        let motion = motion(for: document)
        let reading = reading(of: motion)
        var earlier: [String: UnitResult] = [:]
        var results: [UnitResult] = []
        results.reserveCapacity(document.units.count)
        for unit in document.units {
            let result = analyse(unit, in: document, earlier: earlier, motion: motion, reading: reading)
            earlier[unit.unit.id] = result
            results.append(result)
        }
        return (results, summarise(document: document, results: results))
    }

    private func reading(of motion: Motion?) -> MotionReading? {
        guard let motion, let motionLexicon else { return nil }
        return MotionReading(motion.text, lexicon: motionLexicon)
    }

    private func analyse(
        _ unit: TokenizedUnit, in document: TokenizedDocument, earlier: [String: UnitResult], motion: Motion?, reading: MotionReading?
    ) -> UnitResult {
        guard let motion else {
            return UnitResult(label: "none", target: nil, confidence: 0, score: 0, evidence: [])
        }
        if motion.source == "headline" || motion.source == "opening post", unit.unit.text.hasPrefix(motion.text) {
            return UnitResult(
                label: "favor", target: motion.text, confidence: 1, score: 1,
                evidence: [Evidence(text: "states the motion (taken from its \(motion.source))", start: 0, end: 0, cue: "states-motion")])
        }
        if let side = unit.unit.side {
            let label = side == .yes ? "favor" : "against"
            return UnitResult(
                label: label, target: motion.text, confidence: 1, score: side == .yes ? 1 : -1,
                evidence: [Evidence(text: "\(side.rawValue.uppercased()) side of the debate", start: 0, end: 0, cue: "debate-side")])
        }
        guard unit.unit.type == .comment || unit.unit.type == .body || document.document.debate == nil else {
            return UnitResult(label: "none", target: motion.text, confidence: 0.9, score: 0, evidence: [])
        }
        if let model, let result = classifyWithModel(unit, in: document, motion: motion, model: model) { return result }
        var score = 0.0
        var evidence: [Evidence] = []
        let folded = unit.tokens.map(\.folded)
        let lowered = Self.lowered(unit)

        // 0. Cues that change how the sentiment reads: mockery turns praise into criticism; an attack on the
        // commenter being answered is about that person, not the target.
        let sarcasm = firstPhrase(cues.sarcasm, in: unit, lowered) ?? sarcasticOpening(in: unit)
        if let sarcasm { evidence.append(Evidence(text: sarcasm.text, start: sarcasm.start, end: sarcasm.end, cue: "sarcasm")) }
        let attack = unit.unit.replyTo == nil ? nil : firstPhrase(cues.attackOnCommenter, in: unit, lowered)

        var towardTarget = 0.0
        if let motionModel, let reading, let motionFeatures {
            // 1. How the text leans toward what the motion claims, read by the model learnt across many
            // motions; a sentence that negates the motion's own claim counts as well. Mockery is read for
            // what it means: its praise as criticism of the target.
            for index in unit.sentences.indices where attack == nil {
                if let negated = negatedClaim(in: unit, sentence: unit.sentences[index].tokens, stems: motion.predicateStems) {
                    evidence.append(Evidence(tokens: unit.tokens[negated], in: unit, cue: "negates-motion", weight: -0.8))
                    score -= 0.8
                }
            }
            if attack == nil {
                let read = motionFeatures.reading(of: unit, motion: reading, sarcastic: sarcasm != nil)
                let vector = motionModel.vector(read.input)
                let margin = motionModel.margin(vector: vector)
                // The calibrated chance as log-odds, the scale the cues below add on.
                let chance = min(0.99, max(0.01, motionModel.confidence(margin: margin)))
                var lean = log(chance / (1 - chance)) * (margin < 0 ? -1 : 1)
                // A text that names neither the target nor the action may be about something else: on its own
                // (no debate sides, no parent to read it by) its lean counts for less. A reply's denials and
                // complaints are about the comment it answers ("that is not what happened"), not the motion:
                // such a reply takes its side through how it relates to that comment (step 3).
                let answersKnownParent = unit.unit.replyTo.flatMap { earlier[$0] } != nil
                let throughParent = !read.namesTargetOrAction && answersKnownParent
                if throughParent {
                    lean *= Self.unnamedTargetReplyShare
                } else if !read.namesTargetOrAction, document.document.debate?.sides.isEmpty ?? true {
                    lean *= Self.unnamedTargetShare
                }
                towardTarget = read.sentimentAtTarget
                score += lean
                // A sentence about the action itself ("The ban has emptied the shops") judges what the motion
                // proposes: the learnt model reads it too, but its training arguments rarely say so, and it
                // leans on their habit of naming the action when they argue for it.
                let judged = max(-Self.actionJudgementCap, min(Self.actionJudgementCap, read.judgementOfAction * Self.actionJudgementWeight))
                if judged != 0 {
                    score += judged
                    evidence.append(
                        Evidence(
                            text: "feeling about the action itself (\(reading.polarityCues.filter(reading.isAction).joined(separator: ", ")))", start: 0, end: 0,
                            cue: "judges-action", weight: Evidence.rounded(judged)))
                }
                if let sarcasm {
                    // Mockery is criticism of the target, whatever its words: it leans the way criticism does.
                    let mockery = -reading.polarity * Self.mockeryWeight
                    score += mockery
                    evidence.append(Evidence(text: sarcasm.text, start: sarcasm.start, end: sarcasm.end, cue: "mockery", weight: mockery))
                }
                evidence.append(
                    Evidence(
                        text: "learnt lean toward the motion (YES \(reading.polarity > 0 ? "supports" : "opposes") its target\(reading.polarityCues.isEmpty ? "" : ": " + reading.polarityCues.joined(separator: ", "))\(sarcasm == nil ? "" : "; praise read as mockery")\(throughParent ? "; a reply that names neither the target nor the action, read through its parent" : ""))",
                        start: 0, end: 0, cue: "motion-model", weight: Evidence.rounded(lean)))
                for reason in motionModel.reasons(vector: vector, count: Self.modelCuesShown) {
                    let weight = Evidence.rounded(reason.contribution)
                    if let tokens = read.tokens(of: reason.feature) {
                        evidence.append(Evidence(tokens: unit.tokens[tokens], in: unit, cue: "model-ngram", weight: weight))
                    } else if MotionStanceFeatures.denseNames.contains(reason.feature) {
                        evidence.append(Evidence(text: reason.feature, start: 0, end: 0, cue: "model-feature", weight: weight))
                    }
                }
            }
        } else {
            // 1. Sentiment toward the target: sentences that name it count fully, the rest a little; a sentence
            // that negates the motion's own claim ("I don't think CCGs were a failed idea") argues against it
            // whatever its words' feeling.
            var weighted = 0.0
            var weights = 0.0
            let sentenceScores = sentiment.score(unit: unit).sentences
            let predicateStems = motion.predicateStems
            for index in unit.sentences.indices where attack == nil {
                let range = unit.sentences[index].tokens
                let mentions = motion.targetForms.contains { form in Self.contains(Array(folded[range]), form) }
                if let negated = negatedClaim(in: unit, sentence: range, stems: predicateStems) {
                    evidence.append(Evidence(tokens: unit.tokens[negated], in: unit, cue: "negates-motion", weight: -0.8))
                    score -= 0.8
                    continue
                }
                var value = sentenceScores[index].score
                let cues = sentenceScores[index].evidence
                if sarcasm != nil {
                    // Mockery turns the praise into criticism; the marker's own scorn ("yeah right") is the same
                    // criticism, so it does not cancel the praise it turns.
                    let praise = cues.filter { ($0.cue == "lexicon" || $0.cue == "idiom") && ($0.weight ?? 0) > 0 }.reduce(0) { $0 + ($1.weight ?? 0) }
                    if praise > 0 { value = -sentiment.compound(praise) }
                }
                let weight = mentions ? 1.0 : 0.4
                weighted += value * weight
                weights += weight
                if value != 0 {
                    evidence += cues.filter { $0.cue == "lexicon" || $0.cue == "idiom" || $0.cue == "negation" }.map {
                        var cue = $0
                        cue.cue = mentions ? "sentiment-toward-target" : "sentiment"
                        return cue
                    }
                }
            }
            // Where the motion's predicate is negative ("a failed experiment"), warmth toward the target argues
            // against it: the sign flips. Elsewhere the argument lean below weighs the sentiment (its weights were
            // fit with it; counting it here too would count it twice).
            towardTarget = weights == 0 ? 0 : weighted / weights
            if motion.predicateIsNegative { score -= towardTarget * 1.2 }

            // 1b. How the argument leans: denials argue against a proposition, warmth for it (when the motion
            // reads well); log-odds from weights fit on other debates, whose motions affirm something. A motion
            // whose predicate is negative is argued for by denying its target's virtues ("GPs have no real say"),
            // so there the flipped sentiment above speaks instead.
            if attack == nil, !motion.predicateIsNegative,
                let signals = StanceArgumentLean.meanSignals(
                    of: unit, sentenceScores: sentenceScores.map(\.score), motionIsNegative: motion.isNegative, engine: sentiment)
            {
                let lean = argumentLean.logOdds(signals.values) * Self.argumentLeanWeight
                score += lean
                evidence.append(Evidence(text: "argument lean (tone and denials)", start: 0, end: 0, cue: "argument-lean", weight: Evidence.rounded(lean)))
                for negator in signals.negators.prefix(3) {
                    let denial = Evidence.rounded(argumentLean.denialWeight * Self.argumentLeanWeight * negator.share)
                    evidence.append(Evidence(tokens: unit.tokens[negator.token...negator.token], in: unit, cue: "denial", weight: denial))
                }
            }
        }

        // 2. Similarity to each side's argument.
        if let debate = document.document.debate {
            let mine = bag(unit.tokens)
            var similarity: [Side: Double] = [:]
            for side in debate.sides {
                if let section = document.unit(side.unit) { similarity[side.side] = Self.cosine(mine, bag(section.tokens)) }
            }
            if let yes = similarity[.yes], let no = similarity[.no], abs(yes - no) > 0.01 {
                let lean = (yes - no) * 3
                score += lean
                evidence.append(Evidence(text: "closer to the \(yes > no ? "YES" : "NO") side's wording", start: 0, end: 0, cue: "similarity", weight: lean))
            }
        }

        // 3. Explicit cues: yes/no answers, agreeing or disagreeing with the parent.
        let opening = unit.tokens.prefix(3).map(\.folded)
        if let first = opening.first, unit.unit.replyTo == nil {
            if cues.answerYes.contains(first) {
                score += 0.8
                evidence.append(Evidence(tokens: unit.tokens.prefix(1), in: unit, cue: "answers-yes", weight: 0.8))
            } else if cues.answerNo.contains(first), opening.count > 1, opening[1] == "." || opening[1] == "," || opening[1] == "!" {
                score -= 0.8
                evidence.append(Evidence(tokens: unit.tokens.prefix(1), in: unit, cue: "answers-no", weight: -0.8))
            }
        }
        let parent = unit.unit.replyTo.flatMap { earlier[$0] }
        if let parent {
            var relation = 0.3
            var cueEvidence: Evidence?
            if let attack {
                relation = -0.6
                cueEvidence = Evidence(text: attack.text, start: attack.start, end: attack.end, cue: "attacks-commenter")
            } else if let found = firstPhrase(cues.agreeWithParent, in: unit, lowered) {
                relation = 1
                cueEvidence = found
            } else if let found = firstPhrase(cues.disagreeWithParent, in: unit, lowered) {
                relation = -1
                cueEvidence = found
            } else if let first = opening.first, opening.count > 1, [".", ",", "!"].contains(opening[1]),
                cues.answerYes.contains(first) || cues.answerNo.contains(first)
            {
                // "Yes, …" or "No." at the start of a reply answers the comment it replies to.
                relation = cues.answerYes.contains(first) ? 1 : -1
                cueEvidence = Evidence(tokens: unit.tokens.prefix(1), in: unit, cue: "phrase")
            }
            // A reply that says neither: how replies that agree and replies that disagree are written, learnt
            // on forum threads.
            var learnt: ReplyRelation?
            if cueEvidence == nil, let replyModel, let replyFeatures, let parentID = unit.unit.replyTo, let parentUnit = document.unit(parentID) {
                let read = ReplyRelation(model: replyModel, input: replyFeatures.features(of: unit, parent: parentUnit))
                relation = read.relation
                learnt = read
            }
            // A parent that takes a side counts as that side at least `parentSideFloor` strong: a reader who
            // answers "I agree" agrees with the side the comment argues, however weakly the model read it.
            let parentLean = parent.label == "none" ? parent.score : (parent.score < 0 ? -1 : 1) * max(abs(parent.score), Self.parentSideFloor)
            let lean = parentLean * relation
            score += lean
            if let cueEvidence {
                let cue = cueEvidence.cue == "attacks-commenter" ? cueEvidence.cue : relation > 0 ? "agrees-with-parent" : "disagrees-with-parent"
                evidence.append(Evidence(text: cueEvidence.text, start: cueEvidence.start, end: cueEvidence.end, cue: cue, weight: lean))
            } else if let learnt {
                let chance = learnt.label == "disagree" ? learnt.chanceOfDisagreeing : 1 - learnt.chanceOfDisagreeing
                let reasons = learnt.reasons.map { $0.feature }.joined(separator: ", ")
                evidence.append(
                    Evidence(
                        text: "reply relation (learnt): \(learnt.label)s with its parent, chance \(String(format: "%.2f", chance))\(reasons.isEmpty ? "" : " (" + reasons + ")")",
                        start: 0, end: 0, cue: "reply-relation", weight: lean))
            }
            evidence.append(Evidence(text: "replies to \(unit.unit.replyTo ?? "") (\(parent.label))", start: 0, end: 0, cue: "parent", weight: lean))
        } else if let found = firstPhrase(cues.agreeWithParent.filter { $0.count > 4 }, in: unit, lowered), unit.unit.type == .comment {
            evidence.append(Evidence(text: found.text, start: found.start, end: found.end, cue: "agreement"))
        }

        // 4. Off-topic notes (corrections, asides) with nothing said about the target take no side.
        let wordCount = unit.tokens.filter(\.isWordLike).count
        if let aside = firstPhrase(cues.offTopic, in: unit, lowered), wordCount < 25, abs(towardTarget) < 0.3, parent == nil || Self.firstPhrase(["should be"], in: unit, lowered: lowered) != nil {
            evidence.insert(Evidence(text: aside.text, start: aside.start, end: aside.end, cue: "off-topic"), at: 0)
            return UnitResult(label: "none", target: motion.text, confidence: 0.7, score: 0, evidence: evidence)
        }
        // 5. A reply that opens by thanking the person it answers (in its first sentence, within its first
        // three words), with no cue of agreeing or disagreeing, talks to that person and takes no side.
        if parent != nil, let thanks = cues.thanks, let opening = unit.sentences.first,
            let found = firstPhrase(thanks, in: unit, lowered), found.end <= (unit.tokens[opening.tokens].last?.end ?? 0),
            unit.tokens.count(where: { $0.isWordLike && $0.end <= found.start }) <= 2,
            !evidence.contains(where: { ["agrees-with-parent", "disagrees-with-parent", "attacks-commenter", "answers-yes", "answers-no"].contains($0.cue) })
        {
            evidence.insert(Evidence(text: found.text, start: found.start, end: found.end, cue: "thanks"), at: 0)
            return UnitResult(label: "none", target: motion.text, confidence: 0.7, score: 0, evidence: evidence)
        }

        // 6. A short unit that only asks takes no side ("Does anyone know when the board meets?"); a question
        // that answers itself or sides with a parent has said so above.
        let asksOnly = !unit.sentences.isEmpty && unit.sentences.allSatisfy { Self.asks($0, in: unit) }
        if asksOnly, wordCount < 30, !evidence.contains(where: { ["answers-yes", "answers-no", "agrees-with-parent", "disagrees-with-parent", "sarcasm"].contains($0.cue) }) {
            evidence.insert(Evidence(text: "only asks", start: 0, end: 0, cue: "question"), at: 0)
            return UnitResult(label: "none", target: motion.text, confidence: 0.7, score: 0, evidence: evidence)
        }
        let rounded = Evidence.rounded(score)
        let label = rounded > 0.15 ? "favor" : rounded < -0.15 ? "against" : "none"
        let confidence = calibration?.confidence(label: label, score: rounded)
            ?? (label == "none" ? 1 - abs(rounded) / 0.3 : abs(rounded) / (abs(rounded) + 0.5))
        return UnitResult(label: label, target: motion.text, confidence: Evidence.rounded(min(0.99, max(0.05, confidence))), score: rounded, evidence: evidence)
    }

    /// How much the learnt lean counts for a lone text that names neither the target nor the action. Chosen
    /// on VAST dev and TweetEval's val split together (docs/stance.md, "Texts that do not name the target"):
    /// 0.15 gave the best macro-F1 on the tweets and raised VAST's; lower shares help VAST, whose neutral
    /// items pair comments with topics they never name, and cost tweets that argue about a target without
    /// naming it.
    static let unnamedTargetShare = 0.15

    /// How strongly a sentence's feeling about the action itself ("The ban has emptied the shops") counts,
    /// per unit of its sentiment, and at most. Held-out sets hardly contain such sentences (docs/stance.md,
    /// "Sentences about the action"); 3 is the smallest that turns a mild complaint about the ban ("emptied
    /// the shops") against the learnt lean.
    static let actionJudgementWeight = 3.0
    static let actionJudgementCap = 3.0

    /// How many motions the corpus summary tallies one by one: a debate crawl's thousand most argued
    /// (the HTML page and `ccgtext summary` show a table per motion).
    public static let listedMotions = 1000

    /// How many of a learnt model's strongest features a label lists as evidence: past five, the cues of a
    /// comment weigh a tenth of the first and made most of the report's bytes (docs/performance.md).
    static let modelCuesShown = 5

    /// How much the learnt lean counts for a reply that names neither the target nor the action. The model
    /// learnt from arguments that stand alone, where a denial is about the target; in a reply it is about
    /// the comment answered. No labelled threads here say otherwise (the sample debate's 24 units give 18
    /// right at 0, 0.15 and 0.3), so the reply is read through its relation alone.
    static let unnamedTargetReplyShare = 0.0

    /// How strong a parent's side counts at least, in log-odds, for a reply that agrees or disagrees with it.
    static let parentSideFloor = 1.0

    /// How far mockery of the target leans on its own (log-odds, as the learnt lean).
    static let mockeryWeight = 0.5

    /// Quotes and brackets that may close a sentence after its final mark.
    static let closers: Set<String> = ["\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{BB}"]

    /// Whether a sentence asks: its last mark, past any closing quotes and brackets, holds a "?".
    static func asks(_ sentence: Sentence, in unit: TokenizedUnit) -> Bool {
        sentence.tokens.reversed().first { !closers.contains(unit.tokens[$0].text) }.map { unit.tokens[$0].text.contains("?") } ?? false
    }

    /// The learnt model's file in the lexicon folder.
    public static let motionModelPath = "stance/motion-model.en.json"

    /// How much the argument lean counts beside the other rules (its log-odds are scaled by this).
    static let argumentLeanWeight = 1.0

    /// Tokens from a negator to a predicate word it governs (at most five words before it, same sentence),
    /// when the sentence has one: "don't think CCGs were a failed", "not a failure".
    private func negatedClaim(in unit: TokenizedUnit, sentence: Range<Int>, stems: [String]) -> ClosedRange<Int>? {
        guard !stems.isEmpty else { return nil }
        for index in sentence where unit.tokens[index].isWordLike && stems.contains(where: { unit.tokens[index].folded.hasPrefix($0) }) {
            var words = 0
            var cursor = index - 1
            while cursor >= sentence.lowerBound, words < 6 {
                if unit.tokens[cursor].isWordLike {
                    words += 1
                    if sentiment.isNegator(unit.tokens[cursor].folded) { return cursor...index }
                }
                cursor -= 1
            }
        }
        return nil
    }

    /// Praise set off by punctuation on both sides (a sentence's start counts), with a follower ("another",
    /// "more") within the next three words: "Great, another reorganisation nobody asked for." Praise inside a
    /// clause ("this is great, another win") is not set off.
    private func sarcasticOpening(in unit: TokenizedUnit) -> Evidence? {
        guard let openers = cues.sarcasticOpeners, let followers = cues.sarcasticFollowers else { return nil }
        for sentence in unit.sentences {
            for first in sentence.tokens where openers.contains(unit.tokens[first].folded) {
                guard first == sentence.tokens.lowerBound || !unit.tokens[first - 1].isWordLike,
                    first + 1 < unit.tokens.count, !unit.tokens[first + 1].isWordLike,
                    let found = follower(after: first, in: unit, followers: followers)
                else { continue }
                return Evidence(tokens: unit.tokens[first...found], in: unit, cue: "phrase")
            }
        }
        return nil
    }

    /// The first of `followers` among the three words after `position`.
    private func follower(after position: Int, in unit: TokenizedUnit, followers: [String]) -> Int? {
        var seen = 0
        var index = position + 1
        while index < unit.tokens.count, seen < 3 {
            if unit.tokens[index].isWordLike {
                seen += 1
                if followers.contains(unit.tokens[index].folded) { return index }
            }
            index += 1
        }
        return nil
    }

    /// The first cue phrase present in the unit, as evidence over its tokens; `lowered` is the unit's text
    /// lowercased as scalars, made once per unit (every cue list is searched in it).
    private func firstPhrase(_ phrases: [String], in unit: TokenizedUnit, _ lowered: [Unicode.Scalar]) -> Evidence? {
        Self.firstPhrase(phrases, in: unit, lowered: lowered)
    }

    /// The unit's text lowercased, as the phrase search reads it.
    /// `Array(text.lowercased().unicodeScalars)` in one pass, without the lowered String between: ASCII
    /// letters by arithmetic, other scalars by their lower-case mapping, as `lowercased()` maps them.
    static func lowered(_ unit: TokenizedUnit) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(unit.unit.text.utf8.count)
        for scalar in unit.unit.text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                scalars.append(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : scalar)
            } else {
                scalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return scalars
    }

    /// The first of `phrases` (lowercase) found in the unit's text as whole words, in the order given. A
    /// plain scan of the scalars: Foundation's `range(of:)`, called for every cue list on every unit, was a
    /// sixth of a whole analysis.
    static func firstPhrase(_ phrases: [String], in unit: TokenizedUnit, lowered: [Unicode.Scalar]? = nil) -> Evidence? {
        let scalars = lowered ?? Self.lowered(unit)
        // One scan of the text for all the phrases (a long article and a cue list of fifty phrases made fifty
        // scans): at each position, the phrases that start with its scalar. The answer is still the first
        // phrase of the list that is found anywhere, at its first place.
        let needles = phrases.map { Array($0.unicodeScalars) }
        // By first scalar: a table for ASCII (a lookup per position of the text), a dictionary for the rest.
        var byASCII = [[Int]](repeating: [], count: 128)
        var byOther: [Unicode.Scalar: [Int]] = [:]
        var any = false
        for (index, needle) in needles.enumerated() where !needle.isEmpty && needle.count <= scalars.count {
            any = true
            if needle[0].value < 128 { byASCII[Int(needle[0].value)].append(index) } else { byOther[needle[0], default: []].append(index) }
        }
        guard any else { return nil }
        let noCandidates: [Int] = []
        var best: (phrase: Int, start: Int, end: Int)?
        for start in scalars.indices {
            let value = scalars[start].value
            let candidates = value < 128 ? byASCII[Int(value)] : byOther.isEmpty ? noCandidates : byOther[scalars[start]] ?? noCandidates
            for index in candidates where index < (best?.phrase ?? Int.max) {
                let needle = needles[index]
                let end = start + needle.count
                guard end <= scalars.count, (1..<needle.count).allSatisfy({ scalars[start + $0] == needle[$0] }) else { continue }
                // Whole words only: "as always" inside "has always" is passed over for a later one.
                let before = start == 0 || !(scalars[start - 1].properties.isAlphabetic)
                let after = end >= scalars.count || !(scalars[end].properties.isAlphabetic)
                if before && after { best = (index, start, end) }
            }
            if best?.phrase == 0 { break }
        }
        guard let best else { return nil }
        return Evidence(text: unit.text(from: best.start, to: best.end), start: best.start, end: best.end, cue: "phrase")
    }

    private func bag(_ tokens: [Token]) -> [String: Double] {
        var counts: [String: Double] = [:]
        for token in tokens where token.kind == .word && token.folded.count > 2 && !stopwords.contains(token.folded) {
            counts[token.folded, default: 0] += 1
        }
        return counts
    }

    static func cosine(_ a: [String: Double], _ b: [String: Double]) -> Double {
        let dot = a.reduce(0.0) { $0 + $1.value * (b[$1.key] ?? 0) }
        let norm = (a.values.reduce(0) { $0 + $1 * $1 }).squareRoot() * (b.values.reduce(0) { $0 + $1 * $1 }).squareRoot()
        return norm == 0 ? 0 : dot / norm
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    public func summarise(document: TokenizedDocument, results: [UnitResult]) -> DocumentSummary {
        let found = motionText(for: document)
        var summary = DocumentSummary(
            motion: found?.text, motionSource: found?.source, warning: found == nil ? Self.noMotionWarning : nil, all: Tally(), comments: Tally(),
            sides: [], commentsByRole: [:], commentsByDay: [:], commentsByMonth: [:])
        var labelsByUnit: [String: String] = [:]
        for (unit, result) in zip(document.units, results) {
            labelsByUnit[unit.unit.id] = result.label
            summary.all.add(result.label)
            guard unit.unit.type == .comment else { continue }
            summary.comments.add(result.label)
            summary.commentsByRole[unit.unit.role ?? "unknown", default: Tally()].add(result.label)
            if let timestamp = unit.unit.timestamp, timestamp.count >= 10 {
                summary.commentsByDay[String(timestamp.prefix(10)), default: Tally()].add(result.label)
                summary.commentsByMonth[String(timestamp.prefix(7)), default: Tally()].add(result.label)
            }
        }
        for side in (document.document.debate?.sides ?? []).sorted(by: { ($0.side == .yes ? 0 : 1, $0.unit) < ($1.side == .yes ? 0 : 1, $1.unit) }) {
            let label = labelsByUnit[side.unit] ?? (side.side == .yes ? "favor" : "against")
            let backing = side.side == .yes ? summary.comments.favor : summary.comments.against
            summary.sides.append(SideSummary(side: side.side.rawValue, author: side.author, label: label, commentsBacking: backing))
        }
        return summary
    }

    /// Two passes: the first counts each motion's documents and units (a few dozen bytes a motion), the
    /// second tallies the listed ones in full. A crawl of debate pages has a motion per page, and a
    /// tally of each, with its sides and months, made the corpus summary the largest thing a run held.
    public func summarise(corpus: DocumentSummaries<DocumentSummary>) -> CorpusSummary {
        // Keyed by a 64-bit hash of the motion, not the text: two motions that collided would only share
        // this count, which picks the listed ones; their tallies below are by text.
        var sizes: [UInt64: (documents: Int32, units: Int32)] = [:]
        for summary in corpus {
            guard let motion = summary.motion else { continue }
            let size = sizes[Self.motionKey(motion)] ?? (0, 0)
            sizes[Self.motionKey(motion)] = (size.documents &+ 1, size.units &+ Int32(clamping: summary.all.favor + summary.all.against + summary.all.none))
        }
        let listed: Set<UInt64>?
        if sizes.count > Self.listedMotions {
            listed = Set(sizes.sorted { lhs, rhs in
                lhs.value.documents != rhs.value.documents ? lhs.value.documents > rhs.value.documents
                    : lhs.value.units != rhs.value.units ? lhs.value.units > rhs.value.units : lhs.key < rhs.key
            }.prefix(Self.listedMotions).map(\.key))
        } else {
            listed = nil
        }
        var motions: [String: MotionTally] = [:]
        var corpusSummary = CorpusSummary(motions: [], all: Tally(), comments: Tally(), commentsByRole: [:], commentsByMonth: [:])
        for summary in corpus {
            corpusSummary.all.merge(summary.all)
            corpusSummary.comments.merge(summary.comments)
            for (role, tally) in summary.commentsByRole { corpusSummary.commentsByRole[role, default: Tally()].merge(tally) }
            for (month, tally) in summary.commentsByMonth { corpusSummary.commentsByMonth[month, default: Tally()].merge(tally) }
            guard let motion = summary.motion else {
                corpusSummary.documentsWithoutMotion = (corpusSummary.documentsWithoutMotion ?? 0) + 1
                continue
            }
            if let listed, !listed.contains(Self.motionKey(motion)) {
                corpusSummary.documentsInMotionsNotListed = (corpusSummary.documentsInMotionsNotListed ?? 0) + 1
                continue
            }
            var tally = motions[motion]
                ?? MotionTally(
                    motion: motion, source: summary.motionSource, documents: 0, all: Tally(), comments: Tally(), sides: [], commentsByRole: [:],
                    commentsByMonth: [:])
            tally.documents += 1
            tally.all.merge(summary.all)
            tally.comments.merge(summary.comments)
            tally.sides += summary.sides
            for (role, roleTally) in summary.commentsByRole { tally.commentsByRole[role, default: Tally()].merge(roleTally) }
            for (month, monthTally) in summary.commentsByMonth { tally.commentsByMonth[month, default: Tally()].merge(monthTally) }
            motions[motion] = tally
        }
        corpusSummary.motions = motions.values.sorted { $0.motion < $1.motion }
        if listed != nil { corpusSummary.motionsNotListed = sizes.count - motions.count }
        return corpusSummary
    }

    /// FNV-1a over the motion's UTF-8: the same in every run, shard and merge.
    static func motionKey(_ motion: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in motion.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
