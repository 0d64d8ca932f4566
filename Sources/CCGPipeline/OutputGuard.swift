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
    /// and, when `inputs` is given, against the files the run would read.
    public static func check(report: String?, exporters: [any ReportExporter], inputs: InputDiscovery.Found? = nil) throws(Conflict) {
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
        var owners: [[UInt8]: Written] = [:]
        for file in written {
            let key = Self.key(file.path)
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
        guard let inputs else { return }
        let inputKeys = Set(inputs.files.map(Self.key))
        for file in written {
            guard inputKeys.contains(Self.key(file.path)) else { continue }
            if let wroteBefore = file.wroteBefore, wroteBefore(file.path) { continue }
            throw Conflict(
                "\(file.owner) would overwrite \(file.path), which is one of the inputs and not an output ccgtext wrote; "
                    + "write it elsewhere (nothing was read or written)")
        }
    }

    /// The files among `inputs` that an output of this run writes (earlier outputs inside an input folder,
    /// which `check` has let through): they are not read.
    public static func outputs(among inputs: [String], report: String, exporters: [any ReportExporter]) -> Set<[UInt8]> {
        let written = Set(([report] + exporters.flatMap(\.writes)).map(Self.key))
        return Set(inputs.map(Self.key).filter(written.contains))
    }

    /// The resolved folder and the name, as bytes: one key for each directory entry however it is spelt
    /// ("./a", "dir/../a", a linked folder).
    public static func key(_ path: String) -> [UInt8] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let url = URL(fileURLWithPath: absolute)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent().path
        let resolved = FileStatus.realPath(folder) ?? URL(fileURLWithPath: folder).standardizedFileURL.path
        return Array((resolved == "/" ? "/" + name : resolved + "/" + name).utf8)
    }
}
