import CCGModel
import CCGReport
import Foundation

/// A report read back from its file, for the commands that work on reports (`export`, `explain`).
public enum ReportFile {
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public static func read(_ path: String) throws -> JSONValue {
        guard let data = RegularFile.contents(of: path) else { throw Unreadable(description: "cannot read \(path) (not a regular file that can be read)") }
        let json: JSONValue
        do { json = try JSONValueParser.parse(data) } catch {
            throw Unreadable(description: "\(path) is not JSON (\(error))")
        }
        guard json["contractVersion"] != nil, json["documents"]?.arrayValue != nil else {
            throw Unreadable(description: "\(path) is not a ccgtext report (no contractVersion or documents)")
        }
        return json
    }
}
