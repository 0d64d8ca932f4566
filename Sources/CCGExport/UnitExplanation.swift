import CCGModel
import CCGReport

/// A unit of a report explained for a terminal: its text with each analyser's evidence marked, then each
/// analyser's decision with its confidence and the cues behind it, numbered as in the text.
///
/// In colour (a terminal), sentiment words are shown on blue (positive) or yellow (negative), stance cues
/// bold and underlined, theme terms green; without colour, a marked stretch is written `[stretch]` and
/// both forms follow it with the numbers of its cues, `{1,4}`.
public struct UnitExplanation {
    public var document: JSONValue
    public var unit: JSONValue

    public init(document: JSONValue, unit: JSONValue) {
        self.document = document
        self.unit = unit
    }

    /// Finds `key` in a report: `<document id>/<unit id>` or `<source path>/<unit id>`.
    /// The report is read one document at a time, up to the one that holds the unit.
    public static func find(_ key: String, in report: ReportReader) throws -> UnitExplanation? {
        guard let slash = key.lastIndex(of: "/") else { return nil }
        let documentKey = String(key[..<slash]), unitID = String(key[key.index(after: slash)...])
        var found: UnitExplanation?
        try report.forEachDocument { document in
            guard document["id"]?.stringValue == documentKey || document["source"]?.stringValue == documentKey,
                let unit = document["units"]?.arrayValue?.first(where: { $0["id"]?.stringValue == unitID })
            else { return true }
            found = UnitExplanation(document: document, unit: EvidenceSpans.restore(unit: unit))
            return false
        }
        return found
    }

    public func render(colour: Bool) -> String {
        let row = UnitRow(document: document, unit: unit, position: 0)
        let style = Style(colour: colour)
        // Every piece of a document or of an analyser's result is printed through TerminalText.safe, so that
        // only the styles below can reach the terminal as escapes.
        let safe = TerminalText.safe
        var output = style.bold(safe(row.key)) + "  \(safe(document["title"]?.stringValue ?? row.source))\n"
        var facts = ["source \(row.source)", row.type + (row.side.map { " (\($0.uppercased()) side)" } ?? "")]
        if let author = row.author { facts.append("by \(author)" + (row.role.map { ", \($0)" } ?? "")) }
        if let timestamp = row.timestamp { facts.append(timestamp) }
        if let replyTo = row.replyTo { facts.append("reply to \(replyTo)") }
        if let motion = document["debate"]?["motion"]?.stringValue { facts.append("motion “\(motion)”") }
        output += safe(facts.joined(separator: " · ")) + "\n\n"

        let marks = EvidenceMarkup.marks(in: unit)
        var numbers: [String: Int] = [:]
        var numbered: [EvidenceMark] = []
        func number(_ mark: EvidenceMark) -> Int {
            let key = Self.identity(mark)
            if let known = numbers[key] { return known }
            numbered.append(mark)
            numbers[key] = numbered.count
            return numbered.count
        }
        let segments = EvidenceMarkup.segments(of: row.text, marks: marks)
        for (index, segment) in segments.enumerated() {
            guard !segment.marks.isEmpty else {
                output += safe(segment.text)
                continue
            }
            // A cue's number is written once, after the last stretch it covers.
            let next = index + 1 < segments.count ? segments[index + 1].marks : []
            let ending = segment.marks.filter { mark in !next.contains(mark) }
            let labels = ending.map { String(number($0)) }
            output += style.mark(safe(segment.text), marks: segment.marks) + (labels.isEmpty ? "" : style.dim("{\(labels.joined(separator: ","))}"))
        }
        output += "\n\n"

        let cuesByAnalyser = Dictionary(grouping: EvidenceMarkup.cues(in: unit), by: \.analyser)
        for (analyser, result) in (unit["analyses"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            output += style.bold(safe(analyser)) + ": " + safe(Self.decision(result)) + "\n"
            for mark in cuesByAnalyser[analyser] ?? [] {
                let isSpan = mark.end > mark.start
                let reference = isSpan ? numbers[Self.identity(mark)].map { "{\($0)} " } ?? "" : ""
                output += safe("  \(reference)\(mark.cue)" + (mark.weight.map { " \(NumberText.format($0))" } ?? "")
                    + (mark.text.isEmpty ? "" : ": “\(mark.text)”") + (isSpan ? " at \(mark.start)–\(mark.end)" : "")) + "\n"
            }
        }
        return output
    }

    /// A cue as the numbering knows it: the same analyser, rule and span is one cue.
    private static func identity(_ mark: EvidenceMark) -> String { "\(mark.analyser)\u{0}\(mark.cue)\u{0}\(mark.start)\u{0}\(mark.end)" }

    /// The decision in one line: label, score, confidence, target, and the scalar fields an analyser adds.
    static func decision(_ result: JSONValue) -> String {
        guard let fields = result.objectValue else { return result.scalarText ?? "" }
        var parts: [String] = []
        if let label = fields["label"]?.scalarText { parts.append(label) }
        if let score = fields["score"]?.numberValue { parts.append("score \(NumberText.format(score))") }
        if let confidence = fields["confidence"]?.numberValue { parts.append("confidence \(NumberText.format(confidence))") }
        if let target = fields["target"]?.stringValue { parts.append("toward “\(target)”") }
        if let themes = fields["themes"]?.arrayValue, !themes.isEmpty {
            parts.append("themes " + themes.compactMap { theme in theme["id"]?.stringValue.map { "\($0) \(NumberText.format(theme["score"]?.numberValue ?? 0))" } }.joined(separator: ", "))
        }
        let shown: Set<String> = ["label", "score", "confidence", "target", "themes", "evidence"]
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where !shown.contains(key) {
            if let text = value.scalarText { parts.append("\(key) \(text)") }
        }
        return parts.isEmpty ? "(no decision)" : parts.joined(separator: ", ")
    }

    /// ANSI styles, or plain brackets.
    struct Style {
        var colour: Bool

        func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
        func dim(_ text: String) -> String { colour ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

        func mark(_ text: String, marks: [EvidenceMark]) -> String {
            guard colour else { return "[\(text)]" }
            var codes: [String] = []
            for mark in marks {
                switch mark.analyser {
                case "sentiment":
                    if let weight = mark.weight, weight != 0 { codes.append(weight > 0 ? "44;97" : "43;30") } else { codes.append("4") }
                case "stance": codes.append("1;4")
                case "themes": codes.append("32")
                default: codes.append("35")
                }
            }
            return "\u{1B}[\(codes.joined(separator: ";"))m\(text)\u{1B}[0m"
        }
    }
}
