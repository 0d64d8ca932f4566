import ArgumentParser
import CCGExport
import Foundation

/// Why a unit got its labels: its text with the evidence marked, and each analyser's decision.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one unit of a report with its evidence marked in the text and each analyser's decision and confidence.",
        discussion: """
            UNIT is the unit's key as the CSV, SQLite and JSON Lines outputs give it, `<document id>/<unit id>` \
            (e.g. 5f2c…/u7), or `<source path>/<unit id>` (corpora/ccg/debate.html/u7). Colour on a terminal, plain \
            [brackets] otherwise; the numbers after a stretch point to the cues listed below the text. \
            Exit codes: 0 shown; 2 usage error or no such unit; 4 the report could not be read.
            """)

    enum Colour: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Argument(help: ArgumentHelp("The report written by `ccgtext analyze`.", valueName: "report.json"))
    var report: String

    @Argument(help: ArgumentHelp("The unit: <document id>/<unit id> or <source path>/<unit id>.", valueName: "unit"))
    var unit: String

    @Option(name: .long, help: ArgumentHelp("Colour the evidence: auto (when standard output is a terminal and NO_COLOR is unset), always or never.", valueName: "when"))
    var colour: Colour = .auto

    func run() throws {
        let explanation = try exitingOnFailure { try UnitExplanation.find(unit, in: try ReportFile.open(report)) }
        guard let explanation else {
            note("ccgtext: no unit \(unit) in \(report); give <document id>/<unit id> (the `key` column of units.csv) or <source path>/<unit id>")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let useColour: Bool
        switch colour {
        case .always: useColour = true
        case .never: useColour = false
        case .auto: useColour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
        print(explanation.render(colour: useColour), terminator: "")
    }
}
