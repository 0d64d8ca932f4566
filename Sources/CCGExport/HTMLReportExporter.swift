import CCGModel
import CCGReport
import Foundation

/// One self-contained HTML page for people: the corpus at a glance, each debate's stance (overall and by
/// author role), sentiment, themes against stance, comments over time, then every document's units with
/// the evidence of each analyser marked in the text. No script, no fonts or images from elsewhere: it opens
/// from a mail attachment and prints.
///
/// Figures are counted from the document entries as they stream past (the debates' tallies come from the
/// stance analyser's corpus summary), so the page and the JSON report agree. Documents past
/// `documentLimit` are counted in the charts but not shown one by one.
public final class HTMLReportExporter: ReportExporter {
    public let path: String
    public let documentLimit: Int
    public var name: String { "HTML report \(path)" }
    public var writes: [String] { [path] }
    /// The document sections, written as they come and copied in after the charts.
    public var scratch: [String] { [Report.temporaryPath(beside: path, purpose: "sections")] }

    /// An earlier page says it was made by ccgtext in its head.
    public func wroteBefore(_ path: String) -> Bool {
        guard let prefix = RegularFile.prefix(of: path, count: 1024) else { return false }
        let head = String(decoding: prefix, as: UTF8.self)
        return head.hasPrefix("<!doctype html>") && (head.contains("<meta name=\"generator\" content=\"ccgtext\">") || head.contains("<title>ccgtext report: "))
    }

    private var envelope: JSONValue = .null
    private var documentSections: StagedFile?
    private var tally = Tally()

    /// What the charts need, gathered one document at a time.
    struct Tally {
        var documents = 0
        var shown = 0
        var units = 0
        var comments = 0
        var kinds: [String: Int] = [:]
        var stanceByType: [String: SVGChart.StanceRow] = [:]
        var sentimentByType: [String: [String: Int]] = [:]
        var sentimentBins = Array(repeating: 0, count: 10)
        var sentimentScored = 0
        /// Theme id → counts for favor, against, none.
        var themeStance: [String: [Int]] = [:]
        /// Month → the comments' stance, and comments without one.
        var months: [String: (row: SVGChart.StanceRow, unanalysed: Int)] = [:]
    }

    public init(path: String, documentLimit: Int = 500) {
        self.path = path
        self.documentLimit = documentLimit
    }

    public func begin(report envelope: JSONValue) throws {
        self.envelope = envelope
        // The document sections are written as they come and copied in after the charts, which need every document.
        documentSections = try StagedFile(path: path, scratch: Report.temporaryPath(beside: path, purpose: "sections"))
    }

    public func add(document entry: JSONValue) throws {
        tally.documents += 1
        tally.kinds[entry["kind"]?.stringValue ?? "unknown", default: 0] += 1
        for (unit, row) in zip(entry["units"]?.arrayValue ?? [], UnitRow.rows(of: entry)) {
            count(unit: unit, row: row)
        }
        if tally.shown < documentLimit {
            tally.shown += 1
            try documentSections?.write(Self.section(for: entry))
        }
    }

    private func count(unit: JSONValue, row: UnitRow) {
        tally.units += 1
        let isComment = row.type == "comment"
        if isComment { tally.comments += 1 }
        let group = isComment ? "Comments" : "Articles and debate pieces"
        if let stance = row.stance { Self.add(stance, to: &tally.stanceByType[group, default: .init(label: group, favor: 0, against: 0, none: 0)]) }
        if let sentiment = row.sentiment { tally.sentimentByType[group, default: [:]][sentiment, default: 0] += 1 }
        if let score = row.sentimentScore {
            tally.sentimentScored += 1
            tally.sentimentBins[min(9, max(0, ((score + 1) * 5).rounded(.down).saturatingInt))] += 1
        }
        if let stance = row.stance, let column = ["favor", "against", "none"].firstIndex(of: stance) {
            for theme in unit["analyses"]?["themes"]?["themes"]?.arrayValue ?? [] {
                guard let id = theme["id"]?.stringValue else { continue }
                tally.themeStance[id, default: [0, 0, 0]][column] += 1
            }
        }
        if isComment, let timestamp = row.timestamp, timestamp.count >= 7 {
            let month = String(timestamp.prefix(7))
            var entry = tally.months[month] ?? (SVGChart.StanceRow(label: month, favor: 0, against: 0, none: 0), 0)
            if let stance = row.stance { Self.add(stance, to: &entry.row) } else { entry.unanalysed += 1 }
            tally.months[month] = entry
        }
    }

