import CCGModel
import Foundation

/// What a motion claims, read from its wording: what it is about (its target words) and which way its YES
/// side leans toward them. "Should cities ban cars from the centre?" is about cars and the centre, and YES
/// opposes them (a ban); "This house would subsidise journalism" is about journalism, and YES supports it.
///
/// The polarity is what makes a reading carry from one motion to the next: a text that is warm toward cars
/// argues against the ban and for "Cars should be allowed in the centre". It is the parity of the opposing
/// actions ("ban", "abolish", "harmful") and negators in the motion, so "should not ban" reads as YES for
/// the target again; rewording a motion keeps the stance of a text unless the rewording negates it.
public struct MotionReading: Sendable, Equatable {
    public var text: String
    /// The first five letters of the motion's content words, the actions left out: a text's word whose
    /// first five letters are one of these mentions the target ("banning" and "banned" share "banni"/"banne"
    /// only partly, so actions are kept apart).
    public var targetStems: Set<String>
    /// The first five letters of the opposing actions the motion names ("ban" → "ban").
    public private(set) var actionStems: Set<String>
    /// The first bytes of the action stems.
    let actionInitials: Set<UInt8>
    /// +1 when YES holds the target good, −1 when YES opposes it.
    public var polarity: Double
    /// The words that set the polarity, for evidence ("ban", "not").
    public var polarityCues: [String]
    /// +1 when YES holds the motion's action good ("ban cars": YES wants the ban), −1 when the motion
    /// negates it ("should not ban cars"), 0 when it names no action: what a text's feeling about the action
    /// itself says about its stance.
    public var actionSupport: Double

    /// How motions are read: framing and function words, opposing actions, negators (lexicons/stance/motion.en.json).
    public struct Lexicon: Decodable, Sendable {
        var framing: [String]
        var opposing: [String]
        var negators: [String]
        /// An opposing word that stops opposing before one of these ("fight for").
        var cancelledBy: [String: [String]]
        public static let path = "stance/motion.en.json"
    }

    /// A word's first five letters once a possessive or plural ending is off ("CCGs" and "CCG's" → "ccg",
    /// "cities" → "city"): enough to match a word's forms across texts without a stemmer per language.
    public static func stem(_ word: String) -> String {
        // Every word of every unit is stemmed: ASCII words take a byte path without `Character`s.
        if let stemmed = word.utf8.withContiguousStorageIfAvailable(asciiStem), let stemmed { return stemmed }
        return characterStem(word)
    }

    /// `characterStem` over the bytes of an ASCII word; nil for any other word.
    private static func asciiStem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        let apostrophe = UInt8(ascii: "'"), s = UInt8(ascii: "s")
        var end = bytes.count
        if end >= 2, bytes[end - 2] == apostrophe, bytes[end - 1] == s { end -= 2 }
        if end > 4, bytes[end - 3] == UInt8(ascii: "i"), bytes[end - 2] == UInt8(ascii: "e"), bytes[end - 1] == s {
            let kept = end - 3
            if kept >= 5 { return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<5]), as: UTF8.self) }
            return String(unsafeUninitializedCapacity: kept + 1) { buffer in
                for index in 0..<kept { buffer[index] = bytes[index] }
                buffer[kept] = UInt8(ascii: "y")
                return kept + 1
            }
        }
        if end > 3, bytes[end - 1] == s, bytes[end - 2] != s { end -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<min(end, 5)]), as: UTF8.self)
    }

    private static func characterStem(_ word: String) -> String {
        var word = Substring(word)
        if word.hasSuffix("'s") || word.hasSuffix("\u{2019}s") { word = word.dropLast(2) }
        if word.count > 4, word.hasSuffix("ies") {
            return String((word.dropLast(3) + "y").prefix(5))
        }
        if word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss") { word = word.dropLast() }
        return String(word.prefix(5))
    }

    /// The motion's words as the reading sees them: lower-cased, split at anything but letters, digits and
    /// apostrophes (curly ones made straight).
    static func words(_ text: String) -> [String] {
        text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
            .split { !($0.isLetter || $0.isNumber || $0 == "'") }
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            .filter { !$0.isEmpty }
    }

    /// Whether a word is one of the motion's actions in some inflection ("banning", "banned", "bans" for
    /// "ban"; "abolished" for "abolish"): the stem of the word, or of the word less an -ing, -ed or -s ending
    /// (a doubled last consonant undone), is an action's.
    public func isAction(_ word: String) -> Bool {
        isAction(word, stem: Self.stem(word))
    }

    /// `isAction(word)` for a word whose stem is known.
    public func isAction(_ word: String, stem: String) -> Bool {
        // Every form tried below keeps the word's first letter: most words are turned away on it.
        guard let first = word.utf8.first, actionInitials.contains(first) else { return false }
        if actionStems.contains(stem) { return true }
        for ending in ["ing", "ed", "s", "d"] where word.count > ending.count + 2 && word.hasSuffix(ending) {
            var base = String(word.dropLast(ending.count))
            if actionStems.contains(Self.stem(base)) { return true }
            if let last = base.last, base.count > 2, base.dropLast().last == last {
                base.removeLast()
                if actionStems.contains(Self.stem(base)) { return true }
            }
        }
        return false
    }

    public init(_ text: String, lexicon: Lexicon) {
        self.text = text
        let words = Self.words(text)
        let framing = Set(lexicon.framing)
        let opposing = Set(lexicon.opposing)
        let negators = Set(lexicon.negators)
        var cues: [String] = []
        var targets: Set<String> = []
        var actions: Set<String> = []
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            if opposing.contains(word) {
                if lexicon.cancelledBy[word]?.contains(next) ?? false { continue }
                cues.append(word)
                actions.insert(Self.stem(word))
            } else if negators.contains(word) || word.hasSuffix("n't") {
                cues.append(word)
            } else if word.count > 2, !framing.contains(word) {
                targets.insert(Self.stem(word))
            }
        }
        targetStems = targets.subtracting(actions)
        actionStems = actions
        actionInitials = Set(actions.compactMap(\.utf8.first))
        polarity = cues.count % 2 == 0 ? 1 : -1
        polarityCues = cues
        let negations = cues.count - cues.count { opposing.contains($0) }
        actionSupport = actions.isEmpty ? 0 : negations % 2 == 0 ? 1 : -1
    }
}
