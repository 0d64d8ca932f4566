import CCGReport
import Foundation

/// Refuses, before any work, a run whose outputs would destroy something: an output path that names one of
/// the run's inputs (unless the file there is one ccgtext wrote before), or two outputs, or an output and
/// another's staging or scratch file, that are one file.
///
/// Every output is written beside its path and renamed into place, so a file is the same output when its
/// directory entry is: the key is the resolved folder and the name, compared as bytes (two names that are
/// canonically equivalent Unicode are two entries on Linux).
public enum OutputGuard {
    /// Why the run cannot start; a usage error.
    public struct Conflict: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// One file an output writes: its final path, what writes it (for messages) and how to recognise an earlier one.
    struct Written {
        var path: String
        var owner: String
        /// Nil for staging and scratch files, which never hold anything of a user's.
        var wroteBefore: ((String) -> Bool)?
    }

    /// Checks the report at `report` (nil for commands that write none) and `exporters` against one another
    /// and, when `inputs` is given, against the files the run would read. Returns the inputs that are
    /// earlier outputs of ccgtext's which this run replaces (inside an input folder), as the bytes of their
    /// paths: they are not read.
    @discardableResult
    public static func check(report: String?, exporters: [any ReportExporter], inputs: InputDiscovery.Found? = nil) throws(Conflict) -> Set<[UInt8]> {
        var written: [Written] = []
        if let report {
            written.append(Written(path: report, owner: "the report (-o)", wroteBefore: Report.isReportFile))
            written.append(Written(path: Report.temporaryPath(beside: report), owner: "the report's temporary file", wroteBefore: nil))
        }
        for exporter in exporters {
            for path in exporter.writes {
                written.append(Written(path: path, owner: exporter.name, wroteBefore: exporter.wroteBefore))
                written.append(Written(path: Report.temporaryPath(beside: path), owner: "the temporary file of \(exporter.name)", wroteBefore: nil))
            }
            written += exporter.scratch.map { Written(path: $0, owner: "a scratch file of \(exporter.name)", wroteBefore: nil) }
        }
        var folders: [[UInt8]: String] = [:]
        var owners: [[UInt8]: Written] = [:]
        for file in written {
            let key = Self.key(file.path, folders: &folders)
            if let other = owners[key] {
                throw Conflict("\(file.owner) and \(other.owner) would both write \(file.path); give them different paths")
            }
            owners[key] = file
        }
        for file in written where file.wroteBefore != nil {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw Conflict("\(file.owner) names a folder, not a file: \(file.path)")
            }
        }
        guard let inputs else { return [] }
        var replaced: Set<[UInt8]> = []
        for input in inputs.files {
            guard let file = owners[Self.key(input, folders: &folders)] else { continue }
            if let wroteBefore = file.wroteBefore, wroteBefore(file.path) {
                replaced.insert(Array(input.utf8))
                continue
            }
            throw Conflict(
                "\(file.owner) would overwrite \(file.path), which is one of the inputs and not an output ccgtext wrote; "
                    + "write it elsewhere (nothing was read or written)")
        }
        return replaced
    }

    /// The resolved folder and the name, as bytes: one key for each directory entry however it is spelt
    /// ("./a", "dir/../a", a linked folder).
    public static func key(_ path: String) -> [UInt8] {
        var folders: [[UInt8]: String] = [:]
        return key(path, folders: &folders)
    }

    /// As `key(_:)`, resolving each folder once (a crawl's files share a few folders).
    static func key(_ path: String, folders: inout [[UInt8]: String]) -> [UInt8] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let url = URL(fileURLWithPath: absolute)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent().path
        let resolved: String
        if let known = folders[Array(folder.utf8)] {
            resolved = known
        } else {
            resolved = FileStatus.realPath(folder) ?? URL(fileURLWithPath: folder).standardizedFileURL.path
            folders[Array(folder.utf8)] = resolved
        }
        return Array((resolved == "/" ? "/" + name : resolved + "/" + name).utf8)
    }
}
