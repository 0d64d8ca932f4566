import CCGModel
import CCGReport
import Foundation

/// A report read back from its file, for the commands that work on reports (`export`, `explain`,
/// `summary`): its envelope at once, its documents one at a time (`ReportReader`).
public enum ReportFile {
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public static func open(_ path: String) throws -> ReportReader {
        let reader: ReportReader
        do { reader = try ReportReader(path: path) } catch {
            throw Unreadable(description: "\(error)")
        }
        guard reader.envelope["contractVersion"] != nil else {
            throw Unreadable(description: "\(path) is not a ccgtext report (no contractVersion)")
        }
        return reader
    }
}
