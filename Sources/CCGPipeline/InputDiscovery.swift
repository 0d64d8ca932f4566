import Foundation

/// Expands the paths a user gives into the files to read, in a stable order.
///
/// A file named explicitly is always read (its format is sniffed); inside a directory only files with
/// a document extension are, so READMEs, licences and hidden files next to a corpus are left alone, and
/// `plugins/` folders (external analysers and their data, docs/plugins.md) are not searched.
public enum InputDiscovery {
    public static let documentExtensions: Set<String> = ["html", "htm", "xhtml", "txt", "text", "json", "jsonl", "ndjson", "csv", "tsv"]

    /// Whether a directory entry is a document: a document extension, optionally gzip-compressed
    /// ("page.html.gz").
    public static func isDocument(_ name: String) -> Bool {
        var fileExtension = (name as NSString).pathExtension.lowercased()
        if fileExtension == "gz" { fileExtension = ((name as NSString).deletingPathExtension as NSString).pathExtension.lowercased() }
        return documentExtensions.contains(fileExtension)
    }

    public struct Found: Sendable {
        public var files: [String]
        /// Paths that do not exist or cannot be listed, with the reason.
        public var problems: [(path: String, message: String)]
    }

    public static func find(_ paths: [String]) -> Found {
        var files: [String] = []
        var problems: [(String, String)] = []
        let manager = FileManager.default
        for raw in paths {
            let path = raw.count > 1 && raw.hasSuffix("/") ? String(raw.dropLast()) : raw
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append((path, "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                problems.append((path, "cannot list directory"))
                continue
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name == "plugins" {
                    if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory {
                        enumerator.skipDescendants()
                        continue
                    }
                    if name.hasPrefix(".") { continue }
                }
                if name.hasSuffix(".plugin.json") { continue }
                guard isDocument(name) else { continue }
                let full = path == "." ? relative : "\(path)/\(relative)"
                var nestedIsDirectory: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &nestedIsDirectory) {
                    if !nestedIsDirectory.boolValue { found.append(full) }
                } else if (enumerator.fileAttributes?[.type] as? FileAttributeType) != .typeSymbolicLink {
                    // Listed but not there by the name the listing gave: a name that is not UTF-8 (Foundation
                    // cannot name it back), or a file removed meanwhile. Said, not dropped in silence.
                    problems.append((full, "listed in the folder but cannot be opened by this name (a file name that is not UTF-8, or a file removed while listing); rename it to UTF-8"))
                }
            }
            files += found.sorted()
        }
        var seen: Set<String> = []
        return Found(files: files.filter { seen.insert($0).inserted }, problems: problems)
    }
}
