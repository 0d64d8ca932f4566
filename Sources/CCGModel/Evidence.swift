/// One reason behind an analyser's decision, pointing into the unit's text.
///
/// Offsets are Unicode scalar offsets into the unit's `text` (see `Token`); `start == end` marks a cue
/// that is not a span of this text (for example "the parent comment was against").
public struct Evidence: Sendable, Equatable, Codable {
    public var text: String
    public var start: Int
    public var end: Int
    /// The rule or source that produced this cue ("lexicon", "negation", "booster", "side-marker", …).
    public var cue: String
    /// How much this cue moved the result, in the analyser's own units.
    public var weight: Double?

    public init(text: String, start: Int, end: Int, cue: String, weight: Double? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.cue = cue
        self.weight = weight.map(Evidence.rounded)
    }

    /// Evidence for the token range `[first, last]` of a unit.
    public init(tokens: ArraySlice<Token>, in unit: TokenizedUnit, cue: String, weight: Double? = nil) {
        let start = tokens.first?.start ?? 0
        let end = tokens.last?.end ?? start
        let text: String
        if let first = tokens.first, let last = tokens.last {
            text = tokens.count == 1 ? first.text : unit.text(from: first, to: last)
        } else {
            text = ""
        }
        self.init(text: text, start: start, end: end, cue: cue, weight: weight)
    }

    /// Four decimals: enough for people, and stable bytes across platforms.
    public static func rounded(_ value: Double) -> Double {
        // Past 1e304 the scaling would overflow; a number that large has no decimals to round anyway.
        let scaled = value * 10_000
        return scaled.isFinite ? scaled.rounded() / 10_000 : value
    }
}
