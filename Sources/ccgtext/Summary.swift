import ArgumentParser
import Foundation
import CCGModel
import CCGReport
import StanceAnalyser

/// Reads a report back and prints its stance summaries for people.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a report's stance summaries as tables (the corpus, each debate with its sides, comments by author role and by month), then each debate side's themes and distinctive phrases.",
        discussion: """
            Reads the JSON report written by `ccgtext analyze` (the stance analyser must have run). Counts are followed \
            by their share of the row.
            Exit codes: 0 printed; 2 usage error; 4 the report could not be read or has no stance summary this version reads.
            """)

    @Argument(help: ArgumentHelp("The report written by `ccgtext analyze`.", valueName: "report.json"))
    var report: String

    struct Head: Decodable {
        struct Corpus: Decodable {
            struct Analyses: Decodable { var stance: StanceAnalyser.CorpusSummary? }
            var documents: Int
            var units: Int
            var analyses: Analyses
        }
        var corpus: Corpus
    }

    struct Unusable: Error, CustomStringConvertible {
        var description: String
    }

    func run() throws {
        let table = try exitingOnFailure {
            let reader: ReportReader
            do { reader = try ReportReader(path: report) } catch {
                throw Unusable(description: "\(report) is not a ccgtext report that can be read (\(error))")
            }
            let head: Head
            do { head = try reader.envelope.decode(as: Head.self) } catch {
                let reason: String
                switch error {
                case DecodingError.keyNotFound(let key, let context):
                    reason = "no field \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
                case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
                    reason = "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
                default: reason = "not JSON"
                }
                throw Unusable(description: "\(report) is not a ccgtext report this version reads (\(reason)); run `ccgtext analyze` again")
            }
            guard let stance = head.corpus.analyses.stance else {
                throw Unusable(description: "\(report) has no stance summary: run `ccgtext analyze` with the stance analyser")
            }
            let stanceTable = StanceSummaryTable(summary: stance, documents: head.corpus.documents, units: head.corpus.units)
            var themes = ThemesSummaryTable()
            try reader.forEachDocument { document in
                themes.add(document: document)
                return true
            }
            return stanceTable.text + (themes.text.isEmpty ? "" : "\n\n" + themes.text)
        }
        show(table)
    }
}
