/// The stance aggregates of a report as text for people (`ccgtext summary report.json`): the corpus, then
/// each debate with its sides, its comments by author role and by month. Counts come with their share of
/// the row, so "14 (70%)" reads without a calculator.
public struct StanceSummaryTable: Sendable {
    public var summary: StanceAnalyser.CorpusSummary
    public var documents: Int
    public var units: Int

    public init(summary: StanceAnalyser.CorpusSummary, documents: Int, units: Int) {
        self.summary = summary
        self.documents = documents
        self.units = units
    }

    public var text: String {
        var lines = ["Corpus: \(documents) documents, \(units) units", ""]
        lines += table(title: "Stance", rows: [("all units", summary.all), ("comments", summary.comments)])
        if !summary.commentsByRole.isEmpty { lines += [""] + table(title: "Comments by author role", rows: sortedRows(summary.commentsByRole)) }
        if !summary.commentsByMonth.isEmpty {
            lines += [""] + table(title: "Comments by month", rows: summary.commentsByMonth.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        }
        if let missing = summary.documentsWithoutMotion, missing > 0 {
            lines += ["", "No motion found in \(missing) document\(missing == 1 ? "" : "s"): their units are none (nothing to take a side on, not \"takes no side\"); give one with --set stance.target=…"]
        }
        for motion in summary.motions {
            let heading = motion.source == nil || motion.source == "debate" ? "Debate" : "Motion (from the \(motion.source ?? ""))"
            lines += ["", "\(heading): “\(motion.motion)” (\(motion.documents) document\(motion.documents == 1 ? "" : "s"))"]
            var seen = Set<String>()
            for side in motion.sides where seen.insert("\(side.side)|\(side.author ?? "")|\(side.label)").inserted {
                let backing = motion.sides.filter { $0.side == side.side && $0.author == side.author }.map(\.commentsBacking).max() ?? 0
                lines.append("  \(side.side.uppercased().padded(4)) \((side.author ?? "author not shown").padded(28)) \(side.label.padded(8)) comments on its side: \(backing)")
            }
            lines += table(title: "  Stance", rows: [("all units", motion.all), ("comments", motion.comments)], indent: "  ")
            if !motion.commentsByRole.isEmpty {
                lines += table(title: "  Comments by author role", rows: sortedRows(motion.commentsByRole), indent: "  ")
            }
            if !motion.commentsByMonth.isEmpty {
                lines += table(
                    title: "  Comments by month", rows: motion.commentsByMonth.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, indent: "  ")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Rows by total, largest first, then by name: the biggest groups lead.
    private func sortedRows(_ tallies: [String: StanceAnalyser.Tally]) -> [(String, StanceAnalyser.Tally)] {
        tallies.sorted { left, right in
            let (a, b) = (Self.total(left.value), Self.total(right.value))
            return a != b ? a > b : left.key < right.key
        }.map { ($0.key, $0.value) }
    }

    private static func total(_ tally: StanceAnalyser.Tally) -> Int { tally.favor + tally.against + tally.none }

    private func table(title: String, rows: [(String, StanceAnalyser.Tally)], indent: String = "") -> [String] {
        let width = max(24, (rows.map(\.0.count).max() ?? 0) + 2)
        var lines = ["\(title)", "\(indent)  \("".padded(width))\("favor".padded(13))\("against".padded(13))\("none".padded(13))total"]
        for (name, tally) in rows {
            let total = Self.total(tally)
            func cell(_ count: Int) -> String {
                let share = total == 0 ? 0 : Int((Double(count) * 100 / Double(total)).rounded())
                return "\(count) (\(share)%)".padded(13)
            }
            lines.append("\(indent)  \(name.padded(width))\(cell(tally.favor))\(cell(tally.against))\(cell(tally.none))\(total)")
        }
        return lines
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
