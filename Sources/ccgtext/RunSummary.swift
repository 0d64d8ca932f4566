import CCGModel
import CCGPipeline

/// The few lines an analyst reads on the terminal after a run; the report has the rest.
struct RunSummary {
    var outcome: Pipeline.Outcome
    var output: String

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
        for motion in report["corpus"]?["analyses"]?["stance"]?["motions"]?.arrayValue ?? [] {
            let comments = motion["comments"]
            let count = { (key: String) in (comments?[key]?.numberValue ?? 0).saturatingInt }
            let source = motion["source"]?.stringValue.flatMap { $0 == "debate" ? nil : " (motion from the \($0))" } ?? ""
            lines.append(
                "“\(TerminalText.line(motion["motion"]?.stringValue ?? ""))”\(source) (\((motion["documents"]?.numberValue ?? 0).saturatingInt) documents): comments favor \(count("favor")), against \(count("against")), none \(count("none")).")
        }
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
