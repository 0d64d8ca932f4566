import CCGModel

/// One evidence cue of one analyser, pointing into a unit's text (Unicode scalar offsets, as the report
/// gives them).
public struct EvidenceMark: Sendable, Equatable {
    public var analyser: String
    public var cue: String
    public var text: String
    public var start: Int
    public var end: Int
    public var weight: Double?

    /// How the mark reads to a person: "sentiment: lexicon (-1.95)".
    public var explanation: String {
        "\(analyser): \(cue)" + (weight.map { " (\(NumberText.format($0)))" } ?? "")
    }
}

/// A stretch of a unit's text and the marks that cover all of it.
public struct MarkedSegment: Sendable, Equatable {
    public var text: String
    public var marks: [EvidenceMark]
}

/// Cuts a unit's text where evidence starts and ends, so that overlapping cues of several analysers
/// (a word that is both a sentiment word and a stance cue) can be shown together.
public enum EvidenceMarkup {
    /// Every analyser's cues in a unit entry of the report, in analyser order then each analyser's own.
    public static func cues(in unit: JSONValue) -> [EvidenceMark] {
        var marks: [EvidenceMark] = []
        for (analyser, result) in (unit["analyses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            for cue in result["evidence"]?.arrayValue ?? [] {
                marks.append(
                    EvidenceMark(
                        analyser: analyser, cue: cue["cue"]?.stringValue ?? "", text: cue["text"]?.stringValue ?? "",
                        start: cue["start"]?.numberValue.map(\.saturatingInt) ?? 0, end: cue["end"]?.numberValue.map(\.saturatingInt) ?? 0,
                        weight: cue["weight"]?.numberValue))
            }
        }
        return marks
    }

    /// The cues that are spans of the unit's text. Those that are not (`start == end`) are listed with the
    /// decisions instead (`unplacedCues`); spans outside the text are left out.
    public static func marks(in unit: JSONValue) -> [EvidenceMark] {
        let length = unit["text"]?.stringValue?.unicodeScalars.count ?? 0
        return cues(in: unit).filter { $0.start >= 0 && $0.end > $0.start && $0.end <= length }
    }

    /// The cues that are not spans of the text ("the parent comment was against").
    public static func unplacedCues(in unit: JSONValue) -> [EvidenceMark] {
        cues(in: unit).filter { $0.end <= $0.start }
    }

    /// `text` cut at every mark's ends; each segment carries the marks covering it (none for plain text).
    /// Duplicate marks (the same analyser, cue and span) are kept once.
    public static func segments(of text: String, marks: [EvidenceMark]) -> [MarkedSegment] {
        let scalars = Array(text.unicodeScalars)
        struct Identity: Hashable {
            var analyser, cue: String
            var start, end: Int
        }
        var seen = Set<Identity>()
        let unique = marks.filter { seen.insert(Identity(analyser: $0.analyser, cue: $0.cue, start: $0.start, end: $0.end)).inserted }
        var cuts = Set([0, scalars.count])
        for mark in unique {
            cuts.insert(min(mark.start, scalars.count))
            cuts.insert(min(mark.end, scalars.count))
        }
        let boundaries = cuts.sorted()
        // A sweep: marks enter in start order and leave once passed, so a long unit with many cues costs
        // the cues times the few that overlap, not the cues times the segments.
        let byStart = unique.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
        var next = 0
        var active: [(order: Int, mark: EvidenceMark)] = []
        var segments: [MarkedSegment] = []
        for (lower, upper) in zip(boundaries, boundaries.dropFirst()) where upper > lower {
            active.removeAll { $0.mark.end <= lower }
            while next < byStart.count, byStart[next].element.start <= lower {
                if byStart[next].element.end > lower { active.append((byStart[next].offset, byStart[next].element)) }
                next += 1
            }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[lower..<upper])
            segments.append(MarkedSegment(text: String(piece), marks: active.sorted { $0.order < $1.order }.map(\.mark)))
        }
        return segments
    }
}
