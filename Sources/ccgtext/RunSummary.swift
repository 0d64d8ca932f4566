import CCGModel
import CCGPipeline

/// The few lines an analyst reads on the terminal after a run; the report has the rest.
struct RunSummary {
    var outcome: Pipeline.Outcome
    var output: String

    /// Motions named in the closing lines; `ccgtext summary` shows them all.
    static let motionsShown = 10

    var text: String {
        let report = outcome.report.json()
        let seconds = (report["run"]?["timings"]?["totalMs"]?.numberValue ?? 0) / 1000
        var lines = [
            "Analysed \(outcome.documents) documents (\(outcome.units) units) in \(String(format: "%.2f", seconds)) s; "
                + "\(outcome.failedDocuments) failed, \(outcome.report.errors.count) errors and warnings. Report: \(output)"
        ]
        if let shard = report["run"]?["shard"], let count = shard["count"]?.numberValue, count > 1 {
            lines.append("Shard \((shard["index"]?.numberValue ?? 0).saturatingInt)/\(Int(count)): \(outcome.filesTaken) of \(outcome.filesFound) files; join the parts with `ccgtext merge`.")
        }
        if let cache = report["run"]?["cache"], let hits = cache["hits"]?.numberValue {
            lines.append("Cache: \(Int(hits)) of \(outcome.filesTaken) files from \(cache["folder"]?.stringValue ?? "the cache").")
        }
        if let sentiment = report["corpus"]?["analyses"]?["sentiment"]?["all"] {
            let count = { (key: String) in (sentiment[key]?.numberValue ?? 0).saturatingInt }
            lines.append("Sentiment of all units: \(count("positive")) positive, \(count("neutral")) neutral, \(count("negative")) negative.")
        }
        let stance = report["corpus"]?["analyses"]?["stance"]
        let motions = stance?["motions"]?.arrayValue ?? []
        // A crawl of debates has a motion per page: the closing summary names the most argued.
        let shown = motions.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element["documents"]?.numberValue ?? 0, rhs.element["documents"]?.numberValue ?? 0)
            return a != b ? a > b : lhs.offset < rhs.offset
        }.prefix(Self.motionsShown).sorted { $0.offset < $1.offset }.map(\.element)
        for motion in shown {
            let comments = motion["comments"]
            let count = { (key: String) in (comments?[key]?.numberValue ?? 0).saturatingInt }
            let source = motion["source"]?.stringValue.flatMap { $0 == "debate" ? nil : " (motion from the \($0))" } ?? ""
            lines.append(
                "“\(TerminalText.line(motion["motion"]?.stringValue ?? ""))”\(source) (\((motion["documents"]?.numberValue ?? 0).saturatingInt) documents): comments favor \(count("favor")), against \(count("against")), none \(count("none")).")
        }
        let notShown = motions.count - shown.count + (stance?["motionsNotListed"]?.numberValue ?? 0).saturatingInt
        if notShown > 0 { lines.append("… and \(notShown) more motion\(notShown == 1 ? "" : "s"): `ccgtext summary` tables them, each document's summary in the report has its own.") }
        if let missing = report["corpus"]?["analyses"]?["stance"]?["documentsWithoutMotion"]?.numberValue, missing > 0 {
            lines.append("Stance: \(missing.saturatingInt) document\(missing == 1 ? "" : "s") with no motion found; give one with --set stance.target=… (their units are none: nothing to take a side on).")
        }
        if let themes = report["corpus"]?["analyses"]?["themes"]?["units"]?.objectValue {
            let top = themes.sorted { ($0.value.numberValue ?? 0, $1.key) > ($1.value.numberValue ?? 0, $0.key) }.prefix(5)
            lines.append("Top themes (units): " + top.map { "\($0.key) \(($0.value.numberValue ?? 0).saturatingInt)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