    private static func add(_ label: String, to row: inout SVGChart.StanceRow) {
        switch label {
        case "favor": row.favor += 1
        case "against": row.against += 1
        default: row.none += 1
        }
    }

    public func finish() throws {
        guard let documentSections else { return }
        let page = try StagedFile(path: path)
        try page.write(head + overview + debates + sentiment + themes + overTime)
        try page.write("<section id=\"documents\"><h2>Documents</h2>\n" + Self.legend)
        if tally.shown < tally.documents {
            try page.write("<p class=\"note\">The first \(tally.shown) of \(tally.documents) documents are shown (in report order); the charts count them all. `--html-documents N` shows more.</p>\n")
        }
        try documentSections.copy(into: page)
        try page.write("</section>\n" + errors + "</main></body></html>\n")
        try page.commit()
        self.documentSections = nil
    }

    // MARK: Sections

    private var head: String {
        let title = "ccgtext report: \(tally.documents) documents, \(tally.units) units"
        let inputs = (envelope["run"]?["inputs"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
        let analysers = (envelope["run"]?["analysers"]?.arrayValue ?? []).compactMap { entry -> String? in
            guard let id = entry["id"]?.stringValue else { return nil }
            return "\(id) \(entry["version"]?.stringValue ?? "")"
        }.joined(separator: ", ")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="ccgtext">
            <title>\(HTMLText.escape(title))</title>
            <style>\(Self.style)</style></head>
            <body><main>
            <h1>\(HTMLText.escape(title))</h1>
            <p class="note">Made by ccgtext \(HTMLText.escape(envelope["tool"]?["version"]?.stringValue ?? "")) from \(HTMLText.escape(inputs)). Analysers: \(HTMLText.escape(analysers)). The JSON report holds the same figures.</p>
            <nav><a href="#overview">Overview</a> · <a href="#debates">Debates</a> · <a href="#sentiment">Sentiment</a> · <a href="#themes">Themes and stance</a> · <a href="#time">Over time</a> · <a href="#documents">Documents</a>\(envelope["errors"]?.arrayValue?.isEmpty == false ? " · <a href=\"#errors\">Errors</a>" : "")</nav>

            """
    }

    private var overview: String {
        let errors = envelope["errors"]?.arrayValue ?? []
        let failed = errors.filter { $0["severity"]?.stringValue != "warning" }.count
        let stance = envelope["corpus"]?["analyses"]?["stance"]
        let debates = stance?["motions"]?.arrayValue.map { $0.count + (stance?["motionsNotListed"]?.numberValue ?? 0).saturatingInt }
        var html = "<section id=\"overview\"><h2>Corpus overview</h2>\n<div class=\"cards\">"
        for (figure, label) in [
            ("\(tally.documents)", "documents"), ("\(tally.units)", "units (headlines, sections, comments…)"), ("\(tally.comments)", "reader comments"),
            (debates.map(String.init) ?? "–", "debate motions"), ("\(failed)", "inputs with errors"),
        ] {
            html += "<div class=\"card\"><b>\(HTMLText.escape(figure))</b><span>\(HTMLText.escape(label))</span></div>"
        }
        html += "</div>\n<table><caption>Documents by kind</caption><tr><th>kind</th><th>documents</th><th>share</th></tr>"
        for (kind, count) in tally.kinds.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) {
            html += "<tr><td>\(HTMLText.escape(kind))</td><td class=\"n\">\(count)</td><td class=\"n\">\(Self.percent(count, of: tally.documents))</td></tr>"
        }
        html += "</table>\n"
        let stanceRows = ["Articles and debate pieces", "Comments"].compactMap { tally.stanceByType[$0] }
        if !stanceRows.isEmpty {
            html += SVGChart.divergingBars(stanceRows, title: "Stance toward each document's motion, whole corpus")
        }
        return html + "</section>\n"
    }

    private var debates: String {
        var html = "<section id=\"debates\"><h2>Debates</h2>\n"
        guard let motions = envelope["corpus"]?["analyses"]?["stance"]?["motions"]?.arrayValue else {
            return html + "<p class=\"note\">The stance analyser did not run, or found no debate motion.</p></section>\n"
        }
        if motions.isEmpty { html += "<p class=\"note\">No document in this corpus states a debate motion.</p>" }
        if let missing = envelope["corpus"]?["analyses"]?["stance"]?["documentsWithoutMotion"]?.numberValue, missing > 0 {
            html += "<p class=\"note\">No motion found in \(missing.saturatingInt) document\(missing == 1 ? "" : "s"): their units are none because there was nothing to take a side on; give one with --set stance.target=….</p>\n"
        }
        for motion in motions {
            let title = motion["motion"]?.stringValue ?? "(motion)"
            html += "<h3>“\(HTMLText.escape(title))”</h3>\n"
            var sides: [String] = []
            for side in motion["sides"]?.arrayValue ?? [] {
                let text = "\(side["side"]?.stringValue?.uppercased() ?? "?"): \(side["author"]?.stringValue ?? "unknown author") (\(side["label"]?.stringValue ?? ""), backed by \(side["commentsBacking"]?.scalarText ?? "0") comments)"
                if !sides.contains(text) { sides.append(text) }
            }
            let documents = motion["documents"]?.scalarText ?? "?"
            html += "<p>\(documents) document\(documents == "1" ? "" : "s"). Sides: \(sides.isEmpty ? "none marked" : sides.map(HTMLText.escape).joined(separator: "; ")).</p>\n"
            var rows = [Self.stanceRow("All units", motion["all"]), Self.stanceRow("All comments", motion["comments"])]
            for (role, counts) in (motion["commentsByRole"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                rows.append(Self.stanceRow("Comments: \(role == "unknown" ? "role not given" : role)", counts))
            }
            html += SVGChart.divergingBars(rows, title: "Stance toward “\(title)”, overall and by commenter role") + "\n"
        }
        return html + "</section>\n"
    }

    private static func stanceRow(_ label: String, _ counts: JSONValue?) -> SVGChart.StanceRow {
        let count = { (key: String) in (counts?[key]?.numberValue ?? 0).saturatingInt }
        return SVGChart.StanceRow(label: label, favor: count("favor"), against: count("against"), none: count("none"))
    }

    private var sentiment: String {
        var html = "<section id=\"sentiment\"><h2>Sentiment</h2>\n"
        guard tally.sentimentScored > 0 else { return html + "<p class=\"note\">The sentiment analyser did not run.</p></section>\n" }
        let thresholds = envelope["corpus"]?["analyses"]?["sentiment"]?["thresholds"]
        let low = thresholds?["negative"]?.numberValue ?? -0.05, high = thresholds?["positive"]?.numberValue ?? 0.05
        let bars = tally.sentimentBins.enumerated().map { index, count -> (label: String, count: Int, colour: String, tip: String) in
            let from = -1 + Double(index) * 0.2, to = from + 0.2
            let colour = to <= low ? SVGChart.negative : from >= high ? SVGChart.positive : SVGChart.none
            let label = "\(SVGChart.format(from)) to \(SVGChart.format(to))"
            return (label, count, colour, "score \(label): \(count) units")
        }
        html += SVGChart.bars(bars, title: "Sentiment scores of \(tally.sentimentScored) units", xTitle: "Sentiment score (−1 most negative, +1 most positive)", yTitle: "Units")
        html += "\n<table><caption>Sentiment labels (negative below \(NumberText.format(low)), positive above \(NumberText.format(high)))</caption><tr><th></th><th>negative</th><th>neutral</th><th>positive</th><th>units</th></tr>"
        for (group, counts) in tally.sentimentByType.sorted(by: { $0.key < $1.key }) {
            let total = counts.values.reduce(0, +)
            html += "<tr><td>\(HTMLText.escape(group))</td>"
            for label in ["negative", "neutral", "positive"] {
                let count = counts[label, default: 0]
                html += "<td class=\"n\">\(count) (\(Self.percent(count, of: total)))</td>"
            }
            html += "<td class=\"n\">\(total)</td></tr>"
        }
        return html + "</table></section>\n"
    }

    private var themes: String {
        var html = "<section id=\"themes\"><h2>Themes and stance</h2>\n"
        guard !tally.themeStance.isEmpty else {
            return html + "<p class=\"note\">No unit has both a theme and a stance (the themes or stance analyser did not run).</p></section>\n"
        }
        let rows = tally.themeStance.sorted { ($0.value.reduce(0, +), $1.key) > ($1.value.reduce(0, +), $0.key) }.map {
            (label: $0.key.replacingOccurrences(of: "_", with: " "), counts: $0.value)
        }
        html += "<p>Units that mention each theme (from the theme lexicon), by their stance toward the motion. A unit can have several themes.</p>\n"
        html += SVGChart.heatmap(rows: rows, columns: ["for", "against", "no side"], title: "Themes × stance (units)")
        return html + "</section>\n"
    }

    private var overTime: String {
        var html = "<section id=\"time\"><h2>Comments over time</h2>\n"
        guard !tally.months.isEmpty else { return html + "<p class=\"note\">No comment in this corpus has a timestamp.</p></section>\n" }
        let periods = tally.months.sorted { $0.key < $1.key }.map { (label: $0.key, row: $0.value.row, unanalysed: $0.value.unanalysed) }
        let dated = periods.reduce(0) { $0 + $1.row.total + $1.unanalysed }
        html += "<p>\(dated) of \(tally.comments) comments have a timestamp.</p>\n"
        html += SVGChart.stackedStance(periods, title: "Comments per month, by stance", yTitle: "Comments")
        return html + "</section>\n"
    }

    private var errors: String {
        let errors = envelope["errors"]?.arrayValue ?? []
        guard !errors.isEmpty else { return "" }
        var html = "<section id=\"errors\"><h2>Errors and warnings</h2><table><tr><th>source</th><th>stage</th><th>severity</th><th>message</th></tr>"
        for error in errors {
            html += "<tr>" + ["source", "stage", "severity", "message"].map { "<td>\(HTMLText.escape(error[$0]?.stringValue ?? ""))</td>" }.joined() + "</tr>"
        }
        return html + "</table></section>\n"
    }

    // MARK: Documents

    static let legend = """
        <p class="legend">In the text: <span class="ev sp">positive word</span> <span class="ev sn">negative word</span> \
        <span class="ev sm">sentiment modifier (booster, negation…)</span> <span class="ev st">stance cue</span> \
        <span class="ev th">theme term</span> <span class="ev ot">other analyser's cue</span>. Hover over a marked word for the rule and its weight.</p>

        """

    static func section(for entry: JSONValue) -> String {
        let document = DocumentRow(entry: entry)
        let open = document.kind == "debate" ? " open" : ""
        var html = "<details class=\"doc\" id=\"doc-\(HTMLText.escape(document.id))\"\(open)><summary><b>\(HTMLText.escape(document.title ?? document.source))</b> · \(HTMLText.escape(document.kind)) · \(document.units) units</summary>\n"
        var facts = ["source: \(document.source)"]
        if !document.authors.isEmpty { facts.append("by \(document.authors)") }
        if let published = document.published { facts.append("published \(published)") }
        if let site = document.site { facts.append(site) }
        if let url = document.url { facts.append(url) }
        if let motion = document.motion { facts.append("motion: “\(motion)”") }
        if let warning = entry["analyses"]?["stance"]?["warning"]?.stringValue { facts.append("stance: \(warning)") }
        if let source = entry["analyses"]?["stance"]?["motionSource"]?.stringValue, source != "debate", let motion = entry["analyses"]?["stance"]?["motion"]?.stringValue {
            facts.append("stance toward “\(motion)” (from the \(source))")
        }
        html += "<p class=\"meta\">\(facts.map(HTMLText.escape).joined(separator: " · "))</p>\n"
        for (unit, row) in zip(entry["units"]?.arrayValue ?? [], UnitRow.rows(of: entry)) {
            html += unitBlock(unit, row: row)
        }
        return html + "</details>\n"
    }

    static func unitBlock(_ unit: JSONValue, row: UnitRow) -> String {
        var heading = [row.unit, row.type + (row.side.map { " (\($0.uppercased()) side)" } ?? "")]
        if let author = row.author { heading.append(author + (row.role.map { ", \($0)" } ?? "")) }
        if let timestamp = row.timestamp { heading.append(timestamp) }
        if let replyTo = row.replyTo { heading.append("reply to \(replyTo)") }
        if let duplicate = row.duplicateOf { heading.append("duplicate of \(duplicate)") }
        var badges = ""
        if let stance = row.stance {
            badges += "<span class=\"badge b-\(HTMLText.escape(stance))\">stance: \(HTMLText.escape(stance))\(row.stanceConfidence.map { " · confidence \(NumberText.format($0))" } ?? "")</span>"
        }
        if let sentiment = row.sentiment {
            badges += "<span class=\"badge b-\(HTMLText.escape(sentiment))\">sentiment: \(HTMLText.escape(sentiment))\(row.sentimentScore.map { " · \(NumberText.format($0))" } ?? "")</span>"
        }
        if !row.themes.isEmpty { badges += "<span class=\"badge b-theme\">themes: \(HTMLText.escape(row.themes.joined(separator: ", ")))</span>" }
        var html = "<div class=\"unit\" id=\"unit-\(HTMLText.escape(row.key))\"><div class=\"uh\">\(HTMLText.escape(heading.joined(separator: " · "))) \(badges)</div>\n<div class=\"text\">"
        for segment in EvidenceMarkup.segments(of: row.text, marks: EvidenceMarkup.marks(in: unit)) {
            guard !segment.marks.isEmpty else {
                html += HTMLText.escape(segment.text)
                continue
            }
            let classes = Set(segment.marks.map(cssClass)).sorted().joined(separator: " ")
            let tip = segment.marks.map(\.explanation).joined(separator: "; ")
            html += "<span class=\"ev \(classes)\" title=\"\(HTMLText.escape(tip))\">\(HTMLText.escape(segment.text))</span>"
        }
        html += "</div>"
        let unplaced = EvidenceMarkup.unplacedCues(in: unit)
        if !unplaced.isEmpty {
            html += "<div class=\"cues\">Other cues: \(HTMLText.escape(unplaced.map { "\($0.explanation)\($0.text.isEmpty ? "" : ": \($0.text)")" }.joined(separator: "; ")))</div>"
        }
        return html + "</div>\n"
    }

    private static func cssClass(_ mark: EvidenceMark) -> String {
        switch mark.analyser {
        case "sentiment": return mark.weight.map { $0 > 0 ? "sp" : $0 < 0 ? "sn" : "sm" } ?? "sm"
        case "stance": return "st"
        case "themes": return "th"
        default: return "ot"
        }
    }

    private static func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "–" : "\(SVGChart.format(100 * Double(count) / Double(total)))%"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;background:#fff;margin:0;line-height:1.45}
        main{max-width:1000px;margin:0 auto;padding:1.2em}
        h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
        nav{margin:.6em 0 1em}a{color:#0055a4}.note,.meta{color:#444;font-size:.92em}
        .cards{display:flex;flex-wrap:wrap;gap:.8em;margin:.8em 0}.card{border:1px solid #ccc;border-radius:6px;padding:.5em .9em;min-width:8em}
        .card b{display:block;font-size:1.6em}.card span{color:#444;font-size:.9em}
        table{border-collapse:collapse;margin:.8em 0}caption{text-align:left;font-weight:bold;padding:.3em 0}
        td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
        svg{max-width:100%;height:auto;display:block;margin:.8em 0}
        details.doc{border:1px solid #ccc;border-radius:6px;margin:.6em 0;padding:.4em .8em}summary{cursor:pointer}
        .unit{border-top:1px solid #eee;padding:.5em 0}.uh{font-size:.88em;color:#333;margin-bottom:.25em}
        .text{white-space:pre-wrap}.cues{font-size:.85em;color:#444;margin-top:.25em}
        .badge{display:inline-block;border-radius:4px;padding:0 .4em;margin-left:.3em;font-size:.95em;border:1px solid #999}
        .b-favor{background:#0072B2;color:#fff;border-color:#0072B2}.b-against{background:#D55E00;color:#fff;border-color:#D55E00}
        .b-none,.b-neutral{background:#eee}.b-positive{background:#56B4E9}.b-negative{background:#E69F00}.b-theme{background:#e6f5ef;border-color:#009E73}
        .ev{border-radius:2px}.ev.sp{background:#56B4E966}.ev.sn{background:#E69F0066}.ev.sm{border-bottom:1px dashed #666}
        .ev.st{font-weight:bold;border-bottom:2px solid #000}.ev.th{text-decoration:underline dotted #009E73 2px;text-underline-offset:3px}
        .ev.ot{border-bottom:1px dotted #999}.legend .ev{padding:0 .2em}
        @media print{details.doc{break-inside:avoid}}
        """
}
