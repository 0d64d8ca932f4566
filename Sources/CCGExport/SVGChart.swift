import Foundation

/// The charts of the HTML report, drawn as inline SVG: no script, no network, and they print. Colours are
/// the Okabe–Ito palette, which readers with the common colour-vision deficiencies tell apart; every bar
/// also carries its count as text, so nothing rests on colour alone.
enum SVGChart {
    static let favor = "#0072B2"
    static let against = "#D55E00"
    static let none = "#BBBBBB"
    static let positive = "#56B4E9"
    static let negative = "#E69F00"
    static let theme = "#009E73"

    /// One row of a diverging bar.
    struct StanceRow {
        var label: String
        var favor: Int
        var against: Int
        var none: Int
        var total: Int { favor + against + none }
    }

    /// Against to the left of the centre line, favor to the right, and "no side" split evenly across it, as
    /// survey researchers draw agree/disagree scales; each row is in percent of its own units.
    static func divergingBars(_ rows: [StanceRow], title: String) -> String {
        let labelWidth = 190.0, plotWidth = 440.0, noteWidth = 230.0, rowHeight = 30.0, top = 46.0
        let width = labelWidth + plotWidth + noteWidth, height = top + rowHeight * Double(rows.count) + 34
        let centre = labelWidth + plotWidth / 2
        let scale = plotWidth / 2 / 100
        var svg = open(width: width, height: height, title: title)
        svg += text(x: labelWidth + plotWidth / 2, y: 16, title, anchor: "middle", weight: "bold")
        svg += legend(
            [("Against the motion", against), ("No side", none), ("For the motion", favor)], x: labelWidth + 20, y: 30)
        for (index, row) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            svg += text(x: labelWidth - 8, y: y + rowHeight / 2 + 4, row.label, anchor: "end")
            guard row.total > 0 else {
                svg += text(x: centre, y: y + rowHeight / 2 + 4, "no units", anchor: "middle", colour: "#555")
                continue
            }
            let percent = { (count: Int) in 100 * Double(count) / Double(row.total) }
            let noneHalf = percent(row.none) / 2
            let againstStart = centre - (percent(row.against) + noneHalf) * scale
            svg += rect(x: againstStart, y: y + 4, width: percent(row.against) * scale, height: rowHeight - 8, fill: against,
                        tip: "\(row.label): \(row.against) against (\(format(percent(row.against)))%)")
            svg += rect(x: centre - noneHalf * scale, y: y + 4, width: 2 * noneHalf * scale, height: rowHeight - 8, fill: none,
                        tip: "\(row.label): \(row.none) no side (\(format(percent(row.none)))%)")
            svg += rect(x: centre + noneHalf * scale, y: y + 4, width: percent(row.favor) * scale, height: rowHeight - 8, fill: favor,
                        tip: "\(row.label): \(row.favor) for (\(format(percent(row.favor)))%)")
            svg += text(
                x: labelWidth + plotWidth + 8, y: y + rowHeight / 2 + 4,
                "n=\(row.total): \(format(percent(row.favor)))% for, \(format(percent(row.against)))% against", colour: "#333")
        }
        let axisY = top + rowHeight * Double(rows.count) + 4
        svg += line(x1: centre, y1: top, x2: centre, y2: axisY, colour: "#333")
        for tick in stride(from: -100, through: 100, by: 50) {
            let x = centre + Double(tick) * scale
            svg += line(x1: x, y1: axisY, x2: x, y2: axisY + 4, colour: "#333")
            svg += text(x: x, y: axisY + 16, "\(abs(tick))%", anchor: "middle", size: 11)
        }
        svg += text(x: centre, y: axisY + 29, "share of the row's units (against ← | → for)", anchor: "middle", size: 11, colour: "#333")
        return svg + "</svg>"
    }

    /// Vertical bars with a count above each: `bars` are (label under the bar, count, colour, tooltip).
    static func bars(_ bars: [(label: String, count: Int, colour: String, tip: String)], title: String, xTitle: String, yTitle: String) -> String {
        let left = 56.0, plotWidth = max(300.0, min(700.0, Double(bars.count) * 60)), plotHeight = 200.0, top = 30.0
        let width = left + plotWidth + 20, height = top + plotHeight + 58
        let peak = max(1, bars.map(\.count).max() ?? 1)
        let slot = plotWidth / Double(max(1, bars.count))
        var svg = open(width: width, height: height, title: title)
        svg += text(x: left + plotWidth / 2, y: 16, title, anchor: "middle", weight: "bold")
        svg += axes(left: left, top: top, width: plotWidth, height: plotHeight, peak: peak, yTitle: yTitle)
        for (index, bar) in bars.enumerated() {
            let barHeight = plotHeight * Double(bar.count) / Double(peak)
            let x = left + slot * Double(index) + slot * 0.12
            svg += rect(x: x, y: top + plotHeight - barHeight, width: slot * 0.76, height: barHeight, fill: bar.colour, tip: bar.tip)
            svg += text(x: x + slot * 0.38, y: top + plotHeight - barHeight - 4, "\(bar.count)", anchor: "middle", size: 11)
            svg += text(x: x + slot * 0.38, y: top + plotHeight + 15, bar.label, anchor: "middle", size: 10)
        }
        svg += text(x: left + plotWidth / 2, y: height - 12, xTitle, anchor: "middle", size: 12)
        return svg + "</svg>"
    }

    /// Stacked vertical bars (for, against, no side, not analysed) per period.
    static func stackedStance(_ periods: [(label: String, row: StanceRow, unanalysed: Int)], title: String, yTitle: String) -> String {
        let left = 56.0, plotWidth = max(460.0, min(700.0, Double(periods.count) * 48)), plotHeight = 200.0, top = 46.0
        let width = left + plotWidth + 20, height = top + plotHeight + 58
        let peak = max(1, periods.map { $0.row.total + $0.unanalysed }.max() ?? 1)
        let slot = plotWidth / Double(max(1, periods.count))
        var svg = open(width: width, height: height, title: title)
        svg += text(x: left + plotWidth / 2, y: 16, title, anchor: "middle", weight: "bold")
        svg += legend([("For", favor), ("Against", against), ("No side", none), ("No stance result", "#FFFFFF")], x: left, y: 30)
        svg += axes(left: left, top: top, width: plotWidth, height: plotHeight, peak: peak, yTitle: yTitle)
        for (index, period) in periods.enumerated() {
            var y = top + plotHeight
            let x = left + slot * Double(index) + slot * 0.15
            for (count, colour, name) in [
                (period.row.favor, favor, "for"), (period.row.against, against, "against"), (period.row.none, none, "no side"),
                (period.unanalysed, "#FFFFFF", "not analysed"),
            ] where count > 0 {
                let barHeight = plotHeight * Double(count) / Double(peak)
                y -= barHeight
                svg += rect(x: x, y: y, width: slot * 0.7, height: barHeight, fill: colour, tip: "\(period.label): \(count) \(name)")
            }
            svg += text(x: x + slot * 0.35, y: y - 4, "\(period.row.total + period.unanalysed)", anchor: "middle", size: 11)
            svg += text(x: x + slot * 0.35, y: top + plotHeight + 15, period.label, anchor: "middle", size: 10)
        }
        svg += text(x: left + plotWidth / 2, y: height - 12, "Month (from the comments' timestamps)", anchor: "middle", size: 12)
        return svg + "</svg>"
    }

    /// Rows × columns of counts, shaded by the count's share of its row (sequential blues, readable in
    /// grey too), with the count and share written in each cell.
    static func heatmap(rows: [(label: String, counts: [Int])], columns: [String], title: String) -> String {
        let labelWidth = 230.0, cellWidth = 120.0, cellHeight = 26.0, top = 52.0
        let width = labelWidth + cellWidth * Double(columns.count) + 90, height = top + cellHeight * Double(rows.count) + 30
        var svg = open(width: width, height: height, title: title)
        svg += text(x: width / 2, y: 16, title, anchor: "middle", weight: "bold")
        for (index, column) in columns.enumerated() {
            svg += text(x: labelWidth + cellWidth * (Double(index) + 0.5), y: top - 8, column, anchor: "middle", weight: "bold", size: 12)
        }
        svg += text(x: labelWidth + cellWidth * Double(columns.count) + 45, y: top - 8, "units", anchor: "middle", weight: "bold", size: 12)
        for (rowIndex, row) in rows.enumerated() {
            let y = top + cellHeight * Double(rowIndex)
            let total = row.counts.reduce(0, +)
            svg += text(x: labelWidth - 8, y: y + cellHeight / 2 + 4, row.label, anchor: "end", size: 12)
            for (index, count) in row.counts.enumerated() {
                let share = total == 0 ? 0 : Double(count) / Double(total)
                let x = labelWidth + cellWidth * Double(index)
                svg += rect(x: x, y: y, width: cellWidth - 2, height: cellHeight - 2, fill: blue(share),
                            tip: "\(row.label), \(columns[index]): \(count) of \(total) units (\(format(100 * share))%)")
                svg += text(x: x + cellWidth / 2, y: y + cellHeight / 2 + 4, "\(count) (\(format(100 * share))%)", anchor: "middle", size: 11,
                            colour: share > 0.55 ? "#FFFFFF" : "#111111")
            }
            svg += text(x: labelWidth + cellWidth * Double(columns.count) + 45, y: y + cellHeight / 2 + 4, "\(total)", anchor: "middle", size: 11)
        }
        svg += text(x: labelWidth, y: height - 8, "Shade: share of the theme's units with that stance.", size: 11, colour: "#333")
        return svg + "</svg>"
    }

    // MARK: Pieces

    private static func open(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\" viewBox=\"0 0 \(format(width)) \(format(height))\" width=\"\(format(width))\" height=\"\(format(height))\" font-family=\"system-ui, sans-serif\" font-size=\"13\">"
    }

    private static func axes(left: Double, top: Double, width: Double, height: Double, peak: Int, yTitle: String) -> String {
        var svg = line(x1: left, y1: top, x2: left, y2: top + height, colour: "#333")
        svg += line(x1: left, y1: top + height, x2: left + width, y2: top + height, colour: "#333")
        let step = max(1, Int((Double(peak) / 4).rounded(.up)))
        for value in stride(from: 0, through: peak, by: step) {
            let y = top + height - height * Double(value) / Double(peak)
            svg += line(x1: left - 4, y1: y, x2: left, y2: y, colour: "#333")
            svg += text(x: left - 7, y: y + 4, "\(value)", anchor: "end", size: 11)
        }
        svg += "<text x=\"14\" y=\"\(format(top + height / 2))\" transform=\"rotate(-90 14 \(format(top + height / 2)))\" text-anchor=\"middle\" font-size=\"12\">\(HTMLText.escape(yTitle))</text>"
        return svg
    }

    private static func legend(_ entries: [(String, String)], x: Double, y: Double) -> String {
        var svg = ""
        var offset = x
        for (name, colour) in entries {
            svg += "<rect x=\"\(format(offset))\" y=\"\(format(y - 10))\" width=\"12\" height=\"12\" fill=\"\(colour)\" stroke=\"#555\" stroke-width=\"0.5\"/>"
            svg += text(x: offset + 16, y: y, name, size: 12)
            offset += 30 + Double(name.count) * 6.6
        }
        return svg
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tip: String) -> String {
        guard width > 0, height > 0 else { return "" }
        let stroke = fill == "#FFFFFF" ? " stroke=\"#555\" stroke-width=\"0.8\"" : ""
        return "<rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(width))\" height=\"\(format(height))\" fill=\"\(fill)\"\(stroke)><title>\(HTMLText.escape(tip))</title></rect>"
    }

    private static func line(x1: Double, y1: Double, x2: Double, y2: Double, colour: String) -> String {
        "<line x1=\"\(format(x1))\" y1=\"\(format(y1))\" x2=\"\(format(x2))\" y2=\"\(format(y2))\" stroke=\"\(colour)\" stroke-width=\"1\"/>"
    }

    private static func text(
        x: Double, y: Double, _ content: String, anchor: String = "start", weight: String = "normal", size: Int = 13, colour: String = "#111111"
    ) -> String {
        "<text x=\"\(format(x))\" y=\"\(format(y))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" font-size=\"\(size)\" fill=\"\(colour)\">\(HTMLText.escape(content))</text>"
    }

    /// From near-white to dark blue.
    private static func blue(_ share: Double) -> String {
        let low = (247.0, 251.0, 255.0), high = (8.0, 48.0, 107.0)
        let mix = { (a: Double, b: Double) in Int((a + (b - a) * min(1, max(0, share))).rounded()) }
        return String(format: "#%02X%02X%02X", mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
    }

    /// One decimal at most: stable text for coordinates and percentages.
    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
