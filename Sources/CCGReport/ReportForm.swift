import CCGModel

/// How a report is written: its layout and how much evidence each label keeps. Recorded in
/// `run.config.report`, so that the parts of a sharded run must agree on it and a merge writes the form
/// they were written in.
///
/// A crawl's report was 11–32 times its input when every entry was pretty-printed and every evidence
/// item repeated the words of its span; the default now writes one line and points at spans by their
/// offsets alone. Nothing an analyst reads is lost: the readers here (`export`, `explain`) put the words
/// back from the unit's text.
public struct ReportForm: Sendable, Equatable {
    public enum EvidenceLevel: String, Sendable, CaseIterable {
        /// Every cue an analyser gives.
        case full
        /// The three cues of each label that weigh most: why, in brief, for batch jobs.
        case labels
        /// Labels without their evidence (stance summaries over a crawl).
        case none
    }

    /// Indented JSON, one member per line (for reading a small report in an editor); compact otherwise.
    public var pretty: Bool
    public var evidence: EvidenceLevel

    public init(pretty: Bool = false, evidence: EvidenceLevel = .full) {
        self.pretty = pretty
        self.evidence = evidence
    }

    public static let `default` = ReportForm()

    /// How many cues `labels` keeps per label.
    public static let cuesPerLabel = 3

    /// As recorded in `run.config.report`.
    public var json: JSONValue {
        .object(["pretty": .bool(pretty), "evidence": .string(evidence.rawValue)])
    }

    /// The form a report recorded; the default for reports written before it was recorded.
    public init(recorded: JSONValue?) {
        self.init(
            pretty: recorded?["pretty"].flatMap { if case .bool(let flag) = $0 { flag } else { nil } } ?? false,
            evidence: recorded?["evidence"]?.stringValue.flatMap(EvidenceLevel.init(rawValue:)) ?? .full)
    }

    /// One unit's analyses as the report keeps them: evidence cut to the level, and the words of a span
    /// left out when they are exactly the unit's text between its offsets (a reader restores them with
    /// `EvidenceSpans.restore`). Anything else an analyser wrote is kept as it is.
    public func unitAnalyses(_ analyses: [String: JSONValue], text: String) -> [String: JSONValue] {
        var scalars: [Unicode.Scalar]?
        var result = analyses
        for (analyser, value) in analyses {
            guard case .object(var fields) = value, case .array(let items)? = fields["evidence"] else { continue }
            switch evidence {
            case .none:
                fields["evidence"] = nil
            case .full, .labels:
                var kept = items
                if evidence == .labels && kept.count > Self.cuesPerLabel {
                    // The strongest by |weight|, in the order the analyser gave them; ties keep that order.
                    let strongest = kept.indices.sorted { lhs, rhs in
                        let (a, b) = (abs(kept[lhs]["weight"]?.numberValue ?? 0), abs(kept[rhs]["weight"]?.numberValue ?? 0))
                        return a != b ? a > b : lhs < rhs
                    }.prefix(Self.cuesPerLabel).sorted()
                    kept = strongest.map { kept[$0] }
                }
                fields["evidence"] = .array(kept.map { item in
                    guard case .object(var members) = item, let words = members["text"]?.stringValue,
                        let start = members["start"]?.numberValue.flatMap(Int.init(exactly:)),
                        let end = members["end"]?.numberValue.flatMap(Int.init(exactly:)), start < end
                    else { return item }
                    if scalars == nil { scalars = Array(text.unicodeScalars) }
                    guard let all = scalars, end <= all.count, EvidenceSpans.equals(words, all[start..<end]) else { return item }
                    members["text"] = nil
                    return .object(members)
                })
            }
            result[analyser] = .object(fields)
        }
        return result
    }
}

/// Evidence items that point at a span of their unit's text by offsets alone (`ReportForm`).
public enum EvidenceSpans {
    /// `entry` (one document of a report) with the words put back into every evidence item that has a
    /// span and no `text`: the entry as the analysers made it.
    public static func restore(_ entry: JSONValue) -> JSONValue {
        guard case .object(var document) = entry, case .array(let units)? = document["units"] else { return entry }
        document["units"] = .array(units.map(restore(unit:)))
        return .object(document)
    }

    /// One unit with its evidence's words put back.
    public static func restore(unit: JSONValue) -> JSONValue {
        guard case .object(var fields) = unit, case .object(let analyses)? = fields["analyses"], let text = fields["text"]?.stringValue else { return unit }
        var scalars: [Unicode.Scalar]?
        var restored = analyses
        for (analyser, value) in analyses {
            guard case .object(var result) = value, case .array(let items)? = result["evidence"],
                items.contains(where: { $0["text"] == nil })
            else { continue }
            if scalars == nil { scalars = Array(text.unicodeScalars) }
            let all = scalars ?? []
            result["evidence"] = .array(items.map { item in
                guard case .object(var members) = item, members["text"] == nil,
                    let start = members["start"]?.numberValue.flatMap(Int.init(exactly:)),
                    let end = members["end"]?.numberValue.flatMap(Int.init(exactly:)), 0 <= start, start < end, end <= all.count
                else { return item }
                var words = String.UnicodeScalarView()
                words.append(contentsOf: all[start..<end])
                members["text"] = .string(String(words))
                return .object(members)
            })
            restored[analyser] = .object(result)
        }
        fields["analyses"] = .object(restored)
        return .object(fields)
    }

    /// Whether `words` is exactly `span`, scalar for scalar.
    static func equals(_ words: String, _ span: ArraySlice<Unicode.Scalar>) -> Bool {
        var index = span.startIndex
        for scalar in words.unicodeScalars {
            guard index < span.endIndex, span[index] == scalar else { return false }
            index += 1
        }
        return index == span.endIndex
    }
}
