import CCGModel
import Foundation

/// The themes part of `ccgtext summary`: for each debate, what each side talks about (its themes by term
/// matches) and the phrases that set it apart from the other side (G²); then the themes of comments by
/// their stance, counted from the report's units.
///
/// Documents are added one at a time as the report is read (`ReportReader`); only the lines are kept.
struct ThemesSummaryTable {
    private var lines: [String] = []

    /// How many themes and phrases a line shows.
    static let shown = 5

    mutating func add(document: JSONValue) {
        guard let motion = document["debate"]?["motion"]?.stringValue,
            let sides = document["analyses"]?["themes"]?["sides"]?.objectValue, !sides.isEmpty
        else { return }
        lines.append("")
        lines.append("Themes by side: “\(motion)” (\(document["source"]?.stringValue ?? ""))")
        for side in sides.keys.sorted(by: >) {
            guard let group = sides[side] else { continue }
            lines.append("  \(side.uppercased()): talks about \(Self.topThemes(group["themes"]?.objectValue ?? [:]))")
            let distinctive = (group["distinctive"]?.arrayValue ?? []).prefix(Self.shown).map { phrase in
                "\(phrase["text"]?.stringValue ?? "") (\((phrase["count"]?.numberValue ?? 0).saturatingInt) vs \((phrase["otherCount"]?.numberValue ?? 0).saturatingInt))"
            }
            lines.append("       distinctive: \(distinctive.isEmpty ? "nothing stands out" : distinctive.joined(separator: ", "))")
        }
        var byStance: [String: [String: Int]] = [:]
        var comments: [String: Int] = [:]
        for unit in document["units"]?.arrayValue ?? [] where unit["type"]?.stringValue == "comment" {
            guard let label = unit["analyses"]?["stance"]?["label"]?.stringValue else { continue }
            comments[label, default: 0] += 1
            for theme in unit["analyses"]?["themes"]?["themes"]?.arrayValue ?? [] {
                guard let id = theme["id"]?.stringValue else { continue }
                byStance[label, default: [:]][id, default: 0] += (theme["matches"]?.numberValue ?? 0).saturatingInt
            }
        }
        if !comments.isEmpty {
            lines.append("  Comments by stance:")
            for label in ["favor", "against", "none"] where comments[label] != nil {
                lines.append("    \(label) (\(comments[label] ?? 0)): \(Self.topThemes(byStance[label] ?? [:]))")
            }
        }
    }

    var text: String {
        lines.isEmpty ? "" : (["Themes (term matches; distinctive phrases by log-likelihood G², counted in this side vs the other side, or vs the rest of the page when there is no other side)"] + lines)
            .joined(separator: "\n")
    }

    static func topThemes(_ counts: [String: JSONValue]) -> String {
        topThemes(counts.compactMapValues { $0.numberValue.map(Int.init) })
    }

    static func topThemes(_ counts: [String: Int]) -> String {
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(shown)
        return top.isEmpty ? "no theme" : top.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
}
